//! The archive's data model: what a post is, and the archive that holds posts.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The archive file format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The research types a post can be filed under, in the site's order.
pub const RESEARCH_TYPES: [&str; 7] = [
    "Meta-analysis",
    "Systematic review",
    "Randomized trial",
    "Practice-based / naturalistic study",
    "Qualitative study",
    "Book chapter / review",
    "Other",
];

/// The research type given to freshly imported posts until someone curates them.
pub const UNCURATED_RESEARCH_TYPE: &str = "Other";

/// The whole archive: the blog's header texts, its topic list and every post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Archive {
    /// File format version ([`FORMAT_VERSION`]).
    pub version: u32,
    /// The texts shown above the posts on the blog page.
    pub header: Header,
    /// The site's topics, in the site's order and spelling.
    pub topics: Vec<String>,
    /// The research types, in display order.
    pub research_types: Vec<String>,
    /// Every post, newest month first; posts of one month in the page's order.
    pub posts: Vec<Post>,
}

/// The blog page's introductory texts.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Default,
    Serialize,
    Deserialize,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub struct Header {
    /// The paragraph(s) introducing the blog.
    pub intro: Vec<String>,
    /// The "This month..." teaser paragraph(s).
    pub this_month: Vec<String>,
}

/// One blog post: a summary of one or more research articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    /// Stable identifier: the month and a slug of the title.
    pub id: String,
    /// The month the post was filed under.
    pub month: Month,
    /// The post's title, verbatim.
    pub title: String,
    /// The articles summarised (may be empty).
    pub citations: Vec<Citation>,
    /// Summary paragraphs, verbatim.
    pub summary: Vec<String>,
    /// "Practice Implications" paragraphs, verbatim (may be empty).
    pub implications: Vec<String>,
    /// Curated topic names, each one of [`Archive::topics`].
    pub topics: Vec<String>,
    /// Curated research type, one of [`Archive::research_types`].
    pub research_type: String,
    /// Which of the tags are pprnet's suggestions that no person has confirmed
    /// yet (imported posts; see `library::suggest`).
    #[serde(default, skip_serializing_if = "Suggested::is_none")]
    pub suggested: Suggested,
    /// Where the post came from. Set when the archive and the user's library
    /// are put together; never stored.
    #[serde(skip)]
    pub source: Source,
}

/// Which of a post's tags are suggestions rather than a person's choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Suggested {
    /// The topics are suggested.
    #[serde(default)]
    pub topics: bool,
    /// The research type is suggested.
    #[serde(default)]
    pub research_type: bool,
}

impl Suggested {
    /// Every tag suggested.
    pub const ALL: Suggested = Suggested {
        topics: true,
        research_type: true,
    };

    /// Whether no tag is suggested.
    pub fn is_none(&self) -> bool {
        !self.topics && !self.research_type
    }
}

/// Where a post comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Source {
    /// The archive shipped in the binary (or the one `--archive` named).
    #[default]
    Bundled,
    /// The user's library in the data directory.
    Library,
}

impl Source {
    /// The name `list --json` prints: "bundled" or "library".
    pub fn name(self) -> &'static str {
        match self {
            Source::Bundled => "bundled",
            Source::Library => "library",
        }
    }
}

/// One APA citation.
#[derive(
    Debug,
    Clone,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub struct Citation {
    /// The citation exactly as the page gives it.
    pub raw: String,
    /// Authors as written, one entry each ("Fagernäs, S.").
    pub authors: Vec<String>,
    /// Publication year, when the citation states one.
    pub year: Option<u16>,
    /// The DOI ("10.1037/pst0000503"), when the citation has one.
    pub doi: Option<String>,
}

impl Citation {
    /// The DOI as a resolvable link.
    pub fn doi_url(&self) -> Option<String> {
        self.doi
            .as_ref()
            .map(|doi| format!("https://doi.org/{doi}"))
    }
}

/// A piece of a post's text that can be searched and highlighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TextField {
    /// The title.
    Title,
    /// The raw text of citation `n` (authors included).
    Citation(usize),
    /// Topic name `n`.
    Topic(usize),
    /// Summary paragraph `n`.
    Summary(usize),
    /// Practice Implications paragraph `n`.
    Implication(usize),
}

impl Post {
    /// Every searchable piece of text, in reading order.
    pub fn fields(&self) -> impl Iterator<Item = (TextField, &str)> {
        let citations = self.citations.iter().map(|c| c.raw.as_str());
        std::iter::once((TextField::Title, self.title.as_str()))
            .chain(numbered(TextField::Citation, citations))
            .chain(numbered(
                TextField::Topic,
                self.topics.iter().map(String::as_str),
            ))
            .chain(numbered(
                TextField::Summary,
                self.summary.iter().map(String::as_str),
            ))
            .chain(numbered(
                TextField::Implication,
                self.implications.iter().map(String::as_str),
            ))
    }

    /// Every author of every citation, in order.
    pub fn authors(&self) -> impl Iterator<Item = &str> {
        self.citations
            .iter()
            .flat_map(|c| c.authors.iter().map(String::as_str))
    }

    /// The first DOI among the citations.
    pub fn first_doi(&self) -> Option<&str> {
        self.citations.iter().find_map(|c| c.doi.as_deref())
    }

