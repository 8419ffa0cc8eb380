//! Stored files and the materials checklist (申请材料清单): what a file is (by its content,
//! never its name), the states of one material of one plan item, and who may upload,
//! reuse, accept it or ask for a correction (补正) — in which case states.
//!
//! A material belongs to the enterprise: given once, it is offered again for the other
//! items of the case and for later cases while it is valid (一次提交、多次复用). The
//! department's acceptance is kept per use, so this state machine is per checklist row.

use crate::case::lifecycle::CaseState;
use crate::codes::code_enum;
use crate::role::Role;

code_enum! {
    /// A stored file's type, decided by its first bytes ([`sniff`]).
    pub enum FileType: "file type" {
        /// PDF.
        Pdf = "pdf",
        /// JPEG image.
        Jpeg = "jpeg",
        /// PNG image.
        Png = "png",
        /// OFD (GB/T 33190 版式文档).
        Ofd = "ofd",
        /// Word document (Office Open XML).
        Docx = "docx",
        /// Excel workbook (Office Open XML).
        Xlsx = "xlsx",
    }
}

/// How many first bytes [`sniff`] needs at most to decide (an Office document is a zip
/// whose entries' names tell it apart).
pub const SNIFF_BYTES: usize = 64 * 1024;

/// The types a material accepts unless its catalog entry says otherwise.
pub const DEFAULT_MATERIAL_TYPES: [FileType; 3] = [FileType::Pdf, FileType::Jpeg, FileType::Png];

/// The types an approval document (批文) may be.
pub const RESULT_DOCUMENT_TYPES: [FileType; 5] =
    [FileType::Pdf, FileType::Ofd, FileType::Jpeg, FileType::Png, FileType::Docx];

impl FileType {
    /// The media type sent with the file.
    pub fn media_type(self) -> &'static str {
        match self {
            FileType::Pdf => "application/pdf",
            FileType::Jpeg => "image/jpeg",
            FileType::Png => "image/png",
            FileType::Ofd => "application/ofd",
            FileType::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            FileType::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    /// The usual file-name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            FileType::Jpeg => "jpg",
            other => other.code(),
        }
    }

    /// The name shown to people (`PDF`, `JPEG`…).
    pub fn label(self) -> &'static str {
        match self {
            FileType::Pdf => "PDF",
            FileType::Jpeg => "JPEG",
            FileType::Png => "PNG",
            FileType::Ofd => "OFD",
            FileType::Docx => "Word (.docx)",
            FileType::Xlsx => "Excel (.xlsx)",
        }
    }
}

/// The type of a file from its first bytes (up to [`SNIFF_BYTES`]), or `None` when it is
/// none of the known types. The name a file was sent with plays no part.
pub fn sniff(first_bytes: &[u8]) -> Option<FileType> {
    if is_ofd(first_bytes) {
        return Some(FileType::Ofd);
    }
    let kind = infer::get(first_bytes)?;
    match kind.mime_type() {
        "application/pdf" => Some(FileType::Pdf),
        "image/jpeg" => Some(FileType::Jpeg),
        "image/png" => Some(FileType::Png),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => Some(FileType::Docx),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => Some(FileType::Xlsx),
        _ => None,
    }
}

/// An OFD package is a zip whose first entry is `OFD.xml`.
fn is_ofd(b: &[u8]) -> bool {
    if b.len() < 30 || !b.starts_with(b"PK\x03\x04") {
        return false;
    }
    let name_len = u16::from_le_bytes([b[26], b[27]]) as usize;
    b.get(30..30 + name_len).is_some_and(|name| name == b"OFD.xml")
}

code_enum! {
    /// Where one material of one plan item stands.
    pub enum MaterialState: "material state" {
        /// Nothing given yet.
        Missing = "missing",
        /// A version was given (uploaded or reused) and waits for the department.
        Submitted = "submitted",
        /// The department accepted the version given.
        Accepted = "accepted",
        /// The department asked for a correction (补正), naming why.
        CorrectionRequested = "correction_requested",
    }
}

code_enum! {
    /// What may be done to one material of one plan item.
    pub enum MaterialAction: "material action" {
        /// Upload a file (a new version of the enterprise's material).
        Upload = "upload",
        /// Use a version the enterprise gave before (一次提交、多次复用).
        Reuse = "reuse",
        /// The department accepts the version given.
        Accept = "accept",
        /// The department asks for a correction (补正).
        RequestCorrection = "request_correction",
    }
}

