//! Key presses to actions: a pure function of the reader's mode and the key,
//! read from one set of key tables. The same tables give the help overlay
//! (`tui::help`), the status-bar hints and every dialog's footer
//! ([`footer`]), so the keys, the help and the hints cannot drift apart.
//!
//! To add a dialog with keys of its own:
//! 1. add a [`Mode`] variant (and put it in [`Mode::ALL`]);
//! 2. write its [`Table`]: a heading for the help, its [`Binding`]s (a
//!    `hint` puts a binding in the dialog's footer) and what [`Other`] keys do;
//! 3. give the mode its layers in [`Mode::tables`]: its own table first, then
//!    [`EDITING`] if it is a text field, then [`DIALOG`] (Ctrl-C closes,
//!    Ctrl-Z suspends);
//! 4. list the table in [`TABLES`] so the help shows it;
//! 5. carry out its actions in `App::update` (matching on the mode) and draw
//!    its footer with [`footer`].
//!
//! The tests walk every mode's tables: each key must do what its table says
//! and be in the help.

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
    /// Renaming a session, or choosing the one to merge it into (bookmarks view).
    SessionName,
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
    /// The checklist of a post's topics and research type is open.
    Tags,
}

impl Mode {
    /// Every mode.
    pub const ALL: [Mode; 13] = [
        Mode::Normal,
        Mode::Zoom,
        Mode::Filter,
        Mode::Find,
        Mode::Help,
        Mode::Note,
        Mode::Session,
        Mode::SessionName,
        Mode::Bookmarks,
        Mode::Confirm,
        Mode::Link,
        Mode::Conflict,
        Mode::Tags,
    ];

    /// The key tables of this mode, the first that binds a key deciding what
    /// it does.
    pub fn tables(self) -> &'static [&'static Table] {
        match self {
            Mode::Normal => const { &[&BROWSE] },
            Mode::Zoom => const { &[&ZOOM, &BROWSE] },
            Mode::Help => const { &[&HELP, &DIALOG] },
            Mode::Filter => const { &[&FILTER, &EDITING, &DIALOG] },
            Mode::Find => const { &[&FIND, &EDITING, &DIALOG] },
            Mode::Session => const { &[&SESSION, &EDITING, &DIALOG] },
            Mode::SessionName => const { &[&SESSION_NAME, &EDITING, &DIALOG] },
            Mode::Note => const { &[&NOTE, &EDITING, &DIALOG] },
            Mode::Bookmarks => const { &[&BOOKMARKS, &DIALOG] },
            Mode::Confirm => const { &[&CONFIRM, &DIALOG] },
            Mode::Link => const { &[&LINK, &DIALOG] },
            Mode::Conflict => const { &[&CONFLICT, &DIALOG] },
            Mode::Tags => const { &[&TAGS, &DIALOG] },
        }
    }

    /// Whether text is typed in this mode (so a paste goes into it).
    pub fn types(self) -> bool {
        self.tables().iter().any(|t| t.other == Other::Types)
    }
}

/// The action a key event asks for, if any. Only presses (and auto-repeats)
/// count, never releases.
pub fn action(mode: Mode, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let tables = mode.tables();
    if let Some(action) = tables.iter().find_map(|table| table.lookup(key)) {
        return Some(action);
    }
    tables.iter().find_map(|table| match &table.other {
        Other::Nothing => None,
        Other::Types => typed(key).map(|c| Action::Edit(Edit::Insert(c))),
        Other::Does(action, _) => Some(action.clone()),
    })
}

/// The char a key types into a text field: any printable char without Ctrl.
fn typed(key: KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) && !c.is_control() => {
            Some(c)
        }
        _ => None,
    }
}

/// The action for text pasted into the terminal: it goes where text is being
/// typed, and is dropped everywhere else (never run as keys).
pub fn paste_action(mode: Mode, text: String) -> Option<Action> {
    mode.types().then_some(Action::Paste(text))
}

