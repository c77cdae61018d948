//! The index's arrays, owned (built in memory) or read where they lie in
//! shared bytes (a memory-mapped cache file), so that loading a stored index
//! copies nothing: see [`super::stored`].

use std::ops::Deref;
use std::sync::Arc;

/// Bytes that stay put while anyone holds them (a read-only memory map).
pub type Shared = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// An array of plain numbers: owned, or a part of [`Shared`] bytes.
pub enum Column<T> {
    /// Built in memory.
    Owned(Vec<T>),
    /// Read in place; `bytes` keeps the memory alive.
    Borrowed {
        bytes: Shared,
        ptr: *const T,
        len: usize,
    },
}

// SAFETY: a borrowed column only reads immutable bytes that `bytes` (Send and
// Sync) keeps alive; T is a plain number type.
unsafe impl<T: Sync> Send for Column<T> {}
unsafe impl<T: Sync> Sync for Column<T> {}

impl<T: bytemuck::Pod> Column<T> {
    /// The numbers in `bytes[range]` (native byte order), read in place;
    /// `None` when the range is out of bounds, or not aligned for `T`, or
    /// not a whole number of them.
    pub fn borrow(bytes: &Shared, range: std::ops::Range<usize>) -> Option<Column<T>> {
        let all: &[u8] = (**bytes).as_ref();
        let part = all.get(range)?;
        let numbers: &[T] = bytemuck::try_cast_slice(part).ok()?;
        Some(Column::Borrowed {
            bytes: Arc::clone(bytes),
            ptr: numbers.as_ptr(),
            len: numbers.len(),
        })
    }

    /// The column as bytes (native byte order), to store.
    pub fn as_bytes(&self) -> &[u8] {
        bytemuck::cast_slice(self)
    }
}

impl<T> Deref for Column<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        match self {
            Column::Owned(numbers) => numbers,
            // SAFETY: `ptr` and `len` came from a slice of `bytes`, checked
            // for bounds and alignment, and `bytes` never change or move.
            Column::Borrowed { ptr, len, .. } => unsafe { std::slice::from_raw_parts(*ptr, *len) },
        }
    }
}

impl<T> From<Vec<T>> for Column<T> {
    fn from(numbers: Vec<T>) -> Column<T> {
        Column::Owned(numbers)
    }
}

impl<T> Default for Column<T> {
    fn default() -> Column<T> {
        Column::Owned(Vec::new())
    }
}

impl<T: Clone> Clone for Column<T> {
    fn clone(&self) -> Column<T> {
        match self {
            Column::Owned(numbers) => Column::Owned(numbers.clone()),
            Column::Borrowed { bytes, ptr, len } => Column::Borrowed {
                bytes: Arc::clone(bytes),
                ptr: *ptr,
                len: *len,
            },
        }
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Column<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Text: owned, or a part of [`Shared`] bytes checked to be UTF-8.
#[derive(Clone, Default)]
pub struct Text(Column<u8>);

impl Text {
    /// The text in `bytes[range]`, read in place; `None` when the range is
    /// out of bounds or not UTF-8.
    pub fn borrow(bytes: &Shared, range: std::ops::Range<usize>) -> Option<Text> {
        let column = Column::borrow(bytes, range)?;
        std::str::from_utf8(&column).ok()?;
        Some(Text(column))
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        // SAFETY: made from a String, or checked to be UTF-8 when borrowed.
        unsafe { std::str::from_utf8_unchecked(&self.0) }
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text(Column::Owned(text.into_bytes()))
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_borrowed_column_reads_in_place() {
        let numbers: Vec<u32> = vec![1, 2, 3, 4];
        let bytes: Shared = Arc::new(bytemuck::cast_slice::<u32, u8>(&numbers).to_vec());
        let column = Column::<u32>::borrow(&bytes, 4..12).unwrap();
        assert_eq!(&*column, &[2, 3]);
        let all: &[u8] = (*bytes).as_ref();
        assert_eq!(column.as_ptr() as usize, all.as_ptr() as usize + 4);
        assert_eq!(&*column.clone(), &[2, 3]);
        assert_eq!(
            &*Column::<u32>::borrow(&bytes, 0..16).unwrap(),
            &numbers[..]
        );
        assert!(Column::<u32>::borrow(&bytes, 0..6).is_none(), "not whole");
        assert!(Column::<u32>::borrow(&bytes, 2..6).is_none(), "misaligned");
        assert!(
            Column::<u32>::borrow(&bytes, 8..20).is_none(),
            "out of bounds"
        );
    }

    #[test]
    fn borrowed_text_must_be_utf8() {
        let bytes: Shared = Arc::new("añb".as_bytes().to_vec());
        assert_eq!(&*Text::borrow(&bytes, 0..4).unwrap(), "añb");
        assert!(Text::borrow(&bytes, 0..2).is_none());
        assert_eq!(&*Text::borrow(&bytes, 3..4).unwrap(), "b");
    }
}
