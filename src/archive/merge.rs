//! Building an archive from an imported page, or merging a page into an archive.

use std::collections::{HashMap, HashSet};

use super::import::ImportedPage;
use super::model::{Archive, FORMAT_VERSION, Post, RESEARCH_TYPES};

/// What a merge did, for the maintainer to read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Ids of posts that were new.
    pub added: Vec<String>,
    /// Ids of posts already in the archive whose text the page changed.
    pub updated: Vec<String>,
    /// Ids of posts already in the archive, unchanged.
    pub unchanged: Vec<String>,
    /// Topics on the page that the archive did not have.
    pub new_topics: Vec<String>,
}

/// A fresh archive holding just the page's posts, with the standard research types.
pub fn archive_from_page(page: ImportedPage) -> Archive {
    let mut archive = Archive {
        version: FORMAT_VERSION,
        header: page.header,
        topics: page.topics,
        research_types: RESEARCH_TYPES.iter().map(|r| r.to_string()).collect(),
        posts: page.posts,
    };
    archive.sort_posts();
    archive
}

/// Merges a page into an archive. A page post is the same as an archive post when
/// it has the same id, or when they share a DOI that no other post on either side
/// has (a chapter summarised in two posts keeps both). Matching posts take the
/// page's text but keep their id and curated fields (topics, research type); the
/// rest are added. Posts end up newest month first.
pub fn merge(mut archive: Archive, page: ImportedPage) -> (Archive, MergeReport) {
    let mut report = MergeReport::default();
    if !page.header.intro.is_empty() || !page.header.this_month.is_empty() {
        archive.header = page.header;
    }
    merge_topics(&mut archive.topics, page.topics, &mut report);
    let archive_dois = unique_dois(&archive.posts);
    let page_dois = unique_dois(&page.posts);
    for incoming in page.posts {
        let existing = archive
            .posts
            .iter()
            .position(|p| p.id == incoming.id)
            .or_else(|| find_same(&archive.posts, &archive_dois, &page_dois, &incoming));
        match existing {
            Some(index) => {
                let post = &mut archive.posts[index];
                if post.same_text(&incoming) {
                    report.unchanged.push(post.id.clone());
                } else {
                    report.updated.push(post.id.clone());
                    *post = Post {
                        id: std::mem::take(&mut post.id),
                        topics: std::mem::take(&mut post.topics),
                        research_type: std::mem::take(&mut post.research_type),
                        ..incoming
                    };
                }
            }
            None => {
                report.added.push(incoming.id.clone());
                archive.posts.push(incoming);
            }
        }
    }
    archive.sort_posts();
    (archive, report)
}

/// Puts the page's topic order first, then any archive topics the page lacks.
fn merge_topics(topics: &mut Vec<String>, page_topics: Vec<String>, report: &mut MergeReport) {
    if page_topics.is_empty() {
        return;
    }
    report.new_topics = page_topics
        .iter()
        .filter(|t| !topics.contains(t))
        .cloned()
        .collect();
    let leftovers: Vec<String> = topics
        .iter()
        .filter(|t| !page_topics.contains(t))
        .cloned()
        .collect();
    *topics = page_topics;
    topics.extend(leftovers);
}

/// The index of the post among `posts` that shares a DOI with `incoming`,
/// where that DOI belongs to one post only on each side: `known` and
/// `incoming_dois` are the sides' [`unique_dois`].
pub fn find_same<'a>(
    posts: impl IntoIterator<Item = &'a Post>,
    known: &HashSet<String>,
    incoming_dois: &HashSet<String>,
    incoming: &Post,
) -> Option<usize> {
    let dois: Vec<&str> = incoming
        .citations
        .iter()
        .filter_map(|c| c.doi.as_deref())
        .filter(|doi| known.contains(*doi) && incoming_dois.contains(*doi))
        .collect();
    if dois.is_empty() {
        return None;
    }
    posts.into_iter().position(|post| {
        post.citations
            .iter()
            .filter_map(|c| c.doi.as_deref())
            .any(|doi| dois.contains(&doi))
    })
}

/// The DOIs that exactly one post carries.
pub fn unique_dois<'a>(posts: impl IntoIterator<Item = &'a Post>) -> HashSet<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for post in posts {
        for doi in post.citations.iter().filter_map(|c| c.doi.as_deref()) {
            *counts.entry(doi).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n == 1)
        .map(|(doi, _)| doi.to_string())
        .collect()
}
