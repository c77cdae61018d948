//! An APA citation taken apart into the fields a reference manager wants:
//! authors (family and given names), year, title, container (journal or
//! book), editors, edition, volume, issue, pages, publisher and DOI.
//!
//! The blog's citations are APA 7 with small slips (missing initials, "and"
//! for "&", no comma before "(Eds.)"); the parser accepts those. What it cannot
//! read gives `None`, and callers fall back to the raw text.

use std::sync::LazyLock;

use regex::Regex;

use super::citation::{APA, DOI, split_authors};

/// What kind of work a reference is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A journal article ("Title. Journal, 90(2), 559–567.").
    Article,
    /// A chapter in an edited book ("Title. In A. Editor (Eds.) Book. Publisher.").
    Chapter,
}

/// A person's name, or a group's ("American Psychological Association").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Name {
    /// A person: family name and given names or initials (may be empty when the
    /// citation gives none).
    Person {
        /// "Fagernäs".
        family: String,
        /// "S." or "M. J." (as written).
        given: String,
    },
    /// An organisation, kept whole.
    Group(String),
}

impl Name {
    /// The family name (a group's whole name).
    pub fn family(&self) -> &str {
        match self {
            Name::Person { family, .. } => family,
            Name::Group(name) => name,
        }
    }
}

/// A citation's fields. Text is verbatim from the citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Article or chapter.
    pub kind: Kind,
    /// The authors in order.
    pub authors: Vec<Name>,
    /// Year of publication; `None` for "n.d." and "in press".
    pub year: Option<u16>,
    /// The work's title, without its final full stop.
    pub title: String,
    /// The journal, or the book a chapter is in.
    pub container: Option<String>,
    /// The book's editors (chapters).
    pub editors: Vec<Name>,
    /// The book's edition ("7th ed."), without parentheses.
    pub edition: Option<String>,
    /// The journal volume.
    pub volume: Option<String>,
    /// The journal issue.
    pub issue: Option<String>,
    /// The page range ("559–567").
    pub pages: Option<String>,
    /// The publisher (books).
    pub publisher: Option<String>,
    /// The DOI ("10.1037/pst0000503").
    pub doi: Option<String>,
    /// What else the citation says ("Advance online publication", "Chapter 9").
    pub note: Option<String>,
}

impl Reference {
    /// An article with these fields and no others.
    pub fn new(
        authors: Vec<Name>,
        year: Option<u16>,
        title: String,
        doi: Option<String>,
    ) -> Reference {
        Reference {
            kind: Kind::Article,
            authors,
            year,
            title,
            container: None,
            editors: Vec::new(),
            edition: None,
            volume: None,
            issue: None,
            pages: None,
            publisher: None,
            doi,
            note: None,
        }
    }
}

/// "Journal, 90(2), 559–567" with volume, issue and pages optional.
static JOURNAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?P<journal>[^,]+?)
        (?:,\s*(?P<volume>\d+)(?:\s*\((?P<issue>[^)]+)\))?)?
        (?:,\s*(?:pp?\.\s*)?(?P<pages>[A-Za-z]?\d+(?:\s*[–-]\s*[A-Za-z]?\d+)?))?$",
    )
    .expect("valid regex")
});

/// "In EDITORS (Eds.)" at the start of what follows a chapter's title.
static EDITORS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^In\s+(?P<editors>.+?),?\s*\((?:[Ee]ds?\.?|[Ee]ditors?)\)[.,]?\s*")
        .expect("valid regex")
});

/// A book title's "(7th ed.)" and "(pp. 1–20)" parts.
static BOOK_PARTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*\((?:(?P<edition>[^()]*?\bed(?:ition)?\.?)|pp?\.\s*(?P<pages>[^()]+))\)")
        .expect("valid regex")
});

