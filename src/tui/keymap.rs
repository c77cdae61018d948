//! Key presses to actions: a pure function of the reader's mode and the key.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::{Action, Edit, Step};
use crate::bookmarks::Resolution;

/// What the keyboard is doing at the moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Browsing: keys move, scroll and open.
    Normal,
    /// Typing a filter.
    Filter,
    /// The help overlay is open: any key closes it.
    Help,
    /// Typing a bookmark's note.
    Note,
    /// Choosing or naming the supervision session.
    Session,
    /// The bookmarks view is open.
    Bookmarks,
    /// A note changed elsewhere while it was edited: keep mine, theirs or both.
    Conflict,
    /// A yes/no question is asked.
    Confirm,
    /// A link that could not be opened is shown.
    Link,
}

/// The action a key event asks for, if any. Only presses (and auto-repeats)
/// count, never releases.
pub fn action(mode: Mode, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        // Ctrl-C quits from the main view only; in a dialog it closes that
        // dialog (asking first when a note would be lost).
        return Some(match mode {
            Mode::Normal => Action::Quit,
            Mode::Help => Action::ToggleHelp,
            _ => Action::Cancel,
        });
    }
    if ctrl && key.code == KeyCode::Char('z') && mode != Mode::Note {
        return Some(Action::Suspend);
    }
    match mode {
        Mode::Help => Some(help_action(key)),
        Mode::Filter | Mode::Session => typing_action(key, ctrl),
        Mode::Note => note_action(key, ctrl),
        Mode::Bookmarks => bookmarks_action(key, ctrl),
        Mode::Confirm => confirm_action(key),
        Mode::Link => Some(link_action(key)),
        Mode::Conflict => conflict_action(key),
        Mode::Normal => normal_action(key, ctrl),
    }
}

/// Keys of the note conflict: `m` keeps mine, `t` theirs, `b` both; Esc (and
/// Ctrl-C) keep both too, so closing the question never loses words.
fn conflict_action(key: KeyEvent) -> Option<Action> {
    Some(match key.code {
        KeyCode::Char('m') => Action::Resolve(Resolution::KeepMine),
        KeyCode::Char('t') => Action::Resolve(Resolution::KeepTheirs),
        KeyCode::Char('b') => Action::Resolve(Resolution::KeepBoth),
        KeyCode::Esc => Action::Cancel,
        _ => return None,
    })
}

/// The action for text pasted into the terminal: it goes where text is being
/// typed, and is dropped everywhere else (never run as keys).
pub fn paste_action(mode: Mode, text: String) -> Option<Action> {
    matches!(mode, Mode::Filter | Mode::Session | Mode::Note).then_some(Action::Paste(text))
}

/// `y` copies the link shown; any other key closes it.
fn link_action(key: KeyEvent) -> Action {
    match key.code {
        KeyCode::Char('y') => Action::Confirm,
        _ => Action::Cancel,
    }
}

/// `y` answers yes; `n` and Esc no. Other keys do nothing.
fn confirm_action(key: KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Char('y' | 'Y') => Some(Action::Confirm),
        KeyCode::Char('n' | 'N') | KeyCode::Esc => Some(Action::Cancel),
        _ => None,
    }
}

/// In the help overlay, movement keys scroll it and any other key closes it.
fn help_action(key: KeyEvent) -> Action {
    match key.code {
        KeyCode::Char('j') | KeyCode::Down => Action::Move(Step::Down),
        KeyCode::Char('k') | KeyCode::Up => Action::Move(Step::Up),
        KeyCode::PageDown | KeyCode::Char(' ') => Action::Move(Step::PageDown),
        KeyCode::PageUp => Action::Move(Step::PageUp),
        KeyCode::Char('g') | KeyCode::Home => Action::Move(Step::First),
        KeyCode::Char('G') | KeyCode::End => Action::Move(Step::Last),
        _ => Action::ToggleHelp,
    }
}

