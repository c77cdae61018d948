//! Handouts a supervisor can hand out (issue 12): the title block, the
//! options, multi-line notes and the attribution, checked by parsing the
//! Markdown with pulldown-cmark rather than by eye; the HTML page; and the
//! reference formats of `bookmarks export` and `show`.

use std::path::Path;

#[path = "common/cli.rs"]
#[allow(dead_code)]
mod common_cli;

use common_cli::{data_dir_with, ok_in as ok, pprnet_in as pprnet};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

const SESSION: &str = "Supervision 2026-12-03";
const QUALITIES: &str = "2023-11-therapist-qualities-that-lead-to-treatment-failure-or-termination";
const FEEDBACK: &str =
    "2022-10-progress-feedback-narrow-the-gap-between-more-and-less-effective-therapists";
const SKILLS: &str = "2022-06-therapist-facilitative-interpersonal-skills";

/// Two bookmarks in the session: one discussed with a three-line note that
/// tries HTML, one not yet discussed.
const BOOKMARKS: &str = r#"(
  version: 1,
  bookmarks: [
    (
      post: "2023-11-therapist-qualities-that-lead-to-treatment-failure-or-termination",
      session: Some("Supervision 2026-12-03"),
      note: "Ask about ruptures.\nWhich patients left <b>and</b> why?\nPRIVATE: client R. in week 3",
      created: "2026-11-30T10:00:00.000Z",
      discussed: true,
    ),
    (
      post: "2022-10-progress-feedback-narrow-the-gap-between-more-and-less-effective-therapists",
      session: Some("Supervision 2026-12-03"),
      note: "ROM pilot? <!-- hidden -->",
      created: "2026-11-30T10:01:00.000Z",
      discussed: false,
    ),
    (
      post: "2022-06-therapist-facilitative-interpersonal-skills",
      session: Some("Another day"),
      note: "",
      created: "2026-11-30T10:02:00.000Z",
      discussed: false,
    ),
  ],
)
"#;

fn data_dir() -> tempfile::TempDir {
    data_dir_with(BOOKMARKS)
}

fn export(data: &Path, extra: &[&str]) -> String {
    let mut args = vec!["bookmarks", "export", "--session", SESSION];
    args.extend_from_slice(extra);
    ok(data, &args)
}

fn events(markdown: &str) -> Vec<Event<'_>> {
    Parser::new_ext(markdown, Options::ENABLE_YAML_STYLE_METADATA_BLOCKS).collect()
}

/// The text of the document as a reader sees it (soft and hard breaks as
/// spaces and newlines).
fn visible_text(markdown: &str) -> String {
    let mut text = String::new();
    for event in events(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak => text.push(' '),
            Event::HardBreak => text.push('\n'),
            Event::End(_) => text.push('\n'),
            _ => {}
        }
    }
    text
}

