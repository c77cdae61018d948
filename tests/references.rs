//! References round trips: the citations of the bundled posts written as
//! CSL-JSON, RIS and BibTeX, then read back by other people's parsers
//! (hayagriva's CSL processor, biblib's RIS parser, the biblatex crate) to the
//! same authors, year, title and DOI.

use biblatex::{Bibliography, ChunksExt};
use biblib::{CitationParser, RisParser};
use hayagriva::archive::{ArchivedStyle, locales};
use hayagriva::citationberg::json as csl_json;
use hayagriva::{
    BibliographyDriver, BibliographyRequest, BufWriteFormat, CitationItem, CitationRequest,
};
use pprnet::archive::reference::Name;
use pprnet::archive::{Post, bundled};
use pprnet::cite::{self, Entry, EntryKind};

/// The entries of every bundled post.
fn bundled_entries() -> Vec<Entry> {
    let archive = bundled().unwrap();
    let posts: Vec<&Post> = archive.posts.iter().collect();
    let (entries, warnings) = cite::entries(&posts);
    assert!(warnings.is_empty(), "{warnings:?}");
    entries
}

/// TeX-free text as the parsers give it back: dashes and quotes as written.
fn plain(text: &str) -> String {
    text.replace('’', "'")
}

fn families(names: &[Name]) -> Vec<String> {
    names.iter().map(|n| n.family().to_string()).collect()
}

#[test]
fn the_bundled_posts_give_five_references_with_the_right_fields() {
    let entries = bundled_entries();
    // Six posts; two summarise the same chapter.
    assert_eq!(entries.len(), 5);
    let kinds: Vec<EntryKind> = entries.iter().map(|e| e.kind).collect();
    assert!(!kinds.contains(&EntryKind::Unparsed));
    let alfonsson = &entries[0].reference;
    assert_eq!(
        families(&alfonsson.authors),
        ["Alfonsson", "Fagernäs", "Sjöstrand", "Tyrberg"]
    );
    assert_eq!(alfonsson.container.as_deref(), Some("Psychotherapy"));
}

#[test]
fn csl_json_is_rendered_by_a_csl_processor_in_apa_style() {
    let entries = bundled_entries();
    let json = cite::csl::write(&entries);
    let items: Vec<csl_json::Item> = serde_json::from_str(&json).unwrap();
    assert_eq!(items.len(), entries.len());
    // Every item's type is one of CSL's.
    for item in &items {
        let kind = item.type_().unwrap().to_string();
        serde_json::from_value::<hayagriva::citationberg::taxonomy::Kind>(
            serde_json::Value::String(kind.clone()),
        )
        .unwrap_or_else(|e| panic!("{kind} is not a CSL type: {e}"));
    }
    let style = match ArchivedStyle::AmericanPsychologicalAssociation.get() {
        hayagriva::citationberg::Style::Independent(style) => style,
        _ => panic!("APA is an independent style"),
    };
    let locales = locales();
    let mut driver: BibliographyDriver<'_, csl_json::Item> = BibliographyDriver::new();
    driver.citation(CitationRequest::new(
        items.iter().map(CitationItem::with_entry).collect(),
        &style,
        None,
        &locales,
        None,
    ));
    let rendered = driver.finish(BibliographyRequest::new(&style, None, &locales));
    let bibliography = rendered.bibliography.unwrap();
    assert_eq!(bibliography.items.len(), entries.len());
    let mut all = String::new();
    for item in &bibliography.items {
        let mut text = String::new();
        item.content
            .write_buf(&mut text, BufWriteFormat::Plain)
            .unwrap();
        all.push_str(&text);
        all.push('\n');
    }
    for entry in &entries {
        let r = &entry.reference;
        let line = all
            .lines()
            .find(|l| l.contains(&r.title))
            .unwrap_or_else(|| panic!("{:?} not rendered in:\n{all}", r.title));
        for family in families(&r.authors) {
            assert!(line.contains(&family), "{family} missing from {line}");
        }
        assert!(line.contains(&r.year.unwrap().to_string()), "{line}");
        if let Some(doi) = &r.doi {
            assert!(line.contains(doi), "{doi} missing from {line}");
        }
    }
    assert!(
        all.contains("Alfonsson, S., Fagernäs, S., Sjöstrand, G., & Tyrberg, M. J. (2023)."),
        "{all}"
    );
}

