//! A fictional PPRNet-style blog for the `update` tests: posts written for the
//! tests, rendered as HTML pages in the site's URL scheme (`BASE?p=N`,
//! `BASE?cat_2=ID&p=N`, `BASE?cat_1=ID&p=N`) and layout (intro, "This month...",
//! "Type of Research", "Topics" with "ALL Topics (clear)", month headings,
//! posts), with navigation and a footer around them.

#![allow(dead_code)]

use std::collections::BTreeMap;

use pprnet::archive::model::MONTH_NAMES;

/// The blog's path on the test server.
pub const PATH: &str = "/pprnet/blog";

/// A topic the bundled archive does not know.
pub const UNKNOWN_TOPIC: &str = "Waiting Room Design";

/// One fictional post.
#[derive(Debug, Clone)]
pub struct FixturePost {
    /// `YYYY-MM`.
    pub month: &'static str,
    /// The title.
    pub title: &'static str,
    /// The APA citation line.
    pub citation: String,
    /// The summary paragraph.
    pub summary: &'static str,
    /// The Practice Implications paragraph.
    pub implications: &'static str,
    /// The topics whose listings show it.
    pub topics: Vec<&'static str>,
    /// The research type whose listing shows it.
    pub research_type: &'static str,
}

impl FixturePost {
    /// The id pprnet gives it (`YYYY-MM-slug`).
    pub fn id(&self) -> String {
        let slug: String = self
            .title
            .to_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        format!("{}-{slug}", self.month)
    }
}

/// The site: topics and types with their ids, and posts newest first.
#[derive(Debug, Clone)]
pub struct Blog {
    /// `(cat_2 id, name)` in the site's order.
    pub topics: Vec<(&'static str, &'static str)>,
    /// `(cat_1 id, name)` in the site's order.
    pub types: Vec<(&'static str, &'static str)>,
    /// Newest first.
    pub posts: Vec<FixturePost>,
    /// Posts per listing page.
    pub page_size: usize,
}

fn post(
    month: &'static str,
    title: &'static str,
    author: &str,
    topics: Vec<&'static str>,
    research_type: &'static str,
) -> FixturePost {
    let year = &month[..4];
    FixturePost {
        month,
        title,
        citation: format!(
            "{author}, A., & Tester, B. ({year}). {title}: A fictional study. Journal of Test Fixtures, 12(3), 45–67. https://doi.org/10.5555/fixture.{}",
            month.replace('-', "")
        ),
        summary: "This study, written for pprnet’s tests, followed clients through a fictional clinic and measured what changed.",
        implications: "Therapists may find it useful to ask clients early about what helps them stay in therapy.",
        topics,
        research_type,
    }
}

impl Blog {
    /// Eight posts over six months, three a page, with an unknown topic.
    pub fn new() -> Blog {
        Blog {
            topics: vec![
                ("21", "Alliance and Therapeutic Relationship"),
                ("22", "Empathy"),
                ("23", "Termination"),
                ("24", "Training"),
                ("25", UNKNOWN_TOPIC),
                ("26", "Feedback and Progress Monitoring"),
            ],
            types: vec![
                ("1", "Meta-analysis"),
                ("2", "Randomized trial"),
                ("3", "Qualitative study"),
            ],
            posts: vec![
                post(
                    "2024-06",
                    "Empathy in Brief Therapy",
                    "Abbott",
                    vec!["Empathy", "Training"],
                    "Randomized trial",
                ),
                post(
                    "2024-06",
                    "Endings That Clients Choose",
                    "Baker",
                    vec!["Termination"],
                    "Qualitative study",
                ),
                post(
                    "2024-05",
                    "Alliance Ruptures in Group Therapy",
                    "Carver",
                    vec!["Alliance and Therapeutic Relationship", "Empathy"],
                    "Meta-analysis",
                ),
                post(
                    "2024-04",
                    "Chairs, Lights and Dropping Out",
                    "Dunn",
                    vec![UNKNOWN_TOPIC, "Termination"],
                    "Qualitative study",
                ),
                post(
                    "2024-03",
                    "Feedback Every Session",
                    "Ellis",
                    vec!["Feedback and Progress Monitoring", "Training"],
                    "Randomized trial",
                ),
                post(
                    "2024-02",
                    "Supervisors Who Listen",
                    "Fox",
                    vec![
                        "Training",
                        "Empathy",
                        "Alliance and Therapeutic Relationship",
                    ],
                    "Qualitative study",
                ),
                post(
                    "2024-02",
                    "Measuring Warmth",
                    "Gray",
                    vec!["Empathy"],
                    "Meta-analysis",
                ),
                post(
                    "2024-01",
                    "A Year of Progress Notes",
                    "Hale",
                    vec!["Feedback and Progress Monitoring"],
                    "Meta-analysis",
                ),
            ],
            page_size: 3,
        }
    }

