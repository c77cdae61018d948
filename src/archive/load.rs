//! Reading an archive from RON text, validating it, and writing it back.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use super::model::{Archive, FORMAT_VERSION, Post};
use crate::fsutil::{MAX_ARCHIVE_BYTES, read_regular};

/// The archive shipped inside the binary.
pub const BUNDLED_RON: &str = include_str!("../../data/archive.ron");

/// The name used for the bundled archive in error messages.
pub const BUNDLED_NAME: &str = "<bundled archive>";

/// Why an archive could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    /// The file could not be read.
    #[error("{path}: cannot read archive: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The file is not UTF-8 text.
    #[error("{origin}:{line}:{column}: not UTF-8 text (an archive is UTF-8 RON)")]
    NotUtf8 {
        /// Where the text came from.
        origin: String,
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based column (in bytes) of the first bad byte.
        column: usize,
    },
    /// The file is not valid RON, or does not have the archive's shape.
    #[error("{origin}:{line}:{column}: {message}{}", in_post(post))]
    Syntax {
        /// Where the text came from.
        origin: String,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What the parser said.
        message: String,
        /// The id of the post being read when the error happened, if known.
        post: Option<String>,
    },
    /// The file was written by a newer version of pprnet.
    #[error(
        "{origin}: archive format version {found} is newer than this pprnet understands ({FORMAT_VERSION}); upgrade pprnet"
    )]
    NewerVersion {
        /// Where the text came from.
        origin: String,
        /// The version found in the file.
        found: u32,
    },
    /// The file parsed, but its content breaks the archive's rules.
    #[error("{origin}: {} problem(s):\n{}", problems.len(), list(problems))]
    Invalid {
        /// Where the text came from.
        origin: String,
        /// Every problem found.
        problems: Vec<Problem>,
    },
}

fn in_post(post: &Option<String>) -> String {
    post.as_ref()
        .map(|id| format!(" (in post {id:?})"))
        .unwrap_or_default()
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One rule an archive breaks, naming the post and the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line of the post in the file, when known.
    pub line: Option<usize>,
    /// The post's id (or its position when the id is empty).
    pub post: String,
    /// The offending field.
    pub field: &'static str,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        write!(
            f,
            "post {:?}, field `{}`: {}",
            self.post, self.field, self.message
        )
    }
}

/// Loads the archive compiled into the binary.
pub fn bundled() -> Result<Archive, ArchiveError> {
    parse(BUNDLED_RON, BUNDLED_NAME)
}

/// Loads and validates an archive file.
pub fn load_file(path: &Path) -> Result<Archive, ArchiveError> {
    let origin = path.display().to_string();
    let bytes = read_regular(path, MAX_ARCHIVE_BYTES).map_err(|source| ArchiveError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let (line, column) = crate::text::line_column(&bytes, e.valid_up_to());
        ArchiveError::NotUtf8 {
            origin: origin.clone(),
            line,
            column,
        }
    })?;
    parse(text, &origin)
}

/// Parses and validates archive text; `origin` names it in errors.
pub fn parse(text: &str, origin: &str) -> Result<Archive, ArchiveError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let archive: Archive = ron::from_str(text).map_err(|e| {
        let position = e.span.start;
        ArchiveError::Syntax {
            origin: origin.to_string(),
            line: position.line,
            column: position.col,
            message: crate::text::ron_message(&e.code),
            post: post_id_before(text, position.line),
        }
    })?;
    if archive.version > FORMAT_VERSION {
        return Err(ArchiveError::NewerVersion {
            origin: origin.to_string(),
            found: archive.version,
        });
    }
    let problems = validate(&archive, text);
    if problems.is_empty() {
        Ok(archive)
    } else {
        Err(ArchiveError::Invalid {
            origin: origin.to_string(),
            problems,
        })
    }
}

