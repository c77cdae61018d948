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
    /// The post is shown full-screen.
    Zoom,
    /// Typing a word to find in the post.
    Find,
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
            Mode::Normal | Mode::Zoom => Action::Quit,
            Mode::Help => Action::ToggleHelp,
            _ => Action::Cancel,
        });
    }
    if ctrl && key.code == KeyCode::Char('z') && mode != Mode::Note {
        return Some(Action::Suspend);
    }
    match mode {
        Mode::Help => Some(help_action(key)),
        Mode::Filter | Mode::Session | Mode::Find => typing_action(key, ctrl),
        Mode::Note => note_action(key, ctrl),
        Mode::Bookmarks => bookmarks_action(key, ctrl),
        Mode::Confirm => confirm_action(key),
        Mode::Link => Some(link_action(key)),
        Mode::Conflict => conflict_action(key),
        Mode::Normal => normal_action(key, ctrl, false),
        Mode::Zoom => normal_action(key, ctrl, true),
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
    matches!(mode, Mode::Filter | Mode::Session | Mode::Note | Mode::Find)
        .then_some(Action::Paste(text))
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

/// A key as the tables list it: its code, and whether Ctrl is held (Shift
/// is part of the character: `G`, `N`, Shift-Tab is `BackTab`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Whether Ctrl is held.
    pub ctrl: bool,
}

