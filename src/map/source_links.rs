//! Where a source name in a popup links to: a URL prefix (`https://…/articles/`) to
//! which the name is appended, or a local folder of articles, linked as a `file://` URL.

use std::path::Path;

/// The prefix that turns a source name into a link: an `http://`, `https://` or `file://`
/// prefix as given, or an existing folder as the `file://` URL of its absolute path,
/// ending in `/`. Anything else (another scheme, a missing folder) is an error that says
/// so.
///
/// ```
/// use incimap::map::source_links::source_link_prefix;
/// assert_eq!(source_link_prefix("https://example.org/a?id=").unwrap(), "https://example.org/a?id=");
/// let dir = tempfile::tempdir().unwrap();
/// let prefix = source_link_prefix(dir.path().to_str().unwrap()).unwrap();
/// assert!(prefix.starts_with("file:///") && prefix.ends_with('/'));
/// assert!(source_link_prefix("javascript:alert(1)//").is_err());
/// ```
pub fn source_link_prefix(arg: &str) -> Result<String, String> {
    let lower = arg.to_ascii_lowercase();
    if ["http://", "https://", "file://"]
        .iter()
        .any(|s| lower.starts_with(s))
    {
        return Ok(arg.to_string());
    }
    let path = Path::new(arg);
    if !path.is_dir() {
        return Err(format!(
            "--link-sources {arg}: neither a folder nor an http://, https:// or file:// URL prefix"
        ));
    }
    let absolute = std::fs::canonicalize(path)
        .map_err(|e| format!("--link-sources {arg}: cannot resolve the folder: {e}"))?;
    let mut url = String::from("file://");
    for component in absolute.components() {
        if let std::path::Component::Normal(name) = component {
            url.push('/');
            url.push_str(&percent_encode(&name.to_string_lossy()));
        }
    }
    url.push('/');
    Ok(url)
}

/// A path segment with every byte but unreserved characters (RFC 3986) percent-encoded.
fn percent_encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_with_spaces_and_accents_is_a_valid_file_url() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("dépêches du jour");
        std::fs::create_dir(&folder).unwrap();
        let prefix = source_link_prefix(folder.to_str().unwrap()).unwrap();
        assert!(
            prefix.ends_with("/d%C3%A9p%C3%AAches%20du%20jour/"),
            "{prefix}"
        );
    }

    #[test]
    fn a_missing_folder_is_named_in_the_error() {
        let err = source_link_prefix("/no/such/folder").unwrap_err();
        assert!(err.contains("/no/such/folder"), "{err}");
    }
}
