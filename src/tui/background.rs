//! Loading what the first frame does not need on a thread of its own: the
//! posts' bodies and the search index (from the cache, or built), and writing
//! the cache after a start without one. What it loads reaches the reader as
//! [`Action::Arrived`].

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::thread::JoinHandle;

use anyhow::Result;

use super::action::Action;
use super::app::{App, Arrival};
use crate::archive::Archive;
use crate::cache::{Bodies, Catalog, Detail, Loader};

/// The background loader of one reader.
pub(super) struct Background {
    loader: Loader,
    /// Where the first frame's posts' bodies are.
    bodies: Bodies,
    /// Whether the reader opened on the cache (else on the sources, read
    /// whole).
    cached: bool,
    arrivals: Option<Receiver<Arrival>>,
    /// Arrivals still to come before the reader has everything.
    waiting: usize,
    worker: Option<JoinHandle<()>>,
}

impl Background {
    /// Loads what the first frame needs: the archive, without the posts'
    /// bodies when it comes from the cache (whose content hash is checked
    /// only after the first frame: see [`Background::after_first_frame`]).
    pub(super) fn open(loader: &Loader) -> Result<(Archive, Background)> {
        let catalog = loader.catalog_unchecked(Detail::Titles)?;
        let background = Background {
            loader: loader.clone(),
            cached: catalog.cached(),
            bodies: catalog.bodies,
            arrivals: None,
            waiting: 0,
            worker: None,
        };
        Ok((catalog.archive, background))
    }

    /// Before the first frame: the selected post, whole, when the reader
    /// opened on the cache.
    pub(super) fn fill_selected(&self, app: &mut App) {
        let Some(&index) = app.visible.get(app.selected) else {
            return;
        };
        if self.cached
            && let Some(post) = self.bodies.post(&app.archive, index)
        {
            app.update(Action::Arrived(Arrival::Post(index, Arc::new(post))));
        }
    }

    /// After the first frame, on a thread of its own: when the reader opened
    /// on the cache, checks it against the sources' content hash (a stale
    /// one is replaced by the sources, read afresh), then loads the bodies
    /// and the index; when it opened on the sources, builds the index and
    /// writes the cache.
    pub(super) fn after_first_frame(&mut self, app: &App) {
        if self.arrivals.is_some() {
            return;
        }
        let loader = self.loader.clone();
        if !self.cached {
            let archive = app.archive.clone();
            self.spawn(1, move |send| {
                send(Arrival::Index(Arc::new(loader.build_index(&archive))));
                loader.store(&archive);
            });
            return;
        }
        let catalog = Catalog {
            archive: app.archive.clone(),
            bodies: self.bodies.clone(),
        };
        self.spawn(2, move |send| {
            let same = match loader.is_current(&catalog) {
                true => catalog.complete(),
                false => None,
            };
            let replaced = same.is_none();
            // Stale or damaged: read from the sources (and cached).
            let Some(archive) = same.or_else(|| loader.archive().ok()) else {
                return;
            };
            let index = loader
                .cached_index()
                .unwrap_or_else(|| loader.build_index(&archive));
            let archive = Arc::new(archive);
            send(match replaced {
                true => Arrival::Replaced(archive),
                false => Arrival::Archive(archive),
            });
            send(Arrival::Index(Arc::new(index)));
        });
    }

    fn spawn(&mut self, arrivals: usize, work: impl FnOnce(&dyn Fn(Arrival)) + Send + 'static) {
        let (sender, receiver) = channel();
        self.arrivals = Some(receiver);
        self.waiting = arrivals;
        self.worker = Some(std::thread::spawn(move || {
            // The reader may be gone: nothing to do then.
            work(&|arrival| {
                let _ = sender.send(arrival);
            })
        }));
    }

    /// Whether something is still to arrive.
    pub(super) fn busy(&self) -> bool {
        self.waiting > 0
    }

    /// Hands what arrived so far to the reader; whether anything did.
    pub(super) fn deliver(&mut self, app: &mut App) -> bool {
        self.take(app, false)
    }

    /// Waits for everything still to arrive and hands it to the reader.
    pub(super) fn wait(&mut self, app: &mut App) {
        self.take(app, true);
    }

    fn take(&mut self, app: &mut App, block: bool) -> bool {
        let mut any = false;
        while self.waiting > 0 {
            let Some(arrivals) = &self.arrivals else {
                break;
            };
            let next = if block {
                arrivals.recv().map_err(|_| TryRecvError::Disconnected)
            } else {
                arrivals.try_recv()
            };
            match next {
                Ok(arrival) => {
                    self.waiting -= 1;
                    any = true;
                    app.update(Action::Arrived(arrival));
                }
                Err(TryRecvError::Empty) => break,
                // The worker gave up (the sources became unreadable): the
                // reader goes on with what it has, and builds the index
                // itself if a query needs it.
                Err(TryRecvError::Disconnected) => self.waiting = 0,
            }
        }
        any
    }

    /// After the reader closed: waits for the cache to be written. Returns
    /// the problem writing it, if any, for standard error.
    pub(super) fn finish(self) -> Option<String> {
        if let Some(worker) = self.worker {
            let _ = worker.join();
        }
        self.loader.problem()
    }
}