/// Keys while typing one line: editing keys edit, Up/Down move the list.
fn typing_action(key: KeyEvent, ctrl: bool) -> Option<Action> {
    Some(match key.code {
        KeyCode::Esc => Action::Cancel,
        KeyCode::Enter => Action::Confirm,
        KeyCode::Up => Action::Move(Step::Up),
        KeyCode::Down => Action::Move(Step::Down),
        KeyCode::PageUp => Action::Scroll(Step::PageUp),
        KeyCode::PageDown => Action::Scroll(Step::PageDown),
        _ => return edit_action(key, ctrl).map(Action::Edit),
    })
}

/// Keys in the note editor: Enter or Ctrl-S saves, Ctrl-J or Alt-Enter
/// breaks the line, Ctrl-Z undoes and Ctrl-Y redoes.
fn note_action(key: KeyEvent, ctrl: bool) -> Option<Action> {
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    Some(match key.code {
        KeyCode::Esc => Action::Cancel,
        KeyCode::Enter if alt || key.modifiers.contains(KeyModifiers::SHIFT) => Action::Newline,
        KeyCode::Char('j') if ctrl => Action::Newline,
        KeyCode::Enter => Action::Confirm,
        KeyCode::Char('s') if ctrl => Action::Confirm,
        KeyCode::Char('z') if ctrl => Action::Edit(Edit::Undo),
        KeyCode::Char('y') if ctrl => Action::Edit(Edit::Redo),
        KeyCode::Up => Action::Edit(Edit::Up),
        KeyCode::Down => Action::Edit(Edit::Down),
        _ => return edit_action(key, ctrl).map(Action::Edit),
    })
}

/// Editing keys shared by every text field, readline-style: Ctrl-A/Ctrl-E
/// to the start/end of the line, Ctrl-U/Ctrl-K clear before/after the cursor,
/// Ctrl-W or Alt-Backspace delete a word, Ctrl-←/→ or Alt-B/Alt-F move by words.
fn edit_action(key: KeyEvent, ctrl: bool) -> Option<Edit> {
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    Some(match key.code {
        KeyCode::Backspace if ctrl || alt => Edit::DeleteWord,
        KeyCode::Left if ctrl || alt => Edit::WordLeft,
        KeyCode::Right if ctrl || alt => Edit::WordRight,
        KeyCode::Backspace => Edit::Backspace,
        KeyCode::Delete => Edit::Delete,
        KeyCode::Left => Edit::Left,
        KeyCode::Right => Edit::Right,
        KeyCode::Home => Edit::Home,
        KeyCode::End => Edit::End,
        KeyCode::Char('a') if ctrl => Edit::Home,
        KeyCode::Char('e') if ctrl => Edit::End,
        KeyCode::Char('u') if ctrl => Edit::ClearToLineStart,
        KeyCode::Char('k') if ctrl => Edit::ClearToLineEnd,
        KeyCode::Char('w') if ctrl => Edit::DeleteWord,
        KeyCode::Char('b') if alt => Edit::WordLeft,
        KeyCode::Char('f') if alt => Edit::WordRight,
        KeyCode::Char(c) if !ctrl && !c.is_control() => Edit::Insert(c),
        _ => return None,
    })
}

fn bookmarks_action(key: KeyEvent, ctrl: bool) -> Option<Action> {
    if ctrl {
        return None;
    }
    Some(match key.code {
        KeyCode::Esc | KeyCode::Char('B') | KeyCode::Char('q') => Action::Cancel,
        KeyCode::Char('j') | KeyCode::Down => Action::Move(Step::Down),
        KeyCode::Char('k') | KeyCode::Up => Action::Move(Step::Up),
        KeyCode::Char('g') | KeyCode::Home => Action::Move(Step::First),
        KeyCode::Char('G') | KeyCode::End => Action::Move(Step::Last),
        KeyCode::PageDown => Action::Move(Step::PageDown),
        KeyCode::PageUp => Action::Move(Step::PageUp),
        KeyCode::Enter => Action::Confirm,
        KeyCode::Char('d') => Action::ToggleDiscussed,
        KeyCode::Char('x') | KeyCode::Delete => Action::RemoveBookmark,
        KeyCode::Char('u') => Action::Undo,
        KeyCode::Char('e') => Action::EditNote,
        KeyCode::Char('?') => Action::ToggleHelp,
        _ => return None,
    })
}

