//! The HTTP client of `update`: one site's pages, fetched politely and safely.
//!
//! Every request has a connect timeout and a whole-request timeout, a cap on the
//! body's size, a `User-Agent` naming pprnet, and waits at least the configured
//! delay after the previous request to the same host. Server errors (5xx) and
//! timeouts are retried a few times with a growing pause. Redirects are followed
//! only within the same host; only HTML is accepted. Conditional requests
//! (`If-None-Match` / `If-Modified-Since`) let an unchanged page cost no body.

use std::collections::HashMap;
use std::io::ErrorKind;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use ureq::http::{StatusCode, header};

use super::url::WebUrl;

/// The `User-Agent` sent with every request: `pprnet/VERSION (+URL)`, where the
/// URL is the project's repository when the package names one.
pub fn user_agent() -> String {
    let url = match env!("CARGO_PKG_REPOSITORY") {
        "" => "offline reader of the PPRNet blog",
        url => url,
    };
    format!("pprnet/{} (+{url})", env!("CARGO_PKG_VERSION"))
}

/// How the client behaves. [`ClientConfig::default`] is what `pprnet update` uses.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Longest wait for a connection (TCP and TLS).
    pub connect_timeout: Duration,
    /// Longest time for one whole request, body included.
    pub request_timeout: Duration,
    /// Largest body read, in bytes; a larger page is refused.
    pub max_body: u64,
    /// How many times a 5xx answer or a timeout is retried.
    pub retries: u32,
    /// The pause before the first retry; it doubles for each later one.
    pub backoff: Duration,
    /// The least time between two requests to the same host.
    pub delay: Duration,
    /// Refuse `http://` URLs, redirects included.
    pub https_only: bool,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_body: 5 * 1024 * 1024,
            retries: 3,
            backoff: Duration::from_secs(2),
            delay: Duration::from_secs(1),
            https_only: false,
        }
    }
}

/// Most redirects followed for one page.
const MAX_REDIRECTS: usize = 5;

/// What a server said about a page's version, for conditional requests.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validators {
    /// The `ETag` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// The `Last-Modified` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

impl Validators {
    /// Whether there is anything to send.
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// A page that was downloaded.
#[derive(Debug, Clone)]
pub struct Page {
    /// The page's HTML (invalid UTF-8 replaced by U+FFFD).
    pub html: String,
    /// Whether some bytes were not UTF-8.
    pub lossy: bool,
    /// What to send next time to ask whether it changed.
    pub validators: Validators,
}

/// The answer to a request.
#[derive(Debug, Clone)]
pub enum Answer {
    /// The page, downloaded.
    Page(Page),
    /// The page has not changed since the validators were given (304).
    NotModified,
}

/// Why a page could not be fetched. Every message names the URL or host.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// No connection could be made (DNS, refused, unreachable, TLS).
    #[error("cannot reach {host} ({url}): {reason}")]
    Unreachable {
        /// The host.
        host: String,
        /// The URL asked for.
        url: String,
        /// What went wrong.
        reason: String,
    },
    /// The server did not answer in time, even after retries.
    #[error("{url}: no complete answer within {} s (tried {attempts} times)", seconds.as_secs_f64())]
    Timeout {
        /// The URL asked for.
        url: String,
        /// The timeout of one attempt.
        seconds: Duration,
        /// How many attempts were made.
        attempts: u32,
    },
    /// The server answered with an error status.
    #[error("{url}: the server answered {status}{}", retried_text(*attempts))]
    Status {
        /// The URL asked for.
        url: String,
        /// The status line's code and reason.
        status: String,
        /// How many attempts were made.
        attempts: u32,
    },
    /// The page is larger than the cap.
    #[error("{url}: the page is larger than {} MB; not read", limit / (1024 * 1024))]
    TooLarge {
        /// The URL asked for.
        url: String,
        /// The cap, in bytes.
        limit: u64,
    },
    /// The connection broke off or the answer was not valid HTTP.
    #[error("{url}: the page could not be read completely: {reason}")]
    Broken {
        /// The URL asked for.
        url: String,
        /// What went wrong.
        reason: String,
    },
    /// The answer is not an HTML page.
    #[error("{url}: not an HTML page (content type {content_type:?})")]
    NotHtml {
        /// The URL asked for.
        url: String,
        /// The `Content-Type` header.
        content_type: String,
    },
    /// A redirect pointed to another host, or was otherwise not followed.
    #[error("{url}: redirects to {target}, which pprnet does not follow ({why})")]
    Redirect {
        /// The URL asked for.
        url: String,
        /// Where the redirect pointed.
        target: String,
        /// Why it was not followed.
        why: String,
    },
    /// An `http://` URL where only `https://` is allowed.
    #[error("{url}: refused, only https:// is used for this site")]
    Insecure {
        /// The URL refused.
        url: String,
    },
    /// The URL could not be understood.
    #[error("{0}")]
    BadUrl(String),
    /// The user asked to stop (Ctrl-C).
    #[error("stopped by the user")]
    Cancelled,
}

