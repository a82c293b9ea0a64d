//! Shingles, signatures and the index, against the exact Jaccard they estimate.

use super::shingle::{shingle_hash, word_bits, word_byte, word_hash};
use super::sketch::{kept_bits, DENSIFY};
use super::*;
use proptest::prelude::*;

const BASE: &str = "Sao Paulo state power firm Eletropaulo said it has named Eduardo Bernini as \
    new president, replacing Emmanuel Sobral, who will head a secretariat at the state \
    government. Bernini was previously a director of the company and its board approved \
    the change on Tuesday after a meeting in the city, a spokesman said.";

#[test]
fn words_ignore_punctuation() {
    assert_eq!(
        shingle_set("The quick, brown fox!"),
        shingle_set("The quick brown fox")
    );
    assert_ne!(
        shingle_set("The quick brown fox"),
        shingle_set("The quick brown box")
    );
    assert_eq!(for_each_shingle("one two", |_| {}), 2);
    assert_eq!(shingle_set("one two").len(), 1);
    assert!(shingle_set("  ,, ").is_empty());
}

#[test]
fn eight_bytes_at_once_classify_like_one_at_a_time() {
    for a in 0..=255u8 {
        for b in [
            0u8, b'/', b'0', b'9', b':', b'@', b'A', b'Z', b'[', b'`', b'a', b'z', b'{', 0x7f,
            0x80, 0xff,
        ] {
            let bytes = [a, b, a, b, b, a, b'Z', a];
            let want = (0..8).fold(0, |m, i| m | (u64::from(word_byte(bytes[i])) << i));
            assert_eq!(word_bits(u64::from_le_bytes(bytes)), want, "{bytes:?}");
        }
    }
}

#[test]
fn identical_texts_agree_everywhere() {
    let a = signature(BASE).unwrap();
    assert_eq!(a.estimate(&signature(BASE).unwrap()), 1.0);
    assert!(signature("").is_none());
}

#[test]
fn an_edited_copy_is_found_and_an_unrelated_text_is_not() {
    let edited = format!("{BASE} The report was updated with new figures later in the day.");
    let other = "Rwanda said on Saturday that Zaire had expelled 28 Rwandan Hutu refugees \
        accused of being trouble-makers in camps in eastern Zaire, an official said.";
    let mut index = Index::default();
    index.insert(0, &signature(BASE).unwrap());
    index.insert(1, &signature(other).unwrap());
    assert_eq!(
        index
            .candidates(&signature(&edited).unwrap())
            .collect::<Vec<_>>(),
        vec![0]
    );
    let j = jaccard(&shingle_set(BASE), &shingle_set(&edited));
    assert!(j > 0.75 && j < 1.0, "{j}");
}

#[test]
fn empty_bins_borrow_from_the_next_full_bin() {
    let h = (5u64 << 57) | 7; // top seven bits: bin 5
    let mut sketch = Sketcher::default();
    sketch.add(h);
    let sig = sketch.finish().unwrap();
    assert_eq!(sig.bins[5], kept_bits(h));
    // Bin 4 is one step left of bin 5; bin 6 wraps all the way round, 127 steps.
    assert_eq!(sig.bins[4], kept_bits(h.wrapping_add(DENSIFY)));
    let wrapped = h.wrapping_add(127u64.wrapping_mul(DENSIFY));
    assert_eq!(sig.bins[6], kept_bits(wrapped));
    assert_eq!(sig.full, 1);
}

/// Word count and shingles of `text` from its words split one at a time.
fn reference_shingles(text: &str) -> (usize, Vec<u64>) {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_ascii_alphanumeric() && c.is_ascii())
        .filter(|w| !w.is_empty())
        .collect();
    let hashes: Vec<u64> = words
        .iter()
        .map(|w| word_hash(w.as_bytes(), 0, w.len()))
        .collect();
    let mut want: Vec<u64> = hashes
        .windows(SHINGLE)
        .map(|w| shingle_hash(w.try_into().unwrap()))
        .collect();
    if (1..SHINGLE).contains(&hashes.len()) {
        let mut window = [0; SHINGLE];
        for &h in &hashes {
            window = [window[1], window[2], h];
        }
        want.push(mix(window.iter().fold(0, |acc, w| acc.rotate_left(21) ^ w)));
    }
    (words.len(), want)
}

#[test]
fn words_across_and_beyond_blocks() {
    let long = "x".repeat(150);
    for text in [
        format!("{} end", "a".repeat(64)),
        format!("{} {} tail", "b".repeat(63), "c".repeat(65)),
        format!("one {long} two {long}"),
        format!("{} {}", "d".repeat(60), "e".repeat(67)),
        "f".repeat(128),
    ] {
        let (count, want) = reference_shingles(&text);
        let mut got = Vec::new();
        assert_eq!(for_each_shingle(&text, |h| got.push(h)), count, "{text}");
        assert_eq!(got, want, "{text}");
    }
}

proptest! {
    // Shingles are those of the text's words: maximal runs of ASCII letters, digits and
    // non-ASCII characters, hashed whole, wherever they fall in the 64-byte blocks.
    #[test]
    fn shingles_are_those_of_the_words(text in "[a-zA-Z0-9 .,;\n\u{e9}\u{4e2d}]{0,300}") {
        let (count, want) = reference_shingles(&text);
        let mut got = Vec::new();
        prop_assert_eq!(for_each_shingle(&text, |h| got.push(h)), count);
        prop_assert_eq!(got, want);
    }

    // The estimate tracks exact Jaccard within a few standard errors (sqrt(J(1-J)/128) ≤ 0.044).
    #[test]
    fn estimate_tracks_jaccard(shared in 20usize..200, only_a in 0usize..100, only_b in 0usize..100) {
        let words = |range: std::ops::Range<usize>, tag: &str| {
            range.map(|i| format!("{tag}{i}")).collect::<Vec<_>>().join(" ")
        };
        let common = words(0..shared, "w");
        let a = format!("{common} {}", words(0..only_a, "a"));
        let b = format!("{common} {}", words(0..only_b, "b"));
        let exact = jaccard(&shingle_set(&a), &shingle_set(&b));
        let est = signature(&a).unwrap().estimate(&signature(&b).unwrap());
        prop_assert!((exact - est).abs() < 0.25, "exact {exact} estimate {est}");
    }
}
