//! Tests of the whole engine: rankings on the bundled archive, the index
//! agreeing with a plain reading of each post ([`explain`]), incremental
//! searching, highlights, typos, folding, pasted citations, phrases, fields,
//! and any Unicode at all (property tests).

use proptest::prelude::*;

use super::*;
use crate::archive::{Archive, Citation, Month, Post, bundled};

fn archive() -> Archive {
    bundled().expect("the bundled archive loads")
}

/// The hits of `query` worked out post by post from the text ([`explain`]),
/// ranked by the rules: score, then newest month, then list order.
fn reference(posts: &[Post], query: &str) -> Vec<Hit> {
    let query = Query::parse(query);
    if query.is_empty() {
        return (0..posts.len())
            .map(|post| Hit { post, score: 0 })
            .collect();
    }
    if !query.can_match() {
        return Vec::new();
    }
    let mut hits: Vec<Hit> = posts
        .iter()
        .enumerate()
        .filter_map(|(post, p)| {
            explain(&query, p).map(|e| Hit {
                post,
                score: e.score,
            })
        })
        .collect();
    if !query.words().is_empty() {
        hits.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then(posts[b.post].month.cmp(&posts[a.post].month))
                .then(a.post.cmp(&b.post))
        });
    }
    hits
}

/// The hits of `query`, checking on the way that the index, the reference
/// and an incremental searcher (fed the query one char at a time) agree.
fn checked(posts: &[Post], index: &SearchIndex, query: &str) -> Vec<Hit> {
    let hits = index.search(posts, query);
    assert_eq!(
        hits,
        reference(posts, query),
        "index vs reference: {query:?}"
    );
    let mut searcher = Searcher::new();
    for (end, _) in query.char_indices().skip(1) {
        searcher.search(index, posts, &query[..end]);
    }
    assert_eq!(
        searcher.search(index, posts, query),
        &hits[..],
        "typed: {query:?}"
    );
    hits
}

/// The ids of the posts `query` finds, best first (checked as [`checked`]).
fn ids(archive: &Archive, query: &str) -> Vec<String> {
    let index = SearchIndex::new(&archive.posts);
    checked(&archive.posts, &index, query)
        .iter()
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
    for query in ["xqzv", "zebra", "alliance zebra", "qqqqqqqq"] {
        assert!(ids(&archive, query).is_empty(), "{query}");
    }
}

