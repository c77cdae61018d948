//! Tests of the whole engine: rankings on the bundled archive, the index and
//! the direct scan agreeing, incremental searching, highlights, and any
//! Unicode at all (property tests).

use proptest::prelude::*;

use super::*;
use crate::archive::{Archive, Citation, Month, Post, bundled};

fn archive() -> Archive {
    bundled().expect("the bundled archive loads")
}

/// The ids of the posts `query` finds, best first, checking on the way that
/// the index, the direct scan and an incremental searcher agree.
fn ids(archive: &Archive, query: &str) -> Vec<String> {
    let index = SearchIndex::new(&archive.posts);
    let hits = index.search(query);
    assert_eq!(
        hits,
        search_posts(&archive.posts, query),
        "scan vs index: {query:?}"
    );
    let mut searcher = Searcher::new();
    for (end, _) in query.char_indices().skip(1) {
        searcher.search(&index, &query[..end]);
    }
    assert_eq!(
        searcher.search(&index, query),
        &hits[..],
        "typed: {query:?}"
    );
    hits.iter()
        .map(|h| archive.posts[h.post].id.clone())
        .collect()
}

fn months(archive: &Archive, query: &str) -> Vec<String> {
    ids(archive, query)
        .iter()
        .map(|id| id[..7].to_string())
        .collect()
}

#[test]
fn accents_and_case_are_ignored_both_ways() {
    let archive = archive();
    for query in ["fagernas", "Fagernäs", "FAGERNÄS", "fagerna\u{308}s"] {
        assert_eq!(months(&archive, query), ["2023-11"], "{query}");
    }
    for query in ["kleinstauber", "Kleinstäuber", "kleinstäuber"] {
        assert_eq!(months(&archive, query), ["2022-10"], "{query}");
    }
}

#[test]
fn authors_find_their_posts() {
    let archive = archive();
    let found = ids(&archive, "delgadillo");
    assert_eq!(found.len(), 2);
    assert!(
        found
            .iter()
            .any(|id| id.starts_with("2022-10-progress-feedback"))
    );
    assert!(
        found
            .iter()
            .any(|id| id.starts_with("2023-07-therapist-factors"))
    );
}

#[test]
fn words_no_post_contains_find_nothing() {
    let archive = archive();
    for query in ["xqzv", "zebra", "alliance zebra", "🙂", "-", "therapist -"] {
        assert!(ids(&archive, query).is_empty(), "{query}");
    }
}

#[test]
fn every_word_must_match() {
    let archive = archive();
    let both = ids(&archive, "delgadillo kleinstauber");
    assert_eq!(both.len(), 1);
    assert!(both[0].starts_with("2022-10"));
}

#[test]
fn title_hits_rank_above_body_hits() {
    let archive = archive();
    // "Skills" is in the title of the oldest post; newer ones only mention it
    // in the text.
    let found = months(&archive, "skills");
    assert_eq!(found, ["2022-06", "2023-07", "2023-07", "2022-10"]);
    let found = ids(&archive, "interpersonal");
    assert!(found[0].starts_with("2022-06-therapist-facilitative-interpersonal-skills"));
}

#[test]
fn abbreviations_and_typos_with_missing_letters_match() {
    let archive = archive();
    let found = ids(&archive, "thrpst empthy");
    assert!(found.len() >= 4);
    // Therapist in the title and Empathy among the topics come first.
    let first = archive.post(&found[0]).unwrap();
    assert!(first.title.contains("Therapist"));
    assert!(first.has_topic("Empathy"));
    assert!(!ids(&archive, "humility").is_empty());
    assert!(!ids(&archive, "rupture").is_empty());
}

#[test]
fn ties_go_newest_first() {
    let archive = archive();
    let index = SearchIndex::new(&archive.posts);
    let hits = index.search("t");
    for pair in hits.windows(2) {
        let (a, b) = (&archive.posts[pair[0].post], &archive.posts[pair[1].post]);
        assert!(
            pair[0].score > pair[1].score || (pair[0].score == pair[1].score && a.month >= b.month)
        );
    }
}