/// Takes an APA citation apart; `None` when it does not read as one (no
/// "Authors (year)." start, or no title after it).
pub fn parse(raw: &str) -> Option<Reference> {
    let raw = raw.trim();
    let caps = APA.captures(raw)?;
    let authors = split_authors(&caps["authors"])
        .iter()
        .map(|a| inverted_name(a))
        .collect();
    let year = caps.name("year").and_then(|y| y.as_str().parse().ok());
    let (rest, doi) = without_doi(&raw[caps.get(0)?.end()..]);
    let mut parts = sentences(&rest).into_iter();
    let title = parts.next().filter(|t| !t.is_empty())?;
    let mut reference = Reference::new(authors, year, title, doi);
    let after_title: Vec<String> = parts.collect();
    let joined = after_title.join(". ");
    let notes = match EDITORS.captures(&joined) {
        Some(eds) => {
            reference.kind = Kind::Chapter;
            reference.editors = given_first_names(&eds["editors"]);
            let mut book = sentences(&joined[eds.get(0).map_or(0, |m| m.end())..]).into_iter();
            if let Some(title) = book.next() {
                let parts = BOOK_PARTS.captures_iter(&title);
                for part in parts {
                    if let Some(edition) = part.name("edition") {
                        reference.edition = Some(edition.as_str().trim().to_string());
                    }
                    if let Some(pages) = part.name("pages") {
                        reference.pages = Some(pages.as_str().trim().to_string());
                    }
                }
                let title = BOOK_PARTS.replace_all(&title, "");
                reference.container = Some(title.trim().to_string());
            }
            reference.publisher = book.next();
            book.collect::<Vec<_>>()
        }
        None => {
            let mut parts = after_title.into_iter();
            if let Some(journal) = parts.next() {
                match JOURNAL.captures(&journal) {
                    Some(j) => {
                        reference.container = Some(j["journal"].trim().to_string());
                        let field = |name| j.name(name).map(|m| m.as_str().trim().to_string());
                        reference.volume = field("volume");
                        reference.issue = field("issue");
                        reference.pages = field("pages");
                    }
                    None => reference.container = Some(journal),
                }
            }
            parts.collect()
        }
    };
    if !notes.is_empty() {
        reference.note = Some(notes.join(". "));
    }
    Some(reference)
}

/// The text without its DOI (as a link or "doi:"), and the DOI.
fn without_doi(text: &str) -> (String, Option<String>) {
    let Some(found) = DOI.find(text) else {
        return (text.to_string(), None);
    };
    let doi = super::citation::find_doi(text);
    let mut rest = text[..found.start()].to_string();
    let after = text[found.end()..].trim_start_matches(['.', ',', ';', ')']);
    rest.push_str(after);
    (rest, doi)
}

/// Splits text into sentences at a '.', '?' or '!' outside parentheses that is
/// followed by a space and a capital or digit, or ends the text. A '.' ending
/// a sentence is dropped; '?' and '!' belong to it. Empty sentences are skipped.
fn sentences(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let ends = depth == 0
            && matches!(c, '.' | '?' | '!')
            && {
                let next = chars[i + 1..].iter().position(|c| !c.is_whitespace());
                match next {
                    None => true,
                    Some(0) => false,
                    Some(skip) => {
                        let n = chars[i + 1 + skip];
                        n.is_uppercase() || n.is_ascii_digit()
                    }
                }
            }
            && !ends_with_initial(&current);
        if ends {
            if c != '.' {
                current.push(c);
            }
            push_sentence(&mut out, &mut current);
        } else {
            current.push(c);
        }
        i += 1;
    }
    push_sentence(&mut out, &mut current);
    out
}

fn push_sentence(out: &mut Vec<String>, current: &mut String) {
    let sentence = current.trim();
    if !sentence.is_empty() {
        out.push(sentence.to_string());
    }
    current.clear();
}

/// Whether text ends with a lone capital (an initial such as the "A" of "A. B.
/// Smith" or "Vol"-like abbreviations are not sentences).
fn ends_with_initial(text: &str) -> bool {
    let mut rev = text.chars().rev();
    let last = rev.next();
    let before = rev.next();
    last.is_some_and(char::is_uppercase) && before.is_none_or(|c| !c.is_alphanumeric())
}

/// "Fagernäs, S." as a name; a name without a comma is a group.
pub fn inverted_name(author: &str) -> Name {
    match author.split_once(',') {
        Some((family, given)) => Name::Person {
            family: family.trim().to_string(),
            given: given.trim().to_string(),
        },
        None => Name::Group(author.trim().to_string()),
    }
}

