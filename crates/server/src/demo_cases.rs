//! Demo cases at different stages, created through the application's own services (so
//! their history chains are real), on a clock that starts two weeks ago: one case in each
//! major state, one in service with an overdue task sheet, and aftercare on the archived one
//! (a department rated 不满意 with its rectification still to answer, a follow-up visit
//! recorded and the next one planned).

use butler_app::auth::actor_of;
use butler_app::cases::{self as cases_svc, CaseBundle};
use butler_app::clock::Clock;
use butler_app::commands::*;
use butler_app::sheets as sheets_svc;
use butler_app::{AppError, Context};
use butler_domain::calendar::TIME_ZONE;
use butler_domain::case::sheet::Decision;
use butler_domain::policy::Actor;
use butler_persistence::repo::{departments, items, tenants, users};
use chrono::{DateTime, Duration, NaiveTime, Utc};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use uuid::Uuid;

/// The demo's draft application (no national project code yet).
const DRAFT_PROJECT: &str = "新能源储能电站项目";

/// A clock the loader moves by hand.
struct StepClock(Mutex<DateTime<Utc>>);

impl StepClock {
    fn advance(&self, by: Duration) {
        let mut t = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *t += by;
    }
}

impl Clock for StepClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

struct Demo {
    state: Context,
    clock: Arc<StepClock>,
    actors: HashMap<String, Actor>,
    items: HashMap<String, Uuid>,
    departments: HashMap<String, Uuid>,
    /// Serials of the national project codes given so far.
    project_codes: AtomicU32,
}

impl Demo {
    fn actor(&self, username: &str) -> Result<&Actor, AppError> {
        self.actors.get(username).ok_or(AppError::NotFound)
    }

    fn user(&self, username: &str) -> Result<Uuid, AppError> {
        Ok(self.actor(username)?.user_id)
    }

    fn item(&self, code: &str) -> Result<Uuid, AppError> {
        self.items.get(code).copied().ok_or(AppError::NotFound)
    }

    async fn run(&self, who: &str, id: Uuid, cmd: CaseCommand) -> Result<CaseBundle, AppError> {
        self.clock.advance(Duration::minutes(40));
        cases_svc::run(&self.state, self.actor(who)?, id, None, cmd).await
    }

    async fn task(&self, who: &str, id: Uuid, cmd: TaskCommand) -> Result<(), AppError> {
        self.clock.advance(Duration::minutes(20));
        sheets_svc::run(&self.state, self.actor(who)?, id, None, cmd).await.map(|_| ())
    }

    /// A national project code issued this month in the county (fictional serials).
    fn project_code(&self) -> Option<ProjectCode> {
        let serial = 20_000 + 731 * self.project_codes.fetch_add(1, Ordering::Relaxed);
        let body =
            format!("{}-{}-00-01-{serial:05}", self.clock.now().format("%y%m"), crate::demo::DEMO_COUNTY.division);
        ProjectCode::complete(&body).ok()
    }

    async fn apply(&self, who: &str, project: &str, investment_wan: i64, codes: &[&str]) -> Result<Uuid, AppError> {
        self.clock.advance(Duration::minutes(30));
        // The draft has no code yet: the platform issues it once the project is registered.
        let project_code = if who == "enterprise" && project == DRAFT_PROJECT { None } else { self.project_code() };
        let input = Application {
            enterprise_id: None,
            project_name: project.to_owned(),
            industry_code: "C3061".to_owned(),
            total_investment_fen: investment_wan * 1_000_000,
            location: "大姚县金碧镇工业片区".to_owned(),
            project_code,
            agreement_signed_on: Some(self.clock.now().date_naive() - chrono::Days::new(30)),
            brief: format!("{project}：新建厂房及配套设施。"),
            contact_name: "周晓明".to_owned(),
            contact_phone: "13800000041".to_owned(),
            items: codes
                .iter()
                .map(|c| Ok(RequestedItem { catalog_item_id: Some(self.item(c)?), name: None, department_id: None }))
                .collect::<Result<_, AppError>>()?,
        };
        Ok(cases_svc::create(&self.state, self.actor(who)?, &input).await?.case.id)
    }