const fn plain(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

const fn named(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

impl Key {
    /// How the help writes the key: `j`, `↓`, `PgDn`, `Ctrl-D`.
    pub fn name(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) if self.ctrl => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

/// One line of a key table: the keys, what they do, and how the help and
/// the status bar describe them.
#[derive(Debug, Clone)]
pub struct Binding {
    /// The keys that do it.
    pub keys: &'static [Key],
    /// What they do.
    pub action: Action,
    /// What the help says it does.
    pub help: &'static str,
    /// A word or two for the status bar or a dialog's footer, if it is shown there.
    pub hint: Option<&'static str>,
}

/// A line of a key table.
const fn bind(
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        keys,
        action,
        help,
        hint,
    }
}

impl Binding {
    /// The keys as the help lists them: `j k ↓ ↑`.
    pub fn keys_label(&self) -> String {
        let names: Vec<String> = self.keys.iter().map(|k| k.name()).collect();
        names.join(" ")
    }
}

/// Keys while browsing (no dialog open, not zoomed). Hinted keys are shown in
/// the status bar in this order, as many as fit.
#[rustfmt::skip]
pub const BROWSE: &[Binding] = &[
    bind(&[plain('?'), named(KeyCode::F(1))], Action::ToggleHelp, "this help", Some("help")),
    bind(&[plain('/')], Action::StartFilter, "filter the archive as you type (Enter keeps, Esc clears)", Some("filter")),
    bind(&[plain('f')], Action::StartFind, "find a word in the open post, like less (n/N go on)", Some("find")),
    bind(&[plain('z')], Action::ToggleZoom, "zoom: the post full-screen, and back", Some("zoom")),
    bind(&[plain('j'), plain('k'), named(KeyCode::Down), named(KeyCode::Up)], Action::Move(Step::Down), "move the selection / scroll the post", None),
    bind(&[plain('h'), plain('l'), named(KeyCode::Left), named(KeyCode::Right)], Action::FocusLeft, "focus the pane to the left / right", None),
    bind(&[named(KeyCode::Tab), named(KeyCode::BackTab)], Action::FocusNext, "focus the next / previous pane, round", None),
    bind(&[named(KeyCode::Enter)], Action::Open, "open: list → posts → post → zoom", None),
    bind(&[named(KeyCode::PageDown), plain(' '), named(KeyCode::PageUp), ctrl('d'), ctrl('u'), ctrl('f'), ctrl('b')], Action::Scroll(Step::PageDown), "scroll the post a page down / up, whatever has focus", None),
    bind(&[plain('g'), plain('G'), named(KeyCode::Home), named(KeyCode::End)], Action::Move(Step::First), "first / last (top / bottom of the post)", None),
    bind(&[plain(']'), plain('[')], Action::NextPost, "next / previous post in the list (in zoom too)", None),
    bind(&[plain('i')], Action::JumpToImplications, "jump to Practice Implications", Some("implications")),
    bind(&[plain('n'), plain('N')], Action::NextMatch, "next / previous match in the post (find's, else the filter's)", None),
    bind(&[named(KeyCode::Esc)], Action::Cancel, "leave zoom, else clear the find, else the filter", None),
    bind(&[plain('b')], Action::ToggleBookmark, "bookmark / unbookmark in the current session", None),
    bind(&[plain('e')], Action::EditNote, "edit the bookmark's note", None),
    bind(&[plain('s')], Action::PickSession, "choose or create the supervision session", None),
    bind(&[plain('B')], Action::ShowBookmarks, "bookmarks by session (keys below)", None),
    bind(&[plain('u')], Action::Undo, "undo the last bookmark removal", None),
    bind(&[plain('y')], Action::CopyCitation, "copy the citation (OSC 52); y again: BibTeX, RIS", None),
    bind(&[plain('o')], Action::OpenLink, "open the DOI link in the browser", None),
    bind(&[ctrl('z')], Action::Suspend, "suspend; the shell's fg comes back", None),
    bind(&[plain('q'), ctrl('c')], Action::Quit, "quit (Ctrl-C in a dialog closes it)", Some("quit")),
];

/// Keys in zoom that differ from browsing; the others work as in [`BROWSE`].
#[rustfmt::skip]
pub const ZOOM: &[Binding] = &[
    bind(&[plain('z'), named(KeyCode::Esc)], Action::ToggleZoom, "back to the panes", Some("back")),
    bind(&[plain(']'), plain('[')], Action::NextPost, "next / previous post", Some("next/previous post")),
    bind(&[plain('/'), plain('f')], Action::StartFind, "find in the post, like less (n/N: next/previous match)", Some("find")),
];

/// Keys in the bookmarks view.
#[rustfmt::skip]
pub const BOOKMARKS: &[Binding] = &[
    bind(&[named(KeyCode::Enter)], Action::Confirm, "open the bookmarked post", Some("opens")),
    bind(&[plain('d')], Action::ToggleDiscussed, "mark discussed / not discussed", Some("discussed")),
    bind(&[plain('x'), named(KeyCode::Delete)], Action::RemoveBookmark, "remove the bookmark", Some("removes")),
    bind(&[plain('u')], Action::Undo, "undo the removal", None),
    bind(&[plain('e')], Action::EditNote, "edit the note", None),
    bind(&[plain('j'), plain('k'), named(KeyCode::Down), named(KeyCode::Up)], Action::Move(Step::Down), "move", None),
    bind(&[plain('g'), plain('G'), named(KeyCode::Home), named(KeyCode::End)], Action::Move(Step::First), "first / last bookmark", None),
    bind(&[named(KeyCode::PageDown), named(KeyCode::PageUp)], Action::Move(Step::PageDown), "a page down / up", None),
    bind(&[plain('?')], Action::ToggleHelp, "this help", None),
    bind(&[named(KeyCode::Esc), plain('B'), plain('q')], Action::Cancel, "close the view", Some("closes")),
];

/// Every key table, with the heading the help gives it.
pub const TABLES: [(&str, &[Binding]); 3] = [
    ("Browsing", BROWSE),
    ("In zoom", ZOOM),
    ("In the bookmarks view (B)", BOOKMARKS),
];

/// Keys of the text fields (filter, find, session name, note), which type
/// rather than act; listed in the help after the tables.
pub const TYPING_HELP: &[(&str, &str)] = &[
    ("Enter Esc", "keep / drop (a note: save / cancel)"),
    ("Ctrl-J Alt-Enter", "new line in a note (Ctrl-S also saves)"),
    ("Ctrl-A Ctrl-E", "start / end of the line"),
    ("Ctrl-U Ctrl-K", "clear before / after the cursor"),
    ("Ctrl-W Alt-Bksp", "delete a word"),
    ("Ctrl-Z Ctrl-Y", "undo / redo in a note"),
    ("mouse", "wheel scrolls the pane under it; click chooses"),
];

/// What a key does in `table`, with the second key of a pair (`k` after
/// `j`, `N` after `n`) doing the opposite of the first.
fn lookup(table: &[Binding], key: Key) -> Option<Action> {
    table.iter().find_map(|binding| {
        let at = binding.keys.iter().position(|&k| k == key)?;
        Some(opposite(&binding.action, at))
    })
}

/// The action of the `at`-th key of a binding: keys come in pairs of a
/// direction and its opposite (`j k`, `PgDn Space PgUp`, `g G`).
fn opposite(action: &Action, at: usize) -> Action {
    match (action, at) {
        (Action::Move(Step::Down), 1 | 3) => Action::Move(Step::Up),
        (Action::Move(Step::First), 1 | 3) => Action::Move(Step::Last),
        (Action::Move(Step::PageDown), 1) => Action::Move(Step::PageUp),
        (Action::Scroll(Step::PageDown), 2 | 4 | 6) => Action::Scroll(Step::PageUp),
        (Action::FocusLeft, 1 | 3) => Action::FocusRight,
        (Action::FocusNext, 1) => Action::FocusPrevious,
        (Action::NextPost, 1) => Action::PreviousPost,
        (Action::NextMatch, 1) => Action::PreviousMatch,
        (action, _) => action.clone(),
    }
}

fn bookmarks_action(key: KeyEvent, ctrl: bool) -> Option<Action> {
    lookup(
        BOOKMARKS,
        Key {
            code: key.code,
            ctrl,
        },
    )
}

fn normal_action(key: KeyEvent, ctrl: bool, zoom: bool) -> Option<Action> {
    let key = Key {
        code: key.code,
        ctrl,
    };
    zoom.then(|| lookup(ZOOM, key))
        .flatten()
        .or_else(|| lookup(BROWSE, key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventState;

    const ALL_MODES: [Mode; 11] = [
        Mode::Link,
        Mode::Zoom,
        Mode::Find,
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

    /// Every key of every table does what its table says, and is in the help.
    #[test]
    fn every_bound_key_acts_as_its_table_says_and_is_in_the_help() {
        // Words of the help, as one line: descriptions may wrap.
        let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        for size in [(200, 200), (80, 14), (40, 10)] {
            let help = words(&crate::tui::help::HelpView::new(size).text().join(" "));
            for (_, table) in crate::tui::keymap::TABLES {
                for binding in table {
                    let label = words(&binding.keys_label());
                    assert!(
                        help.contains(&label),
                        "{label} is not in the help at {size:?}"
                    );
                    assert!(
                        help.contains(&words(binding.help)),
                        "{:?} at {size:?}",
                        binding.help
                    );
                }
            }
        }
        for (mode, table) in [
            (Mode::Normal, BROWSE),
            (Mode::Zoom, ZOOM),
            (Mode::Bookmarks, BOOKMARKS),
        ] {
            for binding in table {
                for (at, key) in binding.keys.iter().enumerate() {
                    let modifiers = if key.ctrl {
                        KeyModifiers::CONTROL
                    } else {
                        KeyModifiers::NONE
                    };
                    let event = KeyEvent::new(key.code, modifiers);
                    let wanted = match (key.ctrl, key.code) {
                        (true, KeyCode::Char('c')) => Action::Quit,
                        _ => opposite(&binding.action, at),
                    };
                    assert_eq!(
                        action(mode, event),
                        Some(wanted),
                        "{} in {mode:?}",
                        key.name()
                    );
                }
            }
        }
    }

    #[test]
    fn zoom_keys_come_first_in_zoom_and_browsing_keys_work_there_too() {
        assert_eq!(
            action(Mode::Zoom, key(KeyCode::Esc)),
            Some(Action::ToggleZoom)
        );
        assert_eq!(
            action(Mode::Normal, key(KeyCode::Esc)),
            Some(Action::Cancel)
        );
        assert_eq!(
            action(Mode::Zoom, key(KeyCode::Char('/'))),
            Some(Action::StartFind)
        );
        assert_eq!(
            action(Mode::Normal, key(KeyCode::Char('/'))),
            Some(Action::StartFilter)
        );
        assert_eq!(
            action(Mode::Zoom, key(KeyCode::Char('b'))),
            Some(Action::ToggleBookmark)
        );
        assert_eq!(
            action(Mode::Zoom, key(KeyCode::Char('['))),
            Some(Action::PreviousPost)
        );
    }

    #[test]
    fn a_paste_goes_only_where_text_is_typed() {
        for mode in ALL_MODES {
            let typed = matches!(mode, Mode::Filter | Mode::Session | Mode::Note | Mode::Find);
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
