//! The command line, as clap parses it. The contract is in DESIGN.md section 3.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::archive::Month;

/// An offline reader for the PPRNet psychotherapy research blog.
///
/// With no command, opens the reader on the archive.
#[derive(Debug, Parser)]
#[command(
    name = "pprnet",
    version,
    about,
    long_about = None,
    before_help = "Run `pprnet` with no command to open the reader (a full-screen terminal app).",
    after_help = "Each command has its own --help, e.g. `pprnet bookmarks export --help`."
)]
pub struct Args {
    /// Use this archive file instead of the bundled one.
    #[arg(long, global = true, value_name = "FILE")]
    pub archive: Option<PathBuf>,

    /// Where bookmarks and reader state live [default: the platform data dir,
    /// e.g. ~/.local/share/pprnet].
    #[arg(long, value_name = "DIR", env = "PPRNET_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    /// What to do; the reader when absent.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `--data-dir`, on the commands that read or write the data directory (and
/// after `bookmarks` and `library`, on their commands too). It has no `env`:
/// `PPRNET_DATA_DIR` is read by the top-level option, which this one beats.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct DataDir {
    /// Where bookmarks, your library and read marks live [default:
    /// PPRNET_DATA_DIR, else the platform data dir, e.g. ~/.local/share/pprnet].
    #[arg(long = "data-dir", global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List posts, newest month first: ID<TAB>YYYY-MM<TAB>Title.
    List {
        /// The data directory.
        #[command(flatten)]
        data: DataDir,
        /// Only posts with this topic (case-insensitive).
        #[arg(long, value_name = "T")]
        topic: Option<String>,
        /// Only posts of this month.
        #[arg(long, value_name = "YYYY-MM")]
        month: Option<Month>,
        /// Only posts of this research type (case-insensitive).
        #[arg(long = "type", value_name = "R")]
        research_type: Option<String>,
        /// Only posts not read yet.
        #[arg(long)]
        unread: bool,
        /// Only posts added to the library since the reader's last visit.
        #[arg(long)]
        new: bool,
        /// Print a JSON array instead of lines.
        #[arg(long)]
        json: bool,
    },
    /// Show one post as wrapped plain text, or its citations for a reference
    /// manager.
    Show {
        /// The data directory.
        #[command(flatten)]
        data: DataDir,
        /// The post's id (a unique prefix will do).
        id: String,
        /// Wrap to this many columns [default: the terminal's width, at most
        /// the reading width of config.ron (80)].
        #[arg(long, value_name = "N", value_parser = at_least_one)]
        width: Option<usize>,
        /// The post as text, or its citations as CSL-JSON, RIS or BibTeX.
        #[arg(long, value_enum, default_value_t = super::references::ShowFormat::Text)]
        format: super::references::ShowFormat,
        /// Print the post as a JSON object instead.
        #[arg(long, conflicts_with = "format")]
        json: bool,
    },
    /// Topics in site order with post counts: Name<TAB>count.
    Topics {
        /// The data directory.
        #[command(flatten)]
        data: DataDir,
        /// Print a JSON array instead of lines.
        #[arg(long)]
        json: bool,
    },
    /// Search titles, authors, citations, topics and text; best match first:
    /// ID<TAB>YYYY-MM<TAB>Title.
    Search {
        /// The data directory.
        #[command(flatten)]
        data: DataDir,
        /// Words to look for, all of which must match (case and accents ignored);
        /// "a phrase", author:, topic:, type:, year: (or 2023, 2022..2023), doi:.
        #[arg(required = true, value_name = "QUERY")]
        query: Vec<String>,
        /// Print at most this many posts.
        #[arg(long, value_name = "N", value_parser = at_least_one)]
        limit: Option<usize>,
        /// Print a JSON array (with each post's score) instead of lines.
        #[arg(long)]
        json: bool,
        /// Also say, per post, which query word matched which field and word,
        /// and how (exact, prefix, substring, fuzzy, typo).
        #[arg(long)]
        explain: bool,
    },
    /// Import saved pages of the blog (text or HTML, or folders of them) into
    /// your library; with --into or -o, into an archive file instead.
    Import {
        /// The data directory.
        #[command(flatten)]
        data: DataDir,
        /// Pages saved from the blog as text or HTML, or folders holding them.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Merge into this archive file (printed, or written to -o) instead of the library.
        #[arg(long, value_name = "ARCHIVE.ron")]
        into: Option<PathBuf>,
        /// Write an archive file instead of adding to the library.
        #[arg(short = 'o', long = "output", value_name = "OUT.ron")]
        output: Option<PathBuf>,
    },
    /// Bring the blog's new posts into the library (the only command that goes
    /// online): reads the listing pages until a page is already known, then the
    /// topic and research type listings.
    Update {
        /// The data directory.
        #[command(flatten)]
        data: DataDir,
        /// The blog's address.
        #[arg(long, value_name = "URL", default_value = crate::fetch::DEFAULT_SITE)]
        site: String,
        /// Read at most this many pages of each listing.
        #[arg(long, value_name = "N", value_parser = at_least_one)]
        max_pages: Option<usize>,
        /// Wait at least this long between requests to the site.
        #[arg(long, value_name = "SECONDS", default_value = "1", value_parser = super::update::parse_delay)]
        delay: std::time::Duration,
        /// Read every listing page, not only until a page is already known.
        #[arg(long)]
        full: bool,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Validate an archive; exits 1 and lists the errors when it is invalid.
    Check {
        /// The archive to check [default: --archive, or the bundled one].
        file: Option<PathBuf>,
    },
    /// Confirm a post's suggested topics and research type, or set them
    /// (stored in your library, for shipped posts too).
    Curate {
        /// The data directory.
        #[command(flatten)]
        data: DataDir,
        /// The post's id (a unique prefix will do).
        id: String,
        /// A topic (repeat for several; any case or accents); all of them replace the post's.
        #[arg(long = "topic", value_name = "T")]
        topics: Vec<String>,
        /// The research type (any case or accents).
        #[arg(long = "type", value_name = "R")]
        research_type: Option<String>,
    },
    /// Your library of imported posts: undo an import.
    Library {
        /// The data directory.
        #[command(flatten)]
        data: DataDir,
        /// What to do with the library.
        #[command(subcommand)]
        command: super::library_remove::LibraryCommand,
    },
    /// Bookmarks for supervision sessions: list, add, remove, export a handout
    /// or references, manage sessions.
    Bookmarks {
        /// The data directory.
        #[command(flatten)]
        data: DataDir,
        /// What to do with the bookmarks.
        #[command(subcommand)]
        command: super::bookmarks::BookmarksCommand,
    },
    /// Where the settings file is, and whether it can be read.
    Config {
        /// Print a commented default config.ron.
        #[arg(long)]
        print_default: bool,
    },
    /// Completion scripts and the man page.
    #[command(flatten)]
    Generate(Generate),
}

impl Command {
    /// The `--data-dir` given after the command, if any.
    pub fn data_dir(&self) -> Option<PathBuf> {
        match self {
            Command::List { data, .. }
            | Command::Show { data, .. }
            | Command::Topics { data, .. }
            | Command::Search { data, .. }
            | Command::Import { data, .. }
            | Command::Update { data, .. }
            | Command::Curate { data, .. }
            | Command::Library { data, .. }
            | Command::Bookmarks { data, .. } => data.dir.clone(),
            Command::Check { .. } | Command::Config { .. } | Command::Generate(_) => None,
        }
    }
}

/// A shell completion script, or the man page: generated from these
/// definitions by clap_complete and clap_mangen.
#[derive(Debug, Subcommand)]
pub enum Generate {
    /// Print a completion script for SHELL (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): `pprnet man > pprnet.1`, or `pprnet man | man -l -`.
    Man,
}

/// A whole number of at least 1, for counts and widths.
fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(_) => Err("must be a whole number such as 20".into()),
    }
}
