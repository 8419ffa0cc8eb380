//! Uploaded sheets and year files: the national calendar (a `holiday-cn` year file or a sheet),
//! a county's local days (a sheet), the catalog workbook and the onboarding workbook, each read
//! as its import reads it, up to the calendar or items it would store.

use butler_app::calendar_days_bulk::CALENDAR_SHEET;
use butler_app::calendar_sheets::sheet_rows;
use butler_app::national_calendar::notice_field_error;
use butler_domain::calendar::Calendar;
use butler_domain::calendar::local_sheet::{check_local_days, local_days_from_rows, sheet_field};
use butler_domain::calendar::notice::{self, Notice};

use super::{Target, Verdict, app_error, ensure, kind, text};
use crate::mutate::Shape;

/// Tokens of sheets: dates, kinds, and the XML of an .xlsx part.
const SHEET_TOKENS: &[&[u8]] = &[
    b"2027-02-06",
    b"2027/2/6",
    b"46424",
    b"-1",
    b"1e308",
    b"262143-12-31",
    "放假".as_bytes(),
    "调休上班".as_bytes(),
    "休息日".as_bytes(),
    "工作日".as_bytes(),
    "日历".as_bytes(),
    "节假日".as_bytes(),
    b",",
    b"\"",
    b"\r\n",
    b"<c r=\"A1\" t=\"s\"><v>0</v></c>",
    b"<c r=\"XFD1048576\"><v>1</v></c>",
    b"<c r=\"B2\" t=\"n\"><v>46424</v></c>",
    b"<c r=\"C3\" t=\"inlineStr\"><is><t>x</t></is></c>",
    b"<c r=\"A2\" t=\"d\"><v>2027-02-06T00:00:00</v></c>",
    b"<c r=\"A2\" t=\"e\"><v>#DIV/0!</v></c>",
    b"<row r=\"1048576\">",
    b"<dimension ref=\"A1:XFD1048576\"/>",
    b"<si><t>x</t></si>",
    b"<sheet name=\"x\" sheetId=\"9\" r:id=\"rId9\"/>",
    b"t=\"s\"",
    b"s=\"1\"",
    b"&amp;",
    b"&#0;",
    b"<![CDATA[",
    b"numFmtId=\"14\"",
];

pub fn targets() -> Vec<Target> {
    vec![
        Target {
            name: "national_calendar_json",
            about: "a year's national notice as a holiday-cn year file, checked and built into a schedule",
            shape: Shape::Json,
            dictionary: &[b"isOffDay", b"days", b"year", b"papers", b"\"2027-02-06\"", b"2027", b"true", b"false"],
            max_len: 64 * 1024,
            run: national_calendar_json,
        },
        Target {
            name: "national_calendar_sheet",
            about: "a year's national notice as a sheet (.xlsx or CSV: 日期, 名称, 放假/调休上班)",
            shape: Shape::Zip,
            dictionary: SHEET_TOKENS,
            max_len: 256 * 1024,
            run: national_calendar_sheet,
        },
        Target {
            name: "calendar_days_sheet",
            about: "a county's local days as a sheet (.xlsx or CSV: 日期, 休息日/工作日, 名称)",
            shape: Shape::Zip,
            dictionary: SHEET_TOKENS,
            max_len: 256 * 1024,
            run: calendar_days_sheet,
        },
        Target {
            name: "catalog_workbook",
            about: "the catalog workbook (事项, 材料 sheets) read into items",
            shape: Shape::Zip,
            dictionary: SHEET_TOKENS,
            max_len: 512 * 1024,
            run: catalog_workbook,
        },
        Target {
            name: "onboarding_workbook",
            about: "the county onboarding workbook read into a county; what is accepted prints and reads back the same",
            shape: Shape::Zip,
            dictionary: SHEET_TOKENS,
            max_len: 512 * 1024,
            run: onboarding_workbook,
        },
    ]
}

