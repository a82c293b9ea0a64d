//! The command's allocator: the system's, asking the kernel for transparent huge pages for
//! every large block (Linux only).
//!
//! Why: reading a 50 MB dump allocates some 200 MB (the bytes, the decoded text, the articles,
//! the signatures), and with 4 KiB pages the kernel faults each page in on first touch: 75,000
//! faults, 0.2 s of system time, as much as all the reading took in user time. Where the
//! system's transparent huge pages are `madvise` (Debian's default), a large block marked
//! `MADV_HUGEPAGE` is faulted in 2 MiB at a time: 7,000 faults, 0.06 s. Small blocks are left
//! alone, so memory use does not grow.

use std::alloc::{GlobalAlloc, Layout, System};

/// Blocks from this size are advised: large enough to hold whole huge pages.
const LARGE: usize = 4 << 20;
const HUGE_PAGE: usize = 2 << 20;

/// [`System`], with large blocks advised to use huge pages.
pub struct Allocator;

#[cfg(target_os = "linux")]
fn advise(ptr: *mut u8, len: usize) {
    if ptr.is_null() || len < LARGE {
        return;
    }
    let start = (ptr as usize).next_multiple_of(HUGE_PAGE);
    let end = (ptr as usize + len) / HUGE_PAGE * HUGE_PAGE;
    if end > start {
        // SAFETY: [start, end) lies inside the block just allocated, which this process owns;
        // madvise only changes how its pages are backed, never their contents. A failure
        // (no THP in this kernel) leaves the pages as they were.
        unsafe {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise(_: *mut u8, _: usize) {}

// SAFETY: every call is forwarded to `System` unchanged; `advise` only changes how the pages of
// a block already allocated are backed.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        advise(ptr, layout.size());
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc_zeroed(layout) };
        advise(ptr, layout.size());
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let ptr = unsafe { System.realloc(ptr, layout, new_size) };
        advise(ptr, new_size);
        ptr
    }
}
