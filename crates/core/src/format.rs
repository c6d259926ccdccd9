//! Numbers and durations as people read them.

/// "1 week", "3 weeks".
pub fn weeks(n: u32) -> String {
    if n == 1 {
        "1 week".to_string()
    } else {
        format!("{n} weeks")
    }
}

pub fn hours(h: f64) -> String {
    format!("{} h", format_number((h * 10.0).round() / 10.0))
}

/// A number without a needless fraction: `6`, `2.5`.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}