#[test]
fn markdown_has_a_title_block_and_no_stray_html() {
    let data = data_dir();
    let markdown = export(data.path(), &[]);
    let events = events(&markdown);
    assert!(
        matches!(events[0], Event::Start(Tag::MetadataBlock(_))),
        "{markdown}"
    );
    let metadata = match &events[1] {
        Event::Text(text) => text.to_string(),
        other => panic!("{other:?}"),
    };
    assert!(
        metadata.contains(&format!("title: \"{SESSION}\"")),
        "{metadata}"
    );
    assert!(metadata.contains("subtitle: \"Prepared with pprnet\""));
    let date = metadata.lines().find(|l| l.starts_with("date: ")).unwrap();
    assert_eq!(date.len(), "date: \"2026-12-01\"".len(), "{date}");
    assert!(matches!(events[2], Event::End(TagEnd::MetadataBlock(_))));
    let html: Vec<&Event> = events
        .iter()
        .filter(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
        .collect();
    assert!(html.is_empty(), "raw HTML in the handout: {html:?}");
    // The notes' angle brackets show as typed.
    let text = visible_text(&markdown);
    assert!(
        text.contains("Which patients left <b>and</b> why?"),
        "{text}"
    );
    assert!(text.contains("ROM pilot? <!-- hidden -->"), "{text}");
}

#[test]
fn a_three_line_note_keeps_its_lines_with_backslash_breaks() {
    let data = data_dir();
    let markdown = export(data.path(), &[]);
    assert!(markdown.contains("> **Note:** Ask about ruptures.\\\n> Which patients left"));
    assert!(
        !markdown.lines().any(|l| l.ends_with("  ")),
        "trailing spaces"
    );
    let events = events(&markdown);
    let start = events
        .iter()
        .position(|e| matches!(e, Event::Start(Tag::BlockQuote(_))))
        .unwrap();
    let end = start
        + events[start..]
            .iter()
            .position(|e| matches!(e, Event::End(TagEnd::BlockQuote(_))))
            .unwrap();
    let quote = &events[start..end];
    let breaks = quote
        .iter()
        .filter(|e| matches!(e, Event::HardBreak))
        .count();
    assert_eq!(breaks, 2, "{quote:?}");
    let paragraphs = quote
        .iter()
        .filter(|e| matches!(e, Event::Start(Tag::Paragraph)))
        .count();
    assert_eq!(paragraphs, 1);
    assert!(
        !visible_text(&markdown).contains('\\'),
        "a backslash shows in the text"
    );
}

#[test]
fn each_option_changes_what_the_handout_holds() {
    let data = data_dir();
    let d = data.path();
    let plain = visible_text(&export(d, &[]));
    assert!(plain.contains("PRIVATE: client R."));
    assert!(plain.contains("Practice Implications"));
    assert!(!plain.contains("Summary"));
    assert!(plain.contains("Therapist Qualities") && plain.contains("Progress Feedback"));
    assert!(!plain.contains("Facilitative"), "another session leaked in");
    // The summary, under its own heading.
    let with_summary = visible_text(&export(d, &["--with-summary"]));
    assert!(with_summary.contains("Summary\n"));
    assert!(with_summary.contains("Research indicates that about 14% of patients"));
    // No notes: the private words stay home.
    let no_notes = visible_text(&export(d, &["--no-notes"]));
    assert!(!no_notes.contains("PRIVATE") && !no_notes.contains("Note:"));
    assert!(no_notes.contains("Practice Implications"));
    // Discussed or not.
    let discussed = visible_text(&export(d, &["--discussed"]));
    assert!(discussed.contains("Therapist Qualities") && !discussed.contains("Progress Feedback"));
    let undiscussed = visible_text(&export(d, &["--undiscussed"]));
    assert!(
        !undiscussed.contains("Therapist Qualities") && undiscussed.contains("Progress Feedback")
    );
    // Both at once is a usage error.
    let both = pprnet(d, &["bookmarks", "export", "--discussed", "--undiscussed"]);
    assert_eq!(both.status.code(), Some(2));
    // Nothing left to export is an error naming why.
    let none = pprnet(
        d,
        &[
            "bookmarks",
            "export",
            "--session",
            "Another day",
            "--discussed",
        ],
    );
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("no discussed bookmarks in session"));
}

#[test]
fn every_format_ends_with_the_attribution() {
    let data = data_dir();
    for format in ["markdown", "text", "html"] {
        let handout = export(data.path(), &["--format", format]);
        let lines: Vec<&str> = handout.lines().collect();
        let tail = lines[lines.len().saturating_sub(8)..]
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for needed in [
            "PPRNet blog",
            "Dr. Giorgio Tasca",
            "Practice Implications",
            "https://socialsciences.uottawa.ca/pprnet/blog",
        ] {
            assert!(
                tail.contains(needed),
                "{format}: {needed} missing from {tail}"
            );
        }
        assert!(handout.contains("Prepared with pprnet"), "{format}");
        assert!(handout.contains("November 2023"), "{format}");
        assert!(
            handout.contains("https://doi.org/10.1037/pst0000503"),
            "{format}"
        );
    }
}

