//! Request and response bodies of stored files, the materials checklist, the enterprise's
//! materials and result documents. Uploads are `multipart/form-data`.

use butler_app::files::FileInfo;
use butler_app::materials::{Checklist, ChecklistItem, ChecklistMaterial, GivenVersion, LibraryMaterial};
use butler_domain::material::{FileType, MaterialAction, MaterialState};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::case_dto::TaskOut;

/// A stored file: its facts, not its bytes (`GET /api/v1/files/{id}` serves them).
#[derive(Debug, Serialize, ToSchema)]
pub struct FileOut {
    pub id: Uuid,
    /// The name it was uploaded with (for display; never a path).
    #[schema(example = "营业执照.pdf")]
    pub file_name: String,
    /// The type, told from the content.
    pub file_type: FileType,
    /// The media type it is served with.
    #[schema(example = "application/pdf")]
    pub media_type: String,
    pub size_bytes: i64,
    /// SHA-256 of the content, lowercase hex (also the download's `ETag`).
    pub sha256: String,
    pub uploaded_by: Uuid,
    pub created_at: DateTime<Utc>,
    /// Where to download it.
    #[schema(example = "/api/v1/files/0190e6f2-0000-7000-8000-000000000000")]
    pub download_url: String,
}

impl From<FileInfo> for FileOut {
    fn from(f: FileInfo) -> Self {
        FileOut {
            download_url: format!("/api/v1/files/{}", f.id),
            id: f.id,
            file_name: f.file_name,
            media_type: f.file_type.media_type().to_owned(),
            file_type: f.file_type,
            size_bytes: f.size_bytes,
            sha256: f.sha256,
            uploaded_by: f.uploaded_by,
            created_at: f.created_at,
        }
    }
}

/// One version of an enterprise's material.
#[derive(Debug, Serialize, ToSchema)]
pub struct MaterialVersionOut {
    pub material_id: Uuid,
    pub material_name: String,
    /// 1, 2, …: each upload is a new version; none is overwritten.
    pub version: i32,
    pub file: FileOut,
    pub uploaded_by: Uuid,
    /// Given by an official for the enterprise (代办).
    pub on_behalf: bool,
    /// Valid until (inclusive); reusable while valid.
    pub valid_until: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

impl From<GivenVersion> for MaterialVersionOut {
    fn from(v: GivenVersion) -> Self {
        MaterialVersionOut {
            material_id: v.material_id,
            material_name: v.material_name,
            version: v.version,
            file: v.file.into(),
            uploaded_by: v.uploaded_by,
            on_behalf: v.on_behalf,
            valid_until: v.valid_until,
            created_at: v.created_at,
        }
    }
}

/// One material of one plan item on the checklist.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChecklistMaterialOut {
    /// 1-based position in the item's material list (the `{position}` of its routes).
    pub position: i32,
    pub name: String,
    pub required: bool,
    /// 容缺: may be missing at acceptance and given later.
    pub may_be_missing: bool,
    /// The types accepted, told from the content.
    pub accepted_types: Vec<FileType>,
    pub state: MaterialState,
    /// The version given for this use.
    pub current: Option<MaterialVersionOut>,
    /// Why a correction (补正) was asked for.
    pub reason: Option<String>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
    /// Valid versions of the enterprise's material of the same name that may be reused
    /// (一次提交、多次复用), newest first.
    pub candidates: Vec<MaterialVersionOut>,
    /// What the caller may do now.
    pub allowed_actions: Vec<MaterialAction>,
}

impl From<ChecklistMaterial> for ChecklistMaterialOut {
    fn from(m: ChecklistMaterial) -> Self {
        ChecklistMaterialOut {
            position: m.position,
            name: m.name,
            required: m.required,
            may_be_missing: m.may_be_missing,
            accepted_types: m.accepted_types,
            state: m.state,
            current: m.current.map(Into::into),
            reason: m.reason,
            decided_by: m.decided_by,
            decided_at: m.decided_at,
            candidates: m.candidates.into_iter().map(Into::into).collect(),
            allowed_actions: m.allowed_actions,
        }
    }
}

