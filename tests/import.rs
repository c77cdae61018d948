//! The page importer and merging, on the real source page and on test pages
//! that show each variation of the blog's pages.

use pprnet::archive::import::{self, ImportedPage, PageError};
use pprnet::archive::merge::{archive_from_page, merge};
use pprnet::archive::{self, Post};

fn page(name: &str) -> (ImportedPage, Vec<import::Warning>) {
    let bytes = std::fs::read(format!("tests/pages/{name}")).unwrap();
    import::parse_page(import::decode(&bytes).unwrap()).unwrap()
}

fn titles(posts: &[Post]) -> Vec<&str> {
    posts.iter().map(|p| p.title.as_str()).collect()
}

#[test]
fn reimporting_the_source_page_reproduces_the_bundled_posts() {
    let bundled = archive::bundled().unwrap();
    let bytes = std::fs::read("data/source/pprnet-blog-page.txt").unwrap();
    let (imported, warnings) = import::parse_page(import::decode(&bytes).unwrap()).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(imported.posts.len(), bundled.posts.len());
    for (fresh, kept) in imported.posts.iter().zip(&bundled.posts) {
        assert_eq!(fresh.id, kept.id);
        assert!(
            fresh.same_text(kept),
            "{} differs from the bundled copy",
            fresh.id
        );
    }
    assert_eq!(imported.header, bundled.header);
    assert_eq!(imported.topics, bundled.topics);
}

#[test]
fn the_source_page_has_36_topics_and_verbatim_text() {
    let bundled = archive::bundled().unwrap();
    assert_eq!(bundled.topics.len(), 36);
    assert_eq!(bundled.topics[0], "Adherance");
    let post = bundled
        .post("2023-11-therapist-qualities-that-lead-to-treatment-failure-or-termination")
        .unwrap();
    assert_eq!(post.citations[0].doi.as_deref(), Some("10.1037/pst0000503"));
    assert!(
        post.summary[0].contains("patient’s situation"),
        "curly quotes are kept"
    );
    let progress = bundled
        .post("2022-10-progress-feedback-narrow-the-gap-between-more-and-less-effective-therapists")
        .unwrap();
    assert_eq!(progress.citations[0].authors.len(), 6);
    assert!(
        progress.citations[0]
            .authors
            .contains(&"Kleinstäuber, M.".to_string())
    );
}

#[test]
fn every_variation_of_the_page_imports() {
    let (page, warnings) = page("variations.txt");
    assert_eq!(
        titles(&page.posts),
        [
            "A Repeated Title Post",
            "A Post Without Any Citation",
            "Two Articles in One Post",
            "No Implications Here",
            "Last Post of the Page",
        ]
    );
    assert_eq!(
        page.header.intro,
        ["An invented intro paragraph for testing the importer."]
    );
    assert_eq!(
        page.header.this_month,
        ["…I blog about something else entirely this time."]
    );
    assert_eq!(page.topics, ["Empathy", "Termination", "Training"]);

    let repeated = &page.posts[0];
    assert_eq!(repeated.id, "2024-03-a-repeated-title-post");
    assert_eq!(repeated.summary.len(), 2);
    assert_eq!(repeated.implications.len(), 2);
    assert_eq!(
        repeated.citations[0].doi.as_deref(),
        Some("10.1000/rep.2024.1")
    );

    let uncited = &page.posts[1];
    assert!(uncited.citations.is_empty());
    assert_eq!(uncited.summary.len(), 1);
    assert_eq!(
        uncited.implications,
        ["Implications of the citation-less post."]
    );

    let two = &page.posts[2];
    assert_eq!(two.citations.len(), 2);
    assert_eq!(two.citations[1].authors, ["Østergaard, L.", "Núñez, P."]);
    assert_eq!(two.citations[1].doi.as_deref(), Some("10.1000/two.b"));

    let no_implications = &page.posts[3];
    assert_eq!(no_implications.month.to_string(), "2024-02");
    assert!(no_implications.implications.is_empty());
    assert_eq!(no_implications.summary.len(), 1);

    let messages: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("line 21:") && m.contains("no citation")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("line 32:") && m.contains("Practice Implications")),
        "{messages:?}"
    );
}

#[test]
fn crlf_line_endings_and_a_bom_import_like_plain_text() {
    let (plain, plain_warnings) = page("variations.txt");
    let (crlf, crlf_warnings) = page("crlf_bom.txt");
    assert_eq!(plain, crlf);
    assert_eq!(plain_warnings, crlf_warnings);
}

