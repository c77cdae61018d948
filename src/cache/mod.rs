//! A cache of the loaded archive and of its search index, so that a large
//! archive opens at once after the first run.
//!
//! The cache lives in the platform cache directory (`$XDG_CACHE_HOME/pprnet`,
//! `~/.cache/pprnet`), never beside the user's data: it can always be rebuilt.
//! Each list of sources (the bundled archive or `--archive FILE`, plus the
//! library) has two files, `archive-NAME.bin` and `index-NAME.bin`, each
//! keyed by the program's version and build and by every source's size,
//! modification time and content hash ([`key`]). A file whose key differs, or
//! that is truncated or damaged (checksums and rkyv's validation), is ignored
//! and rebuilt; one that cannot be written only costs speed. Sources smaller
//! than [`SMALL`] are not cached: parsing them is as quick.

mod file;
mod key;
mod posts;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use anyhow::Result;

use crate::archive::{Archive, Post};
use crate::search::{SearchIndex, stored};

use file::CacheFile;
use key::Key;
pub use key::Source;
pub use posts::Detail;

/// Sources smaller than this in total are parsed every time.
pub const SMALL: u64 = 256 * 1024;

/// How the archive is made from its sources when the cache cannot be used:
/// read, parse, validate and merge them.
pub type Build = fn(&[Source]) -> Result<Built>;

/// What a [`Build`] made.
#[derive(Debug)]
pub struct Built {
    /// The archive.
    pub archive: Archive,
    /// Whether a source was left out (a damaged library, with a warning): such
    /// an archive is not cached, so that every run warns again.
    pub partial: bool,
}

/// Loads the archive of some sources, through the cache when it can.
#[derive(Debug, Clone)]
pub struct Loader {
    sources: Vec<Source>,
    build: Build,
    /// The cache directory (none: no cache).
    dir: Option<PathBuf>,
    /// Where this list of sources is cached, and its key, worked out when
    /// first needed; `None` when it is not cached (small, unreadable, or no
    /// cache directory).
    place: Arc<OnceLock<Option<Place>>>,
    /// The hash of the sources' content, worked out when first needed
    /// (`None`: a source could not be read).
    content: Arc<OnceLock<Option<u128>>>,
    /// The first problem writing the cache, to report once.
    problem: Arc<Mutex<Option<String>>>,
    /// Whether a build left a source out (then nothing is cached).
    partial: Arc<std::sync::atomic::AtomicBool>,
}

#[derive(Debug)]
struct Place {
    dir: PathBuf,
    archive: PathBuf,
    index: PathBuf,
    key: Key,
}

/// The platform cache directory for pprnet (honours `XDG_CACHE_HOME`).
pub fn default_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "pprnet").map(|dirs| dirs.cache_dir().to_path_buf())
}

impl Loader {
    /// A loader of `sources`, made by `build`, cached in the platform cache
    /// directory. The first load reads the sources once to work out the
    /// cache key.
    pub fn new(sources: Vec<Source>, build: Build) -> Loader {
        Loader::with_dir(sources, build, default_dir().as_deref())
    }

    /// A loader cached in `dir` (none: no cache).
    pub fn with_dir(sources: Vec<Source>, build: Build, dir: Option<&Path>) -> Loader {
        Loader {
            sources,
            build,
            dir: dir.map(Path::to_path_buf),
            place: Arc::default(),
            content: Arc::default(),
            problem: Arc::default(),
            partial: Arc::default(),
        }
    }

    /// The archive read from the sources.
    fn build(&self) -> Result<Archive> {
        let built = (self.build)(&self.sources)?;
        if built.partial {
            self.partial
                .store(true, std::sync::atomic::Ordering::Relaxed);
        }
        Ok(built.archive)
    }

    /// Where the cache files go, unless a build left a source out.
    fn writable_place(&self) -> Option<&Place> {
        let partial = self.partial.load(std::sync::atomic::Ordering::Relaxed);
        self.place().filter(|_| !partial)
    }

