//! Taking a quiz: one question at a time, immediate feedback, saved after
//! every answer so a reload resumes exactly here.

use std::sync::Arc;

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use quiz_core::attempt::{Attempt, grade};
use quiz_core::{Course, Kind, Route};

use super::not_found::NotFound;
use crate::ui::i18n::{question_counter, ui};
use crate::ui::state::{Catalog, Nav, Settings, Store, fresh_seed, now_ms, today};
use crate::ui::widgets::{RichText, focus_id, use_title};

/// Starts a fresh attempt of `course` and opens it. The one place a new
/// attempt begins, so a reload never starts one by accident.
/// Contexts are read when the component is built (event handlers run
/// outside any owner), so callers pass them in.
pub fn start_attempt(store: Store, nav: Nav, course: &Course, only: Option<Vec<String>>) {
    let attempt = match only {
        Some(ids) => Attempt::retry(course, &ids, fresh_seed(), now_ms()),
        None => Attempt::start(course, fresh_seed(), now_ms()),
    };
    store.progress.update(|p| p.save_attempt(course, attempt));
    nav.go(&Route::Attempt(course.id.clone()));
}

/// The attempt in progress for course `id`. Without one, a finished
/// attempt's results are shown instead (e.g. after a reload on the last
/// question), and a first visit starts one.
#[component]
pub fn AttemptPage(id: String) -> impl IntoView {
    let Some(course) = Catalog::expect().course(&id) else {
        return view! { <NotFound /> }.into_any();
    };
    let store = Store::expect();
    let record = store.progress.with_untracked(|p| p.course(&id).cloned());
    if let Some(attempt) = record.as_ref().and_then(|r| r.active.clone()) {
        return course_quiz(course, attempt);
    }
    if record.is_some_and(|r| r.last.is_some()) {
        Nav::expect().replace(&Route::Results(id));
        return ().into_any();
    }
    let attempt = Attempt::start(&course, fresh_seed(), now_ms());
    store
        .progress
        .update(|p| p.save_attempt(&course, attempt.clone()));
    course_quiz(course, attempt)
}

fn course_quiz(course: Course, attempt: Attempt) -> AnyView {
    let nav = Nav::expect();
    let id = course.id.clone();
    let on_finish = Callback::new(move |_| nav.replace(&Route::Results(id.clone())));
    view! { <Quiz course=Arc::new(course) attempt mode=Mode::Course on_finish /> }.into_any()
}

/// Where an attempt's answers are kept.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A course attempt: kept per course, finished ones go to the history.
    Course,
    /// Today's review across courses: kept as the review session.
    Review,
}

