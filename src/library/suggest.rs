//! Suggested topics and research type for a post, from its own words.
//!
//! The rule is a curated table, so every suggestion can be explained: each
//! topic has cues (word stems such as `empath`, or phrases such as
//! `progress monitoring`). Text and cues are folded alike (lower case, accents
//! dropped, punctuation as spaces, so `Drop-Out` reads `drop out`), and a cue
//! matches where a word starts with it. A topic is suggested when one of its
//! cues is in the title, or its cues occur at least [`MIN_TEXT_HITS`] times in
//! the citations, summary and Practice Implications. The research type comes
//! from the first citation that names one (a meta-analysis, a chapter of an
//! edited book, ...), else from the title and summary, else "Other".

use crate::archive::Post;
use crate::archive::model::UNCURATED_RESEARCH_TYPE;
use crate::text::fold;

/// How often a topic's cues must occur in the body (without a title hit).
pub const MIN_TEXT_HITS: usize = 2;

/// At most this many topics are suggested, the best first.
pub const MAX_TOPICS: usize = 6;

/// The cues of each of the blog's topics.
pub const TOPIC_CUES: &[(&str, &[&str])] = &[
    (
        "Adherance",
        &[
            "adheren",
            "fidelity",
            "manualized",
            "manualised",
            "treatment manual",
        ],
    ),
    (
        "Alliance and Therapeutic Relationship",
        &[
            "alliance",
            "therapeutic relationship",
            "rupture",
            "relationship factor",
        ],
    ),
    (
        "Anxiety Disorders",
        &[
            "anxiety",
            "anxious",
            "panic",
            "phobi",
            "obsessive compulsive",
        ],
    ),
    ("Attachment", &["attachment"]),
    (
        "Attendance, Attrition, and Drop-Out",
        &[
            "drop out",
            "dropout",
            "attrition",
            "attendance",
            "no show",
            "terminat",
        ],
    ),
    (
        "Client Factors",
        &[
            "client factor",
            "patient factor",
            "client characteristic",
            "patient characteristic",
        ],
    ),
    ("Client Preferences", &["preference"]),
    (
        "Cognitive Therapy (CT) and Cognitive-Behavioural Therapy (CBT)",
        &["cognitive therap", "cognitive behavio", "cbt"],
    ),
    (
        "Combination Therapy",
        &[
            "combination therap",
            "combined treatment",
            "combination treatment",
        ],
    ),
    (
        "Common Factors",
        &[
            "common factor",
            "nonspecific factor",
            "non specific factor",
            "contextual model",
        ],
    ),
    (
        "Cost-effectiveness",
        &["cost effective", "cost benefit", "economic"],
    ),
    ("Depression and Depressive Symptoms", &["depress"]),
    (
        "Efficacy of Treatments",
        &[
            "efficacy",
            "effectiveness",
            "effect size",
            "treatment effect",
        ],
    ),
    ("Empathy", &["empath"]),
    (
        "Feedback and Progress Monitoring",
        &[
            "feedback",
            "progress monitoring",
            "outcome monitoring",
            "measurement based care",
        ],
    ),
    (
        "Group Psychotherapy",
        &["group therap", "group psychotherap", "group treatment"],
    ),
    (
        "Illness and Medical Comorbidities",
        &[
            "medical",
            "chronic illness",
            "comorbid",
            "cancer",
            "chronic pain",
            "diabetes",
        ],
    ),
    (
        "Interpersonal Psychotherapy (IPT)",
        &["interpersonal psychotherap", "interpersonal therap", "ipt"],
    ),
    ("Long-term Outcomes", &["long term", "follow up", "relapse"]),
    (
        "Medications/Pharmacotherapy",
        &["medication", "pharmaco", "antidepressant"],
    ),
    ("Miscellaneous", &[]),
    ("Neuroscience and Brain", &["neuro", "brain", "fmri"]),
    (
        "Outcomes and Deterioration",
        &["deteriorat", "treatment failure", "outcome", "harm"],
    ),
    (
        "Personality Disorders",
        &["personality disorder", "borderline"],
    ),
    ("Placebo Effect", &["placebo"]),
    (
        "Practice-Based Research and Practice Research Networks",
        &[
            "practice based",
            "practice research network",
            "routine practice",
            "naturalistic",
        ],
    ),
    (
        "Psychodynamic Therapy (PDT)",
        &["psychodynamic", "psychoanaly"],
    ),
    ("Resistance and Reactance", &["resistance", "reactance"]),
    (
        "Self-Reflection and Awareness",
        &[
            "self reflect",
            "self aware",
            "reflective practice",
            "self doubt",
            "humility",
        ],
    ),
    (
        "Suicide and Crisis Intervention",
        &["suicid", "crisis", "self harm"],
    ),
    (
        "Termination",
        &["terminat", "ending therapy", "ending treatment"],
    ),
    (
        "Therapist Factors",
        &[
            "therapist factor",
            "therapist effect",
            "therapist variable",
            "therapist characteristic",
            "therapist qualit",
            "therapist skill",
            "effective therapist",
            "interpersonal skill",
        ],
    ),
    (
        "Training",
        &["training", "trainee", "supervis", "deliberate practice"],
    ),
    (
        "Transference and Countertransference",
        &["transference", "countertransference"],
    ),
    (
        "Trauma and/or PTSD",
        &["trauma", "ptsd", "posttraumatic", "post traumatic"],
    ),
    (
        "Treatment Length and Frequency",
        &[
            "session frequency",
            "number of sessions",
            "treatment length",
            "dose effect",
            "dosage",
        ],
    ),
];