    /// Whether two posts have the same text from the blog page: month, title,
    /// citations, summary and implications (ids and curated fields aside).
    pub fn same_text(&self, other: &Post) -> bool {
        self.month == other.month
            && self.title == other.title
            && self.citations == other.citations
            && self.summary == other.summary
            && self.implications == other.implications
    }

    /// Whether this post is `full` cut off part way: same month and title, and
    /// its citations, summary and implications, read in order, are a shorter
    /// start of `full`'s (a page saved before it had finished loading).
    pub fn is_cut_short_of(&self, full: &Post) -> bool {
        let body = |post: &Post| {
            let citations = post.citations.iter().map(|c| c.raw.as_str());
            let paragraphs = post.summary.iter().chain(&post.implications);
            citations
                .chain(paragraphs.map(String::as_str))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let (cut, whole) = (body(self), body(full));
        self.month == full.month
            && self.title == full.title
            && cut.len() < whole.len()
            && whole.starts_with(&cut)
    }

    /// Whether the post is tagged with `topic`.
    pub fn has_topic(&self, topic: &str) -> bool {
        self.topics.iter().any(|t| t == topic)
    }
}

/// Pairs each text with the field it is, numbered from 0.
fn numbered<'a>(
    field: fn(usize) -> TextField,
    texts: impl Iterator<Item = &'a str>,
) -> impl Iterator<Item = (TextField, &'a str)> {
    texts.enumerate().map(move |(i, text)| (field(i), text))
}

impl Archive {
    /// Finds a post by its id.
    pub fn post(&self, id: &str) -> Option<&Post> {
        self.posts.iter().find(|p| p.id == id)
    }

    /// How many posts carry each topic, in the archive's topic order.
    pub fn topic_counts(&self) -> Vec<(&str, usize)> {
        self.topics
            .iter()
            .map(|t| {
                (
                    t.as_str(),
                    self.posts.iter().filter(|p| p.has_topic(t)).count(),
                )
            })
            .collect()
    }

    /// How many posts have each research type, in the archive's order.
    pub fn research_type_counts(&self) -> Vec<(&str, usize)> {
        self.research_types
            .iter()
            .map(|r| {
                let count = self.posts.iter().filter(|p| &p.research_type == r).count();
                (r.as_str(), count)
            })
            .collect()
    }

    /// Sorts posts newest month first, keeping the order of posts within a month.
    pub fn sort_posts(&mut self) {
        self.posts.sort_by_key(|post| std::cmp::Reverse(post.month));
    }
}

/// A calendar month, written `YYYY-MM` in files and on the command line.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub struct Month {
    /// The year, e.g. 2023.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
}

/// English month names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Month {
    /// Makes a month, or `None` when `month` is not 1 to 12 or the year is not plausible.
    pub fn new(year: u16, month: u8) -> Option<Month> {
        ((1..=12).contains(&month) && (1900..=2999).contains(&year))
            .then_some(Month { year, month })
    }

    /// The month's English name and year, as the blog's headings write it ("November 2023").
    pub fn long_name(self) -> String {
        format!("{} {}", MONTH_NAMES[usize::from(self.month - 1)], self.year)
    }

    /// Parses a blog heading such as "November 2023".
    pub fn from_heading(line: &str) -> Option<Month> {
        let (name, year) = line.trim().split_once(' ')?;
        let index = MONTH_NAMES
            .iter()
            .position(|m| m.eq_ignore_ascii_case(name))?;
        let year = year.trim();
        if year.len() != 4 {
            return None;
        }
        Month::new(year.parse().ok()?, index as u8 + 1)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// Why a `YYYY-MM` text is not a month.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid month {0:?}: expected YYYY-MM with a month from 01 to 12")]
pub struct BadMonth(pub String);

impl std::str::FromStr for Month {
    type Err = BadMonth;

    fn from_str(text: &str) -> Result<Month, BadMonth> {
        let bad = || BadMonth(text.to_string());
        let (year, month) = text.split_once('-').ok_or_else(bad)?;
        if year.len() != 4 || month.len() != 2 {
            return Err(bad());
        }
        let year = year.parse().map_err(|_| bad())?;
        let month = month.parse().map_err(|_| bad())?;
        Month::new(year, month).ok_or_else(bad)
    }
}

impl Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Month, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_and_print_as_yyyy_mm() {
        let month: Month = "2023-11".parse().unwrap();
        assert_eq!(
            month,
            Month {
                year: 2023,
                month: 11
            }
        );
        assert_eq!(month.to_string(), "2023-11");
        assert_eq!(month.long_name(), "November 2023");
    }

    #[test]
    fn impossible_months_are_rejected() {
        for bad in [
            "2023-13", "2023-00", "2023-1", "23-01", "2023/01", "", "abcd-ef",
        ] {
            assert!(bad.parse::<Month>().is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn headings_parse_only_when_they_are_a_month_and_a_year() {
        assert_eq!(
            Month::from_heading("June 2022"),
            Some(Month {
                year: 2022,
                month: 6
            })
        );
        assert_eq!(Month::from_heading("June 22"), None);
        assert_eq!(Month::from_heading("Junebug 2022"), None);
        assert_eq!(Month::from_heading("June 2022 was a good month"), None);
    }
}
