//! The archive as sections of a cache file: the header and the lists (meta);
//! the posts' short fields (heads: what lists, counts and the first frame
//! need); and the posts' bodies (summary and implications) in chunks of
//! [`CHUNK`] posts. Reading the heads touches no body, and one post's body is
//! read by checking one chunk. Each section is an rkyv archive, validated
//! before use.

use rkyv::rancor;
use rkyv::util::AlignedVec;

use crate::archive::{Archive, Citation, Header, Month, Post, Source, Suggested};

use super::file::CacheFile;

/// Posts per chunk of bodies.
const CHUNK: usize = 1024;

/// Section numbers.
const META: usize = 0;
const HEADS: usize = 1;
const FIRST_BODIES: usize = 2;

#[derive(rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
struct Meta {
    version: u32,
    header: Header,
    topics: Vec<String>,
    research_types: Vec<String>,
}

#[derive(rkyv::Archive, rkyv::Serialize)]
struct Head {
    id: String,
    month: Month,
    title: String,
    citations: Vec<Citation>,
    topics: Vec<String>,
    research_type: String,
    /// Whether the topics, and the research type, are suggestions.
    suggested: (bool, bool),
    /// Whether the post comes from the library (else from the archive).
    library: bool,
}

#[derive(rkyv::Archive, rkyv::Serialize)]
struct Body {
    summary: Vec<String>,
    implications: Vec<String>,
}

/// The sections that hold `archive`.
pub(super) fn sections(archive: &Archive) -> Result<Vec<AlignedVec>, rancor::Error> {
    let meta = Meta {
        version: archive.version,
        header: archive.header.clone(),
        topics: archive.topics.clone(),
        research_types: archive.research_types.clone(),
    };
    let heads: Vec<Head> = archive
        .posts
        .iter()
        .map(|p| Head {
            id: p.id.clone(),
            month: p.month,
            title: p.title.clone(),
            citations: p.citations.clone(),
            topics: p.topics.clone(),
            research_type: p.research_type.clone(),
            suggested: (p.suggested.topics, p.suggested.research_type),
            library: p.source == Source::Library,
        })
        .collect();
    let mut sections = vec![
        rkyv::to_bytes::<rancor::Error>(&meta)?,
        rkyv::to_bytes::<rancor::Error>(&heads)?,
    ];
    drop(heads);
    for chunk in archive.posts.chunks(CHUNK) {
        let bodies: Vec<Body> = chunk
            .iter()
            .map(|p| Body {
                summary: p.summary.clone(),
                implications: p.implications.clone(),
            })
            .collect();
        sections.push(rkyv::to_bytes::<rancor::Error>(&bodies)?);
    }
    Ok(sections)
}

/// What detail [`catalog`] reads for each post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Id, month, title, topics and research type: enough for the post list.
    Titles,
    /// The citations too (authors and DOIs): enough for `list --json`.
    Citations,
}

/// The archive without the posts' bodies: every post's `summary` and
/// `implications` are empty (and its `citations` too with [`Detail::Titles`]).
/// `None` when the file's sections are damaged.
pub(super) fn catalog(file: &CacheFile, detail: Detail) -> Option<Archive> {
    let meta = access::<Meta>(file, META)?;
    let heads = access::<Vec<Head>>(file, HEADS)?;
    let meta: Meta = rkyv::deserialize::<Meta, rancor::Error>(meta).ok()?;
    let posts = heads
        .iter()
        .map(|head| {
            let citations = match detail {
                Detail::Titles => Some(Vec::new()),
                Detail::Citations => citations(head),
            };
            Some(Post {
                id: head.id.to_string(),
                month: Month {
                    year: head.month.year.to_native(),
                    month: head.month.month,
                },
                title: head.title.to_string(),
                citations: citations?,
                summary: Vec::new(),
                implications: Vec::new(),
                topics: strings(&head.topics),
                research_type: head.research_type.to_string(),
                suggested: Suggested {
                    topics: head.suggested.0,
                    research_type: head.suggested.1,
                },
                source: if head.library {
                    Source::Library
                } else {
                    Source::Bundled
                },
            })
        })
        .collect::<Option<Vec<Post>>>()?;
    (file.len() == FIRST_BODIES + posts.len().div_ceil(CHUNK)).then_some(Archive {
        version: meta.version,
        header: meta.header,
        topics: meta.topics,
        research_types: meta.research_types,
        posts,
    })
}

/// Fills in the bodies and citations of `catalog`'s posts (from [`catalog`])
/// from `file`, reading the chunks on two threads. `None` when a section is
/// damaged.
pub(super) fn complete(file: &CacheFile, catalog: &mut Archive) -> Option<()> {
    let heads = access::<Vec<Head>>(file, HEADS)?;
    if heads.len() != catalog.posts.len() {
        return None;
    }
    let mut chunks: Vec<&mut [Post]> = catalog.posts.chunks_mut(CHUNK).collect();
    let half = chunks.len().div_ceil(2);
    let (first, second) = chunks.split_at_mut(half);
    let fill = |chunks: &mut [&mut [Post]], from: usize| -> Option<()> {
        for (n, posts) in chunks.iter_mut().enumerate() {
            let chunk = from + n;
            let bodies = access::<Vec<Body>>(file, FIRST_BODIES + chunk)?;
            if bodies.len() != posts.len() {
                return None;
            }
            let heads = &heads[chunk * CHUNK..];
            for ((post, body), head) in posts.iter_mut().zip(bodies.iter()).zip(heads) {
                post.summary = strings(&body.summary);
                post.implications = strings(&body.implications);
                if post.citations.len() != head.citations.len() {
                    post.citations = citations(head)?;
                }
            }
        }
        Some(())
    };
    std::thread::scope(|scope| {
        let other = scope.spawn(|| fill(second, half));
        let mine = fill(first, 0);
        mine.and(other.join().ok()?)
    })
}

fn citations(head: &ArchivedHead) -> Option<Vec<Citation>> {
    head.citations
        .iter()
        .map(rkyv::deserialize::<Citation, rancor::Error>)
        .collect::<Result<Vec<_>, _>>()
        .ok()
}

/// Post `index` of `catalog` (from [`catalog`]) with its body, citations
/// included. `None` when its chunk is damaged.
pub(super) fn post(file: &CacheFile, catalog: &Archive, index: usize) -> Option<Post> {
    let heads = access::<Vec<Head>>(file, HEADS)?;
    let citations = citations(heads.get(index)?)?;
    let bodies = access::<Vec<Body>>(file, FIRST_BODIES + index / CHUNK)?;
    let body = bodies.get(index % CHUNK)?;
    Some(Post {
        citations,
        summary: strings(&body.summary),
        implications: strings(&body.implications),
        ..catalog.posts.get(index)?.clone()
    })
}

/// Section `n` of `file`, checked and validated as an archived `T`.
fn access<T: rkyv::Archive>(file: &CacheFile, n: usize) -> Option<&T::Archived>
where
    T::Archived:
        for<'a> rkyv::bytecheck::CheckBytes<rkyv::api::high::HighValidator<'a, rancor::Error>>,
{
    rkyv::access::<T::Archived, rancor::Error>(file.section(n)?).ok()
}

fn strings(list: &rkyv::vec::ArchivedVec<rkyv::string::ArchivedString>) -> Vec<String> {
    list.iter().map(|s| s.as_str().to_owned()).collect()
}
