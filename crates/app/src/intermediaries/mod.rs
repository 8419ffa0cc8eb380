//! The intermediary supermarket (中介超市, 附件6): the office and the admin keep the agencies
//! ([`agencies`]); the enterprise chooses one for a plan item, the office or the case's lead
//! agent records its delivery, and the enterprise rates it ([`engagements`]). The rules are
//! the domain's (`butler_domain::intermediary`); the county's calendar date decides which
//! qualifications are in force.

pub mod agencies;
pub mod engagements;

use butler_domain::case::evaluation::EvaluationLevel;
use butler_domain::intermediary::engagement::{EngagementError, EngagementState};
use butler_domain::intermediary::{AgencyFacts, AgencyStatus, QualificationKind, ServiceFacts, Validity};
use butler_persistence::repo::intermediaries::{AgencyDetail, EngagementRow, QualificationRow};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::error::{AppError, FieldError};

pub use agencies::{AgencyInput, QualificationInput, ServiceInput};
pub use engagements::{ChoiceInput, DeliveryInput, RatingInput};

/// A qualification, with whether it is past its last day on the county's date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qualification {
    pub id: Uuid,
    pub kind: QualificationKind,
    pub level: String,
    pub certificate_number: String,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    pub expired: bool,
}

/// A service of an agency and the catalog item codes it serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub id: Uuid,
    pub name: String,
    /// The qualification kind it needs.
    pub kind: QualificationKind,
    /// What the agency charges the enterprise (the county's service stays free).
    pub fee_note: Option<String>,
    pub item_codes: Vec<String>,
}

/// An agency with its qualifications and services.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agency {
    pub id: Uuid,
    pub name: String,
    pub credit_code: String,
    pub contact: String,
    pub phone: String,
    pub address: Option<String>,
    pub intro: Option<String>,
    pub status: AgencyStatus,
    pub version: i32,
    pub qualifications: Vec<Qualification>,
    pub services: Vec<Service>,
    pub updated_at: DateTime<Utc>,
}

impl Agency {
    pub(crate) fn of(d: AgencyDetail, today: NaiveDate) -> Self {
        let a = d.agency;
        Agency {
            id: a.id,
            name: a.name,
            credit_code: a.credit_code,
            contact: a.contact,
            phone: a.phone,
            address: a.address,
            intro: a.intro,
            status: a.status.0,
            version: a.version,
            qualifications: d.qualifications.into_iter().map(|q| qualification(q, today)).collect(),
            services: d
                .services
                .into_iter()
                .map(|s| Service {
                    id: s.service.id,
                    name: s.service.name,
                    kind: s.service.kind.0,
                    fee_note: s.service.fee_note,
                    item_codes: s.item_codes,
                })
                .collect(),
            updated_at: a.updated_at,
        }
    }

    /// The agency as the domain's rules see it.
    pub fn facts(&self) -> AgencyFacts {
        AgencyFacts {
            status: self.status,
            qualifications: self
                .qualifications
                .iter()
                .map(|q| Validity { kind: q.kind, valid_from: q.valid_from, valid_until: q.valid_until })
                .collect(),
            services: self
                .services
                .iter()
                .map(|s| ServiceFacts { id: s.id, kind: s.kind, item_codes: s.item_codes.clone() })
                .collect(),
        }
    }
}

fn qualification(q: QualificationRow, today: NaiveDate) -> Qualification {
    let v = Validity { kind: q.kind.0, valid_from: q.valid_from, valid_until: q.valid_until };
    Qualification {
        id: q.id,
        kind: q.kind.0,
        level: q.level,
        certificate_number: q.certificate_number,
        valid_from: q.valid_from,
        valid_until: q.valid_until,
        expired: v.expired(today),
    }
}

