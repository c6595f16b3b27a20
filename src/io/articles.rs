//! Finding and reading article files: folders are walked recursively (walkdir) for
//! `.txt` and `.md` files, the extension's case aside; `-` is standard input. Symbolic
//! links met in a folder are followed only when asked, and a link loop is named, not
//! walked round. Each article goes by its path relative to the argument that named it
//! (its file name when the argument is the file). Reading never panics: a binary file is
//! skipped, bytes that are not UTF-8 are read as Windows-1252 (Latin-1), an empty or oversized file is noted, each
//! with a warning that names the file.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};

use rustc_hash::{FxHashMap, FxHasher};

/// The most of one article that is read; the rest of a larger file is ignored.
pub const MAX_ARTICLE_BYTES: u64 = 2 * 1024 * 1024;

/// Where an article comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ArticleSource {
    /// A file, and the name it goes by in `sources`.
    File {
        /// The path to read.
        path: PathBuf,
        /// Its path relative to the folder given on the command line, or its file name.
        name: String,
    },
    /// Standard input.
    Stdin,
}

impl ArticleSource {
    /// A file that goes by its file name.
    ///
    /// ```
    /// use incimap::io::articles::ArticleSource;
    /// assert_eq!(ArticleSource::file("news/report.txt".into()).name(), "report.txt");
    /// ```
    pub fn file(path: PathBuf) -> ArticleSource {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        ArticleSource::File { path, name }
    }

    /// The name the article goes by in `sources`: its path relative to the folder named
    /// on the command line, its file name, or "stdin".
    pub fn name(&self) -> &str {
        match self {
            ArticleSource::File { name, .. } => name,
            ArticleSource::Stdin => "stdin",
        }
    }
}

/// How folders are walked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Walk {
    /// Follow symbolic links met inside folders (a link named on the command line is
    /// always followed).
    pub follow_links: bool,
}

/// The articles found, and warnings about what was left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Collected {
    /// The articles, in the order of the arguments, sorted within each folder; each file
    /// once.
    pub sources: Vec<ArticleSource>,
    /// Warnings, each naming a path.
    pub warnings: Vec<String>,
}

/// True for the extensions of article files: `.txt` and `.md`, in any case.
fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
}

/// Expands the paths given on the command line into article sources, sorted within each
/// folder. A path that does not exist is an error naming it. A file reached twice (a
/// folder given twice, or a file inside a folder also given) is read once, with a
/// warning; two files that would go by one name go by the paths they were found at.
///
/// ```
/// use incimap::io::articles::{collect, Walk};
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::create_dir(dir.path().join("mali")).unwrap();
/// std::fs::write(dir.path().join("mali/report.TXT"), "Gunmen killed 3.").unwrap();
/// std::fs::write(dir.path().join("photo.jpg"), "").unwrap();
/// let found = collect(&[dir.path().into(), dir.path().into()], Walk::default()).unwrap();
/// let names: Vec<&str> = found.sources.iter().map(|s| s.name()).collect();
/// assert_eq!(names, ["mali/report.TXT"]);
/// assert!(found.warnings[0].contains("given twice"));
/// ```
pub fn collect(paths: &[PathBuf], walk: Walk) -> anyhow::Result<Collected> {
    let mut out = Collected::default();
    // Each file once, by its canonical path; each argument once likewise.
    let mut seen: HashMap<PathBuf, String> = HashMap::new();
    let mut arguments: HashSet<PathBuf> = HashSet::new();
    let mut stdin = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if !std::mem::replace(&mut stdin, true) {
                out.sources.push(ArticleSource::Stdin);
            }
            continue;
        }
        let meta =
            std::fs::metadata(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        if !arguments.insert(canonical.clone()) {
            out.warnings
                .push(format!("{}: given twice; read once", path.display()));
            continue;
        }
        let found = if meta.is_dir() {
            walk_folder(path, walk, &mut out.warnings)
        } else {
            vec![ArticleSource::file(path.clone())]
        };
        for source in found {
            let ArticleSource::File { path: file, name } = &source else {
                continue;
            };
            let key = std::fs::canonicalize(file).unwrap_or_else(|_| file.clone());
            if let Some(first) = seen.get(&key) {
                out.warnings.push(format!(
                    "{}: the same file as {first}; read once",
                    file.display()
                ));
                continue;
            }
            seen.insert(key, name.clone());
            out.sources.push(source);
        }
    }
    // Two files that would share a name go by their paths instead.
    let mut count: HashMap<String, usize> = HashMap::new();
    for s in &out.sources {
        *count.entry(s.name().to_string()).or_default() += 1;
    }
    for s in &mut out.sources {
        if let ArticleSource::File { path, name } = s {
            if count[name.as_str()] > 1 {
                *name = path.display().to_string();
            }
        }
    }
    Ok(out)
}

/// The articles of one folder, sorted by path, named relative to it.
fn walk_folder(dir: &Path, walk: Walk, warnings: &mut Vec<String>) -> Vec<ArticleSource> {
    let mut found = Vec::new();
    let (mut others, mut links) = (0usize, 0usize);
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(walk.follow_links)
        .sort_by_file_name();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let at = e.path().unwrap_or(dir).display().to_string();
                match e.loop_ancestor() {
                    Some(up) => warnings.push(format!(
                        "{at}: a link back to {}; not walked again",
                        up.display()
                    )),
                    None => warnings.push(format!("{at}: cannot read: {e}; skipped")),
                }
                continue;
            }
        };
        let kind = entry.file_type();
        if kind.is_symlink() {
            links += 1;
        } else if kind.is_file() {
            if is_article(entry.path()) {
                let path = entry.into_path();
                let name = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                found.push(ArticleSource::File { path, name });
            } else {
                others += 1;
            }
        }
    }
    if links > 0 {
        warnings.push(format!(
            "{}: {links} symbolic link(s) not followed (--follow follows them)",
            dir.display()
        ));
    }
    if found.is_empty() {
        warnings.push(format!(
            "{}: no article in it (.txt or .md files; {others} other file(s))",
            dir.display()
        ));
    }
    found
}

