//! One course on the home screen.

use leptos::prelude::*;
use quiz_core::CourseSummary;
use quiz_core::Route;
use quiz_core::progress::{CourseProgress, PassState};

use super::RichText;
use crate::ui::i18n::{pass_status, ui};
use crate::ui::state::Settings;

/// A course card: title, description, counts, the learner's best score and
/// pass state, and a start or continue link. Starting is sent up
/// (`on_start`, with the course id): the screen decides how.
#[component]
pub fn CourseCard(
    course: CourseSummary,
    record: Option<CourseProgress>,
    /// Questions known (latest answer right) and questions in the course.
    mastery: (usize, usize),
    /// A course from a trainer's file kept in this browser.
    #[prop(optional)]
    local: bool,
    /// Called with the course id when the learner asks to start.
    on_start: Callback<String>,
    /// Where the learner's pass stands today (validity included).
    pass: PassState,
) -> impl IntoView {
    let lang = Settings::expect().lang;
    let heading_id = format!("course-{}", course.id);
    let best = record.as_ref().and_then(CourseProgress::best);
    let resumable = record.as_ref().and_then(|r| r.active.as_ref()).map(|a| {
        let done = a.items.iter().filter(|i| i.answer.is_some()).count();
        (done, a.items.len())
    });
    let pool = course.question_ids.len();
    let mastery_percent = (mastery.0 * 100).checked_div(mastery.1).unwrap_or(0);
    let per_attempt = course.attempt_len;
    let pass_mark = course.pass_mark;
    let attempt_href = Route::Attempt(course.id.clone()).href();
    let course_href = Route::Course(course.id.clone()).href();
    let status_class = match (best, pass) {
        (None, _) => "status status--none",
        (Some(_), PassState::Valid { .. }) => "status status--pass",
        (Some(_), _) => "status status--fail",
    };
    view! {
        <article class="card course-card" aria-labelledby=heading_id.clone()>
            <h3 class="card__title" id=heading_id.clone()>
                <a href=course_href.clone()>{course.title.clone()}</a>
            </h3>
            {local.then(|| view! { <p class="badge">{move || ui(lang.get()).local_course}</p> })}
            <div class="card__body"><RichText text=course.description.clone() /></div>
            <dl class="facts">
                <div><dt>{move || ui(lang.get()).questions_in_pool}</dt><dd>{pool}</dd></div>
                <div><dt>{move || ui(lang.get()).per_attempt}</dt><dd>{per_attempt}</dd></div>
                <div><dt>{move || ui(lang.get()).pass_mark}</dt><dd>{pass_mark}"%"</dd></div>
                <div>
                    <dt>{move || ui(lang.get()).best_score}</dt>
                    <dd>{best.map_or_else(|| "—".to_owned(), |b| format!("{b}%"))}</dd>
                </div>
            </dl>
            <p class=status_class>
                {move || {
                    let t = ui(lang.get());
                    match (best, pass_status(lang.get(), pass)) {
                        (None, _) => t.not_taken.to_owned(),
                        (Some(_), Some(status)) => status,
                        (Some(_), None) => t.not_passed.to_owned(),
                    }
                }}
            </p>
            <p class="mastery">
                <span>{move || ui(lang.get()).mastery}</span>
                " "<strong>{format!("{} / {} ({}%)", mastery.0, mastery.1, mastery_percent)}</strong>
                <span class="mastery__explain">{move || format!("（{}）", ui(lang.get()).mastery_explain)}</span>
            </p>
            <div class="meter" aria-hidden="true">
                <div class="meter__bar" style:width=format!("{mastery_percent}%")></div>
            </div>
            <div class="card__actions">
                {match resumable {
                    Some((done, of)) => view! {
                        <a class="button button--primary" href=attempt_href>
                            {move || ui(lang.get()).resume}
                            <span class="button__sub">{format!("{done} / {of}")}</span>
                        </a>
                    }.into_any(),
                    None => view! {
                        <button type="button" class="button button--primary"
                            on:click=move |_| on_start.run(course.id.clone())>
                            {move || ui(lang.get()).start}
                        </button>
                    }.into_any(),
                }}
                <a class="button button--secondary" href=course_href>{move || ui(lang.get()).open_course}</a>
            </div>
        </article>
    }
}
