//! An in-app link: a real `<a href>` (open in new tab, copy link work) that navigates
//! without reloading the page.

use crate::{route::Route, state::use_app};
use leptos::prelude::*;

/// Link to `route`; `class` and children as for `<a>`.
#[component]
pub fn Link(
    /// Where it leads.
    route: Route,
    /// CSS class.
    #[prop(optional, into)]
    class: String,
    /// Link content.
    children: Children,
) -> impl IntoView {
    let state = use_app();
    let href = route.to_query(&state.keep_pairs());
    view! {
        <a
            href=href
            class=class
            on:click=move |ev: leptos::ev::MouseEvent| {
                // Let the browser handle new-tab and download gestures itself.
                if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
                    return;
                }
                ev.prevent_default();
                state.navigate(route.clone());
            }
        >
            {children()}
        </a>
    }
}