/// Who is acting on a material, as its rules see them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaterialActor {
    pub role: Role,
    /// The caller is the case's enterprise.
    pub owns_case: bool,
    /// The caller belongs to the item's department.
    pub in_item_department: bool,
}

/// Why a material action is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MaterialError {
    /// The case is closed (completed, terminated, archived, rejected): no material changes.
    #[error("the case is {0}")]
    CaseClosed(CaseState),
    /// The caller's role may not do this to this material.
    #[error("forbidden")]
    Forbidden,
    /// Not possible from the material's state; lists what is.
    #[error("{action} is not possible from {state}")]
    NotAllowed { state: MaterialState, action: MaterialAction, allowed: Vec<MaterialAction> },
}

/// Whether the caller gives materials: the enterprise for itself, or an official for it
/// (代办, recorded as such).
pub fn may_give(who: &MaterialActor) -> bool {
    role_gives(who.role) && (who.role != Role::Enterprise || who.owns_case)
}

/// Whether `role` ever gives materials (the enterprise only for its own cases).
pub fn role_gives(role: Role) -> bool {
    matches!(role, Role::Enterprise | Role::WindowAgent | Role::InvestmentOfficer | Role::Office)
}

/// Whether `role` reads an enterprise's material library: the enterprise itself and the
/// officials who read enterprises, never a department (it sees materials through the cases it
/// works on).
pub fn role_reads_library(role: Role) -> bool {
    crate::policy::roles_for(crate::policy::Action::ReadEnterprise).contains(&role) && !role.needs_department()
}

/// Whether the caller gives a material on the enterprise's behalf (代办).
pub fn on_behalf(who: &MaterialActor) -> bool {
    who.role != Role::Enterprise
}

/// Whether the caller decides on materials: the item's department, or the window.
pub fn may_decide(who: &MaterialActor) -> bool {
    role_decides(who.role) && (!who.role.needs_department() || who.in_item_department)
}

/// Whether `role` ever decides on materials (a department only on its own items').
pub fn role_decides(role: Role) -> bool {
    matches!(role, Role::DepartmentAgent | Role::DepartmentLeader | Role::WindowAgent)
}

/// The table: (from, action) → to.
fn next(state: MaterialState, action: MaterialAction) -> Option<MaterialState> {
    use MaterialAction as A;
    use MaterialState as S;
    match (state, action) {
        (S::Missing | S::Submitted | S::CorrectionRequested, A::Upload | A::Reuse) => Some(S::Submitted),
        (S::Submitted, A::Accept) => Some(S::Accepted),
        (S::Submitted, A::RequestCorrection) => Some(S::CorrectionRequested),
        _ => None,
    }
}

fn role_may(who: &MaterialActor, action: MaterialAction) -> bool {
    match action {
        MaterialAction::Upload | MaterialAction::Reuse => may_give(who),
        MaterialAction::Accept | MaterialAction::RequestCorrection => may_decide(who),
    }
}

/// The actions `who` may take on a material in `state` of a case in `case_state`.
pub fn allowed_actions(case_state: CaseState, state: MaterialState, who: &MaterialActor) -> Vec<MaterialAction> {
    if case_state.is_closed() {
        return vec![];
    }
    MaterialAction::ALL.into_iter().filter(|a| role_may(who, *a) && next(state, *a).is_some()).collect()
}

/// Decides one material action: the material's new state, or why not.
pub fn decide(
    case_state: CaseState,
    state: MaterialState,
    action: MaterialAction,
    who: &MaterialActor,
) -> Result<MaterialState, MaterialError> {
    if case_state.is_closed() {
        return Err(MaterialError::CaseClosed(case_state));
    }
    if !role_may(who, action) {
        return Err(MaterialError::Forbidden);
    }
    next(state, action).ok_or_else(|| MaterialError::NotAllowed {
        state,
        action,
        allowed: MaterialAction::ALL.into_iter().filter(|a| role_may(who, *a) && next(state, *a).is_some()).collect(),
    })
}

