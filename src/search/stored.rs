//! The index as sections of bytes, to store (`crate::cache`) and to read back
//! in place: its short lists as one rkyv archive, then each of its arrays as
//! its bytes (native byte order), which [`from_sections`] uses where they lie.

use std::ops::Range;

use rkyv::rancor;
use rkyv::util::AlignedVec;

pub use super::column::Shared;
use super::column::{Column, Text};
use super::index::{SearchIndex, WordHit, fresh_id};

/// The index's short lists.
#[derive(rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
struct Lists {
    single_chars: Vec<Vec<WordHit>>,
    type_names: Vec<String>,
    no_typos: bool,
}

/// How many arrays [`to_sections`] gives after the lists.
pub const ARRAYS: usize = 21;

/// The sections of `index`: its short lists, then the bytes of each array.
pub fn to_sections(index: &SearchIndex) -> Result<(AlignedVec, Vec<&[u8]>), rancor::Error> {
    let lists = rkyv::to_bytes::<rancor::Error>(&Lists {
        single_chars: index.single_chars.clone(),
        type_names: index.type_names.clone(),
        no_typos: index.no_typos,
    })?;
    let arrays = vec![
        index.text.as_bytes(),
        index.start.as_bytes(),
        index.chars.as_bytes(),
        index.mask.as_bytes(),
        index.compound.as_bytes(),
        index.list_start.as_bytes(),
        index.postings.as_bytes(),
        index.word_classes.as_bytes(),
        index.word_posts.as_bytes(),
        index.forward_start.as_bytes(),
        index.forward.as_bytes(),
        index.post_mask.as_bytes(),
        index.recency.as_bytes(),
        index.by_recency.as_bytes(),
        index.years_start.as_bytes(),
        index.years.as_bytes(),
        index.mentioned_start.as_bytes(),
        index.mentioned.as_bytes(),
        index.post_type.as_bytes(),
        index.doi_start.as_bytes(),
        index.dois.as_bytes(),
    ];
    debug_assert_eq!(arrays.len(), ARRAYS);
    Ok((lists, arrays))
}

/// The index whose lists are `lists` (an rkyv archive, validated here) and
/// whose arrays are `arrays` (places in `bytes`, in [`to_sections`]' order),
/// read in place. `None` when anything does not fit: a wrong length or
/// alignment, text that is not UTF-8, a count that disagrees.
///
/// The bytes are the caller's to check (a checksum): numbers that are wrong
/// but fit (a post number past the end, say) are not found here, and would
/// make a search panic, never read out of bounds.
pub fn from_sections(lists: &[u8], bytes: &Shared, arrays: &[Range<usize>]) -> Option<SearchIndex> {
    let lists = rkyv::access::<ArchivedLists, rancor::Error>(lists).ok()?;
    let lists: Lists = rkyv::deserialize::<Lists, rancor::Error>(lists).ok()?;
    if arrays.len() != ARRAYS {
        return None;
    }
    let mut next = arrays.iter().cloned();
    let mut array = || next.next();
    let index = SearchIndex {
        id: fresh_id(),
        text: Text::borrow(bytes, array()?)?,
        start: Column::borrow(bytes, array()?)?,
        chars: Column::borrow(bytes, array()?)?,
        mask: Column::borrow(bytes, array()?)?,
        compound: Column::borrow(bytes, array()?)?,
        list_start: Column::borrow(bytes, array()?)?,
        postings: Column::borrow(bytes, array()?)?,
        word_classes: Column::borrow(bytes, array()?)?,
        word_posts: Column::borrow(bytes, array()?)?,
        single_chars: lists.single_chars,
        forward_start: Column::borrow(bytes, array()?)?,
        forward: Column::borrow(bytes, array()?)?,
        post_mask: Column::borrow(bytes, array()?)?,
        recency: Column::borrow(bytes, array()?)?,
        by_recency: Column::borrow(bytes, array()?)?,
        years_start: Column::borrow(bytes, array()?)?,
        years: Column::borrow(bytes, array()?)?,
        mentioned_start: Column::borrow(bytes, array()?)?,
        mentioned: Column::borrow(bytes, array()?)?,
        type_names: lists.type_names,
        post_type: Column::borrow(bytes, array()?)?,
        doi_start: Column::borrow(bytes, array()?)?,
        dois: Text::borrow(bytes, array()?)?,
        no_typos: lists.no_typos,
    };
    index.fits().then_some(index)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    /// `index` stored into one aligned buffer, and the places of its arrays.
    fn store(index: &SearchIndex) -> (AlignedVec, Shared, Vec<Range<usize>>) {
        let (lists, arrays) = to_sections(index).unwrap();
        let mut buffer = AlignedVec::<16>::new();
        let mut places = Vec::new();
        for array in arrays {
            while buffer.len() % 16 != 0 {
                buffer.push(0);
            }
            places.push(buffer.len()..buffer.len() + array.len());
            buffer.extend_from_slice(array);
        }
        let shared: Shared = Arc::new(buffer);
        (lists, shared, places)
    }

    #[test]
    fn an_index_read_in_place_searches_as_the_one_built() {
        let archive = crate::archive::bundled().unwrap();
        let built = SearchIndex::new(&archive.posts);
        let (lists, shared, places) = store(&built);
        let read = from_sections(&lists, &shared, &places).unwrap();
        let all: &[u8] = (*shared).as_ref();
        assert_eq!(
            read.postings.as_ptr() as usize,
            all.as_ptr() as usize + places[6].start,
            "read in place"
        );
        for query in [
            "alliance",
            "thrpst empthy",
            "t",
            "author:wampold",
            "2019 meta",
        ] {
            assert_eq!(
                read.search(&archive.posts, query),
                built.search(&archive.posts, query),
                "{query}"
            );
        }
        assert_eq!(
            format!("{:?}", read.postings),
            format!("{:?}", built.postings)
        );
    }

    #[test]
    fn arrays_that_do_not_fit_are_refused() {
        let archive = crate::archive::bundled().unwrap();
        let (lists, shared, places) = store(&SearchIndex::new(&archive.posts));
        let mut shorter = places.clone();
        shorter[6].end -= 4;
        assert!(from_sections(&lists, &shared, &shorter).is_none());
        let mut misaligned = places.clone();
        misaligned[6].start += 1;
        assert!(from_sections(&lists, &shared, &misaligned).is_none());
        assert!(from_sections(&lists, &shared, &places[1..]).is_none());
        assert!(from_sections(&lists[1..], &shared, &places).is_none());
    }
}