/// A key as the tables list it: its code and modifiers. Shift is part of a
/// character (`G`, `N`) and of `BackTab` (Shift-Tab); for other keys it is
/// a modifier like Ctrl and Alt (Shift-Enter).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Whether Ctrl is held.
    pub ctrl: bool,
    /// Whether Alt is held.
    pub alt: bool,
    /// Whether Shift is held (never for chars and `BackTab`).
    pub shift: bool,
}

const fn plain(c: char) -> Key {
    named(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        ctrl: true,
        ..plain(c)
    }
}

const fn alt(code: KeyCode) -> Key {
    Key {
        alt: true,
        ..named(code)
    }
}

const fn ctrl_named(code: KeyCode) -> Key {
    Key {
        ctrl: true,
        ..named(code)
    }
}

const fn shift(code: KeyCode) -> Key {
    Key {
        shift: true,
        ..named(code)
    }
}

const fn named(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        alt: false,
        shift: false,
    }
}

impl Key {
    /// The key of a key event, as the tables would list it.
    pub fn of(event: KeyEvent) -> Key {
        let held = |m| event.modifiers.contains(m);
        Key {
            code: event.code,
            ctrl: held(KeyModifiers::CONTROL),
            alt: held(KeyModifiers::ALT),
            shift: held(KeyModifiers::SHIFT)
                && !matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab),
        }
    }

    /// A key event for this key (for tests and the help's checks).
    pub fn event(self) -> KeyEvent {
        let mut modifiers = KeyModifiers::NONE;
        for (held, modifier) in [
            (self.ctrl, KeyModifiers::CONTROL),
            (self.alt, KeyModifiers::ALT),
            (self.shift, KeyModifiers::SHIFT),
        ] {
            if held {
                modifiers |= modifier;
            }
        }
        KeyEvent::new(self.code, modifiers)
    }

    /// How the help writes the key: `j`, `↓`, `PgDn`, `Ctrl-D`, `Alt-Enter`.
    pub fn name(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) if self.ctrl || self.alt => c.to_ascii_uppercase().to_string(),
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
            KeyCode::Backspace => "Bksp".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let mut name = String::new();
        for (held, prefix) in [
            (self.ctrl, "Ctrl-"),
            (self.alt, "Alt-"),
            (self.shift, "Shift-"),
        ] {
            if held {
                name.push_str(prefix);
            }
        }
        name + &base
    }
}

/// One line of a key table: the keys, what they do, and how the help and
/// the status bar describe them.
#[derive(Debug, Clone)]
pub struct Binding {
    /// The keys that do it. Keys at odd places (the second, the fourth…) do
    /// the [`reverse`] of the action when it has one: `j k`, `g G`, `← →`.
    pub keys: &'static [Key],
    /// What the first key does.
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

    /// What the `at`-th key does.
    pub fn action_of(&self, at: usize) -> Action {
        match reverse(&self.action) {
            Some(back) if at % 2 == 1 => back,
            _ => self.action.clone(),
        }
    }

    /// The binding in a footer: `Enter opens`, `↓/↑ choose`.
    fn footer(&self) -> Option<String> {
        let hint = self.hint?;
        let keys = match (reverse(&self.action), self.keys) {
            (Some(_), [first, second, ..]) => format!("{}/{}", first.name(), second.name()),
            _ => self.keys.first()?.name(),
        };
        Some(format!("{keys} {hint}"))
    }
}

