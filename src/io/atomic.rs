//! Output files that appear whole or not at all: written to a temporary file beside the
//! target, flushed to disk and renamed over it once complete, with the mode the target
//! had. A device or a pipe is written to directly, and a symbolic link keeps pointing
//! where it did. The temporary file is removed when writing fails and when the process
//! is interrupted (SIGINT, SIGTERM: it then exits with code 130) or stopped by an input
//! cut under it (see [`super::mapped`]); one a killed run left behind is found by
//! [`stale_temporaries`]. A folder of outputs is written the same way:
//! filled as a temporary folder beside the target, renamed into place once complete.

use std::ffi::CString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

/// The temporary files (and folders) being written, removed if the process is interrupted;
/// each path also as a C string, for [`remove_pending_files_in_signal_handler`].
static PENDING: Mutex<Vec<(PathBuf, CString)>> = Mutex::new(Vec::new());
static ON_SIGNAL: Once = Once::new();

/// A temporary file that an interrupt removes while this lives.
struct Pending(PathBuf);

/// Makes an interrupt (SIGINT, SIGTERM) remove the pending temporary files and exit
/// with code 130.
fn remove_pending_on_signal() {
    ON_SIGNAL.call_once(|| {
        // A program that set its own handler keeps it (and its own clean-up).
        let _ = ctrlc::set_handler(|| {
            let pending = PENDING
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            for (p, _) in pending.iter() {
                if std::fs::remove_file(p).is_err() {
                    let _ = std::fs::remove_dir_all(p);
                }
            }
            std::process::exit(130);
        });
    });
}

impl Pending {
    /// Makes a temporary file or folder with `create` and registers it (`path` tells
    /// where it is), the register locked throughout: an interrupt that comes while it is
    /// being made waits until it is registered, then removes it.
    fn create<T>(
        create: impl FnOnce() -> std::io::Result<T>,
        path: impl Fn(&T) -> &Path,
    ) -> std::io::Result<(T, Pending)> {
        remove_pending_on_signal();
        let mut pending = PENDING
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let made = create()?;
        let at = path(&made).to_path_buf();
        let c_path = CString::new(at.as_os_str().as_encoded_bytes()).unwrap_or_default();
        pending.push((at.clone(), c_path));
        Ok((made, Pending(at)))
    }
}

/// Removes the pending temporary files from a signal handler that then ends the process:
/// the register is only tried, never waited for (a thread adding or dropping an entry at
/// that instant leaves the files to [`stale_temporaries`]), nothing is allocated, and
/// unlink(2) is async-signal-safe. A temporary folder stays.
pub(crate) fn remove_pending_files_in_signal_handler() {
    if let Ok(pending) = PENDING.try_lock() {
        for (_, c_path) in pending.iter() {
            // SAFETY: a NUL-terminated path that lives while the guard is held.
            unsafe { libc::unlink(c_path.as_ptr()) };
        }
    }
}

/// How a temporary output beside its target is made: named `.incimap-*.tmp`, with
/// `mode` (less the umask) rather than a temporary file's owner-only mode, which the
/// renamed output would keep.
#[cfg_attr(not(unix), allow(unused_variables))]
fn temporary(mode: u32) -> tempfile::Builder<'static, 'static> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".incimap-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    builder
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Ok(mut pending) = PENDING.lock() {
            pending.retain(|(p, _)| *p != self.0);
        }
    }
}

/// The temporary files (`.incimap-*.tmp`) beside `path` that a run killed while writing
/// (or one still writing) left there.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join(".incimap-x1y2.tmp"), "half").unwrap();
/// let found = incimap::io::atomic::stale_temporaries(&dir.path().join("events.geojson"));
/// assert_eq!(found, [dir.path().join(".incimap-x1y2.tmp")]);
/// ```
pub fn stale_temporaries(path: &Path) -> Vec<PathBuf> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with(".incimap-") && name.ends_with(".tmp")
        })
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// True when two paths name one file (the same device and inode on Unix), links and
/// `..` aside. A path that does not exist is no file.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let file = dir.path().join("events.geojson");
/// std::fs::write(&file, "{}").unwrap();
/// let again = dir.path().join(".").join("events.geojson");
/// assert!(incimap::io::atomic::same_file(&file, &again));
/// assert!(!incimap::io::atomic::same_file(&file, &dir.path().join("other.geojson")));
/// ```
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (file_id(a), file_id(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

/// What tells a file from another (its device and inode on Unix), to compare many paths
/// with one without reading that one again each time; `None` for a path that does not
/// exist. Two paths name one file when their ids are equal (see [`same_file`]).
pub fn file_id(path: &Path) -> Option<impl PartialEq> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some(std::fs::canonicalize(path).ok())
    }
}

