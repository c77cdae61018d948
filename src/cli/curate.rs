//! `pprnet curate`: a person confirms or sets a post's topics and research
//! type; stored in the library, for bundled and imported posts alike.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::{UsageError, canonical, find_post};
use crate::archive::Archive;
use crate::library::{self, Tags};
use crate::text::fold;

/// Confirms (no `topics`, no `research_type`) or sets the tags of post `id`
/// of `archive` (bundled + library), in the library of `data_dir`.
pub fn run(
    archive: &Archive,
    data_dir: &Path,
    id: &str,
    topics: &[String],
    research_type: Option<&str>,
    out: &mut dyn Write,
) -> Result<()> {
    let post = find_post(archive, id)?;
    let topics: Vec<String> = if topics.is_empty() {
        post.topics.clone()
    } else {
        topics
            .iter()
            .map(|t| tag_name(&archive.topics, t, "topic").map(str::to_string))
            .collect::<Result<_>>()?
    };
    let research_type = match research_type {
        Some(r) => tag_name(&archive.research_types, r, "research type")?.to_string(),
        None => post.research_type.clone(),
    };
    let tags = Tags {
        topics: Some(topics.clone()),
        research_type: Some(research_type.clone()),
    };
    let id = post.id.clone();
    library::store::curate(data_dir, &id, tags)?;
    writeln!(
        out,
        "{id}: topics: {}; research type: {research_type}",
        if topics.is_empty() {
            "none".to_string()
        } else {
            topics.join(", ")
        }
    )?;
    Ok(())
}

/// The archive's spelling of the topic or research type `wanted` names: the
/// name itself or the one name it begins, compared without regard to case or
/// accents (`self-refl`, `META`). A prefix of several names is a usage error
/// listing them; anything else gets [`canonical`]'s "did you mean".
fn tag_name<'a>(names: &'a [String], wanted: &str, what: &str) -> Result<&'a str> {
    let folded = fold(wanted.trim());
    if folded.is_empty() || names.iter().any(|n| fold(n) == folded) {
        return canonical(names, wanted, what);
    }
    let starting: Vec<&String> = names
        .iter()
        .filter(|n| fold(n).starts_with(&folded))
        .collect();
    match starting.as_slice() {
        [] => canonical(names, wanted, what),
        [only] => Ok(only.as_str()),
        many => {
            let listed: Vec<String> = many.iter().map(|n| format!("{n:?}")).collect();
            Err(UsageError(format!(
                "{what} {wanted:?} is the start of {} names: {}; type more of it",
                many.len(),
                listed.join(", ")
            ))
            .into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        [
            "Empathy",
            "Termination",
            "Therapist Factors",
            "Training",
            "Éthique",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn names_unique_prefixes_and_any_case_or_accents_are_taken() {
        let names = names();
        for (wanted, name) in [
            ("empathy", "Empathy"),
            ("EMP", "Empathy"),
            ("  therapist ", "Therapist Factors"),
            ("tr", "Training"),
            ("ethi", "Éthique"),
        ] {
            assert_eq!(tag_name(&names, wanted, "topic").unwrap(), name, "{wanted}");
        }
    }

    #[test]
    fn a_prefix_of_several_names_lists_them_and_a_typo_gets_a_suggestion() {
        let names = names();
        let err = tag_name(&names, "t", "topic").unwrap_err();
        assert!(err.downcast_ref::<UsageError>().is_some());
        assert_eq!(
            err.to_string(),
            "topic \"t\" is the start of 3 names: \"Termination\", \"Therapist Factors\", \"Training\"; type more of it"
        );
        let err = tag_name(&names, "Empaty", "topic").unwrap_err();
        assert!(
            err.to_string().contains("did you mean \"Empathy\"?"),
            "{err}"
        );
        assert!(tag_name(&names, "", "topic").is_err());
    }
}
