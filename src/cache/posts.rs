//! The archive as sections of a cache file: the header and the lists (meta);
//! the posts' short fields (titles: what lists, counts and the first frame
//! need), in columns; then, in chunks of [`CHUNK`] posts, the posts'
//! citations and the posts' bodies (summary and implications). Reading the
//! titles touches no citation and no body; one post's citations and body are
//! read by checking one chunk of each. Each section is an rkyv archive,
//! validated before use.

use std::collections::HashMap;

use rkyv::rancor;
use rkyv::util::AlignedVec;

use crate::archive::{Archive, Citation, Header, Month, Post, Source, Suggested};

use super::file::CacheFile;

/// Posts per chunk of citations and of bodies.
const CHUNK: usize = 1024;

/// Section numbers.
const META: usize = 0;
const TITLES: usize = 1;
const FIRST_CHUNK: usize = 2;

#[derive(rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
struct Meta {
    version: u32,
    header: Header,
    topics: Vec<String>,
    research_types: Vec<String>,
}

/// Every post's short fields, one column each, so that validating them costs
/// a few checks per column rather than per post: post `p`'s id is
/// `ids[id_ends[p - 1]..id_ends[p]]` (from 0 for the first), and so on.
#[derive(rkyv::Archive, rkyv::Serialize)]
struct Titles {
    ids: String,
    id_ends: Vec<u32>,
    titles: String,
    title_ends: Vec<u32>,
    years: Vec<u16>,
    months: Vec<u8>,
    /// The topic and research type names the posts use.
    names: Vec<String>,
    /// Post `p`'s topics, as numbers in `names`.
    topics: Vec<u32>,
    topic_ends: Vec<u32>,
    /// Post `p`'s research type, a number in `names`.
    research_types: Vec<u32>,
    /// Per post: bit 0, its topics are suggested; bit 1, its research type;
    /// bit 2, it comes from the library.
    flags: Vec<u8>,
}

const SUGGESTED_TOPICS: u8 = 1;
const SUGGESTED_TYPE: u8 = 2;
const LIBRARY: u8 = 4;

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
    let mut sections = vec![
        rkyv::to_bytes::<rancor::Error>(&meta)?,
        rkyv::to_bytes::<rancor::Error>(&titles(&archive.posts))?,
    ];
    for chunk in archive.posts.chunks(CHUNK) {
        let citations: Vec<Vec<Citation>> = chunk.iter().map(|p| p.citations.clone()).collect();
        sections.push(rkyv::to_bytes::<rancor::Error>(&citations)?);
    }
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

/// The columns of `posts`' short fields.
fn titles(posts: &[Post]) -> Titles {
    let mut titles = Titles {
        ids: String::new(),
        id_ends: Vec::with_capacity(posts.len()),
        titles: String::new(),
        title_ends: Vec::with_capacity(posts.len()),
        years: posts.iter().map(|p| p.month.year).collect(),
        months: posts.iter().map(|p| p.month.month).collect(),
        names: Vec::new(),
        topics: Vec::new(),
        topic_ends: Vec::with_capacity(posts.len()),
        research_types: Vec::with_capacity(posts.len()),
        flags: Vec::with_capacity(posts.len()),
    };
    let mut numbers: HashMap<&str, u32> = HashMap::new();
    for post in posts {
        titles.ids.push_str(&post.id);
        titles.id_ends.push(titles.ids.len() as u32);
        titles.titles.push_str(&post.title);
        titles.title_ends.push(titles.titles.len() as u32);
        for topic in &post.topics {
            let n = number(&mut numbers, &mut titles.names, topic);
            titles.topics.push(n);
        }
        titles.topic_ends.push(titles.topics.len() as u32);
        let n = number(&mut numbers, &mut titles.names, &post.research_type);
        titles.research_types.push(n);
        let flag = |on: bool, bit: u8| if on { bit } else { 0 };
        titles.flags.push(
            flag(post.suggested.topics, SUGGESTED_TOPICS)
                | flag(post.suggested.research_type, SUGGESTED_TYPE)
                | flag(post.source == Source::Library, LIBRARY),
        );
    }
    titles
}

/// The number of `name` in `names`, added when new.
fn number<'a>(numbers: &mut HashMap<&'a str, u32>, names: &mut Vec<String>, name: &'a str) -> u32 {
    *numbers.entry(name).or_insert_with(|| {
        names.push(name.to_owned());
        names.len() as u32 - 1
    })
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
    let meta: Meta = rkyv::deserialize::<Meta, rancor::Error>(meta).ok()?;
    let titles = access::<Titles>(file, TITLES)?;
    let count = titles.id_ends.len();
    if file.len() != FIRST_CHUNK + 2 * count.div_ceil(CHUNK) {
        return None;
    }
    let mut posts = posts(titles)?;
    if detail == Detail::Citations {
        for (n, chunk) in posts.chunks_mut(CHUNK).enumerate() {
            fill_citations(file, n, chunk)?;
        }
    }
    Some(Archive {
        version: meta.version,
        header: meta.header,
        topics: meta.topics,
        research_types: meta.research_types,
        posts,
    })
}

