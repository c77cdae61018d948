//! A small text field with a cursor, for the filter, the note editor and the
//! session name: pure editing, no drawing.

/// Editable text and a cursor position (in chars). A suggested text starts
/// out selected: typing replaces it, Backspace clears it, moving keeps it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    cursor: usize,
    selected: bool,
}

/// An edit to a [`TextInput`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Insert a character at the cursor.
    Insert(char),
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character under the cursor.
    Delete,
    /// Move the cursor one character left.
    Left,
    /// Move the cursor one character right.
    Right,
    /// Move the cursor to the start of its line.
    Home,
    /// Move the cursor to the end of its line.
    End,
    /// Move the cursor to the line above, same column where possible.
    Up,
    /// Move the cursor to the line below, same column where possible.
    Down,
    /// Move the cursor to the start of the word before it.
    WordLeft,
    /// Move the cursor past the end of the word after it.
    WordRight,
    /// Delete the word before the cursor.
    DeleteWord,
    /// Delete from the start of the line to the cursor.
    ClearToLineStart,
    /// Delete from the cursor to the end of the line.
    ClearToLineEnd,
    /// Undo the last change (the note editor keeps a history; one-line
    /// fields do not, and ignore it).
    Undo,
    /// Redo the change undone last (note editor only, like [`Edit::Undo`]).
    Redo,
}

impl TextInput {
    /// A field holding `text`, cursor at the end.
    pub fn new(text: &str) -> TextInput {
        TextInput {
            text: text.to_string(),
            cursor: text.chars().count(),
            selected: false,
        }
    }

    /// A field holding a suggestion, selected so that typing replaces it.
    pub fn suggested(text: &str) -> TextInput {
        TextInput {
            selected: !text.is_empty(),
            ..TextInput::new(text)
        }
    }

