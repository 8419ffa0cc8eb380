//! The security audit trail (等保 2.0, SPEC §10): what is recorded (an [`AuditAction`] with an
//! [`AuditOutcome`]) and how long it is kept ([`AuditRetention`], at least 180 days).

use chrono::{DateTime, TimeDelta, Utc};

use crate::codes::code_enum;
use crate::complaint::ComplaintAction;
use crate::meeting::{FollowUpAction, MeetingAction};

code_enum! {
    /// What an audit entry records. The codes are stored and never change.
    pub enum AuditAction: "audit action" {
        /// 登录 (with its outcome: success, failure, refused).
        Login = "login",
        /// A refresh token was used (recorded when a reused one is detected).
        Refresh = "refresh",
        /// 退出登录.
        Logout = "logout",
        /// The own password changed (or a change refused).
        PasswordChanged = "password_changed",
        /// An account changed by the admin.
        UserUpdated = "user_updated",
        /// A catalog item created.
        CatalogItemCreated = "catalog_item_created",
        /// A new version of a catalog item started.
        CatalogItemVersionStarted = "catalog_item_version_started",
        /// A draft catalog item edited.
        CatalogItemEdited = "catalog_item_edited",
        /// A draft catalog item discarded.
        CatalogItemDiscarded = "catalog_item_discarded",
        /// A catalog item version published.
        CatalogItemPublished = "catalog_item_published",
        /// A catalog item version retired.
        CatalogItemRetired = "catalog_item_retired",
        /// One day of the county's calendar set.
        CalendarDaySet = "calendar_day_set",
        /// One day of the county's calendar removed.
        CalendarDayDeleted = "calendar_day_deleted",
        /// Several days of the county's calendar set at once.
        CalendarDaysSet = "calendar_days_set",
        /// The national holiday schedule imported.
        NationalCalendarImported = "national_calendar_imported",
        /// A legal fee recorded.
        LegalFeeRecorded = "legal_fee_recorded",
        /// A legal fee corrected.
        LegalFeeCorrected = "legal_fee_corrected",
        /// A message template set.
        MessageTemplateSet = "message_template_set",
        /// A message template removed.
        MessageTemplateDeleted = "message_template_deleted",
        /// A condition added.
        ConditionAdded = "condition_added",
        /// A condition lifted.
        ConditionLifted = "condition_lifted",
        /// The credit platform's conditions imported.
        ConditionsImported = "conditions_imported",
        /// A county created (platform).
        CountyCreated = "county_created",
        /// A county renamed (platform).
        CountyRenamed = "county_renamed",
        /// A county suspended (platform).
        CountySuspended = "county_suspended",
        /// A county reinstated (platform).
        CountyReinstated = "county_reinstated",
        /// A county's departments, people and catalog onboarded.
        CountyOnboarded = "county_onboarded",
        /// The county's settings changed.
        CountySettingsChanged = "county_settings_changed",
        /// An API client created.
        ApiClientCreated = "api_client_created",
        /// An API client's key rotated.
        ApiClientRotated = "api_client_rotated",
        /// An API client revoked.
        ApiClientRevoked = "api_client_revoked",
        /// Someone listed on or taken off the public roster.
        PublicRosterListingSet = "public_roster_listing_set",
        /// The public profile changed.
        PublicProfileSet = "public_profile_set",
        /// A consultation sent by the public.
        ConsultationSubmitted = "consultation_submitted",
        /// A consultation answered.
        ConsultationAnswered = "consultation_answered",
        /// A consultation's appointment confirmed.
        ConsultationConfirmed = "consultation_confirmed",
        /// A consultation closed.
        ConsultationClosed = "consultation_closed",
        /// A consultation turned into an application.
        ConsultationConverted = "consultation_converted",
        /// A delivery channel's settings saved.
        ChannelSettingsSaved = "channel_settings_saved",
        /// A joint meeting convened.
        MeetingConvene = "meeting_convene",
        /// A joint meeting changed.
        MeetingEdit = "meeting_edit",
        /// A joint meeting's record taken (held).
        MeetingHold = "meeting_hold",
        /// A joint meeting's record filed.
        MeetingClose = "meeting_close",
        /// A joint meeting cancelled.
        MeetingCancel = "meeting_cancel",
        /// A meeting's follow-up action done.
        MeetingActionComplete = "meeting_action_complete",
        /// A meeting's follow-up action dropped.
        MeetingActionDrop = "meeting_action_drop",
        /// An intermediary agency registered.
        AgencyCreated = "agency_created",
        /// An agency's fields edited.
        AgencyUpdated = "agency_updated",
        /// An agency suspended or reinstated.
        AgencyStatusSet = "agency_status_set",
        /// A qualification added to an agency.
        AgencyQualificationAdded = "agency_qualification_added",
        /// A qualification removed from an agency.
        AgencyQualificationRemoved = "agency_qualification_removed",
        /// A service added to an agency.
        AgencyServiceAdded = "agency_service_added",
        /// A supervision notice (督办通知) issued.
        SupervisionNoticeIssued = "supervision_notice_issued",
        /// The demo clock moved forward.
        ClockAdvanced = "clock_advanced",
        /// A complaint lodged by the public.
        ComplaintLodged = "complaint_lodged",
        /// A complaint's reply rated by the complainant.
        ComplaintRated = "complaint_rated",
        /// A complaint assigned.
        ComplaintAssign = "complaint_assign",
        /// A complaint replied to.
        ComplaintReply = "complaint_reply",
        /// A complaint closed.
        ComplaintClose = "complaint_close",
        /// A complaint rejected.
        ComplaintReject = "complaint_reject",
        /// A webhook subscription created.
        WebhookSubscriptionCreated = "webhook_subscription_created",
        /// A webhook subscription changed.
        WebhookSubscriptionChanged = "webhook_subscription_changed",
        /// A webhook subscription's secret rotated.
        WebhookSecretRotated = "webhook_secret_rotated",
        /// A webhook subscription removed.
        WebhookSubscriptionDeleted = "webhook_subscription_deleted",
        /// A pre-review opened.
        PrereviewOpened = "prereview_opened",
        /// A pre-review closed.
        PrereviewClosed = "prereview_closed",
        /// The audit log exported.
        AuditLogExported = "audit_log_exported",
        /// A personal number shown in full (显示完整号码), or the request refused.
        PersonalNumberRevealed = "personal_number_revealed",
    }
}

