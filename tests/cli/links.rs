//! `check --links` without a network, and its manners with servers: offline, it says so with
//! exit code 3 instead of calling every correct address broken; it never sends more than two
//! requests at once to one host.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::common::*;

/// A curriculum folder whose resources are at these addresses.
fn curriculum(urls: &[String]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut yaml = String::from(
        "areas:\n  - id: learn\n    title: L\n    summary: S.\ntopics:\n  - id: t\n    title: T\n    area: learn\n    hours: 1\n    summary: S.\nresources:\n",
    );
    for (i, url) in urls.iter().enumerate() {
        {
            let _ = write!(
                yaml,
                "  - id: r{i}\n    title: R{i}\n    url: {url}\n    kind: article\n    teaches: [t]\n    level: beginner\n    cost: free\n    hours: 1\n"
            );
        };
    }
    std::fs::write(dir.path().join("c.yaml"), yaml).unwrap();
    dir
}

fn check_links(dir: &std::path::Path, extra: &[&str]) -> (i32, String, String) {
    let mut c = pathwise();
    for v in [
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        c.env_remove(v);
    }
    run(c
        .args(["check", "--links", "--no-builtin", "--paths"])
        .arg(dir)
        .args(extra))
}

#[test]
fn host_names_that_cannot_be_resolved_mean_no_network_and_exit_3() {
    // `.invalid` names never resolve (RFC 6761), with or without a network.
    let urls: Vec<String> = ["a", "b", "a"]
        .iter()
        .enumerate()
        .map(|(i, h)| format!("https://{h}.invalid/page{i}"))
        .collect();
    let dir = curriculum(&urls);
    let (code, out, err) = check_links(dir.path(), &[]);
    assert_eq!(code, 3, "{out}{err}");
    assert!(out.is_empty(), "no address is listed as broken:\n{out}");
    assert!(
        err.starts_with(
            "error: cannot reach the network: none of the 2 host names tried could be \
             resolved (a.invalid: "
        ),
        "{err}"
    );
    assert!(err.contains("; no address was checked\n"), "{err}");
    assert!(err.contains("help: check the connection"), "{err}");
    // The same words on every run, whichever name failed first.
    assert_eq!(check_links(dir.path(), &[]).2, err);
}

#[test]
fn a_host_that_refuses_connections_means_no_network_and_exit_3() {
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let urls = vec![
        format!("http://127.0.0.1:{port}/a"),
        format!("http://127.0.0.1:{port}/b"),
    ];
    let dir = curriculum(&urls);
    let (code, out, err) = check_links(dir.path(), &["--timeout", "2"]);
    assert_eq!(code, 3, "{out}{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.starts_with(
            "error: cannot reach the network: no host accepted a connection (127.0.0.1: "
        ),
        "{err}"
    );
}

#[test]
fn hosts_that_accept_but_never_answer_are_reported_as_no_network() {
    // Connections are accepted by the system (the listener's backlog) but nobody replies.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let urls = vec![
        format!("http://127.0.0.1:{port}/a"),
        format!("http://127.0.0.1:{port}/b"),
    ];
    let dir = curriculum(&urls);
    let (code, out, err) = check_links(dir.path(), &["--timeout", "1"]);
    drop(listener);
    assert_eq!(code, 3, "{out}{err}");
    assert!(
        err.starts_with("error: cannot reach the network: no host answered any of the 2 addresses"),
        "{err}"
    );
}

#[test]
fn at_most_two_requests_at_once_go_to_one_host() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let open = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    {
        let (open, most) = (open.clone(), most.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let (open, most) = (open.clone(), most.clone());
                std::thread::spawn(move || {
                    let mut reader = BufReader::new(stream.try_clone().unwrap());
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        // The probe's connection: no request.
                        return;
                    }
                    let now = open.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    loop {
                        let mut h = String::new();
                        if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
                            break;
                        }
                    }
                    std::thread::sleep(Duration::from_millis(150));
                    open.fetch_sub(1, Ordering::SeqCst);
                    let _ = stream.write_all(
                        b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok",
                    );
                });
            }
        });
    }
    let urls: Vec<String> = (0..8)
        .map(|i| format!("http://127.0.0.1:{port}/p{i}"))
        .collect();
    let dir = curriculum(&urls);
    let (code, out, err) = check_links(dir.path(), &["--jobs", "8", "--timeout", "10"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("8 links checked: 8 fine, 0 redirected, 0 broken"),
        "{out}"
    );
    let most = most.load(Ordering::SeqCst);
    assert!(
        (1..=2).contains(&most),
        "{most} requests at once to one host"
    );
}
