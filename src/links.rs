//! `pathwise check --links`: does every resource address still answer? Checked concurrently
//! with a bounded number of workers and at most [`PER_HOST`] requests to one host at a time, a
//! timeout per request, redirects followed, and HEAD with a GET fallback for servers that do
//! not answer HEAD. Before any address is checked, a quick probe tells whether the network can
//! be reached at all: offline, every address would look broken.

use std::fmt::Write as _;
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ureq::ResponseExt;

use crate::cli::CheckArgs;
use crate::error::{Error, Result};
use crate::output;
use pathwise_core::curriculum::Curriculum;
use pathwise_core::sanitize::terminal as safe;

/// At most this many requests go to one host at a time.
pub(crate) const PER_HOST: usize = 2;

/// How many host names the probe tries, and how many of those it tries to connect to.
const PROBE_NAMES: usize = 8;
const PROBE_CONNECTS: usize = 3;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Outcome {
    Ok,
    Redirected(String),
    /// The server answered, with an error status, or the exchange failed after connecting.
    Broken(String),
    /// No answer at all: the name was not found, no connection, or no reply in time.
    Unreachable(String),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Checked {
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
        Err(
            e @ (ureq::Error::HostNotFound
            | ureq::Error::ConnectionFailed
            | ureq::Error::Timeout(_)
            | ureq::Error::Io(_)
            | ureq::Error::ConnectProxyFailed(_)),
        ) => Outcome::Unreachable(e.to_string()),
        Err(e) => Outcome::Broken(e.to_string()),
        Ok(r) => {
            let status = r.status();
            if !status.is_success() {
                return Outcome::Broken(format!("HTTP {}", status.as_u16()));
            }
            let last = r.get_uri().to_string();
            if normalise(&last) == normalise(url) {
                Outcome::Ok
            } else {
                Outcome::Redirected(last)
            }
        }
    }
}

fn normalise(u: &str) -> &str {
    u.trim_end_matches('/')
}

/// The host and port of an address, as a connection would use them.
fn host_of(url: &str) -> Option<(String, u16)> {
    let uri: ureq::http::Uri = url.parse().ok()?;
    let host = uri.host()?.trim_start_matches('[').trim_end_matches(']');
    let port = uri
        .port_u16()
        .unwrap_or(if uri.scheme_str() == Some("http") {
            80
        } else {
            443
        });
    Some((host.to_ascii_lowercase(), port))
}

/// The order work is handed out in: lanes of indices, each host's addresses spread over at
/// most [`PER_HOST`] lanes, so that one worker per lane keeps to the limit: with eight
/// workers, the first addresses of four hosts are asked at once, not eight pages of one.
fn lanes(urls: &[(String, String)]) -> Vec<Vec<usize>> {
    type Host = Option<(String, u16)>;
    let mut hosts: Vec<(Host, Vec<usize>)> = Vec::new();
    let mut index: std::collections::HashMap<Host, usize> = std::collections::HashMap::new();
    for (i, (_, url)) in urls.iter().enumerate() {
        let h = host_of(url);
        let k = *index.entry(h.clone()).or_insert_with(|| {
            hosts.push((h, Vec::new()));
            hosts.len() - 1
        });
        hosts[k].1.push(i);
    }
    let mut out = Vec::new();
    for (_, all) in hosts {
        let n = all.len().min(PER_HOST);
        let mut split = vec![Vec::new(); n];
        for (j, i) in all.into_iter().enumerate() {
            split[j % n].push(i);
        }
        out.extend(split);
    }
    out
}

