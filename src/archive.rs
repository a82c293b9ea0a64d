//! Archives people send dumps in — `.zip` (stored or deflated members), `.gz`, and the tar
//! archives inside a `.tar.gz` (a folder gzipped to send it) — opened into their members, each
//! then read like a file of its own named `archive.zip/path/in/archive.txt`.
//!
//! Archives are recognised by their first bytes, not their names, so a zip renamed `.dat` is
//! still opened and a text file named `.zip` is still read as text. An archive inside an
//! archive is opened too, down to [`MAX_DEPTH`] levels.
//!
//! A decompression bomb (a few kilobytes that inflate to gigabytes) must be refused before it
//! fills the tab's memory, and by name, so that the other files still load. Two limits bound
//! what one archive may expand to, counted as members are inflated, never trusting the sizes
//! an archive declares: [`MAX_EXPANDED`] bytes in all, and, past [`RATIO_FLOOR`],
//! [`MAX_RATIO`] times the archive's own size (text compresses three to ten times; a bomb
//! hundreds or a thousand times). Inflating stops at the first byte past a limit. [`MAX_MEMBERS`]
//! bounds how many members are listed at all.

use std::io::{Cursor, Read};

/// The most bytes one archive (all its members, nested archives included) may expand to.
pub const MAX_EXPANDED: u64 = 1 << 30;
/// How many times its own size an archive may expand to, once it has expanded past
/// [`RATIO_FLOOR`].
pub const MAX_RATIO: u64 = 200;
/// Below this many bytes expanded, no ratio is too high (a small bomb is harmless).
pub const RATIO_FLOOR: u64 = 16 << 20;
/// The most members one archive may have (counting nested ones).
pub const MAX_MEMBERS: usize = 100_000;
/// How deep archives inside archives are opened (`a.zip/b.tar.gz/c.txt` is depth 2).
pub const MAX_DEPTH: usize = 3;

/// What kind of archive bytes are, from their first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A zip archive (`PK\x03\x04`, or `PK\x05\x06` when empty).
    Zip,
    /// A gzip stream (`\x1f\x8b`), perhaps several concatenated.
    Gzip,
    /// A tar archive (`ustar` at byte 257).
    Tar,
}

/// The kind of archive `bytes` are, if they are one.
pub fn kind(bytes: &[u8]) -> Option<Kind> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Some(Kind::Zip)
    } else if bytes.starts_with(&[0x1f, 0x8b]) {
        Some(Kind::Gzip)
    } else if bytes.get(257..262) == Some(b"ustar") {
        Some(Kind::Tar)
    } else {
        None
    }
}

/// One member of an archive: its name with the archive's in front, and its bytes or why they
/// could not be had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// `archive.zip/path/in/archive.txt`.
    pub name: String,
    /// The member's bytes, or why it could not be read (encrypted, an unknown method, damaged).
    pub bytes: Result<Vec<u8>, String>,
}

/// Why an archive was refused as a whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArchiveError {
    /// It expands past [`MAX_EXPANDED`] bytes.
    TooLarge {
        /// The limit it passed.
        limit: u64,
    },
    /// It expands more than [`MAX_RATIO`] times its own size.
    Ratio {
        /// The archive's size.
        size: u64,
        /// The ratio it passed.
        limit: u64,
    },
    /// It has more than [`MAX_MEMBERS`] members.
    TooManyMembers {
        /// The limit it passed.
        limit: usize,
    },
    /// Its structure is damaged (no central directory, a truncated stream).
    Damaged(String),
    /// It holds no files.
    Empty,
}

impl std::fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ArchiveError::TooLarge { limit } => write!(
                f,
                "refused: the archive expands past {} MB, the most Folio unpacks from one archive",
                limit >> 20
            ),
            ArchiveError::Ratio { size, limit } => write!(
                f,
                "refused: the archive ({} bytes) expands more than {limit} times its size, as \
                 decompression bombs do",
                size
            ),
            ArchiveError::TooManyMembers { limit } => {
                write!(f, "refused: the archive has more than {limit} members")
            }
            ArchiveError::Damaged(why) => write!(f, "the archive is damaged: {why}"),
            ArchiveError::Empty => write!(f, "the archive holds no files"),
        }
    }
}

impl std::error::Error for ArchiveError {}

/// What one archive may still expand to, shared by its nested archives.
struct Budget {
    /// Bytes inflated so far.
    used: u64,
    /// The archive's own size, for the ratio.
    size: u64,
    members: usize,
}

impl Budget {
    /// The most bytes that may be inflated in all, and the error for passing it.
    fn limit(&self) -> (u64, ArchiveError) {
        let by_ratio = self.size.saturating_mul(MAX_RATIO).max(RATIO_FLOOR);
        if by_ratio < MAX_EXPANDED {
            let err = ArchiveError::Ratio {
                size: self.size,
                limit: MAX_RATIO,
            };
            (by_ratio, err)
        } else {
            let err = ArchiveError::TooLarge {
                limit: MAX_EXPANDED,
            };
            (MAX_EXPANDED, err)
        }
    }

