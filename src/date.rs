//! Plain calendar dates, as precise as they are known (a year, a month or a
//! day), and the periods in which a name was in use.
//!
//! No time zone and no calendar arithmetic: a date is compared with a period
//! at the precision each side gives. A period's start counts from the first
//! day it may mean (`1924` from 1 January 1924) and its end up to the last
//! (`1990` until 31 December 1990), so that the name that replaced another in
//! 1990 and the name it replaced are both in use at `1990`; the newer wins
//! ([`Place::name_at`](crate::Place::name_at)).

use crate::layout::NO_YEAR;
use std::fmt;
use std::str::FromStr;

/// A calendar date as precise as it is known: `1985`, `1991-12` or
/// `2022-09-17` (proleptic Gregorian, no time zone).
///
/// ```
/// use toponym::Date;
/// let d: Date = "2022-09".parse().unwrap();
/// assert_eq!((d.year(), d.month(), d.day()), (2022, Some(9), None));
/// assert_eq!(d.to_string(), "2022-09");
/// assert!("2022-13".parse::<Date>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    year: i16,
    /// 1–12, or 0 when only the year is known.
    month: u8,
    /// 1–31, or 0 when the day is not known.
    day: u8,
}

/// Why a text is not a [`Date`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError(String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateError {}

impl Date {
    /// The date `year`, `month` (1–12, or `None`), `day` (1–31, or `None`;
    /// only with a month). Years run from -9999 to 9999; a day must exist in
    /// its month (29 February only in leap years).
    pub fn new(year: i16, month: Option<u8>, day: Option<u8>) -> Result<Date, DateError> {
        if !(-9999..=9999).contains(&year) {
            return Err(DateError(format!(
                "year {year} is out of range (-9999 to 9999)"
            )));
        }
        let month = month.unwrap_or(0);
        let day = day.unwrap_or(0);
        if month > 12 || (month == 0 && day != 0) {
            return Err(DateError(format!("month {month} is not 1 to 12")));
        }
        if month != 0 && day > days_in(year, month) {
            return Err(DateError(format!(
                "day {day} is not a day of month {month} of {year}"
            )));
        }
        Ok(Date { year, month, day })
    }

    /// The year.
    pub fn year(&self) -> i16 {
        self.year
    }

    /// The month (1–12), when known.
    pub fn month(&self) -> Option<u8> {
        (self.month != 0).then_some(self.month)
    }

    /// The day of the month, when known.
    pub fn day(&self) -> Option<u8> {
        (self.day != 0).then_some(self.day)
    }

    /// The first day the date may mean: `1924` is 1924-01-01.
    pub(crate) fn first_day(&self) -> (i16, u8, u8) {
        (self.year, self.month.max(1), self.day.max(1))
    }

    /// The last day the date may mean: `1990` is 1990-12-31.
    pub(crate) fn last_day(&self) -> (i16, u8, u8) {
        let month = if self.month == 0 { 12 } else { self.month };
        let day = if self.day == 0 {
            days_in(self.year, month)
        } else {
            self.day
        };
        (self.year, month, day)
    }
}

/// Days in `month` (1–12) of `year`.
fn days_in(year: i16, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a year of four digits, a leading
    /// `-` for years before the common era).
    fn from_str(s: &str) -> Result<Date, DateError> {
        let bad = || {
            DateError(format!(
                "`{s}` is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"
            ))
        };
        let (negative, rest) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let mut parts = rest.split('-');
        let year = parts.next().ok_or_else(bad)?;
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i16 = year.parse().map_err(|_| bad())?;
        let year = if negative { -year } else { year };
        let mut field = |len: usize| -> Result<Option<u8>, DateError> {
            match parts.next() {
                None => Ok(None),
                Some(p) if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) => {
                    p.parse().map(Some).map_err(|_| bad())
                }
                Some(_) => Err(bad()),
            }
        };
        let month = field(2)?;
        let day = field(2)?;
        if parts.next().is_some() || (month == Some(0)) || (day == Some(0)) {
            return Err(bad());
        }
        Date::new(year, month, day).map_err(|e| DateError(format!("`{s}` is not a date: {e}")))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.year < 0 {
            write!(f, "-{:04}", -i32::from(self.year))?;
        } else {
            write!(f, "{:04}", self.year)?;
        }
        if self.month != 0 {
            write!(f, "-{:02}", self.month)?;
        }
        if self.day != 0 {
            write!(f, "-{:02}", self.day)?;
        }
        Ok(())
    }
}

/// When a name was in use: from and until, each open or unknown when
/// `None`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Period {
    pub from: Option<Date>,
    pub until: Option<Date>,
}

impl Period {
    /// Whether the period says anything.
    pub fn is_empty(&self) -> bool {
        self.from.is_none() && self.until.is_none()
    }

    /// Whether `date` (its first day) lies in the period; an open end holds
    /// every date on its side.
    pub fn contains(&self, date: Date) -> bool {
        let d = date.first_day();
        self.from.is_none_or(|f| f.first_day() <= d) && self.until.is_none_or(|u| d <= u.last_day())
    }