    fn place(&self) -> Option<&Place> {
        self.place
            .get_or_init(|| {
                let dir = self.dir.as_ref()?;
                let key = Key::of(&self.sources)
                    .ok()
                    .filter(|key| key.size >= SMALL)?;
                Some(Place {
                    dir: dir.clone(),
                    archive: dir.join(format!("archive-{}.bin", key.name)),
                    index: dir.join(format!("index-{}.bin", key.name)),
                    key,
                })
            })
            .as_ref()
    }

    fn content(&self) -> Option<u128> {
        *self
            .content
            .get_or_init(|| key::content_hash(&self.sources).ok())
    }

    /// The cache file at `path`, and what `load` read from it, if the file
    /// exists, its key matches and it was written for the sources' content:
    /// hashing the sources runs meanwhile on other threads (and not at all
    /// when there is no such file).
    fn fresh<T: Send>(
        &self,
        path: impl Fn(&Place) -> &PathBuf,
        load: impl FnOnce(&CacheFile) -> Option<T> + Send,
    ) -> Option<(CacheFile, T)> {
        let file = self.open(path)?;
        let (loaded, content) = std::thread::scope(|scope| {
            let hashing = scope.spawn(|| self.content());
            let loaded = load(&file);
            (loaded, hashing.join().ok().flatten())
        });
        let loaded = loaded.filter(|_| content == Some(file.content()))?;
        Some((file, loaded))
    }

    /// The archive, its posts without their bodies (see [`Detail`]) when it
    /// comes from the cache; else read from the sources, whole (and not yet
    /// cached: see [`Loader::store`]).
    pub fn catalog(&self, detail: Detail) -> Result<Catalog> {
        let cached = self.fresh(|p| &p.archive, |file| posts::catalog(file, detail));
        if let Some((file, archive)) = cached {
            return Ok(Catalog {
                archive,
                bodies: Bodies(Some(Arc::new(file))),
            });
        }
        Ok(Catalog {
            archive: self.build()?,
            bodies: Bodies(None),
        })
    }

    /// Like [`Loader::catalog`], but a cache file whose key matches (the
    /// program, and each source's size, times and inode) is used without
    /// waiting for the sources' content hash: for a first screen, checked
    /// with [`Loader::is_current`] right after it is drawn.
    pub fn catalog_unchecked(&self, detail: Detail) -> Result<Catalog> {
        let cached = self.open(|p| &p.archive).and_then(|file| {
            let archive = posts::catalog(&file, detail)?;
            Some((file, archive))
        });
        match cached {
            Some((file, archive)) => Ok(Catalog {
                archive,
                bodies: Bodies(Some(Arc::new(file))),
            }),
            None => self.catalog(detail),
        }
    }

    /// Whether `catalog` holds what the sources hold now: read from them,
    /// or from a cache file written for their content (hashed here, once per
    /// loader).
    pub fn is_current(&self, catalog: &Catalog) -> bool {
        match &catalog.bodies.0 {
            Some(file) => self.content() == Some(file.content()),
            None => true,
        }
    }

    /// The whole archive: from the cache when it is fresh, else read from the
    /// sources and cached.
    pub fn archive(&self) -> Result<Archive> {
        self.whole(self.catalog(Detail::Citations)?)
    }

    /// The whole archive of `catalog`: its bodies from the cache, else read
    /// from the sources (when the cache is damaged) and cached.
    fn whole(&self, catalog: Catalog) -> Result<Archive> {
        let cached = catalog.cached();
        let archive = match catalog.complete() {
            Some(archive) if cached => return Ok(archive),
            Some(archive) => archive,
            None => self.build()?,
        };
        self.store(&archive);
        Ok(archive)
    }

    /// Writes `archive` (which must be what the sources hold) to the cache.
    pub fn store(&self, archive: &Archive) {
        if let Some(place) = self.writable_place()
            && let Some(content) = self.content()
        {
            let result = posts::sections(archive)
                .map_err(|e| std::io::Error::other(e.to_string()))
                .and_then(|sections| {
                    let sections: Vec<&[u8]> = sections.iter().map(|s| s.as_slice()).collect();
                    file::write(&place.archive, &place.key, content, &sections)
                });
            self.note(place, result);
        }
    }

