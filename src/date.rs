//! Dates for plan files, as `YYYY-MM-DD`: `--date`, else `SOURCE_DATE_EPOCH` (for reproducible
//! files, read in UTC), else today where the user is (the system's time zone). Years 0 to 9999.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};

use crate::error::{Error, Result};

/// A `YYYY-MM-DD` date that exists: four digits of year (0000–9999), two of month and day.
pub(crate) fn parse(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !b
            .iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return None;
    }
    let y: i16 = s[..4].parse().ok()?;
    let m: i8 = s[5..7].parse().ok()?;
    let d: i8 = s[8..].parse().ok()?;
    Date::new(y, m, d).ok()
}

/// A date as `YYYY-MM-DD`, or `None` outside the years 0 to 9999.
fn format(d: Date) -> Option<String> {
    (0..=9999)
        .contains(&d.year())
        .then(|| format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
}

/// The date to stamp on a plan: `--date`, else `SOURCE_DATE_EPOCH`, else today.
pub(crate) fn stamp(flag: Option<&str>) -> Result<String> {
    match given(flag)? {
        Some(d) => Ok(d),
        None => today(),
    }
}

/// The date given by `--date` or `SOURCE_DATE_EPOCH`, checked; `None` when neither is set.
/// Checked before any question is asked; today is found only when a plan file needs it
/// (finding the system's time zone reads the time zone database).
pub(crate) fn given(flag: Option<&str>) -> Result<Option<String>> {
    if let Some(f) = flag {
        return parse(f).and_then(format).map(Some).ok_or_else(|| {
            Error::usage(
                format!("`--date {f}` is not a date"),
                "write it as YYYY-MM-DD with a year from 0000 to 9999, e.g. `--date 2026-01-31`",
            )
        });
    }
    if let Ok(v) = std::env::var("SOURCE_DATE_EPOCH") {
        let bad = || {
            Error::usage(
                format!(
                    "SOURCE_DATE_EPOCH={v} is not a number of seconds between the years 0 and 9999"
                ),
                "set it to a Unix time, e.g. `SOURCE_DATE_EPOCH=1767225600`",
            )
        };
        let secs: i64 = v.trim().parse().map_err(|_| bad())?;
        let day = Timestamp::from_second(secs)
            .map_err(|_| bad())?
            .to_zoned(TimeZone::UTC)
            .date();
        return format(day).map(Some).ok_or_else(bad);
    }
    Ok(None)
}

/// Today where the user is (the system's time zone), as `YYYY-MM-DD`.
pub(crate) fn today() -> Result<String> {
    let today = match local_zone() {
        Some(tz) => Timestamp::now().to_zoned(tz).date(),
        None => Zoned::now().date(),
    };
    format(today).ok_or_else(|| {
        Error::usage(
            "the system clock is outside the years 0 to 9999",
            "give the date with `--date YYYY-MM-DD`",
        )
    })
}

/// The system's time zone read straight from `/etc/localtime` when `TZ` does not name one:
/// jiff's own lookup, to learn the zone's name, lists the whole time zone database first (a
/// millisecond on every plan file written), and only the date is wanted here.
fn local_zone() -> Option<TimeZone> {
    if std::env::var_os("TZ").is_some_and(|v| !v.is_empty()) || !cfg!(unix) {
        return None;
    }
    let data = std::fs::read("/etc/localtime").ok()?;
    TimeZone::tzif("localtime", &data).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_valid_dates_only() {
        for good in ["2026-02-28", "2024-02-29", "0000-01-01", "9999-12-31"] {
            assert_eq!(
                parse(good).and_then(format).as_deref(),
                Some(good),
                "{good}"
            );
        }
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "26-1-1",
            "+123-01-01",
            "-001-01-01",
            "+002026-01-01",
            "2026-1-011",
            "2026-01-01T00:00",
            " 2026-01-01",
            "２０２６-01-01",
        ] {
            assert!(parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn source_date_epoch_days_are_utc_days() {
        let day = |secs| {
            format(
                Timestamp::from_second(secs)
                    .unwrap()
                    .to_zoned(TimeZone::UTC)
                    .date(),
            )
        };
        assert_eq!(day(0).as_deref(), Some("1970-01-01"));
        assert_eq!(day(1_767_225_600).as_deref(), Some("2026-01-01"));
        assert_eq!(day(951_782_400).as_deref(), Some("2000-02-29"));
        assert_eq!(day(-62_198_755_200), None, "a year before 0");
    }
}