impl AuditAction {
    /// The action's name in Chinese (the exported workbook).
    pub fn name_zh(self) -> &'static str {
        match self {
            AuditAction::Login => "登录",
            AuditAction::Refresh => "刷新令牌",
            AuditAction::Logout => "退出登录",
            AuditAction::PasswordChanged => "修改密码",
            AuditAction::UserUpdated => "修改账号",
            AuditAction::CatalogItemCreated => "新建事项",
            AuditAction::CatalogItemVersionStarted => "新建事项版本",
            AuditAction::CatalogItemEdited => "编辑事项草稿",
            AuditAction::CatalogItemDiscarded => "删除事项草稿",
            AuditAction::CatalogItemPublished => "发布事项",
            AuditAction::CatalogItemRetired => "停用事项",
            AuditAction::CalendarDaySet => "设置工作日历",
            AuditAction::CalendarDayDeleted => "删除工作日历日期",
            AuditAction::CalendarDaysSet => "批量设置工作日历",
            AuditAction::NationalCalendarImported => "导入国家节假日",
            AuditAction::LegalFeeRecorded => "登记法定收费",
            AuditAction::LegalFeeCorrected => "更正法定收费",
            AuditAction::MessageTemplateSet => "设置消息模板",
            AuditAction::MessageTemplateDeleted => "删除消息模板",
            AuditAction::ConditionAdded => "添加限制条件",
            AuditAction::ConditionLifted => "解除限制条件",
            AuditAction::ConditionsImported => "导入信用限制名单",
            AuditAction::CountyCreated => "新建县区",
            AuditAction::CountyRenamed => "更名县区",
            AuditAction::CountySuspended => "停用县区",
            AuditAction::CountyReinstated => "恢复县区",
            AuditAction::CountyOnboarded => "县区初始化导入",
            AuditAction::CountySettingsChanged => "修改县级配置",
            AuditAction::ApiClientCreated => "新建接口客户端",
            AuditAction::ApiClientRotated => "轮换接口密钥",
            AuditAction::ApiClientRevoked => "吊销接口客户端",
            AuditAction::PublicRosterListingSet => "设置公开名录",
            AuditAction::PublicProfileSet => "修改公开信息",
            AuditAction::ConsultationSubmitted => "提交咨询",
            AuditAction::ConsultationAnswered => "答复咨询",
            AuditAction::ConsultationConfirmed => "确认预约",
            AuditAction::ConsultationClosed => "关闭咨询",
            AuditAction::ConsultationConverted => "咨询转申请",
            AuditAction::ChannelSettingsSaved => "保存发送渠道设置",
            AuditAction::MeetingConvene => "召集联席会议",
            AuditAction::MeetingEdit => "修改联席会议",
            AuditAction::MeetingHold => "记录会议纪要",
            AuditAction::MeetingClose => "归档会议记录",
            AuditAction::MeetingCancel => "取消联席会议",
            AuditAction::MeetingActionComplete => "落实会议事项",
            AuditAction::MeetingActionDrop => "撤销会议事项",
            AuditAction::AgencyCreated => "登记中介机构",
            AuditAction::AgencyUpdated => "修改中介机构",
            AuditAction::AgencyStatusSet => "停用或恢复中介机构",
            AuditAction::AgencyQualificationAdded => "添加中介资质",
            AuditAction::AgencyQualificationRemoved => "删除中介资质",
            AuditAction::AgencyServiceAdded => "添加中介服务",
            AuditAction::SupervisionNoticeIssued => "发出督办通知",
            AuditAction::ClockAdvanced => "调整演示时钟",
            AuditAction::ComplaintLodged => "提交投诉",
            AuditAction::ComplaintRated => "评价投诉答复",
            AuditAction::ComplaintAssign => "分派投诉",
            AuditAction::ComplaintReply => "答复投诉",
            AuditAction::ComplaintClose => "办结投诉",
            AuditAction::ComplaintReject => "不予受理投诉",
            AuditAction::WebhookSubscriptionCreated => "新建事件订阅",
            AuditAction::WebhookSubscriptionChanged => "修改事件订阅",
            AuditAction::WebhookSecretRotated => "轮换订阅密钥",
            AuditAction::WebhookSubscriptionDeleted => "删除事件订阅",
            AuditAction::PrereviewOpened => "发起预审",
            AuditAction::PrereviewClosed => "结束预审",
            AuditAction::AuditLogExported => "导出审计日志",
            AuditAction::PersonalNumberRevealed => "查看完整号码",
        }
    }

    /// What the office's (or the complainant's) action on a complaint is recorded as.
    pub fn of_complaint(action: ComplaintAction) -> AuditAction {
        match action {
            ComplaintAction::Lodge => AuditAction::ComplaintLodged,
            ComplaintAction::Rate | ComplaintAction::Reopen => AuditAction::ComplaintRated,
            ComplaintAction::Assign => AuditAction::ComplaintAssign,
            ComplaintAction::Reply => AuditAction::ComplaintReply,
            ComplaintAction::Close => AuditAction::ComplaintClose,
            ComplaintAction::Reject => AuditAction::ComplaintReject,
        }
    }

    /// What an action on a joint meeting is recorded as.
    pub fn of_meeting(action: MeetingAction) -> AuditAction {
        match action {
            MeetingAction::Convene => AuditAction::MeetingConvene,
            MeetingAction::Edit => AuditAction::MeetingEdit,
            MeetingAction::Hold => AuditAction::MeetingHold,
            MeetingAction::Close => AuditAction::MeetingClose,
            MeetingAction::Cancel => AuditAction::MeetingCancel,
        }
    }

    /// What an action on a meeting's follow-up action is recorded as.
    pub fn of_follow_up(action: FollowUpAction) -> AuditAction {
        match action {
            FollowUpAction::Complete => AuditAction::MeetingActionComplete,
            FollowUpAction::Drop => AuditAction::MeetingActionDrop,
        }
    }
}

