//! Greedy line wrapping in one pass over the text, so a paragraph of a
//! million words costs a million steps. Lines break at ASCII spaces only.
//! A link (a URL or DOI) is never split: when it does not fit, it goes whole
//! onto a line of its own, wider than the page if it must be. Other words
//! wider than the page are cut into pieces. A "glued" byte range (a topic
//! name and its separator) is kept on one line when it fits.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

/// One wrapped line: a slice of the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped {
    /// Byte range of the line in the paragraph (no leading or trailing spaces).
    pub bytes: Range<usize>,
    /// Char index in the paragraph where the line starts.
    pub char_start: usize,
    /// The links on the line, as char ranges into the line and their targets.
    pub links: Vec<WrappedLink>,
}

/// A link found while wrapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedLink {
    /// Char range of the link's word in its line.
    pub chars: Range<usize>,
    /// Where the link goes (trailing punctuation left out).
    pub url: String,
}

/// A word: a run of non-space text (or a glued range) with its measures.
struct Word {
    bytes: Range<usize>,
    char_start: usize,
    chars: usize,
    width: usize,
    /// Set for a URL or DOI.
    url: Option<String>,
}

/// Wraps `text` into lines at most `width` columns wide (at least 1), except
/// for links too long for a line. `glue` lists byte ranges, sorted and not
/// overlapping, whose inner spaces do not break while the range fits a line.
pub fn wrap(text: &str, width: usize, glue: &[Range<usize>]) -> Vec<Wrapped> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line: Option<Wrapped> = None;
    let mut line_end_char = 0;
    let mut used = 0;
    for word in words(text, width, glue) {
        if let Some(current) = line.as_mut() {
            let gap = word.char_start - line_end_char;
            if used + gap + word.width <= width {
                add_link(current, &word);
                current.bytes.end = word.bytes.end;
                used += gap + word.width;
                line_end_char = word.char_start + word.chars;
                continue;
            }
        }
        lines.extend(line.take());
        if word.width <= width || word.url.is_some() {
            let mut fresh = Wrapped {
                bytes: word.bytes.clone(),
                char_start: word.char_start,
                links: Vec::new(),
            };
            add_link(&mut fresh, &word);
            used = word.width;
            line_end_char = word.char_start + word.chars;
            line = Some(fresh);
        } else {
            // A long word that is not a link: cut it into pieces of the width.
            let mut pieces = pieces(text, &word, width);
            let (last, last_width) = pieces.pop().expect("a word has at least one piece");
            lines.extend(pieces.into_iter().map(|(piece, _)| piece));
            used = last_width;
            line_end_char = word.char_start + word.chars;
            line = Some(last);
        }
    }
    lines.extend(line);
    lines
}

/// Records `word`'s link, if it is one, on `line`.
fn add_link(line: &mut Wrapped, word: &Word) {
    if let Some(url) = &word.url {
        let start = word.char_start - line.char_start;
        line.links.push(WrappedLink {
            chars: start..start + word.chars,
            url: url.clone(),
        });
    }
}

/// Cuts a word into lines no wider than `width`, with each piece's width.
fn pieces(text: &str, word: &Word, width: usize) -> Vec<(Wrapped, usize)> {
    let mut out = Vec::new();
    let mut start = word.bytes.start;
    let mut char_start = word.char_start;
    let mut used = 0;
    let mut chars = 0;
    for (offset, c) in text[word.bytes.clone()].char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > width && chars > 0 {
            let at = word.bytes.start + offset;
            out.push((piece(start..at, char_start), used));
            start = at;
            char_start += chars;
            used = 0;
            chars = 0;
        }
        used += w;
        chars += 1;
    }
    out.push((piece(start..word.bytes.end, char_start), used));
    out
}

fn piece(bytes: Range<usize>, char_start: usize) -> Wrapped {
    Wrapped {
        bytes,
        char_start,
        links: Vec::new(),
    }
}

/// The words of `text` in order, measured in one pass.
fn words<'a>(
    text: &'a str,
    width: usize,
    glue: &'a [Range<usize>],
) -> impl Iterator<Item = Word> + 'a {
    let mut chars = text.char_indices().peekable();
    let mut char_index = 0;
    let mut glue = glue.iter().peekable();
    std::iter::from_fn(move || {
        // Skip spaces.
        while chars.peek().is_some_and(|&(_, c)| c == ' ') {
            chars.next();
            char_index += 1;
        }
        let &(start, _) = chars.peek()?;
        while glue.peek().is_some_and(|g| g.end <= start) {
            glue.next();
        }
        // A glued range starting here is one word if it fits a line.
        let glued_end = glue
            .peek()
            .filter(|g| g.start == start && measure(&text[g.start..g.end]) <= width)
            .map(|g| g.end);
        let word_start_char = char_index;
        let mut end = start;
        let mut word_width = 0;
        while let Some(&(at, c)) = chars.peek() {
            let inside_glue = glued_end.is_some_and(|g| at < g);
            if (c == ' ' && !inside_glue) || glued_end.is_some_and(|g| at >= g) {
                break;
            }
            chars.next();
            char_index += 1;
            end = at + c.len_utf8();
            word_width += c.width().unwrap_or(0);
        }
        let bytes = start..end;
        let url = glued_end
            .is_none()
            .then(|| link_target(&text[bytes.clone()]))
            .flatten();
        Some(Word {
            bytes,
            char_start: word_start_char,
            chars: char_index - word_start_char,
            width: word_width,
            url,
        })
    })
}

