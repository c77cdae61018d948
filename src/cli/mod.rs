//! The plain command-line interface: subcommands that print text or JSON.

mod args;
mod bookmarks;
mod curate;
mod destination;
mod import;
mod library_remove;
mod manpage;
mod output;
mod references;
mod search;
mod sessions;
mod update;

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

pub use args::{Args, Command};
pub use bookmarks::BookmarksCommand;

use crate::archive::{self, Archive, Post};
use crate::cache::{Built, Detail, Loader, Source};
use crate::library::{self, Marks};
use crate::text::{closest, fold};

/// A mistake in how the command was called (exit code 2), as opposed to a failure
/// while doing what was asked (exit code 1).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Prints a warning or a progress note on standard error, cleaned of control
/// characters like everything else pprnet prints (see [`crate::text::clean`]).
pub fn warn(message: impl std::fmt::Display) {
    eprintln!("{}", crate::text::clean(&message.to_string()));
}

/// Runs a subcommand, writing its output to `out`.
pub fn run(args: Args, out: &mut dyn Write) -> Result<()> {
    let Some(command) = args.command else {
        let dir = data_dir(args.data_dir)?;
        let loader = loader(args.archive.as_deref(), Some(&dir));
        let (archive, visit_dir) = (args.archive.clone(), dir.clone());
        return crate::tui::run(&loader, &dir, move |start| {
            library::visit::begin(&visit_dir, start, || base_archive(archive.as_deref()))
        });
    };
    let explicit = command.data_dir().or(args.data_dir);
    let dir = data_dir(explicit.clone()).ok();
    let loader = loader(args.archive.as_deref(), dir.as_deref());
    let result = command_run(command, args.archive, explicit, &loader, out);
    if let Some(problem) = loader.problem() {
        warn(format!("pprnet: {problem}"));
    }
    result
}