/// The posts of `titles`, without citations or bodies; `None` when a column
/// does not fit the others.
fn posts(titles: &ArchivedTitles) -> Option<Vec<Post>> {
    let count = titles.id_ends.len();
    let columns = [
        titles.title_ends.len(),
        titles.years.len(),
        titles.months.len(),
        titles.topic_ends.len(),
        titles.research_types.len(),
        titles.flags.len(),
    ];
    if columns.iter().any(|&len| len != count) {
        return None;
    }
    let names: Vec<&str> = titles.names.iter().map(|n| n.as_str()).collect();
    let name = |n: &rkyv::rend::u32_le| names.get(n.to_native() as usize).copied();
    let mut posts = Vec::with_capacity(count);
    let (mut id_at, mut title_at, mut topic_at) = (0, 0, 0);
    for p in 0..count {
        let (id_end, title_end) = (
            titles.id_ends[p].to_native(),
            titles.title_ends[p].to_native(),
        );
        let topic_end = titles.topic_ends[p].to_native() as usize;
        let topics = titles
            .topics
            .get(topic_at..topic_end)?
            .iter()
            .map(|n| name(n).map(str::to_owned))
            .collect::<Option<Vec<String>>>()?;
        let flags = titles.flags[p];
        posts.push(Post {
            id: titles.ids.get(id_at as usize..id_end as usize)?.to_owned(),
            month: Month {
                year: titles.years[p].to_native(),
                month: titles.months[p],
            },
            title: titles
                .titles
                .get(title_at as usize..title_end as usize)?
                .to_owned(),
            citations: Vec::new(),
            summary: Vec::new(),
            implications: Vec::new(),
            topics,
            research_type: name(&titles.research_types[p])?.to_owned(),
            suggested: Suggested {
                topics: flags & SUGGESTED_TOPICS != 0,
                research_type: flags & SUGGESTED_TYPE != 0,
            },
            source: if flags & LIBRARY != 0 {
                Source::Library
            } else {
                Source::Bundled
            },
        });
        (id_at, title_at, topic_at) = (id_end, title_end, topic_end);
    }
    Some(posts)
}

/// Fills in the citations of `posts`, chunk `n` of the archive.
fn fill_citations(file: &CacheFile, n: usize, posts: &mut [Post]) -> Option<()> {
    let cited = access::<Vec<Vec<Citation>>>(file, FIRST_CHUNK + n)?;
    if cited.len() != posts.len() {
        return None;
    }
    for (post, citations) in posts.iter_mut().zip(cited.iter()) {
        post.citations = deserialize_citations(citations)?;
    }
    Some(())
}

/// Fills in the bodies and citations of `catalog`'s posts (from [`catalog`])
/// from `file`, reading the chunks on two threads. `None` when a section is
/// damaged.
pub(super) fn complete(file: &CacheFile, catalog: &mut Archive) -> Option<()> {
    let chunks = catalog.posts.len().div_ceil(CHUNK);
    let mut parts: Vec<&mut [Post]> = catalog.posts.chunks_mut(CHUNK).collect();
    let half = parts.len().div_ceil(2);
    let (first, second) = parts.split_at_mut(half);
    let fill = |parts: &mut [&mut [Post]], from: usize| -> Option<()> {
        for (n, posts) in parts.iter_mut().enumerate() {
            let chunk = from + n;
            let bodies = access::<Vec<Body>>(file, FIRST_CHUNK + chunks + chunk)?;
            if bodies.len() != posts.len() {
                return None;
            }
            for (post, body) in posts.iter_mut().zip(bodies.iter()) {
                post.summary = strings(&body.summary);
                post.implications = strings(&body.implications);
            }
            // Posts with no citations may simply have none.
            if posts.iter().all(|p| p.citations.is_empty()) {
                fill_citations(file, chunk, posts)?;
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

fn deserialize_citations(
    citations: &rkyv::vec::ArchivedVec<rkyv::Archived<Citation>>,
) -> Option<Vec<Citation>> {
    citations
        .iter()
        .map(rkyv::deserialize::<Citation, rancor::Error>)
        .collect::<Result<Vec<_>, _>>()
        .ok()
}

/// Post `index` of `catalog` (from [`catalog`]) with its body, citations
/// included. `None` when its chunk is damaged.
pub(super) fn post(file: &CacheFile, catalog: &Archive, index: usize) -> Option<Post> {
    let chunks = catalog.posts.len().div_ceil(CHUNK);
    let cited = access::<Vec<Vec<Citation>>>(file, FIRST_CHUNK + index / CHUNK)?;
    let citations = deserialize_citations(cited.get(index % CHUNK)?)?;
    let bodies = access::<Vec<Body>>(file, FIRST_CHUNK + chunks + index / CHUNK)?;
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
