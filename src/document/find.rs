//! Finding a word in a laid-out post, as `less` does: line by line, ignoring
//! case unless the pattern has a capital letter.

use super::Document;

/// Where the pattern was found: a line of the document and a char range in
/// that line's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// The line's index in the document.
    pub line: usize,
    /// The first char of the match in the line's text.
    pub column: usize,
    /// The match's length, in chars.
    pub len: usize,
}

/// Every match of `pattern` in `doc`, top to bottom, left to right, not
/// overlapping. An empty pattern finds nothing.
pub fn find(doc: &Document, pattern: &str) -> Vec<Found> {
    let smart_case = !pattern.chars().any(char::is_uppercase);
    let fold = |c: char| {
        if smart_case {
            c.to_lowercase().next().unwrap_or(c)
        } else {
            c
        }
    };
    let wanted: Vec<char> = pattern.chars().map(fold).collect();
    let mut found = Vec::new();
    if wanted.is_empty() {
        return found;
    }
    for (index, line) in doc.lines.iter().enumerate() {
        let text: Vec<char> = line.text.chars().map(fold).collect();
        let mut column = 0;
        while column + wanted.len() <= text.len() {
            if text[column..column + wanted.len()] == wanted[..] {
                found.push(Found {
                    line: index,
                    column,
                    len: wanted.len(),
                });
                column += wanted.len();
            } else {
                column += 1;
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::bundled;
    use crate::document::layout;

    /// The text a match covers.
    fn shown(doc: &Document, found: Found) -> String {
        doc.lines[found.line]
            .text
            .chars()
            .skip(found.column)
            .take(found.len)
            .collect()
    }

    #[test]
    fn finds_each_occurrence_ignoring_case_unless_asked() {
        let archive = bundled().unwrap();
        let doc = layout(&archive.posts[0], 60, None);
        let all = find(&doc, "therapist");
        let text = doc.to_plain_text().to_lowercase();
        assert_eq!(all.len(), text.matches("therapist").count());
        for &f in &all {
            assert_eq!(shown(&doc, f).to_lowercase(), "therapist");
        }
        let capital = find(&doc, "Therapist");
        assert!(!capital.is_empty() && capital.len() < all.len());
        assert!(find(&doc, "").is_empty());
        assert!(find(&doc, "zebra").is_empty());
    }

    #[test]
    fn columns_are_chars_not_bytes() {
        let archive = bundled().unwrap();
        let doc = layout(&archive.posts[0], 200, None);
        assert_eq!(shown(&doc, find(&doc, "fagernäs")[0]), "Fagernäs");
    }
}