/// The action that undoes a direction: up for down, last for first, right
/// for left, redo for undo. `None` for actions with no direction.
pub fn reverse(action: &Action) -> Option<Action> {
    let step = |step: &Step| match step {
        Step::Down => Some(Step::Up),
        Step::First => Some(Step::Last),
        Step::PageDown => Some(Step::PageUp),
        _ => None,
    };
    let edit = |edit: &Edit| match edit {
        Edit::Left => Some(Edit::Right),
        Edit::WordLeft => Some(Edit::WordRight),
        Edit::Home => Some(Edit::End),
        Edit::Backspace => Some(Edit::Delete),
        Edit::ClearToLineStart => Some(Edit::ClearToLineEnd),
        Edit::Undo => Some(Edit::Redo),
        Edit::Down => Some(Edit::Up),
        _ => None,
    };
    match action {
        Action::Move(s) => step(s).map(Action::Move),
        Action::Scroll(s) => step(s).map(Action::Scroll),
        Action::Edit(e) => edit(e).map(Action::Edit),
        Action::FocusLeft => Some(Action::FocusRight),
        Action::FocusNext => Some(Action::FocusPrevious),
        Action::NextPost => Some(Action::PreviousPost),
        Action::NextMatch => Some(Action::PreviousMatch),
        _ => None,
    }
}

/// What the keys a table does not list do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Other {
    /// Nothing (or what the next table of the mode says).
    Nothing,
    /// Printable chars type into the text field.
    Types,
    /// Any other key does this; the words say what, for the help and the
    /// footer (`closes`).
    Does(Action, &'static str),
}

/// The keys of one mode, or a part shared by several modes.
#[derive(Debug, Clone)]
pub struct Table {
    /// The help's heading for these keys.
    pub title: &'static str,
    /// The keys.
    pub bindings: &'static [Binding],
    /// What other keys do.
    pub other: Other,
}

impl Table {
    /// What a key event does by this table, if it binds the key.
    pub fn lookup(&self, event: KeyEvent) -> Option<Action> {
        let key = Key::of(event);
        self.bindings.iter().find_map(|binding| {
            let at = binding.keys.iter().position(|&k| k == key)?;
            Some(binding.action_of(at))
        })
    }
}

/// A mode's footer from its tables' hints: `Enter opens · d discussed · Esc closes`.
pub fn footer(mode: Mode) -> String {
    let tables = mode.tables();
    let mut parts: Vec<String> = tables
        .iter()
        .flat_map(|t| t.bindings.iter().filter_map(Binding::footer))
        .collect();
    parts.extend(tables.iter().filter_map(|t| match t.other {
        Other::Does(_, what) => Some(format!("any other key {what}")),
        _ => None,
    }));
    parts.join(" · ")
}

const ESC: Key = named(KeyCode::Esc);
const ENTER: Key = named(KeyCode::Enter);
const UP: Key = named(KeyCode::Up);
const DOWN: Key = named(KeyCode::Down);
const PG_UP: Key = named(KeyCode::PageUp);
const PG_DOWN: Key = named(KeyCode::PageDown);
const HOME: Key = named(KeyCode::Home);
const END: Key = named(KeyCode::End);

