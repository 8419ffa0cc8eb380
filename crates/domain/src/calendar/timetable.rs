//! A county's office hours through the year: one standard timetable, and optionally a summer
//! one for a span of the year (some counties open earlier and close later from May to
//! September, 夏季作息时间).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use super::OfficeHours;

/// A day of the year, written `MM-DD` (`05-01`). February 29 is allowed and, in a common
/// year, stands for March 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MonthDay {
    month: u32,
    day: u32,
}

/// The text was not a day of the year.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a day of the year written MM-DD")]
pub struct NotAMonthDay(pub String);

impl MonthDay {
    /// The day `month`-`day`, if it exists in a leap year.
    pub fn new(month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(2000, month, day).map(|_| MonthDay { month, day })
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The day of the month.
    pub fn day(self) -> u32 {
        self.day
    }

    /// The day of the year `date` falls on.
    pub fn of(date: NaiveDate) -> Self {
        MonthDay { month: date.month(), day: date.day() }
    }
}

impl fmt::Display for MonthDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

impl FromStr for MonthDay {
    type Err = NotAMonthDay;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || NotAMonthDay(s.to_owned());
        let (m, d) = s.split_once('-').ok_or_else(bad)?;
        if m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let month = m.parse().map_err(|_| bad())?;
        let day = d.parse().map_err(|_| bad())?;
        MonthDay::new(month, day).ok_or_else(bad)
    }
}

impl TryFrom<String> for MonthDay {
    type Error = NotAMonthDay;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<MonthDay> for String {
    fn from(d: MonthDay) -> Self {
        d.to_string()
    }
}

/// Office hours that differ for a span of the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeasonalHours {
    /// The first day the hours apply (inclusive).
    pub from: MonthDay,
    /// The last day the hours apply (inclusive). Before `from`, the span runs over the new
    /// year (`11-01` to `02-28`).
    pub until: MonthDay,
    /// The hours in the span.
    pub hours: OfficeHours,
}

impl SeasonalHours {
    /// Whether `date` falls in the span.
    pub fn covers(&self, date: NaiveDate) -> bool {
        let day = MonthDay::of(date);
        if self.from <= self.until {
            self.from <= day && day <= self.until
        } else {
            day >= self.from || day <= self.until
        }
    }
}

/// A county's office hours through the year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeTimetable {
    /// The hours outside any seasonal span (the default 09:00–12:00, 14:30–18:00).
    pub standard: OfficeHours,
    /// Hours of a span of the year (summer hours), if the county keeps them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seasonal: Option<SeasonalHours>,
}

impl From<OfficeHours> for OfficeTimetable {
    fn from(standard: OfficeHours) -> Self {
        OfficeTimetable { standard, seasonal: None }
    }
}

impl OfficeTimetable {
    /// The hours kept on `date`.
    pub fn hours_on(&self, date: NaiveDate) -> &OfficeHours {
        match &self.seasonal {
            Some(s) if s.covers(date) => &s.hours,
            _ => &self.standard,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::OfficeInterval;
    use super::*;
    use chrono::NaiveTime;

    fn hours(start: (u32, u32), end: (u32, u32)) -> OfficeHours {
        let t = |(h, m): (u32, u32)| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        OfficeHours::new(vec![OfficeInterval { start: t(start), end: t(end) }]).unwrap()
    }

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn month_days_parse_strictly() {
        assert_eq!("05-01".parse::<MonthDay>().unwrap(), MonthDay::new(5, 1).unwrap());
        assert_eq!(MonthDay::new(2, 29).unwrap().to_string(), "02-29");
        for bad in ["5-01", "13-01", "02-30", "0501", "05-1", "", "ab-cd", "05-01x"] {
            assert!(bad.parse::<MonthDay>().is_err(), "{bad}");
        }
        let json = serde_json::to_string(&MonthDay::new(9, 30).unwrap()).unwrap();
        assert_eq!(json, "\"09-30\"");
        assert!(serde_json::from_str::<MonthDay>("\"09-31\"").is_err());
    }

    #[test]
    fn the_seasonal_hours_apply_in_their_span_also_over_the_new_year() {
        let summer = hours((8, 0), (17, 0));
        let table = OfficeTimetable {
            standard: OfficeHours::default(),
            seasonal: Some(SeasonalHours {
                from: MonthDay::new(5, 1).unwrap(),
                until: MonthDay::new(9, 30).unwrap(),
                hours: summer.clone(),
            }),
        };
        assert_eq!(table.hours_on(date(4, 30)), &OfficeHours::default());
        assert_eq!(table.hours_on(date(5, 1)), &summer);
        assert_eq!(table.hours_on(date(9, 30)), &summer);
        assert_eq!(table.hours_on(date(10, 1)), &OfficeHours::default());

        let winter =
            SeasonalHours { from: MonthDay::new(11, 1).unwrap(), until: MonthDay::new(2, 28).unwrap(), hours: summer };
        assert!(winter.covers(date(12, 31)) && winter.covers(date(1, 1)) && winter.covers(date(2, 28)));
        assert!(!winter.covers(date(3, 1)) && !winter.covers(date(10, 31)));
    }
}
