//! References for reference managers: the citations of posts as CSL-JSON
//! ([`csl`]), RIS ([`ris`]) and BibTeX ([`bibtex`]), built from the parsed
//! citation ([`crate::archive::reference`]). Nothing here knows about files or
//! terminals.
//!
//! Every citation of every post gives one [`Entry`] (the same citation in two
//! posts gives one, naming both). A citation that cannot be parsed still gives
//! an entry, with its raw text as the title, and a warning naming the post.

pub mod bibtex;
pub mod csl;
pub mod ris;

use std::collections::{HashMap, HashSet};

use crate::archive::credit::{BLOG_AUTHOR, BLOG_URL};
use crate::archive::reference::{self, Reference};
use crate::archive::{Citation, Post};
use crate::text::slug;

/// A reference manager's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// CSL-JSON ([`csl`]).
    CslJson,
    /// RIS ([`ris`]).
    Ris,
    /// BibTeX ([`bibtex`]).
    Bibtex,
}

/// The entries written in `style`.
pub fn write(style: Style, entries: &[Entry]) -> String {
    match style {
        Style::CslJson => csl::write(entries),
        Style::Ris => ris::write(entries),
        Style::Bibtex => bibtex::write(entries),
    }
}

/// The entries, each written by `record`, separated by a blank line.
fn records(entries: &[Entry], record: fn(&mut String, &Entry)) -> String {
    let mut out = String::new();
    for entry in entries {
        if !out.is_empty() {
            out.push('\n');
        }
        record(&mut out, entry);
    }
    out
}

/// What kind of work an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A journal article.
    Article,
    /// A chapter in an edited book.
    Chapter,
    /// A citation pprnet could not take apart: its raw text is the title.
    Unparsed,
}

/// One reference to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// A key unique within one export, such as `alfonsson2023psychotherapist`.
    pub key: String,
    /// Article, chapter or unparsed.
    pub kind: EntryKind,
    /// The parsed fields; for an unparsed citation, the raw text as the title
    /// and whatever [`Citation`] knew (authors, year, DOI).
    pub reference: Reference,
    /// Where the blog discusses it, for the entry's note.
    pub note: String,
}

impl Entry {
    /// The DOI as a link.
    pub fn doi_url(&self) -> Option<String> {
        self.reference
            .doi
            .as_ref()
            .map(|doi| format!("https://doi.org/{doi}"))
    }

    /// The note to export: what else the citation says, a word on an unparsed
    /// citation, and where the blog discusses it.
    pub fn full_note(&self) -> String {
        match (&self.reference.note, self.kind) {
            (Some(extra), _) => format!("{extra}. {}", self.note),
            (None, EntryKind::Unparsed) => {
                format!("Citation as the blog gives it (not parsed). {}", self.note)
            }
            (None, _) => self.note.clone(),
        }
    }
}

/// The entries for the citations of `posts`, in order, and one warning per
/// citation that could not be parsed or post that has none.
pub fn entries(posts: &[&Post]) -> (Vec<Entry>, Vec<String>) {
    let mut found: Vec<(&Citation, Vec<&Post>)> = Vec::new();
    // Where each citation's text is in `found`: one lookup per citation.
    let mut index: HashMap<&str, usize> = HashMap::new();
    // Which posts each of them already names.
    let mut cited_by: HashSet<(usize, &str)> = HashSet::new();
    let mut warnings = Vec::new();
    for post in posts {
        if post.citations.is_empty() {
            warnings.push(format!("{}: the post has no citation to export", post.id));
        }
        for citation in &post.citations {
            match index.get(citation.raw.as_str()) {
                Some(&i) => {
                    if cited_by.insert((i, post.id.as_str())) {
                        found[i].1.push(post);
                    }
                }
                None => {
                    cited_by.insert((found.len(), post.id.as_str()));
                    index.insert(&citation.raw, found.len());
                    found.push((citation, vec![post]));
                }
            }
        }
    }
    let mut keys = HashSet::new();
    let entries = found
        .into_iter()
        .map(|(citation, posts)| {
            let (kind, reference) = match reference::parse(&citation.raw) {
                Some(parsed) => (
                    match parsed.kind {
                        reference::Kind::Article => EntryKind::Article,
                        reference::Kind::Chapter => EntryKind::Chapter,
                    },
                    parsed,
                ),
                None => {
                    warnings.push(format!(
                        "{}: could not read the citation {:?}; exported with it as the title",
                        posts[0].id, citation.raw
                    ));
                    (EntryKind::Unparsed, unparsed(citation))
                }
            };
            let key = unique_key(&mut keys, &reference);
            Entry {
                key,
                kind,
                note: blog_note(&posts),
                reference,
            }
        })
        .collect();
    (entries, warnings)
}

