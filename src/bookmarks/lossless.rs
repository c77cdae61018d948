//! Whether rewriting a bookmarks file would lose something in it: a comment
//! someone wrote by hand, or a field this pprnet does not know (written by a
//! newer version, or added by hand, such as `tags: [...]`). pprnet reads such
//! a file, but refuses to write over it (see `BookmarkStore::apply`).

use serde::Deserialize;
use serde::de::IgnoredAny;

/// Something in the file that a rewrite would drop, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WouldDrop {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// What would be dropped: "a comment", "the unknown field `tags`".
    pub what: String,
}

/// The first thing in `text` (a bookmarks file that parses) that rewriting it
/// would drop; `own_header` is the comment pprnet itself writes on line 1,
/// which is not counted.
///
/// One pass over the bytes finds comments and field names; only a file with a
/// field name pprnet does not know is parsed again (to name the field and
/// where it is exactly), so checking a large file pprnet wrote costs a scan,
/// not a second parse.
pub fn first_loss(text: &str, own_header: &str) -> Option<WouldDrop> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let skip = if text.starts_with(own_header) {
        own_header.len()
    } else {
        0
    };
    let scan = scan(&text[skip..]);
    if let Some(found) = scan.comment {
        let (line, column) = position(text, skip + found);
        return Some(WouldDrop {
            line,
            column,
            what: "a comment".into(),
        });
    }
    if scan.unknown_name {
        unknown_field(text)
    } else {
        None
    }
}

/// Every field name the bookmarks file has (see [`Shape`]).
const KNOWN_FIELDS: [&str; 7] = [
    "version",
    "bookmarks",
    "post",
    "session",
    "note",
    "created",
    "discussed",
];

/// The bookmarks file's shape with every known field and no other: values
/// are skipped, only the names matter.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // Only parsed, to find unknown fields.
struct Shape {
    #[serde(default)]
    version: IgnoredAny,
    #[serde(default)]
    bookmarks: Vec<BookmarkShape>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // Only parsed, to find unknown fields.
struct BookmarkShape {
    #[serde(default)]
    post: IgnoredAny,
    #[serde(default)]
    session: IgnoredAny,
    #[serde(default)]
    note: IgnoredAny,
    #[serde(default)]
    created: IgnoredAny,
    #[serde(default)]
    discussed: IgnoredAny,
}

fn unknown_field(text: &str) -> Option<WouldDrop> {
    let err = ron::from_str::<Shape>(text).err()?;
    let what = match &err.code {
        ron::Error::NoSuchStructField { found, .. } => format!("the unknown field `{found}`"),
        _ => return None, // Not about fields; the real parse judges the rest.
    };
    Some(WouldDrop {
        line: err.span.start.line,
        column: err.span.start.col,
        what,
    })
}

/// What one pass over a file's text found outside string and character
/// literals.
struct Scan {
    /// The byte offset of the first `//` or `/*`.
    comment: Option<usize>,
    /// Whether a name other than [`KNOWN_FIELDS`] stands before a `:`, or a
    /// raw identifier (`r#name`) is used: a field pprnet may not know.
    unknown_name: bool,
}

/// Scans `text` up to its first comment (see [`Scan`]).
fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut unknown_name = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => i = skip_quoted(bytes, i + 1, b'"'),
            b'\'' => i = skip_quoted(bytes, i + 1, b'\''),
            b'r' if (i == 0 || !is_ident(bytes[i - 1])) && raw_start(bytes, i + 1).is_some() => {
                let (hashes, body) = raw_start(bytes, i + 1).expect("checked");
                i = skip_raw(bytes, body, hashes);
            }
            b'/' if matches!(bytes.get(i + 1), Some(b'/' | b'*')) => {
                return Scan {
                    comment: Some(i),
                    unknown_name,
                };
            }
            // Raw identifiers and names beyond ASCII are never written by pprnet.
            b'#' | 0x80.. => {
                unknown_name = true;
                i += 1;
            }
            b if is_ident(b) => {
                let start = i;
                while i < bytes.len() && is_ident(bytes[i]) {
                    i += 1;
                }
                let name = &text[start..i];
                let rest = bytes[i..].iter().find(|b| !b.is_ascii_whitespace());
                if rest == Some(&b':') && !KNOWN_FIELDS.contains(&name) {
                    unknown_name = true;
                }
            }
            _ => i += 1,
        }
    }
    Scan {
        comment: None,
        unknown_name,
    }
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// After `r`: the number of `#`s and where the body starts, for `r#"`.
fn raw_start(bytes: &[u8], from: usize) -> Option<(usize, usize)> {
    let hashes = bytes[from.min(bytes.len())..]
        .iter()
        .take_while(|&&b| b == b'#')
        .count();
    (bytes.get(from + hashes) == Some(&b'"')).then_some((hashes, from + hashes + 1))
}

