//! Nobody sees another tenant's data, and an enterprise sees only itself.

use crate::helpers::*;

async fn an_enterprise_sees_only_its_own_enterprise(backend: Backend) {
    let app = spawn_app(backend).await;
    let office = app.token("office").await;
    let all = app.get("/api/v1/enterprises", &office).await;
    assert_eq!(all.status, 200);
    let all = all.body["items"].as_array().unwrap().clone();
    assert_eq!(all.len(), 2);

    let mine = app.token("enterprise").await;
    let me = app.get("/api/v1/me", &mine).await;
    let my_id = me.body["enterprise"]["id"].as_str().unwrap().to_owned();
    let listed = app.get("/api/v1/enterprises", &mine).await;
    let ids: Vec<&str> = listed.body["items"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec![my_id.as_str()]);
    assert_eq!(app.get(&format!("/api/v1/enterprises/{my_id}"), &mine).await.status, 200);

    let other = all.iter().map(|e| e["id"].as_str().unwrap()).find(|id| *id != my_id).unwrap();
    app.get(&format!("/api/v1/enterprises/{other}"), &mine).await.assert_problem(404, "not_found");
    // The other enterprise's user sees it, and not the first.
    let theirs = app.token("enterprise-2").await;
    assert_eq!(app.get(&format!("/api/v1/enterprises/{other}"), &theirs).await.status, 200);
    app.get(&format!("/api/v1/enterprises/{my_id}"), &theirs).await.assert_problem(404, "not_found");

    // Searching by part of the name or the start of the credit code; never past the caller's scope.
    let names = |r: Reply| -> Vec<String> {
        assert_eq!(r.status, 200, "{}", r.body);
        r.body["items"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(
        names(app.get("/api/v1/enterprises?q=%E6%96%B0%E6%9D%90%E6%96%99", &office).await),
        ["大姚示例新材料科技有限公司"]
    );
    let code = all.iter().find(|e| e["id"] == other).unwrap()["credit_code"].as_str().unwrap().to_lowercase();
    assert_eq!(names(app.get(&format!("/api/v1/enterprises?q={}", &code[..17]), &office).await).len(), 1);
    assert_eq!(names(app.get("/api/v1/enterprises?q=%25", &office).await), Vec::<String>::new(), "% is literal");
    assert_eq!(names(app.get("/api/v1/enterprises?q=%E7%A4%BA%E4%BE%8B", &office).await).len(), 2);
    assert_eq!(names(app.get("/api/v1/enterprises?q=%E7%A4%BA%E4%BE%8B", &mine).await).len(), 1);
    let long = "x".repeat(101);
    let r = app.get(&format!("/api/v1/enterprises?q={long}"), &office).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("q".to_owned(), "length".to_owned())]);
}

async fn another_tenant_is_invisible(backend: Backend) {
    let app = spawn_app(backend).await;
    app.add_tenant("yongren", "永仁县", "532327").await;

    // Each tenant signs in separately; the same user name is another person.
    let dayao = app.token("office").await;
    let (yongren, _) = app.login_in("yongren", "office").await;
    let me = app.get("/api/v1/me", &yongren).await;
    assert_eq!(me.body["tenant"]["code"], "yongren");

    let theirs = app.get("/api/v1/enterprises", &yongren).await.body["items"].as_array().unwrap().clone();
    let their_enterprise = theirs[0]["id"].as_str().unwrap();
    app.get(&format!("/api/v1/enterprises/{their_enterprise}"), &dayao).await.assert_problem(404, "not_found");
    let mine = app.get("/api/v1/enterprises", &dayao).await.body["items"].as_array().unwrap().clone();
    assert!(mine.iter().all(|e| e["id"] != theirs[0]["id"]));

    let their_users = app.get("/api/v1/users?limit=5", &yongren).await.body["items"].as_array().unwrap().clone();
    let their_user = their_users[0]["id"].as_str().unwrap();
    app.get(&format!("/api/v1/users/{their_user}"), &dayao).await.assert_problem(404, "not_found");

    let their_items = app.get("/api/v1/items?limit=1", &yongren).await.body["items"].as_array().unwrap().clone();
    let their_item = their_items[0]["id"].as_str().unwrap();
    app.get(&format!("/api/v1/items/{their_item}"), &dayao).await.assert_problem(404, "not_found");

    let departments = app.get("/api/v1/departments?limit=200", &dayao).await;
    assert!(
        departments.body["items"].as_array().unwrap().iter().all(|d| d["name"].as_str().unwrap().starts_with("大姚县"))
    );

    // A dayao password does not open yongren for a user who only exists in dayao.
    app.login_reply("yongren", "nobody-here", PASSWORD).await.assert_problem(401, "invalid_credentials");
}

async fn roles_are_enforced(backend: Backend) {
    let app = spawn_app(backend).await;
    let enterprise = app.token("enterprise").await;
    app.get("/api/v1/users", &enterprise).await.assert_problem(403, "forbidden");
    // An agent lists its own department's colleagues (to transfer a sheet to) and no one else.
    let agent = app.token("agent-water").await;
    let colleagues = app.get("/api/v1/users", &agent).await;
    assert_eq!(colleagues.status, 200, "{}", colleagues.body);
    let names: Vec<&str> =
        colleagues.body["items"].as_array().unwrap().iter().map(|u| u["username"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["agent-water", "leader-water"]);
    let elsewhere =
        app.get("/api/v1/departments?limit=1", &agent).await.body["items"][0]["id"].as_str().unwrap().to_owned();
    app.get(&format!("/api/v1/users?department_id={elsewhere}"), &agent).await.assert_problem(403, "forbidden");
    for role in ["window_agent", "investment_officer", "investment_leader"] {
        app.get("/api/v1/users", &app.token(role).await).await.assert_problem(403, "forbidden");
    }
    let office = app.token("office").await;
    app.post(
        "/api/v1/departments",
        &office,
        serde_json::json!({"code": "archives", "name": "大姚县档案馆", "short_name": "档案馆"}),
    )
    .await
    .assert_problem(403, "forbidden");

    // A department leader lists its own department's users and no other's.
    let leader = app.token("leader-water").await;
    let me = app.get("/api/v1/me", &leader).await;
    let dept = me.body["department"]["id"].as_str().unwrap().to_owned();
    let own = app.get("/api/v1/users", &leader).await;
    assert_eq!(own.status, 200);
    let names: Vec<&str> =
        own.body["items"].as_array().unwrap().iter().map(|u| u["username"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["agent-water", "leader-water"]);
    assert!(own.body["items"].as_array().unwrap().iter().all(|u| u["department_id"] == dept.as_str()));
    let other =
        app.get("/api/v1/departments?limit=1", &leader).await.body["items"][0]["id"].as_str().unwrap().to_owned();
    app.get(&format!("/api/v1/users?department_id={other}"), &leader).await.assert_problem(403, "forbidden");
}

crate::on_both_databases!(an_enterprise_sees_only_its_own_enterprise, another_tenant_is_invisible, roles_are_enforced);
