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
    /// Delete everything.
    Clear,
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

    /// Applies an edit.
    pub fn edit(&mut self, edit: Edit) {
        if std::mem::take(&mut self.selected)
            && matches!(edit, Edit::Insert(_) | Edit::Backspace | Edit::Delete)
        {
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
            Edit::Clear => *self = TextInput::default(),
            Edit::Backspace | Edit::Delete => {}
        }
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
        input.edit(Edit::Clear);
        assert_eq!(input, TextInput::default());
    }
}
