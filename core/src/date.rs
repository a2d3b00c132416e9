//! A calendar date for the `checked` field: parsed strictly from
//! `YYYY-MM-DD`, compared and subtracted as days.
//!
//! The core never reads the clock: whoever checks freshness passes "today"
//! in (the CLI from the system time, the app from the browser).

use std::fmt;

/// A valid date of the proleptic Gregorian calendar, years 1 to 9999.
/// Fields are private so that every `Date` is a real day.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(into = "String", try_from = "String")]
pub struct Date {
    // Field order matters: the derived ordering is chronological.
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, if it exists (e.g. not 2026-02-30).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD` in ASCII digits; anything else, or a day
    /// that does not exist, is `None`.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
            return None;
        }
        // `get` on byte ranges is safe here: the text is ten ASCII-checked bytes.
        let number = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = text.get(range)?;
            if !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            part.parse().ok()
        };
        let year = number(0..4)?;
        let month = u8::try_from(number(5..7)?).ok()?;
        let day = u8::try_from(number(8..10)?).ok()?;
        Date::new(year, month, day)
    }

    /// The year, 1 to 9999.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil: years start in March so the
        // leap day is the last day of the shifted year.
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01, clamped to years 1 to 9999.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let lowest = Date::MIN.days_since_epoch();
        let highest = Date::MAX.days_since_epoch();
        let z = days.clamp(lowest, highest) + 719_468;
        // Hinnant's civil_from_days, the inverse of `days_since_epoch`.
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        // The clamp keeps every part in range, so these conversions hold.
        Date {
            year: u16::try_from(year).unwrap_or(1),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// The UTC date of a Unix time in seconds (e.g. from `SystemTime`).
    pub fn from_unix_seconds(seconds: i64) -> Date {
        Date::from_days_since_epoch(seconds.div_euclid(86_400))
    }

    /// The UTC date of a Unix time in milliseconds (e.g. `Date.now()` in
    /// the browser).
    pub fn from_unix_millis(millis: i64) -> Date {
        Date::from_days_since_epoch(millis.div_euclid(86_400_000))
    }

    /// Whole days from `earlier` to `self` (negative when `earlier` is later).
    pub fn days_after(self, earlier: Date) -> i64 {
        self.days_since_epoch() - earlier.days_since_epoch()
    }

    /// The first representable date, 0001-01-01.
    pub const MIN: Date = Date {
        year: 1,
        month: 1,
        day: 1,
    };

    /// The last representable date, 9999-12-31.
    pub const MAX: Date = Date {
        year: 9999,
        month: 12,
        day: 31,
    };
}

impl fmt::Display for Date {
    /// `YYYY-MM-DD`, the form [`Date::parse`] reads.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

// The compiled course form (`crate::compiled`) stores a date as its text,
// so one read back is always a real day.
impl From<Date> for String {
    fn from(date: Date) -> String {
        date.to_string()
    }
}

impl TryFrom<String> for Date {
    type Error = String;

    fn try_from(text: String) -> Result<Date, String> {
        Date::parse(&text).ok_or(text)
    }
}

fn is_leap(year: u16) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).expect(text)
    }

    #[test]
    fn parses_real_dates_and_prints_them_back() {
        for text in [
            "2026-12-01",
            "2024-02-29",
            "2000-02-29",
            "0001-01-01",
            "9999-12-31",
        ] {
            assert_eq!(date(text).to_string(), text);
        }
        let d = date("2026-03-09");
        assert_eq!((d.year(), d.month(), d.day()), (2026, 3, 9));
    }

    #[test]
    fn refuses_malformed_and_impossible_dates() {
        for text in [
            "",
            "2026-1-01",
            "2026-01-1",
            "2026/01/01",
            "26-01-01",
            " 2026-01-01",
            "2026-01-01 ",
            "2026-01-01T00:00",
            "２０２６-０１-０１",
            "+026-01-01",
            "2026-+1-01",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "2026-01-32",
            "2026-04-31",
            "2023-02-29",
            "1900-02-29",
            "0000-01-01",
            "令和8-01-01",
        ] {
            assert_eq!(Date::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn counts_days_from_the_epoch() {
        assert_eq!(date("1970-01-01").days_since_epoch(), 0);
        assert_eq!(date("1970-01-02").days_since_epoch(), 1);
        assert_eq!(date("1969-12-31").days_since_epoch(), -1);
        assert_eq!(date("2000-03-01").days_since_epoch(), 11_017);
        assert_eq!(date("2026-12-01").days_after(date("2025-12-01")), 365);
        assert_eq!(date("2025-03-01").days_after(date("2024-03-01")), 365);
        assert_eq!(date("2024-03-01").days_after(date("2023-03-01")), 366);
    }

    #[test]
    fn days_and_dates_round_trip() {
        for days in (-719_162..=2_932_896).step_by(997) {
            let d = Date::from_days_since_epoch(days);
            assert_eq!(d.days_since_epoch(), days, "{d}");
            assert_eq!(Date::parse(&d.to_string()), Some(d));
        }
        assert_eq!(Date::MIN.days_since_epoch(), -719_162);
        assert_eq!(Date::MAX.days_since_epoch(), 2_932_896);
        assert_eq!(Date::from_days_since_epoch(i64::MIN), Date::MIN);
        assert_eq!(Date::from_days_since_epoch(i64::MAX), Date::MAX);
    }

    #[test]
    fn unix_time_is_read_as_a_utc_date() {
        assert_eq!(Date::from_unix_seconds(0), date("1970-01-01"));
        assert_eq!(Date::from_unix_seconds(-1), date("1969-12-31"));
        // 2026-12-01T23:59:59Z and the next second.
        assert_eq!(Date::from_unix_seconds(1_796_169_599), date("2026-12-01"));
        assert_eq!(Date::from_unix_seconds(1_796_169_600), date("2026-12-02"));
        assert_eq!(
            Date::from_unix_millis(1_796_169_599_999),
            date("2026-12-01")
        );
    }
}
