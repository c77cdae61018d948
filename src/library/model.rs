//! What `library.ron` holds, and the rules for putting posts into it and for
//! combining it with the bundled archive. Pure: no files here.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::suggest;
use crate::archive::merge::{find_same, unique_dois};
use crate::archive::{Archive, Post, Source, Suggested};

/// The library file format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The user's own part of the archive: posts they imported or fetched, and
/// the tags people (or the site) gave any post, bundled ones included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LibraryFile {
    /// File format version ([`FORMAT_VERSION`]).
    pub version: u32,
    /// Topics seen on imported pages, in the site's order (the archive's own
    /// topics come first when the two are combined).
    #[serde(default)]
    pub topics: Vec<String>,
    /// Imported or fetched posts, in the order they were first added.
    #[serde(default)]
    pub posts: Vec<Entry>,
    /// Tags a person confirmed or chose, by post id (any post).
    #[serde(default)]
    pub curated: BTreeMap<String, Tags>,
    /// Tags the blog's site gives a post (its topic pages), by post id.
    #[serde(default)]
    pub site: BTreeMap<String, Tags>,
}

impl Default for LibraryFile {
    fn default() -> LibraryFile {
        LibraryFile {
            version: FORMAT_VERSION,
            topics: Vec::new(),
            posts: Vec::new(),
            curated: BTreeMap::new(),
            site: BTreeMap::new(),
        }
    }
}

/// One imported or fetched post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The post's text as last imported. Its `topics` and `research_type` are
    /// pprnet's suggestions; curated and site tags are kept apart and win.
    pub post: Post,
    /// When it was first added (RFC 3339, UTC), for "New".
    pub added: String,
    /// The files (absolute paths) or addresses it was read from.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// Tags for a post; a field left out keeps what the post had.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tags {
    /// The topics, when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topics: Option<Vec<String>>,
    /// The research type, when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub research_type: Option<String>,
}

impl Tags {
    /// Gives `post` the tags these set, marked as `suggested` or not.
    pub fn apply(&self, post: &mut Post, suggested: bool) {
        if let Some(topics) = &self.topics {
            post.topics = topics.clone();
            post.suggested.topics = suggested;
        }
        if let Some(research_type) = &self.research_type {
            post.research_type = research_type.clone();
            post.suggested.research_type = suggested;
        }
    }
}

/// What merging a batch of posts did: the ids in each group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeCounts {
    /// Posts new to the archive and the library.
    pub added: Vec<String>,
    /// Posts whose text changed (the library now holds the newer copy).
    pub updated: Vec<String>,
    /// Posts already there with the same text.
    pub unchanged: Vec<String>,
    /// How many sources (files, addresses) were newly recorded for posts.
    pub new_sources: usize,
    /// Titles of posts whose incoming copy was a cut-off start of the copy
    /// already there: the full copy was kept (they count as unchanged too).
    pub cut_short: Vec<String>,
}

impl MergeCounts {
    /// Adds another batch's counts.
    pub fn extend(&mut self, other: MergeCounts) {
        self.added.extend(other.added);
        self.updated.extend(other.updated);
        self.unchanged.extend(other.unchanged);
        self.new_sources += other.new_sources;
        self.cut_short.extend(other.cut_short);
    }

    /// Whether the library changed.
    pub fn changed(&self) -> bool {
        !self.added.is_empty() || !self.updated.is_empty() || self.new_sources > 0
    }
}

impl LibraryFile {
    /// The topic list of `base` combined with this library's.
    pub fn all_topics(&self, base: &Archive) -> Vec<String> {
        let mut topics = base.topics.clone();
        for topic in &self.topics {
            if !topics.contains(topic) {
                topics.push(topic.clone());
            }
        }
        topics
    }

    /// Remembers topics a page lists that neither the library nor `base` has.
    /// Returns whether any was new.
    pub fn add_topics(&mut self, base: &Archive, page_topics: &[String]) -> bool {
        let known = self.all_topics(base);
        let before = self.topics.len();
        for topic in page_topics {
            if !known.contains(topic) && !self.topics.contains(topic) {
                self.topics.push(topic.clone());
            }
        }
        self.topics.len() != before
    }