/// Keys while browsing (no dialog open, not zoomed). Hinted keys are shown in
/// the status bar in this order, as many as fit.
#[rustfmt::skip]
pub const BROWSE: Table = Table { title: "Browsing", other: Other::Nothing, bindings: &[
    bind(&[plain('?'), named(KeyCode::F(1))], Action::ToggleHelp, "this help", Some("help")),
    bind(&[plain('/')], Action::StartFilter, "filter the archive as you type (Enter keeps, Esc clears)", Some("filter")),
    bind(&[plain('f')], Action::StartFind, "find a word in the open post, like less (n/N go on)", Some("find")),
    bind(&[plain('z')], Action::ToggleZoom, "zoom: the post full-screen, and back", Some("zoom")),
    bind(&[plain('j'), plain('k'), DOWN, UP], Action::Move(Step::Down), "move the selection / scroll the post", None),
    bind(&[plain('h'), plain('l'), named(KeyCode::Left), named(KeyCode::Right)], Action::FocusLeft, "focus the pane to the left / right", None),
    bind(&[named(KeyCode::Tab), named(KeyCode::BackTab)], Action::FocusNext, "focus the next / previous pane, round", None),
    bind(&[ENTER], Action::Open, "open: list → posts → post → zoom", None),
    bind(&[PG_DOWN, PG_UP, ctrl('d'), ctrl('u'), ctrl('f'), ctrl('b'), plain(' ')], Action::Scroll(Step::PageDown), "scroll the post a page down / up, whatever has focus", None),
    bind(&[plain('g'), plain('G'), HOME, END], Action::Move(Step::First), "first / last (top / bottom of the post)", None),
    bind(&[plain(']'), plain('[')], Action::NextPost, "next / previous post in the list (in zoom too)", None),
    bind(&[plain('i')], Action::JumpToImplications, "jump to Practice Implications", Some("implications")),
    bind(&[plain('n'), plain('N')], Action::NextMatch, "next / previous match in the post (find's, else the filter's)", None),
    bind(&[ESC], Action::Cancel, "leave zoom, else clear the find, else the filter", None),
    bind(&[plain('b')], Action::ToggleBookmark, "bookmark / unbookmark in the current session", None),
    bind(&[plain('e')], Action::EditNote, "edit the bookmark's note", None),
    bind(&[plain('s')], Action::PickSession, "choose or create the supervision session", None),
    bind(&[plain('B')], Action::ShowBookmarks, "bookmarks by session (keys below)", None),
    bind(&[plain('u')], Action::Undo, "undo the last bookmark removal", None),
    bind(&[plain('m')], Action::ToggleRead, "mark the post read / unread (it is marked read after 3 s open, or at its end)", None),
    bind(&[plain('t')], Action::EditTags, "confirm or change the post's topics and type of research", None),
    bind(&[plain('y')], Action::CopyCitation, "copy the citation (OSC 52); y again: BibTeX, RIS", None),
    bind(&[plain('o')], Action::OpenLink, "open the DOI link in the browser", None),
    bind(&[ctrl('z')], Action::Suspend, "suspend; the shell's fg comes back", None),
    bind(&[plain('q'), ctrl('c')], Action::Quit, "quit (Ctrl-C in a dialog closes it)", Some("quit")),
]};

/// Keys in zoom that differ from browsing; the others work as in [`BROWSE`].
#[rustfmt::skip]
pub const ZOOM: Table = Table { title: "In zoom (z)", other: Other::Nothing, bindings: &[
    bind(&[plain('z'), ESC], Action::ToggleZoom, "back to the panes", Some("back")),
    bind(&[plain(']'), plain('[')], Action::NextPost, "next / previous post", Some("next/previous post")),
    bind(&[plain('/'), plain('f')], Action::StartFind, "find in the post, like less (n/N: next/previous match)", Some("find")),
]};

/// Keys in the bookmarks view.
#[rustfmt::skip]
pub const BOOKMARKS: Table = Table { title: "In the bookmarks view (B)", other: Other::Nothing, bindings: &[
    bind(&[ENTER], Action::Confirm, "open the bookmarked post", Some("opens")),
    bind(&[plain('e')], Action::EditNote, "edit the note", Some("note")),
    bind(&[plain('d')], Action::ToggleDiscussed, "mark discussed / not discussed", Some("discussed")),
    bind(&[plain('x'), named(KeyCode::Delete)], Action::RemoveBookmark, "remove the bookmark", Some("removes")),
    bind(&[plain('u')], Action::Undo, "undo the removal", Some("undoes")),
    bind(&[plain('r')], Action::RenameSession, "rename the bookmark's session (another session's name merges)", Some("rename session")),
    bind(&[plain('m')], Action::MergeSession, "merge the bookmark's session into another (↑↓ choose)", Some("merge")),
    bind(&[plain('X')], Action::DeleteSession, "delete the bookmark's session; its bookmarks move to no session", Some("delete session")),
    bind(&[plain('j'), plain('k'), DOWN, UP], Action::Move(Step::Down), "move", None),
    bind(&[plain('g'), plain('G'), HOME, END], Action::Move(Step::First), "first / last bookmark", None),
    bind(&[PG_DOWN, PG_UP], Action::Move(Step::PageDown), "a page down / up", None),
    bind(&[plain('?')], Action::ToggleHelp, "this help", None),
    bind(&[ESC, plain('B'), plain('q')], Action::Cancel, "close the view", Some("closes")),
]};

