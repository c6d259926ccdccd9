//! `pathwise check --links`: does every resource address still answer? Checked concurrently
//! with a bounded number of workers, a timeout per request, redirects followed, and HEAD with a
//! GET fallback for servers that do not answer HEAD.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use ureq::ResponseExt;

use crate::cli::CheckArgs;
use crate::error::{Error, Result};
use crate::output;
use pathwise_core::curriculum::Curriculum;
use pathwise_core::sanitize::terminal as safe;

#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Ok,
    Redirected(String),
    Broken(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub id: String,
    pub url: String,
    pub outcome: Outcome,
}

fn agent(timeout: Duration) -> ureq::Agent {
    ureq::Agent::new_with_config(
        ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .max_redirects(10)
            .http_status_as_error(false)
            .user_agent(concat!(
                "pathwise/",
                env!("CARGO_PKG_VERSION"),
                " (link check)"
            ))
            .build(),
    )
}

fn check_one(agent: &ureq::Agent, url: &str) -> Outcome {
    let head = agent.head(url).call();
    let resp = match head {
        // Some servers refuse or mishandle HEAD: ask again with GET.
        Ok(r) if matches!(r.status().as_u16(), 403 | 405 | 501) => agent.get(url).call(),
        Ok(r) => Ok(r),
        Err(_) => agent.get(url).call(),
    };
    match resp {
        Err(e) => Outcome::Broken(e.to_string()),
        Ok(r) => {
            let status = r.status();
            if !status.is_success() {
                return Outcome::Broken(format!("HTTP {}", status.as_u16()));
            }
            let last = r.get_uri().to_string();
            if normalise(&last) != normalise(url) {
                Outcome::Redirected(last)
            } else {
                Outcome::Ok
            }
        }
    }
}

fn normalise(u: &str) -> &str {
    u.trim_end_matches('/')
}

/// Checks the addresses with `jobs` workers; results come back in input order.
pub fn check(
    urls: &[(String, String)],
    jobs: usize,
    timeout: Duration,
    progress: bool,
) -> Vec<Checked> {
    let agent = agent(timeout);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Checked>>> = Mutex::new(vec![None; urls.len()]);
    let bar = if progress {
        let b = indicatif::ProgressBar::new(urls.len() as u64);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} links checked {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    std::thread::scope(|s| {
        for _ in 0..jobs.clamp(1, urls.len().max(1)) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((id, url)) = urls.get(i) else { break };
                    let outcome = check_one(&agent, url);
                    bar.inc(1);
                    if let Ok(mut r) = results.lock() {
                        r[i] = Some(Checked {
                            id: id.clone(),
                            url: url.clone(),
                            outcome,
                        });
                    }
                }
            });
        }
    });
    bar.finish_and_clear();
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect()
}

pub fn check_command(cur: &Curriculum, a: &CheckArgs) -> Result<()> {
    let urls: Vec<(String, String)> = cur
        .resources
        .iter()
        .map(|r| (r.id.to_string(), r.url.to_string()))
        .collect();
    let progress = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let results = check(
        &urls,
        usize::from(a.jobs),
        Duration::from_secs(a.timeout),
        progress,
    );
    let mut out = String::new();
    let mut broken = 0;
    let mut redirected = 0;
    for r in &results {
        let (label, detail) = match &r.outcome {
            Outcome::Ok => continue,
            Outcome::Redirected(to) => {
                redirected += 1;
                ("redirected", format!("-> {}", safe(to)))
            }
            Outcome::Broken(why) => {
                broken += 1;
                ("broken", format!(" ({})", safe(why)))
            }
        };
        out.push_str(&format!(
            "{label:<10}  {}  {} {detail}\n",
            safe(&r.id),
            safe(&r.url)
        ));
    }
    out.push_str(&format!(
        "{} links checked: {} fine, {redirected} redirected, {broken} broken\n",
        results.len(),
        results.len() - broken - redirected
    ));
    output::stdout(&out)?;
    if broken > 0 {
        return Err(Error::io_message(format!(
            "{broken} link{} broken; update `url` (and keep the old one as `guide_url` if the guide named it)",
            if broken == 1 { " is" } else { "s are" }
        )));
    }
    Ok(())
}