fn normal_action(key: KeyEvent, ctrl: bool) -> Option<Action> {
    Some(match key.code {
        KeyCode::Char('d') if ctrl => Action::Scroll(Step::PageDown),
        KeyCode::Char('u') if ctrl => Action::Scroll(Step::PageUp),
        KeyCode::Char('f') if ctrl => Action::Scroll(Step::PageDown),
        KeyCode::Char('b') if ctrl => Action::Scroll(Step::PageUp),
        _ if ctrl => return None,
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char('j') | KeyCode::Down => Action::Move(Step::Down),
        KeyCode::Char('k') | KeyCode::Up => Action::Move(Step::Up),
        KeyCode::Char('g') | KeyCode::Home => Action::Move(Step::First),
        KeyCode::Char('G') | KeyCode::End => Action::Move(Step::Last),
        KeyCode::Char('h') | KeyCode::Left => Action::FocusLeft,
        KeyCode::Char('l') | KeyCode::Right => Action::FocusRight,
        KeyCode::BackTab => Action::FocusPrevious,
        KeyCode::Tab => Action::FocusNext,
        KeyCode::Enter => Action::Open,
        KeyCode::PageDown | KeyCode::Char(' ') => Action::Scroll(Step::PageDown),
        KeyCode::PageUp => Action::Scroll(Step::PageUp),
        KeyCode::Char('i') => Action::JumpToImplications,
        KeyCode::Char('/') => Action::StartFilter,
        KeyCode::Esc => Action::Cancel,
        KeyCode::Char('n') => Action::NextMatch,
        KeyCode::Char('N') => Action::PreviousMatch,
        KeyCode::Char('b') => Action::ToggleBookmark,
        KeyCode::Char('e') => Action::EditNote,
        KeyCode::Char('s') => Action::PickSession,
        KeyCode::Char('B') => Action::ShowBookmarks,
        KeyCode::Char('u') => Action::Undo,
        KeyCode::Char('y') => Action::CopyCitation,
        KeyCode::Char('o') => Action::OpenLink,
        KeyCode::Char('?') | KeyCode::F(1) => Action::ToggleHelp,
        _ => return None,
    })
}

