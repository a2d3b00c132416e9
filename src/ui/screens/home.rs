//! Home: every course as a card.

use leptos::prelude::*;

use crate::ui::i18n::ui;
use quiz_core::Route;

use crate::ui::state::{Catalog, Settings, Store, today};
use crate::ui::widgets::{CourseCard, use_title};

/// The course list.
#[component]
pub fn Home() -> impl IntoView {
    let catalog = Catalog::expect();
    let store = Store::expect();
    let lang = Settings::expect().lang;
    use_title(|_| None);
    let review_catalog = catalog.clone();
    view! {
        <h1 class="page-title">{move || ui(lang.get()).app_name}</h1>
        <section class="review-card" aria-labelledby="review-heading">
            <h2 id="review-heading">{move || ui(lang.get()).review_heading}</h2>
            {move || {
                let t = ui(lang.get());
                let courses = review_catalog.summaries();
                let ids = courses.iter().flat_map(|c| c.question_ids.iter());
                let due = store.progress.with(|p| p.due(ids, today()).len());
                if due == 0 {
                    view! { <p>{t.review_none}</p> }.into_any()
                } else {
                    view! {
                        <p class="review-card__count">{format!("{}: {due}", t.review_due)}</p>
                        <a class="button button--primary" href=Route::Review.href()>{t.review_start}</a>
                    }.into_any()
                }
            }}
        </section>
        <section aria-labelledby="courses-heading">
            <h2 id="courses-heading">{move || ui(lang.get()).courses_heading}</h2>
            <div class="card-grid">
                {move || {
                    let progress = store.progress.get();
                    catalog
                        .summaries()
                        .into_iter()
                        .map(|c| {
                            let record = progress.course(&c.id).cloned();
                            let mastery = progress.mastery(&c.question_ids);
                            let local = catalog.is_local(&c.id);
                            view! { <CourseCard course=c record mastery local /> }
                        })
                        .collect_view()
                }}
            </div>
        </section>
    }
}