/// A reference holding the raw citation as its title.
fn unparsed(citation: &Citation) -> Reference {
    Reference::new(
        citation
            .authors
            .iter()
            .map(|a| reference::inverted_name(a))
            .collect(),
        citation.year,
        citation.raw.clone(),
        citation.doi.clone(),
    )
}

/// "Summarised by Dr. Giorgio Tasca in the PPRNet blog: “Title” (November 2023). URL".
fn blog_note(posts: &[&Post]) -> String {
    let posts: Vec<String> = posts
        .iter()
        .map(|p| format!("“{}” ({})", p.title, p.month.long_name()))
        .collect();
    format!(
        "Summarised by {BLOG_AUTHOR} in the PPRNet blog: {}. {BLOG_URL}",
        posts.join("; ")
    )
}

/// Words a key skips at the start of a title.
const SKIPPED_WORDS: [&str; 3] = ["a", "an", "the"];

/// `familyYEARword`: the first author's family name, the year (`nd` when
/// undated) and the title's first word that is not an article, ASCII lower
/// case; then `a`, `b`, ... when taken already.
fn unique_key(taken: &mut HashSet<String>, reference: &Reference) -> String {
    let family = reference
        .authors
        .first()
        .map(|a| slug(a.family(), 40).replace('-', ""))
        .filter(|f| !f.is_empty())
        .unwrap_or_else(|| "anonymous".into());
    let year = reference
        .year
        .map_or_else(|| "nd".to_string(), |y| y.to_string());
    let word = slug(&reference.title, 200)
        .split('-')
        .find(|w| !SKIPPED_WORDS.contains(w))
        .unwrap_or_default()
        .to_string();
    let base = format!("{family}{year}{word}");
    let mut key = base.clone();
    let mut n = 0;
    while !taken.insert(key.clone()) {
        n += 1;
        key = format!("{base}{}", letters(n));
    }
    key
}

/// 1 → "a", 26 → "z", 27 → "aa": the suffixes of repeated keys.
fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::bundled;

    #[test]
    fn the_bundled_posts_give_keys_like_alfonsson2023psychotherapist() {
        let archive = bundled().unwrap();
        let posts: Vec<&Post> = archive.posts.iter().collect();
        let (entries, warnings) = entries(&posts);
        assert_eq!(warnings, Vec::<String>::new());
        let keys: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
        assert!(keys.contains(&"alfonsson2023psychotherapist"), "{keys:?}");
        assert!(keys.contains(&"delgadillo2022progress"), "{keys:?}");
        // Two posts summarise the same chapter: one entry naming both.
        let norcross: Vec<&Entry> = entries
            .iter()
            .filter(|e| e.key.starts_with("norcross2023"))
            .collect();
        assert_eq!(norcross.len(), 1);
        assert_eq!(norcross[0].note.matches("(July 2023)").count(), 2);
        assert!(norcross[0].note.contains(BLOG_URL));
    }

    #[test]
    fn keys_stay_unique_and_unparsed_citations_warn() {
        let mut taken = HashSet::new();
        let r = reference::parse("Smith, J. (2020). The effect. J, 1, 2.").unwrap();
        assert_eq!(unique_key(&mut taken, &r), "smith2020effect");
        assert_eq!(unique_key(&mut taken, &r), "smith2020effecta");
        assert_eq!(unique_key(&mut taken, &r), "smith2020effectb");
        let mut post = bundled().unwrap().posts[0].clone();
        post.citations = vec![
            crate::archive::citation::parse("Just some words"),
            post.citations[0].clone(),
        ];
        let (entries, warnings) = entries(&[&post]);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].kind, EntryKind::Unparsed);
        assert_eq!(entries[0].reference.title, "Just some words");
        assert_eq!(entries[0].key, "anonymousndjust");
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].starts_with(&post.id));
        assert!(warnings[0].contains("Just some words"));
    }
}