    /// Parses a period as `data/FORMAT.md` writes it: years (`1923-1991`,
    /// `-1926`, `2010-`, `1940`) or dates with a slash
    /// (`2019-03-23/2022-09-17`, `/1924`, `1991-11/`). `None` when malformed
    /// or when it ends before it starts.
    #[cfg_attr(not(feature = "build"), allow(dead_code))] // (the compiler's)
    pub fn parse(s: &str) -> Option<Period> {
        let s = s.trim();
        if s.is_empty() {
            return Some(Period::default());
        }
        let date = |t: &str| -> Option<Option<Date>> {
            if t.is_empty() {
                Some(None)
            } else {
                t.parse::<Date>().ok().map(Some)
            }
        };
        let (from, until) = if let Some((a, b)) = s.split_once('/') {
            (date(a)?, date(b)?)
        } else if let Some((a, b)) = s.split_once('-') {
            // years only: a hyphen between them
            if a.contains('-') || b.contains('-') {
                return None;
            }
            (date(a)?, date(b)?)
        } else {
            let y = date(s)?;
            (y, y)
        };
        Period::new(from, until)
    }

    /// The period from `from` until `until`; `None` when it ends before it
    /// starts.
    #[cfg_attr(not(feature = "build"), allow(dead_code))] // (the compiler's)
    pub fn new(from: Option<Date>, until: Option<Date>) -> Option<Period> {
        match (from, until) {
            (Some(f), Some(u)) if f.first_day() > u.last_day() => None,
            _ => Some(Period { from, until }),
        }
    }

    /// The years, as a name record stores them (`NO_YEAR` for none).
    #[cfg_attr(not(feature = "build"), allow(dead_code))] // (the compiler's)
    pub fn years(&self) -> (i16, i16) {
        let y = |d: Option<Date>| d.map_or(NO_YEAR, |d| d.year);
        (y(self.from), y(self.until))
    }

    /// Months and days, as a name record stores them: from month, from day,
    /// until month, until day (0 for unknown).
    #[cfg_attr(not(feature = "build"), allow(dead_code))] // (the compiler's)
    pub fn days(&self) -> [u8; 4] {
        let md = |d: Option<Date>| d.map_or((0, 0), |d| (d.month, d.day));
        let (fm, fd) = md(self.from);
        let (um, ud) = md(self.until);
        [fm, fd, um, ud]
    }
}

impl fmt::Display for Period {
    /// Years alone as `data/world/names.tsv` writes them (`1923-1991`,
    /// `-1926`, `1940`); with a month or a day, `from/until`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let side = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        let precise = [self.from, self.until]
            .iter()
            .flatten()
            .any(|d| d.month != 0 || d.year < 0);
        match (self.from, self.until) {
            (None, None) => Ok(()),
            (Some(a), Some(b)) if a == b && !precise => write!(f, "{a}"),
            _ if precise => write!(f, "{}/{}", side(self.from), side(self.until)),
            _ => write!(f, "{}-{}", side(self.from), side(self.until)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn dates_parse_and_print_at_their_precision() {
        for s in ["1985", "1991-12", "2022-09-17", "2000-02-29", "-0500"] {
            assert_eq!(d(s).to_string(), s);
        }
        for s in [
            "",
            "85",
            "1985-1",
            "1985-00",
            "1985-13",
            "1985-02-30",
            "1900-02-29",
            "1985-01-01-",
            "x985",
            "1985/01",
            "19850",
        ] {
            assert!(s.parse::<Date>().is_err(), "{s}");
        }
    }

    #[test]
    fn periods_hold_dates_at_the_precision_each_side_gives() {
        let p = Period::parse("1924-1990").unwrap();
        assert!(p.contains(d("1924")) && p.contains(d("1990-12-31")));
        assert!(!p.contains(d("1923-12")) && !p.contains(d("1991")));
        let p = Period::parse("2019-03-23/2022-09-17").unwrap();
        assert!(p.contains(d("2019-03-23")) && p.contains(d("2022-09")));
        assert!(!p.contains(d("2019-03-22")) && !p.contains(d("2022-09-18")));
        // (a year stands for its first day)
        assert!(!p.contains(d("2019")) && p.contains(d("2020")));
        let p = Period::parse("/1924").unwrap();
        assert!(p.contains(d("1000")) && !p.contains(d("1925")));
        let p = Period::parse("1991-11/").unwrap();
        assert!(p.contains(d("2100")) && !p.contains(d("1991-10-31")));
        assert_eq!(Period::parse("1990-1924"), None);
        assert_eq!(Period::parse("2022-09/2022-08"), None);
        assert_eq!(Period::parse("1991-12-1990"), None);
    }

    #[test]
    fn periods_print_as_they_parse() {
        for s in [
            "1923-1991",
            "-1926",
            "2010-",
            "1940",
            "2019-03-23/2022-09-17",
            "/1924-05",
        ] {
            assert_eq!(Period::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(Period::parse("1924/1990").unwrap().to_string(), "1924-1990");
    }
}