/// One plan item's materials.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChecklistItemOut {
    pub item_id: Uuid,
    pub position: i32,
    pub name: String,
    pub department_id: Uuid,
    pub materials: Vec<ChecklistMaterialOut>,
}

impl From<ChecklistItem> for ChecklistItemOut {
    fn from(i: ChecklistItem) -> Self {
        ChecklistItemOut {
            item_id: i.item_id,
            position: i.position,
            name: i.name,
            department_id: i.department_id,
            materials: i.materials.into_iter().map(Into::into).collect(),
        }
    }
}

/// The materials checklist (申请材料清单) of a case.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChecklistOut {
    pub case_id: Uuid,
    pub items: Vec<ChecklistItemOut>,
}

impl From<Checklist> for ChecklistOut {
    fn from(c: Checklist) -> Self {
        ChecklistOut { case_id: c.case_id, items: c.items.into_iter().map(Into::into).collect() }
    }
}

/// One material of the enterprise's library with every version, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct LibraryMaterialOut {
    pub material_id: Uuid,
    pub name: String,
    pub latest_version: i32,
    /// Whether the newest version may still be reused.
    pub valid: bool,
    pub versions: Vec<MaterialVersionOut>,
}

impl From<LibraryMaterial> for LibraryMaterialOut {
    fn from(m: LibraryMaterial) -> Self {
        LibraryMaterialOut {
            material_id: m.material_id,
            name: m.name,
            latest_version: m.latest_version,
            valid: m.valid,
            versions: m.versions.into_iter().map(Into::into).collect(),
        }
    }
}

/// The enterprise's materials.
#[derive(Debug, Serialize, ToSchema)]
pub struct MaterialLibraryOut {
    pub items: Vec<LibraryMaterialOut>,
}

/// A material upload (`multipart/form-data`). Send `valid_until` before `file`: parts
/// after the file are not read.
#[derive(Debug, ToSchema)]
#[allow(dead_code)] // describes the multipart body for the contract; parsed part by part
pub struct MaterialUploadForm {
    /// Until when the material is valid (YYYY-MM-DD), e.g. a licence's expiry.
    #[schema(value_type = Option<String>, format = Date, example = "2027-12-31")]
    pub valid_until: Option<String>,
    /// The file. Its type is told from its content (not its name) and must be one of the
    /// material's `accepted_types`.
    #[schema(value_type = String, format = Binary, content_media_type = "application/octet-stream")]
    pub file: Vec<u8>,
}

/// A result document upload (`multipart/form-data`).
#[derive(Debug, ToSchema)]
#[allow(dead_code)] // describes the multipart body for the contract; parsed part by part
pub struct ResultDocumentForm {
    /// The approval document (批文): PDF, OFD, JPEG, PNG or Word (.docx), told from the content.
    #[schema(value_type = String, format = Binary, content_media_type = "application/octet-stream")]
    pub file: Vec<u8>,
}

/// Reuse a version the enterprise gave before.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct MaterialReuseIn {
    /// The enterprise's material (see `candidates` or the enterprise's materials).
    pub material_id: Uuid,
    /// Its version.
    #[validate(range(min = 1))]
    #[schema(minimum = 1)]
    pub version: i32,
}

/// The department's decision on a material.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum MaterialDecisionKind {
    /// Accept the version given.
    Accept,
    /// Ask for a correction (补正); `reason` is required.
    RequestCorrection,
}

/// Accept a material, or ask for a correction (补正) saying why.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct MaterialDecisionIn {
    pub decision: MaterialDecisionKind,
    /// Why a correction is needed (required for `request_correction`).
    #[validate(length(min = 1, max = 2000))]
    #[schema(min_length = 1, max_length = 2000)]
    pub reason: Option<String>,
}

/// The approval document attached, and the sheet as it is now.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResultDocumentOut {
    pub file: FileOut,
    pub task: TaskOut,
}
