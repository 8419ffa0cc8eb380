use super::state::{action_after, allowed_actions, decide};
use super::*;
use crate::codes::assert_codes;
use chrono::{NaiveDate, NaiveTime, TimeDelta, TimeZone};
use proptest::prelude::*;
use uuid::Uuid;

fn calendar() -> Calendar {
    Calendar::china().unwrap()
}

fn local(date: (i32, u32, u32), time: (u32, u32)) -> DateTime<Utc> {
    let cal = calendar();
    cal.instant(
        NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
        NaiveTime::from_hms_opt(time.0, time.1, 0).unwrap(),
    )
}

#[test]
fn codes_are_stable() {
    assert_codes(&Channel::ALL);
    assert_codes(&Topic::ALL);
    assert_codes(&DeliveryState::ALL);
    assert_codes(&DeliveryAction::ALL);
    assert_codes(&AttemptOutcome::ALL);
}

#[test]
fn every_kind_has_its_topic() {
    assert_eq!(Topic::of(NotificationKind::DeadlineReminder), Topic::Reminder);
    assert_eq!(Topic::of(NotificationKind::DeadlineOverdue), Topic::Reminder);
    assert_eq!(Topic::of(NotificationKind::DeadlineEscalation), Topic::Escalation);
    assert_eq!(Topic::of(NotificationKind::TaskDispatched), Topic::Task);
    assert_eq!(Topic::of(NotificationKind::RectificationOpened), Topic::Task);
    assert_eq!(Topic::of(NotificationKind::TaskResult), Topic::Result);
    assert_eq!(Topic::of(NotificationKind::CaseClosed), Topic::Result);
    assert_eq!(Topic::of(NotificationKind::SupervisionNotice), Topic::Supervision);
    for topic in Topic::ALL {
        assert!(NotificationKind::ALL.into_iter().any(|k| Topic::of(k) == topic), "{topic} has no kind");
    }
}

#[test]
fn defaults_reach_agents_by_sms_and_the_enterprise_with_results() {
    assert!(default_channels(Role::DepartmentAgent, Topic::Reminder).contains(&Channel::Sms));
    assert!(default_channels(Role::DepartmentAgent, Topic::Task).contains(&Channel::Sms));
    assert!(default_channels(Role::DepartmentLeader, Topic::Escalation).contains(&Channel::Sms));
    assert!(default_channels(Role::Enterprise, Topic::Result).contains(&Channel::Sms));
    assert!(default_channels(Role::Enterprise, Topic::Result).contains(&Channel::Email));
    assert!(default_channels(Role::Admin, Topic::Escalation).is_empty());
    for role in Role::ALL {
        for topic in Topic::ALL {
            assert!(default_channels(role, topic).iter().all(|c| c.is_personal()), "{role} {topic}");
        }
    }
}

#[test]
fn quiet_hours_hold_all_but_escalations_until_the_office_opens() {
    let cal = calendar();
    // Friday 2026-12-04 20:00 local: closed; the office opens Monday 09:00.
    let evening = local((2026, 12, 4), (20, 0));
    let monday = local((2026, 12, 7), (9, 0));
    assert_eq!(not_before(Topic::Reminder, evening, &cal).unwrap(), monday);
    assert_eq!(not_before(Topic::Result, evening, &cal).unwrap(), monday);
    assert_eq!(not_before(Topic::Escalation, evening, &cal).unwrap(), evening);
    // Lunch break: the afternoon opening.
    let lunch = local((2026, 12, 4), (12, 30));
    assert_eq!(not_before(Topic::Task, lunch, &cal).unwrap(), local((2026, 12, 4), (14, 30)));
    let morning = local((2026, 12, 4), (10, 0));
    assert_eq!(not_before(Topic::Task, morning, &cal).unwrap(), morning);
}

#[test]
fn answers_are_classified() {
    use AttemptOutcome::*;
    let http = |status, accepted, transient| Reply::Http { status, accepted, transient }.outcome();
    assert_eq!(http(200, None, false), Delivered);
    assert_eq!(http(200, Some(true), false), Delivered);
    assert_eq!(http(200, Some(false), false), Permanent);
    assert_eq!(http(200, Some(false), true), Retry);
    for status in [408, 429, 500, 502, 503, 504] {
        assert_eq!(http(status, None, false), Retry, "{status}");
    }
    for status in [400, 401, 403, 404, 410, 422] {
        assert_eq!(http(status, None, false), Permanent, "{status}");
    }
    assert_eq!(Reply::Unreachable.outcome(), Retry);
    assert_eq!(Reply::TimedOut.outcome(), Retry);
    assert_eq!(Reply::Smtp { code: 250 }.outcome(), Delivered);
    assert_eq!(Reply::Smtp { code: 451 }.outcome(), Retry);
    assert_eq!(Reply::Smtp { code: 550 }.outcome(), Permanent);
    assert_eq!(Reply::NotSendable.outcome(), Permanent);
}