    /// Reads all of `reader` unless that passes the budget; a read error is the member's.
    fn read(&mut self, reader: impl Read) -> Result<Result<Vec<u8>, String>, ArchiveError> {
        let (limit, err) = self.limit();
        let room = limit.saturating_sub(self.used);
        let mut bytes = Vec::new();
        // One byte more than there is room for tells that the member would pass the limit.
        match reader.take(room + 1).read_to_end(&mut bytes) {
            Ok(n) if n as u64 > room => Err(err),
            Ok(n) => {
                self.used += n as u64;
                Ok(Ok(bytes))
            }
            Err(e) => {
                self.used += bytes.len() as u64;
                Ok(Err(format!("could not be unpacked: {e}")))
            }
        }
    }

    fn count(&mut self) -> Result<(), ArchiveError> {
        self.members += 1;
        if self.members > MAX_MEMBERS {
            return Err(ArchiveError::TooManyMembers { limit: MAX_MEMBERS });
        }
        Ok(())
    }
}

/// Opens the archive `bytes` named `name` into its members, in the order it stores them,
/// archives inside it opened in their place. `Ok(None)` if the bytes are not an archive; an
/// archive with no files is refused ([`ArchiveError::Empty`]).
pub fn open(name: &str, bytes: &[u8]) -> Result<Option<Vec<Member>>, ArchiveError> {
    let Some(kind) = kind(bytes) else {
        return Ok(None);
    };
    let mut budget = Budget {
        used: 0,
        size: bytes.len() as u64,
        members: 0,
    };
    let mut out = Vec::new();
    open_into(name, kind, bytes, 1, &mut budget, &mut out)?;
    if out.is_empty() {
        return Err(ArchiveError::Empty);
    }
    Ok(Some(out))
}

fn open_into(
    name: &str,
    kind: Kind,
    bytes: &[u8],
    depth: usize,
    budget: &mut Budget,
    out: &mut Vec<Member>,
) -> Result<(), ArchiveError> {
    let mut push = |member: String, read: Result<Vec<u8>, String>, budget: &mut Budget| {
        budget.count()?;
        let name = format!("{name}/{member}");
        match read {
            Ok(inner) if depth < MAX_DEPTH => match self::kind(&inner) {
                Some(k) => open_into(&name, k, &inner, depth + 1, budget, out),
                None => {
                    out.push(Member {
                        name,
                        bytes: Ok(inner),
                    });
                    Ok(())
                }
            },
            read => {
                out.push(Member { name, bytes: read });
                Ok(())
            }
        }
    };
    match kind {
        Kind::Zip => {
            let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
                .map_err(|e| ArchiveError::Damaged(e.to_string()))?;
            for i in 0..zip.len() {
                // The name first, for a member that cannot be opened (encrypted, an unknown
                // method): names as written, one that is not UTF-8 with replacements.
                let member = match zip.name_for_index(i) {
                    Some(Ok(n)) => n.replace('\\', "/"),
                    _ => format!("member {}", i + 1),
                };
                let read = match zip.by_index(i) {
                    Ok(file) => {
                        if file.is_dir() || skipped(&member) {
                            continue;
                        }
                        budget.read(file)?
                    }
                    Err(e) => Err(format!("could not be unpacked: {e}")),
                };
                push(member, read, budget)?;
            }
        }
        Kind::Gzip => {
            let decoder = flate2::read::MultiGzDecoder::new(bytes);
            // The name the gzip header keeps, else the archive's without `.gz`/`.tgz`.
            let stored = decoder
                .header()
                .and_then(|h| h.filename())
                .map(|f| String::from_utf8_lossy(f).into_owned());
            let base = name.rsplit('/').next().unwrap_or(name);
            let member = stored.unwrap_or_else(|| {
                if let Some(stem) = base.strip_suffix(".tgz") {
                    format!("{stem}.tar")
                } else {
                    base.strip_suffix(".gz").unwrap_or(base).to_owned()
                }
            });
            let read = budget.read(decoder)?;
            push(member, read, budget)?;
        }
        Kind::Tar => {
            let mut archive = tar::Archive::new(bytes);
            let entries = archive
                .entries()
                .map_err(|e| ArchiveError::Damaged(e.to_string()))?;
            for entry in entries {
                let entry = entry.map_err(|e| ArchiveError::Damaged(e.to_string()))?;
                if !entry.header().entry_type().is_file() {
                    continue;
                }
                let member = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
                if skipped(&member) {
                    continue;
                }
                let read = budget.read(entry)?;
                push(member, read, budget)?;
            }
        }
    }
    Ok(())
}