/// Keys of the filter line (`/`), before the editing keys.
#[rustfmt::skip]
pub const FILTER: Table = Table { title: "Typing a filter (/): the archive narrows as you type", other: Other::Nothing, bindings: &[
    bind(&[ENTER], Action::Confirm, "keep the filter", Some("keeps")),
    bind(&[ESC], Action::Cancel, "clear it and go back to where you were", Some("clears")),
    bind(&[DOWN, UP], Action::Move(Step::Down), "move through the posts found", None),
    bind(&[PG_DOWN, PG_UP], Action::Scroll(Step::PageDown), "scroll the post a page down / up", None),
]};

/// Keys of find in the post (`f`; `/` in zoom), before the editing keys.
#[rustfmt::skip]
pub const FIND: Table = Table { title: "Finding in the post (f): the post stays, its matches light up", other: Other::Nothing, bindings: &[
    bind(&[ENTER], Action::Confirm, "keep the find; n/N go to the next / previous match", Some("keeps")),
    bind(&[ESC], Action::Cancel, "clear it and go back to where you were", Some("clears")),
    bind(&[DOWN, UP], Action::Scroll(Step::Down), "scroll the post a line down / up", None),
    bind(&[PG_DOWN, PG_UP], Action::Scroll(Step::PageDown), "scroll the post a page down / up", None),
]};

/// Keys of the session picker (`s`), before the editing keys.
#[rustfmt::skip]
pub const SESSION: Table = Table { title: "Choosing a session (s): type a new name or choose one", other: Other::Nothing, bindings: &[
    bind(&[DOWN, UP], Action::Move(Step::Down), "move through the sessions", Some("choose")),
    bind(&[ENTER], Action::Confirm, "pick the session (or start the one typed)", Some("picks")),
    bind(&[ESC], Action::Cancel, "cancel", Some("cancels")),
]};

/// Keys of the rename and merge dialogs of the bookmarks view (`r`, `m`),
/// before the editing keys.
#[rustfmt::skip]
pub const SESSION_NAME: Table = Table { title: "Renaming or merging a session (r, m in the bookmarks view)", other: Other::Nothing, bindings: &[
    bind(&[DOWN, UP], Action::Move(Step::Down), "move through the other sessions", Some("choose")),
    bind(&[ENTER], Action::Confirm, "rename to the name typed, or merge into the session chosen", Some("applies")),
    bind(&[ESC], Action::Cancel, "cancel", Some("cancels")),
]};

/// Keys of the note editor (`e`), before the editing keys.
#[rustfmt::skip]
pub const NOTE: Table = Table { title: "Writing a note (e)", other: Other::Nothing, bindings: &[
    bind(&[ENTER, ctrl('s')], Action::Confirm, "save the note", Some("saves")),
    bind(&[ctrl('j'), alt(KeyCode::Enter), shift(KeyCode::Enter)], Action::Newline, "a new line", Some("new line")),
    bind(&[ctrl('z'), ctrl('y')], Action::Edit(Edit::Undo), "undo / redo", Some("undo")),
    bind(&[DOWN, UP], Action::Edit(Edit::Down), "the line below / above", None),
    bind(&[ESC], Action::Cancel, "cancel (asks first when the note changed)", Some("cancels")),
]};