/// Writes a file atomically: `write` fills a temporary file in the target's folder, which
/// is renamed to `path` only when `write` succeeded. On error the target is untouched.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("out.txt");
/// incimap::io::atomic::write_atomic(&path, |w| { w.write_all(b"hello")?; Ok(()) }).unwrap();
/// assert_eq!(std::fs::read_to_string(&path).unwrap(), "hello");
/// ```
pub fn write_atomic<F>(path: &Path, write: F) -> anyhow::Result<()>
where
    F: FnOnce(&mut dyn Write) -> anyhow::Result<()>,
{
    use anyhow::Context;
    // A device or a pipe ("-o /dev/null", a FIFO) is written to, never replaced by a
    // file; a symbolic link stays a link, and the file it points to is replaced.
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() && !m.is_dir() => return write_through(path, write),
        _ => {}
    }
    let linked;
    let path = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            linked = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            linked.as_path()
        }
        _ => path,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // The mode of a file made by File::create (read and write for all, less the umask).
    let builder = temporary(0o666);
    let (mut tmp, _pending) = Pending::create(|| builder.tempfile_in(dir), |t| t.path())
        .with_context(|| format!("{}: cannot create a temporary file", dir.display()))?;
    // An existing output keeps its mode (a 0600 file stays private).
    if let Ok(existing) = std::fs::metadata(path) {
        tmp.as_file()
            .set_permissions(existing.permissions())
            .with_context(|| format!("{}: cannot set the mode", tmp.path().display()))?;
    }
    {
        let mut buffered = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut buffered).with_context(|| format!("{}: writing failed", path.display()))?;
        buffered
            .flush()
            .with_context(|| format!("{}: writing failed", path.display()))?;
    }
    // On disk before the rename: a crash then leaves the old file or the new, whole.
    tmp.as_file()
        .sync_all()
        .with_context(|| format!("{}: writing failed", path.display()))?;
    tmp.persist(path)
        .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.error))?;
    Ok(())
}

/// Writes a folder atomically: `fill` writes files into a temporary folder beside `path`
/// (each file flushed to disk), which is renamed to `path` only when `fill` succeeded. A
/// `path` that exists must be an empty folder: a folder with files in it is never
/// replaced. On error nothing is left.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let out = dir.path().join("parts");
/// incimap::io::atomic::write_folder_atomic(&out, |tmp| {
///     std::fs::create_dir(tmp.join("a=1"))?;
///     Ok(std::fs::write(tmp.join("a=1").join("part-0.txt"), "x")?)
/// }).unwrap();
/// assert_eq!(std::fs::read_to_string(out.join("a=1/part-0.txt")).unwrap(), "x");
/// let again = incimap::io::atomic::write_folder_atomic(&out, |_| Ok(()));
/// assert!(again.unwrap_err().to_string().contains("not empty"));
/// ```
pub fn write_folder_atomic<F>(path: &Path, fill: F) -> anyhow::Result<()>
where
    F: FnOnce(&Path) -> anyhow::Result<()>,
{
    use anyhow::Context;
    check_folder_target(path)?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // The mode of a folder made by create_dir (all, less the umask).
    let builder = temporary(0o777);
    let (tmp, _pending) = Pending::create(|| builder.tempdir_in(dir), |t| t.path())
        .with_context(|| format!("{}: cannot create a temporary folder", dir.display()))?;
    fill(tmp.path()).with_context(|| format!("{}: writing failed", path.display()))?;
    check_folder_target(path)?;
    std::fs::rename(tmp.path(), path).with_context(|| {
        format!(
            "{}: cannot rename the finished folder into place",
            path.display()
        )
    })?;
    // Renamed: nothing left for the TempDir to remove.
    let _ = tmp.keep();
    Ok(())
}

