//! The one multi-line text field (`<textarea>`) of every form. Tachys writes a textarea's
//! children as raw text, so stored text could end the element; this sets the value
//! HTML-escaped as the element's inner HTML instead, which the browser decodes back to the
//! exact text both in the server's HTML and when the client builds the element.

use leptos::prelude::*;

/// `text` with `&`, `<`, `>`, `"` and `'` as character references: inside a textarea or title
/// (RCDATA) the browser decodes them, and no stored text can close the element.
pub fn escape_html(text: &str) -> String {
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

/// A `<textarea>` showing `value` literally. Server-rendered, the escaped value is the
/// element's content; hydrated it is left as the server wrote it; built in the browser
/// (client-side navigation) it is set as `innerHTML`, which a textarea parses as RCDATA too.
#[component]
pub fn MultilineText(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    rows: u32,
    /// The initial text (default empty).
    #[prop(optional, into)]
    value: String,
    #[prop(optional)] required: bool,
    /// Sets `aria-invalid` ("true"/"false") when given, following the signal.
    #[prop(optional, into)]
    invalid: Option<Signal<bool>>,
    /// The ids for `aria-describedby`.
    #[prop(optional, into)]
    described_by: Option<String>,
    /// Called with the new text on every input (in the browser).
    #[prop(optional, into)]
    on_input: Option<Callback<String>>,
) -> impl IntoView {
    view! {
        <textarea
            id=id
            name=name
            rows=rows.to_string()
            required=required
            aria-invalid=move || invalid.map(|i| i.get().to_string())
            aria-describedby=described_by
            inner_html=escape_html(&value)
            on:input=move |ev| {
                if let Some(f) = on_input {
                    f.run(event_target_value(&ev));
                }
            }
        ></textarea>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape_html("</textarea><b a=\"1\" c='2'>x & y</b>"),
            "&lt;/textarea&gt;&lt;b a=&quot;1&quot; c=&#39;2&#39;&gt;x &amp; y&lt;/b&gt;"
        );
        assert_eq!(
            escape_html("line 1\nline 2\ttab é"),
            "line 1\nline 2\ttab é"
        );
    }

    #[test]
    fn server_html_cannot_end_the_element() {
        let owner = Owner::new();
        let html = owner.with(|| {
            let invalid = RwSignal::new(true);
            view! {
                <MultilineText id="f-bio" name="bio" rows=4 value="</textarea><b>x</b> &amp;"
                    required=true invalid=invalid described_by="err-bio"/>
            }
            .to_html()
        });
        assert!(html.starts_with("<textarea"), "{html}");
        assert!(html.contains(" id=\"f-bio\""), "{html}");
        assert!(html.contains(" name=\"bio\""), "{html}");
        assert!(html.contains(" rows=\"4\""), "{html}");
        assert!(html.contains(" required"), "{html}");
        assert!(html.contains(" aria-invalid=\"true\""), "{html}");
        assert!(html.contains(" aria-describedby=\"err-bio\""), "{html}");
        assert!(
            html.ends_with(">&lt;/textarea&gt;&lt;b&gt;x&lt;/b&gt; &amp;amp;</textarea>"),
            "{html}"
        );
        assert_eq!(html.matches("</textarea").count(), 1, "{html}");
    }

    #[test]
    fn empty_field_without_optional_attributes() {
        let owner = Owner::new();
        let html = owner.with(|| view! { <MultilineText id="csv" name="csv" rows=8/> }.to_html());
        assert!(!html.contains("aria-invalid"), "{html}");
        assert!(!html.contains("aria-describedby"), "{html}");
        assert!(!html.contains("required"), "{html}");
        assert!(html.ends_with("></textarea>"), "{html}");
    }

    /// Every textarea of the app goes through `MultilineText`: no other source file writes one.
    #[test]
    fn no_other_textarea_in_the_sources() {
        fn walk(dir: &Path, found: &mut Vec<String>) {
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, found);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && !path.ends_with("ui/multiline.rs")
                {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    if text.to_lowercase().contains("<textarea") {
                        found.push(path.display().to_string());
                    }
                }
            }
        }
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut found = Vec::new();
        walk(&src, &mut found);
        assert!(src.join("ui/multiline.rs").is_file());
        assert!(
            found.is_empty(),
            "raw <textarea> outside MultilineText: {found:?}"
        );
    }
}