#[test]
fn symbol_only_tokens_change_nothing() {
    let archive = archive();
    let all = ids(&archive, "");
    for symbols in ["🙂", "-", "&", "=", ". , ;", "— …", "K."] {
        assert_eq!(ids(&archive, symbols), all, "{symbols:?}");
    }
    for query in [
        "therapist",
        "rupture repair",
        "alfonsson tyrberg",
        "thrpst empthy",
    ] {
        let plain = ids(&archive, query);
        assert!(!plain.is_empty(), "{query}");
        for symbols in ["&", "=", "-", "🙂", ",", "·", "+"] {
            let with = query.replace(' ', &format!(" {symbols} "));
            assert_eq!(ids(&archive, &with), plain, "{with:?}");
            assert_eq!(ids(&archive, &format!("{query} {symbols}")), plain);
            assert_eq!(ids(&archive, &format!("{symbols} {query}")), plain);
        }
    }
    assert_eq!(ids(&archive, "d = .50"), ids(&archive, "d 50"));
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
    let hits = index.search(&archive.posts, "t");
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
        let hits = index.search(&archive.posts, query);
        assert_eq!(hits.len(), archive.posts.len());
        assert!(
            hits.iter()
                .enumerate()
                .all(|(i, h)| h.post == i && h.score == 0)
        );
        assert_eq!(reference(&archive.posts, query), hits);
    }
    assert!(SearchIndex::new(&[]).search(&[], "x").is_empty());
    assert!(SearchIndex::new(&[]).search(&[], "").is_empty());
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
    let posts = &archive.posts;
    let mut searcher = Searcher::new();
    searcher.search(&one, posts, "t");
    assert_eq!(
        searcher.search(&two, &posts[..2], "th"),
        &two.search(&posts[..2], "th")[..]
    );
    assert_eq!(
        searcher.search(&one, posts, "th"),
        &one.search(posts, "th")[..]
    );
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
    "\"",
    "“",
    "author:therapist",
    "author:fagernäs",
    "topic:empathy",
    "type:oth",
    "year:2020..2024",
    "2019",
    "doi:10.1037",
    "note:x",
    "&",
    "K.",
    "emphaty",
    "therapsit",
    "Müller",
    "mueller",
    "Østergaard",
    "ostergaard",
    "Straße",
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
        cited in proptest::option::of(2015u16..2025),
        doi in proptest::option::of("10\\.10[0-9]{2}/[a-z]{2}[0-9]{3}"),
    ) -> Post {
        Post {
            id: format!("{year}-{month:02}-{}", title.len()),
            month: Month::new(year, month).expect("a valid month"),
            title,
            citations: vec![Citation { raw, authors, year: cited, doi }],
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
        let hits = index.search(&posts, &query);
        prop_assert_eq!(&hits, &reference(&posts, &query));
        let mut searcher = Searcher::new();
        for (end, _) in query.char_indices() {
            searcher.search(&index, &posts, &query[..end]);
        }
        prop_assert_eq!(searcher.search(&index, &posts, &query), &hits[..]);
        let parsed = Query::parse(&query);
        for hit in &hits {
            prop_assert!(hit.post < posts.len());
            let marked = highlights(&parsed, &posts[hit.post]);
            prop_assert!(parsed.words().is_empty() || !marked.is_empty());
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
            prop_assert_eq!(
                searcher.search(&index, &archive.posts, query),
                &index.search(&archive.posts, query)[..]
            );
        }
    }

    #[test]
    fn growing_queries_give_fresh_results(query in "[a-z ]{0,12}") {
        let archive = archive();
        let index = SearchIndex::new(&archive.posts);
        let mut searcher = Searcher::new();
        for (end, _) in query.char_indices().skip(1).chain([(query.len(), ' ')]) {
            let part = &query[..end];
            prop_assert_eq!(
                searcher.search(&index, &archive.posts, part),
                &index.search(&archive.posts, part)[..]
            );
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
            searcher.search(&index, &archive.posts, query),
            &index.search(&archive.posts, query)[..],
            "{query}"
        );
    }
    assert!(!index.search(&archive.posts, "dropout").is_empty());
}

/// Every folded word of the posts' fields, with the posts it is in.
fn vocabulary(
    posts: &[Post],
) -> std::collections::BTreeMap<String, std::collections::BTreeSet<usize>> {
    let mut words: std::collections::BTreeMap<String, std::collections::BTreeSet<usize>> =
        Default::default();
    let mut tokenizer = super::tokens::Tokenizer::default();
    for (p, post) in posts.iter().enumerate() {
        for (_, text) in post.fields() {
            tokenizer.for_each(text, |t| {
                if !t.compound {
                    words.entry(t.text.to_string()).or_default().insert(p);
                }
            });
        }
    }
    words
}

#[test]
fn every_word_with_one_adjacent_transposition_finds_its_posts() {
    let archive = archive();
    let index = SearchIndex::new(&archive.posts);
    let mut tried = 0;
    for (word, posts) in vocabulary(&archive.posts) {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() < 4 || !chars.iter().all(|c| c.is_alphabetic()) {
            continue;
        }
        // Every adjacent pair that differs, swapped in turn.
        for at in 0..chars.len() - 1 {
            if chars[at] == chars[at + 1] {
                continue;
            }
            let mut swapped = chars.clone();
            swapped.swap(at, at + 1);
            let query: String = swapped.into_iter().collect();
            let found: std::collections::BTreeSet<usize> = index
                .search(&archive.posts, &query)
                .iter()
                .map(|h| h.post)
                .collect();
            assert!(
                posts.is_subset(&found),
                "{query:?} (for {word:?}) misses some of {posts:?}"
            );
            tried += 1;
        }
    }
    assert!(tried > 4_000, "{tried} transpositions");
}

