//! Turning the blog page's text into posts.
//!
//! The page is a header (intro, "This month..." teaser, "Type of Research",
//! "Topics" with the topic list) followed by month headings ("November 2023"),
//! each with one or more posts: a title (sometimes repeated), citation lines,
//! summary paragraphs, a "Practice Implications" heading and its paragraphs.
//! One non-empty line is one paragraph.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;

use super::citation;
use super::model::{Citation, Header, Month, Post, UNCURATED_RESEARCH_TYPE};
use crate::text::{is_unsafe, line_column, slug, strip_unsafe};

/// Longest slug part of a post id, in bytes.
const MAX_SLUG_LEN: usize = 80;

/// What a blog page holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedPage {
    /// The intro and teaser texts.
    pub header: Header,
    /// The topic list after "ALL Topics (clear)", in the page's order.
    pub topics: Vec<String>,
    /// The posts, in the page's order, with no curated fields yet.
    pub posts: Vec<Post>,
}

/// Something odd the importer noticed and worked around.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// 1-based line of the page.
    pub line: usize,
    /// What was noticed.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Why a page could not be imported at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    /// The bytes hold a NUL, so this is not a text file.
    #[error(
        "this is a binary file, not the blog page's text (NUL byte at line {line}, column {column})"
    )]
    Binary {
        /// 1-based line of the first NUL byte.
        line: usize,
        /// 1-based column (in bytes) of the first NUL byte.
        column: usize,
    },
    /// The bytes are not UTF-8.
    #[error(
        "the file is not UTF-8 text (invalid byte at line {line}, column {column}); save the page as UTF-8"
    )]
    NotUtf8 {
        /// 1-based line of the first bad byte.
        line: usize,
        /// 1-based column (in bytes) of the first bad byte.
        column: usize,
    },
    /// No month heading such as "November 2023" was found.
    #[error("no posts found: the page has no month heading such as \"November 2023\"")]
    NoPosts,
    /// The file is empty, or holds only white space.
    #[error("the file is empty")]
    Empty,
    /// Posts were found, but none looks like the blog's: no citation and no
    /// "Practice Implications" anywhere.
    #[error(
        "not a page of the PPRNet blog: none of its {posts} \"post(s)\" has a citation or \"Practice Implications\""
    )]
    NotTheBlog {
        /// How many would-be posts were found.
        posts: usize,
    },
    /// The page ends too early: an HTML page without its end, or a page whose
    /// last post stops mid-sentence before any Practice Implications.
    #[error("the page is cut off ({0}); save the whole page again")]
    CutOff(String),
}

/// Reads a saved page of the blog, text or HTML (recognised by its start),
/// into posts. Refuses what is not a whole page of the blog: binary or
/// non-UTF-8 data, an empty file, a page of another site, a page cut short.
pub fn read_page(bytes: &[u8]) -> Result<(ImportedPage, Vec<Warning>), PageError> {
    let text = decode(bytes)?;
    if text.trim().is_empty() {
        return Err(PageError::Empty);
    }
    let (page, warnings) = if super::html::looks_like_html(text) {
        let html = super::html::to_text(text);
        if !html.complete {
            return Err(PageError::CutOff(
                "the HTML ends before </html>".to_string(),
            ));
        }
        let (mut page, warnings) = parse_page(&html.text)?;
        // Line numbers of the text made from HTML mean nothing to the user.
        let mut warnings: Vec<Warning> = warnings
            .into_iter()
            .filter(|w| !w.message.starts_with("no topic list"))
            .collect();
        if !html.topics.is_empty() {
            let mut dropped = 0;
            page.topics = html
                .topics
                .into_iter()
                .map(|t| {
                    let (kept, count) = strip_unsafe(&t.name);
                    dropped += count;
                    kept.into_owned()
                })
                .collect();
            if dropped > 0 {
                warnings.push(Warning {
                    line: 0,
                    message: format!("dropped {dropped} control character(s) from the topic links"),
                });
            }
        }
        (page, warnings)
    } else {
        parse_page(text)?
    };
    let looks_like_blog = page
        .posts
        .iter()
        .any(|p| !p.citations.is_empty() || !p.implications.is_empty());
    if !looks_like_blog {
        return Err(PageError::NotTheBlog {
            posts: page.posts.len(),
        });
    }
    let Some(last) = page.posts.last() else {
        return Ok((page, warnings));
    };
    let mid_sentence = |paragraph: &String| !paragraph.trim_end().ends_with(SENTENCE_ENDS);
    if last.implications.is_empty() && last.summary.last().is_some_and(mid_sentence) {
        return Err(PageError::CutOff(format!(
            "its last post, {:?}, stops mid-sentence",
            last.title
        )));
    }
    let mut warnings = warnings;
    if last.implications.last().is_some_and(mid_sentence) {
        // Implications may end on a list item or a link: a warning, since a
        // later import of the whole page replaces the shorter copy.
        warnings.push(Warning {
            line: text.lines().count(),
            message: format!(
                "the last post, {:?}, stops mid-sentence: if the page was cut off, save the whole page again",
                last.title
            ),
        });
    }
    Ok((page, warnings))
}