/// The cues of each research type, in the order they are tried.
pub const TYPE_CUES: &[(&str, &[&str])] = &[
    ("Meta-analysis", &["meta analy", "metaanaly"]),
    (
        "Systematic review",
        &["systematic review", "scoping review"],
    ),
    (
        "Qualitative study",
        &["qualitative", "thematic analysis", "grounded theory"],
    ),
    (
        "Randomized trial",
        &[
            "randomized",
            "randomised",
            "randomly assigned",
            "controlled trial",
            "rct",
        ],
    ),
    (
        "Practice-based / naturalistic study",
        &[
            "naturalistic",
            "practice based",
            "routine care",
            "routinely collected",
        ],
    ),
    ("Book chapter / review", &["eds", "handbook", "chapter"]),
];

/// Where a cue was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// In the title.
    Title,
    /// In a citation.
    Citation,
    /// In the summary or the Practice Implications.
    Text,
}

/// Why a tag is suggested: which cue, where, how often.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// The cue, as the table writes it.
    pub cue: &'static str,
    /// Where it was found.
    pub place: Place,
    /// How often it occurs there.
    pub count: usize,
}

/// A suggested tag and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The topic or research type.
    pub name: String,
    /// The cues that led to it.
    pub reasons: Vec<Reason>,
}

/// Suggestions for one post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestions {
    /// Topics, best first.
    pub topics: Vec<Suggestion>,
    /// The research type ("Other" with no reasons when nothing points to one).
    pub research_type: Suggestion,
}

impl Suggestions {
    /// The topic names, best first.
    pub fn topic_names(&self) -> Vec<String> {
        self.topics.iter().map(|s| s.name.clone()).collect()
    }

    /// One line per tag: `Empathy: "empath" in the title, 3× in the text`.
    pub fn explain(&self) -> Vec<String> {
        self.topics
            .iter()
            .chain(std::iter::once(&self.research_type))
            .map(|s| {
                if s.reasons.is_empty() {
                    return format!("{}: nothing points to another type", s.name);
                }
                let why: Vec<String> = s
                    .reasons
                    .iter()
                    .map(|r| {
                        let place = match r.place {
                            Place::Title => "the title",
                            Place::Citation => "a citation",
                            Place::Text => "the text",
                        };
                        format!("{:?} {}× in {place}", r.cue, r.count)
                    })
                    .collect();
                format!("{}: {}", s.name, why.join(", "))
            })
            .collect()
    }
}

/// Suggests topics (among `topics`, the archive's list) and a research type
/// (among `research_types`) for `post`.
pub fn suggest(post: &Post, topics: &[String], research_types: &[String]) -> Suggestions {
    let title = Folded::new(&post.title);
    let citations = Folded::new(
        &post
            .citations
            .iter()
            .map(|c| c.raw.as_str())
            .collect::<Vec<_>>()
            .join(" \n "),
    );
    let body = Folded::new(
        &post
            .summary
            .iter()
            .chain(&post.implications)
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" \n "),
    );
    let mut scored: Vec<(usize, Suggestion)> = Vec::new();
    for (topic, cues) in TOPIC_CUES {
        if !topics.iter().any(|t| t == topic) {
            continue;
        }
        let mut reasons = Vec::new();
        let (mut in_title, mut in_text) = (0, 0);
        for cue in *cues {
            let cue_folded = Folded::cue(cue);
            for (place, text) in [
                (Place::Title, &title),
                (Place::Citation, &citations),
                (Place::Text, &body),
            ] {
                let count = text.count(&cue_folded);
                if count > 0 {
                    reasons.push(Reason { cue, place, count });
                    if place == Place::Title {
                        in_title += count;
                    } else {
                        in_text += count;
                    }
                }
            }
        }
        if in_title > 0 || in_text >= MIN_TEXT_HITS {
            let score = in_title * 10 + in_text;
            scored.push((
                score,
                Suggestion {
                    name: topic.to_string(),
                    reasons,
                },
            ));
        }
    }
    // Best first; the table's (the site's) order among equals.
    scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    scored.truncate(MAX_TOPICS);
    Suggestions {
        topics: scored.into_iter().map(|(_, s)| s).collect(),
        research_type: research_type(&title, &citations, &body, research_types),
    }
}