code_enum! {
    /// How a recorded attempt ended.
    pub enum AuditOutcome: "audit outcome" {
        /// 成功.
        Success = "success",
        /// 失败: wrong credentials or input.
        Failure = "failure",
        /// 拒绝: the account may not (locked, closed, suspended county).
        Refused = "refused",
        /// A refresh token used twice: the session family was revoked.
        ReuseDetected = "reuse_detected",
    }
}

impl AuditOutcome {
    /// The outcome's name in Chinese (the exported workbook).
    pub fn name_zh(self) -> &'static str {
        match self {
            AuditOutcome::Success => "成功",
            AuditOutcome::Failure => "失败",
            AuditOutcome::Refused => "拒绝",
            AuditOutcome::ReuseDetected => "令牌重复使用",
        }
    }
}

/// How long audit entries are kept before the sweep may remove them: at least
/// [`AuditRetention::MIN_DAYS`] (等保 2.0: six months).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditRetention {
    days: u32,
}

/// A retention shorter than the law asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the audit log must be kept at least {min} days, not {days}", min = AuditRetention::MIN_DAYS)]
pub struct RetentionTooShort {
    pub days: u32,
}

impl AuditRetention {
    /// The shortest retention allowed: 180 days (and the database refuses to delete younger
    /// entries whatever is configured).
    pub const MIN_DAYS: u32 = 180;