    /// A new post at the top (pushing every other post one place down).
    pub fn add_newest(&mut self) -> FixturePost {
        let new = post(
            "2024-07",
            "Silence as an Intervention",
            "Ives",
            vec!["Alliance and Therapeutic Relationship", "Termination"],
            "Randomized trial",
        );
        self.posts.insert(0, new.clone());
        new
    }

    /// Which topics each post has, by id.
    pub fn memberships(&self) -> BTreeMap<String, Vec<&'static str>> {
        self.posts
            .iter()
            .map(|p| {
                let mut topics = p.topics.clone();
                topics.sort();
                (p.id(), topics)
            })
            .collect()
    }

    /// The page at `target` (path and query), or `None` for an unknown path.
    pub fn render(&self, target: &str) -> Option<String> {
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        if path != PATH {
            return None;
        }
        let param = |key: &str| {
            query
                .split('&')
                .filter_map(|pair| pair.split_once('='))
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v.to_string())
        };
        let page: usize = param("p").and_then(|p| p.parse().ok()).unwrap_or(1).max(1);
        let listed: Vec<&FixturePost> = if let Some(id) = param("cat_2") {
            let name = self.topics.iter().find(|(i, _)| *i == id)?.1;
            self.posts
                .iter()
                .filter(|p| p.topics.contains(&name))
                .collect()
        } else if let Some(id) = param("cat_1") {
            let name = self.types.iter().find(|(i, _)| *i == id)?.1;
            self.posts
                .iter()
                .filter(|p| p.research_type == name)
                .collect()
        } else {
            self.posts.iter().collect()
        };
        let shown: Vec<&FixturePost> = listed
            .iter()
            .skip((page - 1) * self.page_size)
            .take(self.page_size)
            .copied()
            .collect();
        Some(self.page_html(&shown, page))
    }

    fn page_html(&self, posts: &[&FixturePost], page: usize) -> String {
        let mut html = String::from(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Blog | PPRNet</title>\
             <script>var tracking = 'none';</script></head><body>\n\
             <header><nav><a href=\"/pprnet\">PPRNet home</a> <a href=\"/pprnet/about\">About us</a></nav></header>\n\
             <main><h1>Blog</h1>\n\
             <p>Welcome to the fictional test blog. Each month we summarise a study for clinicians.</p>\n\
             <h2>This month...</h2><p>Test posts about fictional clinics.</p>\n\
             <h2>Type of Research</h2><ul>",
        );
        for (id, name) in &self.types {
            html.push_str(&format!(
                "<li><a href=\"{PATH}?cat_1={id}\">{name}</a></li>"
            ));
        }
        // The "clear" link carries cat_2 too, as on a saved page of the blog:
        // it is not a topic listing.
        html.push_str("</ul>\n<h2>Topics</h2><ul><li><a href=\"");
        html.push_str(PATH);
        html.push_str("?cat_2=All\">ALL Topics (clear)</a></li>");
        for (id, name) in &self.topics {
            html.push_str(&format!(
                "<li><a href=\"{PATH}?cat_2={id}&amp;p=1\">{name}</a></li>"
            ));
        }
        html.push_str("</ul>\n");
        if posts.is_empty() {
            html.push_str("<p>No posts found.</p>\n");
        }
        let mut month = "";
        for post in posts {
            if post.month != month {
                month = post.month;
                html.push_str(&format!("<h2>{}</h2>\n", month_heading(month)));
            }
            html.push_str(&format!(
                "<article><h3>{}</h3>\n<p>{}</p>\n<p>{}</p>\n<h4>Practice Implications</h4>\n<p>{}</p></article>\n",
                post.title, post.citation, post.summary, post.implications
            ));
        }
        html.push_str(&format!(
            "<nav class=\"pager\"><a href=\"?p={}\">Next page</a></nav></main>\n\
             <footer><p>© A fictional university. All rights reserved.</p></footer></body></html>\n",
            page + 1
        ));
        html
    }
}

fn month_heading(month: &str) -> String {
    let index: usize = month[5..].parse().unwrap();
    format!("{} {}", MONTH_NAMES[index - 1], &month[..4])
}
