//! One question of the form editor: its kind, texts, choices with the
//! right ones marked, feedback, sources and the rest, each field with its
//! problems; moving and removing it; and a preview as learners see it.

use leptos::prelude::*;
use quiz_core::Text;
use quiz_core::editor::{DraftKind, Field, MAX_FORM_CHOICES, QuestionDraft, QuestionField as Q};

use super::editor::{Ed, field_problems, text_field};
use crate::ui::i18n::{EditorUi, ui};
use crate::ui::widgets::{RichText, Sources, focus_id};

/// The question's index in the draft (it changes when questions move).
fn index_of(d: &quiz_core::editor::Draft, id: &str) -> Option<usize> {
    d.questions.iter().position(|q| q.id == id)
}

/// One question's card, found in the draft by its id.
#[component]
pub fn QuestionCard(id: String) -> impl IntoView {
    let ed = Ed::expect();
    let base = format!("ed-q-{id}");
    let qid = StoredValue::new(id.clone());
    let with_q = move |f: &dyn Fn(&QuestionDraft) -> String| -> String {
        ed.draft
            .with(|d| {
                d.as_ref().and_then(|d| {
                    qid.with_value(|id| d.questions.iter().find(|q| q.id == *id).map(f))
                })
            })
            .unwrap_or_default()
    };
    let edit_q = move |change: &dyn Fn(&mut QuestionDraft)| {
        ed.edit(|d| {
            qid.with_value(|id| {
                if let Some(q) = d.questions.iter_mut().find(|q| q.id == *id) {
                    change(q);
                }
            });
        });
    };
    let index = Memo::new(move |_| {
        ed.draft.with(|d| {
            d.as_ref()
                .and_then(|d| qid.with_value(|id| index_of(d, id)))
        })
    });
    let kind = Memo::new(move |_| {
        ed.draft.with(|d| {
            d.as_ref()
                .and_then(|d| {
                    qid.with_value(|id| d.questions.iter().find(|q| q.id == *id).map(|q| q.kind))
                })
                .unwrap_or_default()
        })
    });
    let count = Memo::new(move |_| {
        ed.draft.with(|d| {
            d.as_ref()
                .and_then(|d| {
                    qid.with_value(|id| {
                        d.questions
                            .iter()
                            .find(|q| q.id == *id)
                            .map(|q| q.choices.len())
                    })
                })
                .unwrap_or_default()
        })
    });
    let field = move |f: Q| {
        move |d: &quiz_core::editor::Draft| {
            qid.with_value(|id| index_of(d, id))
                .map(|i| Field::Question(i, f))
        }
    };
    // A text field of this question: `get`/`set` work on the question.
    let text = move |suffix: &str,
                     label: fn(&'static EditorUi) -> String,
                     hint: Option<fn(&'static EditorUi) -> &'static str>,
                     lines: u32,
                     get: fn(&QuestionDraft) -> String,
                     set: fn(&mut QuestionDraft, String),
                     f: Q| {
        text_field(
            ed,
            format!("ed-q-{}-{suffix}", qid.get_value()),
            label,
            hint,
            lines,
            move |d| qid.with_value(|id| d.questions.iter().find(|q| q.id == *id).map(get)),
            move |d, v| {
                qid.with_value(|id| {
                    if let Some(q) = d.questions.iter_mut().find(|q| q.id == *id) {
                        set(q, v);
                    }
                });
            },
            field(f),
        )
    };
    let heading = move || {
        let n = index.get().map_or(0, |i| i + 1);
        EditorUi::n(ed.t().question_n, n)
    };
    let kind_select = {
        let kind_id = format!("{base}-kind");
        let problems_id = format!("{base}-kind-problems");
        view! {
            <div class="editor-field">
                <label for=kind_id.clone()>{move || ed.t().kind}</label>
                <select id=kind_id aria-describedby=problems_id.clone()
                    prop:value=move || match kind.get() {
                        DraftKind::Single => "single",
                        DraftKind::Multiple => "multiple",
                        DraftKind::TrueFalse => "truefalse",
                    }
                    on:change=move |ev| {
                        let k = match event_target_value(&ev).as_str() {
                            "multiple" => DraftKind::Multiple,
                            "truefalse" => DraftKind::TrueFalse,
                            _ => DraftKind::Single,
                        };
                        edit_q(&|q| {
                            q.kind = k;
                            // One right choice is all a single question keeps.
                            if k == DraftKind::Single {
                                q.right.truncate(1);
                            }
                            // A choice question needs choices to be written.
                            if k != DraftKind::TrueFalse && q.choices.is_empty() {
                                for _ in 0..4 {
                                    q.add_choice();
                                }
                            }
                        });
                    }>
                    <option value="single">{move || ed.t().kind_single}</option>
                    <option value="multiple">{move || ed.t().kind_multiple}</option>
                    <option value="truefalse">{move || ed.t().kind_truefalse}</option>
                </select>
                {field_problems(ed, problems_id, move || index.get().map(|i| Field::Question(i, Q::Kind)))}
            </div>
        }
    };
    let answers = move || {
        let base = format!("ed-q-{}", qid.get_value());
        let answer_problems = format!("{base}-answer-problems");
        let answer_field = move || index.get().map(|i| Field::Question(i, Q::Answer));
        match kind.get() {
            DraftKind::TrueFalse => {
                let truth = move |value: bool| {
                    let id = format!("{base}-truth-{value}");
                    let checked = move || {
                        ed.draft.with(|d| {
                            d.as_ref()
                                .and_then(|d| {
                                    qid.with_value(|qid| {
                                        d.questions
                                            .iter()
                                            .find(|q| q.id == *qid)
                                            .map(|q| q.truth == Some(value))
                                    })
                                })
                                .unwrap_or(false)
                        })
                    };
                    view! {
                        <label class="editor-check">
                            <input type="radio" id=id name=format!("{base}-truth") prop:checked=checked
                                on:change=move |_| edit_q(&|q| q.truth = Some(value)) />
                            {move || if value { ed.t().truth_true } else { ed.t().truth_false }}
                        </label>
                    }
                };
                let described = answer_problems.clone();
                view! {
                    <fieldset class="editor-choices" aria-describedby=described>
                        <legend>{move || ed.t().truth_legend}</legend>
                        <div class="radio-row">{truth(true)}{truth(false)}</div>
                        {field_problems(ed, answer_problems, answer_field)}
                        {text("feedback-0", |t| t.feedback_true.to_owned(), None, 1,
                            |q| q.truth_feedback[0].clone(), |q, v| q.truth_feedback[0] = v, Q::Feedback(0))}
                        {text("feedback-1", |t| t.feedback_false.to_owned(), None, 1,
                            |q| q.truth_feedback[1].clone(), |q, v| q.truth_feedback[1] = v, Q::Feedback(1))}
                    </fieldset>
                }
                .into_any()
            }
            k => {
                let multiple = k == DraftKind::Multiple;
                let n = count.get();
                let rows = (0..n)
                    .map(|i| {
                        let right_id = format!("{base}-right-{i}");
                        let right = move || {
                            ed.draft.with(|d| {
                                d.as_ref()
                                    .and_then(|d| qid.with_value(|qid| d.questions.iter().find(|q| q.id == *qid).map(|q| q.is_right(i))))
                                    .unwrap_or(false)
                            })
                        };
                        let remove = move |_| {
                            edit_q(&|q| q.remove_choice(i));
                            focus_id(&format!("ed-q-{}-add-choice", qid.get_value()));
                        };
                        view! {
                            <div class="editor-choice">
                                {text_field(
                                    ed,
                                    format!("{base}-choice-{i}"),
                                    move |t| EditorUi::n(t.choice_n, i + 1),
                                    None,
                                    1,
                                    move |d| qid.with_value(|id| d.questions.iter().find(|q| q.id == *id).map(|q| q.choices.get(i).cloned().unwrap_or_default())),
                                    move |d, v| qid.with_value(|id| {
                                        if let Some(c) = d.questions.iter_mut().find(|q| q.id == *id).and_then(|q| q.choices.get_mut(i)) {
                                            *c = v;
                                        }
                                    }),
                                    field(Q::Choice(i)),
                                )}
                                <label class="editor-check">
                                    <input type=if multiple { "checkbox" } else { "radio" } id=right_id
                                        name=format!("{base}-right") prop:checked=right
                                        aria-describedby=answer_problems.clone()
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            edit_q(&|q| q.set_right(i, on));
                                        } />
                                    {move || EditorUi::n(ed.t().right_n, i + 1)}
                                </label>
                                {text_field(
                                    ed,
                                    format!("{base}-feedback-{i}"),
                                    move |t| EditorUi::n(t.feedback_n, i + 1),
                                    None,
                                    1,
                                    move |d| qid.with_value(|id| d.questions.iter().find(|q| q.id == *id).map(|q| q.feedback.get(i).cloned().unwrap_or_default())),
                                    move |d, v| qid.with_value(|id| {
                                        if let Some(q) = d.questions.iter_mut().find(|q| q.id == *id) {
                                            if q.feedback.len() <= i {
                                                q.feedback.resize(i + 1, String::new());
                                            }
                                            if let Some(f) = q.feedback.get_mut(i) {
                                                *f = v;
                                            }
                                        }
                                    }),
                                    field(Q::Feedback(i)),
                                )}
                                <button type="button" class="button button--ghost" on:click=remove>
                                    {move || EditorUi::n(ed.t().remove_choice_n, i + 1)}
                                </button>
                            </div>
                        }
                    })
                    .collect_view();
                let add_id = format!("{base}-add-choice");
                let add = move |_: leptos::ev::MouseEvent| {
                    let n = count.get_untracked();
                    edit_q(&|q| q.add_choice());
                    focus_id(&format!("ed-q-{}-choice-{n}", qid.get_value()));
                };
                let described = answer_problems.clone();
                view! {
                    <fieldset class="editor-choices" aria-describedby=described>
                        <legend>{move || ed.t().choices_legend}</legend>
                        <p class="editor-hint">{move || if multiple { ed.t().choices_hint_multiple } else { ed.t().choices_hint_single }}</p>
                        {rows}
                        {field_problems(ed, answer_problems, answer_field)}
                        <button type="button" id=add_id class="button button--secondary"
                            disabled={move || count.get() >= MAX_FORM_CHOICES} on:click=add>{move || ed.t().add_choice}</button>
                    </fieldset>
                }
                .into_any()
            }
        }
    };
    let flags = move || {
        let k = kind.get();
        let base = format!("ed-q-{}", qid.get_value());
        let pin_id = format!("{base}-pin");
        let partial_id = format!("{base}-partial");
        let flag = move |get: fn(&QuestionDraft) -> bool| {
            ed.draft.with(|d| {
                d.as_ref()
                    .and_then(|d| {
                        qid.with_value(|qid| d.questions.iter().find(|q| q.id == *qid).map(get))
                    })
                    .unwrap_or(false)
            })
        };
        (k != DraftKind::TrueFalse).then(|| {
            view! {
                <label class="editor-check">
                    <input type="checkbox" id=pin_id prop:checked=move || flag(|q| !q.shuffle)
                        on:change=move |ev| { let on = event_target_checked(&ev); edit_q(&|q| q.shuffle = !on); } />
                    {move || ed.t().pin_order}
                </label>
                {(k == DraftKind::Multiple).then(|| view! {
                    <label class="editor-check">
                        <input type="checkbox" id=partial_id prop:checked=move || flag(|q| q.partial_credit)
                            on:change=move |ev| { let on = event_target_checked(&ev); edit_q(&|q| q.partial_credit = on); } />
                        {move || ed.t().partial_credit}
                    </label>
                })}
            }
        })
    };
    let difficulty = {
        let select_id = format!("{base}-difficulty");
        let problems_id = format!("{select_id}-problems");
        view! {
            <div class="editor-field">
                <label for=select_id.clone()>{move || ed.t().difficulty}</label>
                <select id=select_id aria-describedby=problems_id.clone()
                    prop:value=move || with_q(&|q| q.difficulty.clone())
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        edit_q(&|q| q.difficulty = v.clone());
                    }>
                    <option value="">{move || ed.t().difficulty_none}</option>
                    <option value="1">{move || ed.t().difficulty_1}</option>
                    <option value="2">{move || ed.t().difficulty_2}</option>
                    <option value="3">{move || ed.t().difficulty_3}</option>
                </select>
                {field_problems(ed, problems_id, move || index.get().map(|i| Field::Question(i, Q::Difficulty)))}
            </div>
        }
    };
    let up_id = format!("{base}-up");
    let down_id = format!("{base}-down");
    let move_up = move |_| {
        if let Some(i) = index.get_untracked() {
            ed.edit(|d| {
                d.move_up(i);
            });
        }
        focus_id(&format!("ed-q-{}-up", qid.get_value()));
    };
    let move_down = move |_| {
        if let Some(i) = index.get_untracked() {
            ed.edit(|d| {
                d.move_down(i);
            });
        }
        focus_id(&format!("ed-q-{}-down", qid.get_value()));
    };
    let remove = move |_| {
        if let Some(i) = index.get_untracked() {
            ed.edit(|d| d.remove(i));
        }
        focus_id("ed-questions-heading");
    };
    let heading_id = base.clone();
    let labelled_by = base.clone();
    view! {
        <article class="editor-question" aria-labelledby=labelled_by>
            <h3 id=heading_id tabindex="-1">
                {heading}" "<span class="editor-question__id">{move || format!("（{}: {}）", ed.t().question_id, qid.get_value())}</span>
            </h3>
            {field_problems(ed, format!("{base}-problems"), move || index.get().map(|i| Field::Question(i, Q::Whole)))}
            {kind_select}
            {text("scenario", |t| t.scenario.to_owned(), None, 2, |q| q.scenario.clone(), |q, v| q.scenario = v, Q::Scenario)}
            {text("prompt", |t| t.prompt.to_owned(), None, 2, |q| q.prompt.clone(), |q, v| q.prompt = v, Q::Prompt)}
            {answers}
            {text("explanation", |t| t.explanation.to_owned(), None, 3, |q| q.explanation.clone(), |q, v| q.explanation = v, Q::Explanation)}
            {text("sources", |t| t.sources.to_owned(), None, 2, |q| q.sources.clone(), |q, v| q.sources = v, Q::Sources)}
            {text("tags", |t| t.tags.to_owned(), None, 1, |q| q.tags.clone(), |q, v| q.tags = v, Q::Tags)}
            {difficulty}
            {text("checked", |t| t.question_checked.to_owned(), Some(|t: &'static EditorUi| t.date_hint), 1, |q| q.checked.clone(), |q, v| q.checked = v, Q::Checked)}
            {flags}
            <details class="editor-preview">
                <summary>{move || ed.t().preview}</summary>
                <Preview id=qid.get_value() />
            </details>
            <div class="actions">
                <button type="button" id=up_id class="button button--secondary"
                    disabled=move || index.get() == Some(0) on:click=move_up>{move || ed.t().move_up}</button>
                <button type="button" id=down_id class="button button--secondary"
                    disabled=move || { let n = ed.draft.with(|d| d.as_ref().map_or(0, |d| d.questions.len())); index.get().is_none_or(|i| i + 1 >= n) }
                    on:click=move_down>{move || ed.t().move_down}</button>
                <button type="button" class="button button--ghost" on:click=remove>{move || ed.t().remove_question}</button>
            </div>
        </article>
    }
}

/// The question as learners see it: scenario, prompt, choices (○ and ×
/// for a true-or-false question), then the right answer, the explanation
/// and the sources they see after answering. Text goes through the same
/// markup as the quiz ([`RichText`]), never as HTML.
#[component]
fn Preview(id: String) -> impl IntoView {
    let ed = Ed::expect();
    move || {
        let lang = ed.lang.get();
        let t = ui(lang);
        let q = ed.draft.with(|d| {
            d.as_ref()
                .and_then(|d| d.questions.iter().find(|q| q.id == id).cloned())
        })?;
        let labels: Vec<String> = match q.kind {
            DraftKind::TrueFalse => vec!["○".into(), "×".into()],
            _ => q.choices.clone(),
        };
        let right: Vec<usize> = match (q.kind, q.truth) {
            (DraftKind::TrueFalse, Some(true)) => vec![0],
            (DraftKind::TrueFalse, Some(false)) => vec![1],
            (DraftKind::TrueFalse, None) => Vec::new(),
            _ => q.right.clone(),
        };
        let right_words: Vec<String> = right
            .iter()
            .filter_map(|r| labels.get(*r))
            .map(|l| Text::parse(l).to_plain())
            .collect();
        let sources: Vec<String> = (q.sources.lines())
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        let hint = match q.kind {
            DraftKind::Multiple => t.choose_all,
            _ => t.choose_one,
        };
        Some(view! {
            <div class="question editor-preview__question">
                {(!q.scenario.trim().is_empty()).then(|| view! {
                    <section class="scenario" aria-label=t.scenario>
                        <p class="scenario__label" aria-hidden="true">{t.scenario}</p>
                        <RichText text=Text::parse(&q.scenario) />
                    </section>
                })}
                <div class="prompt"><RichText text=Text::parse(&q.prompt) /></div>
                <p class="choices__hint">{hint}</p>
                <ol class="editor-preview__choices">
                    {labels.into_iter().map(|l| view! {
                        <li class="choice"><span class="choice__text"><RichText text=Text::parse(&l) inline=true /></span></li>
                    }).collect_view()}
                </ol>
                <p><strong>{editor_ui_right(lang)}</strong>" "{right_words.join("、")}</p>
                <p class="sources-label">{t.explanation}</p>
                <RichText text=Text::parse(&q.explanation) />
                {(!sources.is_empty()).then(|| view! { <Sources sources /> })}
            </div>
        })
    }
}

fn editor_ui_right(lang: quiz_core::Lang) -> &'static str {
    crate::ui::i18n::editor_ui(lang).preview_right
}
