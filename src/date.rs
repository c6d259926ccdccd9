//! Dates for plan files: today in UTC, `SOURCE_DATE_EPOCH`, or `--date`, as `YYYY-MM-DD`.

use crate::error::{Error, Result};

/// The civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
pub fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn format(days: i64) -> String {
    let (y, m, d) = civil(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Checks a `YYYY-MM-DD` date.
pub fn parse(s: &str) -> Option<String> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = s[..4].parse().ok()?;
    let m: u32 = s[5..7].parse().ok()?;
    let d: u32 = s[8..].parse().ok()?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days_in = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d == 0 || d > days_in[(m - 1) as usize] {
        return None;
    }
    Some(s.to_string())
}

/// The date to stamp on a plan: `--date`, else `SOURCE_DATE_EPOCH`, else today (UTC).
pub fn stamp(flag: Option<&str>) -> Result<String> {
    if let Some(f) = flag {
        return parse(f).ok_or_else(|| {
            Error::usage(
                format!("`--date {f}` is not a date"),
                "write it as YYYY-MM-DD, e.g. `--date 2026-01-31`",
            )
        });
    }
    if let Ok(v) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = v.trim().parse().map_err(|_| {
            Error::usage(
                format!("SOURCE_DATE_EPOCH={v} is not a number of seconds"),
                "set it to a Unix time, e.g. `SOURCE_DATE_EPOCH=1767225600`",
            )
        })?;
        return Ok(format(secs.div_euclid(86_400)));
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    Ok(format(secs.div_euclid(86_400)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(format(0), "1970-01-01");
        assert_eq!(format(20_454), "2026-01-01");
        assert_eq!(format(11_016), "2000-02-29");
    }

    #[test]
    fn parses_valid_dates_only() {
        assert!(parse("2026-02-28").is_some());
        assert!(parse("2024-02-29").is_some());
        assert!(parse("2026-02-29").is_none());
        assert!(parse("2026-13-01").is_none());
        assert!(parse("26-1-1").is_none());
    }
}
