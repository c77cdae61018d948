//! `pprnet update`: reading the public blog into the library.
//!
//! [`client`] fetches pages politely (timeouts, size cap, retries, a delay
//! between requests, conditional requests); [`site`] reads one listing page
//! (posts through the page importer, topic and type links with an HTML
//! parser); [`walk`] goes through the site's listings; [`cache`] remembers what
//! each page held so an unchanged page costs no download. Nothing here knows
//! about terminals: progress goes through [`walk::Progress`].

pub mod cache;
pub mod client;
pub mod library;
pub mod site;
pub mod update;
pub mod url;
pub mod walk;

pub use client::{Client, ClientConfig, FetchError};
pub use update::{Merged, SiteLibrary, Summary, UpdateError, UpdateOptions, update};
pub use url::DEFAULT_SITE;
pub use walk::{Progress, Snapshot, WalkOptions, WalkResult, walk};
