//! Who wrote the blog's text, and where it is: named wherever pprnet hands the
//! text on (handouts, exported references).

/// The blog's address.
pub const BLOG_URL: &str = "https://socialsciences.uottawa.ca/pprnet/blog";

/// The blog's name.
pub const BLOG_NAME: &str = "the PPRNet blog (Psychotherapy Practice Research Network)";

/// The author of the summaries and Practice Implications.
pub const BLOG_AUTHOR: &str = "Dr. Giorgio Tasca";

/// One sentence of credit for a handout's end.
pub fn attribution() -> String {
    format!(
        "Source: {BLOG_NAME}, {BLOG_URL}. Summaries and Practice Implications by {BLOG_AUTHOR}."
    )
}
