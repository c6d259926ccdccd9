//! Lines and columns of byte offsets, for messages.

/// A place as people count it: line and column from 1, the column in characters. Lines end at
/// `\n`, `\r\n` or a lone `\r`, as in YAML (the `\r` of `\r\n` counts as a character of its
/// line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Finds the line and column of byte offsets in one text. The line starts are found once, on
/// the first question; each answer then costs a step from the last one asked (offsets asked in
/// order, as a reader goes through a document, cost one pass over the text in all) or a binary
/// search.
pub struct LineIndex<'a> {
    text: &'a [u8],
    /// Where each line starts; found on the first question.
    starts: Vec<usize>,
    /// The last answer: its line (an index into `starts`), offset and column.
    last: (usize, usize, usize),
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        LineIndex {
            text: text.as_bytes(),
            starts: Vec::new(),
            last: (0, 0, 1),
        }
    }

    fn find_starts(&mut self) {
        let b = self.text;
        self.starts.push(0);
        if memchr::memchr(b'\r', b).is_none() {
            self.starts
                .extend(memchr::memchr_iter(b'\n', b).map(|i| i + 1));
        } else {
            for i in memchr::memchr2_iter(b'\n', b'\r', b) {
                if b[i] == b'\n' || b.get(i + 1) != Some(&b'\n') {
                    self.starts.push(i + 1);
                }
            }
        }
    }

    /// The line and column of a byte offset (offsets past the end count as the end; an offset
    /// inside a character counts as that character).
    pub fn position(&mut self, offset: usize) -> Position {
        if self.starts.is_empty() {
            self.find_starts();
        }
        let offset = offset.min(self.text.len());
        let starts = &self.starts;
        let on = |l: usize| starts[l] <= offset && starts.get(l + 1).is_none_or(|&n| offset < n);
        let (last_line, last_offset, last_col) = self.last;
        let mut line = last_line;
        if !on(line) {
            // A few lines from the last answer, step; further, search.
            let mut found = false;
            for _ in 0..8 {
                if offset >= starts[line] {
                    line += 1;
                } else {
                    line -= 1;
                }
                if on(line) {
                    found = true;
                    break;
                }
            }
            if !found {
                line = starts.partition_point(|&s| s <= offset) - 1;
            }
        }
        // On the last answer's line and further along, count on from there.
        let (from, col) = if line == last_line && offset >= last_offset {
            (last_offset, last_col)
        } else {
            (starts[line], 1)
        };
        let col = col
            + self.text[from..offset]
                .iter()
                .filter(|&&c| c & 0xc0 != 0x80)
                .count();
        self.last = (line, offset, col);
        Position {
            line: line + 1,
            column: col,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts from the start, every time: what the index must agree with.
    fn slow(text: &str, offset: usize) -> Position {
        let mut line = 1;
        let mut column = 1;
        let b = text.as_bytes();
        let mut i = 0;
        while i < offset.min(b.len()) {
            match b[i] {
                b'\n' => {
                    line += 1;
                    column = 1;
                }
                b'\r' if b.get(i + 1) != Some(&b'\n') => {
                    line += 1;
                    column = 1;
                }
                c if c & 0xc0 != 0x80 => column += 1,
                _ => {}
            }
            i += 1;
        }
        Position { line, column }
    }

    #[test]
    fn positions_in_any_order_agree_with_counting_from_the_start() {
        let texts = [
            "a: 1\nb:\n  - é ü\n  - x\n",
            "one\r\ntwo\rthree\n\nfour",
            "",
            "\n\n\n",
            "long line with many words and no break at all",
        ];
        for text in texts {
            let mut index = LineIndex::new(text);
            let n = text.len();
            // Forwards, backwards and jumping about.
            let order: Vec<usize> = (0..=n + 1)
                .chain((0..=n).rev())
                .chain((0..=n).map(|i| (i * 7) % (n + 1)))
                .collect();
            for offset in order {
                // Offsets inside a character count as the character's start only when the
                // column is counted from its start; skip those.
                if offset < n && !text.is_char_boundary(offset) {
                    continue;
                }
                assert_eq!(
                    index.position(offset),
                    slow(text, offset),
                    "{text:?} at {offset}"
                );
            }
        }
    }
}
