//! A course's overview: what it covers, its rules, the learner's history.

use leptos::prelude::*;
use quiz_core::Route;

use super::attempt::start_and_open;
use super::not_found::NotFound;
use crate::ui::i18n::{pass_status, score_line, ui, valid_days};
use crate::ui::state::clock::{local_time, utc_offset_minutes};
use crate::ui::state::today;
use crate::ui::state::{Catalog, Nav, Settings, Store};
use crate::ui::widgets::{RichText, ScoreChart, use_title};

/// The overview of course `id`.
#[component]
pub fn CoursePage(id: String) -> impl IntoView {
    let Some(course) = Catalog::expect().course(&id) else {
        return view! { <NotFound /> }.into_any();
    };
    let lang = Settings::expect().lang;
    let store = Store::expect();
    let nav = Nav::expect();
    let title = course.title.clone();
    use_title(move |_| Some(title.clone()));
    let record = Memo::new(move |_| store.progress.with(|p| p.course(&id).cloned()));
    let start_course = course.clone();
    let restart = {
        let course = course.clone();
        move |_| start_and_open(store, nav, &course, None)
    };
    let attempt_href = Route::Attempt(course.id.clone()).href();
    let pass_mark = course.pass_mark;
    let valid_for = course.pass_valid_days;
    let cert_id = course.id.clone();
    view! {
        <p class="breadcrumb"><a href="#/">{move || ui(lang.get()).home}</a></p>
        <h1 class="page-title">{course.title.clone()}</h1>
        <RichText text=course.description.clone() />
        <dl class="facts">
            <div><dt>{move || ui(lang.get()).policy}</dt><dd>{course.policy.clone()}</dd></div>
            <div><dt>{move || ui(lang.get()).questions_in_pool}</dt><dd>{course.questions.len()}</dd></div>
            <div><dt>{move || ui(lang.get()).per_attempt}</dt><dd>{course.attempt_len()}</dd></div>
            <div><dt>{move || ui(lang.get()).pass_mark}</dt><dd>{pass_mark}"%"</dd></div>
            {course.pass_valid_days.map(|days| view! {
                <div><dt>{move || ui(lang.get()).pass_valid_for}</dt><dd>{move || valid_days(lang.get(), days)}</dd></div>
            })}
        </dl>
        {move || {
            let state = record.get()?.pass_state(valid_for, today(), utc_offset_minutes());
            let status = pass_status(lang.get(), state)?;
            let class = if state.is_valid() { "status status--pass" } else { "status status--fail" };
            Some(view! { <p class=class id="pass-status">{status}</p> })
        }}
        <div class="actions">
            {move || {
                let t = ui(lang.get());
                let active = record.get().is_some_and(|r| r.active.is_some());
                if active {
                    view! {
                        <a class="button button--primary" href=attempt_href.clone()>{t.resume}</a>
                        <button type="button" class="button button--secondary" on:click=restart.clone()>{t.restart}</button>
                    }.into_any()
                } else {
                    let course = start_course.clone();
                    view! {
                        <button type="button" class="button button--primary"
                            on:click=move |_| start_and_open(store, nav, &course, None)>{t.start}</button>
                    }.into_any()
                }
            }}
        </div>
        {move || {
            let t = ui(lang.get());
            let l = lang.get();
            let r_id = cert_id.clone();
            record.get().filter(|r| !r.history.is_empty()).map(|r| view! {
                <section aria-labelledby="history-heading">
                    <h2 id="history-heading">{t.history}</h2>
                    <p>{format!("{}: {}", t.attempts, r.full_attempts().count())}</p>
                    <ScoreChart history={r.full_attempts().copied().collect::<Vec<_>>()} pass_mark />
                    {r.passed().then(|| view! {
                        <p><a class="button button--secondary" href=Route::Certificate(r_id.clone()).href()>{t.certificate}</a></p>
                    })}
                    <ol class="history">
                        {r.history.iter().rev().map(|f| {
                            let when = local_time(l, f.at_ms);
                            let state = if !f.is_full() {
                                t.practice
                            } else if f.passed {
                                t.passed
                            } else {
                                t.not_passed
                            };
                            view! { <li>{format!("{when} — {} — {state}", score_line(l, f.percent, pass_mark))}</li> }
                        }).collect_view()}
                    </ol>
                </section>
            })
        }}
    }
    .into_any()
}