    async fn accepted(&self, who: &str, project: &str, investment_wan: i64, codes: &[&str]) -> Result<Uuid, AppError> {
        let id = self.apply(who, project, investment_wan, codes).await?;
        self.run(who, id, CaseCommand::Submit).await?;
        let review = Review {
            recommendation: "符合产业政策，投资额达到门槛，建议受理。".into(),
            policy_checks: PolicyChecks {
                industrial: true,
                land: true,
                environmental: true,
                safety: true,
                energy: true,
            },
        };
        self.run("investment_officer", id, CaseCommand::Review(review)).await?;
        self.run("investment_leader", id, CaseCommand::Accept).await?;
        Ok(id)
    }

    /// Team, plan (the first item a prerequisite of the last), agreement, entrustment,
    /// dispatch.
    async fn in_service(&self, who: &str, project: &str, plan: &[(&str, &str, &str)]) -> Result<CaseBundle, AppError> {
        let codes: Vec<&str> = plan.iter().map(|p| p.0).collect();
        let id = self.accepted(who, project, 28_000, &codes).await?;
        let team = Team {
            responsible_leader_id: self.user("leader-natural-resources")?,
            lead_agent_id: self.user("window_agent")?,
            co_agent_ids: plan.iter().map(|p| self.user(&format!("agent-{}", p.1))).collect::<Result<_, _>>()?,
        };
        self.run("office", id, CaseCommand::FormTeam(team)).await?;
        let last = plan.len() as i32;
        let plan_in = Plan {
            items: plan
                .iter()
                .enumerate()
                .map(|(i, (code, dept, promised))| {
                    Ok(PlanItem {
                        catalog_item_id: Some(self.item(code)?),
                        name: None,
                        department_id: None,
                        promised_limit: Some((*promised).to_owned()),
                        legal_limit: None,
                        allows_commitment: None,
                        max_extension_days: None,
                        agent_id: self.user(&format!("agent-{dept}"))?,
                        prerequisites: if i as i32 + 1 == last && last > 1 { vec![1] } else { vec![] },
                        materials: None,
                        missing_materials: vec![],
                    })
                })
                .collect::<Result<_, AppError>>()?,
        };
        self.run("office", id, CaseCommand::ProposePlan(plan_in)).await?;
        self.run(who, id, CaseCommand::AgreePlan).await?;
        self.run("window_agent", id, CaseCommand::SignAgreement { notification_text: None }).await?;
        self.run("window_agent", id, CaseCommand::StartService).await
    }

    fn department(&self, code: &str) -> Result<Uuid, AppError> {
        self.departments.get(code).copied().ok_or(AppError::NotFound)
    }
}

fn sheet_of(b: &CaseBundle, department: Uuid) -> Result<Uuid, AppError> {
    b.sheets.iter().find(|s| s.department_id == department && s.open).map(|s| s.id).ok_or(AppError::NotFound)
}