#[test]
fn ris_parses_back_to_the_same_authors_year_title_and_doi() {
    let entries = bundled_entries();
    let ris = cite::ris::write(&entries);
    let parsed = RisParser::new().parse(&ris).unwrap();
    assert_eq!(parsed.len(), entries.len());
    for (entry, back) in entries.iter().zip(&parsed) {
        let r = &entry.reference;
        assert_eq!(back.title, r.title);
        let back_families: Vec<&str> = back.authors.iter().map(|a| a.name.as_str()).collect();
        // biblib lists the editors (RIS A2) after the authors.
        let mut expected = families(&r.authors);
        expected.extend(families(&r.editors));
        assert_eq!(back_families, expected);
        assert_eq!(back.date.as_ref().map(|d| d.year), r.year.map(i32::from));
        assert_eq!(back.doi, r.doi);
    }
    let chapter = &parsed[1];
    assert_eq!(chapter.citation_type, ["Book Chapter"]);
    assert_eq!(
        chapter.publisher.as_deref(),
        Some("American Psychological Association")
    );
}

#[test]
fn bibtex_parses_back_to_the_same_authors_year_title_and_doi() {
    let entries = bundled_entries();
    let bib = cite::bibtex::write(&entries);
    let parsed = Bibliography::parse(&bib).unwrap_or_else(|e| panic!("{e:?}\n{bib}"));
    assert_eq!(parsed.len(), entries.len());
    for entry in &entries {
        let r = &entry.reference;
        let back = parsed.get(&entry.key).unwrap();
        let authors: Vec<String> = back
            .author()
            .unwrap()
            .iter()
            .map(|p| p.name.clone())
            .collect();
        assert_eq!(authors, families(&r.authors));
        assert_eq!(
            plain(&back.title().unwrap().format_verbatim()),
            plain(&r.title)
        );
        let year = match back.date().unwrap() {
            biblatex::PermissiveType::Typed(date) => match date.value {
                biblatex::DateValue::At(d) => d.year,
                other => panic!("{other:?}"),
            },
            other => panic!("{other:?}"),
        };
        assert_eq!(Some(year), r.year.map(i32::from));
        assert_eq!(back.doi().ok(), r.doi);
    }
    let alfonsson = parsed.get("alfonsson2023psychotherapist").unwrap();
    assert_eq!(alfonsson.author().unwrap()[1].name, "Fagernäs");
    assert!(bib.contains("Fagern{\\\"a}s"));
}

#[test]
fn a_post_with_two_citations_gives_two_references_and_bad_ones_warn() {
    let archive = bundled().unwrap();
    let mut post = archive.posts[0].clone();
    post.citations.push(archive.posts[4].citations[0].clone());
    post.citations.push(pprnet::archive::citation::parse(
        "A talk given at the clinic, spring term",
    ));
    let (entries, warnings) = cite::entries(&[&post]);
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[0].key, "alfonsson2023psychotherapist");
    assert_eq!(entries[1].key, "delgadillo2022progress");
    assert_eq!(entries[2].kind, EntryKind::Unparsed);
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains(&post.id) && warnings[0].contains("spring term"));
    // The unparsed one still goes through every format.
    let bib = cite::bibtex::write(&entries);
    let parsed = Bibliography::parse(&bib).unwrap();
    assert_eq!(parsed.len(), 3);
    let ris = RisParser::new().parse(&cite::ris::write(&entries)).unwrap();
    assert_eq!(ris.len(), 3);
    assert_eq!(ris[2].title, "A talk given at the clinic, spring term");
    let csl: Vec<serde_json::Value> = serde_json::from_str(&cite::csl::write(&entries)).unwrap();
    assert_eq!(csl.len(), 3);
    assert!(csl[2]["note"].as_str().unwrap().contains("not parsed"));
}
