//! The demo county's intermediary supermarket (中介超市): three fictional agencies with their
//! qualifications and services for the demo catalog's items. The surveying firm's
//! qualification has expired, so the supermarket does not offer it (its record stays).

use butler_domain::credit_code::CreditCode;
use butler_domain::intermediary::QualificationKind;
use butler_persistence::repo::intermediaries::{self as repo, AgencyFields, NewQualification, NewService};
use chrono::{DateTime, NaiveDate, Utc};

use crate::demo::DemoError;

struct Spec {
    name: &'static str,
    seq: &'static str,
    address: &'static str,
    intro: &'static str,
    kind: QualificationKind,
    level: &'static str,
    valid_until: (i32, u32, u32),
    service: &'static str,
    fee_note: &'static str,
    items: &'static [&'static str],
}

const AGENCIES: [Spec; 3] = [
    Spec {
        name: "楚雄示例环境咨询有限公司",
        seq: "1",
        address: "楚雄市鹿城镇示例大道 18 号",
        intro: "建设项目环境影响评价报告书（表）编制。",
        kind: QualificationKind::EnvironmentalAssessment,
        level: "甲级",
        valid_until: (2029, 12, 31),
        service: "建设项目环境影响报告书（表）编制",
        fee_note: "按工作量由企业与机构协商；帮办代办服务免费。",
        items: &["DY-008", "DY-009", "DY-010", "DY-011"],
    },
    Spec {
        name: "云南示例水保技术有限公司",
        seq: "2",
        address: "昆明市五华区示例路 6 号",
        intro: "生产建设项目水土保持方案编制与监测。",
        kind: QualificationKind::SoilWaterConservation,
        level: "乙级",
        valid_until: (2028, 6, 30),
        service: "生产建设项目水土保持方案编制",
        fee_note: "按方案类型报价，由企业与机构协商。",
        items: &["DY-012", "DY-013"],
    },
    Spec {
        name: "大姚示例测绘服务部",
        seq: "3",
        address: "大姚县金碧镇示例街 2 号",
        intro: "地形图测绘、宗地测量（资质已过期，待换证）。",
        kind: QualificationKind::Surveying,
        level: "丙级",
        valid_until: (2024, 6, 30),
        service: "建设用地勘测定界及地形图测绘",
        fee_note: "按测绘面积计费，由企业与机构协商。",
        items: &["DY-005", "DY-007"],
    },
];

fn date((y, m, d): (i32, u32, u32)) -> Result<NaiveDate, DemoError> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| DemoError::Data(format!("no such date {y}-{m}-{d}")))
}

/// Registers the demo agencies in `tenant_id` (within the demo's transaction).
pub async fn load(
    db: &impl sea_orm::ConnectionTrait,
    tenant_id: uuid::Uuid,
    division: &str,
    now: DateTime<Utc>,
) -> Result<(), DemoError> {
    for (i, spec) in AGENCIES.iter().enumerate() {
        let code = CreditCode::complete(&format!("91{division}MA7K0100{}", spec.seq))
            .map_err(|e| DemoError::Data(e.to_string()))?;
        let fields = AgencyFields {
            name: spec.name.to_owned(),
            credit_code: code.as_str().to_owned(),
            contact: crate::demo::fictional_name(60 + i),
            phone: crate::demo::fictional_phone(60 + i),
            address: Some(spec.address.to_owned()),
            intro: Some(spec.intro.to_owned()),
        };
        let agency = repo::create_agency(db, tenant_id, fields, now).await?;
        let qualification = NewQualification {
            kind: spec.kind,
            level: spec.level.to_owned(),
            certificate_number: format!("示例资质第{:04}号", 101 + i),
            valid_from: date((2020, 1, 1))?,
            valid_until: date(spec.valid_until)?,
        };
        repo::add_qualification(db, &agency, qualification, now).await?;
        let service = NewService {
            name: spec.service.to_owned(),
            kind: spec.kind,
            fee_note: Some(spec.fee_note.to_owned()),
            item_codes: spec.items.iter().map(|c| (*c).to_owned()).collect(),
        };
        repo::add_service(db, &agency, service, now).await?;
    }
    Ok(())
}
