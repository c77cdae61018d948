//! BibTeX (read by BibTeX, biber, JabRef, Zotero and pandoc): one `@type{key,
//! field = {value}}` per entry. Special characters are escaped, accented
//! letters written as TeX accents (`{\"a}`), dashes as `--` and `---`, and
//! words with capitals in titles braced so styles do not lower-case them.

use unicode_normalization::UnicodeNormalization;

use super::{Entry, EntryKind};
use crate::archive::reference::Name;

/// The entries as BibTeX, separated by a blank line.
pub fn write(entries: &[Entry]) -> String {
    super::records(entries, record)
}

fn record(out: &mut String, entry: &Entry) {
    let r = &entry.reference;
    let kind = match entry.kind {
        EntryKind::Article => "article",
        EntryKind::Chapter => "incollection",
        EntryKind::Unparsed => "misc",
    };
    out.push_str(&format!("@{kind}{{{},\n", entry.key));
    let mut field = |name: &str, value: String| {
        out.push_str(&format!("  {name} = {{{value}}},\n"));
    };
    if !r.authors.is_empty() {
        field("author", names(&r.authors));
    }
    if let Some(year) = r.year {
        field("year", year.to_string());
    }
    field("title", title(&r.title));
    if let Some(container) = &r.container {
        match entry.kind {
            EntryKind::Chapter => field("booktitle", title(container)),
            _ => field("journal", escape(container)),
        }
    }
    if !r.editors.is_empty() {
        field("editor", names(&r.editors));
    }
    for (name, value) in [
        ("edition", &r.edition),
        ("volume", &r.volume),
        ("number", &r.issue),
        ("pages", &r.pages),
        ("publisher", &r.publisher),
    ] {
        if let Some(value) = value {
            field(name, escape(value));
        }
    }
    if let Some(doi) = &r.doi {
        field("doi", verbatim(doi));
    }
    if let Some(url) = entry.doi_url() {
        field("url", verbatim(&url));
    }
    field("note", escape(&entry.full_note()));
    out.push_str("}\n");
}

/// Names joined by " and ", each "Family, Given"; a group braced whole.
fn names(names: &[Name]) -> String {
    names
        .iter()
        .map(|name| match name {
            Name::Person { family, given } if given.is_empty() => escape(family),
            Name::Person { family, given } => format!("{}, {}", escape(family), escape(given)),
            Name::Group(group) => format!("{{{}}}", escape(group)),
        })
        .collect::<Vec<_>>()
        .join(" and ")
}

/// A title with each word that holds a capital letter braced (except a first
/// word whose only capital is its first letter), so styles keep the case.
fn title(text: &str) -> String {
    text.split(' ')
        .enumerate()
        .map(|(i, word)| {
            let capitals = word.chars().filter(|c| c.is_uppercase()).count();
            let only_initial = capitals == 1 && word.chars().next().is_some_and(char::is_uppercase);
            if capitals == 0 || (i == 0 && only_initial) {
                escape(word)
            } else {
                format!("{{{}}}", escape(word))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A URL or DOI: kept as it is, but for what would unbalance the braces.
fn verbatim(text: &str) -> String {
    text.replace('{', "%7B")
        .replace('}', "%7D")
        .replace('\\', "%5C")
}

/// Text with BibTeX's special characters escaped and accents as TeX accents.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("{\\textbackslash}"),
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("{\\textasciitilde}"),
            '^' => out.push_str("{\\textasciicircum}"),
            '–' => out.push_str("--"),
            '—' => out.push_str("---"),
            '’' => out.push('\''),
            '‘' => out.push('`'),
            '“' => out.push_str("``"),
            '”' => out.push_str("''"),
            c if c.is_control() => out.push(' '),
            c if c.is_ascii() => out.push(c),
            c => out.push_str(&accented(c)),
        }
    }
    out
}

/// A non-ASCII letter as `{\"a}`, `{\o}` and the like; other characters as
/// they are (BibTeX files are UTF-8 today).
fn accented(c: char) -> String {
    let special = match c {
        'ø' => Some("{\\o}"),
        'Ø' => Some("{\\O}"),
        'æ' => Some("{\\ae}"),
        'Æ' => Some("{\\AE}"),
        'œ' => Some("{\\oe}"),
        'Œ' => Some("{\\OE}"),
        'ß' => Some("{\\ss}"),
        'ł' => Some("{\\l}"),
        'Ł' => Some("{\\L}"),
        'å' => Some("{\\aa}"),
        'Å' => Some("{\\AA}"),
        _ => None,
    };
    if let Some(special) = special {
        return special.to_string();
    }
    let mut parts = std::iter::once(c).nfd();
    let (Some(base), Some(mark), None) = (parts.next(), parts.next(), parts.next()) else {
        return c.to_string();
    };
    let command = match mark {
        '\u{0300}' => "`",
        '\u{0301}' => "'",
        '\u{0302}' => "^",
        '\u{0303}' => "~",
        '\u{0304}' => "=",
        '\u{0306}' => "u",
        '\u{0307}' => ".",
        '\u{0308}' => "\"",
        '\u{030A}' => "r",
        '\u{030B}' => "H",
        '\u{030C}' => "v",
        '\u{0327}' => "c",
        '\u{0328}' => "k",
        _ => return c.to_string(),
    };
    if !base.is_ascii_alphabetic() {
        return c.to_string();
    }
    if command.chars().all(char::is_alphabetic) {
        format!("{{\\{command} {base}}}")
    } else {
        format!("{{\\{command}{base}}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_characters_and_accents_are_escaped() {
        assert_eq!(escape("Fagernäs"), "Fagern{\\\"a}s");
        assert_eq!(
            escape("Kleinstäuber & Sjöstrand"),
            "Kleinst{\\\"a}uber \\& Sj{\\\"o}strand"
        );
        assert_eq!(escape("50% of $x_1 #{y}"), "50\\% of \\$x\\_1 \\#\\{y\\}");
        assert_eq!(
            escape("Čapek, Ørsted, Açaí"),
            "{\\v C}apek, {\\O}rsted, A{\\c c}a{\\'i}"
        );
        assert_eq!(escape("559–567 — patients’"), "559--567 --- patients'");
        assert_eq!(
            escape("a\\b~c^d"),
            "a{\\textbackslash}b{\\textasciitilde}c{\\textasciicircum}d"
        );
        assert_eq!(escape("日本"), "日本");
    }

    #[test]
    fn capitals_in_titles_are_braced() {
        assert_eq!(
            title("Therapist effects: History of the USA and McDonald"),
            "Therapist effects: {History} of the {USA} and {McDonald}"
        );
        assert_eq!(title("ROM in practice"), "{ROM} in practice");
    }
}
