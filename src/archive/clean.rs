//! Control characters and bidi overrides out of an archive's text (see
//! [`crate::text::is_unsafe`]): whatever an archive file carried in (as RON
//! escapes, say), an archive pprnet writes holds none of them.

use super::model::Archive;
use crate::text::strip_unsafe;

/// Drops the control characters and bidi overrides from every text of
/// `archive`, returning one message per text that had some ("dropped 2
/// control character(s) from the title of post \"2024-03-x\"").
pub fn drop_unsafe(archive: &mut Archive) -> Vec<String> {
    let mut dropped = Vec::new();
    let mut clean = |text: &mut String, what: &dyn Fn() -> String| {
        let (kept, count) = strip_unsafe(text);
        if count > 0 {
            *text = kept.into_owned();
            dropped.push(format!(
                "dropped {count} control character(s) from {}",
                what()
            ));
        }
    };
    for text in archive
        .header
        .intro
        .iter_mut()
        .chain(&mut archive.header.this_month)
    {
        clean(text, &|| "the archive's introduction".into());
    }
    for topic in &mut archive.topics {
        clean(topic, &|| "the topic list".into());
    }
    for research_type in &mut archive.research_types {
        clean(research_type, &|| "the research types".into());
    }
    for post in &mut archive.posts {
        let id = post.id.clone();
        let of = |field: &str| format!("the {field} of post {id:?}");
        clean(&mut post.title, &|| of("title"));
        for citation in &mut post.citations {
            clean(&mut citation.raw, &|| of("citation"));
            for author in &mut citation.authors {
                clean(author, &|| of("citation's authors"));
            }
            if let Some(doi) = &mut citation.doi {
                clean(doi, &|| of("DOI"));
            }
        }
        for paragraph in &mut post.summary {
            clean(paragraph, &|| of("summary"));
        }
        for paragraph in &mut post.implications {
            clean(paragraph, &|| of("Practice Implications"));
        }
        for topic in &mut post.topics {
            clean(topic, &|| of("topics"));
        }
        clean(&mut post.research_type, &|| of("research type"));
    }
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_cleaned_and_each_is_named() {
        let mut archive = crate::archive::bundled().unwrap();
        let hostile = "\u{1b}]0;PWNED\u{7} \u{202e}x\u{9b}2J";
        archive.header.intro.push(hostile.into());
        archive.topics[0].push_str(hostile);
        archive.research_types[0].push_str(hostile);
        let post = &mut archive.posts[0];
        post.title.push_str(hostile);
        post.citations[0].raw.push_str(hostile);
        post.citations[0].authors.push(hostile.into());
        post.citations[0].doi = Some(format!("10.1/x{hostile}"));
        post.summary.push(hostile.into());
        post.implications.push(hostile.into());
        post.topics[0].push_str(hostile);
        post.research_type.push_str(hostile);
        let messages = drop_unsafe(&mut archive);
        assert_eq!(messages.len(), 11, "{messages:#?}");
        assert!(messages[3].starts_with("dropped 4 control character(s) from the title of post"));
        let text = crate::archive::to_ron(&archive);
        assert!(!text.chars().any(crate::text::is_unsafe));
        assert!(text.contains("]0;PWNED x2J"));
        assert!(drop_unsafe(&mut archive).is_empty());
    }
}