/// The question screen over one attempt. Every answer is saved at once:
/// on the attempt (course or review) and on the question's review card.
#[component]
pub fn Quiz(
    course: Arc<Course>,
    attempt: Attempt,
    mode: Mode,
    /// Called when the learner moves on from the last question.
    on_finish: Callback<()>,
) -> impl IntoView {
    let store = Store::expect();
    let lang = Settings::expect().lang;
    let total = attempt.items.len();
    let viewing = RwSignal::new(attempt.current().unwrap_or(0));
    let attempt = RwSignal::new(attempt);
    // Marks for the question on screen, as choice indexes in the file.
    let selected = RwSignal::new(Vec::<usize>::new());
    let title = course.title.clone();
    let course_title = course.title.clone();
    let course_href = match mode {
        Mode::Course => Route::Course(course.id.clone()).href(),
        Mode::Review => Route::Home.href(),
    };
    use_title(move |l| {
        Some(format!(
            "{} — {}",
            question_counter(l, viewing.get() + 1, total),
            title
        ))
    });

    let submit = {
        let course = course.clone();
        move |marks: Vec<usize>| {
            if marks.is_empty() {
                return;
            }
            let index = viewing.get_untracked();
            let now = now_ms();
            let question = attempt.with_untracked(|a| a.items[index].question.clone());
            attempt.update(|a| a.answer(index, marks.clone(), now));
            let snapshot = attempt.get_untracked();
            store.progress.update(|p| {
                p.record_answer(&course, &question, &marks, today(), now);
                match mode {
                    Mode::Course => p.save_attempt(&course, snapshot),
                    Mode::Review => p.review = Some(snapshot),
                }
            });
            focus_id("answer-result");
        }
    };
    let next = move || {
        let index = viewing.get_untracked();
        if attempt.with_untracked(|a| a.items[index].answer.is_none()) {
            return;
        }
        if index + 1 >= total {
            on_finish.run(());
            return;
        }
        selected.set(Vec::new());
        viewing.set(index + 1);
        focus_id("question-heading");
    };

    // Number keys pick a choice; Enter answers or moves on. Buttons, links
    // and text fields keep their own Enter.
    let kind_of = {
        let course = course.clone();
        move |index: usize| {
            let qid = attempt.with_untracked(|a| a.items[index].question.clone());
            course.question(&qid).map(|q| q.kind.clone())
        }
    };
    let on_key = {
        let submit = submit.clone();

        move |ev: KeyboardEvent| {
            if ev.ctrl_key() || ev.alt_key() || ev.meta_key() {
                return;
            }
            let index = viewing.get_untracked();
            let answered = attempt.with_untracked(|a| a.items[index].answer.is_some());
            let key = ev.key();
            if let Some(d) = key.parse::<usize>().ok().filter(|d| (1..=9).contains(d)) {
                if answered {
                    return;
                }
                let order = attempt.with_untracked(|a| a.items[index].order.clone());
                let Some(&choice) = order.get(d - 1) else {
                    return;
                };
                match kind_of(index) {
                    Some(Kind::Multiple { .. }) => selected.update(|s| {
                        if let Some(at) = s.iter().position(|c| *c == choice) {
                            s.remove(at);
                        } else {
                            s.push(choice);
                        }
                    }),
                    Some(_) => selected.set(vec![choice]),
                    None => return,
                }
                ev.prevent_default();
                focus_id(&format!("choice-{}", d - 1));
                return;
            }
            if key != "Enter" {
                return;
            }
            let on_control = ev
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                .is_some_and(|el| matches!(el.tag_name().as_str(), "BUTTON" | "A" | "TEXTAREA"));
            if on_control {
                return;
            }
            ev.prevent_default();
            if answered {
                next();
            } else {
                submit(selected.get_untracked());
            }
        }
    };
    let handle = window_event_listener(leptos::ev::keydown, on_key);
    on_cleanup(move || handle.remove());

    let question_view = move || {
        let index = viewing.get();
        let item = attempt.with(|a| a.items[index].clone());
        let Some(q) = course.question(&item.question).cloned() else {
            return ().into_any();
        };
        let t = ui(lang.get());
        let labels = q.choice_labels();
        let correct = q.correct();
        let answered = item.answer.clone();
        let is_answered = answered.is_some();
        let submit_marks = submit.clone();
        let choices = item
            .order
            .iter()
            .enumerate()
            .map(|(pos, &choice)| {
                let label = labels[choice].clone();
                let input_id = format!("choice-{pos}");
                let key = pos + 1;
                match &q.kind {
                    Kind::TrueFalse { .. } => {
                        let submit = submit_marks.clone();
                        let chosen = answered.as_ref().is_some_and(|a| a.contains(&choice));
                        view! {
                            <button type="button" id=input_id class="tf-button" data-choice=choice
                                class:tf-button--chosen=chosen
                                aria-pressed=move || if chosen { "true" } else { "false" }
                                disabled=is_answered
                                on:click=move |_| submit(vec![choice])>
                                <span class="tf-button__mark" aria-hidden="true">{if choice == 0 { "○" } else { "×" }}</span>
                                <span class="tf-button__label">{if choice == 0 { t.true_label } else { t.false_label }}</span>
                                <span class="choice__key" aria-hidden="true">{key}</span>
                            </button>
                        }
                        .into_any()
                    }
                    kind => {
                        let multiple = matches!(kind, Kind::Multiple { .. });
                        let checked = move || {
                            answered_marks(attempt, index).map_or_else(
                                || selected.with(|s| s.contains(&choice)),
                                |a| a.contains(&choice),
                            )
                        };
                        let on_change = move |_| {
                            if multiple {
                                selected.update(|s| {
                                    if let Some(at) = s.iter().position(|c| *c == choice) {
                                        s.remove(at);
                                    } else {
                                        s.push(choice);
                                    }
                                })
                            } else {
                                selected.set(vec![choice]);
                            }
                        };
                        let label_for = input_id.clone();
                        // After answering, the right choices are marked; a wrong
                        // mark is flagged too (with words, not colour alone).
                        let is_right = correct.contains(&choice);
                        let was_marked = answered.as_ref().is_some_and(|a| a.contains(&choice));
                        let outcome = match (is_answered, is_right, was_marked) {
                            (false, _, _) => "",
                            (true, true, _) => t.correct_answer,
                            (true, false, true) => t.your_wrong_mark,
                            (true, false, false) => "",
                        };
                        view! {
                            <label class="choice" for=label_for
                                class:choice--right=is_answered && is_right
                                class:choice--wrong=is_answered && !is_right && was_marked>
                                <input id=input_id type=if multiple { "checkbox" } else { "radio" }
                                    name="choice" value=choice.to_string() data-choice=choice
                                    prop:checked=checked
                                    disabled=is_answered
                                    on:change=on_change />
                                <span class="choice__key" aria-hidden="true">{key}</span>
                                <span class="choice__text">
                                    {(!outcome.is_empty()).then(|| view! { <span class="choice__outcome">{outcome}</span> })}
                                    <RichText text=label inline=true />
                                </span>
                            </label>
                        }
                        .into_any()
                    }
                }
            })
            .collect_view();
        let hint = match q.kind {
            Kind::Multiple { .. } => t.choose_all,
            _ => t.choose_one,
        };
        let is_tf = matches!(q.kind, Kind::TrueFalse { .. });
        let submit_form = submit.clone();
        let feedback = answered.map(|marks| {
            let q = q.clone();

            let last = index + 1 >= total;
            view! { <Feedback question=q marks on_next=Callback::new(move |_| next()) last /> }
        });
        view! {
            <form class="question" data-question=q.id.clone() on:submit=move |ev| {
                ev.prevent_default();
                submit_form(selected.get_untracked());
            }>
                {q.scenario.clone().map(|s| view! {
                    <section class="scenario" aria-label=t.scenario>
                        <p class="scenario__label" aria-hidden="true">{t.scenario}</p>
                        <RichText text=s />
                    </section>
                })}
                <div class="prompt" id="prompt"><RichText text=q.prompt.clone() /></div>
                <fieldset class="choices" class:choices--tf=is_tf aria-describedby="prompt">
                    <legend class="choices__hint">{hint}</legend>
                    {choices}
                </fieldset>
                {(!is_tf && !is_answered).then(|| view! {
                    <div class="actions">
                        <button type="submit" class="button button--primary"
                            disabled=move || selected.with(Vec::is_empty)>{t.answer}</button>
                        <p class="keys-hint">{t.keys_hint}</p>
                    </div>
                })}
            </form>
            {feedback}
        }
        .into_any()
    };

    view! {
        <p class="breadcrumb"><a href=course_href>{course_title.clone()}</a></p>
        <h1 class="page-title page-title--small">{course_title.clone()}</h1>
        <div class="progress">
            <h2 id="question-heading" class="progress__label" tabindex="-1">
                {move || question_counter(lang.get(), viewing.get() + 1, total)}
            </h2>
            <progress max=total value=move || viewing.get() + usize::from(answered_marks(attempt, viewing.get()).is_some())
                aria-label=move || question_counter(lang.get(), viewing.get() + 1, total)></progress>
        </div>
        {question_view}
    }
}