/// What a paragraph that is not cut off ends with.
const SENTENCE_ENDS: &[char] = &['.', '!', '?', '"', '”', '’', ')', ']', ':'];

/// Decodes a page file: rejects binary and non-UTF-8 data, drops a UTF-8 BOM.
pub fn decode(bytes: &[u8]) -> Result<&str, PageError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let position = |offset| line_column(bytes, offset);
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        let (line, column) = position(offset);
        return Err(PageError::Binary { line, column });
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = position(e.valid_up_to());
        PageError::NotUtf8 { line, column }
    })
}

/// Parses a page's text (already decoded). Returns the page and any warnings.
pub fn parse_page(text: &str) -> Result<(ImportedPage, Vec<Warning>), PageError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut warnings = Vec::new();
    let text = drop_control_characters(text, &mut warnings);
    let lines: Vec<Line> = text
        .lines()
        .enumerate()
        .map(|(i, l)| Line {
            number: i + 1,
            text: l.trim(),
        })
        .filter(|l| !l.text.is_empty())
        .collect();
    let first_month = lines
        .iter()
        .position(|l| Month::from_heading(l.text).is_some())
        .ok_or(PageError::NoPosts)?;
    let (header, topics) = parse_header(&lines[..first_month], &mut warnings);
    let mut posts = Vec::new();
    let mut rest = &lines[first_month..];
    while let Some((heading, after)) = rest.split_first() {
        let month = Month::from_heading(heading.text).expect("blocks start at a month heading");
        let end = after
            .iter()
            .position(|l| Month::from_heading(l.text).is_some())
            .unwrap_or(after.len());
        if end == 0 {
            warnings.push(Warning {
                line: heading.number,
                message: format!("month heading {:?} has no posts under it", heading.text),
            });
        }
        posts.extend(parse_month(month, &after[..end], &mut warnings));
        rest = &after[end..];
    }
    let posts = make_ids_unique(posts, &mut warnings);
    Ok((
        ImportedPage {
            header,
            topics,
            posts,
        },
        warnings,
    ))
}

/// The page's text without control characters and bidi overrides (see
/// [`crate::text::is_unsafe`]; tabs and line ends stay), with a warning for
/// each line that had some. They are never part of a post's text, and could
/// act on a terminal that shows it.
fn drop_control_characters<'a>(text: &'a str, warnings: &mut Vec<Warning>) -> Cow<'a, str> {
    let unsafe_in_line = |line: &str| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        line.chars().filter(|&c| is_unsafe(c)).count()
    };
    if !text.split('\n').any(|line| unsafe_in_line(line) > 0) {
        return Cow::Borrowed(text);
    }
    let mut cleaned = String::with_capacity(text.len());
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            cleaned.push('\n');
        }
        let line = line.strip_suffix('\r').unwrap_or(line);
        let (kept, dropped) = strip_unsafe(line);
        if dropped > 0 {
            warnings.push(Warning {
                line: index + 1,
                message: format!(
                    "dropped {dropped} control character(s) (escape sequences, carriage returns or bidi overrides)"
                ),
            });
        }
        cleaned.push_str(&kept);
    }
    Cow::Owned(cleaned)
}

/// A non-empty, trimmed line of the page and its 1-based number.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    number: usize,
    text: &'a str,
}

/// Which part of the header the lines belong to.
#[derive(Clone, Copy, PartialEq)]
enum HeaderPart {
    Intro,
    ThisMonth,
    ResearchTypes,
    Topics,
}