/// Just past the closing quote of a literal whose body starts at `from`.
fn skip_quoted(bytes: &[u8], mut from: usize, quote: u8) -> usize {
    while from < bytes.len() {
        match bytes[from] {
            b'\\' => from += 2,
            b if b == quote => return from + 1,
            _ => from += 1,
        }
    }
    bytes.len()
}

/// Just past the end of a raw string (`"` and `hashes` `#`s).
fn skip_raw(bytes: &[u8], mut from: usize, hashes: usize) -> usize {
    while from < bytes.len() {
        if bytes[from] == b'"'
            && bytes[from + 1..]
                .iter()
                .take(hashes)
                .filter(|&&b| b == b'#')
                .count()
                == hashes
        {
            return from + 1 + hashes;
        }
        from += 1;
    }
    bytes.len()
}

/// 1-based line and column (in characters) of byte `offset`.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "// ours\n";

    #[test]
    fn a_file_pprnet_wrote_loses_nothing() {
        let text = "// ours\n(\n  version: 1,\n  bookmarks: [\n    (post: \"a\", session: Some(\"S\"), \
                    note: \"// not a comment /* nor this */ 'x'\", created: \"t\", discussed: true),\n  ],\n)\n";
        assert_eq!(first_loss(text, HEADER), None);
        let raw = "(version: 1, bookmarks: [(post: \"a\", note: r#\"say \"// hi\" \"#)])";
        assert_eq!(first_loss(raw, HEADER), None);
    }

    #[test]
    fn comments_are_found_with_their_place() {
        let text = "// ours\n(\n  version: 1, // why\n  bookmarks: [],\n)";
        let found = first_loss(text, HEADER).unwrap();
        assert_eq!((found.line, found.column), (3, 15));
        assert_eq!(found.what, "a comment");
        let block = "(version: 1, /* a\nblock */ bookmarks: [])";
        assert_eq!(first_loss(block, HEADER).unwrap().line, 1);
        let other_header = "// my own notes\n(version: 1, bookmarks: [])";
        assert!(first_loss(other_header, HEADER).is_some());
    }

    #[test]
    fn unknown_fields_are_found_with_their_name_and_place() {
        let text = "(\n  version: 1,\n  bookmarks: [\n    (post: \"a\", tags: [\"x\"]),\n  ],\n)";
        let found = first_loss(text, HEADER).unwrap();
        assert_eq!(found.what, "the unknown field `tags`");
        assert_eq!(found.line, 4);
        let top = "(version: 1, owner: \"me\", bookmarks: [])";
        assert_eq!(
            first_loss(top, HEADER).unwrap().what,
            "the unknown field `owner`"
        );
        for (text, name) in [
            (
                "(version: 1, bookmarks: [(post: \"a\", r#tags: [])])",
                "tags",
            ),
            (
                "(version: 1, bookmarks: [(post: \"a\", étiquettes: [])])",
                "étiquettes",
            ),
            (
                "(version: 1, bookmarks: [(post: \"a\", tags\n  : [])])",
                "tags",
            ),
        ] {
            let found = first_loss(text, HEADER).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(found.what, format!("the unknown field `{name}`"), "{text}");
        }
    }

    #[test]
    fn names_and_colons_inside_strings_are_not_fields() {
        let text = "(version: 1, bookmarks: [(post: \"a\", note: \"tags: x\\\" owner: 'é' r#x: y\", \
                    session: Some(r#\"agenda: \"1\"\"#), created: \"2026-01-01T00:00:00Z\")])";
        assert_eq!(first_loss(text, HEADER), None, "{text}");
    }
}