/// Members that are the archiving tool's, not the person's: macOS's resource forks
/// (`__MACOSX/`, `._name`) and folder settings (`.DS_Store`).
fn skipped(member: &str) -> bool {
    let base = member.rsplit('/').next().unwrap_or(member);
    member.starts_with("__MACOSX/") || base.starts_with("._") || base == ".DS_Store"
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(members: &[(&str, &[u8])], deflate: bool) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let method = if deflate {
            zip::CompressionMethod::Deflated
        } else {
            zip::CompressionMethod::Stored
        };
        let options = zip::write::SimpleFileOptions::default().compression_method(method);
        for (name, bytes) in members {
            w.start_file(*name, options).unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn gz_of(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    fn names(members: &[Member]) -> Vec<&str> {
        members.iter().map(|m| m.name.as_str()).collect()
    }

    #[test]
    fn zip_members_stored_and_deflated_in_order() {
        for deflate in [false, true] {
            let z = zip_of(
                &[
                    ("a.txt", b"First\n\nbody\n"),
                    ("dir/b.txt", b"Second\n"),
                    ("__MACOSX/dir/._b.txt", b"\0\x05\x16\x07"),
                    (".DS_Store", b"\0\0\0\x01Bud1"),
                ],
                deflate,
            );
            assert_eq!(kind(&z), Some(Kind::Zip));
            let m = open("dump.zip", &z).unwrap().unwrap();
            assert_eq!(names(&m), ["dump.zip/a.txt", "dump.zip/dir/b.txt"]);
            assert_eq!(m[0].bytes.as_deref(), Ok(&b"First\n\nbody\n"[..]));
        }
    }

    #[test]
    fn gzip_takes_its_stored_name_or_the_archives() {
        let m = open("x/notes.txt.gz", &gz_of(b"hello\n")).unwrap().unwrap();
        assert_eq!(names(&m), ["x/notes.txt.gz/notes.txt"]);
        assert_eq!(m[0].bytes.as_deref(), Ok(&b"hello\n"[..]));
        assert_eq!(open("plain.txt", b"hello").unwrap(), None);
    }

    #[test]
    fn a_gzipped_folder_is_a_tar_inside_a_gzip() {
        let mut t = tar::Builder::new(Vec::new());
        for (name, body) in [("folder/a.txt", &b"A\n"[..]), ("folder/b.txt", b"B\n")] {
            let mut h = tar::Header::new_gnu();
            h.set_size(body.len() as u64);
            h.set_mode(0o644);
            h.set_cksum();
            t.append_data(&mut h, name, body).unwrap();
        }
        let tgz = gz_of(&t.into_inner().unwrap());
        let m = open("folder.tgz", &tgz).unwrap().unwrap();
        assert_eq!(
            names(&m),
            [
                "folder.tgz/folder.tar/folder/a.txt",
                "folder.tgz/folder.tar/folder/b.txt"
            ]
        );
        assert_eq!(m[1].bytes.as_deref(), Ok(&b"B\n"[..]));
    }

    #[test]
    fn bombs_are_refused_by_the_ratio_and_the_total() {
        // 64 MiB of zeros deflate to some 64 KiB: a thousand times.
        let zeros = vec![0u8; 64 << 20];
        let gz = gz_of(&zeros);
        let err = open("bomb.gz", &gz).unwrap_err();
        assert!(matches!(err, ArchiveError::Ratio { .. }), "{err:?}");
        assert!(err.to_string().contains("200 times"), "{err}");
        let zip = zip_of(&[("zeros.txt", &zeros)], true);
        assert!(matches!(
            open("bomb.zip", &zip).unwrap_err(),
            ArchiveError::Ratio { .. }
        ));
        // Under the floor any ratio passes: 1 MiB of zeros is no bomb.
        let small = gz_of(&vec![b'a'; 1 << 20]);
        assert_eq!(open("a.gz", &small).unwrap().unwrap().len(), 1);
    }

    #[test]
    fn damaged_archives_and_members_say_so() {
        let mut z = zip_of(&[("a.txt", b"text text text text")], true);
        z.truncate(z.len() - 10);
        assert!(matches!(
            open("cut.zip", &z).unwrap_err(),
            ArchiveError::Damaged(_)
        ));
        let mut gz = gz_of(b"some text that is long enough to be cut");
        gz.truncate(gz.len() - 12);
        let m = open("cut.gz", &gz).unwrap().unwrap();
        assert!(m[0].bytes.is_err(), "{m:?}");
        // An archive of nothing but a folder and macOS's leftovers holds no files.
        let z = zip_of(&[("__MACOSX/._a.txt", b"\0")], false);
        assert_eq!(open("empty.zip", &z), Err(ArchiveError::Empty));
    }
}
