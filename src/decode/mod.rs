//! Bytes to text: byte order marks, UTF-8, UTF-16, legacy encodings, line ends, and refusing
//! files that are not text at all.
//!
//! The order of checks matters. A byte order mark is the file's own statement and wins. Then
//! magic numbers catch the files people drop by mistake (a zip, an image) with a message that
//! says what they are. UTF-16 without a mark is recognised by its NUL bytes before the NUL test
//! would refuse it. Valid UTF-8 is taken as is, without a copy. Text that is UTF-8 but for a few
//! broken bytes stays UTF-8 (with U+FFFD for the broken ones) rather than being re-read whole as
//! Windows-1252 mojibake; anything else goes to chardetng, the detector Firefox uses.

mod references;
mod sample;

use std::fmt;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Text decoded from one file, with line ends normalised to `\n`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, every line end `\n`, without a byte order mark.
    pub text: String,
    /// WHATWG name of the encoding the bytes were read as.
    pub encoding: &'static str,
    /// Whether the file began with a byte order mark.
    pub bom: bool,
    /// Sequences that were not valid in that encoding and became U+FFFD.
    pub replaced: usize,
    /// Character references (`&amp;`, `&#233;`, `&eacute;`) a scraper left in the text, now
    /// the characters they stand for.
    pub references: usize,
}

/// Why a file could not be read as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The file has no bytes.
    Empty,
    /// The file starts like a known binary format (a zip, an image, …).
    Binary {
        /// The format's name, as people know it (`a PNG image`).
        format: &'static str,
    },
    /// The file holds NUL bytes, which text never does.
    NulBytes {
        /// Where the first one is.
        offset: usize,
    },
    /// Too many control characters for text.
    ControlBytes {
        /// How much of the sample they are.
        percent: u32,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "the file is empty"),
            DecodeError::Binary { format } => {
                write!(f, "this is {format}, not a text file")
            }
            DecodeError::NulBytes { offset } => {
                write!(f, "not a text file (NUL byte at offset {offset})")
            }
            DecodeError::ControlBytes { percent } => {
                write!(f, "not a text file ({percent}% control bytes)")
            }
        }
    }
}

impl std::error::Error for DecodeError {}

/// Formats recognised by their first bytes, with how the message names them.
const MAGIC: &[(&[u8], &str)] = &[
    (b"PK\x03\x04", "a zip archive"),
    (b"PK\x05\x06", "a zip archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"\x1F\x8B", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xFD7zXZ\x00", "an xz archive"),
    (b"7z\xBC\xAF\x27\x1C", "a 7-zip archive"),
    (b"Rar!\x1A\x07", "a RAR archive"),
    (b"\x7FELF", "an executable"),
    (b"\x00asm", "a WebAssembly module"),
    (
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        "an old Office document",
    ),
    (b"OggS", "an Ogg media file"),
    (b"fLaC", "a FLAC audio file"),
    (b"\x1A\x45\xDF\xA3", "a Matroska/WebM video"),
    (b"SQLite format 3\x00", "an SQLite database"),
];

/// Signatures short enough to begin ordinary text.
const WEAK_MAGIC: &[(&[u8], &str)] = &[(b"MZ", "a Windows executable"), (b"ID3", "an MP3 file")];

/// How much of the file the statistical checks look at: enough to judge, cheap on 1 GB.
const SNIFF: usize = 64 * 1024;

/// Decodes a whole file. Takes the bytes by value so valid UTF-8 becomes the `String` in place.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    let mut decoded = decode_raw(bytes)?;
    decoded.references = references::decode(&mut decoded.text);
    Ok(decoded)
}

/// Replaces the character references of `text` (`&amp;`, `&#233;`) by their characters, as
/// [`decode`] does for a whole file; returns how many it replaced. For the fields of structured
/// dumps, whose syntax (`&quot;` inside a JSON string) must be read before references are.
pub fn decode_references(text: &mut String) -> usize {
    references::decode(text)
}