/// The research type named first by the citations, else by the title and text.
fn research_type(
    title: &Folded,
    citations: &Folded,
    body: &Folded,
    research_types: &[String],
) -> Suggestion {
    for (place, text) in [
        (Place::Citation, citations),
        (Place::Title, title),
        (Place::Text, body),
    ] {
        for (name, cues) in TYPE_CUES {
            if !research_types.iter().any(|r| r == name) {
                continue;
            }
            for cue in *cues {
                let count = text.count(&Folded::cue(cue));
                if count > 0 {
                    return Suggestion {
                        name: name.to_string(),
                        reasons: vec![Reason { cue, place, count }],
                    };
                }
            }
        }
    }
    Suggestion {
        name: UNCURATED_RESEARCH_TYPE.to_string(),
        reasons: Vec::new(),
    }
}

/// Text folded for cue matching: lower case, no accents, every run of
/// non-alphanumeric characters one space, with a space at each end.
struct Folded(String);

impl Folded {
    fn new(text: &str) -> Folded {
        let mut out = String::with_capacity(text.len() + 2);
        out.push(' ');
        for c in fold(text).chars() {
            if c.is_alphanumeric() {
                out.push(c);
            } else if !out.ends_with(' ') {
                out.push(' ');
            }
        }
        if !out.ends_with(' ') {
            out.push(' ');
        }
        Folded(out)
    }

    /// A cue as it is looked for: at the start of a word, open at its end.
    fn cue(cue: &str) -> String {
        let folded = Folded::new(cue).0;
        folded.trim_end().to_string()
    }

    /// How often `cue` (from [`Folded::cue`]) starts a word here.
    fn count(&self, cue: &str) -> usize {
        self.0.matches(cue).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::bundled;

    #[test]
    fn every_cue_belongs_to_a_topic_of_the_site() {
        let archive = bundled().unwrap();
        for (topic, _) in TOPIC_CUES {
            assert!(archive.topics.iter().any(|t| t == topic), "{topic}");
        }
        assert_eq!(TOPIC_CUES.len(), archive.topics.len());
        for (name, _) in TYPE_CUES {
            assert!(archive.research_types.iter().any(|r| r == name), "{name}");
        }
    }

    #[test]
    fn cues_match_at_word_starts_across_punctuation() {
        let text = Folded::new("Drop-Out and dropouts; Empathic EMPATHY; unempathic");
        assert_eq!(text.count(&Folded::cue("drop-out")), 1);
        assert_eq!(text.count(&Folded::cue("dropout")), 1);
        assert_eq!(text.count(&Folded::cue("empath")), 2);
    }

    #[test]
    fn suggestions_for_the_bundled_posts_agree_with_their_curated_tags() {
        let archive = bundled().unwrap();
        let mut agreed = 0;
        let mut suggested = 0;
        for post in &archive.posts {
            let s = suggest(post, &archive.topics, &archive.research_types);
            assert_eq!(s.research_type.name, post.research_type, "{}", post.id);
            assert!(!s.topics.is_empty(), "{}", post.id);
            suggested += s.topics.len();
            agreed += s
                .topics
                .iter()
                .filter(|t| post.topics.contains(&t.name))
                .count();
        }
        // Most suggestions are tags a person chose too.
        assert!(agreed * 3 >= suggested * 2, "{agreed} of {suggested}");
    }

    #[test]
    fn the_termination_post_gets_termination_and_drop_out_and_says_why() {
        let archive = bundled().unwrap();
        let post = &archive.posts[0];
        let s = suggest(post, &archive.topics, &archive.research_types);
        let names = s.topic_names();
        assert!(names.contains(&"Termination".to_string()), "{names:?}");
        assert!(
            names.contains(&"Attendance, Attrition, and Drop-Out".to_string()),
            "{names:?}"
        );
        let lines = s.explain();
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("Termination: \"terminat\" 1× in the title")),
            "{lines:?}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("Qualitative study: \"qualitative\"")),
            "{lines:?}"
        );
    }

    #[test]
    fn a_post_with_no_cues_gets_other_and_no_topics() {
        let archive = bundled().unwrap();
        let mut post = archive.posts[0].clone();
        post.title = "Notes".into();
        post.citations.clear();
        post.summary = vec!["Nothing to see.".into()];
        post.implications.clear();
        let s = suggest(&post, &archive.topics, &archive.research_types);
        assert!(s.topics.is_empty());
        assert_eq!(s.research_type.name, "Other");
    }
}