/// The shortest paragraph (in bytes, spaces aside) whose repeat is taken for a paste,
/// not for a line an article may well say twice ("Advertisement").
const MIN_REPEATED_PARAGRAPH: usize = 80;

/// A paragraph an article repeats word for word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repeat {
    /// The 1-based line where the repeat starts.
    pub line: usize,
    /// The 1-based line of the paragraph it repeats.
    pub first: usize,
}

/// Blanks out every paragraph (lines between blank lines) that repeats an earlier one of
/// the text, spaces aside, when it is at least 80 bytes long: a story pasted twice is
/// read once. Bytes and lines stay where they were (each blanked character becomes as
/// many spaces as its bytes), so positions in the text still hold.
///
/// ```
/// use incimap::io::articles::{blank_repeats, Repeat};
/// let story = "Gunmen killed 12 villagers in Indelimane on Friday night, officials said on Saturday.";
/// let pasted = format!("{story}\n\n{story}\n");
/// let (text, repeats) = blank_repeats(&pasted);
/// assert_eq!(repeats, [Repeat { line: 3, first: 1 }]);
/// assert_eq!(text.trim(), story);
/// assert_eq!(text.len(), 2 * story.len() + 3);
/// ```
pub fn blank_repeats(text: &str) -> (Cow<'_, str>, Vec<Repeat>) {
    // Paragraphs as (first line, byte range).
    let mut paragraphs: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let mut at = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if line.trim().is_empty() {
            if let Some((first, start)) = open.take() {
                paragraphs.push((first, start..at));
            }
        } else if open.is_none() {
            open = Some((i + 1, at));
        }
        at += line.len();
    }
    if let Some((first, start)) = open {
        paragraphs.push((first, start..at));
    }
    let mut seen: FxHashMap<ParagraphWords<'_>, usize> = FxHashMap::default();
    let mut repeats = Vec::new();
    let mut blank = Vec::new();
    for (line, range) in paragraphs {
        // Its words joined by single spaces are no longer than the paragraph: a short
        // one is not read word by word.
        if range.len() < MIN_REPEATED_PARAGRAPH {
            continue;
        }
        let words = ParagraphWords::new(&text[range.clone()]);
        if words.len < MIN_REPEATED_PARAGRAPH {
            continue;
        }
        match seen.get(&words) {
            Some(&first) => {
                repeats.push(Repeat { line, first });
                blank.push(range);
            }
            None => {
                seen.insert(words, line);
            }
        }
    }
    if blank.is_empty() {
        return (Cow::Borrowed(text), repeats);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for range in blank {
        out.push_str(&text[from..range.start]);
        for c in text[range.clone()].chars() {
            if c == '\n' {
                out.push('\n');
            } else {
                out.extend(std::iter::repeat_n(' ', c.len_utf8()));
            }
        }
        from = range.end;
    }
    out.push_str(&text[from..]);
    (Cow::Owned(out), repeats)
}

/// A paragraph known by its words, spaces aside: compared word by word, and hashed once
/// as it is read, so that no key is built for it.
struct ParagraphWords<'a> {
    text: &'a str,
    /// The length of its words joined by single spaces.
    len: usize,
    hash: u64,
}

impl<'a> ParagraphWords<'a> {
    fn new(text: &'a str) -> ParagraphWords<'a> {
        let mut hasher = FxHasher::default();
        let (mut words, mut bytes) = (0, 0);
        for word in text.split_whitespace() {
            word.hash(&mut hasher);
            words += 1;
            bytes += word.len();
        }
        ParagraphWords {
            text,
            len: (bytes + words).saturating_sub(1),
            hash: hasher.finish(),
        }
    }
}

impl PartialEq for ParagraphWords<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash
            && self
                .text
                .split_whitespace()
                .eq(other.text.split_whitespace())
    }
}

impl Eq for ParagraphWords<'_> {}

impl Hash for ParagraphWords<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
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
        ArticleSource::File { path, .. } => path.display().to_string(),
        ArticleSource::Stdin => "<stdin>".into(),
    };
    let mut bytes = Vec::new();
    let result = match source {
        ArticleSource::File { path, .. } => std::fs::File::open(path).and_then(|f| {
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
    // A byte-order mark says how the text is written: UTF-16 (either order) is decoded,
    // a UTF-8 mark dropped.
    if bytes.starts_with(b"\xFF\xFE")
        || bytes.starts_with(b"\xFE\xFF")
        || bytes.starts_with(b"\xEF\xBB\xBF")
    {
        return match crate::io::text::decode_text(&bytes) {
            Some(text) => ArticleText { text, warnings },
            None => ArticleText {
                text: String::new(),
                warnings: vec![format!(
                    "{label}: UTF-16 text cut inside a character; skipped"
                )],
            },
        };
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
            let (text, at) = crate::io::text::decode_mixed(e.as_bytes());
            warnings.push(format!(
                "{label}: not UTF-8 at byte {}; the bytes that are not UTF-8 were read as Windows-1252 (Latin-1)",
                at.unwrap_or_default()
            ));
            text
        }
    };
    if text.trim().is_empty() {
        warnings.push(format!("{label}: empty; no incident"));
    }
    ArticleText { text, warnings }
}