/// Loads the demo cases into `tenant_code`, starting two weeks before `now`.
pub async fn load(state: &Context, tenant_code: &str, now: DateTime<Utc>) -> Result<usize, AppError> {
    let tenant = tenants::find_by_code(&state.db, tenant_code).await?.ok_or(AppError::NotFound)?;
    let clock = Arc::new(StepClock(Mutex::new(now - Duration::days(14))));
    let mut demo_state = state.clone();
    demo_state.clock = clock.clone();
    let mut actors = HashMap::new();
    let mut page = butler_persistence::PageRequest::first(200);
    loop {
        let list = users::list(&state.db, tenant.id, &Default::default(), page).await?;
        for u in &list.items {
            actors.insert(u.username.clone(), actor_of(u)?);
        }
        match list.next_cursor {
            Some(c) => page.after = Some(butler_persistence::Cursor::decode(&c)?),
            None => break,
        }
    }
    let catalog =
        items::list_current(&state.db, tenant.id, &Default::default(), butler_persistence::PageRequest::first(200))
            .await?;
    let items = catalog.items.into_iter().map(|i| (i.item.code, i.item.id)).collect();
    let departments = departments::all(&state.db, tenant.id).await?.into_iter().map(|d| (d.code, d.id)).collect();
    let d = Demo { state: demo_state, clock, actors, items, departments, project_codes: AtomicU32::new(0) };

    // Archived: the whole way, with results passed back and an evaluation that rates one
    // department 不满意, which opens a rectification (整改) due in 15 working days.
    let done = d
        .in_service(
            "enterprise",
            "光伏组件封装材料扩建项目",
            &[("DY-001", "development-reform", "3"), ("DY-027", "market-regulation", "2")],
        )
        .await?;
    let first = sheet_of(&done, d.department("development-reform")?)?;
    d.task("agent-development-reform", first, TaskCommand::Acknowledge).await?;
    let approve = |n: &str| TaskCommand::Finish(Decision::Approved { document_number: n.to_owned() });
    d.task("agent-development-reform", first, approve("姚发改备〔2026〕31号")).await?;
    let done = cases_svc::load(&d.state.db, tenant.id, done.case.id).await?;
    let second = sheet_of(&done, d.department("market-regulation")?)?;
    d.task("agent-market-regulation", second, TaskCommand::Acknowledge).await?;
    d.task("agent-market-regulation", second, approve("姚市监登〔2026〕108号")).await?;
    for sheet in [first, second] {
        d.clock.advance(Duration::minutes(10));
        sheets_svc::record_result_notice(
            &d.state,
            d.actor("window_agent")?,
            sheet,
            &ResultNotice { channel: ResultNoticeChannel::Phone, note: None },
        )
        .await?;
    }
    let handover = CaseCommand::Complete {
        handed_over_documents: vec!["企业投资项目备案证".into(), "营业执照".into()],
    };
    d.run("office", done.case.id, handover).await?;
    d.run("enterprise", done.case.id, CaseCommand::Confirm).await?;
    let evaluation = Evaluation {
        declined: false,
        level: Some(EvaluationLevel::Satisfied),
        comment: Some("全程帮办，省心省力；营业执照登记往返了两次。".into()),
        departments: vec![
            DepartmentEvaluation {
                department_id: d.department("development-reform")?,
                level: EvaluationLevel::VerySatisfied,
                comment: None,
            },
            DepartmentEvaluation {
                department_id: d.department("market-regulation")?,
                level: EvaluationLevel::Dissatisfied,
                comment: Some("登记材料要求前后不一致，一次性告知不到位。".into()),
            },
        ],
    };
    d.run("enterprise", done.case.id, CaseCommand::Evaluate(evaluation)).await?;
    let evaluated_at = d.clock.now();
    // The first follow-up visit (回访), planned for a week after the evaluation at 09:30
    // 北京时间 (Asia/Shanghai is UTC+8 all year); it is recorded at the end.
    let visit_day = evaluated_at.with_timezone(&TIME_ZONE).date_naive() + chrono::Days::new(7);
    let visit_at = (visit_day.and_time(NaiveTime::MIN) + Duration::minutes(90)).and_utc();
    d.clock.advance(Duration::minutes(10));
    let first_visit = FollowUpPlan { scheduled_for: visit_day, method: FollowUpMethod::Visit };
    let visit = cases_svc::schedule_follow_up(&d.state, d.actor("office")?, done.case.id, &first_visit).await?;

    // In service, with one sheet finished, one paused for 补正 and one overdue, never acknowledged.
    let busy = d
        .in_service(
            "enterprise",
            "年产 5 万吨绿色新材料项目",
            &[
                ("DY-007", "natural-resources", "3"),
                ("DY-009", "ecology-environment", "5"),
                ("DY-014", "water", "1"),
                ("DY-021", "housing-construction", "5"),
            ],
        )
        .await?;
    let land = sheet_of(&busy, d.department("natural-resources")?)?;
    d.task("agent-natural-resources", land, TaskCommand::Acknowledge).await?;
    d.task("agent-natural-resources", land, approve("姚自然资规〔2026〕12号")).await?;
    let eia = sheet_of(&busy, d.department("ecology-environment")?)?;
    d.task("agent-ecology-environment", eia, TaskCommand::Acknowledge).await?;
    let correction = TaskCommand::RequestCorrection {
        reason: "环境影响报告表缺少大气预测章节".into(),
        materials: vec!["环境影响报告表（修改稿）".into()],
    };
    d.task("agent-ecology-environment", eia, correction).await?;

    // Completed, waiting for the enterprise's confirmation.
    let closing =
        d.in_service("enterprise-2", "特色农产品精深加工项目", &[("DY-023", "housing-construction", "1")]).await?;
    let drain = sheet_of(&closing, d.department("housing-construction")?)?;
    d.task("agent-housing-construction", drain, TaskCommand::Acknowledge).await?;
    d.task("agent-housing-construction", drain, approve("姚建排〔2026〕5号")).await?;
    sheets_svc::record_result_notice(
        &d.state,
        d.actor("window_agent")?,
        drain,
        &ResultNotice { channel: ResultNoticeChannel::InApp, note: None },
    )
    .await?;
    d.run("office", closing.case.id, CaseCommand::Complete { handed_over_documents: vec!["排水许可证".into()] })
        .await?;

    // Terminated midway.
    let stopped = d.in_service("enterprise-2", "文旅康养综合体项目", &[("DY-018", "natural-resources", "2")]).await?;
    d.run("office", stopped.case.id, CaseCommand::Terminate { reason: "企业主动申请终止：项目选址调整".into() })
        .await?;

    // Plan proposed, waiting for the enterprise.
    let planned = d.accepted("enterprise-2", "农光互补示范项目", 15_000, &["DY-012", "DY-017"]).await?;
    let team = Team {
        responsible_leader_id: d.user("leader-water")?,
        lead_agent_id: d.user("window_agent")?,
        co_agent_ids: vec![d.user("agent-water")?, d.user("agent-meteorology")?],
    };
    d.run("office", planned, CaseCommand::FormTeam(team)).await?;
    let plan = Plan {
        items: vec![
            PlanItem {
                catalog_item_id: Some(d.item("DY-012")?),
                name: None,
                department_id: None,
                promised_limit: None,
                legal_limit: None,
                allows_commitment: None,
                max_extension_days: None,
                agent_id: d.user("agent-water")?,
                prerequisites: vec![],
                materials: None,
                missing_materials: vec![],
            },
            PlanItem {
                catalog_item_id: Some(d.item("DY-017")?),
                name: None,
                department_id: None,
                promised_limit: None,
                legal_limit: None,
                allows_commitment: None,
                max_extension_days: None,
                agent_id: d.user("agent-meteorology")?,
                prerequisites: vec![],
                materials: None,
                missing_materials: vec![],
            },
        ],
    };
    d.run("office", planned, CaseCommand::ProposePlan(plan)).await?;

    // Accepted, the team not yet formed (its 1-working-day deadline has passed).
    d.accepted("enterprise", "绿色建材产业园项目", 60_000, &["DY-003", "DY-019"]).await?;
    // Submitted, waiting for review; and a draft.
    let submitted = d.apply("enterprise-2", "高原特色水果冷链物流项目", 8_000, &["DY-001", "DY-028"]).await?;
    d.run("enterprise-2", submitted, CaseCommand::Submit).await?;
    d.apply("enterprise", DRAFT_PROJECT, 45_000, &["DY-001"]).await?;

    // The visit is recorded on its day, last so that moving the clock on changes no other
    // case, and the next one is planned three weeks from now. The rectification is left for
    // the department to answer.
    let recorded_at = visit_at + Duration::hours(2);
    if recorded_at > d.clock.now() {
        d.clock.advance(recorded_at - d.clock.now());
    }
    let office = d.actor("office")?;
    let notes =
        "上门走访：项目已试生产，企业对帮办服务总体满意；反映营业执照登记材料要求前后不一，已转市场监管局整改。";
    cases_svc::record_follow_up(&d.state, office, done.case.id, visit.id, notes).await?;
    d.clock.advance(Duration::minutes(10));
    let next = FollowUpPlan {
        scheduled_for: now.with_timezone(&TIME_ZONE).date_naive() + chrono::Days::new(21),
        method: FollowUpMethod::Phone,
    };
    cases_svc::schedule_follow_up(&d.state, office, done.case.id, &next).await?;
    // Archived last: an archived file takes no more visits (it is read-only).
    d.run("office", done.case.id, CaseCommand::Archive).await?;
    Ok(8)
}