#[test]
fn html_is_a_standalone_page_that_escapes_everything_and_prints_well() {
    let data = data_dir();
    let html = export(data.path(), &["--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.trim_end().ends_with("</html>"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("@media print"));
    assert!(!html.contains("<script") && !html.contains("<link") && !html.contains("src="));
    assert!(html.contains("Which patients left &lt;b&gt;and&lt;/b&gt; why?"));
    assert!(html.contains("ROM pilot? &lt;!-- hidden --&gt;"));
    assert!(!html.contains("<b>") && !html.contains("<!--"));
    // The three-line note keeps its lines.
    assert!(html.contains("Ask about ruptures.<br>\nWhich patients"));
    assert!(html.contains(
        "<a href=\"https://doi.org/10.1037/pst0000503\">https://doi.org/10.1037/pst0000503</a>"
    ));
    // Tags balance.
    for tag in ["section", "article", "blockquote", "p", "h3", "div"] {
        let open =
            html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        let close = html.matches(&format!("</{tag}>")).count();
        assert_eq!(open, close, "<{tag}>");
    }
}

#[test]
fn bookmarks_export_references_for_a_reference_manager() {
    let data = data_dir();
    let d = data.path();
    let bib = ok(
        d,
        &[
            "bookmarks",
            "export",
            "--session",
            SESSION,
            "--format",
            "bibtex",
        ],
    );
    assert!(
        bib.starts_with("@article{alfonsson2023psychotherapist,\n"),
        "{bib}"
    );
    assert!(bib.contains("@article{delgadillo2022progress,"));
    assert!(!bib.contains("wampold"), "another session leaked in");
    let ris = ok(
        d,
        &["bookmarks", "export", "--format", "ris", "--undiscussed"],
    );
    assert_eq!(ris.matches("TY  - ").count(), 2, "{ris}");
    assert!(ris.contains("AU  - Delgadillo, J.") && ris.contains("AU  - Wampold, B."));
    let csl = ok(d, &["bookmarks", "export", "--format", "csl-json"]);
    let items: Vec<serde_json::Value> = serde_json::from_str(&csl).unwrap();
    assert_eq!(items.len(), 3);
    let alfonsson = items
        .iter()
        .find(|i| i["id"] == "alfonsson2023psychotherapist")
        .unwrap();
    assert_eq!(alfonsson["author"][1]["family"], "Fagernäs");
    // Handout-only options are refused for references.
    let refused = pprnet(d, &["bookmarks", "export", "--format", "ris", "--no-notes"]);
    assert_eq!(refused.status.code(), Some(2));
    // Written to a file, it says how many references.
    let file = d.join("refs.bib");
    let said = ok(
        d,
        &[
            "bookmarks",
            "export",
            "--format",
            "bibtex",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert!(
        said.starts_with("wrote 3 reference(s) of every session to "),
        "{said}"
    );
    assert_eq!(
        std::fs::read_to_string(&file)
            .unwrap()
            .matches("\n@")
            .count()
            + 1,
        3
    );
}

#[test]
fn show_prints_a_posts_references_and_json() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let bib = ok(d, &["show", "2023-11", "--format", "bibtex"]);
    assert!(
        bib.contains("author = {Alfonsson, S. and Fagern{\\\"a}s, S. and"),
        "{bib}"
    );
    assert!(bib.contains("doi = {10.1037/pst0000503}"));
    let ris = ok(d, &["show", FEEDBACK, "--format", "ris"]);
    assert!(ris.starts_with("TY  - JOUR\n"));
    assert!(ris.contains("VL  - 90\nSP  - 559\nEP  - 567\n"), "{ris}");
    let csl: Vec<serde_json::Value> =
        serde_json::from_str(&ok(d, &["show", SKILLS, "--format", "csl-json"])).unwrap();
    assert_eq!(csl[0]["type"], "chapter");
    assert_eq!(csl[0]["edition"], "7th ed.");
    let json: serde_json::Value =
        serde_json::from_str(&ok(d, &["show", QUALITIES, "--json"])).unwrap();
    assert_eq!(json["id"], QUALITIES);
    assert_eq!(json["month"], "2023-11");
    assert!(
        json["summary"][0]
            .as_str()
            .unwrap()
            .starts_with("Research indicates")
    );
    assert!(
        json["citations"][0]
            .as_str()
            .unwrap()
            .starts_with("Alfonsson")
    );
    let text = ok(d, &["show", QUALITIES]);
    assert!(text.starts_with("Therapist Qualities"));
}
