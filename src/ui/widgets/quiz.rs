//! The question screen over one attempt: a widget, shared by a course
//! attempt and today's review, that renders the attempt and sends every
//! answer up.

use std::sync::Arc;

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use quiz_core::attempt::{Attempt, Item};
use quiz_core::{Course, Kind};

use super::{Feedback, RichText, focus_id, use_title};
use crate::ui::i18n::{question_counter, ui};
use crate::ui::state::{Settings, now_ms};

/// One answer, as the quiz sends it up to be saved.
#[derive(Clone, Debug)]
pub struct Answered {
    /// The question's id.
    pub question: String,
    /// The marks, as choice indexes in the file.
    pub marks: Vec<usize>,
    /// The attempt with the answer recorded.
    pub attempt: Attempt,
    /// When it was answered.
    pub at_ms: u64,
}

/// The questions of one attempt, one at a time, with immediate feedback.
/// Every answer is sent up at once (`on_answer`), so the screen can save it
/// before the learner moves on.
#[component]
pub fn Quiz(
    course: Arc<Course>,
    attempt: Attempt,
    /// Where the breadcrumb leads.
    back_href: String,
    /// Called with every answer.
    on_answer: Callback<Answered>,
    /// Called when the learner moves on from the last question.
    on_finish: Callback<()>,
) -> impl IntoView {
    let lang = Settings::expect().lang;
    let total = attempt.items.len();
    let viewing = RwSignal::new(attempt.current().unwrap_or(0));
    let attempt = RwSignal::new(attempt);
    // Marks for the question on screen, as choice indexes in the file.
    let selected = RwSignal::new(Vec::<usize>::new());
    let title = course.title.clone();
    let course_title = course.title.clone();
    use_title(move |l| {
        Some(format!(
            "{} — {}",
            question_counter(l, viewing.get() + 1, total),
            title
        ))
    });

    let submit = {
        move |marks: Vec<usize>| {
            if marks.is_empty() {
                return;
            }
            let index = viewing.get_untracked();
            let Some(question) = item_at(attempt, index).map(|i| i.question) else {
                return;
            };
            let at_ms = now_ms();
            attempt.update(|a| a.answer(index, marks.clone(), at_ms));
            on_answer.run(Answered {
                question,
                marks,
                attempt: attempt.get_untracked(),
                at_ms,
            });
            focus_id("answer-result");
        }
    };
    let next = move || {
        let index = viewing.get_untracked();
        if answered_marks_untracked(attempt, index).is_none() {
            return;
        }
        // The next question not answered yet: in order, except after a
        // question revised since it was answered was asked again.
        let Some(next) = attempt.with_untracked(|a| a.current()) else {
            on_finish.run(());
            return;
        };
        selected.set(Vec::new());
        viewing.set(next);
        focus_id("question-heading");
    };

    // Number keys pick a choice; Enter answers or moves on. Buttons, links
    // and text fields keep their own Enter.
    let kind_of = {
        let course = course.clone();
        move |index: usize| {
            let qid = item_at(attempt, index)?.question;
            course.question(&qid).map(|q| q.kind.clone())
        }
    };
    let on_key = {
        move |ev: KeyboardEvent| {
            if ev.ctrl_key() || ev.alt_key() || ev.meta_key() {
                return;
            }
            let index = viewing.get_untracked();
            let answered = answered_marks_untracked(attempt, index).is_some();
            let key = ev.key();
            if let Some(d) = key.parse::<usize>().ok().filter(|d| (1..=9).contains(d)) {
                if answered {
                    return;
                }
                let order = item_at(attempt, index).map(|i| i.order).unwrap_or_default();
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
        let Some(item) = attempt.with(|a| a.items.get(index).cloned()) else {
            return ().into_any();
        };
        let Some(q) = course.question(&item.question).cloned() else {
            return ().into_any();
        };
        let t = ui(lang.get());
        let labels = q.choice_labels();
        let correct = q.correct();
        let answered = item.answer.clone();
        let is_answered = answered.is_some();
        let submit_marks = submit;
        let choices = item
            .order
            .iter()
            .enumerate()
            .map(|(pos, &choice)| {
                let label = labels.get(choice).cloned().unwrap_or_default();
                let input_id = format!("choice-{pos}");
                let key = pos + 1;
                match &q.kind {
                    Kind::TrueFalse { .. } => {
                        let submit = submit_marks;
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
        let submit_form = submit;
        let feedback = answered.map(|marks| {
            let q = q.clone();

            // Last when nothing is left unanswered (not always the last
            // index: see `next`).
            let last = attempt.with_untracked(|a| a.current()).is_none();
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
        <p class="breadcrumb"><a href=back_href>{course_title.clone()}</a></p>
        <h1 class="page-title page-title--small">{course_title.clone()}</h1>
        <div class="progress">
            <h2 id="question-heading" class="progress__label" tabindex="-1">
                {move || question_counter(lang.get(), viewing.get() + 1, total)}
            </h2>
            <progress max=total value=move || attempt.with(|a| a.items.iter().filter(|i| i.answer.is_some()).count())
                aria-label=move || question_counter(lang.get(), viewing.get() + 1, total)></progress>
        </div>
        {question_view}
    }
}

fn answered_marks(attempt: RwSignal<Attempt>, index: usize) -> Option<Vec<usize>> {
    attempt.with(|a| a.items.get(index).and_then(|i| i.answer.clone()))
}

fn answered_marks_untracked(attempt: RwSignal<Attempt>, index: usize) -> Option<Vec<usize>> {
    attempt.with_untracked(|a| a.items.get(index).and_then(|i| i.answer.clone()))
}

fn item_at(attempt: RwSignal<Attempt>, index: usize) -> Option<Item> {
    attempt.with_untracked(|a| a.items.get(index).cloned())
}