fn parse_header(lines: &[Line], warnings: &mut Vec<Warning>) -> (Header, Vec<String>) {
    let mut header = Header::default();
    let mut topics = Vec::new();
    let mut part = HeaderPart::Intro;
    for (index, line) in lines.iter().enumerate() {
        let text = line.text;
        if index == 0 && text == "Blog" {
            continue;
        }
        if text.starts_with("This month") {
            part = HeaderPart::ThisMonth;
        } else if text.eq_ignore_ascii_case("Type of Research") {
            part = HeaderPart::ResearchTypes;
        } else if text.eq_ignore_ascii_case("Topics") {
            part = HeaderPart::Topics;
        } else if let Some(item) = list_item(text) {
            if part == HeaderPart::Topics {
                if !item.starts_with("ALL Topics") {
                    topics.push(item.to_string());
                }
            } else if part != HeaderPart::ResearchTypes {
                warnings.push(Warning {
                    line: line.number,
                    message: format!("list item {item:?} outside the topic list ignored"),
                });
            }
        } else {
            match part {
                HeaderPart::Intro => header.intro.push(text.to_string()),
                HeaderPart::ThisMonth => header.this_month.push(text.to_string()),
                HeaderPart::ResearchTypes | HeaderPart::Topics => warnings.push(Warning {
                    line: line.number,
                    message: format!("unexpected header text {text:?} ignored"),
                }),
            }
        }
    }
    if topics.is_empty() {
        let line = lines.last().map_or(1, |l| l.number);
        warnings.push(Warning {
            line,
            message: "no topic list (\"ALL Topics (clear)\") before the first month".into(),
        });
    }
    (header, topics)
}

/// The text of a bulleted line ("- Empathy"), if it is one.
fn list_item(text: &str) -> Option<&str> {
    ["- ", "• ", "* ", "– "]
        .iter()
        .find_map(|bullet| text.strip_prefix(bullet))
        .map(str::trim)
}

/// Which part of a post the lines belong to.
#[derive(Clone, Copy, PartialEq)]
enum PostPart {
    Summary,
    Implications,
}

/// A post being read, before it gets its id.
struct Draft {
    line: usize,
    title: String,
    citations: Vec<Citation>,
    summary: Vec<String>,
    implications: Vec<String>,
    saw_implications: bool,
}

/// Reads the posts under one month heading, each with the line its title is on.
fn parse_month(month: Month, lines: &[Line], warnings: &mut Vec<Warning>) -> Vec<(usize, Post)> {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut part = PostPart::Summary;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if drafts.is_empty() || (has_body(drafts.last()) && starts_post(lines, i)) {
            let (draft, used) = read_title_and_citations(lines, i);
            drafts.push(draft);
            part = PostPart::Summary;
            i += used;
            continue;
        }
        let draft = drafts
            .last_mut()
            .expect("a draft exists past the first line");
        if is_implications_heading(line.text) {
            if draft.saw_implications {
                warnings.push(Warning {
                    line: line.number,
                    message: "a second \"Practice Implications\" heading in one post".into(),
                });
            }
            draft.saw_implications = true;
            part = PostPart::Implications;
        } else if part == PostPart::Summary {
            draft.summary.push(line.text.to_string());
        } else {
            draft.implications.push(line.text.to_string());
        }
        i += 1;
    }
    drafts
        .into_iter()
        .map(|draft| (draft.line, finish(month, draft, warnings)))
        .collect()
}

/// Whether the post being read already has some body text.
fn has_body(draft: Option<&Draft>) -> bool {
    draft.is_some_and(|d| !d.summary.is_empty() || !d.implications.is_empty())
}

/// Whether line `i` starts a new post: a title-like line followed by a repeat of
/// itself or a citation, or (for posts without a citation) a short heading-like
/// line followed by a paragraph.
fn starts_post(lines: &[Line], i: usize) -> bool {
    let text = lines[i].text;
    let Some(next) = lines.get(i + 1).map(|l| l.text) else {
        return false;
    };
    if !could_be_title(text) {
        return false;
    }
    if next == text || (citation::is_citation(next) && !citation::is_citation(text)) {
        return true;
    }
    looks_like_heading(text) && !looks_like_heading(next) && !is_implications_heading(next)
}

