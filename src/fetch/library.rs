//! Handing what an update read to the user's library (`library.ron`): posts go
//! through the same merge as `pprnet import`; the topics and research types the
//! site's filtered listings give are recorded as the site's tags (not
//! suggestions). Bookmarks, read marks and tags a person chose are never
//! touched, and neither are the bundled posts' curated tags.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use super::update::{Merged, SiteLibrary};
use super::walk::Snapshot;
use crate::archive::Archive;
use crate::datafile::StoreError;
use crate::library::{self, LibraryFile, Tags, store};
use crate::text::fold;

/// The library of a data directory, as `update` writes into it.
pub struct LibraryTarget {
    dir: PathBuf,
    base: Archive,
    known: HashSet<String>,
    source: String,
}

impl LibraryTarget {
    /// Reads the library in `data_dir` against `base` (the bundled archive or
    /// `--archive`); posts fetched from `site` are recorded as read from it. A
    /// damaged, unreadable or newer library is an error, and nothing is fetched.
    pub fn open(base: Archive, data_dir: &Path, site: &str) -> Result<LibraryTarget, StoreError> {
        let library = store::read(data_dir)?;
        let known = base
            .posts
            .iter()
            .map(|p| p.id.clone())
            .chain(library.posts.iter().map(|e| e.post.id.clone()))
            .collect();
        Ok(LibraryTarget {
            dir: data_dir.to_path_buf(),
            base,
            known,
            source: site.to_string(),
        })
    }
}

impl SiteLibrary for LibraryTarget {
    fn contains(&self, id: &str) -> bool {
        self.known.contains(id)
    }

    fn merge(&mut self, snapshot: &Snapshot) -> Result<Merged, String> {
        let topics: Vec<String> = snapshot.topics.iter().map(|l| l.name.clone()).collect();
        let now = library::now();
        let base = &self.base;
        let source = &self.source;
        let (merged, _) = store::change(&self.dir, |library| {
            let new_topics = library.add_topics(base, &topics);
            let counts = library.merge_posts(base, snapshot.posts.clone(), source, &now);
            let (tags, warnings) = site_tags(snapshot, library, base);
            let retagged: Vec<String> = tags
                .iter()
                .filter(|(id, tags)| library.site.get(*id) != Some(tags))
                .map(|(id, _)| id.clone())
                .collect();
            let tags_changed = library.set_site_tags(tags);
            let changed = new_topics || counts.changed() || tags_changed;
            let merged = Merged {
                added: counts.added,
                updated: counts.updated,
                retagged,
                warnings,
            };
            (merged, changed)
        })
        .map_err(|e| e.to_string())?;
        self.known.extend(merged.added.iter().cloned());
        Ok(merged)
    }
}