#[test]
fn a_typo_ranks_below_exact_prefix_and_fuzzy_matches() {
    let archive = archive();
    // "emphaty" is a typo of "empathy" only.
    let typo = ids(&archive, "emphaty");
    assert_eq!(
        typo,
        ids(&archive, "empathy"),
        "the same posts, as every match is a typo"
    );
    let index = SearchIndex::new(&archive.posts);
    let best = index.search(&archive.posts, "empathy")[0];
    let typo_best = index.search(&archive.posts, "emphaty")[0];
    assert!(typo_best.score < best.score);
    let why = explain(&Query::parse("emphaty"), &archive.posts[typo_best.post]).unwrap();
    assert_eq!(why.words[0].kind, MatchKind::Typo);
    assert_eq!(why.words[0].word, "empathy");
}

/// A post made for a test: title, authors, topic, research type, month,
/// citation year, DOI.
type Made<'a> = (
    &'a str,
    &'a [&'a str],
    &'a str,
    &'a str,
    (u16, u8),
    Option<u16>,
    Option<&'a str>,
);

fn made(specs: &[Made<'_>]) -> Vec<Post> {
    specs
        .iter()
        .enumerate()
        .map(
            |(i, &(title, authors, topic, kind, (year, month), cited, doi))| Post {
                id: format!("{year}-{month:02}-post-{i}"),
                month: Month::new(year, month).expect("a valid month"),
                title: title.to_string(),
                citations: vec![Citation {
                    raw: format!(
                        "{}. ({}). {title}. Journal.",
                        authors.join(", "),
                        cited.unwrap_or(year)
                    ),
                    authors: authors.iter().map(|a| a.to_string()).collect(),
                    year: cited,
                    doi: doi.map(str::to_string),
                }],
                summary: vec![format!("About {title}.")],
                implications: Vec::new(),
                topics: vec![topic.to_string()],
                research_type: kind.to_string(),
                suggested: Default::default(),
                source: Default::default(),
            },
        )
        .collect()
}

/// Posts that differ in their titles only.
fn titled(titles: &[&str]) -> Vec<Post> {
    let specs: Vec<Made<'_>> = titles
        .iter()
        .map(|&title| (title, &["A, B."][..], "X", "Other", (2023, 1), None, None))
        .collect();
    made(&specs)
}

fn found(posts: &[Post], query: &str) -> Vec<usize> {
    let index = SearchIndex::new(posts);
    let mut out: Vec<usize> = checked(posts, &index, query)
        .iter()
        .map(|h| h.post)
        .collect();
    out.sort_unstable();
    out
}

#[test]
fn folding_table() {
    let posts = made(&[
        (
            "Alliance in Denmark",
            &["Østergaard, L."],
            "Alliance",
            "Quantitative",
            (2023, 1),
            Some(2022),
            None,
        ),
        (
            "Dynamic psychotherapy",
            &["Høglend, P."],
            "Technique",
            "Qualitative",
            (2022, 5),
            Some(2021),
            None,
        ),
        (
            "Training on the Straße",
            &["Müller, K."],
            "Training",
            "Other",
            (2021, 3),
            Some(2020),
            None,
        ),
        (
            "Æsthetics of łódź",
            &["Đorđević, A."],
            "Other",
            "Other",
            (2020, 2),
            None,
            None,
        ),
        (
            "Nuñez and the Kühn effect",
            &["Nuñez, P."],
            "Other",
            "Other",
            (2020, 2),
            None,
            None,
        ),
    ]);
    for (query, post) in [
        ("ostergaard", 0),
        ("Østergaard", 0),
        ("OSTERGAARD", 0),
        ("hoglend", 1),
        ("høglend", 1),
        ("strasse", 2),
        ("straße", 2),
        ("STRASSE", 2),
        ("muller", 2),
        ("mueller", 2),
        ("Müller", 2),
        ("aesthetics", 3),
        ("lodz", 3),
        ("dordevic", 3),
        ("nunez", 4),
        ("kuhn", 4),
        ("kuehn", 4),
    ] {
        assert_eq!(found(&posts, query), [post], "{query}");
    }
    // The ids keep the old fold.
    assert_eq!(
        crate::text::slug("Østergaard Straße", 80),
        "stergaard-stra-e"
    );
}

#[test]
fn phrases_need_their_words_adjacent_and_in_order() {
    let posts = titled(&[
        "Therapist effects matter",
        "Effects of the therapist",
        "The therapist, effects and more",
    ]);
    assert_eq!(found(&posts, "therapist effects"), [0, 1, 2]);
    assert_eq!(
        found(&posts, "\"therapist effects\""),
        [0, 2],
        "punctuation between is fine"
    );
    assert_eq!(found(&posts, "\"effects therapist\""), Vec::<usize>::new());
    assert_eq!(found(&posts, "\"effects of the therapist\""), [1]);
    assert_eq!(found(&posts, "“effects of the”"), [1]);
    assert_eq!(found(&posts, "\"therapist effects\" matter"), [0]);
    assert_eq!(
        found(&posts, "\"thrpst efects"),
        [0, 2],
        "fuzzy, typo, open quote"
    );
}

#[test]
fn field_prefixes_narrow_what_a_word_matches() {
    let posts = made(&[
        (
            "Empathy and Miller",
            &["Smith, J."],
            "Empathy",
            "Quantitative",
            (2023, 11),
            Some(2022),
            Some("10.1037/pst0000503"),
        ),
        (
            "Alliance",
            &["Miller, S."],
            "Alliance",
            "Qualitative",
            (2021, 4),
            Some(2020),
            Some("10.1080/10503307.2020.1"),
        ),
        (
            "Ruptures",
            &["Jones, A."],
            "Empathy and Alliance",
            "Meta-Analysis",
            (2019, 2),
            None,
            None,
        ),
    ]);
    assert_eq!(found(&posts, "miller"), [0, 1]);
    assert_eq!(found(&posts, "author:miller"), [1]);
    assert_eq!(found(&posts, "AUTHOR:Miler"), [1], "typos in fields too");
    assert_eq!(found(&posts, "topic:empathy"), [0, 2]);
    assert_eq!(found(&posts, "topic:alliance author:jones"), [2]);
    assert_eq!(found(&posts, "type:qual"), [1]);
    assert_eq!(found(&posts, "type:meta"), [2]);
    assert_eq!(found(&posts, "type:analysis"), [2]);
    assert_eq!(found(&posts, "year:2023"), [0]);
    assert_eq!(found(&posts, "2022"), [0], "a cited year counts");
    assert_eq!(found(&posts, "2019..2021"), [1, 2]);
    assert_eq!(found(&posts, "2021..2019 alliance"), [1, 2]);
    assert_eq!(found(&posts, "year:2024"), Vec::<usize>::new());
    assert_eq!(found(&posts, "doi:10.1037/pst0000503"), [0]);
    assert_eq!(found(&posts, "doi:https://doi.org/10.1080/10503307"), [1]);
    assert_eq!(found(&posts, "doi:10.1"), [0, 1]);
    // Unknown prefixes are plain words.
    assert_eq!(
        found(&posts, "note:alliance"),
        found(&posts, "note alliance")
    );
    assert_eq!(found(&posts, "subject:empathy"), Vec::<usize>::new());
    assert_eq!(found(&posts, "ruptures:"), [2]);
    // Filters alone list the posts that pass, in archive order.
    let index = SearchIndex::new(&posts);
    let hits = index.search(&posts, "2019..2023");
    assert_eq!(hits.iter().map(|h| h.post).collect::<Vec<_>>(), [0, 1, 2]);
    assert!(hits.iter().all(|h| h.score == 0));
}

#[test]
fn a_pasted_citation_finds_its_post_first() {
    let archive = archive();
    let index = SearchIndex::new(&archive.posts);
    let mut pasted = 0;
    for post in &archive.posts {
        for citation in &post.citations {
            let hits = checked(&archive.posts, &index, &citation.raw);
            let first = &archive.posts[hits.first().expect("found").post];
            assert!(
                first.citations.iter().any(|c| c.raw == citation.raw),
                "{:?} finds {} first, not {}",
                citation.raw,
                first.id,
                post.id
            );
            // Its author list, as APA writes it.
            let authors = match citation.authors.as_slice() {
                [] => continue,
                [one] => one.clone(),
                [rest @ .., last] => format!("{}, & {last}", rest.join(", ")),
            };
            let hits = index.search(&archive.posts, &authors);
            let first = &archive.posts[hits.first().expect("found").post];
            assert!(
                citation
                    .authors
                    .iter()
                    .all(|a| first.authors().any(|b| b == a)),
                "{authors:?} finds {} first",
                first.id
            );
            pasted += 1;
        }
    }
    assert!(pasted >= archive.posts.len());
}

#[test]
fn the_issue_examples_find_their_posts() {
    let archive = archive();
    for query in [
        "Alfonsson & Tyrberg",
        "rupture & repair",
        "Fagernäs, S., Sjöstrand, G., & Tyrberg, M. J.",
        "emphaty",
        "thrpst empthy",
    ] {
        assert!(!ids(&archive, query).is_empty(), "{query}");
    }
}

#[test]
fn explanations_add_up_to_the_score() {
    let archive = archive();
    let index = SearchIndex::new(&archive.posts);
    let query = "thrpst emphaty author:fagernas 2023";
    let parsed = Query::parse(query);
    let hits = index.search(&archive.posts, query);
    assert!(!hits.is_empty());
    for hit in hits {
        let why = explain(&parsed, &archive.posts[hit.post]).expect("a hit is explained");
        assert_eq!(why.score, hit.score);
        assert_eq!(why.words.len(), 3);
        assert_eq!(why.words[2].class, "author");
        assert!(why.checks.iter().any(|c| c.starts_with("year 2023")));
    }
}

#[test]
fn a_year_alone_also_finds_posts_that_mention_it() {
    let mut posts = made(&[
        (
            "Alliance",
            &["A, B."],
            "X",
            "Other",
            (2023, 1),
            Some(2022),
            None,
        ),
        (
            "Ruptures",
            &["C, D."],
            "X",
            "Other",
            (2021, 1),
            Some(2020),
            None,
        ),
    ]);
    posts[1].summary = vec!["Since the 2019 review (Eubanks et al., 2018), ...".into()];
    assert_eq!(found(&posts, "2019"), [1]);
    assert_eq!(found(&posts, "2017..2018"), [1]);
    assert_eq!(found(&posts, "year:2019"), Vec::<usize>::new());
    assert_eq!(found(&posts, "year:2020"), [1]);
    let why = explain(&Query::parse("2019"), &posts[1]).unwrap();
    assert_eq!(why.checks, ["year 2019: mentions 2019"]);
}

#[test]
fn a_long_pasted_query_stays_exact_while_typed_further() {
    let archive = archive();
    let index = SearchIndex::new(&archive.posts);
    let posts = &archive.posts;
    // All the summaries of one post: every word is in it.
    let pasted = posts[0].summary.join(" ");
    assert!(pasted.split_whitespace().count() > 200);
    let mut searcher = Searcher::new();
    let hits = searcher.search(&index, posts, &pasted).to_vec();
    assert_eq!(hits, index.search(posts, &pasted));
    assert_eq!(hits, reference(posts, &pasted));
    assert!(hits.iter().any(|h| h.post == 0));
    let mut query = pasted.clone();
    for c in " thrpst emphaty \"the".chars() {
        query.push(c);
        assert_eq!(
            searcher.search(&index, posts, &query),
            &index.search(posts, &query)[..],
            "{c:?}"
        );
    }
    while query.len() > pasted.len() - 12 {
        query.pop();
        assert_eq!(
            searcher.search(&index, posts, &query),
            &index.search(posts, &query)[..]
        );
    }
}
