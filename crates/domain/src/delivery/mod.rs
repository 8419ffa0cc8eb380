//! Delivering notifications beyond the in-app inbox (SPEC §9): the channels ([`Channel`]),
//! what a user chooses channels for ([`Topic`]), the defaults per role, quiet hours, and the
//! retry policy and state machine of one delivery ([`retry`], [`state`]).
//!
//! A notification is written once per recipient; each external channel chosen for it becomes
//! one delivery, sent by a worker outside the transaction that wrote it. The in-app inbox is
//! always on and is not a channel here.

pub mod retry;
pub mod state;

use chrono::{DateTime, Utc};

use crate::calendar::{Calendar, CalendarError};
use crate::codes::code_enum;
use crate::notice::NotificationKind;
use crate::role::Role;

pub use retry::{AttemptOutcome, Reply, RetryPolicy};
pub use state::{DeliveryAction, DeliveryError, DeliveryState};

code_enum! {
    /// A way out of the system (`deliveries.channel`, `channel_settings.channel`).
    pub enum Channel: "channel" {
        /// E-mail over SMTP.
        Email = "email",
        /// SMS through the tenant's gateway (Alibaba Cloud SMS or a generic JSON gateway).
        Sms = "sms",
        /// The tenant's WeCom (企业微信) group robot, mentioning the recipient's mobile.
        Wecom = "wecom",
        /// The tenant's DingTalk (钉钉) group robot, mentioning the recipient's mobile.
        Dingtalk = "dingtalk",
        /// A signed webhook to an integrator's subscription.
        Webhook = "webhook",
        /// The provincial platform's interface (一项一码 milestones).
        Provincial = "provincial",
    }
}

impl Channel {
    /// The channels a person may choose for their notifications (the others are systems').
    pub const PERSONAL: [Channel; 4] = [Channel::Email, Channel::Sms, Channel::Wecom, Channel::Dingtalk];

    /// Whether a person chooses this channel for their notifications.
    pub fn is_personal(self) -> bool {
        Self::PERSONAL.contains(&self)
    }
}

code_enum! {
    /// What a user chooses channels for (`notification_preferences.topic`).
    pub enum Topic: "notification topic" {
        /// Work given to the reader: dispatched, transferred or cancelled sheets,
        /// corrections asked, the plan to agree, the one-time notification, rectifications,
        /// a joint pre-review to answer or its list of gaps.
        Task = "task",
        /// A deadline is near or has passed.
        Reminder = "reminder",
        /// A deadline passed long ago and climbs the ladder.
        Escalation = "escalation",
        /// Results: a sheet's result, the case accepted, rejected or closed.
        Result = "result",
        /// A supervision notice (督办通知).
        Supervision = "supervision",
    }
}

impl Topic {
    /// The topic a notification of `kind` belongs to.
    pub fn of(kind: NotificationKind) -> Topic {
        use NotificationKind as K;
        match kind {
            K::TaskDispatched
            | K::TaskTransferred
            | K::TaskCancelled
            | K::CorrectionRequested
            | K::PlanProposed
            | K::OneTimeNotification
            | K::RectificationOpened
            | K::PreReviewOpened
            | K::PreReviewClosed
            | K::MeetingConvened => Topic::Task,
            K::DeadlineReminder | K::DeadlineOverdue => Topic::Reminder,
            K::DeadlineEscalation => Topic::Escalation,
            K::TaskResult | K::CaseAccepted | K::CaseRejected | K::CaseClosed => Topic::Result,
            K::SupervisionNotice => Topic::Supervision,
        }
    }

    /// Whether it may wake people outside office time (an escalation may; the rest wait for
    /// the office to open).
    pub fn ignores_quiet_hours(self) -> bool {
        self == Topic::Escalation
    }
}

/// The channels a user of `role` gets for `topic` until they choose (in-app is always on).
///
/// A department agent must acknowledge a sheet within 30 office minutes, so their work and
/// reminders go by SMS (and the department's group robots); leaders hear of escalations by
/// SMS; the enterprise gets results and what it must do by SMS and e-mail. A robot or
/// gateway the tenant has not enabled sends nothing whatever is chosen.
pub fn default_channels(role: Role, topic: Topic) -> &'static [Channel] {
    use Channel::{Dingtalk, Email, Sms, Wecom};
    use Topic as T;
    match (role, topic) {
        (Role::Admin | Role::PlatformAdmin, _) => &[],
        (Role::Enterprise, T::Task | T::Result) => &[Sms, Email],
        (Role::Enterprise, T::Reminder) => &[Sms],
        (Role::Enterprise, T::Escalation | T::Supervision) => &[],
        (Role::DepartmentAgent, T::Task | T::Reminder | T::Escalation) => &[Sms, Wecom, Dingtalk],
        (Role::DepartmentAgent, T::Supervision) => &[Sms, Email],
        (Role::DepartmentAgent, T::Result) => &[Email],
        (Role::DepartmentLeader, T::Escalation | T::Supervision) => &[Sms, Wecom, Dingtalk],
        (Role::DepartmentLeader, T::Task | T::Reminder | T::Result) => &[Email],
        (Role::Supervisor, T::Escalation) => &[Sms],
        (Role::Supervisor, _) => &[],
        (
            Role::Office | Role::WindowAgent | Role::InvestmentOfficer | Role::InvestmentLeader,
            T::Escalation | T::Reminder,
        ) => &[Sms, Wecom, Dingtalk],
        (Role::Office | Role::WindowAgent | Role::InvestmentOfficer | Role::InvestmentLeader, _) => &[Email],
    }
}

/// The earliest a delivery of `topic` written at `now` may go out: at once during office
/// time or for an escalation; otherwise when the office next opens on the tenant's calendar.
pub fn not_before(topic: Topic, now: DateTime<Utc>, calendar: &Calendar) -> Result<DateTime<Utc>, CalendarError> {
    if topic.ignores_quiet_hours() || calendar.is_office_time(now) {
        return Ok(now);
    }
    calendar.add_office_minutes(now, 0)
}

/// The dedupe key of a notification's delivery over `channel` (one per notification and
/// channel, however often the notification's writer runs).
pub fn notification_key(notification_id: uuid::Uuid, channel: Channel) -> String {
    format!("n:{notification_id}:{channel}")
}

#[cfg(test)]
mod tests;
