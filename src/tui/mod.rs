//! The reader: terminal set-up and restore, and the event loop that turns
//! terminal events into actions, updates the state and draws it.

pub mod action;
pub mod app;
mod background;
pub mod help;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod memory;
mod system;
pub mod ui;
mod visit;

use std::io::IsTerminal;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use anyhow::{Context, Result, bail};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, MouseButton, MouseEventKind};
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};

use crate::bookmarks::model::local_date;
use crate::bookmarks::{BookmarkStore, Change};
use crate::cache::Loader;
use crate::library::{self, MarkChange, Visit};
use action::Action;
use app::{App, Effect};
use background::Background;
use keymap::Mode;
use memory::{Loaded as Remembered, ReaderState};
use ui::{Theme, Ui};
use visit::Visits;

/// Lines the mouse wheel scrolls per notch.
const WHEEL_LINES: i32 = 3;

/// Runs the reader on the archive `loader` loads until the user quits. Reader
/// state is read from and saved to `data_dir`, and so are read marks: `visit`
/// works out what the visit that begins at the time it is given knows (see
/// [`library::visit::begin`]), on a thread of its own; the visit is recorded
/// when the reader exits.
pub fn run(
    loader: &Loader,
    data_dir: &Path,
    visit: impl FnOnce(String) -> Visit + Send + 'static,
) -> Result<()> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!("the reader needs a terminal; try `pprnet list` or `pprnet show ID`");
    }
    // Today's date in the local time zone, read before any thread starts.
    let today = local_date(jiff::Timestamp::now(), &jiff::tz::TimeZone::system());
    let mut visits = Visits::begin(data_dir, visit);
    let (archive, mut background) = Background::open(loader)?;
    let remembered = memory::load(data_dir);
    let mut store = BookmarkStore::open_or_read_only(data_dir);
    let latest = Arc::new(Mutex::new(Latest::default()));
    let stop = Arc::new(AtomicBool::new(false));
    watch_signals(
        data_dir,
        visits.start(),
        Arc::clone(&latest),
        Arc::clone(&stop),
    )?;
    let config = crate::config::path().map(|path| crate::config::load(&path));
    let config = config.unwrap_or_default();
    let mut session = TerminalSession::start(config.config.mouse)?;
    let size = session.terminal.size()?;
    let mut app = App::new(archive, (size.width, size.height));
    app.set_config(config.config);
    app.today = today;
    app.set_bookmarks(store.bookmarks().to_vec(), problem(&store));
    match remembered {
        Remembered::State(state) => app.restore(&state),
        Remembered::Unreadable(message) => app.status = Some(message),
        Remembered::Nothing => {}
    }
    if let Some(problem) = config.problems.first() {
        let more = match config.problems.len() {
            1 => String::new(),
            n => format!(" (and {} more: `pprnet config` lists them)", n - 1),
        };
        app.status = Some(format!("{problem}{more}"));
    }
    let theme = Theme::from_config(&config.config);
    background.fill_selected(&mut app);
    let outcome = event_loop(
        &mut session,
        &mut app,
        &mut store,
        &mut visits,
        &theme,
        &latest,
        &stop,
        &mut background,
    );
    drop(session);
    // Save where the reader was, and a note only the reader holds, even when
    // the loop ended in an error (a terminal that went away, say).
    let note_saved = save_unsaved_note(&mut store, app.unsaved_note());
    let saved = memory::save(data_dir, &app.reader_state())
        .with_context(|| format!("{}: cannot save the reader's state", data_dir.display()));
    if let Some(problem) = background.finish() {
        crate::cli::warn(format!("pprnet: {problem}"));
    }
    if let Err(err) = visits.end() {
        crate::cli::warn(format!(
            "pprnet: warning: this visit was not recorded: {err}"
        ));
    }
    // The process ends now: freeing a large archive would only take time.
    std::mem::forget(app);
    outcome.and(note_saved).and(saved)
}

/// What the signal watcher saves when the reader is stopped from outside:
/// where the reader was, and the note words only it holds (see
/// [`App::unsaved_note`]).
#[derive(Default)]
struct Latest {
    state: ReaderState,
    unsaved_note: Option<Change>,
}

/// Saves a note only the reader holds, keeping both notes where the stored
/// one changed meanwhile (nobody is there to ask).
fn save_unsaved_note(store: &mut BookmarkStore, unsaved: Option<Change>) -> Result<()> {
    if let Some(change) = unsaved {
        store
            .apply_keeping_both(change)
            .context("cannot save the note being edited")?;
    }
    Ok(())
}

/// How long to wait for input before checking for changes to the bookmarks
/// file made by other processes.
const TICK: Duration = Duration::from_millis(250);

/// How long to wait for input while the rest of the archive is loading.
const LOADING_TICK: Duration = Duration::from_millis(10);

