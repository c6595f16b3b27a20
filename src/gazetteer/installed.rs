//! Installed gazetteers: extra gazetteers kept in the user's data folder, which every
//! command uses without a flag once `incimap gazetteer install ML.zip` has put them
//! there. The folder is `$INCIMAP_DATA_DIR/gazetteers` when that variable is set, else
//! `incimap/gazetteers` in the platform's data folder (`~/.local/share` on Linux).

use std::path::{Path, PathBuf};

use super::import::{import, ImportStats};
use super::index::MAGIC;
use super::store::Store;
use super::GazetteerError;

/// One installed gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installed {
    /// Its name: what `gazetteer remove` takes.
    pub name: String,
    /// Its file.
    pub path: PathBuf,
    /// The file's size in bytes.
    pub bytes: u64,
}

/// The folder that holds installed gazetteers (it need not exist yet).
///
/// ```
/// std::env::set_var("INCIMAP_DATA_DIR", "/tmp/incimap-doc");
/// let dir = incimap::gazetteer::installed::folder().unwrap();
/// assert_eq!(dir, std::path::Path::new("/tmp/incimap-doc/gazetteers"));
/// ```
pub fn folder() -> Result<PathBuf, GazetteerError> {
    let base = match std::env::var_os("INCIMAP_DATA_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => dirs::data_dir()
            .map(|d| d.join("incimap"))
            .ok_or_else(|| GazetteerError::Format {
                path: "the data folder".into(),
                why: "this system names no data folder for the user; set INCIMAP_DATA_DIR".into(),
            })?,
    };
    Ok(base.join("gazetteers"))
}

/// The installed gazetteers, by name. No folder means none.
pub fn list() -> Result<Vec<Installed>, GazetteerError> {
    let dir = folder()?;
    let io = |e: std::io::Error| GazetteerError::Io {
        path: dir.display().to_string(),
        source: e,
    };
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let path = entry.map_err(io)?.path();
        if path.extension().is_some_and(|e| e == "gaz") {
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let bytes = std::fs::metadata(&path).map_err(io)?.len();
            out.push(Installed { name, path, bytes });
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// The name a gazetteer is installed under: the one given, or the first file's stem
/// ("ML.zip" → "ML"). Letters, digits, '-' and '_' only.
fn name_for(name: Option<&str>, first: &Path) -> Result<String, GazetteerError> {
    let name = match name {
        Some(n) => n.to_string(),
        None => first
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(name)
    } else {
        Err(GazetteerError::Format {
            path: first.display().to_string(),
            why: format!(
                "'{name}' cannot name an installed gazetteer (letters, digits, '-' and '_'); give --name"
            ),
        })
    }
}

/// What an install did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstallReport {
    /// The gazetteer as installed.
    pub installed: Installed,
    /// What the import read, when the files were GeoNames dumps rather than a gazetteer
    /// file `gazetteer import` had written.
    pub imported: Option<ImportStats>,
    /// True when an installed gazetteer of that name was replaced.
    pub replaced: bool,
}

/// Installs GeoNames dumps (text or zip) or a gazetteer file written by `gazetteer
/// import` under `name` (or the first file's stem). The file is written whole or not at
/// all; an installed gazetteer of the same name is replaced.
pub fn install(
    files: &[&Path],
    name: Option<&str>,
    admin1: Option<&Path>,
    skip_bad: bool,
) -> Result<InstallReport, GazetteerError> {
    let first = files.first().ok_or_else(|| GazetteerError::Format {
        path: "install".into(),
        why: "no file to install".into(),
    })?;
    let name = name_for(name, first)?;
    let dir = folder()?;
    std::fs::create_dir_all(&dir).map_err(|e| GazetteerError::Io {
        path: dir.display().to_string(),
        source: std::io::Error::new(
            e.kind(),
            format!("cannot create the data folder: {e} (set INCIMAP_DATA_DIR to a writable one)"),
        ),
    })?;
    let target = dir.join(format!("{name}.gaz"));
    let replaced = target.exists();
    let read = |path: &Path| {
        std::fs::read(path).map_err(|e| GazetteerError::Io {
            path: path.display().to_string(),
            source: e,
        })
    };
    let copy = if files.len() == 1 {
        Some(read(first)?).filter(|bytes| bytes.starts_with(MAGIC))
    } else {
        None
    };
    let imported = if let Some(copy) = copy {
        // A gazetteer file `gazetteer import` wrote: checked whole, then copied.
        Store::open(first)?;
        crate::io::atomic::write_atomic(&target, |w| {
            w.write_all(&copy)?;
            Ok(())
        })
        .map_err(|e| GazetteerError::Io {
            path: target.display().to_string(),
            source: std::io::Error::other(e.to_string()),
        })?;
        None
    } else {
        Some(import(files, admin1, skip_bad, &target)?)
    };
    let bytes = std::fs::metadata(&target)
        .map_err(|e| GazetteerError::Io {
            path: target.display().to_string(),
            source: e,
        })?
        .len();
    Ok(InstallReport {
        installed: Installed {
            name,
            path: target,
            bytes,
        },
        imported,
        replaced,
    })
}

/// Removes the installed gazetteer `name`; returns its former path.
pub fn remove(name: &str) -> Result<PathBuf, GazetteerError> {
    let found = list()?.into_iter().find(|g| g.name == name);
    let Some(g) = found else {
        let names: Vec<String> = list()?.into_iter().map(|g| g.name).collect();
        return Err(GazetteerError::Format {
            path: folder()?.display().to_string(),
            why: if names.is_empty() {
                format!("no gazetteer '{name}' is installed (none is)")
            } else {
                format!(
                    "no gazetteer '{name}' is installed (installed: {})",
                    names.join(", ")
                )
            },
        });
    };
    std::fs::remove_file(&g.path).map_err(|e| GazetteerError::Io {
        path: g.path.display().to_string(),
        source: e,
    })?;
    Ok(g.path)
}
