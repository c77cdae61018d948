//! `pprnet search` against the real binary and the bundled archive: the
//! rankings a clinician relies on, the output formats, and odd queries.

#[path = "common/cli.rs"]
#[allow(dead_code)]
mod common_cli;

use common_cli::{POST_JSON_FIELDS, pprnet, stderr, stdout};

/// The lines of a successful search, each split at tabs.
fn search(query: &[&str]) -> Vec<Vec<String>> {
    let mut args = vec!["search"];
    args.extend(query);
    let output = pprnet(&args);
    assert!(output.status.success(), "{query:?}: {}", stderr(&output));
    assert_eq!(stderr(&output), "");
    stdout(&output)
        .lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn months(query: &[&str]) -> Vec<String> {
    search(query).into_iter().map(|f| f[1].clone()).collect()
}

#[test]
fn lines_are_id_month_title_best_match_first() {
    let lines = search(&["fagernas"]);
    assert_eq!(
        lines,
        [[
            "2023-11-therapist-qualities-that-lead-to-treatment-failure-or-termination",
            "2023-11",
            "Therapist Qualities That Lead to Treatment Failure or Termination",
        ]]
    );
}

#[test]
fn accents_and_case_do_not_matter() {
    assert_eq!(months(&["fagernas"]), ["2023-11"]);
    assert_eq!(months(&["FAGERNÄS"]), ["2023-11"]);
    assert_eq!(months(&["kleinstauber"]), ["2022-10"]);
    assert_eq!(months(&["Kleinstäuber"]), ["2022-10"]);
}

#[test]
fn an_author_finds_all_their_posts() {
    let lines = search(&["delgadillo"]);
    let ids: Vec<&str> = lines.iter().map(|f| f[0].as_str()).collect();
    assert_eq!(
        ids,
        [
            "2023-07-therapist-factors-related-to-patient-outcomes",
            "2022-10-progress-feedback-narrow-the-gap-between-more-and-less-effective-therapists",
        ]
    );
}

#[test]
fn remembered_words_give_ranked_results() {
    // Humility and ruptures are discussed in several posts' text.
    assert!(months(&["humility"]).len() >= 2);
    assert!(months(&["rupture"]).len() >= 2);
    // A title hit outranks newer posts that only mention the word.
    assert_eq!(months(&["skills"])[0], "2022-06");
    // Abbreviations and a missing letter: therapist and empathy.
    let lines = search(&["thrpst", "empthy"]);
    assert!(lines.len() >= 4);
    assert!(lines[0][2].contains("Therapist"));
    assert_eq!(search(&["thrpst empthy"]), lines, "one argument or two");
}

#[test]
fn words_no_post_contains_print_nothing() {
    for query in ["xqzv", "zebra", "alliance zebra", "qqqqqqqq", "year:1990"] {
        let output = pprnet(&["search", query]);
        assert!(output.status.success(), "{query}");
        assert_eq!(stdout(&output), "", "{query}");
        assert_eq!(stderr(&output), "", "{query}");
    }
}

#[test]
fn symbols_alone_are_no_query() {
    let all = search(&["2022..2023"]);
    assert!(all.len() > 2);
    assert_eq!(
        search(&["🙂"]).len(),
        all.len(),
        "a symbol alone lists every post"
    );
    assert_eq!(
        search(&["rupture", "&", "repair"]),
        search(&["rupture repair"])
    );
}

#[test]
fn explain_says_which_word_matched_where_and_how() {
    let output = pprnet(&["search", "--explain", "thrpst emphaty author:fagernas 2023"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("2023-11-"), "{text}");
    assert!(lines[1].starts_with("    score "), "{text}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("    \"thrpst\" matched \"therapist\" in the title (fuzzy, +")),
        "{text}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("    \"emphaty\" matched \"empathy\" in ")
                && l.contains("(typo, +")),
        "{text}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with(
            "    \"fagernas\" matched \"fagernas\" in an author of citation 1 (exact, +"
        )),
        "{text}"
    );
    assert!(lines.contains(&"    year 2023: posted 2023-11"), "{text}");

    let output = pprnet(&["search", "--explain", "--json", "emphaty"]);
    let items: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let first = &items[0];
    assert!(first["score"].as_i64().unwrap() > 0);
    let word = &first["explain"]["words"][0];
    assert_eq!(word["query"], "emphaty");
    assert_eq!(word["word"], "empathy");
    assert_eq!(word["how"], "typo");
    let plain = pprnet(&["search", "--json", "emphaty"]);
    let items: serde_json::Value = serde_json::from_str(&stdout(&plain)).unwrap();
    assert!(items[0].get("explain").is_none());
}

#[test]
fn limit_keeps_the_best() {
    let all = search(&["therapist"]);
    assert!(all.len() > 2);
    assert_eq!(search(&["therapist", "--limit", "2"]), all[..2]);
    let output = pprnet(&["search", "therapist", "--limit", "0"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn json_is_list_json_plus_score() {
    let output = pprnet(&["search", "delgadillo", "--json"]);
    assert!(output.status.success());
    let items: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 2);
    for item in items {
        for key in POST_JSON_FIELDS {
            assert!(item.get(key).is_some(), "{key} missing");
        }
        assert!(item["score"].as_i64().unwrap() > 0);
        assert!(
            item["authors"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a == "Delgadillo, J.")
        );
    }
    assert!(items[0]["score"].as_i64() >= items[1]["score"].as_i64());
    let none = pprnet(&["search", "xqzv", "--json"]);
    assert_eq!(stdout(&none).trim(), "[]");
}

#[test]
fn odd_queries_are_safe() {
    for query in [
        "\u{301}",
        "e\u{301}\u{301}\u{301}",
        "👩‍⚕️ 👨‍👩‍👧",
        "שלום עולם",
        "日本語",
        "\u{202e}alliance",
        "\u{7}\u{1b}[31m",
        "ﬁ ß İ",
        &"a".repeat(5000),
        "a b c d e f g h i j k l m n o p",
    ] {
        let output = pprnet(&["search", "--", query]);
        assert!(output.status.success(), "{query:?}: {}", stderr(&output));
        assert!(!stderr(&output).contains("panicked"));
    }
}

#[test]
fn mistakes_are_reported() {
    let output = pprnet(&["search"]);
    assert_eq!(output.status.code(), Some(2));
    let output = pprnet(&["--archive", "/nonexistent/archive.ron", "search", "x"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("/nonexistent/archive.ron"));
}

#[test]
fn another_archive_can_be_searched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("archive.ron");
    std::fs::write(&path, include_str!("../data/archive.ron")).unwrap();
    let output = pprnet(&[
        "--archive",
        path.to_str().unwrap(),
        "search",
        "kleinstauber",
    ]);
    assert!(output.status.success());
    assert!(stdout(&output).starts_with("2022-10-progress-feedback"));
}
