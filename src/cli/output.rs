//! How posts and topics are printed: tab-separated lines, JSON, and wrapped text.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::archive::Post;
use crate::document;
use crate::library::Marks;
use crate::text::is_unsafe;

/// A post as `list --json` and `search --json` print it.
#[derive(Debug, Serialize)]
pub struct PostJson<'a> {
    /// The post's id.
    pub id: &'a str,
    /// "YYYY-MM".
    pub month: String,
    /// The title.
    pub title: &'a str,
    /// Every author of every citation.
    pub authors: Vec<&'a str>,
    /// The first DOI, if any.
    pub doi: Option<&'a str>,
    /// Every DOI.
    pub dois: Vec<&'a str>,
    /// Curated topics.
    pub topics: &'a [String],
    /// Curated research type.
    pub research_type: &'a str,
    /// "bundled" or "library".
    pub source: &'static str,
    /// Whether the post was read.
    pub read: bool,
    /// Whether any of its tags is a suggestion no person has confirmed.
    pub suggested: bool,
    /// The suggested tags: topics and research type.
    pub suggested_tags: Vec<&'a str>,
}

impl<'a> PostJson<'a> {
    /// The JSON view of a post; `marks` tell whether it was read.
    pub fn new(post: &'a Post, marks: &Marks) -> PostJson<'a> {
        let mut suggested_tags: Vec<&str> = Vec::new();
        if post.suggested.topics {
            suggested_tags.extend(post.topics.iter().map(String::as_str));
        }
        if post.suggested.research_type {
            suggested_tags.push(&post.research_type);
        }
        PostJson {
            id: &post.id,
            month: post.month.to_string(),
            title: &post.title,
            authors: post.authors().collect(),
            doi: post.first_doi(),
            dois: post
                .citations
                .iter()
                .filter_map(|c| c.doi.as_deref())
                .collect(),
            topics: &post.topics,
            research_type: &post.research_type,
            source: post.source.name(),
            read: marks.is_read(&post.id),
            suggested: !post.suggested.is_none(),
            suggested_tags,
        }
    }
}

/// Keeps a field on one tab-separated line: tabs and line breaks become spaces.
pub fn one_field(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

/// `ID<TAB>YYYY-MM<TAB>Title`, one post a line.
pub fn post_lines(out: &mut dyn Write, posts: &[&Post]) -> Result<()> {
    for post in posts {
        writeln!(
            out,
            "{}\t{}\t{}",
            post.id,
            post.month,
            one_field(&post.title)
        )?;
    }
    Ok(())
}

/// The posts as a JSON array.
pub fn posts_json(out: &mut dyn Write, posts: &[&Post], marks: &Marks) -> Result<()> {
    let items: Vec<PostJson> = posts.iter().map(|p| PostJson::new(p, marks)).collect();
    json(out, &items)
}

/// Pretty JSON and a final newline. Characters a terminal would act on are
/// escaped as `\uXXXX` (serde_json escapes C0 controls itself; DEL, C1
/// controls and bidi overrides are escaped here), so the values are kept
/// exactly and the output is safe to show.
pub fn json<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    out.write_all(escape_unsafe_json(&text).as_bytes())?;
    writeln!(out)?;
    Ok(())
}

/// JSON text with every unsafe character written as a `\uXXXX` escape. Such
/// characters (all in the Basic Multilingual Plane) can only stand inside
/// strings, where the escape means the same character.
fn escape_unsafe_json(json: &str) -> std::borrow::Cow<'_, str> {
    if !json.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `Name<TAB>count` lines, or a JSON array of `{name, count}`.
pub fn topics(out: &mut dyn Write, counts: &[(&str, usize)], as_json: bool) -> Result<()> {
    if as_json {
        #[derive(Serialize)]
        struct Topic<'a> {
            name: &'a str,
            count: usize,
        }
        let items: Vec<Topic> = counts
            .iter()
            .map(|&(name, count)| Topic { name, count })
            .collect();
        return json(out, &items);
    }
    for (name, count) in counts {
        writeln!(out, "{}\t{count}", one_field(name))?;
    }
    Ok(())
}

/// A whole post as `show --json` prints it: the fields of `list --json`, the
/// citations, the summary and the implications.
#[derive(Debug, Serialize)]
struct FullPostJson<'a> {
    #[serde(flatten)]
    post: PostJson<'a>,
    citations: Vec<&'a str>,
    summary: &'a [String],
    implications: &'a [String],
}

/// One post as a JSON object.
pub fn post_json(out: &mut dyn Write, post: &Post, marks: &Marks) -> Result<()> {
    let full = FullPostJson {
        post: PostJson::new(post, marks),
        citations: post.citations.iter().map(|c| c.raw.as_str()).collect(),
        summary: &post.summary,
        implications: &post.implications,
    };
    json(out, &full)
}

/// One post as wrapped plain text, links kept whole.
pub fn show(out: &mut dyn Write, post: &Post, width: usize) -> Result<()> {
    let doc = document::layout(post, width, None);
    for line in &doc.lines {
        writeln!(out, "{:indent$}{}", "", line.text, indent = line.indent)?;
    }
    Ok(())
}
