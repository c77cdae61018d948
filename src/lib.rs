//! pprnet: an offline reader for the PPRNet psychotherapy research blog.
//!
//! Data flows one way: [`archive`] (load, validate, import) feeds the command-line
//! interface in [`cli`], which prints posts laid out by [`document`].

pub mod archive;
pub mod bookmarks;
pub mod cache;
pub mod cite;
pub mod cli;
pub mod config;
pub mod datafile;
pub mod document;
pub mod fetch;
pub mod fsutil;
pub mod library;
pub mod search;
pub mod text;
pub mod tui;
