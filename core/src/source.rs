//! Byte offsets to 1-based line and column, counted in characters.
//!
//! Spans stay byte ranges until a diagnostic is printed; a Japanese
//! character is three bytes but one column.

/// Line starts of one source text, for binary search.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// The 1-based (line, column) of byte `offset` in `text`; the column
    /// counts characters. Offsets past the end clamp to the end.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_on_japanese_lines() {
        let text = "id = \"a\"\ntitle = \"日本語\" x\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), (1, 1));
        let x = text.find('x').unwrap();
        assert_eq!(index.position(text, x), (2, 15));
        assert_eq!(index.position(text, text.len()), (3, 1));
        assert_eq!(index.position(text, 10_000), (3, 1));
    }
}