/// Draws (when something changed), waits for an event, updates; until the user
/// quits. `latest` always holds where the reader is, for the signal watcher;
/// `stop` is set when a SIGTSTP asks the reader to suspend. Each turn tells the
/// reader how much time passed (read marks need it).
#[allow(clippy::too_many_arguments)]
fn event_loop(
    session: &mut TerminalSession,
    app: &mut App,
    store: &mut BookmarkStore,
    visits: &mut Visits,
    theme: &Theme,
    latest: &Mutex<Latest>,
    stop: &AtomicBool,
    background: &mut Background,
) -> Result<()> {
    let mut bookmarks_seen = modified(store.path());
    let mut changed = true;
    let mut last_tick = Instant::now();
    while !app.should_quit {
        if changed {
            session
                .terminal
                .draw(|frame| frame.render_widget(Ui { app, theme }, frame.area()))?;
            changed = false;
            background.after_first_frame(app);
        }
        let tick = if background.busy() || visits.pending() {
            LOADING_TICK
        } else {
            TICK
        };
        if event::poll(tick)? {
            // Any event may change the screen, even one with no action (a
            // terminal that was cleared by another program, say).
            changed = true;
            let event = event::read()?;
            if matches!(event, Event::Resize(..)) {
                // A shrink cuts what the terminal shows, and the size may be
                // back to the one last drawn by the time the event is read
                // (so ratatui would draw only what changed): clear the
                // screen and draw it all.
                let area = session.terminal.size()?.into();
                session.terminal.resize(area)?;
            }
            if let Some(action) = event_action(app.mode(), event) {
                // Keys wait for what is still loading (the index, say).
                if !matches!(action, Action::Resize(..)) {
                    background.wait(app);
                    visits.deliver(app, true);
                }
                app.update(action);
            }
        }
        // Resizes in quick succession may come as fewer events than there
        // were, the last size not among them: the terminal's size decides.
        let size = session.terminal.size()?;
        if (size.width, size.height) != app.size {
            session.terminal.resize(size.into())?;
            app.update(Action::Resize(size.width, size.height));
            changed = true;
        }
        if stop.swap(false, Ordering::Relaxed) {
            app.update(Action::Suspend);
        }
        changed |= background.deliver(app);
        changed |= visits.deliver(app, false);
        system::reap_children();
        let now = Instant::now();
        app.update(Action::Tick(now - last_tick));
        last_tick = now;
        let effects = app.take_effects();
        // An effect changes what is shown (a post marked read by the tick).
        changed |= !effects.is_empty();
        for effect in effects {
            perform(effect, app, store, visits.dir(), session)?;
        }
        let bookmarks_now = modified(store.path());
        if bookmarks_now != bookmarks_seen {
            bookmarks_seen = bookmarks_now;
            perform(Effect::ReloadBookmarks, app, store, visits.dir(), session)?;
            changed = true;
        }
        if changed {
            *latest
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()) = Latest {
                state: app.reader_state(),
                unsaved_note: app.unsaved_note(),
            };
        }
    }
    Ok(())
}

/// When a file was last changed, if it exists.
fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// On SIGTERM, SIGHUP (the terminal went away) or SIGINT, a watcher thread
/// restores the terminal, saves where the reader was and any note only the
/// reader holds (`latest`), records the visit that began at `start`, and
/// exits. It
/// does not wait for the event loop, which may be stuck reading a terminal
/// that is gone. SIGTSTP (`kill -TSTP`) sets `stop`, for the event loop to
/// suspend with the terminal restored.
fn watch_signals(
    data_dir: &Path,
    start: &str,
    latest: Arc<Mutex<Latest>>,
    stop: Arc<AtomicBool>,
) -> Result<()> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGTSTP};
        signal_hook::flag::register(SIGTSTP, stop).context("cannot watch for signals")?;
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])
            .context("cannot watch for signals")?;
        let data_dir = data_dir.to_path_buf();
        let start = start.to_string();
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                restore_terminal();
                let latest = std::mem::take(
                    &mut *latest
                        .lock()
                        .unwrap_or_else(|poisoned| poisoned.into_inner()),
                );
                let mut store = BookmarkStore::open_or_read_only(&data_dir);
                if let Err(e) = save_unsaved_note(&mut store, latest.unsaved_note) {
                    crate::cli::warn(format!("pprnet: {e:#}"));
                }
                let _ = memory::save(&data_dir, &latest.state);
                let _ = library::visit::end(&data_dir, &start);
                std::process::exit(128 + signal);
            }
        });
    }
    Ok(())
}

/// Gives the terminal back to the shell and stops until `fg` (SIGCONT), then
/// takes it again and draws the whole screen anew.
fn suspend(session: &mut TerminalSession) -> Result<()> {
    restore_terminal();
    #[cfg(unix)]
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP).context("cannot suspend")?;
    session.retake()
}

/// Opens a link with the terminal given up meanwhile (a text browser such as
/// w3m runs in it), and tells the reader how it went.
fn open_link(url: String, app: &mut App, session: &mut TerminalSession) -> Result<()> {
    restore_terminal();
    let opened = system::open_url(&url);
    session.retake()?;
    app.link_opened(url, opened);
    Ok(())
}

