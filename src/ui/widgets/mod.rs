//! Small reusable pieces: they render what they are given and send events
//! up through callback props.

mod course_card;
mod rich_text;

pub use course_card::CourseCard;
pub use rich_text::RichText;

use leptos::prelude::*;
use quiz_core::Lang;

use super::i18n::{page_title, ui};
use super::state::{Settings, Store};
use crate::storage::StorageError;

/// Moves focus to the main region (the skip link).
pub fn focus_main() {
    focus_id("main");
}

/// Keeps `document.title` in step with the screen and language.
pub fn use_title(screen: impl Fn(Lang) -> Option<String> + 'static) {
    let lang = Settings::expect().lang;
    Effect::new(move |_| {
        let l = lang.get();
        document().set_title(&page_title(l, screen(l).as_deref()));
    });
}

/// The 日本語 / English switch in the header.
#[component]
pub fn LangToggle() -> impl IntoView {
    let lang = Settings::expect().lang;
    let flip = move |_| {
        lang.update(|l| {
            *l = match l {
                Lang::Ja => Lang::En,
                Lang::En => Lang::Ja,
            }
        })
    };
    view! {
        <button type="button" class="button button--ghost lang-toggle"
            lang=move || if lang.get() == Lang::Ja { "en" } else { "ja" }
            aria-label=move || ui(lang.get()).switch_lang_label
            on:click=flip>
            {move || ui(lang.get()).switch_lang}
        </button>
    }
}

/// Tells the learner, in plain words, when progress cannot be saved.
#[component]
pub fn StorageNotice() -> impl IntoView {
    let store = Store::expect();
    let lang = Settings::expect().lang;
    move || {
        let t = ui(lang.get());
        store.problem.get().map(|p| {
            let text = match p {
                StorageError::Unavailable => t.storage_unavailable,
                StorageError::WriteRefused(_) => t.storage_refused,
                StorageError::Corrupt { backed_up: true } => t.storage_corrupt,
                StorageError::Corrupt { backed_up: false } => t.storage_corrupt_unsaved,
            };
            view! { <div class="notice notice--warning" role="alert">{text}</div> }
        })
    }
}

/// Focuses the element with this id once the pending render has landed.
pub fn focus_id(id: &str) {
    let id = id.to_owned();
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id)
            && let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el)
        {
            let _ = el.focus();
        }
    });
}