    /// Whether the whole text is selected (a suggestion not yet edited).
    pub fn is_selected(&self) -> bool {
        self.selected
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor, as a char index.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Inserts pasted text at the cursor (replacing a suggestion) as one
    /// line: line breaks, tabs and other control characters become spaces,
    /// and line breaks at its ends are dropped.
    pub fn paste(&mut self, text: &str) {
        let text = text.trim_matches(['\r', '\n']);
        if std::mem::take(&mut self.selected) {
            *self = TextInput::default();
        }
        let clean: String = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let at = self.byte_index(self.cursor);
        self.text.insert_str(at, &clean);
        self.cursor += clean.chars().count();
    }

    /// Applies an edit.
    pub fn edit(&mut self, edit: Edit) {
        let deletes = matches!(
            edit,
            Edit::Insert(_)
                | Edit::Backspace
                | Edit::Delete
                | Edit::DeleteWord
                | Edit::ClearToLineStart
                | Edit::ClearToLineEnd
        );
        if std::mem::take(&mut self.selected) && deletes {
            *self = TextInput::default();
            if let Edit::Insert(_) = edit {
                self.edit(edit);
            }
            return;
        }
        let len = self.text.chars().count();
        match edit {
            Edit::Insert(c) => {
                let at = self.byte_index(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            Edit::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte_index(self.cursor);
                self.text.remove(at);
            }
            Edit::Delete if self.cursor < len => {
                let at = self.byte_index(self.cursor);
                self.text.remove(at);
            }
            Edit::Left => self.cursor = self.cursor.saturating_sub(1),
            Edit::Right => self.cursor = (self.cursor + 1).min(len),
            Edit::Home => self.cursor = self.line_start(self.cursor),
            Edit::End => self.cursor = self.line_end(self.cursor),
            Edit::Up => {
                let start = self.line_start(self.cursor);
                if start > 0 {
                    let above = self.line_start(start - 1);
                    self.cursor = (above + self.cursor - start).min(start - 1);
                }
            }
            Edit::Down => {
                let end = self.line_end(self.cursor);
                if end < len {
                    let column = self.cursor - self.line_start(self.cursor);
                    self.cursor = (end + 1 + column).min(self.line_end(end + 1));
                }
            }
            Edit::WordLeft => self.cursor = self.word_start(self.cursor),
            Edit::WordRight => self.cursor = self.word_end(self.cursor),
            Edit::DeleteWord => self.delete(self.word_start(self.cursor), self.cursor),
            Edit::ClearToLineStart => self.delete(self.line_start(self.cursor), self.cursor),
            Edit::ClearToLineEnd => self.delete(self.cursor, self.line_end(self.cursor)),
            Edit::Backspace | Edit::Delete | Edit::Undo | Edit::Redo => {}
        }
    }

    /// Deletes chars `from..to` and puts the cursor at `from`.
    fn delete(&mut self, from: usize, to: usize) {
        let (start, end) = (self.byte_index(from), self.byte_index(to));
        self.text.replace_range(start..end, "");
        self.cursor = from;
    }

    /// The char index where the word ending at or before char `at` starts.
    fn word_start(&self, at: usize) -> usize {
        let chars: Vec<char> = self.text.chars().take(at).collect();
        let end = chars
            .iter()
            .rposition(|c| c.is_alphanumeric())
            .map_or(0, |i| i + 1);
        chars[..end]
            .iter()
            .rposition(|c| !c.is_alphanumeric())
            .map_or(0, |i| i + 1)
    }

    /// The char index just past the word starting at or after char `at`.
    fn word_end(&self, at: usize) -> usize {
        let len = self.text.chars().count();
        let mut chars = self.text.chars().enumerate().skip(at);
        if !chars.by_ref().any(|(_, c)| c.is_alphanumeric()) {
            return len;
        }
        chars
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(len, |(i, _)| i)
    }

    /// The char index where the line holding char `at` starts.
    fn line_start(&self, at: usize) -> usize {
        let chars: Vec<char> = self.text.chars().take(at).collect();
        chars.iter().rposition(|&c| c == '\n').map_or(0, |i| i + 1)
    }

    /// The char index of the end of the line holding char `at` (its newline,
    /// or the end of the text).
    fn line_end(&self, at: usize) -> usize {
        let rest = self.text.chars().skip(at).position(|c| c == '\n');
        rest.map_or(self.text.chars().count(), |i| at + i)
    }

    fn byte_index(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_happen_at_the_cursor_in_chars_not_bytes() {
        let mut input = TextInput::new("Fagerns");
        input.edit(Edit::Left);
        input.edit(Edit::Insert('ä'));
        assert_eq!(input.text(), "Fagernäs");
        input.edit(Edit::End);
        input.edit(Edit::Backspace);
        input.edit(Edit::Home);
        input.edit(Edit::Delete);
        assert_eq!(input.text(), "agernä");
        input.edit(Edit::Insert('🧠'));
        assert_eq!((input.text(), input.cursor()), ("🧠agernä", 1));
    }

    #[test]
    fn home_end_up_and_down_work_on_lines() {
        let mut input = TextInput::new("first line\nsecond\nthird line here");
        input.edit(Edit::Up);
        assert_eq!(input.cursor(), 17, "end of 'second'");
        input.edit(Edit::Home);
        assert_eq!(input.cursor(), 11);
        input.edit(Edit::Right);
        input.edit(Edit::Up);
        assert_eq!(input.cursor(), 1);
        input.edit(Edit::Up);
        assert_eq!(input.cursor(), 1);
        input.edit(Edit::End);
        assert_eq!(input.cursor(), 10);
        input.edit(Edit::Down);
        assert_eq!(input.cursor(), 17, "clamped to the shorter line");
        input.edit(Edit::Down);
        input.edit(Edit::Down);
        assert_eq!(input.cursor(), 24);
    }

    #[test]
    fn typing_replaces_a_suggestion_and_moving_keeps_it() {
        let mut input = TextInput::suggested("Supervision 2026-11-26");
        assert!(input.is_selected());
        input.edit(Edit::Insert('G'));
        assert_eq!((input.text(), input.is_selected()), ("G", false));
        let mut input = TextInput::suggested("Supervision 2026-11-26");
        input.edit(Edit::Backspace);
        assert_eq!(input.text(), "");
        let mut input = TextInput::suggested("Supervision 2026-11-26");
        input.edit(Edit::End);
        input.edit(Edit::Backspace);
        assert_eq!(input.text(), "Supervision 2026-11-2");
    }

    #[test]
    fn edits_at_the_ends_are_harmless() {
        let mut input = TextInput::default();
        for edit in [
            Edit::Backspace,
            Edit::Delete,
            Edit::Left,
            Edit::Right,
            Edit::Home,
            Edit::End,
        ] {
            input.edit(edit);
        }
        assert_eq!((input.text(), input.cursor()), ("", 0));
        input.edit(Edit::Insert('a'));
        input.edit(Edit::ClearToLineStart);
        assert_eq!(input, TextInput::default());
    }

    #[test]
    fn word_motions_and_deletions() {
        let mut input = TextInput::new("rupture, repair; alliance");
        input.edit(Edit::WordLeft);
        assert_eq!(input.cursor(), 17);
        input.edit(Edit::WordLeft);
        assert_eq!(input.cursor(), 9);
        input.edit(Edit::WordRight);
        assert_eq!(input.cursor(), 15, "past 'repair'");
        input.edit(Edit::DeleteWord);
        assert_eq!((input.text(), input.cursor()), ("rupture, ; alliance", 9));
        input.edit(Edit::ClearToLineEnd);
        assert_eq!(input.text(), "rupture, ");
        input.edit(Edit::Home);
        input.edit(Edit::WordRight);
        input.edit(Edit::ClearToLineStart);
        assert_eq!((input.text(), input.cursor()), (", ", 0));
    }

    #[test]
    fn ctrl_u_clears_only_the_line_before_the_cursor() {
        let mut input = TextInput::new(
            "keep this
not this",
        );
        input.edit(Edit::ClearToLineStart);
        assert_eq!(
            input.text(),
            "keep this
"
        );
    }

    #[test]
    fn a_pasted_text_replaces_a_suggestion() {
        let mut input = TextInput::suggested("Supervision 2026-11-26");
        input.paste("Group\tB\r\n");
        assert_eq!((input.text(), input.cursor()), ("Group B", 7));
        input.edit(Edit::Home);
        input.paste("two\nlines ");
        assert_eq!(input.text(), "two lines Group B");
    }
}
