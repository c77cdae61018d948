//! The visit of this run: its read marks and "New" are worked out on a thread
//! of their own (reading `read.ron` and the library), so the first frame does
//! not wait for a large library to be parsed; the visit is recorded when the
//! reader ends.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::app::App;
use crate::datafile::StoreError;
use crate::library::{self, Marks, Visit};

/// The visit begun when the reader started.
pub(super) struct Visits {
    /// The data directory, where read marks and the library are.
    dir: PathBuf,
    /// When the visit began (RFC 3339).
    start: String,
    /// The visit being worked out, until the reader has it.
    arriving: Option<Receiver<Visit>>,
}

impl Visits {
    /// Begins the visit now: `work` works out what it knows, given its start,
    /// on another thread.
    pub(super) fn begin(dir: &Path, work: impl FnOnce(String) -> Visit + Send + 'static) -> Visits {
        let start = library::now();
        let (sender, receiver) = channel();
        let begun = start.clone();
        std::thread::spawn(move || {
            // The reader may be gone: nothing to do then.
            let _ = sender.send(work(begun));
        });
        Visits {
            dir: dir.to_path_buf(),
            start,
            arriving: Some(receiver),
        }
    }

    /// The data directory.
    pub(super) fn dir(&self) -> &Path {
        &self.dir
    }

    /// When the visit began.
    pub(super) fn start(&self) -> &str {
        &self.start
    }

    /// Whether the visit is still being worked out.
    pub(super) fn pending(&self) -> bool {
        self.arriving.is_some()
    }

    /// Hands the visit to the reader once it is there (waiting for it when
    /// `block`); whether it did.
    pub(super) fn deliver(&mut self, app: &mut App, block: bool) -> bool {
        let Some(arriving) = &self.arriving else {
            return false;
        };
        let visit = if block {
            arriving.recv().map_err(|_| TryRecvError::Disconnected)
        } else {
            arriving.try_recv()
        };
        match visit {
            Ok(visit) => {
                app.set_visit(&visit);
                self.arriving = None;
                true
            }
            Err(TryRecvError::Empty) => false,
            // The thread died: the reader goes on without read marks.
            Err(TryRecvError::Disconnected) => {
                self.arriving = None;
                false
            }
        }
    }

    /// Records the visit as the last one (see [`library::visit::end`]).
    pub(super) fn end(&self) -> Result<Marks, StoreError> {
        library::visit::end(&self.dir, &self.start)
    }
}