    /// Merges `posts` (read from `source`, a file or an address, at `now`)
    /// into the library, against `base` (the bundled archive).
    ///
    /// A post is the same as one already there when it has the same id, or
    /// shares a DOI that no other post has (on either side). Then:
    /// - same text: unchanged (the source is remembered);
    /// - a library post with other text: its text is replaced, its id, the
    ///   time it was added and every tag a person or the site gave are kept;
    /// - a bundled post with other text: the library keeps the newer copy,
    ///   under the bundled post's id (and with its tags);
    /// - otherwise the post is added, with suggested topics and type.
    pub fn merge_posts(
        &mut self,
        base: &Archive,
        posts: Vec<Post>,
        source: &str,
        now: &str,
    ) -> MergeCounts {
        let mut counts = MergeCounts::default();
        let topics = self.all_topics(base);
        let all_posts: Vec<&Post> = base
            .posts
            .iter()
            .chain(self.posts.iter().map(|e| &e.post))
            .collect();
        let known_dois = unique_dois(all_posts.iter().copied());
        let incoming_dois = unique_dois(posts.iter());
        let mut library_ids: HashMap<String, usize> = self
            .posts
            .iter()
            .enumerate()
            .map(|(i, e)| (e.post.id.clone(), i))
            .collect();
        let base_ids: HashMap<&str, usize> = base
            .posts
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        for mut incoming in posts {
            let in_library = library_ids.get(&incoming.id).copied().or_else(|| {
                find_same(
                    self.posts.iter().map(|e| &e.post),
                    &known_dois,
                    &incoming_dois,
                    &incoming,
                )
            });
            if let Some(index) = in_library {
                let entry = &mut self.posts[index];
                if !entry.sources.iter().any(|s| s == source) {
                    entry.sources.push(source.to_string());
                    counts.new_sources += 1;
                }
                if entry.post.same_text(&incoming) {
                    counts.unchanged.push(entry.post.id.clone());
                } else if incoming.is_cut_short_of(&entry.post) {
                    counts.unchanged.push(entry.post.id.clone());
                    counts.cut_short.push(entry.post.title.clone());
                } else {
                    incoming.id = entry.post.id.clone();
                    suggest_tags(&mut incoming, &topics, &base.research_types);
                    entry.post = incoming;
                    counts.updated.push(entry.post.id.clone());
                }
                continue;
            }
            let in_base = base_ids
                .get(incoming.id.as_str())
                .copied()
                .or_else(|| find_same(base.posts.iter(), &known_dois, &incoming_dois, &incoming));
            if let Some(index) = in_base {
                let bundled = &base.posts[index];
                if bundled.same_text(&incoming) {
                    counts.unchanged.push(bundled.id.clone());
                    continue;
                }
                if incoming.is_cut_short_of(bundled) {
                    counts.unchanged.push(bundled.id.clone());
                    counts.cut_short.push(bundled.title.clone());
                    continue;
                }
                incoming.id = bundled.id.clone();
                incoming.topics = bundled.topics.clone();
                incoming.research_type = bundled.research_type.clone();
                counts.updated.push(incoming.id.clone());
            } else {
                suggest_tags(&mut incoming, &topics, &base.research_types);
                counts.added.push(incoming.id.clone());
            }
            library_ids.insert(incoming.id.clone(), self.posts.len());
            self.posts.push(Entry {
                post: incoming,
                added: now.to_string(),
                sources: vec![source.to_string()],
            });
        }
        counts
    }

    /// Records the topics (and research type, when given) the site gives each
    /// post, by id: `update` learns them from the site's topic pages. Returns
    /// whether anything changed. Tags a person chose still win.
    pub fn set_site_tags(&mut self, tags: impl IntoIterator<Item = (String, Tags)>) -> bool {
        let mut changed = false;
        for (id, tags) in tags {
            if self.site.get(&id) != Some(&tags) {
                self.site.insert(id, tags);
                changed = true;
            }
        }
        changed
    }

