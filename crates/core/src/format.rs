//! Numbers and durations as people read them.

/// "1 week", "3 weeks".
pub fn weeks(n: u32) -> String {
    if n == 1 {
        "1 week".to_string()
    } else {
        format!("{n} weeks")
    }
}

/// "2.5 h": hours to a tenth.
pub fn hours(h: f64) -> String {
    // Large numbers have no tenths to round to (and ten times them may not be finite).
    let rounded = if h.abs() < 1e15 {
        (h * 10.0).round() / 10.0
    } else {
        h
    };
    format!("{} h", format_number(rounded))
}

/// A number without a needless fraction: `6`, `2.5`; huge ones in scientific notation (`1e308`,
/// not three hundred digits).
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else if n.abs() >= 1e15 {
        format!("{n:e}")
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_shown_to_a_tenth_and_never_as_infinite() {
        assert_eq!(hours(2.0), "2 h");
        assert_eq!(hours(2.46), "2.5 h");
        assert_eq!(hours(0.04), "0 h");
        assert_eq!(hours(1e308), "1e308 h");
        assert_eq!(format_number(-2.5e20), "-2.5e20");
        assert!(!hours(f64::MAX).contains("inf"));
        assert_eq!(weeks(1), "1 week");
        assert_eq!(weeks(3), "3 weeks");
        assert_eq!(format_number(6.0), "6");
        assert_eq!(format_number(2.5), "2.5");
    }
}