/// The width of `text` in terminal columns.
fn measure(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Where a word links to, when it is a URL or a DOI: `https://…`, `www.…`,
/// `doi.org/…`, `doi:10.…` or a bare `10.NNNN/…`. Punctuation that ends a
/// sentence or closes a bracket opened before the link is left out.
pub fn link_target(word: &str) -> Option<String> {
    let word = word.trim_start_matches(['(', '<', '[', '"', '“']);
    let starts = |prefix: &str| {
        word.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    let url = if starts("http://") || starts("https://") {
        word.to_string()
    } else if starts("www.") || starts("doi.org/") {
        format!("https://{word}")
    } else if starts("doi:") {
        format!("https://doi.org/{}", word["doi:".len()..].trim_start())
    } else if is_bare_doi(word) {
        format!("https://doi.org/{word}")
    } else {
        return None;
    };
    let mut url = url.as_str();
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '"', '”', '>', '\'']);
        let trimmed = match trimmed.chars().last() {
            Some(close @ (')' | ']')) => {
                let open = if close == ')' { '(' } else { '[' };
                let opens = trimmed.matches(open).count();
                let closes = trimmed.matches(close).count();
                if closes > opens {
                    &trimmed[..trimmed.len() - 1]
                } else {
                    trimmed
                }
            }
            _ => trimmed,
        };
        if trimmed == url {
            break;
        }
        url = trimmed;
    }
    (url.len() > "https://".len()).then(|| url.to_string())
}

/// `10.` then at least four digits, a slash and something after it.
fn is_bare_doi(word: &str) -> bool {
    let Some(rest) = word.strip_prefix("10.") else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits >= 4
        && rest[digits..]
            .strip_prefix('/')
            .is_some_and(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines<'a>(text: &'a str, width: usize, glue: &[Range<usize>]) -> Vec<&'a str> {
        wrap(text, width, glue)
            .into_iter()
            .map(|l| &text[l.bytes])
            .collect()
    }

    #[test]
    fn words_fill_lines_greedily() {
        assert_eq!(
            lines("the quick brown fox jumps", 10, &[]),
            ["the quick", "brown fox", "jumps"]
        );
        assert_eq!(lines("  lead  and   gaps ", 9, &[]), ["lead  and", "gaps"]);
        assert_eq!(lines("", 10, &[]), Vec::<&str>::new());
    }

    #[test]
    fn a_link_is_never_split_and_goes_whole_onto_its_own_line() {
        let text = "Psychotherapy, 60(2), 1-12. https://doi.org/10.1037/pst0000503 end";
        let got = lines(text, 20, &[]);
        assert_eq!(
            got,
            [
                "Psychotherapy,",
                "60(2), 1-12.",
                "https://doi.org/10.1037/pst0000503",
                "end"
            ]
        );
        let wrapped = wrap(text, 20, &[]);
        let link = &wrapped[2].links[0];
        assert_eq!(link.url, "https://doi.org/10.1037/pst0000503");
        assert_eq!(link.chars, 0..34);
    }

    #[test]
    fn other_long_words_are_cut_to_the_width() {
        assert_eq!(
            lines("ab abcdefghij k", 4, &[]),
            ["ab", "abcd", "efgh", "ij k"]
        );
        // Wide characters are measured in columns.
        assert_eq!(lines("日本語です", 4, &[]), ["日本", "語で", "す"]);
    }

    #[test]
    fn glued_ranges_stay_on_one_line_while_they_fit() {
        let text = "Topics: Attendance, Attrition, and Drop-Out · Empathy";
        let glue = [8..46, 47..54];
        assert_eq!(
            lines(text, 40, &glue),
            [
                "Topics:",
                "Attendance, Attrition, and Drop-Out ·",
                "Empathy"
            ]
        );
        // Too long for the line: it breaks at its spaces after all.
        assert_eq!(lines(text, 20, &glue)[0], "Topics: Attendance,");
    }

    #[test]
    fn links_are_recognised_and_trailing_punctuation_left_out() {
        assert_eq!(
            link_target("https://doi.org/10.1037/pst0000503.").as_deref(),
            Some("https://doi.org/10.1037/pst0000503")
        );
        assert_eq!(
            link_target("(https://en.wikipedia.org/wiki/Rust_(language)).").as_deref(),
            Some("https://en.wikipedia.org/wiki/Rust_(language)")
        );
        assert_eq!(
            link_target("doi:10.1002/jclp.23456").as_deref(),
            Some("https://doi.org/10.1002/jclp.23456")
        );
        assert_eq!(
            link_target("10.1037/a0012345,").as_deref(),
            Some("https://doi.org/10.1037/a0012345")
        );
        assert_eq!(link_target("10.5/x"), None);
        assert_eq!(link_target("Therapist"), None);
        assert_eq!(link_target("https://"), None);
    }

    #[test]
    fn char_starts_count_from_the_paragraph_start() {
        let text = "é é é é";
        let wrapped = wrap(text, 3, &[]);
        let starts: Vec<usize> = wrapped.iter().map(|l| l.char_start).collect();
        assert_eq!(starts, [0, 4]);
    }
}