#[test]
fn an_empty_query_lists_every_post_in_order() {
    let archive = archive();
    let index = SearchIndex::new(&archive.posts);
    for query in ["", "   ", "\t\n"] {
        let hits = index.search(query);
        assert_eq!(hits.len(), archive.posts.len());
        assert!(
            hits.iter()
                .enumerate()
                .all(|(i, h)| h.post == i && h.score == 0)
        );
        assert_eq!(search_posts(&archive.posts, query), hits);
    }
    assert!(SearchIndex::new(&[]).search("x").is_empty());
    assert!(SearchIndex::new(&[]).search("").is_empty());
}

#[test]
fn highlights_point_at_the_original_chars() {
    let archive = archive();
    let post = &archive.posts[0];
    let marked = highlights(&Query::parse("fagernas"), post);
    let citation = marked
        .iter()
        .find(|m| m.field == TextField::Citation(0))
        .expect("the author is highlighted");
    let raw: Vec<char> = post.citations[0].raw.chars().collect();
    let text: String = citation.chars.iter().map(|&i| raw[i]).collect();
    assert_eq!(text, "Fagernäs");

    let title = highlights_in(&Query::parse("thrpst"), post, TextField::Title);
    let chars: Vec<char> = post.title.chars().collect();
    let text: String = title.iter().map(|&i| chars[i]).collect();
    assert_eq!(text, "Thrpst");
    assert!(highlights(&Query::parse(""), post).is_empty());
}

#[test]
fn highlights_keep_accents_with_their_letters() {
    let mut post = archive().posts[0].clone();
    post.title = "Fagerna\u{308}s and ﬁndings".into();
    let marked = highlights_in(&Query::parse("fagernas findings"), &post, TextField::Title);
    // Every char of both words, the combining accent (index 7) included.
    let expected: Vec<usize> = (0..9).chain(14..21).collect();
    assert_eq!(marked, expected);
}

#[test]
fn compounds_match_across_punctuation_but_not_fuzzily() {
    let archive = archive();
    assert_eq!(months(&archive, "pst0000503"), ["2023-11"]);
    assert_eq!(months(&archive, "10.1037/pst0000503"), ["2023-11"]);
    assert!(ids(&archive, "nissenlie").len() == 1);
    assert!(ids(&archive, "nissen-lie").len() == 1);
}

#[test]
fn a_searcher_notices_a_new_index() {
    let archive = archive();
    let one = SearchIndex::new(&archive.posts);
    let two = SearchIndex::new(&archive.posts[..2]);
    let mut searcher = Searcher::new();
    searcher.search(&one, "t");
    assert_eq!(searcher.search(&two, "th"), &two.search("th")[..]);
    assert_eq!(searcher.search(&one, "th"), &one.search("th")[..]);
    searcher.reset();
    assert!(searcher.hits().is_empty());
}

/// Pieces of text that stress folding and cutting.
const PIECES: &[&str] = &[
    "therapist",
    "Therapist",
    "empathy",
    "Fagernäs",
    "Fagerna\u{308}s",
    "KLEINSTÄUBER",
    "ﬁnd",
    "drop-out",
    "Drop-Out",
    "10.1037/pst0000503",
    "https://doi.org/10.1/x",
    "patient’s",
    "\u{301}",
    "e\u{301}",
    "👩‍⚕️",
    "🙂",
    "שלום",
    "مرحبا",
    "日本語",
    "中文",
    "\u{0}",
    "\t",
    "\n",
    "\u{202e}",
    "\u{200d}",
    "\u{a0}",
    "ß",
    "İ",
    "Σ",
    "ς",
    "½",
    "²",
    "a",
    "t",
    "x",
    "q",
    "z",
    " ",
    "  ",
    ".",
    ",",
    "-",
    "/",
    "'",
    "(2023)",
    "Ⅻ",
    "ｆｕｌｌ",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<String>(),
        1 => "[a-zA-Z]{1,12}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..12).prop_map(|pieces| pieces.join(" "))
}

