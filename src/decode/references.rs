//! Character references a scraper left in the text (`&amp;`, `&#233;`, `&#xE9;`, `&eacute;`),
//! turned into the characters they stand for: a reader should see `café`, search should find
//! it, exports should carry it. Named references come from HTML's own table (the
//! `html-escape` crate). A reference that would make a control character (a line end, a NUL)
//! stays as written: decoding never changes a text's lines.

/// The longest reference read, `&` and `;` included (`&CounterClockwiseContourIntegral;` is
/// the longest HTML name).
const LONGEST: usize = 34;

/// Replaces every character reference of `text` by its character; returns how many it replaced.
pub fn decode(text: &mut String) -> usize {
    if memchr::memchr(b'&', text.as_bytes()).is_none() {
        return 0;
    }
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut rest = text.as_str();
    while let Some(at) = memchr::memchr(b'&', rest.as_bytes()) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let name_len = tail[1..]
            .bytes()
            .take(LONGEST)
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
            .count();
        if name_len > 0 && tail[1 + name_len..].starts_with(';') {
            let reference = &tail[..name_len + 2];
            let decoded = html_escape::decode_html_entities(reference);
            if decoded != reference && !decoded.chars().any(char::is_control) {
                out.push_str(&decoded);
                count += 1;
                rest = &tail[reference.len()..];
                continue;
            }
        }
        out.push('&');
        rest = &tail[1..];
    }
    out.push_str(rest);
    if count > 0 {
        *text = out;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn decoded(text: &str) -> (String, usize) {
        let mut s = text.to_owned();
        let n = decode(&mut s);
        (s, n)
    }

    #[test]
    fn references_become_their_characters() {
        assert_eq!(
            decoded("Caf&#233; &amp; bar: &#163;1.8m fine, &#xE9;t&eacute; &lt;b&gt;"),
            ("Café & bar: £1.8m fine, été <b>".to_owned(), 7)
        );
        // Not references: an ampersand in a name, a word with no semicolon, an unknown name.
        for text in [
            "AT&T rose",
            "Marks & Spencer",
            "&amp without end",
            "&nosuchname;",
            "&;",
        ] {
            assert_eq!(decoded(text), (text.to_owned(), 0), "{text}");
        }
        // A reference to a line end or a NUL stays as written: lines never change.
        assert_eq!(decoded("a&#10;b&#0;c"), ("a&#10;b&#0;c".to_owned(), 0));
    }

    proptest! {
        /// Text without references is untouched, and decoding never adds a line.
        #[test]
        fn lines_never_change(text in "[a-z&#;0-9 \\n]{0,60}") {
            let (out, n) = decoded(&text);
            prop_assert_eq!(out.lines().count(), text.lines().count());
            if n == 0 {
                prop_assert_eq!(out, text);
            }
        }
    }
}