    /// Records the tags a person gave post `id` (any post, bundled ones
    /// too): they win over the site's tags and pprnet's suggestions, and
    /// survive re-imports. Returns whether anything changed.
    pub fn curate(&mut self, id: &str, tags: Tags) -> bool {
        if self.curated.get(id) == Some(&tags) {
            return false;
        }
        self.curated.insert(id.to_string(), tags);
        true
    }

    /// Takes out the library's copies of the posts with these ids, and of the
    /// posts read from `source` (and from no other source). Curated tags stay
    /// (they also serve bundled posts and re-imports). Returns the ids removed.
    pub fn remove(&mut self, ids: &[String], source: Option<&str>) -> Vec<String> {
        let mut removed = Vec::new();
        self.posts.retain_mut(|entry| {
            let by_id = ids.contains(&entry.post.id);
            let by_source = source.is_some_and(|s| {
                entry.sources.retain(|x| x != s);
                entry.sources.is_empty()
            });
            if by_id || by_source {
                removed.push(entry.post.id.clone());
                false
            } else {
                true
            }
        });
        removed
    }

    /// The posts of `base` and of the library as one archive: the library's
    /// copy wins over a bundled post with the same id (keeping the bundled
    /// tags), tags from the site and then from a person are laid over, and
    /// every post knows its [`Source`]. Newest month first.
    pub fn combine(&self, mut base: Archive) -> Archive {
        base.topics = self.all_topics(&base);
        let positions: HashMap<String, usize> = base
            .posts
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect();
        for entry in &self.posts {
            let mut post = entry.post.clone();
            post.source = Source::Library;
            match positions.get(&post.id) {
                Some(&index) => {
                    let bundled = &mut base.posts[index];
                    post.topics = std::mem::take(&mut bundled.topics);
                    post.research_type = std::mem::take(&mut bundled.research_type);
                    post.suggested = bundled.suggested;
                    *bundled = post;
                }
                None => {
                    post.suggested = Suggested::ALL;
                    base.posts.push(post);
                }
            }
        }
        if !self.site.is_empty() || !self.curated.is_empty() {
            for post in &mut base.posts {
                if let Some(tags) = self.site.get(&post.id) {
                    tags.apply(post, false);
                }
                if let Some(tags) = self.curated.get(&post.id) {
                    tags.apply(post, false);
                }
            }
        }
        base.sort_posts();
        base
    }
}

impl LibraryFile {
    /// The ids of library posts that are new to the archive `base` (not
    /// copies of its posts) and were added after `since` (RFC 3339); all of
    /// them when `since` is `None`.
    pub fn added_since(&self, base: &Archive, since: Option<&str>) -> HashSet<String> {
        let bundled: HashSet<&str> = base.posts.iter().map(|p| p.id.as_str()).collect();
        self.posts
            .iter()
            .filter(|e| !bundled.contains(e.post.id.as_str()))
            .filter(|e| since.is_none_or(|s| e.added.as_str() > s))
            .map(|e| e.post.id.clone())
            .collect()
    }
}

