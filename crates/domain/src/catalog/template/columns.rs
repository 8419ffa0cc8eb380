//! The template's sheets and columns: the header each shows, its English name for messages,
//! its width, and the line the 说明 sheet gives it.

/// A sheet of the template that holds data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TemplateSheet {
    /// 事项: one row per item.
    Items,
    /// 材料: one row per material of an item.
    Materials,
}

impl TemplateSheet {
    /// The sheet's name in the workbook.
    pub fn name(self) -> &'static str {
        match self {
            TemplateSheet::Items => "事项",
            TemplateSheet::Materials => "材料",
        }
    }

    /// The sheet's name in English messages.
    pub fn en(self) -> &'static str {
        match self {
            TemplateSheet::Items => "items",
            TemplateSheet::Materials => "materials",
        }
    }
}

/// The name of the sheet that explains the template (ignored when reading).
pub const GUIDE_SHEET: &str = "说明";

/// A column of one of the template's sheets.
pub trait Column: Copy + Eq + std::hash::Hash + 'static {
    /// Every column, in the order the template writes them.
    const ALL: &'static [Self];
    /// The header text (the key when reading; the order of columns is free).
    fn header(self) -> &'static str;
    /// The column's name in English messages.
    fn en(self) -> &'static str;
    /// The width in characters the export gives it.
    fn width(self) -> f64;
    /// What to write in it (the 说明 sheet).
    fn help(self) -> &'static str;
}

/// The columns of the 事项 sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemColumn {
    Code,
    Name,
    Stage,
    Department,
    LegalBasis,
    AcceptanceConditions,
    LegalLimit,
    PromisedLimit,
    AllowsTolerance,
    AllowsCommitment,
    MaxExtension,
    Fees,
    FeeBasis,
    Intermediary,
    Process,
    Result,
    ConsultationPhone,
    ComplaintPhone,
    SupervisionPhone,
    Source,
    SourceNote,
}

impl Column for ItemColumn {
    const ALL: &'static [Self] = &[
        ItemColumn::Code,
        ItemColumn::Name,
        ItemColumn::Stage,
        ItemColumn::Department,
        ItemColumn::LegalBasis,
        ItemColumn::AcceptanceConditions,
        ItemColumn::LegalLimit,
        ItemColumn::PromisedLimit,
        ItemColumn::AllowsTolerance,
        ItemColumn::AllowsCommitment,
        ItemColumn::MaxExtension,
        ItemColumn::Fees,
        ItemColumn::FeeBasis,
        ItemColumn::Intermediary,
        ItemColumn::Process,
        ItemColumn::Result,
        ItemColumn::ConsultationPhone,
        ItemColumn::ComplaintPhone,
        ItemColumn::SupervisionPhone,
        ItemColumn::Source,
        ItemColumn::SourceNote,
    ];

    fn header(self) -> &'static str {
        match self {
            ItemColumn::Code => "事项编码",
            ItemColumn::Name => "事项名称",
            ItemColumn::Stage => "审批阶段",
            ItemColumn::Department => "办理部门编码",
            ItemColumn::LegalBasis => "法定依据",
            ItemColumn::AcceptanceConditions => "受理条件",
            ItemColumn::LegalLimit => "法定时限",
            ItemColumn::PromisedLimit => "承诺时限",
            ItemColumn::AllowsTolerance => "容缺受理",
            ItemColumn::AllowsCommitment => "告知承诺",
            ItemColumn::MaxExtension => "最长延期（工作日）",
            ItemColumn::Fees => "收费标准",
            ItemColumn::FeeBasis => "收费依据",
            ItemColumn::Intermediary => "中介服务",
            ItemColumn::Process => "办理流程",
            ItemColumn::Result => "办理结果",
            ItemColumn::ConsultationPhone => "咨询电话",
            ItemColumn::ComplaintPhone => "投诉电话",
            ItemColumn::SupervisionPhone => "监督电话",
            ItemColumn::Source => "来源",
            ItemColumn::SourceNote => "来源说明",
        }
    }

    fn en(self) -> &'static str {
        match self {
            ItemColumn::Code => "item code",
            ItemColumn::Name => "item name",
            ItemColumn::Stage => "stage",
            ItemColumn::Department => "department code",
            ItemColumn::LegalBasis => "legal basis",
            ItemColumn::AcceptanceConditions => "acceptance conditions",
            ItemColumn::LegalLimit => "legal time limit",
            ItemColumn::PromisedLimit => "promised time limit",
            ItemColumn::AllowsTolerance => "allows 容缺 acceptance",
            ItemColumn::AllowsCommitment => "allows 告知承诺",
            ItemColumn::MaxExtension => "maximum extension (working days)",
            ItemColumn::Fees => "fees",
            ItemColumn::FeeBasis => "fee basis",
            ItemColumn::Intermediary => "intermediary services",
            ItemColumn::Process => "process",
            ItemColumn::Result => "result",
            ItemColumn::ConsultationPhone => "consultation phone",
            ItemColumn::ComplaintPhone => "complaint phone",
            ItemColumn::SupervisionPhone => "supervision phone",
            ItemColumn::Source => "source",
            ItemColumn::SourceNote => "source note",
        }
    }

    fn width(self) -> f64 {
        match self {
            ItemColumn::Code | ItemColumn::AllowsTolerance | ItemColumn::AllowsCommitment => 10.0,
            ItemColumn::MaxExtension | ItemColumn::LegalLimit | ItemColumn::PromisedLimit => 12.0,
            ItemColumn::Stage | ItemColumn::Department => 16.0,
            ItemColumn::ConsultationPhone | ItemColumn::ComplaintPhone | ItemColumn::SupervisionPhone => 14.0,
            ItemColumn::Name | ItemColumn::Result | ItemColumn::Fees | ItemColumn::Intermediary => 24.0,
            _ => 36.0,
        }
    }

    fn help(self) -> &'static str {
        match self {
            ItemColumn::Code => "必填。本县事项的编码，各版本不变；同一编码在本表只能出现一次。",
            ItemColumn::Name => "必填。事项名称。",
            ItemColumn::Stage => {
                "必填。审批阶段：投资主体确立（企业注册登记）、审批立项（核准、备案）、土地供应、立项用地规划许可、工程建设许可、施工许可、竣工验收。"
            }
            ItemColumn::Department => "必填。办理部门的编码（见系统“部门”页），须为本县已有部门。",
            ItemColumn::LegalBasis => "法定依据（法律、法规、规章及条款）。",
            ItemColumn::AcceptanceConditions => "受理条件。",
            ItemColumn::LegalLimit => {
                "法定时限，写明单位：20个工作日、60日（自然日）、2小时、30分钟、即办；不写单位的数字按工作日计。空白表示无。"
            }
            ItemColumn::PromisedLimit => "承诺时限，写法同法定时限；不得长于法定时限。",
            ItemColumn::AllowsTolerance => "必填，是 或 否：是否可以容缺受理。材料表中有“可容缺”的材料时须为 是。",
            ItemColumn::AllowsCommitment => "必填，是 或 否：是否可以告知承诺方式办理。",
            ItemColumn::MaxExtension => "可延长的最长期限，整数个工作日；空白表示不得延期。",
            ItemColumn::Fees => "收费标准；不收费的写“不收费”。",
            ItemColumn::FeeBasis => "收费（或不收费）的依据。",
            ItemColumn::Intermediary => "办理所需的中介服务（如环境影响报告书编制）；不需要的写“无”。",
            ItemColumn::Process => "办理流程（如 申请→受理→审查→决定→送达）。",
            ItemColumn::Result => "办理结果（证照、批文的名称）。",
            ItemColumn::ConsultationPhone => "咨询电话。",
            ItemColumn::ComplaintPhone => "投诉电话。",
            ItemColumn::SupervisionPhone => "监督电话。",
            ItemColumn::Source => "来源：所依据的办事指南的网址或文号。",
            ItemColumn::SourceNote => "来源说明：对来源的补充说明。",
        }
    }
}

