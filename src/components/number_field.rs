//! One labelled calculator input: text field with unit, hint, what was understood, and the
//! error beside the field.

use leptos::prelude::*;

/// A labelled text input for a number typed in the user's locale.
#[component]
pub fn NumberField(
    /// Element id (also used by the label and test ids).
    id: String,
    /// Visible label.
    #[prop(into)]
    label: Signal<String>,
    /// Unit written after the field (`€`, `%`, `Tage`).
    #[prop(into)]
    unit: Signal<String>,
    /// Hint under the field.
    #[prop(into)]
    hint: Signal<String>,
    /// The text as typed.
    text: RwSignal<String>,
    /// What the app understood, if the text is valid.
    #[prop(into)]
    understood: Signal<Option<String>>,
    /// The error for this field, in the user's language.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// A multi-line field for lists of answers.
    #[prop(optional)]
    multiline: bool,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let msg_id = format!("{id}-msg");
    let described = format!("{hint_id} {msg_id}");
    let input_view = if multiline {
        view! {
            <textarea
                id=id.clone()
                rows="3"
                aria-describedby=described
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                type="text"
                inputmode="decimal"
                autocomplete="off"
                spellcheck="false"
                aria-describedby=described
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            />
        }
        .into_any()
    };
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id.clone()>{move || label.get()}</label>
            <div class="field-row">
                {input_view}
                <span class="unit" aria-hidden="true">{move || unit.get()}</span>
            </div>
            <p class="hint" id=hint_id>{move || hint.get()}</p>
            <p class="field-msg" id=msg_id data-testid=format!("msg-{id}")>
                {move || match (error.get(), understood.get()) {
                    (Some(e), _) => view! { <span class="error" role="alert">{e}</span> }.into_any(),
                    (None, Some(u)) => view! { <span class="understood">{u}</span> }.into_any(),
                    (None, None) => ().into_any(),
                }}
            </p>
        </div>
    }
}
