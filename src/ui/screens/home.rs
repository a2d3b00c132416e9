//! Home: every course as a card.

use leptos::prelude::*;

use quiz_core::Route;

use super::attempt::start_and_open;
use crate::ui::i18n::ui;
use crate::ui::state::clock::utc_offset_minutes;
use crate::ui::state::{Catalog, Nav, Settings, Store, today};
use crate::ui::widgets::{CourseCard, use_title};
use quiz_core::progress::PassState;

/// Fetches the course if need be, then starts an attempt. If the course
/// cannot be fetched, its page says why and offers to try again.
fn start_when_loaded(catalog: Catalog, store: Store, nav: Nav, id: String) {
    leptos::task::spawn_local(async move {
        let loaded = catalog.load(std::slice::from_ref(&id)).await;
        match catalog.course(&id) {
            Some(course) if loaded.is_ok() => start_and_open(store, nav, &course, None),
            _ => nav.go(&Route::Course(id)),
        }
    });
}

/// The course list.
#[component]
pub fn Home() -> impl IntoView {
    let catalog = Catalog::expect();
    catalog.start_checks();
    let store = Store::expect();
    let lang = Settings::expect().lang;
    use_title(|_| None);
    let review_catalog = catalog.clone();
    let nav = Nav::expect();
    let on_start = {
        let catalog = catalog.clone();
        Callback::new(move |id: String| start_when_loaded(catalog.clone(), store, nav, id))
    };
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
                            let pass = record.as_ref().map_or(PassState::NotPassed, |r| {
                                r.pass_state(c.pass_valid_days, today(), utc_offset_minutes())
                            });
                            let mastery = progress.mastery(&c.question_ids);
                            let local = catalog.is_local(&c.id);
                            view! { <CourseCard course=c record mastery local on_start pass /> }
                        })
                        .collect_view()
                }}
            </div>
        </section>
    }
}
