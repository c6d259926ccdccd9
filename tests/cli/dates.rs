//! The dates stamped on plan files: `--date`, `SOURCE_DATE_EPOCH`, or the user's own today.

use crate::common::*;

fn created(out: &str) -> &str {
    out.lines()
        .find_map(|l| l.strip_prefix("created: "))
        .unwrap_or_else(|| panic!("no `created:` in\n{out}"))
}

#[test]
fn today_is_the_users_day_not_utcs() {
    // Twenty-six hours apart: whatever the time, these two places are on different days.
    let mut days = Vec::new();
    for tz in ["Etc/GMT-14", "Etc/GMT+12"] {
        let (code, out, err) = run(pathwise()
            .args(["plan", "--set", "goals=profile", "-o", "-"])
            .env("TZ", tz));
        assert_eq!(code, 0, "{err}");
        days.push(created(&out).to_string());
    }
    assert_ne!(days[0], days[1], "both stamped {}", days[0]);
}

#[test]
fn only_real_dates_of_years_0_to_9999() {
    for good in ["2026-02-28", "2024-02-29", "0001-01-01", "9999-12-31"] {
        let (code, out, err) =
            run(pathwise().args(["plan", "--set", "goals=profile", "-o", "-", "--date", good]));
        assert_eq!(code, 0, "{good}: {err}");
        assert_eq!(created(&out), good);
    }
    for bad in [
        "+123-01-01",
        "-001-01-01",
        "+002026-01-01",
        "2026-02-29",
        "2026-1-1",
    ] {
        let (code, out, err) = run(pathwise()
            .args(["plan", "--set", "goals=profile", "-o", "-"])
            .arg(format!("--date={bad}")));
        assert_eq!(code, 2, "{bad}: {out}");
        assert!(err.contains("is not a date"), "{bad}: {err}");
    }
    for (epoch, ok) in [
        ("1767225600", Some("2026-01-01")),
        ("-62198755200", None),
        ("99999999999999", None),
        ("soon", None),
    ] {
        let (code, out, err) = run(pathwise()
            .args(["plan", "--set", "goals=profile", "-o", "-"])
            .env("SOURCE_DATE_EPOCH", epoch));
        match ok {
            Some(day) => assert_eq!(created(&out), day, "{err}"),
            None => assert_eq!(code, 2, "SOURCE_DATE_EPOCH={epoch}: {out}"),
        }
    }
}