/// [`decode`] without decoding character references (`references` is 0).
pub fn decode_raw(mut bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(&bytes) {
        if encoding == UTF_8 {
            bytes.drain(..bom_len);
            let (text, replaced) = utf8(bytes);
            return Ok(finish(text, UTF_8, true, replaced));
        }
        let (text, replaced) = decode_with(encoding, &bytes[bom_len..]);
        return Ok(finish(text, encoding, true, replaced));
    }
    if let Some((_, format)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Err(DecodeError::Binary { format });
    }
    // Short signatures that text can start with ("MZ Bank", "ID3 standard"): trusted only
    // when the file does not read as text anyway.
    if let Some((_, format)) = WEAK_MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
    {
        if !looks_like_text(&bytes) {
            return Err(DecodeError::Binary { format });
        }
    }
    if let Some(encoding) = utf16_without_bom(&bytes) {
        let (text, replaced) = decode_with(encoding, &bytes);
        if text.contains('\0') {
            return Err(DecodeError::NulBytes {
                offset: bytes.iter().position(|&b| b == 0).unwrap_or(0),
            });
        }
        return Ok(finish(text, encoding, false, replaced));
    }
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(DecodeError::NulBytes { offset });
    }
    let percent = control_percent(&bytes[..bytes.len().min(SNIFF)]);
    if percent > 10 {
        return Err(DecodeError::ControlBytes { percent });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(finish(text, UTF_8, false, 0)),
        Err(err) => {
            let bytes = err.into_bytes();
            // Both judgements read the same sample: the non-ASCII runs, whole, with context.
            let sample = sample::of(&bytes);
            let encoding = if mostly_utf8(&sample) {
                UTF_8
            } else {
                let mut detector = chardetng::EncodingDetector::new();
                detector.feed(&sample, true);
                detector.guess(None, true)
            };
            drop(sample);
            let (text, replaced) = decode_with(encoding, &bytes);
            Ok(finish(text, encoding, false, replaced))
        }
    }
}

/// UTF-8 bytes as a string in place, or with broken sequences replaced (and counted).
fn utf8(bytes: Vec<u8>) -> (String, usize) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, 0),
        Err(err) => decode_with(UTF_8, err.as_bytes()),
    }
}

/// The decoded file: stray BOMs out, line ends `\n` (character references are [`decode`]'s).
fn finish(mut text: String, encoding: &'static Encoding, bom: bool, replaced: usize) -> Decoded {
    // Some writers put a BOM inside the text as well (concatenated files): it is not content.
    if memchr::memmem::find(text.as_bytes(), "\u{FEFF}".as_bytes()).is_some() {
        text = text.replace('\u{FEFF}', "");
    }
    Decoded {
        text: normalize_line_ends(text),
        encoding: encoding.name(),
        bom,
        replaced,
        references: 0,
    }
}

/// Decodes without BOM sniffing (the caller did it), counting replaced sequences.
fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> (String, usize) {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    let replaced = text.matches('\u{FFFD}').count() - count_replacements_in_source(encoding, bytes);
    (text.into_owned(), replaced)
}

/// U+FFFD already present in the source as valid text is not a decoding failure.
fn count_replacements_in_source(encoding: &'static Encoding, bytes: &[u8]) -> usize {
    if encoding == UTF_8 {
        memchr::memmem::find_iter(bytes, "\u{FFFD}".as_bytes()).count()
    } else {
        0
    }
}

/// CRLF and lone CR become LF. Returns the input untouched (no copy) when it has no CR.
pub fn normalize_line_ends(text: String) -> String {
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = memchr::memchr(b'\r', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if rest.as_bytes().first() == Some(&b'\n') {
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// UTF-16 text without a BOM shows as NUL in every other byte of its ASCII characters.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(SNIFF) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += (pair[0] == 0) as usize;
        odd += (pair[1] == 0) as usize;
    }
    // Mostly-ASCII UTF-16 has a NUL in nearly every pair, always on the same side.
    if odd * 10 >= pairs * 4 && even * 20 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 4 && odd * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn control_percent(sample: &[u8]) -> u32 {
    if sample.is_empty() {
        return 0;
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C) || b == 0x7F)
        .count();
    (control * 100 / sample.len()) as u32
}

fn looks_like_text(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(SNIFF)];
    memchr::memchr(0, sample).is_none() && control_percent(sample) <= 10
}

