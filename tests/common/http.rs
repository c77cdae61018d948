//! A small HTTP/1.1 server on 127.0.0.1 for the `update` tests: it serves a
//! fictional blog ([`super::blog::Blog`]), can be told to misbehave on chosen
//! URLs, and counts what it was asked and what bodies it sent.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::blog::Blog;

/// A way to misbehave on one URL (path and query, e.g. `/pprnet/blog?p=2`).
#[derive(Debug, Clone)]
pub enum Fault {
    /// Answer 500 this many times, then serve the page.
    ServerError(usize),
    /// Send the headers, then wait this long before the body.
    Slow(Duration),
    /// Announce the whole body but send only half of it, then close.
    Truncated,
    /// Redirect to this URL.
    RedirectTo(String),
    /// Send this many bytes of HTML with no Content-Length.
    Huge(usize),
    /// Serve the page with this content type.
    ContentType(String),
}

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Hit {
    /// Path and query.
    pub target: String,
    /// The status answered.
    pub status: u16,
    /// Whether a page body was sent.
    pub body: bool,
    /// The User-Agent header.
    pub user_agent: String,
}

/// What the server serves and has seen.
pub struct State {
    /// The site.
    pub blog: Blog,
    /// Faults by path and query.
    pub faults: HashMap<String, Fault>,
    /// Every request, in order.
    pub hits: Vec<Hit>,
}

/// A running server; it stops answering when the test process ends.
#[derive(Clone)]
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub origin: String,
    /// The port.
    pub port: u16,
    state: Arc<Mutex<State>>,
}

impl Server {
    /// Starts serving `blog` on 127.0.0.1 (a free port).
    pub fn start(blog: Blog) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let state = Arc::new(Mutex::new(State {
            blog,
            faults: HashMap::new(),
            hits: Vec::new(),
        }));
        let shared = Arc::clone(&state);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let state = Arc::clone(&shared);
                std::thread::spawn(move || {
                    let _ = serve(stream, &state);
                });
            }
        });
        Server {
            origin: format!("http://127.0.0.1:{port}"),
            port,
            state,
        }
    }

    /// The blog's address on this server.
    pub fn site(&self) -> String {
        format!("{}{}", self.origin, super::blog::PATH)
    }

    /// Changes the server's state (the blog, the faults).
    pub fn with<T>(&self, change: impl FnOnce(&mut State) -> T) -> T {
        change(&mut self.state.lock().unwrap())
    }

    /// Misbehaves on `target` (path and query) from now on.
    pub fn fault(&self, target: &str, fault: Fault) {
        self.with(|s| s.faults.insert(target.to_string(), fault));
    }

    /// The requests seen so far; clears the list.
    pub fn take_hits(&self) -> Vec<Hit> {
        self.with(|s| std::mem::take(&mut s.hits))
    }
}

/// A port on 127.0.0.1 where nothing listens.
pub fn refused_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

fn serve(stream: TcpStream, state: &Mutex<State>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let target = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_string();
    let mut headers = HashMap::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
        }
    }
    let user_agent = headers.get("user-agent").cloned().unwrap_or_default();
    let (page, fault) = {
        let mut state = state.lock().unwrap();
        let page = state.blog.render(&target);
        let fault = match state.faults.get_mut(&target) {
            Some(Fault::ServerError(0)) => None,
            Some(Fault::ServerError(n)) => {
                *n -= 1;
                Some(Fault::ServerError(1))
            }
            other => other.cloned(),
        };
        (page, fault)
    };
    let record = |status: u16, body: bool| {
        state.lock().unwrap().hits.push(Hit {
            target: target.clone(),
            status,
            body,
            user_agent: user_agent.clone(),
        });
    };
    let mut out = stream;
    if let Some(Fault::RedirectTo(location)) = &fault {
        record(302, false);
        return respond(
            &mut out,
            "302 Found",
            "text/html",
            &[("Location", location)],
            b"",
        );
    }
    let Some(page) = page else {
        record(404, false);
        return respond(&mut out, "404 Not Found", "text/html", &[], b"not found");
    };
    let etag = format!("\"{:016x}\"", fnv(page.as_bytes()));
    match fault {
        Some(Fault::ServerError(_)) => {
            record(500, false);
            respond(
                &mut out,
                "500 Internal Server Error",
                "text/html",
                &[],
                b"oops",
            )
        }
        Some(Fault::ContentType(content_type)) => {
            record(200, true);
            respond(&mut out, "200 OK", &content_type, &[], page.as_bytes())
        }
        Some(Fault::Slow(pause)) => {
            record(200, true);
            ok_head(&mut out, page.len())?;
            std::thread::sleep(pause);
            out.write_all(page.as_bytes())
        }
        Some(Fault::Truncated) => {
            record(200, true);
            ok_head(&mut out, page.len())?;
            out.write_all(&page.as_bytes()[..page.len() / 2])
        }
        Some(Fault::Huge(size)) => {
            record(200, true);
            write!(
                out,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><body>"
            )?;
            let chunk = vec![b'x'; 64 * 1024];
            let mut sent = 0;
            while sent < size {
                out.write_all(&chunk)?;
                sent += chunk.len();
            }
            Ok(())
        }
        Some(Fault::RedirectTo(_)) => unreachable!("answered above"),
        None if headers.get("if-none-match") == Some(&etag) => {
            record(304, false);
            write!(
                out,
                "HTTP/1.1 304 Not Modified\r\nETag: {etag}\r\nConnection: close\r\n\r\n"
            )
        }
        None => {
            record(200, true);
            respond(
                &mut out,
                "200 OK",
                "text/html; charset=utf-8",
                &[("ETag", &etag)],
                page.as_bytes(),
            )
        }
    }
}

/// The head of a 200 answer announcing `length` bytes of HTML.
fn ok_head(out: &mut TcpStream, length: usize) -> std::io::Result<()> {
    write!(
        out,
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n"
    )?;
    out.flush()
}

fn respond(
    out: &mut TcpStream,
    status: &str,
    content_type: &str,
    extra: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<()> {
    write!(out, "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n")?;
    for (name, value) in extra {
        write!(out, "{name}: {value}\r\n")?;
    }
    write!(
        out,
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    out.write_all(body)?;
    out.flush()
}

/// FNV-1a: a stable hash for ETags.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