/// Gives a post pprnet's suggested topics and research type.
fn suggest_tags(post: &mut Post, topics: &[String], research_types: &[String]) {
    let suggestions = suggest::suggest(post, topics, research_types);
    post.topics = suggestions.topic_names();
    post.research_type = suggestions.research_type.name;
    post.suggested = Suggested::default();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::{Citation, bundled};

    fn post(id: &str, month: &str, doi: Option<&str>, summary: &str) -> Post {
        Post {
            id: id.into(),
            month: month.parse().unwrap(),
            title: id.into(),
            citations: vec![Citation {
                raw: "Someone, A. (2024). A study.".into(),
                authors: vec!["Someone, A.".into()],
                year: Some(2024),
                doi: doi.map(Into::into),
            }],
            summary: vec![summary.into()],
            implications: vec!["Empathy matters; empathic therapists keep clients.".into()],
            topics: Vec::new(),
            research_type: "Other".into(),
            suggested: Suggested::default(),
            source: Source::default(),
        }
    }

    #[test]
    fn new_posts_are_added_with_suggestions_and_same_ones_are_unchanged() {
        let base = bundled().unwrap();
        let mut lib = LibraryFile::default();
        let counts = lib.merge_posts(
            &base,
            vec![post("2024-01-a", "2024-01", None, "x")],
            "f",
            "T1",
        );
        assert_eq!(counts.added, ["2024-01-a"]);
        assert_eq!(lib.posts[0].post.topics, ["Empathy"]);
        let again = lib.merge_posts(
            &base,
            vec![post("2024-01-a", "2024-01", None, "x")],
            "f",
            "T2",
        );
        assert_eq!(again.unchanged, ["2024-01-a"]);
        assert!(!again.changed());
        assert_eq!(lib.posts[0].added, "T1");
        let combined = lib.combine(base);
        let imported = combined.post("2024-01-a").unwrap();
        assert_eq!(imported.source, Source::Library);
        assert_eq!(imported.suggested, Suggested::ALL);
    }

    #[test]
    fn a_changed_text_updates_the_post_and_keeps_id_time_and_curation() {
        let base = bundled().unwrap();
        let mut lib = LibraryFile::default();
        lib.merge_posts(
            &base,
            vec![post("2024-01-a", "2024-01", Some("10.1/x"), "old")],
            "f",
            "T1",
        );
        lib.curated.insert(
            "2024-01-a".into(),
            Tags {
                topics: Some(vec!["Training".into()]),
                research_type: None,
            },
        );
        // Same DOI, a retitled post (so another id): the same post.
        let mut renamed = post("2024-01-b", "2024-01", Some("10.1/x"), "new");
        renamed.title = "2024-01-b".into();
        let counts = lib.merge_posts(&base, vec![renamed], "g", "T2");
        assert_eq!(counts.updated, ["2024-01-a"]);
        assert_eq!(lib.posts.len(), 1);
        assert_eq!(lib.posts[0].added, "T1");
        assert_eq!(lib.posts[0].sources, ["f", "g"]);
        let combined = lib.combine(base);
        let post = combined.post("2024-01-a").unwrap();
        assert_eq!(post.summary, ["new"]);
        assert_eq!(post.topics, ["Training"]);
        assert_eq!(
            post.suggested,
            Suggested {
                topics: false,
                research_type: true
            }
        );
    }

    #[test]
    fn site_tags_beat_suggestions_and_a_person_beats_both() {
        let base = bundled().unwrap();
        let mut lib = LibraryFile::default();
        lib.merge_posts(
            &base,
            vec![post("2024-01-a", "2024-01", None, "x")],
            "f",
            "T1",
        );
        let site = Tags {
            topics: Some(vec!["Attachment".into()]),
            research_type: Some("Randomized trial".into()),
        };
        assert!(lib.set_site_tags([("2024-01-a".to_string(), site.clone())]));
        assert!(!lib.set_site_tags([("2024-01-a".to_string(), site)]));
        let combined = lib.combine(base.clone());
        let post = combined.post("2024-01-a").unwrap();
        assert_eq!(post.topics, ["Attachment"]);
        assert!(post.suggested.is_none());
        lib.curated.insert(
            "2024-01-a".into(),
            Tags {
                topics: None,
                research_type: Some("Meta-analysis".into()),
            },
        );
        let combined = lib.combine(base);
        let post = combined.post("2024-01-a").unwrap();
        assert_eq!(
            (post.topics.as_slice(), post.research_type.as_str()),
            (&["Attachment".to_string()][..], "Meta-analysis")
        );
    }

    #[test]
    fn removing_by_id_or_by_source_keeps_posts_other_sources_still_give() {
        let base = bundled().unwrap();
        let mut lib = LibraryFile::default();
        lib.merge_posts(
            &base,
            vec![
                post("2024-01-a", "2024-01", None, "x"),
                post("2024-01-b", "2024-01", None, "y"),
            ],
            "f",
            "T",
        );
        lib.merge_posts(
            &base,
            vec![post("2024-01-b", "2024-01", None, "y")],
            "g",
            "T",
        );
        assert_eq!(lib.remove(&[], Some("f")), ["2024-01-a"]);
        assert_eq!(lib.posts[0].sources, ["g"]);
        assert_eq!(lib.remove(&["2024-01-b".to_string()], None), ["2024-01-b"]);
        assert!(lib.posts.is_empty());
    }
}