/// True when the invalid sequences are a small minority next to valid multi-byte UTF-8: a UTF-8
/// file with a few corrupt bytes, which should not be re-read as a legacy encoding.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid_multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        // In valid UTF-8 each non-ASCII character has exactly one leading byte (0xC0 and up):
        // counted by bytes, which the compiler vectorises, rather than by decoding characters.
        valid_multibyte += chunk.valid().bytes().filter(|&b| b >= 0xC0).count();
        invalid += !chunk.invalid().is_empty() as usize;
    }
    valid_multibyte >= 4 * invalid.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(bytes: &[u8]) -> Decoded {
        decode(bytes.to_vec()).expect("decodes")
    }

    #[test]
    fn utf8_plain_is_taken_as_is() {
        let d = ok("Mikati: “doing their duty”\n".as_bytes());
        assert_eq!(d.text, "Mikati: “doing their duty”\n");
        assert_eq!((d.encoding, d.bom, d.replaced), ("UTF-8", false, 0));
    }

    #[test]
    fn utf8_bom_is_dropped() {
        let d = ok(b"\xEF\xBB\xBFTitle\r\nBody\r\n");
        assert_eq!(d.text, "Title\nBody\n");
        assert_eq!((d.encoding, d.bom), ("UTF-8", true));
    }

    #[test]
    fn utf16_with_boms() {
        let text = "Asa’ib Ahl al-Haq\r\nBaghdad\r\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let d = ok(&bytes);
            assert_eq!(d.text, "Asa’ib Ahl al-Haq\nBaghdad\n");
            assert_eq!((d.encoding, d.bom), (name, true));
        }
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let text = "Leaders of Iraqi factions head to Syria\nand Lebanon.\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(ok(&le).text, text);
        assert_eq!(ok(&le).encoding, "UTF-16LE");
        assert_eq!(ok(&be).text, text);
        assert_eq!(ok(&be).encoding, "UTF-16BE");
    }

    #[test]
    fn windows_1252_curly_quotes() {
        // “Book of Mass” – Gazeta Shqiptare’s words, as Windows-1252 writes them.
        let bytes = b"\x93The Iraqi factions are awaiting orders that haven\x92t arrived yet,\x94 \
                      they said \x96 and Tirana\x92s library has copies.\n";
        let d = ok(bytes);
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(
            d.text,
            "“The Iraqi factions are awaiting orders that haven’t arrived yet,” they said – and \
             Tirana’s library has copies.\n"
        );
    }

    #[test]
    fn latin1_accents() {
        let d = ok(b"Cr\xe8me br\xfbl\xe9e in S\xe3o Paulo, Z\xfcrich and M\xe1laga.\n");
        assert_eq!(d.text, "Crème brûlée in São Paulo, Zürich and Málaga.\n");
    }

    #[test]
    fn a_few_broken_bytes_keep_utf8() {
        let mut bytes = "Ünïcödé “quotes” – São Paulo, Zürich, Málaga: éèêë àâä. "
            .repeat(4)
            .into_bytes();
        bytes.extend_from_slice(b"broken \xFF byte\n");
        let d = ok(&bytes);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.replaced, 1);
        assert!(d.text.contains("São Paulo") && d.text.contains("broken \u{FFFD} byte"));
    }

    #[test]
    fn line_ends_normalised() {
        assert_eq!(ok(b"a\r\nb\rc\n\r\nd").text, "a\nb\nc\n\nd");
        assert_eq!(normalize_line_ends("\r\r\n\n".into()), "\n\n\n");
    }

    #[test]
    fn refusals_say_why() {
        assert_eq!(decode(vec![]), Err(DecodeError::Empty));
        let zip = decode(b"PK\x03\x04\x14\x00\x00\x00".to_vec()).unwrap_err();
        assert_eq!(zip.to_string(), "this is a zip archive, not a text file");
        let png = decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()).unwrap_err();
        assert!(png.to_string().contains("PNG image"));
        assert_eq!(
            decode(b"text\0more text".to_vec()),
            Err(DecodeError::NulBytes { offset: 4 })
        );
        let control: Vec<u8> = (0..200u8)
            .map(|i| if i % 3 == 0 { 0x01 } else { b'a' })
            .collect();
        assert!(matches!(
            decode(control),
            Err(DecodeError::ControlBytes { .. })
        ));
    }

    #[test]
    fn text_that_starts_like_magic_is_still_text() {
        assert_eq!(
            ok(b"MZ Bank reports profit\n").text,
            "MZ Bank reports profit\n"
        );
        assert_eq!(
            ok(b"ID3 standard approved\n").text,
            "ID3 standard approved\n"
        );
    }
}
