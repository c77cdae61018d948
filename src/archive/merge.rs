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
        let same_doi = |post: &Post| {
            post.citations
                .iter()
                .filter_map(|c| c.doi.as_deref())
                .any(|doi| {
                    archive_dois.contains(doi)
                        && page_dois.contains(doi)
                        && incoming
                            .citations
                            .iter()
                            .any(|c| c.doi.as_deref() == Some(doi))
                })
        };
        let existing = archive
            .posts
            .iter()
            .position(|p| p.id == incoming.id)
            .or_else(|| archive.posts.iter().position(same_doi));
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

/// The DOIs that exactly one post carries.
fn unique_dois(posts: &[Post]) -> HashSet<String> {
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