    /// The search index from the cache, when it is fresh: its arrays are
    /// read where they lie in the mapped file (checksummed, not copied).
    pub fn cached_index(&self) -> Option<SearchIndex> {
        let (_, index) = self.fresh(
            |p| &p.index,
            |file| {
                let arrays = file.all_checked(1)?;
                stored::from_sections(file.section(0)?, &file.bytes(), &arrays)
            },
        )?;
        Some(index)
    }

    /// Builds the search index of `archive` (whole, as [`Loader::archive`]
    /// gives it) and caches it.
    pub fn build_index(&self, archive: &Archive) -> SearchIndex {
        let index = SearchIndex::new(&archive.posts);
        if let Some(place) = self.writable_place()
            && let Some(content) = self.content()
        {
            let result = stored::to_sections(&index)
                .map_err(|e| std::io::Error::other(e.to_string()))
                .and_then(|(lists, arrays)| {
                    let mut sections = vec![lists.as_slice()];
                    sections.extend(arrays);
                    file::write(&place.index, &place.key, content, &sections)
                });
            self.note(place, result);
        }
        index
    }

    /// The search index: from the cache, else built from the whole archive
    /// that `whole` gives, and cached.
    pub fn index(&self, whole: impl FnOnce() -> Result<Archive>) -> Result<SearchIndex> {
        match self.cached_index() {
            Some(index) => Ok(index),
            None => Ok(self.build_index(&whole()?)),
        }
    }

    /// The archive (its posts perhaps without bodies, see [`Loader::catalog`])
    /// and its search index, for searching: from the cache, or built and
    /// cached.
    pub fn searchable(&self, detail: Detail) -> Result<(Archive, SearchIndex)> {
        let (catalog, index) = std::thread::scope(|scope| {
            let index = scope.spawn(|| self.cached_index());
            (self.catalog(detail), index.join().ok().flatten())
        });
        let catalog = catalog?;
        if let Some(index) = index {
            return Ok((catalog.archive, index));
        }
        let archive = self.whole(catalog)?;
        let index = self.build_index(&archive);
        Ok((archive, index))
    }

    /// The first problem met writing the cache, if any, as one line for
    /// standard error.
    pub fn problem(&self) -> Option<String> {
        self.problem
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    fn open(&self, path: impl Fn(&Place) -> &PathBuf) -> Option<CacheFile> {
        let place = self.place()?;
        CacheFile::open(path(place), &place.key)
    }

    fn note(&self, place: &Place, result: std::io::Result<()>) {
        if let Err(e) = result {
            let mut problem = self
                .problem
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            problem.get_or_insert_with(|| {
                format!(
                    "cannot write the cache in {}: {e} (large archives open more slowly)",
                    place.dir.display()
                )
            });
        }
    }
}

/// The archive as [`Loader::catalog`] gives it.
#[derive(Debug)]
pub struct Catalog {
    /// The archive; its posts lack their bodies when it came from the cache.
    pub archive: Archive,
    /// Where the bodies are.
    pub bodies: Bodies,
}

/// Where the bodies of a [`Catalog`]'s posts are: in a cache file, or already
/// in its posts.
#[derive(Debug, Clone)]
pub struct Bodies(Option<Arc<CacheFile>>);

impl Catalog {
    /// Whether it came from the cache (else it was read from the sources and
    /// its posts are whole).
    pub fn cached(&self) -> bool {
        self.bodies.0.is_some()
    }

    /// The whole archive, its bodies read from the cache (on two threads).
    /// `None` when the cache is damaged.
    pub fn complete(self) -> Option<Archive> {
        self.bodies.complete(self.archive)
    }
}

impl Bodies {
    /// `archive` (a catalog's archive, or a copy of it) whole, its bodies
    /// read from the cache (on two threads). `None` when the cache is
    /// damaged.
    pub fn complete(&self, mut archive: Archive) -> Option<Archive> {
        if let Some(file) = &self.0 {
            posts::complete(file, &mut archive)?;
        }
        Some(archive)
    }

    /// Post `index` of `archive` (the catalog's archive), whole. `None` when
    /// it is out of range or its part of the cache is damaged.
    pub fn post(&self, archive: &Archive, index: usize) -> Option<Post> {
        match &self.0 {
            Some(file) => posts::post(file, archive, index),
            None => archive.posts.get(index).cloned(),
        }
    }
}
