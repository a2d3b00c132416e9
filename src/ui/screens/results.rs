//! Results of the latest finished attempt: score, pass or fail, time, and
//! every question with the learner's answer, the right one and the why. A
//! retry of the missed questions is shown as practice: it never passes.

use leptos::prelude::*;
use quiz_core::Route;
use quiz_core::attempt::Outcome;

use super::attempt::start_and_open;
use super::not_found::NotFound;
use crate::ui::i18n::{duration, question_number, score_line, ui};
use crate::ui::state::{Catalog, Nav, Settings, Store};
use crate::ui::widgets::{AnswerSummary, RichText, Sources, use_title};

/// The results page of course `id`.
#[component]
pub fn ResultsPage(id: String) -> impl IntoView {
    let Some(course) = Catalog::expect().course(&id) else {
        return view! { <NotFound /> }.into_any();
    };
    let store = Store::expect();
    store.check_courses(std::slice::from_ref(&course));
    let nav = Nav::expect();
    let lang = Settings::expect().lang;
    let title = course.title.clone();
    use_title(move |l| Some(format!("{} — {}", ui(l).results_heading, title)));
    let last = store
        .progress
        .with_untracked(|p| p.course(&id).and_then(|r| r.last.clone()));
    let course_href = Route::Course(course.id.clone()).href();
    let Some(attempt) = last else {
        return view! {
            <p class="breadcrumb"><a href=course_href>{course.title.clone()}</a></p>
            <h1 class="page-title">{move || ui(lang.get()).results_heading}</h1>
            <p>{move || ui(lang.get()).no_results}</p>
        }
        .into_any();
    };
    let score = attempt.score(&course);
    // The core's one rule: only a full attempt at the pass mark completes.
    let full = attempt.is_full_of(&course);
    let completes = attempt.completes(&course);
    let missed = attempt.missed(&course);
    let took = attempt
        .finished_ms
        .unwrap_or(attempt.started_ms)
        .saturating_sub(attempt.started_ms);
    let retry_missed = {
        let course = course.clone();
        let missed = missed.clone();
        move |_| start_and_open(store, nav, &course, Some(missed.clone()))
    };
    let retry_all = {
        let course = course.clone();
        move |_| start_and_open(store, nav, &course, None)
    };
    let items = attempt
        .items
        .iter()
        .enumerate()
        .filter_map(|(n, item)| {
            let q = course.question(&item.question)?.clone();
            let marks = item.answer.clone().unwrap_or_default();
            let right = Outcome::of(&q, &marks).is_right();
            Some(view! {
                <li class="review-item" class:review-item--wrong=!right>
                    <h3>
                        <span class="review-item__mark" aria-hidden="true">{if right { "○" } else { "×" }}</span>
                        {move || {
                            let t = ui(lang.get());
                            format!("{} — {}", question_number(lang.get(), n + 1), if right { t.correct } else { t.incorrect })
                        }}
                    </h3>
                    {q.scenario.clone().map(|s| view! { <div class="scenario"><RichText text=s /></div> })}
                    <div class="prompt"><RichText text=q.prompt.clone() /></div>
                    <AnswerSummary question=q.clone() marks />
                    <div class="review-item__explanation">
                        <h4>{move || ui(lang.get()).explanation}</h4>
                        <RichText text=q.explanation.clone() />
                        <Sources sources=q.sources.clone() />
                    </div>
                </li>
            })
        })
        .collect_view();
    let pass_mark = course.pass_mark;
    let cert_id = course.id.clone();
    view! {
        <p class="breadcrumb"><a href=course_href>{course.title.clone()}</a></p>
        <h1 class="page-title">{move || format!("{} — {}", ui(lang.get()).results_heading, course.title)}</h1>
        <section class="result-summary" class:result-summary--pass=completes class:result-summary--practice=!full aria-label=move || ui(lang.get()).score>
            <p class="result-summary__verdict" id="verdict">{move || {
                let t = ui(lang.get());
                if !full { t.practice } else if completes { t.passed } else { t.not_passed }
            }}</p>
            {(!full).then(|| view! { <p class="result-summary__note" id="practice-note">{move || ui(lang.get()).practice_note}</p> })}
            <dl class="facts">
                <div><dt>{move || ui(lang.get()).score}</dt><dd id="score">{move || score_line(lang.get(), score.percent, pass_mark)}</dd></div>
                <div><dt>{move || ui(lang.get()).time_taken}</dt><dd>{move || duration(lang.get(), took)}</dd></div>
            </dl>
            <div class="actions no-print">
                {(!missed.is_empty()).then(|| view! {
                    <button type="button" class="button button--primary" on:click=retry_missed>{move || ui(lang.get()).retry_missed}</button>
                })}
                {completes.then(|| view! {
                    <a class="button button--secondary" href=Route::Certificate(cert_id.clone()).href()>{move || ui(lang.get()).certificate}</a>
                })}
                <button type="button" class="button button--secondary" on:click=retry_all>{move || ui(lang.get()).retry_course}</button>
                <button type="button" class="button button--ghost" on:click=|_| { let _ = window().print(); }>{move || ui(lang.get()).print}</button>
            </div>
        </section>
        <section aria-labelledby="review-heading">
            <h2 id="review-heading">{move || ui(lang.get()).review_list}</h2>
            <ol class="review-list">{items}</ol>
        </section>
    }
    .into_any()
}