/// Runs a subcommand on the archive `loader` loads. Archives are not freed:
/// the process is about to end, and freeing 100,000 posts takes a while.
fn command_run(
    command: Command,
    archive: Option<PathBuf>,
    explicit_data_dir: Option<PathBuf>,
    loader: &Loader,
    out: &mut dyn Write,
) -> Result<()> {
    match command {
        Command::List {
            topic,
            month,
            research_type,
            unread,
            new,
            json,
            ..
        } => {
            let detail = if json {
                Detail::Citations
            } else {
                Detail::Titles
            };
            let archive_path = archive.clone();
            let archive = &keep(catalog(loader, detail)?).archive;
            let marks = read_marks(explicit_data_dir.clone());
            let fresh = if new {
                Some(new_posts(
                    explicit_data_dir.clone(),
                    archive_path.as_deref(),
                    &marks,
                )?)
            } else {
                None
            };
            let topic = topic
                .map(|t| canonical(&archive.topics, &t, "topic"))
                .transpose()?;
            let research_type = research_type
                .map(|r| canonical(&archive.research_types, &r, "research type"))
                .transpose()?;
            let posts: Vec<&Post> = archive
                .posts
                .iter()
                .filter(|p| topic.is_none_or(|t| p.has_topic(t)))
                .filter(|p| month.is_none_or(|m| p.month == m))
                .filter(|p| research_type.is_none_or(|r| p.research_type == r))
                .filter(|p| !unread || !marks.is_read(&p.id))
                .filter(|p| fresh.as_ref().is_none_or(|f| f.contains(&p.id)))
                .collect();
            if json {
                output::posts_json(out, &posts, &marks)
            } else {
                output::post_lines(out, &posts)
            }
        }
        Command::Show {
            id,
            width,
            format,
            json,
            ..
        } => {
            let catalog = keep(catalog(loader, Detail::Titles)?);
            let post = find_post(&catalog.archive, &id)?;
            let index = catalog
                .archive
                .posts
                .iter()
                .position(|p| std::ptr::eq(p, post));
            let post = match index.and_then(|i| catalog.bodies.post(&catalog.archive, i)) {
                Some(whole) => keep(whole),
                // Its body in the cache is damaged: read the sources.
                None => find_post(keep(loader.archive()?), &post.id)?,
            };
            match format.style() {
                _ if json => output::post_json(out, post, &read_marks(explicit_data_dir)),
                Some(style) => references::print(out, style, &[post]),
                None => output::show(out, post, width.unwrap_or_else(show_width)),
            }
        }
        Command::Config { print_default } => config_command(print_default, out),
        Command::Topics { json, .. } => {
            let archive = &keep(catalog(loader, Detail::Titles)?).archive;
            output::topics(out, &archive.topic_counts(), json)
        }
        Command::Import {
            paths,
            into,
            output,
            ..
        } => {
            let dir = data_dir(explicit_data_dir)?;
            let target = if into.is_some() || output.is_some() {
                import::Target::File {
                    into: into.as_deref(),
                    output: output.as_deref(),
                    data_dir: Some(&dir),
                }
            } else {
                import::Target::Library {
                    data_dir: &dir,
                    base: base_archive(archive.as_deref())?,
                }
            };
            import::run(&paths, target, out)
        }
        Command::Search {
            query,
            limit,
            json,
            explain,
            ..
        } => {
            let query = query.join(" ");
            // Phrases are checked, and explanations made, in the posts' text.
            let (archive, index) =
                if explain || !crate::search::Query::parse(&query).phrases().is_empty() {
                    let archive = loader.archive()?;
                    let index = match loader.cached_index() {
                        Some(index) => index,
                        None => loader.build_index(&archive),
                    };
                    keep((archive, index))
                } else if json {
                    keep(loader.searchable(Detail::Citations)?)
                } else {
                    keep(loader.searchable(Detail::Titles)?)
                };
            let shown = search::Shown {
                limit,
                json,
                explain,
            };
            let marks = read_marks(explicit_data_dir);
            search::run(archive, index, &marks, &query, shown, out)
        }
        Command::Update {
            site,
            max_pages,
            delay,
            full,
            json,
            ..
        } => {
            let dir = data_dir(explicit_data_dir)?;
            let base = base_archive(archive.as_deref())?;
            let site = crate::fetch::url::site_base(&site);
            let mut library = crate::fetch::library::LibraryTarget::open(base, &dir, &site)?;
            let options = crate::fetch::UpdateOptions::new(&site, max_pages, delay, full);
            update::run(&options, json, &dir, &mut library, out)
        }
        Command::Check { file } => check(file.or(archive).as_deref(), out),
        Command::Curate {
            id,
            topics,
            research_type,
            ..
        } => {
            let dir = data_dir(explicit_data_dir)?;
            let archive = load_archive(archive.as_deref(), &dir)?;
            curate::run(&archive, &dir, &id, &topics, research_type.as_deref(), out)
        }
        Command::Library { command, .. } => {
            let dir = data_dir(explicit_data_dir)?;
            let base = base_archive(archive.as_deref())?;
            library_remove::run(command, &base, &dir, out)
        }
        Command::Bookmarks { command, .. } => {
            bookmarks::run(command, archive.as_deref(), explicit_data_dir, out)
        }
        Command::Generate(what) => generate(what, out),
    }
}

/// `show`'s width when `--width` is not given: the terminal's width on a
/// terminal (else 80), capped at the configured reading width.
fn show_width() -> usize {
    use std::io::IsTerminal;
    let config = load_config();
    let terminal = std::io::stdout()
        .is_terminal()
        .then(|| ratatui::crossterm::terminal::size().ok())
        .flatten()
        .map_or(80, |(columns, _)| usize::from(columns).max(1));
    terminal.min(config.reading_width)
}

/// The settings from the config file; problems with it are warnings on
/// standard error.
pub fn load_config() -> crate::config::Config {
    let Some(path) = crate::config::path() else {
        return crate::config::Config::default();
    };
    let loaded = crate::config::load(&path);
    for problem in &loaded.problems {
        warn(format!("pprnet: warning: {problem}"));
    }
    loaded.config
}

/// `pprnet config`: the commented default file, or where the file is and
/// whether it is usable.
fn config_command(print_default: bool, out: &mut dyn Write) -> Result<()> {
    if print_default {
        out.write_all(crate::config::DEFAULT_FILE.as_bytes())?;
        return Ok(());
    }
    let path = crate::config::path().context("cannot find a config directory")?;
    let loaded = crate::config::load(&path);
    if !path.exists() {
        writeln!(
            out,
            "{}: not present; the defaults are in use",
            path.display()
        )?;
    } else if loaded.problems.is_empty() {
        writeln!(out, "{}: ok", path.display())?;
    } else {
        anyhow::bail!("{}", loaded.problems.join("\n"));
    }
    Ok(())
}