/// Editing keys shared by every text field, readline-style; other chars type.
#[rustfmt::skip]
pub const EDITING: Table = Table { title: "Editing any text field (filter, find, session, note)", other: Other::Types, bindings: &[
    bind(&[named(KeyCode::Left), named(KeyCode::Right)], Action::Edit(Edit::Left), "a char left / right", None),
    bind(&[ctrl_named(KeyCode::Left), ctrl_named(KeyCode::Right), alt(KeyCode::Char('b')), alt(KeyCode::Char('f')), alt(KeyCode::Left), alt(KeyCode::Right)], Action::Edit(Edit::WordLeft), "a word left / right", None),
    bind(&[HOME, END, ctrl('a'), ctrl('e')], Action::Edit(Edit::Home), "start / end of the line", None),
    bind(&[named(KeyCode::Backspace), named(KeyCode::Delete)], Action::Edit(Edit::Backspace), "delete the char before / under the cursor", None),
    bind(&[ctrl('w'), alt(KeyCode::Backspace), ctrl_named(KeyCode::Backspace)], Action::Edit(Edit::DeleteWord), "delete the word before the cursor", None),
    bind(&[ctrl('u'), ctrl('k')], Action::Edit(Edit::ClearToLineStart), "clear before / after the cursor", None),
]};

/// Keys of every dialog, after its own.
#[rustfmt::skip]
pub const DIALOG: Table = Table { title: "In any dialog", other: Other::Nothing, bindings: &[
    bind(&[ctrl('c')], Action::Cancel, "close it (a changed note asks first; a conflict keeps both)", None),
    bind(&[ctrl('z')], Action::Suspend, "suspend (in a note: undo)", None),
]};

/// Keys of the help overlay.
#[rustfmt::skip]
pub const HELP: Table = Table { title: "In this help", other: Other::Does(Action::ToggleHelp, "closes"), bindings: &[
    bind(&[plain('j'), plain('k'), DOWN, UP], Action::Move(Step::Down), "scroll a line", Some("scroll")),
    bind(&[PG_DOWN, PG_UP, plain(' ')], Action::Move(Step::PageDown), "scroll a page", None),
    bind(&[plain('g'), plain('G'), HOME, END], Action::Move(Step::First), "top / bottom", None),
    bind(&[ctrl('c')], Action::ToggleHelp, "close the help", None),
]};

/// Keys of a yes/no question.
#[rustfmt::skip]
pub const CONFIRM: Table = Table { title: "A question", other: Other::Nothing, bindings: &[
    bind(&[plain('y'), plain('Y')], Action::Confirm, "yes", Some("yes")),
    bind(&[plain('n'), plain('N'), ESC], Action::Cancel, "no", Some("no")),
]};

/// Keys of a link nothing could open.
#[rustfmt::skip]
pub const LINK: Table = Table { title: "A link that did not open", other: Other::Does(Action::Cancel, "closes"), bindings: &[
    bind(&[plain('y')], Action::Confirm, "copy the link (OSC 52)", Some("copies the link (OSC 52)")),
]};

/// Keys of a note that changed elsewhere while it was edited.
#[rustfmt::skip]
pub const CONFLICT: Table = Table { title: "A note changed elsewhere", other: Other::Nothing, bindings: &[
    bind(&[plain('m')], Action::Resolve(Resolution::KeepMine), "keep my note", Some("keep mine")),
    bind(&[plain('t')], Action::Resolve(Resolution::KeepTheirs), "keep the note stored meanwhile", Some("keep theirs")),
    bind(&[plain('b')], Action::Resolve(Resolution::KeepBoth), "keep both, one after the other", Some("keep both")),
    bind(&[ESC], Action::Cancel, "keep both too: closing never loses words", Some("also keeps both")),
]};

/// Keys of the checklist of a post's topics and research type.
#[rustfmt::skip]
pub const TAGS: Table = Table { title: "In the topics checklist (t)", other: Other::Nothing, bindings: &[
    bind(&[plain(' ')], Action::ToggleItem, "check / uncheck a topic; choose the type", Some("toggles")),
    bind(&[ENTER], Action::Confirm, "save: the checked tags become yours, suggestions confirmed", Some("saves")),
    bind(&[plain('j'), plain('k'), DOWN, UP], Action::Move(Step::Down), "move", None),
    bind(&[plain('g'), plain('G'), HOME, END], Action::Move(Step::First), "first / last row", None),
    bind(&[PG_DOWN, PG_UP], Action::Move(Step::PageDown), "a page down / up", None),
    bind(&[ESC, plain('q')], Action::Cancel, "close without saving (asks if you changed something)", Some("cancels")),
]};