/// Refuses a folder target that exists and is not an empty folder.
fn check_folder_target(path: &Path) -> anyhow::Result<()> {
    match std::fs::symlink_metadata(path) {
        Err(_) => Ok(()),
        Ok(m) if m.is_dir() => {
            let empty = std::fs::read_dir(path).is_ok_and(|mut d| d.next().is_none());
            if empty {
                Ok(())
            } else {
                anyhow::bail!("{}: a folder that is not empty; a partitioned output is written whole into a new or empty folder: remove it or write elsewhere", path.display())
            }
        }
        Ok(_) => anyhow::bail!(
            "{}: exists and is not a folder; a partitioned output is a folder",
            path.display()
        ),
    }
}

/// Writes a file into a folder being filled, flushed to disk.
///
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// incimap::io::atomic::write_synced(&dir.path().join("a/b.txt"), b"x").unwrap();
/// assert_eq!(std::fs::read(dir.path().join("a/b.txt")).unwrap(), b"x");
/// ```
pub fn write_synced(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    use anyhow::Context;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{}: cannot create", parent.display()))?;
    }
    let mut file = std::fs::File::create(path)
        .with_context(|| format!("{}: cannot create", path.display()))?;
    file.write_all(bytes)
        .and_then(|_| file.sync_all())
        .with_context(|| format!("{}: writing failed", path.display()))
}

/// Writes straight into a device or a pipe.
fn write_through<F>(path: &Path, write: F) -> anyhow::Result<()>
where
    F: FnOnce(&mut dyn Write) -> anyhow::Result<()>,
{
    use anyhow::Context;
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .with_context(|| format!("{}: cannot open for writing", path.display()))?;
    let mut buffered = std::io::BufWriter::new(file);
    write(&mut buffered).with_context(|| format!("{}: writing failed", path.display()))?;
    buffered
        .flush()
        .with_context(|| format!("{}: writing failed", path.display()))?;
    Ok(())
}

/// Writes to standard output when `path` is `-` or absent, else atomically to the file.
pub fn write_output<F>(path: Option<&Path>, write: F) -> anyhow::Result<()>
where
    F: FnOnce(&mut dyn Write) -> anyhow::Result<()>,
{
    match path {
        Some(p) if p != Path::new("-") => write_atomic(p, write),
        _ => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            write(&mut lock)?;
            lock.flush()?;
            Ok(())
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_pipe_is_written_to_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: no mkfifo here");
            return;
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        super::write_atomic(&fifo, |w| Ok(w.write_all(b"through")?)).unwrap();
        assert_eq!(reader.join().unwrap(), "through");
        use std::os::unix::fs::FileTypeExt;
        assert!(fifo.metadata().unwrap().file_type().is_fifo());
    }

    #[test]
    fn a_link_stays_a_link_and_its_file_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("events.geojson");
        std::fs::write(&file, "old").unwrap();
        let link = dir.path().join("latest.geojson");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        super::write_atomic(&link, |w| Ok(w.write_all(b"new")?)).unwrap();
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
    }

    #[test]
    fn an_existing_output_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("private.geojson");
        std::fs::write(&file, "old").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        super::write_atomic(&file, |w| Ok(w.write_all(b"new")?)).unwrap();
        assert_eq!(file.metadata().unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
    }

    #[test]
    fn a_failed_write_leaves_the_target_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("events.geojson");
        std::fs::write(&file, "old").unwrap();
        let failed = super::write_atomic(&file, |w| {
            w.write_all(b"half")?;
            anyhow::bail!("broken")
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "old");
        assert!(super::stale_temporaries(&file).is_empty());
    }

    #[test]
    fn output_has_the_mode_of_a_created_file() {
        let dir = tempfile::tempdir().unwrap();
        let made = dir.path().join("made.txt");
        std::fs::File::create(&made).unwrap();
        let written = dir.path().join("written.txt");
        super::write_atomic(&written, |w| Ok(w.write_all(b"x")?)).unwrap();
        let mode = |p: &std::path::Path| p.metadata().unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&written), mode(&made));
    }
}
