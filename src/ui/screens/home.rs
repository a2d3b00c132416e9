//! Home: every course as a card.

use leptos::prelude::*;

use crate::ui::i18n::ui;
use crate::ui::state::{Catalog, Settings, Store};
use crate::ui::widgets::{CourseCard, use_title};

/// The course list.
#[component]
pub fn Home() -> impl IntoView {
    let catalog = Catalog::expect();
    let store = Store::expect();
    let lang = Settings::expect().lang;
    use_title(|_| None);
    let courses = catalog.0.clone();
    view! {
        <h1 class="page-title">{move || ui(lang.get()).app_name}</h1>
        <section aria-labelledby="courses-heading">
            <h2 id="courses-heading">{move || ui(lang.get()).courses_heading}</h2>
            <div class="card-grid">
                {move || {
                    let progress = store.progress.get();
                    courses
                        .iter()
                        .map(|c| {
                            let record = progress.course(&c.id).cloned();
                            view! { <CourseCard course=c.clone() record /> }
                        })
                        .collect_view()
                }}
            </div>
        </section>
    }
}