/// The keys, as the help overlay lists them.
pub const HELP: &[(&str, &str)] = &[
    ("j k ↓ ↑", "move the selection / scroll the post"),
    ("h l ← →", "focus the pane to the left / right"),
    ("Tab S-Tab", "focus the next / previous pane, round"),
    ("Enter", "open: list → posts → post"),
    ("PgDn Space PgUp", "scroll the post a page"),
    ("g G Home End", "first / last (top / bottom of the post)"),
    ("i", "jump to Practice Implications"),
    ("/", "filter as you type (Enter keeps, Esc clears)"),
    ("n N", "next / previous match in the post"),
    ("b", "bookmark / unbookmark in the current session"),
    ("e", "edit the bookmark's note"),
    ("s", "choose or create the supervision session"),
    ("B", "bookmarks by session: d discussed, x remove, u undo"),
    ("u", "undo the last bookmark removal"),
    ("y", "copy the citation (OSC 52); y again: BibTeX, RIS"),
    ("o", "open the DOI link in the browser"),
    ("mouse", "wheel scrolls the pane under it; click chooses"),
    ("?", "this help"),
    ("Ctrl-Z", "suspend; the shell's fg comes back"),
    ("q Ctrl-C", "quit (Ctrl-C in a dialog closes it)"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventState;

    const ALL_MODES: [Mode; 9] = [
        Mode::Link,
        Mode::Normal,
        Mode::Filter,
        Mode::Help,
        Mode::Note,
        Mode::Session,
        Mode::Bookmarks,
        Mode::Confirm,
        Mode::Conflict,
    ];

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn releases_never_act() {
        let release = KeyEvent {
            code: KeyCode::Char('q'),
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Release,
            state: KeyEventState::NONE,
        };
        for mode in ALL_MODES {
            assert_eq!(action(mode, release), None);
        }
    }

    #[test]
    fn vim_keys_and_arrows_do_the_same() {
        assert_eq!(
            action(Mode::Normal, key(KeyCode::Char('j'))),
            action(Mode::Normal, key(KeyCode::Down))
        );
        assert_eq!(
            action(Mode::Normal, key(KeyCode::Char('l'))),
            action(Mode::Normal, key(KeyCode::Right))
        );
        assert_eq!(
            action(Mode::Normal, key(KeyCode::Char('h'))),
            action(Mode::Normal, key(KeyCode::Left))
        );
        assert_eq!(
            action(Mode::Bookmarks, key(KeyCode::Char('k'))),
            action(Mode::Bookmarks, key(KeyCode::Up))
        );
    }

    #[test]
    fn letters_type_into_text_fields_instead_of_acting() {
        for mode in [Mode::Filter, Mode::Note, Mode::Session] {
            assert_eq!(
                action(mode, key(KeyCode::Char('q'))),
                Some(Action::Edit(Edit::Insert('q')))
            );
            assert_eq!(
                action(mode, key(KeyCode::Char('é'))),
                Some(Action::Edit(Edit::Insert('é')))
            );
            assert_eq!(action(mode, key(KeyCode::Esc)), Some(Action::Cancel));
            assert_eq!(action(mode, key(KeyCode::Enter)), Some(Action::Confirm));
        }
    }

    #[test]
    fn the_note_editor_saves_with_ctrl_s_and_breaks_lines_with_ctrl_j() {
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(action(Mode::Note, ctrl('s')), Some(Action::Confirm));
        assert_eq!(action(Mode::Note, ctrl('j')), Some(Action::Newline));
        let alt_enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT);
        assert_eq!(action(Mode::Note, alt_enter), Some(Action::Newline));
    }

    #[test]
    fn any_key_closes_help_and_ctrl_c_quits_only_from_the_main_view() {
        assert_eq!(
            action(Mode::Help, key(KeyCode::Char('x'))),
            Some(Action::ToggleHelp)
        );
        assert_eq!(
            action(Mode::Help, key(KeyCode::Char('j'))),
            Some(Action::Move(Step::Down))
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action(Mode::Normal, ctrl_c), Some(Action::Quit));
        assert_eq!(action(Mode::Help, ctrl_c), Some(Action::ToggleHelp));
        for mode in [
            Mode::Filter,
            Mode::Note,
            Mode::Session,
            Mode::Bookmarks,
            Mode::Confirm,
            Mode::Link,
        ] {
            assert_eq!(action(mode, ctrl_c), Some(Action::Cancel), "{mode:?}");
        }
    }

    #[test]
    fn a_paste_goes_only_where_text_is_typed() {
        for mode in ALL_MODES {
            let typed = matches!(mode, Mode::Filter | Mode::Session | Mode::Note);
            let expected = typed.then(|| Action::Paste("q\nb".into()));
            assert_eq!(paste_action(mode, "q\nb".into()), expected, "{mode:?}");
        }
    }

    #[test]
    fn ctrl_z_suspends_except_in_the_note_editor_where_it_undoes() {
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(action(Mode::Normal, ctrl('z')), Some(Action::Suspend));
        assert_eq!(action(Mode::Filter, ctrl('z')), Some(Action::Suspend));
        assert_eq!(
            action(Mode::Note, ctrl('z')),
            Some(Action::Edit(Edit::Undo))
        );
        assert_eq!(
            action(Mode::Note, ctrl('y')),
            Some(Action::Edit(Edit::Redo))
        );
        assert_eq!(
            action(Mode::Note, ctrl('u')),
            Some(Action::Edit(Edit::ClearToLineStart))
        );
    }

    #[test]
    fn questions_take_y_or_n_and_nothing_else() {
        assert_eq!(
            action(Mode::Confirm, key(KeyCode::Char('y'))),
            Some(Action::Confirm)
        );
        assert_eq!(
            action(Mode::Confirm, key(KeyCode::Char('n'))),
            Some(Action::Cancel)
        );
        assert_eq!(
            action(Mode::Confirm, key(KeyCode::Esc)),
            Some(Action::Cancel)
        );
        assert_eq!(action(Mode::Confirm, key(KeyCode::Enter)), None);
        assert_eq!(action(Mode::Confirm, key(KeyCode::Char('q'))), None);
    }
}
