//! Memory-mapped inputs that another program may cut while incimap reads them: reading a
//! page past the new end raises SIGBUS, which would kill the process without a word
//! ("Bus error", exit 135). [`watch`] names the mapped files for a SIGBUS handler that
//! prints an error naming them, removes the temporary output files being written (the
//! targets stay as they were) and exits with status 1, as any other read error does.

use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::sync::Mutex;

/// The names of the mapped files, joined by ", ", as the handler prints them: bytes it can
/// read without a lock or an allocation.
static NAMES: [AtomicU8; 4096] = [const { AtomicU8::new(0) }; 4096];
static NAMES_LEN: AtomicUsize = AtomicUsize::new(0);
static INSTALLED: AtomicBool = AtomicBool::new(false);
static ADDING: Mutex<()> = Mutex::new(());

const BEFORE: &[u8] = b"incimap: error: ";
const AFTER: &[u8] =
    b": the file was cut or replaced while incimap read it (it is memory-mapped); nothing more was read, run again once it is complete\n";

/// Names a memory-mapped file in the error a SIGBUS gives, and installs the handler on
/// first use. Names past 4 KiB in all are left out of the message.
///
/// ```
/// incimap::io::mapped::watch("events.geojson");
/// assert!(incimap::io::mapped::watched().contains("events.geojson"));
/// ```
pub fn watch(label: &str) {
    let _guard = ADDING.lock().unwrap_or_else(|e| e.into_inner());
    let len = NAMES_LEN.load(Ordering::Acquire);
    let separator: &[u8] = if len == 0 { b"" } else { b", " };
    let added: Vec<u8> = separator.iter().chain(label.as_bytes()).copied().collect();
    if len + added.len() <= NAMES.len() {
        for (slot, b) in NAMES[len..].iter().zip(&added) {
            slot.store(*b, Ordering::Relaxed);
        }
        NAMES_LEN.store(len + added.len(), Ordering::Release);
    }
    if !INSTALLED.swap(true, Ordering::AcqRel) {
        // SAFETY: `on_sigbus` only reads atomics and calls write(2), unlink(2) (through
        // `remove_pending_files_in_signal_handler`) and _exit(2), all async-signal-safe;
        // the sigaction structure is zeroed, then filled as sigaction(2) documents.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_sigbus as extern "C" fn(libc::c_int) as libc::sighandler_t;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(libc::SIGBUS, &action, std::ptr::null_mut());
        }
    }
}

/// The names the SIGBUS error gives, joined by ", ".
pub fn watched() -> String {
    let len = NAMES_LEN.load(Ordering::Acquire);
    let bytes: Vec<u8> = NAMES[..len]
        .iter()
        .map(|b| b.load(Ordering::Relaxed))
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

extern "C" fn on_sigbus(_: libc::c_int) {
    let mut message = [0u8; 4096 + 256];
    let mut n = 0;
    let len = NAMES_LEN.load(Ordering::Acquire);
    let names = NAMES[..len].iter().map(|b| b.load(Ordering::Relaxed));
    for b in BEFORE
        .iter()
        .copied()
        .chain(names)
        .chain(AFTER.iter().copied())
    {
        if n < message.len() {
            message[n] = b;
            n += 1;
        }
    }
    // SAFETY: write(2) and _exit(2) are async-signal-safe; the buffer lives on this stack.
    unsafe {
        libc::write(2, message.as_ptr().cast(), n);
    }
    super::atomic::remove_pending_files_in_signal_handler();
    // SAFETY: as above.
    unsafe {
        libc::_exit(1);
    }
}