/// Whether the department may attach an approval document to a sheet: the sheet's
/// department (agent or leader), while the case is not closed.
pub fn may_attach_result(role: Role, in_sheet_department: bool, case_state: CaseState) -> bool {
    !case_state.is_closed() && matches!(role, Role::DepartmentAgent | Role::DepartmentLeader) && in_sheet_department
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::assert_codes;

    fn who(role: Role) -> MaterialActor {
        MaterialActor { role, owns_case: true, in_item_department: true }
    }

    #[test]
    fn codes_are_stable() {
        assert_codes(&FileType::ALL);
        assert_codes(&MaterialState::ALL);
        assert_codes(&MaterialAction::ALL);
    }

    #[test]
    fn types_are_told_by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), Some(FileType::Pdf));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some(FileType::Png));
        assert_eq!(sniff(b"\xff\xd8\xff\xe0\0\x10JFIF\0"), Some(FileType::Jpeg));
        assert_eq!(sniff(b"MZ\x90\0\x03\0\0\0"), None, "an executable is no material");
        assert_eq!(sniff(b"plain text that says %PDF later"), None);
        let mut ofd = b"PK\x03\x04".to_vec();
        ofd.extend_from_slice(&[0; 22]);
        ofd.extend_from_slice(&7u16.to_le_bytes());
        ofd.extend_from_slice(&[0, 0]);
        ofd.extend_from_slice(b"OFD.xml<?xml");
        assert_eq!(sniff(&ofd), Some(FileType::Ofd));
    }

    #[test]
    fn the_enterprise_or_an_official_for_it_gives_and_the_department_decides() {
        let s = CaseState::InService;
        let e = who(Role::Enterprise);
        assert_eq!(decide(s, MaterialState::Missing, MaterialAction::Upload, &e), Ok(MaterialState::Submitted));
        assert!(!on_behalf(&e));
        let other = MaterialActor { owns_case: false, ..e };
        assert_eq!(decide(s, MaterialState::Missing, MaterialAction::Upload, &other), Err(MaterialError::Forbidden));
        let window = who(Role::WindowAgent);
        assert_eq!(decide(s, MaterialState::Missing, MaterialAction::Reuse, &window), Ok(MaterialState::Submitted));
        assert!(on_behalf(&window));
        let dept = who(Role::DepartmentAgent);
        assert_eq!(decide(s, MaterialState::Missing, MaterialAction::Upload, &dept), Err(MaterialError::Forbidden));
        assert_eq!(decide(s, MaterialState::Submitted, MaterialAction::Accept, &dept), Ok(MaterialState::Accepted));
        assert_eq!(
            decide(s, MaterialState::Submitted, MaterialAction::RequestCorrection, &dept),
            Ok(MaterialState::CorrectionRequested)
        );
        let elsewhere = MaterialActor { in_item_department: false, ..dept };
        assert_eq!(
            decide(s, MaterialState::Submitted, MaterialAction::Accept, &elsewhere),
            Err(MaterialError::Forbidden)
        );
        assert_eq!(decide(s, MaterialState::Submitted, MaterialAction::Accept, &e), Err(MaterialError::Forbidden));
        assert_eq!(
            decide(s, MaterialState::CorrectionRequested, MaterialAction::Upload, &e),
            Ok(MaterialState::Submitted),
            "a correction is answered with a new version"
        );
        assert!(matches!(
            decide(s, MaterialState::Accepted, MaterialAction::Upload, &e),
            Err(MaterialError::NotAllowed { .. })
        ));
        assert!(matches!(
            decide(s, MaterialState::Missing, MaterialAction::Accept, &dept),
            Err(MaterialError::NotAllowed { .. })
        ));
    }

    #[test]
    fn a_closed_case_refuses_every_material_write() {
        for state in CaseState::ALL.into_iter().filter(|s| s.is_closed()) {
            for role in Role::ALL {
                for m in MaterialState::ALL {
                    assert!(allowed_actions(state, m, &who(role)).is_empty());
                    for a in MaterialAction::ALL {
                        assert_eq!(decide(state, m, a, &who(role)), Err(MaterialError::CaseClosed(state)));
                    }
                }
                assert!(!may_attach_result(role, true, state));
            }
        }
        assert_eq!(
            allowed_actions(CaseState::InService, MaterialState::Submitted, &who(Role::WindowAgent)),
            [MaterialAction::Upload, MaterialAction::Reuse, MaterialAction::Accept, MaterialAction::RequestCorrection]
        );
    }
}