/// An engagement of an agency for a plan item, with the names a page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Engagement {
    pub id: Uuid,
    pub case_id: Uuid,
    pub case_item_id: Uuid,
    pub item_name: String,
    pub agency_id: Uuid,
    pub agency_name: String,
    pub agency_credit_code: String,
    pub service_id: Uuid,
    pub service_name: String,
    pub state: EngagementState,
    pub version: i32,
    pub chosen_by: Uuid,
    pub chosen_at: DateTime<Utc>,
    pub on_behalf_note: Option<String>,
    pub change_reason: Option<String>,
    pub replaced_at: Option<DateTime<Utc>>,
    pub promised_delivery: Option<NaiveDate>,
    pub actual_delivery: Option<NaiveDate>,
    pub report_name: Option<String>,
    pub report_number: Option<String>,
    pub conclusion: Option<String>,
    pub rating: Option<EvaluationLevel>,
    pub rating_comment: Option<String>,
    pub rated_at: Option<DateTime<Utc>>,
}

pub(crate) struct Names<'a> {
    pub item: &'a str,
    pub agency: (&'a str, &'a str),
    pub service: &'a str,
}

pub(crate) fn engagement(e: EngagementRow, n: Names<'_>) -> Engagement {
    Engagement {
        id: e.id,
        case_id: e.case_id,
        case_item_id: e.case_item_id,
        item_name: n.item.to_owned(),
        agency_id: e.agency_id,
        agency_name: n.agency.0.to_owned(),
        agency_credit_code: n.agency.1.to_owned(),
        service_id: e.service_id,
        service_name: n.service.to_owned(),
        state: e.state.0,
        version: e.version,
        chosen_by: e.chosen_by,
        chosen_at: e.chosen_at,
        on_behalf_note: e.on_behalf_note,
        change_reason: e.change_reason,
        replaced_at: e.replaced_at,
        promised_delivery: e.promised_delivery,
        actual_delivery: e.actual_delivery,
        report_name: e.report_name,
        report_number: e.report_number,
        conclusion: e.conclusion,
        rating: e.rating.map(|r| r.0),
        rating_comment: e.rating_comment,
        rated_at: e.rated_at,
    }
}

/// A refusal of the engagement rules as the API's error: field-level where a field is at
/// fault, an invalid transition where the state is.
pub(crate) fn refusal(e: EngagementError) -> AppError {
    use EngagementError as E;
    let f =
        |field: &str, code: &str, zh: &str, en: &str| AppError::Validation(vec![FieldError::new(field, code, zh, en)]);
    match e {
        E::OnBehalfNoteRequired => f(
            "on_behalf_note",
            "required",
            "代企业录入选择时须注明“代为录入，企业书面选择”",
            "an official records the enterprise's choice only with the note that it is the enterprise's written choice",
        ),
        E::OnBehalfNoteNotExpected => f(
            "on_behalf_note",
            "not_expected",
            "企业自行选择时不填写代录说明",
            "the enterprise's own choice carries no on-behalf note",
        ),
        E::NotTheEnterprises => AppError::Forbidden,
        E::ReasonRequired => {
            f("reason", "required", "变更已选择的中介机构须说明理由", "changing the chosen agency needs a reason")
        }
        E::AlreadyDelivered => AppError::InvalidTransition {
            state: EngagementState::Delivered.code().to_owned(),
            action: "change".to_owned(),
            allowed: vec!["rate".to_owned()],
        },
        E::SameChoice => {
            f("service_id", "same_choice", "已选择该中介机构的该项服务", "this agency's service is chosen already")
        }
        E::InvalidState { state, action } => AppError::InvalidTransition {
            state: state.code().to_owned(),
            action: action.to_owned(),
            allowed: match state {
                EngagementState::Chosen => vec!["deliver".to_owned(), "change".to_owned()],
                EngagementState::Delivered => vec!["rate".to_owned()],
                _ => vec![],
            },
        },
        E::DeliveryDate => f(
            "actual_delivery",
            "out_of_range",
            "实际交付日期须在选择之日与今日之间",
            "the actual delivery date must lie between the day of the choice and today",
        ),
        E::PromisedDate => f(
            "promised_delivery",
            "before_choice",
            "承诺交付日期不能早于选择之日",
            "the promised delivery date cannot be before the choice",
        ),
        E::CommentRequired => {
            f("comment", "required", "不满意的评价须说明理由", "a dissatisfied rating needs a comment")
        }
    }
}
