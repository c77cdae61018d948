//! CSL-JSON, the format of Zotero, Mendeley, pandoc and citeproc processors:
//! an array of items, written through serde.

use serde::Serialize;

use super::{Entry, EntryKind};
use crate::archive::reference::Name;

/// One CSL-JSON item (the variables pprnet fills in).
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
struct Item<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<CslName<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    editor: Vec<CslName<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<DateParts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    container_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    edition: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    volume: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issue: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    #[serde(rename = "DOI", skip_serializing_if = "Option::is_none")]
    doi: Option<&'a str>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    note: String,
}

/// A CSL name: a person's family and given names, or a literal.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum CslName<'a> {
    Person {
        family: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        given: &'a str,
    },
    Literal {
        literal: &'a str,
    },
}

#[derive(Debug, Serialize)]
struct DateParts {
    #[serde(rename = "date-parts")]
    date_parts: [[u16; 1]; 1],
}

fn names(names: &[Name]) -> Vec<CslName<'_>> {
    names
        .iter()
        .map(|name| match name {
            Name::Person { family, given } => CslName::Person { family, given },
            Name::Group(literal) => CslName::Literal { literal },
        })
        .collect()
}

/// The entries as a pretty-printed CSL-JSON array, ending in a newline.
pub fn write(entries: &[Entry]) -> String {
    let items: Vec<Item> = entries
        .iter()
        .map(|entry| {
            let r = &entry.reference;
            Item {
                id: &entry.key,
                kind: match entry.kind {
                    EntryKind::Article => "article-journal",
                    EntryKind::Chapter => "chapter",
                    EntryKind::Unparsed => "document",
                },
                title: &r.title,
                author: names(&r.authors),
                editor: names(&r.editors),
                issued: r.year.map(|year| DateParts {
                    date_parts: [[year]],
                }),
                container_title: r.container.as_deref(),
                edition: r.edition.as_deref(),
                volume: r.volume.as_deref(),
                issue: r.issue.as_deref(),
                page: r.pages.as_deref(),
                publisher: r.publisher.as_deref(),
                doi: r.doi.as_deref(),
                url: entry.doi_url(),
                note: entry.full_note(),
            }
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}