/// "S. D. Miller, D. Chow, and M. A. Hubble" as names (family name last).
fn given_first_names(list: &str) -> Vec<Name> {
    static SEPARATOR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r",\s*(?:and\s+|&\s*)?|\s+(?:and|&)\s+").expect("valid regex"));
    SEPARATOR
        .split(list)
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|name| match name.rsplit_once(char::is_whitespace) {
            Some((given, family)) => Name::Person {
                family: family.to_string(),
                given: given.trim().to_string(),
            },
            None => Name::Person {
                family: name.to_string(),
                given: String::new(),
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(family: &str, given: &str) -> Name {
        Name::Person {
            family: family.into(),
            given: given.into(),
        }
    }

    #[test]
    fn a_journal_article_in_advance_of_print() {
        let r = parse(
            "Alfonsson, S., Fagernäs, S., Sjöstrand, G., & Tyrberg, M. J. (2023). Psychotherapist variables that may lead to treatment failure or termination—A qualitative analysis of patients’ perspectives. Psychotherapy. Advance online publication. https://doi.org/10.1037/pst0000503",
        )
        .unwrap();
        assert_eq!(r.kind, Kind::Article);
        assert_eq!(r.authors.len(), 4);
        assert_eq!(r.authors[1], person("Fagernäs", "S."));
        assert_eq!(r.authors[3], person("Tyrberg", "M. J."));
        assert_eq!(r.year, Some(2023));
        assert_eq!(
            r.title,
            "Psychotherapist variables that may lead to treatment failure or termination—A qualitative analysis of patients’ perspectives"
        );
        assert_eq!(r.container.as_deref(), Some("Psychotherapy"));
        assert_eq!(r.note.as_deref(), Some("Advance online publication"));
        assert_eq!(r.doi.as_deref(), Some("10.1037/pst0000503"));
    }

    #[test]
    fn volume_issue_and_pages() {
        let r = parse(
            "Delgadillo, J., Deisenhofer, A.-K., & Kleinstäuber, M. (2022). Progress feedback narrows the gap: A meta-analysis. Journal of Consulting and Clinical Psychology, 90(7), 559–567.",
        )
        .unwrap();
        assert_eq!(r.authors[1], person("Deisenhofer", "A.-K."));
        assert_eq!(
            r.title,
            "Progress feedback narrows the gap: A meta-analysis"
        );
        assert_eq!(
            r.container.as_deref(),
            Some("Journal of Consulting and Clinical Psychology")
        );
        assert_eq!(r.volume.as_deref(), Some("90"));
        assert_eq!(r.issue.as_deref(), Some("7"));
        assert_eq!(r.pages.as_deref(), Some("559–567"));
        assert_eq!(r.doi, None);
        assert_eq!(r.note, None);
    }

    #[test]
    fn a_chapter_with_editors_publisher_and_a_final_dot_after_the_doi() {
        let r = parse(
            "Nissen-Lie, H.A., Heinonen, E., & Delgadillo, J. (2023). Therapist factors. In S. D. Miller, D. Chow, S. Malins, and M. A. Hubble (Eds.) The Field Guide to Better Results: Evidence-Based Exercises to Improve Therapeutic Effectiveness. American Psychological Association. https://doi.org/10.1037/0000358-005.",
        )
        .unwrap();
        assert_eq!(r.kind, Kind::Chapter);
        assert_eq!(r.authors[0], person("Nissen-Lie", "H.A."));
        assert_eq!(r.title, "Therapist factors");
        assert_eq!(
            r.editors,
            [
                person("Miller", "S. D."),
                person("Chow", "D."),
                person("Malins", "S."),
                person("Hubble", "M. A.")
            ]
        );
        assert_eq!(
            r.container.as_deref(),
            Some(
                "The Field Guide to Better Results: Evidence-Based Exercises to Improve Therapeutic Effectiveness"
            )
        );
        assert_eq!(
            r.publisher.as_deref(),
            Some("American Psychological Association")
        );
        assert_eq!(r.doi.as_deref(), Some("10.1037/0000358-005"));
    }

    #[test]
    fn an_edition_a_missing_initial_and_a_chapter_number() {
        let r = parse(
            "Wampold, B. & Owen, J. (2021). Therapist effects: History, methods, magnitude, and characteristics of effective therapists. In Barkham, W. Lutz, and L.G. Castonguay (Eds.) Bergin and Garfield’s Handbook of Psychotherapy and Behavior Change (7th ed.). Wiley. Chapter 9.",
        )
        .unwrap();
        assert_eq!(r.authors, [person("Wampold", "B."), person("Owen", "J.")]);
        assert_eq!(
            r.editors,
            [
                person("Barkham", ""),
                person("Lutz", "W."),
                person("Castonguay", "L.G.")
            ]
        );
        assert_eq!(
            r.container.as_deref(),
            Some("Bergin and Garfield’s Handbook of Psychotherapy and Behavior Change")
        );
        assert_eq!(r.edition.as_deref(), Some("7th ed."));
        assert_eq!(r.publisher.as_deref(), Some("Wiley"));
        assert_eq!(r.note.as_deref(), Some("Chapter 9"));
    }

    #[test]
    fn group_authors_questions_and_what_is_not_a_citation() {
        let r = parse("American Psychological Association. (n.d.). Why ask? Guidelines, 3, e12. doi:10.1000/xyz123").unwrap();
        assert_eq!(
            r.authors,
            [Name::Group("American Psychological Association".into())]
        );
        assert_eq!(r.year, None);
        assert_eq!(r.title, "Why ask?");
        assert_eq!(r.container.as_deref(), Some("Guidelines"));
        assert_eq!(r.pages.as_deref(), Some("e12"));
        assert_eq!(r.doi.as_deref(), Some("10.1000/xyz123"));
        assert_eq!(parse("Therapist Facilitative Interpersonal Skills"), None);
        assert_eq!(parse("Smith, J. (2020)."), None);
    }
}
