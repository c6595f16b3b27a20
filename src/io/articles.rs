//! Finding and reading article files: folders are walked recursively for `.txt` and `.md`
//! files; `-` is standard input. Reading never panics: a binary file is skipped, invalid
//! UTF-8 is decoded lossily, an empty or oversized file is noted, each with a warning
//! that names the file.

use std::io::Read;
use std::path::{Path, PathBuf};

/// The most of one article that is read; the rest of a larger file is ignored.
pub const MAX_ARTICLE_BYTES: u64 = 2 * 1024 * 1024;

/// Where an article comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ArticleSource {
    /// A file.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

impl ArticleSource {
    /// The name the article goes by in `sources`: its file name, or "stdin".
    pub fn name(&self) -> String {
        match self {
            ArticleSource::File(p) => p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            ArticleSource::Stdin => "stdin".into(),
        }
    }
}

/// Expands the paths given on the command line into article sources, sorted within each
/// folder. A path that does not exist is an error naming it.
pub fn collect(paths: &[PathBuf]) -> anyhow::Result<Vec<ArticleSource>> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            out.push(ArticleSource::Stdin);
            continue;
        }
        let meta =
            std::fs::metadata(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found)?;
            found.sort();
            out.extend(found.into_iter().map(ArticleSource::File));
        } else {
            out.push(ArticleSource::File(path.clone()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
        let path = entry.path();
        // The entry's type comes with the listing; a link is followed to what it names.
        let kind = entry
            .file_type()
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let is_dir = kind.is_dir() || (kind.is_symlink() && path.is_dir());
        if is_dir {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
            out.push(path);
        }
    }
    Ok(())
}

/// An article's text, with any warnings about how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleText {
    /// The text (empty when the file was skipped).
    pub text: String,
    /// Warnings, each naming the file.
    pub warnings: Vec<String>,
}

/// Reads one article. Errors reading the file become warnings: one bad file does not
/// stop a run over thousands.
pub fn read(source: &ArticleSource) -> ArticleText {
    let label = match source {
        ArticleSource::File(p) => p.display().to_string(),
        ArticleSource::Stdin => "<stdin>".into(),
    };
    let mut bytes = Vec::new();
    let result = match source {
        ArticleSource::File(p) => std::fs::File::open(p).and_then(|f| {
            // Room for the whole file up front: one read, no probing reads to size it.
            let size = f
                .metadata()
                .map_or(0, |m| m.len())
                .min(MAX_ARTICLE_BYTES + 1);
            bytes.reserve_exact(usize::try_from(size).unwrap_or(0) + 1);
            f.take(MAX_ARTICLE_BYTES + 1).read_to_end(&mut bytes)
        }),
        ArticleSource::Stdin => std::io::stdin()
            .lock()
            .take(MAX_ARTICLE_BYTES + 1)
            .read_to_end(&mut bytes),
    };
    let mut warnings = Vec::new();
    if let Err(e) = result {
        return ArticleText {
            text: String::new(),
            warnings: vec![format!("{label}: cannot read: {e}; skipped")],
        };
    }
    if bytes.len() as u64 > MAX_ARTICLE_BYTES {
        bytes.truncate(MAX_ARTICLE_BYTES as usize);
        warnings.push(format!(
            "{label}: larger than {} MiB; only the first {} MiB were read",
            MAX_ARTICLE_BYTES >> 20,
            MAX_ARTICLE_BYTES >> 20
        ));
    }
    if let Some(at) = memchr::memchr(0, &bytes[..bytes.len().min(8192)]) {
        return ArticleText {
            text: String::new(),
            warnings: vec![format!(
                "{label}: binary file (NUL byte at offset {at}); skipped"
            )],
        };
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            warnings.push(format!(
                "{label}: invalid UTF-8 at byte {at}; decoded lossily"
            ));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    if text.trim().is_empty() {
        warnings.push(format!("{label}: empty; no incident"));
    }
    ArticleText { text, warnings }
}
