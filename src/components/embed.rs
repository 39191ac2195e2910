//! "Embed": generates the `<iframe>` snippet for an intranet page, with the resize script
//! that listens only to this app's origin.

use crate::{browser, i18n::tr, route::Route, state::use_app};
use leptos::prelude::*;
use locale::Lang;

/// The snippet for embedding `route` into a page at `host_origin`.
pub fn snippet(
    app_url: &str,
    app_origin: &str,
    route: &Route,
    host_origin: &str,
    lang: Lang,
    compact: bool,
    title: &str,
) -> String {
    let mut keep = vec![("embed", "1".to_string()), ("lang", lang.code().to_string())];
    if compact {
        keep.push(("compact", "1".to_string()));
    }
    keep.push(("parent", host_origin.to_string()));
    let src = format!("{app_url}{}", route.to_query(&keep));
    let frame_id = "kennzahl-widget";
    let title = title.replace('"', "&quot;").replace('<', "&lt;");
    format!(
        "<iframe id=\"{frame_id}\" src=\"{src}\" title=\"{title}\" width=\"100%\" height=\"640\" \
         style=\"border:0\" loading=\"lazy\"></iframe>\n<script>\n\
         window.addEventListener('message', function (e) {{\n  \
         if (e.origin !== '{app_origin}' || !e.data || e.data.type !== 'kennzahl:height') return;\n  \
         document.getElementById('{frame_id}').height = Math.ceil(e.data.height);\n}});\n</script>"
    )
}

/// A disclosure with the host origin, language and layout options and the generated snippet.
#[component]
pub fn EmbedPanel(
    /// The page to embed, as it is now.
    #[prop(into)]
    route: Signal<Route>,
    /// The widget's accessible title.
    #[prop(into)]
    title: Signal<String>,
) -> impl IntoView {
    let state = use_app();
    let host = RwSignal::new("https://intranet.example.com".to_string());
    let compact = RwSignal::new(false);
    let s = move || tr(state.lang.get());
    let code = move || {
        let origin = browser::origin_of(&host.get());
        match origin {
            Some(o) => snippet(
                &browser::location_base(),
                &browser::own_origin(),
                &route.get(),
                &o,
                state.lang.get(),
                compact.get(),
                &title.get(),
            ),
            None => s().embed_invalid_origin.to_string(),
        }
    };
    view! {
        <details class="embed-panel">
            <summary>{move || s().embed_title}</summary>
            <div class="field">
                <label for="embed-host">{move || s().embed_origin}</label>
                <input id="embed-host" type="url" prop:value=move || host.get() on:input=move |ev| host.set(event_target_value(&ev)) />
                <p class="hint">{move || s().embed_origin_hint}</p>
            </div>
            <label class="check">
                <input type="checkbox" prop:checked=move || compact.get() on:change=move |ev| compact.set(event_target_checked(&ev)) />
                {move || s().embed_compact}
            </label>
            <label for="embed-code" class="embed-code-label">{move || s().embed_code}</label>
            <textarea id="embed-code" readonly rows="9" data-testid="embed-code" prop:value=code></textarea>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_names_the_parent_and_checks_the_origin() {
        let route = Route::Kpi { id: "nps".into(), variant: None, values: Default::default() };
        let s = snippet(
            "https://kpi.example/tools/",
            "https://kpi.example",
            &route,
            "https://intranet.example",
            Lang::En,
            true,
            "NPS <calc>",
        );
        assert!(s.contains("src=\"https://kpi.example/tools/?kpi=nps&embed=1&lang=en&compact=1&parent=https%3A%2F%2Fintranet.example\""));
        assert!(s.contains("e.origin !== 'https://kpi.example'"));
        assert!(s.contains("title=\"NPS &lt;calc>\""));
        assert!(!s.contains("'*'"));
    }
}
