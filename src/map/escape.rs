//! Text made safe for the two places a page puts it: HTML text (the title), and JSON inside
//! a `<script type="application/json">` element, where `</script>` in a property must not
//! end the element.

use std::io::Write;

/// HTML text with `&`, `<`, `>`, `"` and `'` as character references.
///
/// ```
/// use incimap::map::escape::html_text;
/// assert_eq!(html_text("Gao & <b>Kidal</b>"), "Gao &amp; &lt;b&gt;Kidal&lt;/b&gt;");
/// ```
pub fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Writes a value as JSON that can stand inside a `<script>` element: `<`, `>` and `&`,
/// which JSON holds only inside strings, are written as `\u003c`, `\u003e` and `\u0026`,
/// so that the element's text holds no `</script` and no `<!--`; `JSON.parse` reads
/// the same strings back.
///
/// ```
/// use incimap::map::escape::write_script_json;
/// let mut out = Vec::new();
/// write_script_json(&mut out, &serde_json::json!({"notes": "</script><b>&"})).unwrap();
/// let text = String::from_utf8(out).unwrap();
/// assert_eq!(text, r#"{"notes":"\u003c/script\u003e\u003cb\u003e\u0026"}"#);
/// let back: serde_json::Value = serde_json::from_str(&text).unwrap();
/// assert_eq!(back["notes"], "</script><b>&");
/// ```
pub fn write_script_json<T: serde::Serialize + ?Sized>(
    out: &mut dyn Write,
    value: &T,
) -> anyhow::Result<()> {
    let mut safe = ScriptSafe { inner: out };
    serde_json::to_writer(&mut safe, value)?;
    Ok(())
}

/// A writer that replaces `<`, `>` and `&` with JSON escapes on the way through.
struct ScriptSafe<'a> {
    inner: &'a mut dyn Write,
}

impl Write for ScriptSafe<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        let mut rest = buf;
        while let Some(i) = memchr::memchr3(b'<', b'>', b'&', rest) {
            self.inner.write_all(&rest[..i])?;
            self.inner.write_all(match rest[i] {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                _ => b"\\u0026",
            })?;
            rest = &rest[i + 1..];
        }
        self.inner.write_all(rest)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_markup_survives_in_script_json() {
        let value = serde_json::json!({
            "notes": "<!-- </SCRIPT > <script>alert(1)</script> -->",
            "actor1": "A & B > C",
        });
        let mut out = Vec::new();
        write_script_json(&mut out, &value).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains(['<', '>', '&']), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn html_text_escapes_quotes_for_attributes_too() {
        assert_eq!(html_text(r#"a"b'c"#), "a&quot;b&#39;c");
    }
}
