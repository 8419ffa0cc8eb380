//! Codes a sheet row keeps besides its state: its kind, its outcome and how the enterprise
//! was told of the result.

use super::Decision;
use crate::codes::code_enum;

code_enum! {
    /// Why a sheet exists (`task_sheet.kind`).
    pub enum SheetKind: "sheet kind" {
        /// An approval item of the plan (任务分送单).
        Approval = "approval",
        /// The later check of an approval granted on commitment (告知承诺核查).
        Verification = "verification",
    }
}

code_enum! {
    /// How a finished sheet ended (`task_sheet.outcome`).
    pub enum SheetOutcome: "sheet outcome" {
        /// 已批准, with a document number.
        Approved = "approved",
        /// 不予批准, with a reason.
        NotApproved = "not_approved",
        /// 已撤回: the enterprise withdrew.
        Withdrawn = "withdrawn",
    }
}

code_enum! {
    /// How the window told the enterprise of a result (`task_sheet.result_notice_channel`).
    pub enum ResultNoticeChannel: "result notice channel" {
        /// In the app (站内).
        InApp = "in_app",
        /// 短信.
        Sms = "sms",
        /// 电子邮件.
        Email = "email",
        /// 电话.
        Phone = "phone",
        /// 书面.
        Written = "written",
        /// 邮寄.
        Post = "post",
    }
}

impl SheetOutcome {
    /// The name users know, in Chinese, as notifications write it.
    pub fn name_zh(self) -> &'static str {
        match self {
            SheetOutcome::Approved => "已批准",
            SheetOutcome::NotApproved => "不予批准",
            SheetOutcome::Withdrawn => "已撤回",
        }
    }

    /// The name in English.
    pub fn name_en(self) -> &'static str {
        match self {
            SheetOutcome::Approved => "approved",
            SheetOutcome::NotApproved => "not approved",
            SheetOutcome::Withdrawn => "withdrawn",
        }
    }
}

impl Decision {
    /// The outcome code of the decision.
    pub fn outcome(&self) -> SheetOutcome {
        match self {
            Decision::Approved { .. } => SheetOutcome::Approved,
            Decision::NotApproved { .. } => SheetOutcome::NotApproved,
            Decision::Withdrawn { .. } => SheetOutcome::Withdrawn,
        }
    }

    /// The approval's document number, for an approval.
    pub fn document_number(&self) -> Option<&str> {
        match self {
            Decision::Approved { document_number } => Some(document_number),
            _ => None,
        }
    }

    /// Why, for a refusal or a withdrawal.
    pub fn reason(&self) -> Option<&str> {
        match self {
            Decision::NotApproved { reason } | Decision::Withdrawn { reason } => Some(reason),
            Decision::Approved { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::assert_codes;

    #[test]
    fn codes_are_the_stored_ones() {
        assert_codes(&SheetKind::ALL);
        assert_codes(&SheetOutcome::ALL);
        assert_codes(&ResultNoticeChannel::ALL);
        assert_eq!(SheetKind::ALL.map(SheetKind::code), ["approval", "verification"]);
        assert_eq!(SheetOutcome::ALL.map(SheetOutcome::code), ["approved", "not_approved", "withdrawn"]);
        assert_eq!(
            ResultNoticeChannel::ALL.map(ResultNoticeChannel::code),
            ["in_app", "sms", "email", "phone", "written", "post"]
        );
        assert_eq!(
            "paper".parse::<ResultNoticeChannel>().unwrap_err().to_string(),
            "unknown result notice channel `paper`"
        );
    }

    #[test]
    fn a_decision_names_its_outcome() {
        let approved = Decision::Approved { document_number: "姚发改备〔2026〕1号".into() };
        assert_eq!(approved.outcome(), SheetOutcome::Approved);
        assert_eq!(approved.document_number(), Some("姚发改备〔2026〕1号"));
        assert_eq!(approved.reason(), None);
        let refused = Decision::NotApproved { reason: "不符合规划".into() };
        assert_eq!(refused.outcome(), SheetOutcome::NotApproved);
        assert_eq!(refused.reason(), Some("不符合规划"));
        assert_eq!(Decision::Withdrawn { reason: "r".into() }.outcome().name_zh(), "已撤回");
        // The stored outcome is the decision's serde tag.
        for d in [approved, refused] {
            assert_eq!(serde_json::to_value(&d).unwrap()["result"], d.outcome().code());
        }
    }
}