    /// A retention of `days`, at least [`AuditRetention::MIN_DAYS`].
    pub fn parse(days: u32) -> Result<AuditRetention, RetentionTooShort> {
        if days < Self::MIN_DAYS { Err(RetentionTooShort { days }) } else { Ok(AuditRetention { days }) }
    }

    /// The days kept.
    pub fn days(self) -> u32 {
        self.days
    }

    /// Entries recorded before this instant may be removed at `now`.
    pub fn cutoff(self, now: DateTime<Utc>) -> DateTime<Utc> {
        now - TimeDelta::days(i64::from(self.days))
    }
}

impl Default for AuditRetention {
    fn default() -> Self {
        AuditRetention { days: Self::MIN_DAYS }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::assert_codes;

    #[test]
    fn codes_are_stable_snake_case() {
        assert_codes(&AuditAction::ALL);
        assert_codes(&AuditOutcome::ALL);
        assert_eq!(AuditAction::Login.code(), "login");
        assert_eq!(AuditOutcome::ReuseDetected.code(), "reuse_detected");
    }

    #[test]
    fn actions_on_complaints_and_meetings_keep_their_recorded_codes() {
        for a in ComplaintAction::ALL {
            let recorded = AuditAction::of_complaint(a).code();
            assert!(recorded.starts_with("complaint_"), "{recorded}");
        }
        for a in [ComplaintAction::Assign, ComplaintAction::Reply, ComplaintAction::Close, ComplaintAction::Reject] {
            assert_eq!(AuditAction::of_complaint(a).code(), format!("complaint_{}", a.code()));
        }
        for a in MeetingAction::ALL {
            assert_eq!(AuditAction::of_meeting(a).code(), format!("meeting_{}", a.code()));
        }
        for a in FollowUpAction::ALL {
            assert_eq!(AuditAction::of_follow_up(a).code(), format!("meeting_action_{}", a.code()));
        }
    }

    #[test]
    fn retention_is_at_least_180_days() {
        assert_eq!(AuditRetention::parse(179), Err(RetentionTooShort { days: 179 }));
        assert_eq!(AuditRetention::parse(0), Err(RetentionTooShort { days: 0 }));
        assert_eq!(AuditRetention::parse(180).map(AuditRetention::days), Ok(180));
        assert_eq!(AuditRetention::parse(3650).map(AuditRetention::days), Ok(3650));
        assert_eq!(AuditRetention::default().days(), 180);
        assert!(RetentionTooShort { days: 30 }.to_string().contains("180"));
    }

    #[test]
    fn the_cutoff_is_the_retention_before_now() {
        let now = DateTime::parse_from_rfc3339("2026-12-05T12:00:00Z").map(|t| t.with_timezone(&Utc)).unwrap();
        let kept = AuditRetention::parse(200).unwrap();
        assert_eq!(kept.cutoff(now).to_rfc3339(), "2026-05-19T12:00:00+00:00");
    }
}
