//! `pprnet curate` takes topic and research type names as a person types
//! them (issue 8): any case or accents, a unique prefix, and a "did you mean"
//! or the list of candidates otherwise.

#[path = "common/cli.rs"]
#[allow(dead_code)]
mod common_cli;

use common_cli::{ok_in as ok, pprnet_in as pprnet, stderr};

const POST: &str = "2022-06-therapist-facilitative-interpersonal-skills";

#[test]
fn unique_prefixes_in_any_case_name_the_topic_and_type() {
    let data = tempfile::tempdir().unwrap();
    let out = ok(
        data.path(),
        &[
            "curate",
            "2022-06",
            "--topic",
            "self-refl",
            "--topic",
            "EMPATH",
            "--type",
            "qual",
        ],
    );
    assert_eq!(
        out,
        format!(
            "{POST}: topics: Self-Reflection and Awareness, Empathy; research type: Qualitative study\n"
        )
    );
    let listed = ok(
        data.path(),
        &["list", "--topic", "Self-Reflection and Awareness"],
    );
    assert!(
        listed.lines().any(|l| l.starts_with(&format!("{POST}\t"))),
        "{listed}"
    );
}

#[test]
fn an_ambiguous_prefix_lists_the_names_and_a_typo_gets_a_suggestion() {
    let data = tempfile::tempdir().unwrap();
    let ambiguous = pprnet(data.path(), &["curate", "2022-06", "--topic", "tra"]);
    assert_eq!(ambiguous.status.code(), Some(2));
    assert_eq!(
        stderr(&ambiguous),
        "pprnet: topic \"tra\" is the start of 3 names: \"Training\", \
         \"Transference and Countertransference\", \"Trauma and/or PTSD\"; type more of it\n"
    );
    let typo = pprnet(
        data.path(),
        &["curate", "2022-06", "--type", "randomised trail"],
    );
    assert_eq!(typo.status.code(), Some(2));
    assert!(
        stderr(&typo).starts_with(
            "pprnet: unknown research type \"randomised trail\"; did you mean \"Randomized trial\"?"
        ),
        "{}",
        stderr(&typo)
    );
    let far = pprnet(data.path(), &["curate", "2022-06", "--type", "xyzzy"]);
    assert_eq!(far.status.code(), Some(2));
    assert!(
        stderr(&far).starts_with("pprnet: unknown research type \"xyzzy\". Known: \""),
        "{}",
        stderr(&far)
    );
    assert!(!data.path().join("library.ron").exists(), "nothing curated");
}
