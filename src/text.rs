//! Text folding shared by ids and search: case- and accent-insensitive forms.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_width::UnicodeWidthChar;

/// The folded form of one character: decomposed, accents dropped, lower-cased.
///
/// Most characters fold to one character, some to none (a lone combining accent)
/// or to several ("ﬁ" becomes "fi"). Callers that map positions back to the
/// original text fold one character at a time with this function.
pub fn fold_char(c: char) -> impl Iterator<Item = char> {
    std::iter::once(c)
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
}

/// The 1-based line and column (in bytes) of byte `offset` of `bytes`.
pub fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, before.len() - line_start + 1)
}

/// Folds a whole text: `fold("Fagernäs")` is `"fagernas"`.
pub fn fold(text: &str) -> String {
    text.chars().flat_map(fold_char).collect()
}

/// A URL-safe slug: folded, apostrophes dropped, runs of anything that is not an
/// ASCII letter or digit turned into one hyphen, at most `max_len` bytes long
/// (cut at a hyphen where possible).
pub fn slug(text: &str, max_len: usize) -> String {
    let mut slug = String::new();
    for c in fold(text).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if matches!(c, '\'' | '’' | '‘') {
            continue;
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.len() > max_len {
        let cut = slug[..=max_len].rfind('-').unwrap_or(max_len);
        slug.truncate(cut);
    }
    slug
}

/// Cuts `text` to at most `width` terminal columns, ending in "…" when cut.
pub fn fit(text: &str, width: usize) -> String {
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// The name among `names` closest to `wanted` (folded), if one is close: the
/// only name starting with it, or a name a few edits away.
pub fn closest<'a>(names: impl Iterator<Item = &'a str> + Clone, wanted: &str) -> Option<&'a str> {
    let wanted = fold(wanted.trim());
    if wanted.is_empty() {
        return None;
    }
    let mut prefixed = names.clone().filter(|n| fold(n).starts_with(&wanted));
    if let (Some(only), None) = (prefixed.next(), prefixed.next()) {
        return Some(only);
    }
    let limit = (wanted.chars().count() / 3).max(2);
    names
        .map(|n| (edit_distance(&fold(n), &wanted), n))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, n)| n)
}

/// Levenshtein distance in chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn the_closest_name_is_suggested() {
        let names = ["Adherance", "Attachment", "Termination", "Training"];
        assert_eq!(
            closest(names.iter().copied(), "adherence"),
            Some("Adherance")
        );
        assert_eq!(
            closest(names.iter().copied(), "termin"),
            Some("Termination")
        );
        assert_eq!(
            closest(names.iter().copied(), "t"),
            None,
            "two names start with t"
        );
        assert_eq!(closest(names.iter().copied(), "astrology"), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn fitting_counts_columns_not_bytes() {
        assert_eq!(fit("Empathy", 10), "Empathy");
        assert_eq!(fit("Therapist Factors", 8), "Therapi…");
        assert_eq!(fit("日本語のテキスト", 7), "日本語…");
        assert!(fit("日本語のテキスト", 7).width() <= 7);
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn folding_drops_accents_and_case() {
        assert_eq!(fold("Fagernäs"), "fagernas");
        assert_eq!(fold("KLEINSTÄUBER"), "kleinstauber");
        assert_eq!(fold("Sjöstrand"), "sjostrand");
        assert_eq!(fold("ﬁnd"), "find");
    }

    #[test]
    fn slugs_are_ascii_words_joined_by_hyphens() {
        assert_eq!(
            slug(
                "Therapist Qualities That Lead to Treatment Failure or Termination",
                80
            ),
            "therapist-qualities-that-lead-to-treatment-failure-or-termination"
        );
        assert_eq!(
            slug("Patients’ Views: Don't Panic!", 80),
            "patients-views-dont-panic"
        );
        assert_eq!(slug("Ñandú — über café", 80), "nandu-uber-cafe");
        assert_eq!(slug("日本語", 80), "");
    }

    #[test]
    fn long_slugs_are_cut_at_a_hyphen() {
        let cut = slug("alpha beta gamma delta", 12);
        assert_eq!(cut, "alpha-beta");
        assert!(slug(&"word ".repeat(100), 80).len() <= 80);
        assert_eq!(slug("abcdefghijklmnop", 5), "abcde");
    }
}