#[test]
fn backoff_doubles_up_to_the_ceiling() {
    let p = RetryPolicy::default();
    assert_eq!(p.backoff(1), TimeDelta::seconds(30));
    assert_eq!(p.backoff(2), TimeDelta::seconds(60));
    assert_eq!(p.backoff(3), TimeDelta::seconds(120));
    assert_eq!(p.backoff(8), TimeDelta::hours(1));
    assert_eq!(p.backoff(40), TimeDelta::hours(1));
}

#[test]
fn the_last_attempt_and_permanent_failures_end_it() {
    let p = RetryPolicy { base: TimeDelta::seconds(1), ceiling: TimeDelta::seconds(10), max_attempts: 3 };
    let id = Uuid::from_u128(7);
    let now = Utc.with_ymd_and_hms(2026, 12, 4, 2, 0, 0).unwrap();
    assert!(p.next_attempt(AttemptOutcome::Retry, 1, id, now).is_some());
    assert!(p.next_attempt(AttemptOutcome::Retry, 2, id, now).is_some());
    assert_eq!(p.next_attempt(AttemptOutcome::Retry, 3, id, now), None);
    assert_eq!(p.next_attempt(AttemptOutcome::Permanent, 1, id, now), None);
    assert_eq!(p.next_attempt(AttemptOutcome::Delivered, 1, id, now), None);
}

#[test]
fn the_state_table() {
    use DeliveryAction as A;
    use DeliveryState as S;
    assert_eq!(decide(S::Pending, A::Deliver), Ok(S::Delivered));
    assert_eq!(decide(S::Pending, A::Fail), Ok(S::Pending));
    assert_eq!(decide(S::Pending, A::GiveUp), Ok(S::Dead));
    assert_eq!(decide(S::Dead, A::Retry), Ok(S::Pending));
    assert_eq!(allowed_actions(S::Delivered), vec![]);
    let refused = decide(S::Delivered, A::Retry).unwrap_err();
    assert_eq!(refused.allowed, vec![]);
    assert_eq!(decide(S::Pending, A::Retry).unwrap_err().allowed, vec![A::Deliver, A::Fail, A::GiveUp]);
    assert_eq!(action_after(AttemptOutcome::Delivered, false), A::Deliver);
    assert_eq!(action_after(AttemptOutcome::Retry, true), A::Fail);
    assert_eq!(action_after(AttemptOutcome::Retry, false), A::GiveUp);
    assert_eq!(action_after(AttemptOutcome::Permanent, true), A::GiveUp);
}

#[test]
fn keys_name_the_notification_and_channel() {
    let id = Uuid::from_u128(1);
    assert_eq!(notification_key(id, Channel::Sms), format!("n:{id}:sms"));
}

proptest! {
    #[test]
    fn delays_stay_within_a_fifth_below_the_backoff_and_never_shrink_the_ceiling_away(
        attempts in 1u32..40, id in any::<u128>(), base_s in 1i64..120, ceiling_s in 1i64..7200,
    ) {
        let p = RetryPolicy { base: TimeDelta::seconds(base_s), ceiling: TimeDelta::seconds(ceiling_s.max(base_s)), max_attempts: 12 };
        let id = Uuid::from_u128(id);
        let full = p.backoff(attempts);
        let d = p.delay(attempts, id);
        prop_assert!(d <= full);
        prop_assert!(d >= full - full / 5 - TimeDelta::milliseconds(1));
        prop_assert!(full <= p.ceiling);
        prop_assert_eq!(d, p.delay(attempts, id), "deterministic");
        prop_assert!(p.backoff(attempts + 1) >= full, "never shorter for a later attempt");
    }

    #[test]
    fn every_answer_maps_to_an_action_the_table_allows_from_pending(status in 100u16..600, smtp in 200u16..600, accepted in proptest::option::of(any::<bool>()), transient in any::<bool>(), retried in any::<bool>()) {
        for reply in [Reply::Http { status, accepted, transient }, Reply::Smtp { code: smtp }, Reply::Unreachable, Reply::TimedOut, Reply::NotSendable] {
            let action = action_after(reply.outcome(), retried);
            prop_assert!(decide(DeliveryState::Pending, action).is_ok());
        }
    }

    #[test]
    fn quiet_hours_never_send_before_now_and_only_in_office_time(minutes in 0i64..(60 * 24 * 14), topic in 0usize..5) {
        let cal = calendar();
        let at = local((2026, 12, 1), (0, 0)) + TimeDelta::minutes(minutes);
        let topic = Topic::ALL[topic];
        let send = not_before(topic, at, &cal).unwrap();
        prop_assert!(send >= at);
        if topic != Topic::Escalation {
            prop_assert!(cal.is_office_time(send));
        } else {
            prop_assert_eq!(send, at);
        }
    }
}
