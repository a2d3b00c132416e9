//! A hash that names no screen.

use leptos::prelude::*;

use crate::ui::i18n::ui;
use crate::ui::state::Settings;
use crate::ui::widgets::use_title;

/// "Not found" with a way home.
#[component]
pub fn NotFound() -> impl IntoView {
    let lang = Settings::expect().lang;
    use_title(|l| Some(ui(l).not_found.to_owned()));
    view! {
        <h1 class="page-title">{move || ui(lang.get()).not_found}</h1>
        <p>{move || ui(lang.get()).not_found_text}</p>
        <p><a href="#/">{move || ui(lang.get()).home}</a></p>
    }
}