/// A line short enough to be a title, and not a citation or a section heading.
fn could_be_title(text: &str) -> bool {
    text.chars().count() <= 200 && !is_implications_heading(text) && !citation::is_citation(text)
}

/// A title with no citation after it: a few words, capitalised, not a sentence.
fn looks_like_heading(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let starts_capital = text
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric());
    let ends_sentence = text.ends_with(['.', ',', ';', ':', '!', '?', '"', '”']);
    (2..=16).contains(&words) && starts_capital && !ends_sentence
}

fn is_implications_heading(text: &str) -> bool {
    let text = text.trim_end_matches(':').trim();
    text.eq_ignore_ascii_case("Practice Implications")
        || text.eq_ignore_ascii_case("Practice Implication")
}

/// Reads a title (dropping an immediate repeat) and the citation lines after it.
/// Returns the draft and how many lines it used.
fn read_title_and_citations(lines: &[Line], start: usize) -> (Draft, usize) {
    let title = lines[start].text;
    let mut i = start + 1;
    if lines.get(i).is_some_and(|l| l.text == title) {
        i += 1;
    }
    let mut citations: Vec<Citation> = Vec::new();
    while let Some(line) = lines.get(i) {
        if citation::is_citation(line.text) {
            citations.push(citation::parse(line.text));
        } else if let (true, Some(last)) = (citation::is_link_line(line.text), citations.last_mut())
        {
            *last = citation::parse(&format!("{} {}", last.raw, line.text));
        } else {
            break;
        }
        i += 1;
    }
    let draft = Draft {
        line: lines[start].number,
        title: title.to_string(),
        citations,
        summary: Vec::new(),
        implications: Vec::new(),
        saw_implications: false,
    };
    (draft, i - start)
}

fn finish(month: Month, draft: Draft, warnings: &mut Vec<Warning>) -> Post {
    let mut warn = |message: String| {
        warnings.push(Warning {
            line: draft.line,
            message,
        })
    };
    if draft.citations.is_empty() {
        warn(format!("post {:?} has no citation line", draft.title));
    }
    if draft.summary.is_empty() {
        warn(format!("post {:?} has no summary", draft.title));
    }
    if !draft.saw_implications {
        warn(format!(
            "post {:?} has no \"Practice Implications\" section",
            draft.title
        ));
    }
    Post {
        id: post_id(month, &draft.title),
        month,
        title: draft.title,
        citations: draft.citations,
        summary: draft.summary,
        implications: draft.implications,
        topics: Vec::new(),
        research_type: UNCURATED_RESEARCH_TYPE.to_string(),
        suggested: Default::default(),
        source: Default::default(),
    }
}

/// The stable id of a post: `YYYY-MM-` and a slug of the title.
pub fn post_id(month: Month, title: &str) -> String {
    let slug = slug(title, MAX_SLUG_LEN);
    if slug.is_empty() {
        format!("{month}-post")
    } else {
        format!("{month}-{slug}")
    }
}

/// Gives posts that share an id a numeric suffix ("-2"), with a warning. The
/// suffix is chosen so that the new id is used by no other post of the page,
/// whether by its own title ("Alpha 2") or by an earlier renaming.
fn make_ids_unique(posts: Vec<(usize, Post)>, warnings: &mut Vec<Warning>) -> Vec<Post> {
    let mut taken: HashSet<String> = posts.iter().map(|(_, post)| post.id.clone()).collect();
    let mut first_seen: HashSet<String> = HashSet::new();
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    let mut unique = Vec::with_capacity(posts.len());
    for (line, mut post) in posts {
        if !first_seen.insert(post.id.clone()) {
            let suffix = next_suffix.entry(post.id.clone()).or_insert(2);
            let mut new_id = format!("{}-{}", post.id, suffix);
            while taken.contains(&new_id) {
                *suffix += 1;
                new_id = format!("{}-{}", post.id, suffix);
            }
            *suffix += 1;
            taken.insert(new_id.clone());
            warnings.push(Warning {
                line,
                message: format!(
                    "two posts in {} have the id {:?}; the later one becomes {:?}",
                    post.month, post.id, new_id
                ),
            });
            post.id = new_id;
        }
        unique.push(post);
    }
    unique
}
