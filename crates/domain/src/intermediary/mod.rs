//! The intermediary supermarket (中介超市, 附件6): agencies with their qualifications and the
//! services they offer for catalog items, and the enterprise's free choice of one for a plan
//! item ([`engagement`]).
//!
//! The rules decided here:
//! - an agency is offered for a plan item only while it is active and holds, on the county's
//!   calendar date, a qualification in force of the kind a service for that item needs: a
//!   qualification past its `valid_until` hides the agency from choice (never from the record
//!   of choices already made);
//! - the agency's fee is a matter between the enterprise and the agency; the service itself
//!   stays free, so a service carries a fee note, never an amount the county charges.

pub mod engagement;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::codes::code_enum;

code_enum! {
    /// The kind of an agency's qualification (资质类别), and the kind a service needs.
    pub enum QualificationKind: "qualification kind" {
        /// 环评: environmental impact assessment.
        EnvironmentalAssessment = "environmental_assessment",
        /// 安评: safety assessment.
        SafetyAssessment = "safety_assessment",
        /// 能评: energy-saving assessment.
        EnergyAssessment = "energy_assessment",
        /// 测绘: surveying and mapping.
        Surveying = "surveying",
        /// 勘察: geotechnical investigation.
        Investigation = "investigation",
        /// 设计: engineering design.
        Design = "design",
        /// 造价: cost consulting.
        CostConsulting = "cost_consulting",
        /// 地质灾害评估: geological hazard assessment.
        GeologicalHazardAssessment = "geological_hazard_assessment",
        /// 水土保持: soil and water conservation plan.
        SoilWaterConservation = "soil_water_conservation",
        /// 其他.
        Other = "other",
    }
}

impl QualificationKind {
    /// The name users know, in Chinese.
    pub fn name_zh(self) -> &'static str {
        match self {
            QualificationKind::EnvironmentalAssessment => "环评",
            QualificationKind::SafetyAssessment => "安评",
            QualificationKind::EnergyAssessment => "能评",
            QualificationKind::Surveying => "测绘",
            QualificationKind::Investigation => "勘察",
            QualificationKind::Design => "设计",
            QualificationKind::CostConsulting => "造价",
            QualificationKind::GeologicalHazardAssessment => "地质灾害评估",
            QualificationKind::SoilWaterConservation => "水土保持",
            QualificationKind::Other => "其他",
        }
    }
}

code_enum! {
    /// Whether an agency is offered at all (`agencies.status`).
    pub enum AgencyStatus: "agency status" {
        /// Listed in the supermarket.
        Active = "active",
        /// Taken off the list by the office (its past engagements stay).
        Suspended = "suspended",
    }
}

/// A qualification's kind and validity, as the rules need them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Validity {
    pub kind: QualificationKind,
    /// The first day in force.
    pub valid_from: NaiveDate,
    /// The last day in force (inclusive).
    pub valid_until: NaiveDate,
}

impl Validity {
    /// Whether the qualification is in force on the county's calendar date `today`.
    pub fn in_force(&self, today: NaiveDate) -> bool {
        self.valid_from <= today && today <= self.valid_until
    }

    /// Whether it is past its last day on `today`.
    pub fn expired(&self, today: NaiveDate) -> bool {
        today > self.valid_until
    }
}

/// A service of an agency, as the rules need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceFacts {
    pub id: Uuid,
    /// The qualification kind the service needs.
    pub kind: QualificationKind,
    /// The catalog item codes the service serves.
    pub item_codes: Vec<String>,
}

/// An agency, as the rules need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyFacts {
    pub status: AgencyStatus,
    pub qualifications: Vec<Validity>,
    pub services: Vec<ServiceFacts>,
}

impl AgencyFacts {
    /// Whether the agency holds a qualification of `kind` in force on `today`.
    pub fn qualified(&self, kind: QualificationKind, today: NaiveDate) -> bool {
        self.qualifications.iter().any(|q| q.kind == kind && q.in_force(today))
    }

    /// The services the agency may be chosen for, for the catalog item `item_code` on `today`:
    /// none while suspended; otherwise those serving the item whose kind it is qualified for.
    pub fn eligible_services(&self, item_code: &str, today: NaiveDate) -> Vec<Uuid> {
        if self.status != AgencyStatus::Active {
            return Vec::new();
        }
        self.services
            .iter()
            .filter(|s| s.item_codes.iter().any(|c| c == item_code) && self.qualified(s.kind, today))
            .map(|s| s.id)
            .collect()
    }

    /// Whether `service_id` may be chosen for `item_code` on `today`.
    pub fn may_choose(&self, service_id: Uuid, item_code: &str, today: NaiveDate) -> bool {
        self.eligible_services(item_code, today).contains(&service_id)
    }
}

/// Why an agency's record is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    /// The validity ends before it starts.
    #[error("valid_until is before valid_from")]
    ValidityReversed,
    /// A service must serve at least one catalog item.
    #[error("a service serves no item")]
    NoItems,
}

/// Checks a qualification's dates.
pub fn check_validity(valid_from: NaiveDate, valid_until: NaiveDate) -> Result<(), RecordError> {
    if valid_until < valid_from { Err(RecordError::ValidityReversed) } else { Ok(()) }
}

/// The item codes of a service, trimmed, without blanks or repeats, in the order given.
pub fn item_codes(codes: &[String]) -> Result<Vec<String>, RecordError> {
    let mut out: Vec<String> = Vec::new();
    for c in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        if !out.iter().any(|o| o == c) {
            out.push(c.to_owned());
        }
    }
    if out.is_empty() { Err(RecordError::NoItems) } else { Ok(out) }
}
