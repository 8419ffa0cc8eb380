//! The workbook file: its sheets' text read with calamine, and written with the house's sheet
//! writer (the guide first, then the county's sheets, then the catalog's).

use butler_domain::catalog::template::{Column, ItemColumn, MaterialColumn, TemplateSheet, TemplateText};
use butler_domain::onboarding::{self, GUIDE_SHEET, OnboardingSheet, WorkbookText};
use butler_domain::settings::CountySettings;

use crate::catalog_workbook::sheet_rows;
use crate::error::AppError;
use crate::exports::sheet::{Cell, SheetSpec, workbook_of};

fn not_a_workbook(why: &str) -> AppError {
    AppError::field(
        "file",
        "not_a_workbook",
        "文件不是可读取的 Excel 工作簿（.xlsx）",
        &format!("The file is not a readable Excel workbook (.xlsx): {why}"),
    )
}

/// Every sheet of the onboarding workbook `bytes` as text.
pub fn workbook_text(bytes: &[u8]) -> Result<WorkbookText, AppError> {
    let mut wb = crate::xlsx_read::open(bytes).map_err(|why| not_a_workbook(&why))?;
    let mut read = |sheet: &str| sheet_rows(&mut wb, sheet);
    Ok(WorkbookText {
        county: read(OnboardingSheet::County.name())?,
        settings: read(OnboardingSheet::Settings.name())?,
        profile: read(OnboardingSheet::Profile.name())?,
        departments: read(OnboardingSheet::Departments.name())?,
        users: read(OnboardingSheet::Users.name())?,
        calendar: read(OnboardingSheet::Calendar.name())?,
        catalog: TemplateText {
            items: read(TemplateSheet::Items.name())?,
            materials: read(TemplateSheet::Materials.name())?,
        },
    })
}

fn width(header: &str) -> f64 {
    match header {
        "说明" | "值" | "填写说明" => 60.0,
        _ => 18.0,
    }
}

/// Numbers where the catalog template has numbers; text elsewhere (blank as an empty cell).
fn cell(text: &str, number: bool) -> Cell {
    match text.parse::<u32>() {
        Ok(n) if number => Cell::Number(f64::from(n)),
        _ if text.is_empty() => Cell::Empty,
        _ => Cell::Text(text.to_owned()),
    }
}

/// The .xlsx file of `text`, with the guide sheet first.
pub fn workbook_bytes(text: &WorkbookText) -> Result<Vec<u8>, AppError> {
    struct Sheet {
        name: &'static str,
        columns: Vec<(&'static str, f64)>,
        rows: Vec<Vec<Cell>>,
    }
    let guide: Vec<Vec<Cell>> =
        onboarding::guide_rows().into_iter().map(|r| r.into_iter().map(Cell::Text).collect()).collect();
    let mut sheets = vec![Sheet {
        name: GUIDE_SHEET,
        columns: vec![("工作表", 10.0), ("列或项目", 28.0), ("填写说明", 90.0)],
        rows: guide,
    }];
    let own = |sheet: OnboardingSheet| Sheet {
        name: sheet.name(),
        columns: sheet.columns().iter().map(|c| (c.zh, width(c.zh))).collect(),
        rows: text
            .sheet(sheet)
            .map(|rows| rows.iter().skip(1).map(|r| r.iter().map(|c| cell(c, false)).collect()).collect())
            .unwrap_or_default(),
    };
    for sheet in OnboardingSheet::ALL {
        sheets.push(own(sheet));
    }
    let catalog =
        |name: TemplateSheet, rows: &Option<Vec<Vec<String>>>, columns: Vec<(&'static str, f64)>, number: &str| Sheet {
            name: name.name(),
            rows: rows
                .as_ref()
                .map(|rows| {
                    rows.iter()
                        .skip(1)
                        .map(|r| {
                            r.iter()
                                .enumerate()
                                .map(|(i, c)| cell(c, columns.get(i).is_some_and(|h| h.0 == number)))
                                .collect()
                        })
                        .collect()
                })
                .unwrap_or_default(),
            columns,
        };
    let item_columns: Vec<_> = ItemColumn::ALL.iter().map(|c| (c.header(), c.width())).collect();
    let material_columns: Vec<_> = MaterialColumn::ALL.iter().map(|c| (c.header(), c.width())).collect();
    sheets.push(catalog(TemplateSheet::Items, &text.catalog.items, item_columns, ItemColumn::MaxExtension.header()));
    sheets.push(catalog(
        TemplateSheet::Materials,
        &text.catalog.materials,
        material_columns,
        MaterialColumn::Position.header(),
    ));
    let specs: Vec<SheetSpec<'_>> =
        sheets.iter().map(|s| SheetSpec { name: s.name, columns: &s.columns, rows: &s.rows }).collect();
    workbook_of(&specs)
}

/// The blank workbook: every sheet with its header, the settings at their defaults, the
/// profile's keys, and the guide.
pub fn template_workbook() -> Result<Vec<u8>, AppError> {
    let header = |sheet: OnboardingSheet| Some(vec![sheet.columns().iter().map(|c| c.zh.to_owned()).collect()]);
    let with = |sheet: OnboardingSheet, rows: Vec<Vec<String>>| {
        let mut all: Vec<Vec<String>> = vec![sheet.columns().iter().map(|c| c.zh.to_owned()).collect()];
        all.extend(rows);
        Some(all)
    };
    let settings = onboarding::print_settings(&CountySettings::default()).into_iter().map(Vec::from).collect();
    let profile =
        onboarding::PROFILE_KEYS.iter().map(|(k, m)| vec![(*k).to_owned(), String::new(), (*m).to_owned()]).collect();
    let text = WorkbookText {
        county: header(OnboardingSheet::County),
        settings: with(OnboardingSheet::Settings, settings),
        profile: with(OnboardingSheet::Profile, profile),
        departments: header(OnboardingSheet::Departments),
        users: header(OnboardingSheet::Users),
        calendar: header(OnboardingSheet::Calendar),
        catalog: TemplateText { items: None, materials: None },
    };
    workbook_bytes(&text)
}