/// The tags the site gives the library's posts: the topics whose listings show
/// a post (in the site's order), and the research type whose listing shows it.
/// A post in no listing read keeps what it had. When every topic listing was
/// read to the end, a post's site topics are exactly the listings it is on;
/// otherwise topics are only added. Bundled posts keep their curated tags.
/// Returns the tags by post id and warnings (a type name the archive lacks).
pub fn site_tags(
    snapshot: &Snapshot,
    library: &LibraryFile,
    base: &Archive,
) -> (BTreeMap<String, Tags>, Vec<String>) {
    let mut warnings = Vec::new();
    let in_library: HashSet<&str> = library.posts.iter().map(|e| e.post.id.as_str()).collect();
    let bundled: HashSet<&str> = base.posts.iter().map(|p| p.id.as_str()).collect();
    let eligible = |id: &str| in_library.contains(id) && !bundled.contains(id);
    let every_topic_read = !snapshot.topics.is_empty()
        && snapshot.topics.iter().all(|link| {
            snapshot
                .topic_members
                .get(&link.name)
                .is_some_and(|m| m.complete)
        });

    let mut topics: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (order, link) in snapshot.topics.iter().enumerate() {
        let Some(members) = snapshot.topic_members.get(&link.name) else {
            continue;
        };
        for id in members.posts.iter().filter(|id| eligible(id)) {
            topics.entry(id.clone()).or_default().insert(order);
        }
    }
    let mut result: BTreeMap<String, Tags> = BTreeMap::new();
    for (id, orders) in topics {
        let mut names: Vec<String> = orders
            .into_iter()
            .map(|i| snapshot.topics[i].name.clone())
            .collect();
        if !every_topic_read {
            let before = library.site.get(&id).and_then(|t| t.topics.clone());
            for name in before.unwrap_or_default() {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        result.insert(
            id.clone(),
            Tags {
                topics: Some(names),
                research_type: library.site.get(&id).and_then(|t| t.research_type.clone()),
            },
        );
    }
    if every_topic_read {
        // A post the site listed before and lists under no topic now.
        for (id, before) in &library.site {
            if eligible(id) && !result.contains_key(id) && before.topics.is_some() {
                result.insert(
                    id.clone(),
                    Tags {
                        topics: None,
                        research_type: before.research_type.clone(),
                    },
                );
            }
        }
    }
    for (name, members) in &snapshot.type_members {
        let Some(canonical) = base.research_types.iter().find(|r| fold(r) == fold(name)) else {
            warnings.push(format!(
                "the site's research type {name:?} is not one of pprnet's ({}); its posts keep their type",
                base.research_types.join(", ")
            ));
            continue;
        };
        if !members.complete {
            continue;
        }
        for id in members.posts.iter().filter(|id| eligible(id)) {
            let before = library.site.get(id.as_str());
            let entry = result.entry(id.clone()).or_insert_with(|| Tags {
                topics: before.and_then(|t| t.topics.clone()),
                research_type: None,
            });
            entry.research_type = Some(canonical.clone());
        }
    }
    (result, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fetch::site::SiteLink;
    use crate::fetch::walk::Members;
    use crate::library::Entry;

    /// The bundled archive, and a library holding two copies of its first post
    /// under new ids.
    fn setup() -> (Archive, LibraryFile) {
        let base = crate::archive::bundled().unwrap();
        let mut library = LibraryFile::default();
        for id in ["2024-01-a", "2024-02-b"] {
            let mut post = base.posts[0].clone();
            post.id = id.to_string();
            library.posts.push(Entry {
                post,
                added: "2026-01-01T00:00:00Z".into(),
                sources: Vec::new(),
            });
        }
        (base, library)
    }

    fn link(id: &str, name: &str) -> SiteLink {
        SiteLink {
            id: id.into(),
            name: name.into(),
        }
    }

    fn members(ids: &[&str], complete: bool) -> Members {
        Members {
            posts: ids.iter().map(|s| s.to_string()).collect(),
            complete,
            unchanged: false,
        }
    }

    fn snapshot(complete: bool) -> Snapshot {
        let bundled = "2023-11-therapist-qualities-that-lead-to-treatment-failure-or-termination";
        let mut snapshot = Snapshot {
            topics: vec![link("2", "Training"), link("1", "Empathy")],
            research_types: vec![link("9", "meta-analysis"), link("8", "Case studies")],
            ..Snapshot::default()
        };
        snapshot
            .topic_members
            .insert("Empathy".into(), members(&["2024-01-a", bundled], true));
        snapshot
            .topic_members
            .insert("Training".into(), members(&["2024-01-a"], complete));
        snapshot
            .type_members
            .insert("meta-analysis".into(), members(&["2024-01-a"], true));
        snapshot
            .type_members
            .insert("Case studies".into(), members(&["2024-02-b"], true));
        snapshot
    }

    #[test]
    fn site_tags_follow_the_listings_in_site_order_and_leave_bundled_posts_alone() {
        let (base, library) = setup();
        let (tags, warnings) = site_tags(&snapshot(true), &library, &base);
        assert_eq!(
            tags.len(),
            1,
            "the bundled post keeps its curated tags: {tags:?}"
        );
        let a = &tags["2024-01-a"];
        assert_eq!(
            a.topics.as_deref(),
            Some(&["Training".to_string(), "Empathy".to_string()][..])
        );
        assert_eq!(a.research_type.as_deref(), Some("Meta-analysis"));
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("\"Case studies\""), "{warnings:?}");
    }

    #[test]
    fn an_incomplete_read_only_adds_topics_and_a_complete_one_removes_them() {
        let (base, mut library) = setup();
        library.site.insert(
            "2024-01-a".into(),
            Tags {
                topics: Some(vec!["Termination".into()]),
                research_type: None,
            },
        );
        library.site.insert(
            "2024-02-b".into(),
            Tags {
                topics: Some(vec!["Empathy".into()]),
                research_type: None,
            },
        );
        let (partial, _) = site_tags(&snapshot(false), &library, &base);
        assert_eq!(
            partial["2024-01-a"].topics.as_deref(),
            Some(&["Training".into(), "Empathy".into(), "Termination".into()][..])
        );
        assert!(!partial.contains_key("2024-02-b"), "kept as it was");

        let (whole, _) = site_tags(&snapshot(true), &library, &base);
        assert_eq!(
            whole["2024-01-a"].topics.as_deref(),
            Some(&["Training".into(), "Empathy".into()][..])
        );
        assert_eq!(whole["2024-02-b"].topics, None, "listed under no topic now");
    }
}