fn answered_marks(attempt: RwSignal<Attempt>, index: usize) -> Option<Vec<usize>> {
    attempt.with(|a| a.items.get(index).and_then(|i| i.answer.clone()))
}

/// Whether the answer was right, the right answer, feedback, explanation
/// and sources; the verdict is announced to screen readers.
#[component]
pub fn Feedback(
    question: quiz_core::Question,
    marks: Vec<usize>,
    /// Called when the learner moves on.
    on_next: Callback<()>,
    last: bool,
) -> impl IntoView {
    let lang = Settings::expect().lang;
    let t = ui(lang.get_untracked());
    let points = grade(&question, &marks);
    let (verdict, class) = if points >= 1.0 {
        (t.correct, "verdict verdict--right")
    } else if points > 0.0 {
        (t.partly_correct, "verdict verdict--partial")
    } else {
        (t.incorrect, "verdict verdict--wrong")
    };
    view! {
        <section class="feedback" aria-labelledby="answer-result">
            <h2 id="answer-result" class=class tabindex="-1" aria-live="polite">{verdict}</h2>
            <AnswerSummary question=question.clone() marks=marks.clone() />
            <h3>{t.explanation}</h3>
            <RichText text=question.explanation.clone() />
            <Sources sources=question.sources.clone() />
            <div class="actions">
                <button type="button" class="button button--primary" id="next-button"
                    on:click=move |_| on_next.run(())>
                    {if last { t.see_results } else { t.next }}
                </button>
            </div>
        </section>
    }
}

/// The learner's marks beside the right answer, with per-choice feedback.
#[component]
pub fn AnswerSummary(question: quiz_core::Question, marks: Vec<usize>) -> impl IntoView {
    let lang = Settings::expect().lang;
    let t = ui(lang.get_untracked());
    let labels = question.choice_labels();
    let correct = question.correct();
    let list = |indexes: &[usize]| -> String {
        if indexes.is_empty() {
            return t.no_answer.to_owned();
        }
        indexes
            .iter()
            .filter_map(|i| labels.get(*i).map(|l| l.to_plain()))
            .collect::<Vec<_>>()
            .join(" / ")
    };
    let notes: Vec<_> = marks
        .iter()
        .chain(correct.iter().filter(|c| !marks.contains(c)))
        .filter_map(|i| {
            let note = question.feedback_for(*i)?.clone();
            Some((labels.get(*i)?.to_plain(), note))
        })
        .collect();
    view! {
        <dl class="answer-summary">
            <div><dt>{t.your_answer}</dt><dd>{list(&marks)}</dd></div>
            <div><dt>{t.correct_answer}</dt><dd>{list(&correct)}</dd></div>
        </dl>
        {(!notes.is_empty()).then(|| view! {
            <ul class="choice-notes">
                {notes.into_iter().map(|(label, note)| view! {
                    <li><strong>{label}</strong><RichText text=note /></li>
                }).collect_view()}
            </ul>
        })}
    }
}

/// The question's sources as a list.
#[component]
pub fn Sources(sources: Vec<String>) -> impl IntoView {
    let lang = Settings::expect().lang;
    let t = ui(lang.get_untracked());
    view! {
        <p class="sources-label">{t.sources}</p>
        <ul class="sources">{sources.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
    }
}
