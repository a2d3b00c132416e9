//! The verdict on an answer, the learner's marks beside the right ones,
//! and the sources: shared by the question screen, the review and the
//! results page.

use leptos::prelude::*;
use quiz_core::attempt::Outcome;

use super::RichText;
use crate::ui::i18n::ui;
use crate::ui::state::Settings;

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
    let (verdict, class) = match Outcome::of(&question, &marks) {
        Outcome::Right => (t.correct, "verdict verdict--right"),
        Outcome::PartlyRight => (t.partly_correct, "verdict verdict--partial"),
        Outcome::Wrong => (t.incorrect, "verdict verdict--wrong"),
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
