//! Byte-order marks: a UTF-8 one is dropped, a UTF-16 one (little or big endian) makes the input
//! decoded to UTF-8 (with `encoding_rs`), whole for a text file or as a stream for JSONL and CSV.
//! Input without a byte-order mark is read as UTF-8, as before.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};
use std::io::{BufRead, Read};

/// The UTF-16 encoding announced by a byte-order mark at the start of `bytes`, if any.
pub fn utf16_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    match bytes {
        [0xff, 0xfe, ..] => Some(UTF_16LE),
        [0xfe, 0xff, ..] => Some(UTF_16BE),
        _ => None,
    }
}

/// The warning a document decoded from UTF-16 carries ("decoded from UTF-16LE (byte-order mark)").
pub fn decoded_note(encoding: &'static Encoding) -> String {
    format!("decoded from {} (byte-order mark)", encoding.name())
}

/// Decodes a whole UTF-16 text with its byte-order mark; the note says so, and also when invalid
/// sequences (an unpaired surrogate, an odd last byte) were replaced with U+FFFD.
pub fn decode_utf16(encoding: &'static Encoding, bytes: &[u8]) -> (String, String) {
    let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
    let mut note = decoded_note(encoding);
    if had_errors {
        note.push_str("; invalid sequences replaced with U+FFFD");
    }
    (text.into_owned(), note)
}

/// Reads the start of a stream and returns it ready to be read as UTF-8: a UTF-8 byte-order mark
/// is dropped, a UTF-16 one turns the stream into its UTF-8 decoding (and the encoding is
/// returned, for the documents' warning), anything else is passed through unchanged.
pub fn sniff(
    mut input: Box<dyn BufRead + Send>,
) -> std::io::Result<(Box<dyn BufRead + Send>, Option<&'static Encoding>)> {
    let mut head = Vec::with_capacity(3);
    (&mut input).take(3).read_to_end(&mut head)?;
    if head.starts_with(b"\xef\xbb\xbf") {
        return Ok((input, None));
    }
    let Some(encoding) = utf16_bom(&head) else {
        return Ok((Box::new(std::io::Cursor::new(head).chain(input)), None));
    };
    let rest = std::io::Cursor::new(head.split_off(2)).chain(input);
    let decoded = Utf16Reader {
        input: Box::new(rest),
        decoder: encoding.new_decoder_without_bom_handling(),
        raw: vec![0; 1 << 16],
        out: Vec::new(),
        at: 0,
        done: false,
    };
    Ok((
        Box::new(std::io::BufReader::with_capacity(1 << 16, decoded)),
        Some(encoding),
    ))
}

/// A UTF-16 stream decoded to UTF-8 chunk by chunk (invalid sequences become U+FFFD).
struct Utf16Reader {
    input: Box<dyn Read + Send>,
    decoder: encoding_rs::Decoder,
    raw: Vec<u8>,
    out: Vec<u8>,
    at: usize,
    done: bool,
}

impl Read for Utf16Reader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.out.len() {
            if self.done {
                return Ok(0);
            }
            let n = self.input.read(&mut self.raw)?;
            self.done = n == 0;
            let room = self
                .decoder
                .max_utf8_buffer_length(n)
                .expect("a chunk's UTF-8 length fits in usize");
            self.out.resize(room, 0);
            let (_, read, written, _) =
                self.decoder
                    .decode_to_utf8(&self.raw[..n], &mut self.out, self.done);
            debug_assert_eq!(read, n, "the buffer was large enough for the whole chunk");
            self.out.truncate(written);
            self.at = 0;
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let units = text.encode_utf16();
        let mut bytes: Vec<u8> = if encoding == UTF_16LE {
            vec![0xff, 0xfe]
        } else {
            vec![0xfe, 0xff]
        };
        for u in units {
            if encoding == UTF_16LE {
                bytes.extend(u.to_le_bytes());
            } else {
                bytes.extend(u.to_be_bytes());
            }
        }
        bytes
    }

    fn sniffed(bytes: Vec<u8>) -> (String, Option<&'static Encoding>) {
        let input: Box<dyn BufRead + Send> = Box::new(std::io::Cursor::new(bytes));
        let (mut reader, encoding) = sniff(input).unwrap();
        let mut text = String::new();
        reader.read_to_string(&mut text).unwrap();
        (text, encoding)
    }

    #[test]
    fn streams_lose_a_utf8_mark_and_decode_utf16() {
        assert_eq!(sniffed(b"\xef\xbb\xbf{}\n".to_vec()), ("{}\n".into(), None));
        assert_eq!(sniffed(b"ab".to_vec()), ("ab".into(), None));
        assert_eq!(sniffed(Vec::new()), (String::new(), None));
        // Longer than one chunk, with characters outside the BMP across chunk ends.
        let text = "Ünïcode 😀 said.\n".repeat(5000);
        for encoding in [UTF_16LE, UTF_16BE] {
            assert_eq!(
                sniffed(utf16(encoding, &text)),
                (text.clone(), Some(encoding))
            );
        }
    }

    #[test]
    fn whole_texts_say_how_they_were_decoded() {
        let bytes = utf16(UTF_16LE, "He said.");
        assert_eq!(utf16_bom(&bytes), Some(UTF_16LE));
        assert_eq!(
            decode_utf16(UTF_16LE, &bytes),
            (
                "He said.".into(),
                "decoded from UTF-16LE (byte-order mark)".into()
            )
        );
        let (_, note) = decode_utf16(UTF_16BE, b"\xfe\xff\x00A\x00");
        assert!(
            note.ends_with("invalid sequences replaced with U+FFFD"),
            "{note}"
        );
    }
}