/// Every key table, in the order the help lists them.
pub const TABLES: [&Table; 15] = [
    &BROWSE,
    &ZOOM,
    &BOOKMARKS,
    &TAGS,
    &FILTER,
    &FIND,
    &SESSION,
    &SESSION_NAME,
    &NOTE,
    &EDITING,
    &DIALOG,
    &HELP,
    &CONFIRM,
    &LINK,
    &CONFLICT,
];

/// What the mouse does, listed in the help after the keys.
pub const MOUSE_HELP: (&str, &str) = ("mouse", "wheel scrolls the pane under it; click chooses");

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventState;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl_key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    #[test]
    fn releases_never_act() {
        let release = KeyEvent {
            code: KeyCode::Char('q'),
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Release,
            state: KeyEventState::NONE,
        };
        for mode in Mode::ALL {
            assert_eq!(action(mode, release), None);
        }
    }

    #[test]
    fn vim_keys_and_arrows_do_the_same() {
        for (a, b) in [
            ('j', KeyCode::Down),
            ('l', KeyCode::Right),
            ('h', KeyCode::Left),
        ] {
            assert_eq!(
                action(Mode::Normal, key(KeyCode::Char(a))),
                action(Mode::Normal, key(b))
            );
        }
        assert_eq!(
            action(Mode::Bookmarks, key(KeyCode::Char('k'))),
            action(Mode::Bookmarks, key(KeyCode::Up))
        );
    }

    #[test]
    fn letters_type_into_text_fields_instead_of_acting() {
        for mode in [
            Mode::Filter,
            Mode::Note,
            Mode::Session,
            Mode::SessionName,
            Mode::Find,
        ] {
            for c in ['q', 'é', 'G', ' '] {
                assert_eq!(
                    action(mode, key(KeyCode::Char(c))),
                    Some(Action::Edit(Edit::Insert(c))),
                    "{c} in {mode:?}"
                );
            }
            assert_eq!(action(mode, key(KeyCode::Esc)), Some(Action::Cancel));
            assert_eq!(action(mode, key(KeyCode::Enter)), Some(Action::Confirm));
            assert_eq!(action(mode, ctrl_key('q')), None, "Ctrl never types");
        }
    }

    #[test]
    fn the_note_editor_saves_with_ctrl_s_and_breaks_lines_with_ctrl_j() {
        assert_eq!(action(Mode::Note, ctrl_key('s')), Some(Action::Confirm));
        assert_eq!(action(Mode::Note, ctrl_key('j')), Some(Action::Newline));
        for modifier in [KeyModifiers::ALT, KeyModifiers::SHIFT] {
            let enter = KeyEvent::new(KeyCode::Enter, modifier);
            assert_eq!(action(Mode::Note, enter), Some(Action::Newline));
        }
    }

    #[test]
    fn shift_is_part_of_a_char_but_a_modifier_of_other_keys() {
        let shifted = |code| KeyEvent::new(code, KeyModifiers::SHIFT);
        assert_eq!(
            action(Mode::Normal, shifted(KeyCode::Char('G'))),
            Some(Action::Move(Step::Last))
        );
        assert_eq!(
            action(Mode::Normal, shifted(KeyCode::BackTab)),
            Some(Action::FocusPrevious)
        );
        assert_eq!(action(Mode::Filter, shifted(KeyCode::Enter)), None);
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
        assert_eq!(action(Mode::Normal, ctrl_key('c')), Some(Action::Quit));
        assert_eq!(action(Mode::Zoom, ctrl_key('c')), Some(Action::Quit));
        assert_eq!(action(Mode::Help, ctrl_key('c')), Some(Action::ToggleHelp));
        for mode in Mode::ALL {
            if !matches!(mode, Mode::Normal | Mode::Zoom | Mode::Help) {
                assert_eq!(
                    action(mode, ctrl_key('c')),
                    Some(Action::Cancel),
                    "{mode:?}"
                );
            }
        }
    }

    /// Every key of every mode's tables does what its table says (unless a
    /// table before it in the mode binds the same key), every mode's
    /// tables are in the help, and so is every key and what it does.
    #[test]
    fn every_bound_key_acts_as_its_table_says_and_is_in_the_help() {
        // Words of the help, as one line: descriptions may wrap.
        let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        for size in [(200, 200), (80, 14), (40, 10)] {
            let help = words(&crate::tui::help::HelpView::new(size).text().join(" "));
            for table in TABLES {
                assert!(help.contains(table.title), "{} at {size:?}", table.title);
                for binding in table.bindings {
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
        let in_help = |table: &Table| TABLES.iter().any(|t| t.title == table.title);
        let mut reached = Vec::new();
        for mode in Mode::ALL {
            let tables = mode.tables();
            for (layer, table) in tables.iter().enumerate() {
                assert!(in_help(table), "{mode:?}: {} is not in TABLES", table.title);
                reached.push(table.title);
                for binding in table.bindings {
                    for (at, key) in binding.keys.iter().enumerate() {
                        assert_eq!(Key::of(key.event()), *key, "{}", key.name());
                        let earlier = tables[..layer].iter().find_map(|t| t.lookup(key.event()));
                        let wanted = earlier.unwrap_or_else(|| binding.action_of(at));
                        assert_eq!(
                            action(mode, key.event()),
                            Some(wanted),
                            "{} in {mode:?}",
                            key.name()
                        );
                    }
                }
            }
        }
        for table in TABLES {
            assert!(
                reached.contains(&table.title),
                "no mode uses {}",
                table.title
            );
        }
    }

    #[test]
    fn no_table_binds_a_key_twice() {
        for table in TABLES {
            let keys: Vec<Key> = table
                .bindings
                .iter()
                .flat_map(|b| b.keys)
                .copied()
                .collect();
            for (i, key) in keys.iter().enumerate() {
                assert!(
                    !keys[..i].contains(key),
                    "{} twice in {}",
                    key.name(),
                    table.title
                );
            }
        }
    }

    #[test]
    fn footers_come_from_the_hints() {
        assert_eq!(
            footer(Mode::Bookmarks),
            "Enter opens · e note · d discussed · x removes · u undoes · r rename session · \
             m merge · X delete session · Esc closes"
        );
        assert_eq!(
            footer(Mode::Session),
            "↓/↑ choose · Enter picks · Esc cancels"
        );
        assert_eq!(
            footer(Mode::Link),
            "y copies the link (OSC 52) · any other key closes"
        );
        assert_eq!(footer(Mode::Help), "j/k scroll · any other key closes");
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
        for mode in Mode::ALL {
            let typed = matches!(
                mode,
                Mode::Filter | Mode::Session | Mode::SessionName | Mode::Note | Mode::Find
            );
            let expected = typed.then(|| Action::Paste("q\nb".into()));
            assert_eq!(paste_action(mode, "q\nb".into()), expected, "{mode:?}");
        }
    }

    #[test]
    fn ctrl_z_suspends_except_in_the_note_editor_where_it_undoes() {
        assert_eq!(action(Mode::Normal, ctrl_key('z')), Some(Action::Suspend));
        assert_eq!(action(Mode::Filter, ctrl_key('z')), Some(Action::Suspend));
        assert_eq!(action(Mode::Help, ctrl_key('z')), Some(Action::Suspend));
        assert_eq!(
            action(Mode::Note, ctrl_key('z')),
            Some(Action::Edit(Edit::Undo))
        );
        assert_eq!(
            action(Mode::Note, ctrl_key('y')),
            Some(Action::Edit(Edit::Redo))
        );
        assert_eq!(
            action(Mode::Note, ctrl_key('u')),
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
