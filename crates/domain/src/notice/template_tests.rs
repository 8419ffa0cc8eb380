use proptest::prelude::*;

use super::*;

fn project() -> ProjectRef {
    ProjectRef { name: "滇中新材料产业园".to_owned(), number: "EXAMPLE-2026-0001".to_owned() }
}

fn dispatched() -> NoticeParams {
    NoticeParams::TaskDispatched { project: project(), item: "施工许可".to_owned() }
}

#[test]
fn every_default_text_parses_for_its_kind_in_both_languages() {
    for kind in NotificationKind::ALL {
        for language in Language::ALL {
            let (title, body) = default_text(kind, language);
            assert!(Template::parse(kind, title, body).is_ok(), "{kind} {language:?}");
        }
    }
}

#[test]
fn the_default_of_a_simple_kind_renders_as_the_built_in_wording() {
    for language in Language::ALL {
        let (title, body) = default_text(NotificationKind::TaskDispatched, language);
        let template = Template::parse(NotificationKind::TaskDispatched, title, body).unwrap();
        assert_eq!(template.render(&dispatched(), language), dispatched().render(language));
    }
}

#[test]
fn placeholders_are_filled_from_the_parameters() {
    let template =
        Template::parse(NotificationKind::TaskDispatched, "【{item}】", "{project_name}/{case_number}: {project}")
            .unwrap();
    let zh = template.render(&dispatched(), Language::Chinese);
    assert_eq!(zh.title, "【施工许可】");
    assert_eq!(zh.body, "滇中新材料产业园/EXAMPLE-2026-0001: 项目“滇中新材料产业园”（EXAMPLE-2026-0001）");
    let en = template.render(&dispatched(), Language::English);
    assert_eq!(en.body, "滇中新材料产业园/EXAMPLE-2026-0001: project “滇中新材料产业园” (EXAMPLE-2026-0001)");
}

#[test]
fn doubled_braces_are_literal_braces() {
    let template = Template::parse(NotificationKind::TaskDispatched, "{{{item}}}", "}}{{").unwrap();
    let r = template.render(&dispatched(), Language::Chinese);
    assert_eq!((r.title.as_str(), r.body.as_str()), ("{施工许可}", "}{"));
}

#[test]
fn an_unknown_placeholder_is_named() {
    let err = Template::parse(NotificationKind::OneTimeNotification, "告知", "{text} {project}").unwrap_err();
    assert_eq!(err, TemplateError::UnknownPlaceholder { field: TemplateField::Body, name: "project".to_owned() });
    assert!(err.to_string().contains("{project}"));
    let err = Template::parse(NotificationKind::TaskDispatched, "{due}", "x").unwrap_err();
    assert_eq!(err.field(), TemplateField::Title);
}

#[test]
fn unbalanced_braces_empty_and_long_texts_are_refused() {
    let k = NotificationKind::TaskDispatched;
    for bad in ["{item", "item}", "{it{em}", "{"] {
        assert_eq!(
            Template::parse(k, "t", bad).unwrap_err(),
            TemplateError::UnbalancedBrace { field: TemplateField::Body },
            "{bad}"
        );
    }
    assert_eq!(Template::parse(k, "  ", "b").unwrap_err(), TemplateError::Empty { field: TemplateField::Title });
    assert_eq!(Template::parse(k, "t", "").unwrap_err(), TemplateError::Empty { field: TemplateField::Body });
    let title = "题".repeat(MAX_TITLE_CHARS + 1);
    assert_eq!(
        Template::parse(k, &title, "b").unwrap_err(),
        TemplateError::TooLong { field: TemplateField::Title, max: MAX_TITLE_CHARS }
    );
    assert!(Template::parse(k, &"题".repeat(MAX_TITLE_CHARS), &"文".repeat(MAX_BODY_CHARS)).is_ok());
    assert!(Template::parse(k, "t", &"文".repeat(MAX_BODY_CHARS + 1)).is_err());
}

#[test]
fn the_set_uses_a_template_only_for_its_kind_and_language() {
    let mut set = Templates::default();
    set.insert(Language::English, Template::parse(NotificationKind::TaskDispatched, "T {item}", "B").unwrap());
    assert_eq!(set.render(&dispatched(), Language::English).title, "T 施工许可");
    assert_eq!(set.render(&dispatched(), Language::Chinese), dispatched().render(Language::Chinese));
    let other = NoticeParams::OneTimeNotification { text: "请携带原件".to_owned() };
    assert_eq!(set.render(&other, Language::English), other.render(Language::English));
}

proptest! {
    #[test]
    fn text_without_braces_renders_as_written(title in "[^{}]{1,50}", body in "[^{}]{1,200}") {
        prop_assume!(!title.trim().is_empty() && !body.trim().is_empty());
        let template = Template::parse(NotificationKind::TaskDispatched, &title, &body).unwrap();
        let r = template.render(&dispatched(), Language::Chinese);
        prop_assert_eq!(r.title, title);
        prop_assert_eq!(r.body, body);
    }

    #[test]
    fn every_offered_placeholder_parses_and_others_are_refused(name in "[a-z_]{1,20}") {
        for kind in NotificationKind::ALL {
            let parsed = Template::parse(kind, "t", &format!("x {{{name}}} y"));
            if placeholders(kind).contains(&name.as_str()) {
                prop_assert!(parsed.is_ok());
            } else {
                prop_assert_eq!(
                    parsed.unwrap_err(),
                    TemplateError::UnknownPlaceholder { field: TemplateField::Body, name: name.clone() }
                );
            }
        }
    }

    #[test]
    fn parsing_never_panics(title in ".{0,60}", body in ".{0,200}") {
        let _ = Template::parse(NotificationKind::DeadlineReminder, &title, &body);
    }
}