/// The action a terminal event asks for, if any.
fn event_action(mode: Mode, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => keymap::action(mode, key),
        Event::Paste(text) => keymap::paste_action(mode, text),
        Event::Resize(width, height) => Some(Action::Resize(width, height)),
        Event::Mouse(mouse) => {
            let (column, row) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::ScrollUp => Some(Action::ScrollAt {
                    column,
                    row,
                    lines: -WHEEL_LINES,
                }),
                MouseEventKind::ScrollDown => Some(Action::ScrollAt {
                    column,
                    row,
                    lines: WHEEL_LINES,
                }),
                MouseEventKind::Down(MouseButton::Left) if mode == Mode::Normal => {
                    Some(Action::ClickAt { column, row })
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// Carries out an effect and tells the reader how it went.
fn perform(
    effect: Effect,
    app: &mut App,
    store: &mut BookmarkStore,
    data_dir: &Path,
    session: &mut TerminalSession,
) -> Result<()> {
    match effect {
        Effect::Suspend => suspend(session)?,
        Effect::Copy(text) => {
            app.status = Some(match system::copy_osc52(&text) {
                Ok(said) => app.copied_message(&said),
                Err(e) => e,
            })
        }
        Effect::OpenUrl(url) => open_link(url, app, session)?,
        Effect::Bookmark(change) => {
            let result = store.apply(change).map_err(|e| e.to_string());
            app.bookmarks_changed(store.bookmarks().to_vec(), result, problem(store));
        }
        Effect::MarkRead { post, read } => {
            let change = MarkChange::Read { post, read };
            let result = library::marks::apply(data_dir, &[change]);
            app.marks_saved(result.map_err(|e| e.to_string()));
        }
        Effect::Curate { post, tags } => {
            let result = library::store::curate(data_dir, &post, tags.clone());
            app.curation_saved(&post, &tags, result.map(drop).map_err(|e| e.to_string()));
        }
        Effect::Session(change) => {
            let result = store
                .apply_session(change.clone())
                .map_err(|e| e.to_string());
            app.sessions_changed(store.bookmarks().to_vec(), &change, result, problem(store));
        }
        Effect::ReloadBookmarks => {
            // A failure is recorded in the store and shown by set_bookmarks.
            let _ = store.reload();
            app.set_bookmarks(store.bookmarks().to_vec(), problem(store));
        }
    }
    Ok(())
}

/// Why the store is read-only, if it is.
fn problem(store: &BookmarkStore) -> Option<String> {
    store.problem().map(|p| p.to_string())
}

/// The terminal in raw mode on the alternate screen with bracketed paste, and
/// mouse reporting unless the config turns it off. It is restored when this is
/// dropped, and by a panic hook if the reader panics.
struct TerminalSession {
    terminal: DefaultTerminal,
    /// Whether mouse reporting is on.
    mouse: bool,
}

impl TerminalSession {
    fn start(mouse: bool) -> Result<TerminalSession> {
        let terminal = ratatui::try_init().context("cannot set up the terminal")?;
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(
                std::io::stdout(),
                DisableMouseCapture,
                DisableBracketedPaste
            );
            previous(info);
        }));
        let session = TerminalSession { terminal, mouse };
        execute!(std::io::stdout(), EnableBracketedPaste)
            .context("cannot enable bracketed paste")?;
        if mouse {
            execute!(std::io::stdout(), EnableMouseCapture).context("cannot enable the mouse")?;
        }
        Ok(session)
    }

    /// Takes the terminal back after [`restore_terminal`] gave it up (a
    /// suspend, a text browser): raw mode, the alternate screen, bracketed
    /// paste and the mouse as before, and everything drawn anew.
    fn retake(&mut self) -> Result<()> {
        enable_raw_mode().context("cannot set up the terminal")?;
        execute!(
            std::io::stdout(),
            EnterAlternateScreen,
            EnableBracketedPaste
        )
        .context("cannot set up the terminal")?;
        if self.mouse {
            execute!(std::io::stdout(), EnableMouseCapture).context("cannot enable the mouse")?;
        }
        // Both of ratatui's buffers are emptied, so the next frame is compared
        // with nothing and drawn whole on the cleared screen. (`Terminal::clear`
        // would ask the terminal where its cursor is, and wait for the answer.)
        execute!(std::io::stdout(), Clear(ClearType::All)).context("cannot clear the terminal")?;
        self.terminal.swap_buffers();
        self.terminal.swap_buffers();
        Ok(())
    }
}

impl Drop for TerminalSession {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Turns mouse reporting and bracketed paste off, leaves the alternate screen
/// and raw mode.
fn restore_terminal() {
    // The terminal may be gone (SIGHUP): ignore errors rather than print them.
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste
    );
    let _ = ratatui::try_restore();
}