/// Prints a completion script or the man page, built from [`Args`].
fn generate(what: args::Generate, out: &mut dyn Write) -> Result<()> {
    use clap::CommandFactory;
    let mut command = Args::command();
    match what {
        args::Generate::Completions { shell } => {
            // Into memory first: clap_complete panics when its writer fails.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "pprnet", &mut script);
            out.write_all(&script)?;
        }
        args::Generate::Man => manpage::render(command, out)?,
    }
    Ok(())
}

/// The archive named by `--archive`, or the bundled one, with the library in
/// `data_dir`; through the cache.
pub fn load_archive(path: Option<&Path>, data_dir: &Path) -> Result<Archive> {
    let loader = loader(path, Some(data_dir));
    let archive = loader.archive();
    if let Some(problem) = loader.problem() {
        warn(format!("pprnet: {problem}"));
    }
    archive
}

/// The loader of the archive named by `--archive`, or of the bundled one.
pub fn loader(path: Option<&Path>, data_dir: Option<&Path>) -> Loader {
    let mut sources = match path {
        Some(path) => vec![Source::File(path.to_path_buf())],
        None => vec![Source::Bundled(archive::load::BUNDLED_RON)],
    };
    if let Some(dir) = data_dir {
        sources.push(Source::File(library::store::file(dir).path().to_path_buf()));
    }
    Loader::new(sources, load_sources)
}

/// Reads, parses and validates the sources, without the cache: the archive
/// (first), combined with the library (second, when there is one). A library
/// that cannot be read is left out, with a warning on standard error.
fn load_sources(sources: &[Source]) -> Result<Built> {
    let (first, rest) = sources.split_first().context("no archive to load")?;
    let base = match first {
        Source::Bundled(_) => archive::bundled()?,
        Source::File(path) => archive::load_file(path)?,
    };
    let Some(Source::File(library_file)) = rest.first() else {
        return Ok(Built {
            archive: base,
            partial: false,
        });
    };
    let dir = library_file.parent().unwrap_or(Path::new("."));
    let loaded = library::combine(base, library::store::read(dir));
    if let Some(problem) = &loaded.problem {
        warn(format!(
            "pprnet: warning: {problem}; showing the archive without your library"
        ));
    }
    Ok(Built {
        archive: loaded.archive,
        partial: loaded.problem.is_some(),
    })
}

/// The archive from the cache (posts without bodies) or, cached afterwards,
/// from the sources.
fn catalog(loader: &Loader, detail: Detail) -> Result<crate::cache::Catalog> {
    let catalog = loader.catalog(detail)?;
    if !catalog.cached() {
        loader.store(&catalog.archive);
    }
    Ok(catalog)
}

/// Keeps `value` until the process ends, without ever freeing it.
fn keep<T>(value: T) -> &'static T {
    Box::leak(Box::new(value))
}

/// The archive named by `--archive`, or the bundled one, without the library.
pub fn base_archive(path: Option<&Path>) -> Result<Archive> {
    Ok(match path {
        Some(path) => archive::load_file(path)?,
        None => archive::bundled()?,
    })
}

/// The read marks; unreadable ones are a warning and count as nothing read.
fn read_marks(explicit_data_dir: Option<PathBuf>) -> Marks {
    let Ok(dir) = data_dir(explicit_data_dir) else {
        return Marks::default();
    };
    library::marks::read(&dir).unwrap_or_else(|err| {
        warn(format!(
            "pprnet: warning: {err}; every post counts as unread"
        ));
        Marks::default()
    })
}

/// The ids of the library's posts added since the reader's last visit.
fn new_posts(
    explicit_data_dir: Option<PathBuf>,
    archive: Option<&Path>,
    marks: &Marks,
) -> Result<std::collections::HashSet<String>> {
    let dir = data_dir(explicit_data_dir)?;
    let Ok(lib) = library::store::read(&dir) else {
        return Ok(Default::default());
    };
    let base = base_archive(archive)?;
    Ok(lib.added_since(&base, marks.last_visit.as_deref()))
}

/// The environment variable naming the data directory.
pub const DATA_DIR_VAR: &str = "PPRNET_DATA_DIR";

