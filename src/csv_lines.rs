//! Where CSV records start, and quotes that swallow rows, found by following the bytes a
//! [`csv::Reader`] reads with the same state machine (comma, double quote, doubled quotes, CR, LF
//! or CRLF ends a record, blank lines skipped).
//!
//! The csv crate numbers a record after a CRLF line end one line too low, and says nothing when a
//! quote is never closed: the cell then runs to the end of the file and holds every row after it.
//! A [`Tracked`] reader records each record's first line and such quotes, so that rows get their
//! true line numbers and the row that swallowed others a warning.

use std::collections::VecDeque;
use std::io::Read;
use std::sync::{Arc, Mutex};

/// Where the parser is, as csv_core's default configuration sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    StartRecord,
    StartField,
    InField,
    InQuotes,
    QuoteInQuotes,
}

/// What the bytes read so far say about records and quotes.
#[derive(Debug)]
pub struct Lines {
    state: State,
    /// The current line, 1-based.
    line: usize,
    /// The line where the open quoted cell began.
    quote_line: usize,
    /// The first line of each record not yet taken.
    starts: VecDeque<usize>,
    /// Quoted cells that spanned lines and were never closed properly.
    suspects: Vec<Suspect>,
}

impl Default for Lines {
    /// Before the first byte.
    fn default() -> Self {
        Lines {
            state: State::StartRecord,
            line: 1,
            quote_line: 0,
            starts: VecDeque::new(),
            suspects: Vec::new(),
        }
    }
}

impl Lines {
    /// Follows the parser over `bytes`.
    fn feed(&mut self, bytes: &[u8]) {
        use State::*;
        for &b in bytes {
            if self.state == StartRecord {
                if b == b'\r' || b == b'\n' {
                    self.line += usize::from(b == b'\n');
                    continue;
                }
                self.starts.push_back(self.line);
                self.state = StartField;
            }
            let end = b == b'\r' || b == b'\n';
            self.state = match (self.state, b) {
                (StartField, b'"') => {
                    self.quote_line = self.line;
                    InQuotes
                }
                (InQuotes, b'"') => QuoteInQuotes,
                (InQuotes, _) => InQuotes,
                (QuoteInQuotes, b'"') => InQuotes,
                (_, b',') => StartField,
                (_, _) if end => StartRecord,
                (QuoteInQuotes, _) => {
                    if self.line > self.quote_line {
                        self.suspects.push(Suspect {
                            line: self.quote_line,
                            closed: Some(self.line),
                        });
                    }
                    InField
                }
                (_, _) => InField,
            };
            self.line += usize::from(b == b'\n');
        }
    }

    /// Notes the end of the input: a quoted cell still open there is a suspect.
    fn end(&mut self) {
        if matches!(self.state, State::InQuotes) {
            self.suspects.push(Suspect {
                line: self.quote_line,
                closed: None,
            });
            // Reported once.
            self.state = State::StartRecord;
        }
    }

    /// The first line of the next record (the header is the first), once the reader has read it.
    pub fn next_start(&mut self) -> Option<usize> {
        self.starts.pop_front()
    }

    /// The suspect quotes of the record that starts at `line` (just taken with
    /// [`Lines::next_start`]).
    pub fn suspects_from(&mut self, line: usize) -> Vec<Suspect> {
        let next = self.starts.front().copied().unwrap_or(usize::MAX);
        let (mine, rest) = std::mem::take(&mut self.suspects)
            .into_iter()
            .partition(|s| (line..next).contains(&s.line));
        self.suspects = rest;
        mine
    }
}

/// A quoted cell that spans lines and may have swallowed the rows after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suspect {
    /// The line where the quote opens.
    pub line: usize,
    /// The line where a quote followed by more text ended the cell (a quote inside a quoted cell
    /// that was not doubled), or None when the cell runs to the end of the file.
    pub closed: Option<usize>,
}