#[test]
fn binary_non_utf8_and_postless_pages_are_clear_errors() {
    let binary = std::fs::read("tests/pages/binary.txt").unwrap();
    assert_eq!(
        import::decode(&binary),
        Err(PageError::Binary { line: 5, column: 1 })
    );
    let latin1 = std::fs::read("tests/pages/latin1.txt").unwrap();
    assert_eq!(
        import::decode(&latin1),
        Err(PageError::NotUtf8 { line: 4, column: 4 })
    );
    let text = std::fs::read_to_string("tests/pages/no_posts.txt").unwrap();
    assert_eq!(import::parse_page(&text).unwrap_err(), PageError::NoPosts);
}

#[test]
fn merging_keeps_curated_fields_and_never_duplicates() {
    let bundled = archive::bundled().unwrap();
    let bytes = std::fs::read("data/source/pprnet-blog-page.txt").unwrap();
    let (again, _) = import::parse_page(import::decode(&bytes).unwrap()).unwrap();
    let (merged, report) = merge(bundled.clone(), again);
    assert_eq!(
        merged, bundled,
        "re-importing the same page changes nothing"
    );
    assert_eq!(report.unchanged.len(), 6);
    assert!(report.added.is_empty() && report.updated.is_empty());
}

#[test]
fn merging_matches_a_retitled_post_by_its_unique_doi() {
    let bundled = archive::bundled().unwrap();
    let text = std::fs::read_to_string("data/source/pprnet-blog-page.txt")
        .unwrap()
        .replace(
            "Therapist Qualities That Lead to Treatment Failure or Termination",
            "Therapist Qualities That Lead to Treatment Failure or Early Termination",
        );
    let (page, _) = import::parse_page(&text).unwrap();
    let (merged, report) = merge(bundled.clone(), page);
    assert_eq!(merged.posts.len(), 6);
    assert_eq!(
        report.updated,
        ["2023-11-therapist-qualities-that-lead-to-treatment-failure-or-termination"]
    );
    let post = &merged.posts[0];
    assert!(post.title.ends_with("Early Termination"));
    assert_eq!(
        post.topics, bundled.posts[0].topics,
        "curated topics survive"
    );
    assert_eq!(post.research_type, "Qualitative study");
}

#[test]
fn two_posts_about_one_chapter_stay_two_posts() {
    let bundled = archive::bundled().unwrap();
    let shared_doi: Vec<&Post> = bundled
        .posts
        .iter()
        .filter(|p| p.first_doi() == Some("10.1037/0000358-006"))
        .collect();
    assert_eq!(shared_doi.len(), 2);
    let (page, _) = page("variations.txt");
    let (merged, report) = merge(bundled.clone(), page);
    assert_eq!(report.added.len(), 5);
    assert_eq!(merged.posts.len(), 11);
    let months: Vec<String> = merged.posts.iter().map(|p| p.month.to_string()).collect();
    let mut sorted = months.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(months, sorted, "newest month first");
    assert_eq!(merged.topics.len(), 36, "the page's topics were all known");
}

#[test]
fn a_fresh_archive_from_a_page_is_valid_and_uncurated() {
    let (page, _) = page("variations.txt");
    let archive = archive_from_page(page);
    assert!(archive::load::validate(&archive, "").is_empty());
    assert!(
        archive
            .posts
            .iter()
            .all(|p| p.topics.is_empty() && p.research_type == "Other")
    );
    let reparsed = archive::parse(&archive::to_ron(&archive), "test").unwrap();
    assert_eq!(reparsed, archive);
}

#[test]
fn renamed_duplicate_ids_never_collide_with_another_posts_id() {
    let text = "Topics\n- ALL Topics (clear)\n- Empathy\nMarch 2024\n\
                Alpha\nSmith, A. (2024). One. J, 1, 1.\nSummary one.\n\
                Alpha\nSmith, A. (2024). Two. J, 1, 2.\nSummary two.\n\
                Alpha 2\nSmith, A. (2024). Three. J, 1, 3.\nSummary three.\n";
    let (page, warnings) = import::parse_page(text).unwrap();
    let ids: Vec<&str> = page.posts.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["2024-03-alpha", "2024-03-alpha-3", "2024-03-alpha-2"]);
    assert!(
        warnings
            .iter()
            .any(|w| w.message.contains("2024-03-alpha-3"))
    );
    let archive = pprnet::archive::merge::archive_from_page(page);
    assert!(pprnet::archive::load::validate(&archive, "").is_empty());
}