/// A notice checked as the import checks it, and, when it passes, built into a schedule.
fn notice_outcome(year: i32, notice: &Notice) -> Verdict {
    let problems = notice.problems(year, &[]);
    if let Some(first) = problems.first() {
        let _ = notice_field_error(first);
        return Ok(format!("Problems[{}]", kind(&first.problem)));
    }
    let schedule = notice::schedule_of(std::slice::from_ref(notice)).map_err(|e| format!("checked, yet: {e:?}"))?;
    for day in &notice.days {
        ensure(schedule.get(day.date).is_some(), || format!("{} is not in the schedule", day.date))?;
    }
    Ok("Ok".into())
}

fn national_calendar_json(input: &[u8]) -> Verdict {
    match Notice::from_year_file(&text(input)) {
        Ok(notice) => notice_outcome(notice.year, &notice),
        Err(e) => Ok(kind(&e)),
    }
}

fn national_calendar_sheet(input: &[u8]) -> Verdict {
    let (_, rows) = match sheet_rows(input, "节假日") {
        Ok(read) => read,
        Err(e) => return Ok(app_error(&e)),
    };
    match notice::notice_from_rows(2027, &rows) {
        Ok((notice, numbers)) => {
            ensure(numbers.len() == notice.days.len(), || "rows and days differ in number".into())?;
            notice_outcome(2027, &notice)
        }
        Err(errors) => Ok(format!("Rows[{}]", errors.first().map(|e| kind(&e.problem)).unwrap_or_default())),
    }
}

fn calendar_days_sheet(input: &[u8]) -> Verdict {
    let (sheet, rows) = match sheet_rows(input, CALENDAR_SHEET) {
        Ok(read) => read,
        Err(e) => return Ok(app_error(&e)),
    };
    let parsed = match local_days_from_rows(&rows, &sheet) {
        Ok(parsed) => parsed,
        Err(errors) => return Ok(format!("Rows[{}]", errors.first().map(|e| kind(&e.problem)).unwrap_or_default())),
    };
    let days: Vec<_> = parsed.iter().map(|(_, d)| d.clone()).collect();
    let field = |i: usize, c| sheet_field(&sheet, parsed.get(i).map_or(0, |(n, _)| *n), c);
    let problems = check_local_days(&days, &field);
    if let Some(first) = problems.first() {
        return Ok(format!("Problems[{}]", kind(&first.problem)));
    }
    let calendar = Calendar::china().map_err(|e| format!("{e:?}"))?;
    let calendar = calendar.with_local_days(days.clone()).map_err(|e| format!("checked, yet: {e:?}"))?;
    for day in &days {
        ensure(
            calendar.is_working_day(day.date) == (day.kind == butler_domain::calendar::LocalDayKind::WorkingDay),
            || format!("{} reads otherwise", day.date),
        )?;
    }
    Ok("Ok".into())
}

fn catalog_workbook(input: &[u8]) -> Verdict {
    let text = match butler_app::catalog_workbook::workbook_text(input) {
        Ok(text) => text,
        Err(e) => return Ok(app_error(&e)),
    };
    match butler_domain::catalog::template::parse(&text, |code| !code.is_empty()) {
        Ok(items) => Ok(format!("Ok({})", items.len().min(2))),
        Err(errors) => Ok(format!("Template[{}]", errors.first().map(|e| e.code()).unwrap_or_default())),
    }
}

fn onboarding_workbook(input: &[u8]) -> Verdict {
    use butler_domain::onboarding::{parse, print};
    let text = match butler_app::onboarding::workbook_text(input) {
        Ok(text) => text,
        Err(e) => return Ok(app_error(&e)),
    };
    let _ = butler_domain::onboarding::county_code(&text);
    match parse(&text, false) {
        Ok(county) => {
            let again = parse(&print(&county), false).map_err(|e| format!("printed, yet: {:?}", e.first()))?;
            ensure(again == county, || "the printed county reads back otherwise".into())?;
            Ok("Ok".into())
        }
        Err(errors) => Ok(format!("Sheets[{}]", errors.first().map(|e| e.code()).unwrap_or_default())),
    }
}
