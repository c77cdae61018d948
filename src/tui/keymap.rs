//! Key presses to actions: a pure function of the reader's mode and the key.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::{Action, Step};

/// What the keyboard is doing at the moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Browsing: keys move, scroll and open.
    Normal,
    /// Typing a filter: keys edit the query.
    Filter,
    /// The help overlay is open: any key closes it.
    Help,
}

/// The action a key event asks for, if any. Only presses (and repeats) count, never releases.
pub fn action(mode: Mode, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    match mode {
        Mode::Help => Some(Action::ToggleHelp),
        Mode::Filter => filter_action(key, ctrl),
        Mode::Normal => normal_action(key, ctrl),
    }
}

fn filter_action(key: KeyEvent, ctrl: bool) -> Option<Action> {
    Some(match key.code {
        KeyCode::Esc => Action::ClearFilter,
        KeyCode::Enter => Action::KeepFilter,
        KeyCode::Backspace => Action::FilterBackspace,
        KeyCode::Up => Action::Move(Step::Up),
        KeyCode::Down => Action::Move(Step::Down),
        KeyCode::PageUp => Action::Scroll(Step::PageUp),
        KeyCode::PageDown => Action::Scroll(Step::PageDown),
        KeyCode::Char('u') if ctrl => Action::ClearFilter,
        KeyCode::Char(c) if !ctrl && !c.is_control() => Action::FilterInput(c),
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
        KeyCode::Esc => Action::ClearFilter,
        KeyCode::Char('n') => Action::NextMatch,
        KeyCode::Char('N') => Action::PreviousMatch,
        KeyCode::Char('y') => Action::CopyCitation,
        KeyCode::Char('o') => Action::OpenLink,
        KeyCode::Char('?') | KeyCode::F(1) => Action::ToggleHelp,
        _ => return None,
    })
}

/// The keys, as the help overlay and the README list them.
pub const HELP: &[(&str, &str)] = &[
    ("j k ↓ ↑", "move the selection / scroll the post"),
    ("h l ← → Tab S-Tab", "move focus between panes"),
    ("Enter", "open: topic → posts → post"),
    ("PgDn Space PgUp", "scroll the post a page"),
    ("g G Home End", "first / last (top / bottom of the post)"),
    ("i", "jump to Practice Implications"),
    ("/", "filter posts as you type (Enter keeps, Esc clears)"),
    ("n N", "next / previous match in the post"),
    ("y", "copy the citation (OSC 52 clipboard)"),
    ("o", "open the DOI link in the browser"),
    ("mouse wheel", "scroll the pane under the pointer"),
    ("?", "this help"),
    ("q Ctrl-C", "quit"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventState;

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
        assert_eq!(action(Mode::Normal, release), None);
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
    }

    #[test]
    fn letters_type_into_the_filter_instead_of_acting() {
        assert_eq!(
            action(Mode::Filter, key(KeyCode::Char('q'))),
            Some(Action::FilterInput('q'))
        );
        assert_eq!(
            action(Mode::Filter, key(KeyCode::Char('é'))),
            Some(Action::FilterInput('é'))
        );
        assert_eq!(
            action(Mode::Filter, key(KeyCode::Esc)),
            Some(Action::ClearFilter)
        );
        assert_eq!(
            action(Mode::Filter, key(KeyCode::Enter)),
            Some(Action::KeepFilter)
        );
    }

    #[test]
    fn any_key_closes_help_and_ctrl_c_always_quits() {
        assert_eq!(
            action(Mode::Help, key(KeyCode::Char('x'))),
            Some(Action::ToggleHelp)
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in [Mode::Normal, Mode::Filter, Mode::Help] {
            assert_eq!(action(mode, ctrl_c), Some(Action::Quit));
        }
    }
}
