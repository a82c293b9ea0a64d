//! A collection written for people: Markdown, and one standalone HTML page with the highlights.
//!
//! Text from files is hostile until proven otherwise. HTML output escapes every character that
//! could open markup and carries a content security policy that forbids scripts altogether, so a
//! file full of `<script>` stays text even if the escaping had a hole. Markdown output escapes
//! the characters Markdown would turn into markup or raw HTML.

use crate::model::{Article, Block, Collection};
use std::fmt::Write;

/// The collection as Markdown: one section per article.
pub fn to_markdown(collection: &Collection) -> String {
    let mut out = String::new();
    for (i, article) in collection.articles.iter().enumerate() {
        if i > 0 {
            out.push_str("\n---\n\n");
        }
        let _ = writeln!(out, "## {}\n", md_escape(title_or_untitled(article)));
        for caption in &article.captions {
            let _ = writeln!(out, "*{}*\n", md_escape(&caption.text));
        }
        for p in &article.paragraphs {
            // Hard line breaks inside a paragraph (tables, wrapped text) stay line breaks.
            let _ = writeln!(out, "{}\n", md_escape(&p.text).replace('\n', "  \n"));
        }
        let _ = writeln!(out, "_Sources: {}_", md_escape(&article.sources.join(", ")));
    }
    out
}

fn title_or_untitled(article: &Article) -> &str {
    if article.title.text.is_empty() {
        "(untitled)"
    } else {
        &article.title.text
    }
}

fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '{' | '}' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
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

/// A block as HTML: its text escaped, each entity wrapped in `<mark data-label=…
/// data-entity=…>`.
pub fn block_html(block: &Block) -> String {
    let mut out = String::with_capacity(block.text.len() + 32);
    let chars: Vec<(usize, char)> = block.text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(block.text.len(), |(b, _)| *b);
    let mut at = 0;
    let mut entities: Vec<_> = block.entities.iter().filter(|e| e.start < e.end).collect();
    entities.sort_by_key(|e| (e.start, e.end));
    for entity in entities {
        if entity.start < at || entity.end > chars.len() {
            continue; // overlapping or out of range: show the text plain rather than garbled
        }
        out.push_str(&html_escape(
            &block.text[byte_at(at)..byte_at(entity.start)],
        ));
        // The entity the mention names (`tony blair` for `Blair`), for a reader's script or
        // search over the saved page.
        let _ = write!(
            out,
            "<mark data-label=\"{}\" data-entity=\"{}\">{}</mark>",
            entity.label.as_str(),
            html_escape(&entity.key),
            html_escape(&block.text[byte_at(entity.start)..byte_at(entity.end)])
        );
        at = entity.end;
    }
    out.push_str(&html_escape(&block.text[byte_at(at)..]));
    out
}

/// The policy of the exported page: styles inline, nothing else, no scripts at all.
pub const EXPORT_CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'";

/// The collection as one standalone HTML page.
pub fn to_html(collection: &Collection) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{EXPORT_CSP}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Folio export: {} articles</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        collection.articles.len()
    );
    for article in &collection.articles {
        out.push_str("<article dir=\"auto\">\n");
        let title = if article.title.text.is_empty() {
            "(untitled)".to_owned()
        } else {
            block_html(&article.title)
        };
        let _ = writeln!(out, "<h2>{title}</h2>");
        for caption in &article.captions {
            let _ = writeln!(out, "<p class=\"caption\">{}</p>", block_html(caption));
        }
        for p in &article.paragraphs {
            let _ = writeln!(out, "<p>{}</p>", block_html(p));
        }
        let _ = writeln!(
            out,
            "<p class=\"sources\">Sources: {}</p>\n</article>",
            html_escape(&article.sources.join(", "))
        );
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

const STYLE: &str = "body{font:17px/1.6 Georgia,serif;max-width:42rem;margin:2rem auto;padding:0 1rem;\
color:#1d1d1f;background:#fff}h2{font-family:system-ui,sans-serif;line-height:1.25}\
p{white-space:pre-line}.caption{font-style:italic;color:#555}.sources{font:13px system-ui;color:#666}\
article{border-bottom:1px solid #ddd;padding-bottom:1rem}mark{border-radius:3px;padding:0 2px}\
mark[data-label=PER]{background:#ffe0b2}mark[data-label=ORG]{background:#c8e6c9}\
mark[data-label=LOC]{background:#bbdefb}mark[data-label=MISC]{background:#e1bee7}\
mark[data-label=DATE],mark[data-label=TIME]{background:#fff59d}\
mark[data-label=MONEY],mark[data-label=PERCENT],mark[data-label=QUANTITY],mark[data-label=CARDINAL]{background:#e0e0e0}\
@media (prefers-color-scheme:dark){body{color:#eee;background:#161618}.caption,.sources{color:#aaa}\
mark{color:#111}}";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, Label, Stats};

    fn collection(title: &str, body: &str) -> Collection {
        Collection {
            articles: vec![Article {
                title: Block::new(title),
                title_derived: false,
                captions: vec![],
                paragraphs: vec![Block::new(body)],
                sources: vec!["<img src=x onerror=alert(1)>.txt".into()],
                variants: vec![],
                removed: vec![],
                meta: None,
                date: None,
            }],
            files: vec![],
            stats: Stats::default(),
            entities: vec![],
        }
    }

    #[test]
    fn html_export_is_inert() {
        let c = collection(
            "<script>alert(1)</script>",
            "<a href=\"javascript:alert(1)\">x</a> & 'q'",
        );
        let html = to_html(&c);
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img") && !html.contains("<a "));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains(
            "&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt; &amp; &#39;q&#39;"
        ));
        assert!(html.contains("Content-Security-Policy") && html.contains("default-src 'none'"));
    }

    #[test]
    fn marks_use_character_offsets() {
        let block = Block {
            text: "“Mikati” visited <Tyre>".into(),
            entities: vec![
                Entity {
                    start: 1,
                    end: 7,
                    label: Label::PER,
                    text: "Mikati".into(),
                    key: "najib mikati".into(),
                },
                Entity {
                    start: 18,
                    end: 22,
                    label: Label::LOC,
                    text: "Tyre".into(),
                    key: "tyre \"".into(),
                },
            ],
        };
        assert_eq!(
            block_html(&block),
            "“<mark data-label=\"PER\" data-entity=\"najib mikati\">Mikati</mark>” visited &lt;\
             <mark data-label=\"LOC\" data-entity=\"tyre &quot;\">Tyre</mark>&gt;"
        );
    }

    #[test]
    fn markdown_escapes_markup() {
        let md = to_markdown(&collection(
            "# <b>Hi</b>",
            "[link](javascript:x) *a*\nrow two",
        ));
        assert!(md.contains("## \\# \\<b\\>Hi\\</b\\>"), "{md}");
        assert!(md.contains("\\[link\\](javascript:x) \\*a\\*  \nrow two"));
        // Every `<` left is escaped, so no renderer can see a tag.
        assert!(
            md.match_indices('<').all(|(i, _)| md[..i].ends_with('\\')),
            "{md}"
        );
    }
}