fn words() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..6).prop_map(|pieces| pieces.concat())
}

prop_compose! {
    fn post()(
        title in text(),
        raw in text(),
        authors in proptest::collection::vec(words(), 0..3),
        summary in proptest::collection::vec(text(), 0..3),
        implications in proptest::collection::vec(text(), 0..2),
        topics in proptest::collection::vec(text(), 0..2),
        month in 1u8..=12,
        year in 2013u16..2026,
    ) -> Post {
        Post {
            id: format!("{year}-{month:02}-{}", title.len()),
            month: Month::new(year, month).expect("a valid month"),
            title,
            citations: vec![Citation { raw, authors, year: None, doi: None }],
            summary,
            implications,
            topics,
            research_type: "Other".into(),
            suggested: Default::default(),
            source: Default::default(),
        }
    }
}

/// Some of a text's chars, so that queries often match.
fn slice_of(text: &str, start: usize, len: usize) -> String {
    text.chars().skip(start).take(len).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_query_is_safe_and_all_ways_agree(
        posts in proptest::collection::vec(post(), 0..6),
        query in text(),
        start in 0usize..40,
        len in 0usize..8,
        which in 0usize..6,
    ) {
        // A query made partly of the posts' own text, partly of anything.
        let own = posts
            .get(which)
            .map(|p| slice_of(&p.summary.concat(), start, len))
            .unwrap_or_default();
        let query = format!("{own} {query}");
        let index = SearchIndex::new(&posts);
        let hits = index.search(&query);
        prop_assert_eq!(&hits, &search_posts(&posts, &query));
        let mut searcher = Searcher::new();
        for (end, _) in query.char_indices() {
            searcher.search(&index, &query[..end]);
        }
        prop_assert_eq!(searcher.search(&index, &query), &hits[..]);
        let parsed = Query::parse(&query);
        for hit in &hits {
            prop_assert!(hit.post < posts.len());
            let marked = highlights(&parsed, &posts[hit.post]);
            prop_assert!(parsed.is_empty() || !marked.is_empty());
            for m in marked {
                let text = posts[hit.post]
                    .fields()
                    .find(|(f, _)| *f == m.field)
                    .map(|(_, t)| t)
                    .unwrap_or_default();
                let count = text.chars().count();
                prop_assert!(m.chars.iter().all(|&i| i < count));
                prop_assert!(m.chars.windows(2).all(|w| w[0] < w[1]));
            }
        }
    }

    #[test]
    fn highlights_of_any_text_are_valid_char_indices(field in text(), query in text()) {
        let query = Query::parse(&query);
        let marked = field_highlights(&query, &field);
        let count = field.chars().count();
        prop_assert!(marked.iter().all(|&i| i < count));
        prop_assert!(marked.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn any_edits_give_fresh_results(queries in proptest::collection::vec("[dropuate -]{0,9}", 1..10)) {
        let archive = archive();
        let index = SearchIndex::new(&archive.posts);
        let mut searcher = Searcher::new();
        for query in &queries {
            prop_assert_eq!(searcher.search(&index, query), &index.search(query)[..]);
        }
    }

    #[test]
    fn growing_queries_give_fresh_results(query in "[a-z ]{0,12}") {
        let archive = archive();
        let index = SearchIndex::new(&archive.posts);
        let mut searcher = Searcher::new();
        for (end, _) in query.char_indices().skip(1).chain([(query.len(), ' ')]) {
            let part = &query[..end];
            prop_assert_eq!(searcher.search(&index, part), &index.search(part)[..]);
        }
    }
}

#[test]
fn edits_inside_a_word_give_fresh_results() {
    let archive = archive();
    let index = SearchIndex::new(&archive.posts);
    let mut searcher = Searcher::new();
    for query in ["drout", "dropout", "drop", "drp", "dropout t", "dr t"] {
        assert_eq!(
            searcher.search(&index, query),
            &index.search(query)[..],
            "{query}"
        );
    }
    assert!(!index.search("dropout").is_empty());
}