/// Renders an archive as pretty RON, the format of `data/archive.ron`.
pub fn to_ron(archive: &Archive) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .escape_strings(false)
        .indentor("  ");
    let mut text = ron::ser::to_string_pretty(archive, config)
        .expect("an archive is plain data and always serialises");
    text.push('\n');
    text
}

/// Checks the rules serde cannot: ids made of slug characters and unique,
/// known topics and research types, non-empty titles. `text` is the source,
/// used to give line numbers (read once, however many problems there are).
pub fn validate(archive: &Archive, text: &str) -> Vec<Problem> {
    let topics: HashSet<&str> = archive.topics.iter().map(String::as_str).collect();
    let types: HashSet<&str> = archive.research_types.iter().map(String::as_str).collect();
    let mut seen_ids = HashSet::new();
    let mut lines: Option<HashMap<&str, usize>> = None;
    let mut problems = Vec::new();
    for (index, post) in archive.posts.iter().enumerate() {
        let mut problem = |field, message: String| {
            let lines = lines.get_or_insert_with(|| id_lines(text));
            problems.push(Problem {
                line: line_of_post(lines, post),
                post: post_label(post, index),
                field,
                message,
            })
        };
        if post.id.trim().is_empty() {
            problem("id", "is empty".into());
        } else if !is_valid_id(&post.id) {
            problem(
                "id",
                "may hold only lower-case letters a-z, digits and hyphens".into(),
            );
        } else if !seen_ids.insert(post.id.as_str()) {
            problem("id", "is used by an earlier post too".into());
        }
        if post.title.trim().is_empty() {
            problem("title", "is empty".into());
        }
        for topic in &post.topics {
            if !topics.contains(topic.as_str()) {
                problem("topics", format!("unknown topic {topic:?}"));
            }
        }
        if !types.contains(post.research_type.as_str()) {
            problem(
                "research_type",
                format!("unknown research type {:?}", post.research_type),
            );
        }
    }
    problems
}

/// Whether `id` is a slug: lower-case ASCII letters, digits and hyphens, as
/// the importer makes them. Ids end up in file names, URLs and tab-separated
/// output, so nothing else is allowed.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn post_label(post: &Post, index: usize) -> String {
    if post.id.trim().is_empty() {
        format!("#{} (no id)", index + 1)
    } else {
        post.id.clone()
    }
}

/// The 1-based line of each `id: "..."` field in the source, keyed by the
/// quoted id as written (the first line for an id written twice).
fn id_lines(text: &str) -> HashMap<&str, usize> {
    let mut lines = HashMap::new();
    for (index, line) in text.lines().enumerate() {
        if let Some(rest) = line.trim_start().strip_prefix("id:") {
            let quoted = rest.trim().trim_end_matches(',').trim_end();
            lines.entry(quoted).or_insert(index + 1);
        }
    }
    lines
}

/// The 1-based line where the post's `id:` field stands in the source.
fn line_of_post(lines: &HashMap<&str, usize>, post: &Post) -> Option<usize> {
    if post.id.is_empty() {
        return None;
    }
    lines.get(format!("{:?}", post.id).as_str()).copied()
}

/// The id of the last post whose `id:` line stands at or before `line` (1-based).
fn post_id_before(text: &str, line: usize) -> Option<String> {
    let id_line = regex::Regex::new(r#"^\s*id:\s*"((?:[^"\\]|\\.)*)""#).expect("valid regex");
    text.lines()
        .take(line)
        .filter_map(|l| id_line.captures(l).map(|c| c[1].to_string()))
        .last()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_archive_loads_and_is_valid() {
        let archive = bundled().unwrap();
        assert_eq!(archive.posts.len(), 6);
        assert_eq!(archive.topics.len(), 36);
    }

    #[test]
    fn the_bundled_archive_round_trips_through_ron() {
        let archive = bundled().unwrap();
        let again = parse(&to_ron(&archive), "again").unwrap();
        assert_eq!(archive, again);
    }
}
