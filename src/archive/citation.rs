//! Recognising APA citation lines and pulling authors, year and DOI out of them.

use std::sync::LazyLock;

use regex::Regex;

use super::model::Citation;

/// An APA reference: authors, then "(2023)." or "(n.d.)." or "(in press).".
pub(super) static APA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^
        (?P<authors>[^()]{2,600}?[.,])\s*            # authors end with an initial's dot or a comma
        \(\s*(?:(?P<year>\d{4})[a-z]?|n\.\s?d\.|in\ press)(?:,[^)]{0,40})?\s*\)\.",
    )
    .expect("valid regex")
});

/// One author: "Surname, I. I." with initials possibly hyphenated ("A.-K.").
static AUTHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<name>[^,&]+?),\s*(?P<initials>\p{Lu}\.(?:[\s-]*\p{Lu}\.)*)")
        .expect("valid regex")
});

/// A DOI, as a doi.org link or a "doi:" prefix.
pub(super) static DOI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:https?://(?:dx\.)?doi\.org/|\bdoi:\s*)(?P<doi>10\.\d{4,9}/\S+)")
        .expect("valid regex")
});

/// A line holding nothing but a link or a DOI, which continues the citation above it.
static LINK_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:https?://\S+|doi:\s*\S+)$").expect("valid regex"));

/// Whether a line of a page reads as an APA citation.
pub fn is_citation(line: &str) -> bool {
    APA.is_match(line.trim())
}

/// Whether a line is only a link or DOI (a citation's continuation).
pub fn is_link_line(line: &str) -> bool {
    LINK_LINE.is_match(line.trim())
}

/// Parses a citation line, keeping its text verbatim in `raw`.
pub fn parse(raw: &str) -> Citation {
    let raw = raw.trim();
    let (authors, year) = match APA.captures(raw) {
        Some(caps) => (
            split_authors(&caps["authors"]),
            caps.name("year").and_then(|y| y.as_str().parse().ok()),
        ),
        None => (Vec::new(), None),
    };
    Citation {
        raw: raw.to_string(),
        authors,
        year,
        doi: find_doi(raw),
    }
}

/// The DOI in a text, without the trailing punctuation that ends a sentence.
pub fn find_doi(text: &str) -> Option<String> {
    let found = DOI.captures(text)?;
    let doi = found["doi"].trim_end_matches(['.', ',', ';']);
    let doi = if doi.ends_with(')') && doi.matches('(').count() < doi.matches(')').count() {
        &doi[..doi.len() - 1]
    } else {
        doi
    };
    Some(doi.to_string())
}

/// Splits "Alfonsson, S., Fagernäs, S., & Tyrberg, M. J." into one entry per author.
/// A group author with no initials ("American Psychological Association.") is kept whole.
pub(super) fn split_authors(authors: &str) -> Vec<String> {
    let found: Vec<String> = AUTHOR
        .captures_iter(authors)
        .map(|caps| {
            let name = caps["name"].trim().trim_start_matches("& ").trim();
            format!("{}, {}", name, caps["initials"].trim())
        })
        .filter(|a| !a.starts_with(", "))
        .collect();
    if found.is_empty() {
        let whole = authors.trim().trim_end_matches([',', '.']).trim();
        if whole.is_empty() {
            Vec::new()
        } else {
            vec![whole.to_string()]
        }
    } else {
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_journal_citation_gives_authors_year_and_doi() {
        let c = parse(
            "Alfonsson, S., Fagernäs, S., Sjöstrand, G., & Tyrberg, M. J. (2023). Psychotherapist variables. Psychotherapy. https://doi.org/10.1037/pst0000503",
        );
        assert_eq!(
            c.authors,
            [
                "Alfonsson, S.",
                "Fagernäs, S.",
                "Sjöstrand, G.",
                "Tyrberg, M. J."
            ]
        );
        assert_eq!(c.year, Some(2023));
        assert_eq!(c.doi.as_deref(), Some("10.1037/pst0000503"));
    }

    #[test]
    fn compact_and_hyphenated_initials_and_a_final_dot_after_the_doi() {
        let c = parse(
            "Nissen-Lie, H.A., Heinonen, E., & Delgadillo, J. (2023). Therapist factors. https://doi.org/10.1037/0000358-005.",
        );
        assert_eq!(
            c.authors,
            ["Nissen-Lie, H.A.", "Heinonen, E.", "Delgadillo, J."]
        );
        assert_eq!(c.doi.as_deref(), Some("10.1037/0000358-005"));
        let c = parse(
            "Delgadillo, J., Deisenhofer, A.-K., & Kleinstäuber, M. (2022). Progress feedback. JCCP, 90, 559–567.",
        );
        assert_eq!(
            c.authors,
            ["Delgadillo, J.", "Deisenhofer, A.-K.", "Kleinstäuber, M."]
        );
        assert_eq!(c.doi, None);
        let c = parse("Norcross, J.C. & Karpiak, C.P. (2023). Relationship factors.");
        assert_eq!(c.authors, ["Norcross, J.C.", "Karpiak, C.P."]);
    }

    #[test]
    fn group_authors_undated_works_and_doi_prefixes() {
        let c = parse("American Psychological Association. (n.d.). Guidelines. doi:10.1000/xyz123");
        assert_eq!(c.authors, ["American Psychological Association"]);
        assert_eq!(c.year, None);
        assert_eq!(c.doi.as_deref(), Some("10.1000/xyz123"));
    }

    #[test]
    fn titles_and_prose_are_not_citations() {
        assert!(!is_citation("Therapist Facilitative Interpersonal Skills"));
        assert!(!is_citation(
            "Research indicates that about 14% of patients (2023). terminated psychotherapy"
        ));
        assert!(is_citation(
            "Wampold, B. & Owen, J. (2021). Therapist effects."
        ));
        assert!(is_citation("Smith, J. (2020a). A title."));
        assert!(is_citation("Smith, J. (in press). A title."));
    }
}
