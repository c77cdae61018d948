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
    /// How many chars the line holds.
    pub chars: usize,
    /// How many columns the line takes.
    pub width: usize,
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
/// The lines come one at a time, as they are found (never all held at once).
pub fn wrap<'a>(
    text: &'a str,
    width: usize,
    glue: &'a [Range<usize>],
) -> impl Iterator<Item = Wrapped> + 'a {
    let width = width.max(1);
    let mut words = words(text, width, glue);
    // The line being filled, and finished lines not yet handed out (the
    // pieces of a long word cut up).
    let mut line: Option<Wrapped> = None;
    let mut ready = std::collections::VecDeque::new();
    std::iter::from_fn(move || {
        loop {
            if let Some(done) = ready.pop_front() {
                return Some(done);
            }
            let Some(mut word) = words.next() else {
                return line.take();
            };
            if let Some(current) = line.as_mut() {
                let gap = word.char_start - (current.char_start + current.chars);
                if current.width + gap + word.width <= width {
                    add_link(current, &mut word);
                    current.bytes.end = word.bytes.end;
                    current.width += gap + word.width;
                    current.chars = word.char_start + word.chars - current.char_start;
                    continue;
                }
            }
            let finished = line.take();
            if word.width <= width || word.url.is_some() {
                let mut fresh = Wrapped {
                    bytes: word.bytes.clone(),
                    char_start: word.char_start,
                    chars: word.chars,
                    width: word.width,
                    links: Vec::new(),
                };
                add_link(&mut fresh, &mut word);
                line = Some(fresh);
            } else {
                // A long word that is not a link: cut it into pieces of the width.
                let mut pieces = pieces(text, &word, width);
                line = pieces.pop();
                ready.extend(pieces);
            }
            if finished.is_some() {
                return finished;
            }
        }
    })
}

/// Moves `word`'s link, if it is one, onto `line`.
fn add_link(line: &mut Wrapped, word: &mut Word) {
    if let Some(url) = word.url.take() {
        let start = word.char_start - line.char_start;
        line.links.push(WrappedLink {
            chars: start..start + word.chars,
            url,
        });
    }
}

/// Cuts a word into lines no wider than `width` (at least one piece).
fn pieces(text: &str, word: &Word, width: usize) -> Vec<Wrapped> {
    let mut out = Vec::new();
    let mut piece = Wrapped {
        bytes: word.bytes.start..word.bytes.start,
        char_start: word.char_start,
        chars: 0,
        width: 0,
        links: Vec::new(),
    };
    for (offset, c) in text[word.bytes.clone()].char_indices() {
        let w = c.width().unwrap_or(0);
        if piece.width + w > width && piece.chars > 0 {
            let at = word.bytes.start + offset;
            let next = Wrapped {
                bytes: at..at,
                char_start: piece.char_start + piece.chars,
                chars: 0,
                width: 0,
                links: Vec::new(),
            };
            out.push(std::mem::replace(&mut piece, next));
        }
        piece.bytes.end = word.bytes.start + offset + c.len_utf8();
        piece.width += w;
        piece.chars += 1;
    }
    out.push(piece);
    out
}

/// The words of `text` in order, measured in one pass: a word ends at the
/// next ASCII space (found a word at a time, not a char at a time), and is
/// measured at once when it is printable ASCII, as most words are.
fn words<'a>(
    text: &'a str,
    width: usize,
    glue: &'a [Range<usize>],
) -> impl Iterator<Item = Word> + 'a {
    let mut at = 0;
    let mut char_index = 0;
    let mut glue = glue.iter().peekable();
    std::iter::from_fn(move || {
        // Skip spaces (one byte and one char each).
        let spaces = text.as_bytes()[at..]
            .iter()
            .take_while(|&&b| b == b' ')
            .count();
        at += spaces;
        char_index += spaces;
        if at >= text.len() {
            return None;
        }
        let start = at;
        while glue.peek().is_some_and(|g| g.end <= start) {
            glue.next();
        }
        // A glued range starting here is one word if it fits a line.
        let glued_end = glue
            .peek()
            .filter(|g| g.start == start && measure(&text[g.start..g.end]).1 <= width)
            .map(|g| g.end);
        let end = glued_end.unwrap_or_else(|| {
            text.as_bytes()[start..]
                .iter()
                .position(|&b| b == b' ')
                .map_or(text.len(), |i| start + i)
        });
        let (chars, word_width) = measure(&text[start..end]);
        at = end;
        char_index += chars;
        let url = glued_end
            .is_none()
            .then(|| link_target(&text[start..end]))
            .flatten();
        Some(Word {
            bytes: start..end,
            char_start: char_index - chars,
            chars,
            width: word_width,
            url,
        })
    })
}

/// The chars in `text` and its width in terminal columns: one each for
/// printable ASCII, worked out char by char otherwise.
fn measure(text: &str) -> (usize, usize) {
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return (text.len(), text.len());
    }
    let width = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    (text.chars().count(), width)
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
        wrap(text, width, glue).map(|l| &text[l.bytes]).collect()
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
        let wrapped: Vec<Wrapped> = wrap(text, 20, &[]).collect();
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
    fn lines_know_their_chars_and_columns() {
        let text = "日本 ab\tc ééé https://doi.org/10.1/x";
        for width in [1, 3, 5, 8, 80] {
            for line in wrap(text, width, &[]) {
                let shown = &text[line.bytes.clone()];
                assert_eq!(line.chars, shown.chars().count(), "{shown:?}");
                assert_eq!(line.width, measure(shown).1, "{shown:?}");
            }
        }
        // Wide chars take two columns, a tab none (as unicode-width says).
        assert_eq!(measure("日本 ab\tc"), (7, 8));
        assert_eq!(measure("plain words"), (11, 11));
    }

    #[test]
    fn char_starts_count_from_the_paragraph_start() {
        let text = "é é é é";
        let wrapped: Vec<Wrapped> = wrap(text, 3, &[]).collect();
        let starts: Vec<usize> = wrapped.iter().map(|l| l.char_start).collect();
        assert_eq!(starts, [0, 4]);
    }
}
