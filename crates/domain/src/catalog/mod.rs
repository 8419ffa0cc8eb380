//! The approval-item catalog (事项及材料清单, 附件10): stages and the rules an item obeys.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

pub mod rules;
pub mod template;
pub mod version;

pub use version::{ItemAction, ItemStatus};

/// The stages of SPEC §2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    EnterpriseSetup,
    ProjectApproval,
    LandSupply,
    LandPlanningPermit,
    EngineeringPermit,
    ConstructionPermit,
    CompletionAcceptance,
}

impl Stage {
    pub const ALL: [Stage; 7] = [
        Stage::EnterpriseSetup,
        Stage::ProjectApproval,
        Stage::LandSupply,
        Stage::LandPlanningPermit,
        Stage::EngineeringPermit,
        Stage::ConstructionPermit,
        Stage::CompletionAcceptance,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Stage::EnterpriseSetup => "enterprise_setup",
            Stage::ProjectApproval => "project_approval",
            Stage::LandSupply => "land_supply",
            Stage::LandPlanningPermit => "land_planning_permit",
            Stage::EngineeringPermit => "engineering_permit",
            Stage::ConstructionPermit => "construction_permit",
            Stage::CompletionAcceptance => "completion_acceptance",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Stage::EnterpriseSetup => "投资主体确立（企业注册登记）",
            Stage::ProjectApproval => "审批立项（核准、备案）",
            Stage::LandSupply => "土地供应",
            Stage::LandPlanningPermit => "立项用地规划许可",
            Stage::EngineeringPermit => "工程建设许可",
            Stage::ConstructionPermit => "施工许可",
            Stage::CompletionAcceptance => "竣工验收",
        }
    }

    /// Reads the stage names used in published catalogs (`立项用地规划许可阶段（并行事项）`,
    /// `企业投资项目核准/备案`, ...).
    pub fn from_catalog_text(text: &str) -> Option<Stage> {
        let t = text.trim();
        let table: [(&str, Stage); 7] = [
            ("企业设立", Stage::EnterpriseSetup),
            ("核准", Stage::ProjectApproval),
            ("土地供应", Stage::LandSupply),
            ("立项用地规划", Stage::LandPlanningPermit),
            ("工程建设许可", Stage::EngineeringPermit),
            ("施工许可", Stage::ConstructionPermit),
            ("竣工验收", Stage::CompletionAcceptance),
        ];
        table.iter().find(|(key, _)| t.contains(key)).map(|(_, s)| *s)
    }
}

/// The text was not a stage code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown stage `{0}`")]
pub struct UnknownStage(pub String);

impl FromStr for Stage {
    type Err = UnknownStage;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Stage::ALL.into_iter().find(|st| st.code() == s).ok_or_else(|| UnknownStage(s.to_owned()))
    }
}

/// Splits a catalog's material list (`1.申请表；2.营业执照复印件`) into material names.
pub fn split_materials(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in text.split(['；', ';', '\n']) {
        let mut name = part.trim();
        // Drop a leading ordinal: "1.", "1、", "（1）", "(1)".
        let digits = name.chars().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0 {
            let rest = &name[digits..];
            if let Some(r) =
                rest.strip_prefix('.').or_else(|| rest.strip_prefix('、')).or_else(|| rest.strip_prefix('．'))
            {
                name = r.trim();
            }
        }
        for (open, close) in [("（", "）"), ("(", ")")] {
            if let Some(r) = name.strip_prefix(open)
                && let Some(end) = r.find(close)
                && r[..end].chars().all(|c| c.is_ascii_digit())
                && end > 0
            {
                name = r[end + close.len()..].trim();
            }
        }
        let name = name.trim_end_matches(['。', '；']);
        if !name.is_empty() {
            out.push(name.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_from_published_names() {
        assert_eq!(Stage::from_catalog_text("企业投资项目核准/备案"), Some(Stage::ProjectApproval));
        assert_eq!(Stage::from_catalog_text("立项用地规划许可阶段（并行事项）"), Some(Stage::LandPlanningPermit));
        assert_eq!(Stage::from_catalog_text("企业设立登记"), Some(Stage::EnterpriseSetup));
        assert_eq!(Stage::from_catalog_text("竣工验收阶段"), Some(Stage::CompletionAcceptance));
        assert_eq!(Stage::from_catalog_text("其他"), None);
        for s in Stage::ALL {
            assert_eq!(s.code().parse::<Stage>(), Ok(s));
        }
    }

    #[test]
    fn materials_are_split_and_unnumbered() {
        assert_eq!(
            split_materials("1.项目初步设计及概算审批申请文件（项目单位，红头文件，三份）；2.项目初步设计及概算文本"),
            vec!["项目初步设计及概算审批申请文件（项目单位，红头文件，三份）", "项目初步设计及概算文本"]
        );
        assert_eq!(split_materials("（1）申请表；(2)营业执照；"), vec!["申请表", "营业执照"]);
        assert!(split_materials("  ").is_empty());
    }
}
