//! The national schedule of public holidays and adjusted working days (法定节假日与调休).
//!
//! The data are notices in the format of the MIT-licensed `holiday-cn` project's year files:
//! those of `data/holidays/` (see `LICENSE.holiday-cn` there) are embedded at compile time and
//! seed a new database, which the platform administrator keeps up to date from then on. A year file
//! follows the *title year of the State Council notice*, so it may list dates of the
//! neighbouring year (`2023.json` lists `2022-12-31`): all files are loaded and keyed by date.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::RangeInclusive;
use std::sync::{Arc, OnceLock};

use chrono::{Datelike, NaiveDate};

use super::notice::{Notice, schedule_of};

/// One date listed by a State Council notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NationalDay {
    /// The festival the date belongs to, e.g. `春节`.
    pub name: String,
    /// `true` for a day off, `false` for an adjusted working day (调休上班, always a weekend day).
    pub is_off_day: bool,
}

/// A year file or a set of them could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HolidayDataError {
    /// The text is not a `holiday-cn` year file.
    #[error("not a holiday year file: {0}")]
    Malformed(String),
    /// Two files list the same date, once as a day off and once as a working day.
    #[error("{date} is listed both as a day off and as a working day")]
    Conflict {
        /// The contradictory date.
        date: NaiveDate,
    },
}

/// The national schedule: every listed date, and the years whose notice is loaded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NationalSchedule {
    days: BTreeMap<NaiveDate, NationalDay>,
    years: BTreeSet<i32>,
}

static EMBEDDED: OnceLock<Result<Arc<NationalSchedule>, HolidayDataError>> = OnceLock::new();

impl NationalSchedule {
    /// An empty schedule: every Monday–Friday is a working day, every weekend day is off.
    pub fn empty() -> Self {
        Self::default()
    }

    /// The schedule compiled into the crate (2023–2027 files; see [`Self::covered_years`] for
    /// the years whose notice was published in them). Parsed once, then shared.
    pub fn embedded() -> Result<Arc<Self>, HolidayDataError> {
        EMBEDDED.get_or_init(|| Notice::embedded().and_then(|n| schedule_of(&n)).map(Arc::new)).clone()
    }

    /// Builds a schedule from `holiday-cn` year files (JSON text), e.g. a newly published year.
    pub fn from_year_files<'a>(files: impl IntoIterator<Item = &'a str>) -> Result<Self, HolidayDataError> {
        let mut schedule = Self::empty();
        for file in files {
            schedule.add_year_file(file)?;
        }
        Ok(schedule)
    }

    /// Adds one `holiday-cn` year file. A date listed again with the same meaning is kept once
    /// (the later name wins); a date listed with the opposite meaning is refused.
    pub fn add_year_file(&mut self, json: &str) -> Result<(), HolidayDataError> {
        self.add_notice(&Notice::from_year_file(json)?)
    }

    /// Adds one year's notice, like [`Self::add_year_file`].
    pub fn add_notice(&mut self, notice: &Notice) -> Result<(), HolidayDataError> {
        for day in &notice.days {
            if let Some(known) = self.days.get(&day.date)
                && known.is_off_day != day.is_off_day
            {
                return Err(HolidayDataError::Conflict { date: day.date });
            }
        }
        if !notice.days.is_empty() {
            self.years.insert(notice.year);
        }
        for day in &notice.days {
            let entry = NationalDay { name: day.name.clone(), is_off_day: day.is_off_day };
            self.days.insert(day.date, entry);
        }
        Ok(())
    }

    /// The listing of `date`, if a notice mentions it.
    pub fn get(&self, date: NaiveDate) -> Option<&NationalDay> {
        self.days.get(&date)
    }

    /// The listed dates within `range`, in order.
    pub fn listed(&self, range: RangeInclusive<NaiveDate>) -> impl Iterator<Item = (NaiveDate, &NationalDay)> {
        self.days.range(range).map(|(d, day)| (*d, day))
    }

    /// The notice years loaded, in order: a year counts once its file lists at least one date
    /// (the 2027 file is still empty, so 2027 is not covered).
    pub fn covered_years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.iter().copied()
    }

    /// Whether the notice for `date`'s year is loaded. Outside the covered years a date still
    /// gets an answer, as a plain week: Monday–Friday work, Saturday and Sunday off (and late
    /// December of a covered year may still change with the next year's notice).
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.years.contains(&date.year())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn embedded_data_parse_and_cover_2023_to_2026() {
        let schedule = NationalSchedule::embedded().unwrap();
        assert_eq!(schedule.covered_years().collect::<Vec<_>>(), vec![2023, 2024, 2025, 2026]);
        assert!(schedule.covers(date(2026, 12, 31)));
        assert!(!schedule.covers(date(2027, 1, 1)));
        // 2023.json lists the last day of 2022.
        assert_eq!(schedule.get(date(2022, 12, 31)).unwrap().name, "元旦");
        let spring = schedule.get(date(2026, 2, 14)).unwrap();
        assert_eq!((spring.name.as_str(), spring.is_off_day), ("春节", false));
        assert_eq!(schedule.listed(date(2026, 10, 1)..=date(2026, 10, 10)).count(), 8);
    }

    #[test]
    fn contradictory_files_are_refused() {
        let a = r#"{"year":2030,"papers":[],"days":[{"name":"x","date":"2030-01-01","isOffDay":true}]}"#;
        let b = r#"{"year":2031,"papers":[],"days":[{"name":"y","date":"2030-01-01","isOffDay":false}]}"#;
        assert_eq!(
            NationalSchedule::from_year_files([a, b]),
            Err(HolidayDataError::Conflict { date: date(2030, 1, 1) })
        );
        assert!(NationalSchedule::from_year_files([a, a]).is_ok());
        assert!(matches!(NationalSchedule::from_year_files(["{}"]), Err(HolidayDataError::Malformed(_))));
    }
}
