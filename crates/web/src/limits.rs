//! What the page will read and how: its size limits, the groups files are read in, and sizes
//! as people read them. Plain functions with no browser in them, tested natively.

/// The largest file the page reads, and the most it reads in all: beyond them a tab's memory
/// (a file's bytes are held by the page, then by the worker, with its decoded text and
/// articles) runs out. Files over a limit get a message and the others still load.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// The most bytes a collection in the page holds.
pub const MAX_TOTAL_BYTES: u64 = 1024 * 1024 * 1024;

/// How many bytes, and how many files, the page reads at once (see [`read_groups`]).
const GROUP_BYTES: u64 = 4 << 20;
const GROUP_FILES: usize = 64;

/// Splits files of these sizes, in order, into groups read at once: the first alone (its
/// articles show at once), then runs of up to [`GROUP_FILES`] files and [`GROUP_BYTES`] bytes,
/// a bigger file in a group of its own.
pub fn read_groups(sizes: &[u64]) -> Vec<std::ops::Range<usize>> {
    let mut groups = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, &size) in sizes.iter().enumerate() {
        let full = i - start == GROUP_FILES || bytes + size > GROUP_BYTES || start == 0;
        if i > start && full {
            groups.push(start..i);
            start = i;
            bytes = 0;
        }
        bytes += size;
    }
    if start < sizes.len() {
        groups.push(start..sizes.len());
    }
    groups
}

/// Files whose sizes are read in one task: the browser asks the disk for each file's size (a
/// fifth of a millisecond), and sixteen thousand files asked at once froze the page for seven
/// seconds.
pub const SIZES_AT_ONCE: usize = 32;

/// Files sized, announced to the progress (a redraw) and read as one slice: the first slice
/// small, so that the first article shows at once, the others large, so that a folder of
/// sixteen thousand files is not redrawn five hundred times for its progress alone.
const FIRST_SLICE: usize = SIZES_AT_ONCE;
const SLICE: usize = 256;

/// The slices of `n` files, in order.
pub fn slices(n: usize) -> impl Iterator<Item = std::ops::Range<usize>> {
    let starts = std::iter::once(0).chain((FIRST_SLICE..n).step_by(SLICE));
    starts.filter(move |&s| s < n).map(move |s| {
        let len = if s == 0 { FIRST_SLICE } else { SLICE };
        s..(s + len).min(n)
    })
}

/// Why the page will not read a file of `size` bytes when `so_far` bytes are read, if it won't.
pub fn refusal(name: &str, size: u64, so_far: u64) -> Option<String> {
    let mb = |b: u64| b.div_ceil(1024 * 1024);
    if size > MAX_FILE_BYTES {
        Some(format!(
            "{name}: the file is {} MB; the page reads files of up to {} MB (the `folio` command reads larger ones)",
            mb(size),
            mb(MAX_FILE_BYTES)
        ))
    } else if so_far + size > MAX_TOTAL_BYTES {
        Some(format!(
            "{name}: with it the collection would pass {} MB, the most the page holds; forget some files first",
            mb(MAX_TOTAL_BYTES)
        ))
    } else {
        None
    }
}

/// Sizes as people read them: 5.5 KB, 12.0 MB.
pub fn human_size(bytes: usize) -> String {
    match bytes {
        b if b < 1000 => format!("{b} B"),
        b if b < 1_000_000 => format!("{:.1} KB", b as f64 / 1e3),
        b => format!("{:.1} MB", b as f64 / 1e6),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_over_the_limits_are_refused_by_name() {
        assert_eq!(refusal("a.txt", 1 << 20, 0), None);
        let big = refusal("huge.txt", MAX_FILE_BYTES + 1, 0).unwrap();
        assert!(big.starts_with("huge.txt: the file is 257 MB"), "{big}");
        let full = refusal("one-more.txt", 10, MAX_TOTAL_BYTES - 5).unwrap();
        assert!(
            full.contains("one-more.txt") && full.contains("1024 MB"),
            "{full}"
        );
    }

    #[test]
    fn small_files_are_read_in_groups_and_big_ones_alone() {
        let kb = 1 << 10;
        let mut sizes = vec![kb; 200];
        sizes[100] = 100 << 20;
        let groups = read_groups(&sizes);
        assert_eq!(groups[0], 0..1, "the first file alone");
        assert_eq!(groups[1], 1..65);
        assert!(groups.contains(&(100..101)), "a big file alone: {groups:?}");
        assert!(groups.iter().all(|g| g.len() <= GROUP_FILES));
        assert_eq!(
            groups.iter().flat_map(|g| g.clone()).collect::<Vec<_>>(),
            (0..200).collect::<Vec<_>>(),
            "every file once, in order"
        );
        assert!(read_groups(&[]).is_empty());
        assert_eq!(read_groups(&[5]), vec![0..1]);
    }

    #[test]
    fn files_are_sized_in_slices_the_first_small() {
        for n in [0, 1, 31, 32, 33, 288, 289, 10_000] {
            let all: Vec<_> = slices(n).collect();
            assert_eq!(
                all.iter().flat_map(|r| r.clone()).collect::<Vec<_>>(),
                (0..n).collect::<Vec<_>>(),
                "every file once, in order ({n})"
            );
            assert!(all.first().is_none_or(|r| r.len() <= FIRST_SLICE), "{n}");
            assert!(all.iter().all(|r| !r.is_empty() && r.len() <= SLICE), "{n}");
        }
        assert_eq!(slices(10_000).count(), 1 + (10_000 - 32usize).div_ceil(256));
    }

    #[test]
    fn sizes_read_like_people_write_them() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(5_639), "5.6 KB");
        assert_eq!(human_size(52_428_800), "52.4 MB");
    }
}