/// Treats an empty `PPRNET_DATA_DIR=` as unset (the platform data directory
/// is used), as shells make it easy to set a variable to nothing: clap would
/// otherwise say "a value is required for '--data-dir <DIR>'". Call it before
/// parsing the arguments, while the program has one thread.
pub fn forget_empty_data_dir_var() {
    if std::env::var_os(DATA_DIR_VAR).is_some_and(|v| v.is_empty()) {
        // SAFETY: called first thing in `main`, before any other thread exists,
        // so nothing reads the environment meanwhile.
        unsafe { std::env::remove_var(DATA_DIR_VAR) };
    }
}

/// Where bookmarks and reader state live: `--data-dir`, else `PPRNET_DATA_DIR`
/// (when set and not empty), else
/// the platform's data directory.
///
/// Warns (once per run) when the directory exists and others may write in it,
/// since they could then replace the bookmarks file.
pub fn data_dir(explicit: Option<PathBuf>) -> Result<PathBuf> {
    let from_env = std::env::var_os(DATA_DIR_VAR).map(PathBuf::from);
    let dir = match explicit.or(from_env).filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => dir,
        None => directories::ProjectDirs::from("", "", "pprnet")
            .map(|dirs| dirs.data_dir().to_path_buf())
            .context("cannot find a home directory for pprnet's data; pass --data-dir DIR")?,
    };
    if crate::fsutil::writable_by_others(&dir) {
        static WARNED: std::sync::Once = std::sync::Once::new();
        WARNED.call_once(|| {
            warn(format!(
                "pprnet: warning: others can write in the data directory {}; \
                 they could replace your bookmarks. Fix it with: chmod 700 {0}",
                dir.display()
            ))
        });
    }
    Ok(dir)
}

/// Where pprnet's configuration lives (`config.ron`), if there is a home.
pub fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "pprnet").map(|dirs| dirs.config_dir().to_path_buf())
}

/// The archive's spelling of `wanted` among `names`, compared without regard to
/// case or accents. An unknown name is a usage error that suggests the closest
/// name and lists them all.
fn canonical<'a>(names: &'a [String], wanted: &str, what: &str) -> Result<&'a str> {
    let folded = fold(wanted.trim());
    if let Some(name) = names.iter().find(|n| fold(n) == folded) {
        return Ok(name);
    }
    let suggestion = closest(names.iter().map(String::as_str), wanted)
        .map(|name| format!("; did you mean {name:?}?"))
        .unwrap_or_else(|| ".".to_owned());
    let known: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
    Err(UsageError(format!(
        "unknown {what} {wanted:?}{suggestion} Known: {}",
        known.join(" ")
    ))
    .into())
}

/// The post with this id, or the only post whose id starts with it.
fn find_post<'a>(archive: &'a Archive, id: &str) -> Result<&'a Post> {
    if let Some(post) = archive.post(id) {
        return Ok(post);
    }
    let matching: Vec<&Post> = archive
        .posts
        .iter()
        .filter(|p| p.id.starts_with(id))
        .collect();
    match matching.as_slice() {
        [post] => Ok(post),
        [] => bail!("no post with id {id:?} (see `pprnet list`)"),
        many => bail!(
            "{id:?} matches {} posts: {}",
            many.len(),
            many.iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn check(path: Option<&Path>, out: &mut dyn Write) -> Result<()> {
    // Always the sources themselves: checking them is the point.
    let archive = match path {
        Some(path) => archive::load_file(path)?,
        None => archive::bundled()?,
    };
    let name = path.map_or(archive::load::BUNDLED_NAME.to_string(), |p| {
        p.display().to_string()
    });
    let uncurated: Vec<&Post> = archive
        .posts
        .iter()
        .filter(|p| {
            p.topics.is_empty() || p.research_type == archive::model::UNCURATED_RESEARCH_TYPE
        })
        .collect();
    for post in &uncurated {
        writeln!(
            out,
            "needs curation: {} (topics: {}, research type: {})",
            post.id,
            if post.topics.is_empty() {
                "none".to_string()
            } else {
                post.topics.len().to_string()
            },
            post.research_type
        )?;
    }
    writeln!(
        out,
        "{name}: ok, {} posts, {} topics, {} need curation",
        archive.posts.len(),
        archive.topics.len(),
        uncurated.len()
    )?;
    Ok(())
}
