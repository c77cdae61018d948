//! The archive: its data model, the bundled copy, loading and validation, and the
//! importer that reads the blog page's text. Nothing here knows about terminals.

pub mod citation;
pub mod clean;
pub mod credit;
pub mod html;
pub mod import;
pub mod load;
pub mod merge;
pub mod model;
pub mod reference;

pub use load::{ArchiveError, bundled, load_file, parse, to_ron};
pub use model::TextField;
pub use model::{Archive, Citation, Header, Month, Post, Source, Suggested};
