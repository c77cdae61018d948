//! RIS, the tagged format of EndNote, Zotero, Mendeley and RefWorks: one
//! `TAG  - value` line per field, each record from `TY` to `ER`.

use super::{Entry, EntryKind};
use crate::archive::reference::Name;

/// The entries as RIS records, separated by a blank line.
pub fn write(entries: &[Entry]) -> String {
    super::records(entries, record)
}

fn record(out: &mut String, entry: &Entry) {
    let r = &entry.reference;
    let mut line = |tag: &str, value: &str| {
        out.push_str(tag);
        out.push_str("  - ");
        out.push_str(&one_line(value));
        out.push('\n');
    };
    line(
        "TY",
        match entry.kind {
            EntryKind::Article => "JOUR",
            EntryKind::Chapter => "CHAP",
            EntryKind::Unparsed => "GEN",
        },
    );
    for author in &r.authors {
        line("AU", &name(author));
    }
    if let Some(year) = r.year {
        line("PY", &year.to_string());
    }
    line("TI", &r.title);
    if let Some(container) = &r.container {
        let tag = if entry.kind == EntryKind::Article {
            "JO"
        } else {
            "T2"
        };
        line(tag, container);
    }
    for editor in &r.editors {
        line("A2", &name(editor));
    }
    if let Some(edition) = &r.edition {
        line("ET", edition);
    }
    if let Some(volume) = &r.volume {
        line("VL", volume);
    }
    if let Some(issue) = &r.issue {
        line("IS", issue);
    }
    if let Some(pages) = &r.pages {
        match pages.split_once(['–', '-']) {
            Some((start, end)) => {
                line("SP", start.trim());
                line("EP", end.trim());
            }
            None => line("SP", pages),
        }
    }
    if let Some(publisher) = &r.publisher {
        line("PB", publisher);
    }
    if let Some(doi) = &r.doi {
        line("DO", doi);
    }
    if let Some(url) = entry.doi_url() {
        line("UR", &url);
    }
    line("N1", &entry.full_note());
    line("ID", &entry.key);
    out.push_str("ER  - \n");
}

/// "Family, Given" (a group's name whole).
fn name(name: &Name) -> String {
    match name {
        Name::Person { family, given } if !given.is_empty() => format!("{family}, {given}"),
        other => other.family().to_string(),
    }
}

/// A value on one line: line breaks and other control characters become spaces.
fn one_line(value: &str) -> String {
    value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}