impl Suspect {
    /// The warning of the row, naming the file and (with `offset` added) the lines.
    pub fn warning(&self, path: &str, offset: usize) -> String {
        let at = self.line + offset;
        match self.closed {
            None => format!(
                "unterminated quote in {path} at line {at}: the quoted cell never ends, so this \
                 row runs to the end of the file and may hold the rows after it"
            ),
            Some(end) => format!(
                "unterminated quote in {path} at line {at}: the quoted cell ends at line {} with \
                 a quote followed by more text, so this row may hold the rows in between (a quote \
                 inside a quoted cell is written twice)",
                end + offset
            ),
        }
    }
}

/// A reader that follows the CSV records in what it reads.
pub struct Tracked<R> {
    inner: R,
    lines: Arc<Mutex<Lines>>,
}

impl<R: Read> Tracked<R> {
    /// Wraps `inner`; the returned [`Lines`] is shared with the reader.
    pub fn new(inner: R) -> (Tracked<R>, Arc<Mutex<Lines>>) {
        let lines = Arc::new(Mutex::new(Lines::default()));
        (
            Tracked {
                inner,
                lines: Arc::clone(&lines),
            },
            lines,
        )
    }
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut lines = self.lines.lock().unwrap_or_else(|e| e.into_inner());
        if n == 0 {
            lines.end();
        } else {
            lines.feed(&buf[..n]);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `csv` with the csv crate through a [`Tracked`] reader: each record's first field, its
    /// first line and its suspects.
    fn records(csv: &[u8]) -> Vec<(String, usize, Vec<Suspect>)> {
        let (tracked, lines) = Tracked::new(csv);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(tracked);
        let mut out = Vec::new();
        let mut record = csv::ByteRecord::new();
        while reader.read_byte_record(&mut record).unwrap() {
            let mut lines = lines.lock().unwrap();
            let start = lines.next_start().expect("one start per record");
            let first = String::from_utf8_lossy(&record[0]).into_owned();
            out.push((first, start, lines.suspects_from(start)));
        }
        assert_eq!(lines.lock().unwrap().next_start(), None);
        out
    }

    fn starts(csv: &[u8]) -> Vec<(String, usize)> {
        records(csv).into_iter().map(|(f, l, _)| (f, l)).collect()
    }

    #[test]
    fn records_start_where_the_csv_crate_finds_them() {
        let lf = b"h,t\na,\"one\ntwo\"\n\n\nb,x \"y\" z\nc,\"\"\"q\"\"\"\n";
        let want = [("h", 1), ("a", 2), ("b", 6), ("c", 7)].map(|(f, l)| (f.to_string(), l));
        assert_eq!(starts(lf), want);
        let crlf = String::from_utf8_lossy(lf).replace('\n', "\r\n");
        assert_eq!(starts(crlf.as_bytes()), want);
        // A lone CR ends a record too (and is no new line).
        assert_eq!(
            starts(b"a\rb\r\nc"),
            [("a", 1), ("b", 1), ("c", 2)].map(|(f, l)| (f.to_string(), l))
        );
    }

    #[test]
    fn quotes_that_swallow_rows_are_suspects() {
        let never = records(b"id,text\na,\"Broken\nb,Two\nc,Three\n");
        assert_eq!(never.len(), 2, "the csv crate reads one row");
        assert_eq!(
            never[1].2,
            [Suspect {
                line: 2,
                closed: None
            }]
        );
        let badly = records(b"id,text\na,\"Broken\nb,\"Two\"\nc,Three\n");
        assert_eq!(badly.len(), 3);
        assert_eq!(
            badly[1].2,
            [Suspect {
                line: 2,
                closed: Some(3)
            }]
        );
        assert_eq!(badly[2].2, []);
        // Quotes in a cell that are doubled, or on one line, are fine.
        for fine in [&b"a,\"x\"\"\ny\"\"\"\n"[..], b"a,\"x\"y\n", b"a,\"x\ny\"\n"] {
            assert!(records(fine).iter().all(|r| r.2.is_empty()), "{fine:?}");
        }
        assert_eq!(
            Suspect {
                line: 2,
                closed: None
            }
            .warning("f.csv", 10),
            "unterminated quote in f.csv at line 12: the quoted cell never ends, so this row \
             runs to the end of the file and may hold the rows after it"
        );
    }
}
