//! The hashes features are made of: the same on every platform (a model trained natively must
//! find its features in the browser, where `usize`, and so `FxHasher`, is 32 bits wide), and
//! computed without building strings, since tagging hashes every word several ways.

/// A 64-bit hash of the bytes, the same on every platform: a model trained natively must find
/// its features in the browser, where `usize` (and so `FxHasher`) is 32 bits wide.
pub(super) fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

pub(super) fn hash_bytes(bytes: &[u8]) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let word = u64::from_le_bytes(c.try_into().expect("eight bytes"));
        h = (h.rotate_left(5) ^ word).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(last)).wrapping_mul(K);
    }
    mix(h)
}

#[inline]
pub(super) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A feature: template number and value, hashed together.
#[inline]
pub(super) fn feature(template: u64, value: u64) -> u64 {
    mix(value ^ template.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

pub(super) const BOUNDARY: u64 = 0x5bd1_e995_1234_5678;

/// The lower-case form, borrowed when the word is lower case already (most words are).
pub(super) fn lowercase(word: &str) -> std::borrow::Cow<'_, str> {
    if word.bytes().all(|b| !b.is_ascii_uppercase() && b < 0x80) {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    }
}

/// The hash of the lower-case form; ASCII words are lower-cased on the stack, not in a new
/// string (this runs several times for every capitalised word of a document).
pub(super) fn lower_hash(word: &str) -> u64 {
    let bytes = word.as_bytes();
    if bytes.len() <= 64 && bytes.is_ascii() {
        let mut buf = [0u8; 64];
        for (d, s) in buf.iter_mut().zip(bytes) {
            *d = s.to_ascii_lowercase();
        }
        return hash_bytes(&buf[..bytes.len()]);
    }
    hash_str(&lowercase(word))
}

/// The hash of the word's shape — `Xx`, `XX`, `x`, `d`, `Xx-Xx`, `d.d`: character classes
/// with runs collapsed — without building the string.
pub(super) fn shape_hash(word: &str) -> u64 {
    let mut h = 0u64;
    let mut last = '\0';
    for c in word.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if class != last {
            h = (h.rotate_left(5) ^ u64::from(class)).wrapping_mul(0xf135_7aea_2e62_a9c5);
            last = class;
        }
    }
    mix(h)
}

/// Weights and lexicons keep 32 bits of each hash: among a few hundred thousand entries a
/// collision is a handful at most and costs a negligible weight mix-up, for half the memory.
pub(super) fn key(feature: u64) -> u32 {
    (feature >> 32) as u32
}