/// Whether the network can be reached: one of the first host names resolves, and one of the
/// hosts found accepts a connection. Names are resolved and connections tried at the same time,
/// within `timeout` in all; `Err` says what failed. Behind a proxy (`HTTPS_PROXY` and the like)
/// names are the proxy's business, and the probe says yes.
pub(crate) fn network_reachable(
    urls: &[(String, String)],
    timeout: Duration,
) -> Result<(), String> {
    if ureq::Proxy::try_from_env().is_some() {
        return Ok(());
    }
    let mut hosts: Vec<(String, u16)> = Vec::new();
    for (_, url) in urls {
        if let Some(h) = host_of(url)
            && !hosts.contains(&h)
        {
            hosts.push(h);
            if hosts.len() == PROBE_NAMES {
                break;
            }
        }
    }
    if hosts.is_empty() {
        return Ok(());
    }
    let deadline = Instant::now() + timeout;
    // Threads that are not joined: a resolver that hangs must not hold the command up.
    let (tx, rx) = mpsc::channel();
    for h in hosts.iter().cloned() {
        let tx = tx.clone();
        std::thread::spawn(move || {
            let found = (h.0.as_str(), h.1)
                .to_socket_addrs()
                .map(std::iter::Iterator::collect::<Vec<_>>);
            let _ = tx.send((h.0, found));
        });
    }
    drop(tx);
    // Failures are reported for the first host in the curriculum's order, whichever failed
    // first, so the message is the same on every run.
    let mut failures: Vec<(String, String)> = Vec::new();
    let first_failure = |failures: &[(String, String)], hosts: &[String]| {
        hosts
            .iter()
            .find_map(|h| failures.iter().find(|(f, _)| f == h))
            .map_or("no answer in time".to_string(), |(h, why)| {
                format!("{h}: {why}")
            })
    };
    let mut found = Vec::new();
    while found.len() < PROBE_CONNECTS {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok((host, Ok(addrs))) if !addrs.is_empty() => found.push((host, addrs)),
            Ok((host, Ok(_))) => failures.push((host, "no address".to_string())),
            Ok((host, Err(e))) => failures.push((host, crate::error::io_reason(&e))),
            Err(_) => break,
        }
    }
    let names: Vec<String> = hosts.iter().map(|h| h.0.clone()).collect();
    if found.is_empty() {
        return Err(format!(
            "none of the {} tried could be resolved ({})",
            match hosts.len() {
                1 => "1 host name".to_string(),
                n => format!("{n} host names"),
            },
            first_failure(&failures, &names)
        ));
    }
    // Resolved names in the curriculum's order.
    found.sort_by_key(|(h, _)| names.iter().position(|n| n == h));
    let (tx, rx) = mpsc::channel();
    for (host, addrs) in found {
        let tx = tx.clone();
        let left = deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(200));
        std::thread::spawn(move || {
            let mut last = None;
            for a in addrs.iter().take(2) {
                match TcpStream::connect_timeout(a, left) {
                    Ok(_) => {
                        let _ = tx.send(Ok(()));
                        return;
                    }
                    Err(e) => last = Some(e),
                }
            }
            let why = last.map_or("no address".to_string(), |e| crate::error::io_reason(&e));
            let _ = tx.send(Err((host, why)));
        });
    }
    drop(tx);
    let mut failures = Vec::new();
    loop {
        let left = deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(200));
        match rx.recv_timeout(left) {
            Ok(Ok(())) => return Ok(()),
            Ok(Err(f)) => failures.push(f),
            Err(_) => break,
        }
    }
    Err(format!(
        "no host accepted a connection ({})",
        first_failure(&failures, &names)
    ))
}

/// Checks the addresses with `jobs` workers, at most [`PER_HOST`] at a time on one host;
/// results come back in input order.
pub(crate) fn check(
    urls: &[(String, String)],
    jobs: usize,
    timeout: Duration,
    progress: bool,
) -> Vec<Checked> {
    let agent = agent(timeout);
    let lanes = lanes(urls);
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
        for _ in 0..jobs.clamp(1, lanes.len().max(1)) {
            s.spawn(|| {
                loop {
                    let lane = next.fetch_add(1, Ordering::Relaxed);
                    let Some(lane) = lanes.get(lane) else { break };
                    for &i in lane {
                        let (id, url) = &urls[i];
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

pub(crate) fn check_command(cur: &Curriculum, a: &CheckArgs) -> Result<()> {
    let urls: Vec<(String, String)> = cur
        .resources
        .iter()
        .map(|r| (r.id.to_string(), r.url.to_string()))
        .collect();
    let progress = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let timeout = Duration::from_secs(a.timeout);
    network_reachable(&urls, timeout.min(Duration::from_secs(10)))
        .map_err(|why| Error::Offline(format!("{why}; no address was checked")))?;
    let results = check(&urls, usize::from(a.jobs), timeout, progress);
    // Not one answer from any host: the network went away, or was never there (a proxy
    // that answers nothing). Listing every address as broken would send the user to fix
    // addresses that are right.
    if results.len() > 1
        && results
            .iter()
            .all(|r| matches!(r.outcome, Outcome::Unreachable(_)))
    {
        let why = match &results[0].outcome {
            Outcome::Unreachable(w) => w.clone(),
            _ => String::new(),
        };
        return Err(Error::Offline(format!(
            "no host answered any of the {} addresses (the first: {})",
            results.len(),
            safe(&why)
        )));
    }
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
            Outcome::Unreachable(why) => {
                broken += 1;
                ("no answer", format!(" ({})", safe(why)))
            }
        };
        {
            let _ = writeln!(
                out,
                "{label:<10}  {}  {} {detail}",
                safe(&r.id),
                safe(&r.url)
            );
        };
    }
    {
        let _ = writeln!(
            out,
            "{} links checked: {} fine, {redirected} redirected, {broken} broken",
            results.len(),
            results.len() - broken - redirected
        );
    };
    output::stdout(&out)?;
    if broken > 0 {
        return Err(Error::io_message(format!(
            "{broken} link{} broken; update `url` (and keep the old one as `guide_url` if the guide named it)",
            if broken == 1 { " is" } else { "s are" }
        )));
    }
    Ok(())
}
