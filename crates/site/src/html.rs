//! HTML text helpers: escaping and removing one element from a head.

/// Escapes text for HTML text and attribute values (`&`, `<`, `>`, `"`, `'`).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A JSON string literal safe inside `<script type="application/ld+json">`: JSON escapes, and
/// `<`, `>` and `&` as `\u00XX`, so no text can close the script element.
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `head` without the first element from `open` to `close` (and the whitespace before it).
pub fn remove_element(head: &str, open: &str, close: &str) -> String {
    let Some(start) = head.find(open) else {
        return head.to_string();
    };
    let Some(end) = head[start..].find(close).map(|e| start + e + close.len()) else {
        return head.to_string();
    };
    let start = head[..start].trim_end().len();
    format!("{}{}", &head[..start], &head[end..])
}

/// The byte range of the first inline `<script type="module">`'s text (no `src`), if any.
pub fn inline_module(head: &str) -> Option<(usize, usize)> {
    let open = "<script type=\"module\">";
    let start = head.find(open)? + open.len();
    let end = head[start..].find("</script>")? + start;
    Some((start, end))
}

/// `head` without the first tag starting with `open` up to its `>`.
pub fn remove_tag(head: &str, open: &str) -> String {
    remove_element(head, open, ">")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(escape("a < b & \"c\" 'd' >"), "a &lt; b &amp; &quot;c&quot; &#39;d&#39; &gt;");
        assert_eq!(json_string("</script>\"\\\n"), "\"\\u003c/script\\u003e\\\"\\\\\\n\"");
    }

    #[test]
    fn removing_keeps_the_rest() {
        assert_eq!(remove_element("a\n  <title>x</title>b", "<title>", "</title>"), "ab");
        assert_eq!(remove_tag("a <meta name=\"d\" content=\"x\">b", "<meta name=\"d\""), "ab");
        assert_eq!(remove_tag("abc", "<meta"), "abc");
    }
}