fn retried_text(attempts: u32) -> String {
    if attempts > 1 {
        format!(" (tried {attempts} times)")
    } else {
        String::new()
    }
}

/// Counts of what the client did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Requests sent, retries and redirects included.
    pub requests: usize,
    /// Pages whose body was downloaded.
    pub downloaded: usize,
    /// Pages the server said had not changed.
    pub not_modified: usize,
    /// Bytes of bodies read.
    pub bytes: u64,
}

/// An HTTP client for the pages of one host.
pub struct Client {
    agent: ureq::Agent,
    config: ClientConfig,
    host: String,
    last_request: HashMap<String, Instant>,
    cancel: Arc<AtomicBool>,
    counts: Counts,
}

/// The outcome of one attempt at one URL.
enum Attempt {
    Done(Answer),
    Redirect(String),
}

impl Client {
    /// A client for the host of `site`; `cancel` set to true stops it between
    /// requests (and during pauses).
    pub fn new(site: &WebUrl, config: ClientConfig, cancel: Arc<AtomicBool>) -> Client {
        let builder = ureq::Agent::config_builder()
            .timeout_connect(Some(config.connect_timeout))
            .timeout_global(Some(config.request_timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .https_only(config.https_only)
            .user_agent(user_agent());
        // A proxy from the environment is for the outside world, not this machine.
        let builder = if site.is_loopback() {
            builder.proxy(None)
        } else {
            builder
        };
        Client {
            agent: builder.build().into(),
            config,
            host: site.host.clone(),
            last_request: HashMap::new(),
            cancel,
            counts: Counts::default(),
        }
    }

    /// What the client has done so far.
    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// Fetches `url`, asking whether it changed when `validators` are given.
    pub fn get(
        &mut self,
        url: &str,
        validators: Option<&Validators>,
    ) -> Result<Answer, FetchError> {
        let mut current = WebUrl::parse(url).map_err(FetchError::BadUrl)?;
        for _ in 0..=MAX_REDIRECTS {
            if self.config.https_only && current.scheme != "https" {
                return Err(FetchError::Insecure {
                    url: current.to_string(),
                });
            }
            match self.get_with_retries(&current, validators)? {
                Attempt::Done(answer) => return Ok(answer),
                Attempt::Redirect(location) => {
                    let target = current
                        .join(&location)
                        .map_err(|why| FetchError::Redirect {
                            url: current.to_string(),
                            target: location.clone(),
                            why,
                        })?;
                    if target.host != self.host {
                        return Err(FetchError::Redirect {
                            url: current.to_string(),
                            target: target.to_string(),
                            why: format!("another host than {}", self.host),
                        });
                    }
                    current = target;
                }
            }
        }
        Err(FetchError::Redirect {
            url: url.to_string(),
            target: current.to_string(),
            why: format!("more than {MAX_REDIRECTS} redirects"),
        })
    }

    fn get_with_retries(
        &mut self,
        url: &WebUrl,
        validators: Option<&Validators>,
    ) -> Result<Attempt, FetchError> {
        let mut attempts = 0;
        loop {
            self.wait_turn(&url.host)?;
            attempts += 1;
            let outcome = self.attempt(url, validators);
            // The delay runs from the end of a request, however long it took.
            self.last_request.insert(url.host.clone(), Instant::now());
            let retryable = match outcome {
                Err(FetchError::Timeout { .. }) => FetchError::Timeout {
                    url: url.to_string(),
                    seconds: self.config.request_timeout,
                    attempts,
                },
                Err(FetchError::Status { url, status, .. }) if status.starts_with('5') => {
                    FetchError::Status {
                        url,
                        status,
                        attempts,
                    }
                }
                other => return other,
            };
            if attempts > self.config.retries {
                return Err(retryable);
            }
            let pause = self.config.backoff * 2u32.saturating_pow(attempts - 1);
            self.pause(pause)?;
        }
    }

    /// Sleeps until `delay` has passed since the last request to `host` ended.
    fn wait_turn(&mut self, host: &str) -> Result<(), FetchError> {
        if let Some(last) = self.last_request.get(host) {
            let ready = *last + self.config.delay;
            self.pause(ready.saturating_duration_since(Instant::now()))?;
        }
        if self.cancel.load(Ordering::SeqCst) {
            return Err(FetchError::Cancelled);
        }
        Ok(())
    }

    /// Sleeps for `duration`, in short steps so that a cancel is noticed.
    fn pause(&self, duration: Duration) -> Result<(), FetchError> {
        let end = Instant::now() + duration;
        loop {
            if self.cancel.load(Ordering::SeqCst) {
                return Err(FetchError::Cancelled);
            }
            let left = end.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Ok(());
            }
            std::thread::sleep(left.min(Duration::from_millis(50)));
        }
    }

    fn attempt(
        &mut self,
        url: &WebUrl,
        validators: Option<&Validators>,
    ) -> Result<Attempt, FetchError> {
        let text = url.to_string();
        let mut request = self.agent.get(&text);
        if let Some(validators) = validators {
            if let Some(etag) = &validators.etag {
                request = request.header(header::IF_NONE_MATCH, etag);
            }
            if let Some(date) = &validators.last_modified {
                request = request.header(header::IF_MODIFIED_SINCE, date);
            }
        }
        self.counts.requests += 1;
        let mut response = request.call().map_err(|e| self.classify(url, e))?;
        let status = response.status();
        let headers = response.headers();
        let header_text = |name: header::HeaderName| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
            let location = header_text(header::LOCATION).ok_or_else(|| FetchError::Broken {
                url: text.clone(),
                reason: format!("a redirect ({status}) without a Location"),
            })?;
            return Ok(Attempt::Redirect(location));
        }
        if status == StatusCode::NOT_MODIFIED && validators.is_some() {
            self.counts.not_modified += 1;
            return Ok(Attempt::Done(Answer::NotModified));
        }
        if status != StatusCode::OK {
            return Err(FetchError::Status {
                url: text,
                status: status.to_string(),
                attempts: 1,
            });
        }
        if let Some(content_type) = header_text(header::CONTENT_TYPE) {
            let essence = content_type
                .split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase();
            if essence != "text/html" && essence != "application/xhtml+xml" {
                return Err(FetchError::NotHtml {
                    url: text,
                    content_type,
                });
            }
        }
        let declared = header_text(header::CONTENT_LENGTH).and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|length| length > self.config.max_body) {
            return Err(FetchError::TooLarge {
                url: text,
                limit: self.config.max_body,
            });
        }
        let validators = Validators {
            etag: header_text(header::ETAG),
            last_modified: header_text(header::LAST_MODIFIED),
        };
        let bytes = response
            .body_mut()
            .with_config()
            .limit(self.config.max_body)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge {
                    url: text.clone(),
                    limit: self.config.max_body,
                },
                other => match self.classify(url, other) {
                    FetchError::Unreachable { reason, .. } => FetchError::Broken {
                        url: text.clone(),
                        reason,
                    },
                    other => other,
                },
            })?;
        self.counts.downloaded += 1;
        self.counts.bytes += bytes.len() as u64;
        let (html, lossy) = match String::from_utf8(bytes) {
            Ok(html) => (html, false),
            Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
        };
        Ok(Attempt::Done(Answer::Page(Page {
            html,
            lossy,
            validators,
        })))
    }

    /// Turns ureq's error into one that names the URL or host.
    fn classify(&self, url: &WebUrl, error: ureq::Error) -> FetchError {
        let text = url.to_string();
        let unreachable = |reason: String| FetchError::Unreachable {
            host: url.host.clone(),
            url: text.clone(),
            reason,
        };
        match error {
            ureq::Error::Timeout(_) => FetchError::Timeout {
                url: text,
                seconds: self.config.request_timeout,
                attempts: 1,
            },
            ureq::Error::Io(e)
                if matches!(e.kind(), ErrorKind::TimedOut | ErrorKind::WouldBlock) =>
            {
                FetchError::Timeout {
                    url: text,
                    seconds: self.config.request_timeout,
                    attempts: 1,
                }
            }
            ureq::Error::HostNotFound => unreachable("the host name was not found".into()),
            ureq::Error::Io(e) => match e.kind() {
                ErrorKind::ConnectionRefused => unreachable("connection refused".into()),
                ErrorKind::UnexpectedEof
                | ErrorKind::ConnectionReset
                | ErrorKind::ConnectionAborted => FetchError::Broken {
                    url: text,
                    reason: format!("the connection broke off ({e})"),
                },
                _ => unreachable(e.to_string()),
            },
            ureq::Error::ConnectionFailed => unreachable("the connection failed".into()),
            ureq::Error::RequireHttpsOnly(_) => FetchError::Insecure { url: text },
            ureq::Error::Protocol(e) => FetchError::Broken {
                url: text,
                reason: e.to_string(),
            },
            other => unreachable(other.to_string()),
        }
    }
}
