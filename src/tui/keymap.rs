//! Key presses to actions: a pure function of the reader's mode and the key.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::{Action, Edit, Step};

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
}

/// The action a key event asks for, if any. Only presses (and auto-repeats)
/// count, never releases.
pub fn action(mode: Mode, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    match mode {
        Mode::Help => Some(help_action(key)),
        Mode::Filter | Mode::Session => typing_action(key, ctrl),
        Mode::Note => note_action(key, ctrl),
        Mode::Bookmarks => bookmarks_action(key, ctrl),
        Mode::Normal => normal_action(key, ctrl),
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

/// Keys in the note editor: Enter or Ctrl-S saves, Ctrl-J or Alt-Enter breaks the line.
fn note_action(key: KeyEvent, ctrl: bool) -> Option<Action> {
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    Some(match key.code {
        KeyCode::Esc => Action::Cancel,
        KeyCode::Enter if alt || key.modifiers.contains(KeyModifiers::SHIFT) => Action::Newline,
        KeyCode::Char('j') if ctrl => Action::Newline,
        KeyCode::Enter => Action::Confirm,
        KeyCode::Char('s') if ctrl => Action::Confirm,
        KeyCode::Up => Action::Edit(Edit::Up),
        KeyCode::Down => Action::Edit(Edit::Down),
        _ => return edit_action(key, ctrl).map(Action::Edit),
    })
}

/// Editing keys shared by every text field.
fn edit_action(key: KeyEvent, ctrl: bool) -> Option<Edit> {
    Some(match key.code {
        KeyCode::Backspace => Edit::Backspace,
        KeyCode::Delete => Edit::Delete,
        KeyCode::Left => Edit::Left,
        KeyCode::Right => Edit::Right,
        KeyCode::Home => Edit::Home,
        KeyCode::End => Edit::End,
        KeyCode::Char('a') if ctrl => Edit::Home,
        KeyCode::Char('e') if ctrl => Edit::End,
        KeyCode::Char('u') if ctrl => Edit::Clear,
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
        KeyCode::Char('h') | KeyCode::Left | KeyCode::BackTab => Action::FocusPrevious,
        KeyCode::Char('l') | KeyCode::Right | KeyCode::Tab => Action::FocusNext,
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
    ("h l ← → Tab S-Tab", "move focus between panes"),
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
    ("y", "copy the citation (OSC 52 clipboard)"),
    ("o", "open the DOI link in the browser"),
    ("mouse", "wheel scrolls the pane under it; click chooses"),
    ("?", "this help"),
    ("q Ctrl-C", "quit"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventState;

    const ALL_MODES: [Mode; 6] = [
        Mode::Normal,
        Mode::Filter,
        Mode::Help,
        Mode::Note,
        Mode::Session,
        Mode::Bookmarks,
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
            action(Mode::Normal, key(KeyCode::Tab))
        );
        assert_eq!(
            action(Mode::Normal, key(KeyCode::Char('h'))),
            action(Mode::Normal, key(KeyCode::BackTab))
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
    fn any_key_closes_help_and_ctrl_c_always_quits() {
        assert_eq!(
            action(Mode::Help, key(KeyCode::Char('x'))),
            Some(Action::ToggleHelp)
        );
        assert_eq!(
            action(Mode::Help, key(KeyCode::Char('j'))),
            Some(Action::Move(Step::Down))
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in ALL_MODES {
            assert_eq!(action(mode, ctrl_c), Some(Action::Quit));
        }
    }
}