/// The columns of the 材料 sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MaterialColumn {
    ItemCode,
    Position,
    Name,
    Required,
    MayBeMissing,
    Sample,
    Note,
}

impl Column for MaterialColumn {
    const ALL: &'static [Self] = &[
        MaterialColumn::ItemCode,
        MaterialColumn::Position,
        MaterialColumn::Name,
        MaterialColumn::Required,
        MaterialColumn::MayBeMissing,
        MaterialColumn::Sample,
        MaterialColumn::Note,
    ];

    fn header(self) -> &'static str {
        match self {
            MaterialColumn::ItemCode => "事项编码",
            MaterialColumn::Position => "序号",
            MaterialColumn::Name => "材料名称",
            MaterialColumn::Required => "必需",
            MaterialColumn::MayBeMissing => "可容缺",
            MaterialColumn::Sample => "示例样表",
            MaterialColumn::Note => "备注",
        }
    }

    fn en(self) -> &'static str {
        match self {
            MaterialColumn::ItemCode => "item code",
            MaterialColumn::Position => "number",
            MaterialColumn::Name => "material name",
            MaterialColumn::Required => "required",
            MaterialColumn::MayBeMissing => "may be missing (容缺)",
            MaterialColumn::Sample => "sample",
            MaterialColumn::Note => "note",
        }
    }

    fn width(self) -> f64 {
        match self {
            MaterialColumn::ItemCode => 12.0,
            MaterialColumn::Position | MaterialColumn::Required | MaterialColumn::MayBeMissing => 8.0,
            MaterialColumn::Name => 48.0,
            MaterialColumn::Sample | MaterialColumn::Note => 30.0,
        }
    }

    fn help(self) -> &'static str {
        match self {
            MaterialColumn::ItemCode => "必填。材料所属事项的编码，须在事项表中。",
            MaterialColumn::Position => "必填。材料在该事项中的序号（正整数，同一事项内不重复），按序号排列。",
            MaterialColumn::Name => "必填。材料名称。",
            MaterialColumn::Required => "必填，是 或 否：是否必须提交。",
            MaterialColumn::MayBeMissing => "必填，是 或 否：受理时可否容缺、事后补齐；仅限容缺受理为 是 的事项。",
            MaterialColumn::Sample => "示例样表（样表名称或下载地址）。",
            MaterialColumn::Note => "备注：份数、原件/复印件、材料来源等。",
        }
    }
}
