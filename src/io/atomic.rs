//! Output files that appear whole or not at all: written to a temporary file beside the
//! target and renamed over it once complete. A device or a pipe is written to directly,
//! and a symbolic link keeps pointing where it did.

use std::io::Write;
use std::path::Path;

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
    let mut builder = tempfile::Builder::new();
    builder.prefix(".incimap-").suffix(".tmp");
    // The mode of a file made by File::create (read and write for all, less the umask),
    // not a temporary file's owner-only mode, which the renamed output would keep.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .with_context(|| format!("{}: cannot create a temporary file", dir.display()))?;
    {
        let mut buffered = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut buffered).with_context(|| format!("{}: writing failed", path.display()))?;
        buffered
            .flush()
            .with_context(|| format!("{}: writing failed", path.display()))?;
    }
    tmp.persist(path)
        .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.error))?;
    Ok(())
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
            return; // no mkfifo here
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
