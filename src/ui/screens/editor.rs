//! The trainer's form editor (`#/trainer/editor`): a course created or
//! opened (shipped, kept, published, or a file), its settings and questions
//! edited in labelled fields, every problem beside its field and in a
//! summary, the draft saved in this browser as the trainer types. The
//! draft, its ids and its checks are the core's ([`quiz_core::editor`]);
//! the question cards are in `editor_question.rs`.

use leptos::prelude::*;
use quiz_core::editor::{Checked, Draft, Field, Origin, QuestionField, SettingField};
use quiz_core::{ItemOptions, Lang, Route, Severity, SourceFile};

use super::editor_question::QuestionCard;
use crate::sheet_worker;
use crate::storage::{self, StorageError};
use crate::ui::i18n::{EditorUi, editor_ui};
use crate::ui::state::clock::today_date;
use crate::ui::state::{Catalog, Nav, Settings, now_ms};
use crate::ui::widgets::{download, download_bytes, focus_id, input_files, read_text, use_title};

/// The media type of an `.xlsx` file.
const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The editor's state, shared by its parts.
#[derive(Clone, Copy)]
pub(super) struct Ed {
    /// The draft being written; `None` before one is created or opened.
    pub draft: RwSignal<Option<Draft>>,
    /// What the checks make of it, once typing pauses ([`CHECK_PAUSE`]).
    pub checked: RwSignal<Option<Checked>>,
    /// The UI language.
    pub lang: RwSignal<Lang>,
}

impl Ed {
    pub fn expect() -> Ed {
        expect_context()
    }

    /// The strings in the current language (tracked).
    pub fn t(&self) -> &'static EditorUi {
        editor_ui(self.lang.get())
    }

    /// Checks the draft as it is at this moment (a save or hand-over must
    /// not take a check that waits for a pause in typing).
    pub fn check_now(&self) -> Option<Checked> {
        let now = self.draft.with_untracked(check);
        self.checked.set(now.clone());
        now
    }

    /// Changes the draft, if there is one.
    pub fn edit(&self, change: impl FnOnce(&mut Draft)) {
        self.draft.update(|d| {
            if let Some(d) = d {
                change(d);
            }
        });
    }

    /// The messages about one field (tracked), and whether one is an error.
    pub fn messages(&self, field: Option<Field>) -> (Vec<String>, bool) {
        let lang = self.lang.get();
        self.checked.with(|c| {
            let (Some(c), Some(field)) = (c, field) else {
                return (Vec::new(), false);
            };
            let error = c.at(field).any(|p| p.severity() == Severity::Error);
            (c.at(field).map(|p| p.message(lang)).collect(), error)
        })
    }
}

/// The problems beside one field: a list the field names in its
/// `aria-describedby`, empty when there are none.
pub(super) fn field_problems(
    ed: Ed,
    id: String,
    field: impl Fn() -> Option<Field> + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <ul id=id class="field-problems">
            {move || ed.messages(field()).0.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
        </ul>
    }
}

/// One labelled text field (a textarea when `lines` > 1) bound to the
/// draft, with its hint and its problems.
#[allow(clippy::too_many_arguments)]
pub(super) fn text_field(
    ed: Ed,
    id: String,
    label: impl Fn(&'static EditorUi) -> String + Send + Sync + 'static,
    hint: Option<fn(&'static EditorUi) -> &'static str>,
    lines: u32,
    get: impl Fn(&Draft) -> Option<String> + Send + Sync + 'static,
    set: impl Fn(&mut Draft, String) + Send + Sync + 'static,
    field: impl Fn(&Draft) -> Option<Field> + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let problems_id = format!("{id}-problems");
    let hint_id = format!("{id}-hint");
    let described = if hint.is_some() {
        format!("{hint_id} {problems_id}")
    } else {
        problems_id.clone()
    };
    let value = move || {
        ed.draft
            .with(|d| d.as_ref().and_then(&get))
            .unwrap_or_default()
    };
    let field_now = move || ed.draft.with(|d| d.as_ref().and_then(field));
    let invalid = move || ed.messages(field_now()).1.then_some("true");
    let on_input = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        ed.edit(|d| set(d, v));
    };
    let input = if lines > 1 {
        view! {
            <textarea id=id.clone() rows=lines aria-describedby=described aria-invalid=invalid
                prop:value=value on:input=on_input></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() type="text" aria-describedby=described aria-invalid=invalid
                prop:value=value on:input=on_input />
        }
        .into_any()
    };
    view! {
        <div class="editor-field">
            <label for=id>{move || label(ed.t())}</label>
            {hint.map(|h| view! { <p id=hint_id class="editor-hint">{move || h(ed.t())}</p> })}
            {input}
            {field_problems(ed, problems_id, field_now)}
        </div>
    }
}

/// How long typing must pause before the draft is checked again: the whole
/// check (about 5 ms natively for the largest shipped course, several times
/// that on a slow phone) should not run on every keystroke.
const CHECK_PAUSE: std::time::Duration = std::time::Duration::from_millis(250);

fn check(draft: &Option<Draft>) -> Option<Checked> {
    draft
        .as_ref()
        .map(|d| d.check(&ItemOptions::new(today_date())))
}

/// The editor screen.
#[component]
pub fn EditorPage() -> impl IntoView {
    crate::ui::widgets::adopt_trainer_styles();
    let lang = Settings::expect().lang;
    use_title(|l| Some(editor_ui(l).title.to_owned()));
    let (loaded, problem) = match storage::load_draft(now_ms()) {
        Ok(d) => (d, None),
        Err(e) => (None, Some(e)),
    };
    // A draft that could not be kept aside is never written over.
    let can_save = !matches!(problem, Some(StorageError::Corrupt { backed_up: false }));
    let draft = RwSignal::new(loaded);
    let save_failed = RwSignal::new(false);
    Effect::new(move |_| {
        draft.with(|d| {
            if let Some(d) = d
                && can_save
            {
                save_failed.set(storage::save_draft(d).is_err());
            }
        });
    });
    let checked = RwSignal::new(draft.with_untracked(check));
    // The draft is saved at once (above); the check waits for a pause.
    let pending = StoredValue::new(None::<leptos::prelude::TimeoutHandle>);
    Effect::new(move |ran_before: Option<()>| {
        draft.track();
        if ran_before.is_none() {
            return;
        }
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || checked.set(draft.with_untracked(check)),
            CHECK_PAUSE,
        );
        pending.set_value(handle.ok());
    });
    on_cleanup(move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
    });
    let ed = Ed {
        draft,
        checked,
        lang,
    };
    provide_context(ed);
    let has_draft = Memo::new(move |_| draft.with(Option::is_some));
    let notice = problem.map(|p| {
        let kept = !matches!(p, StorageError::Corrupt { backed_up: false });
        view! {
            <p role="alert" class="status--fail">
                {move || if kept { ed.t().unreadable } else { ed.t().unreadable_not_kept }}
            </p>
        }
    });
    view! {
        <p class="breadcrumb"><a href=Route::Trainer.href()>{move || ed.t().back}</a></p>
        <h1 class="page-title">{move || ed.t().title}</h1>
        <p>{move || ed.t().intro}</p>
        {notice}
        <p role="alert" class="status--fail">{move || save_failed.get().then(|| ed.t().save_failed)}</p>
        {move || if has_draft.get() {
            view! { <Editor /> }.into_any()
        } else {
            view! { <Start /> }.into_any()
        }}
    }
}

/// No draft yet: a new course, or one to open.
#[component]
fn Start() -> impl IntoView {
    let ed = Ed::expect();
    let catalog = Catalog::expect();
    let chosen = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<&'static str>);
    // A draft of a shipped course's id (a revision, or a file made from
    // it) never hands out an id the release's version has and the draft
    // dropped: learners may have progress on it.
    let open = Callback::new({
        let catalog = catalog.clone();
        move |mut draft: Draft| {
            let catalog = catalog.clone();
            leptos::task::spawn_local(async move {
                let id = draft.settings.id.trim().to_owned();
                let known = catalog.shipped_question_ids(&id).await;
                draft.retire_known(known.iter().map(String::as_str));
                ed.draft.set(Some(draft));
                focus_id("ed-id");
            });
        }
    });
    let create = move |_| open.run(Draft::new());
    let open_listed = {
        let catalog = catalog.clone();
        move |_| {
            let value = chosen.get_untracked();
            let Some((group, id)) = value.split_once(':') else {
                return;
            };
            let id = id.to_owned();
            failed.set(None);
            match group {
                "k" => {
                    let found = catalog.local.with_untracked(|l| {
                        l.iter()
                            .find(|c| c.course.id == id)
                            .map(|c| (c.course.clone(), c.file.name.clone()))
                    });
                    if let Some((course, name)) = found {
                        open.run(Draft::from_course(&course, Origin::Kept(name)));
                    }
                }
                "p" => {
                    let found = catalog.published.with_untracked(|l| {
                        l.iter()
                            .find(|c| c.course.id == id)
                            .map(|c| c.course.clone())
                    });
                    if let Some(course) = found {
                        open.run(Draft::from_course(&course, Origin::Published(id)));
                    }
                }
                _ => {
                    let catalog = catalog.clone();
                    leptos::task::spawn_local(async move {
                        let course = match catalog.load(std::slice::from_ref(&id)).await {
                            Ok(()) => catalog.course(&id),
                            Err(_) => None,
                        };
                        match course {
                            Some(course) => {
                                open.run(Draft::from_course(&course, Origin::Shipped(id)));
                            }
                            None => failed.set(Some(ed.t().open_fetch_failed)),
                        }
                    });
                }
            }
        }
    };
    let open_file = move |ev: leptos::ev::Event| {
        let Some(file) = input_files(&ev).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let name = file.name();
            let text = read_text(file).await.unwrap_or_default();
            let files = [SourceFile::new(name.clone(), text)];
            match quiz_core::check_files(&files).courses.into_iter().next() {
                Some(course) => open.run(Draft::from_course(&course, Origin::File(name))),
                None => failed.set(Some(ed.t().open_file_failed)),
            }
        });
    };
    let options = move || {
        let t = ed.t();
        let shipped: Vec<(String, String)> = (catalog.shipped.iter())
            .map(|c| (c.id.clone(), c.title.clone()))
            .collect();
        let kept: Vec<(String, String)> = catalog.local.with(|l| {
            l.iter()
                .map(|c| (c.course.id.clone(), c.course.title.clone()))
                .collect()
        });
        let published: Vec<(String, String)> = catalog.published.with(|l| {
            l.iter()
                .map(|c| (c.course.id.clone(), c.course.title.clone()))
                .collect()
        });
        let group = |label: &'static str, key: &'static str, list: Vec<(String, String)>| {
            (!list.is_empty()).then(|| {
                view! {
                    <optgroup label=label>
                        {list.into_iter().map(|(id, title)| view! {
                            <option value=format!("{key}:{id}")>{format!("{title}（{id}）")}</option>
                        }).collect_view()}
                    </optgroup>
                }
            })
        };
        view! {
            <option value="">{t.open_choose}</option>
            {group(t.group_shipped, "s", shipped)}
            {group(t.group_kept, "k", kept)}
            {group(t.group_published, "p", published)}
        }
    };
    view! {
        <section aria-labelledby="ed-start-heading">
            <h2 id="ed-start-heading">{move || ed.t().start_heading}</h2>
            <div class="actions">
                <button type="button" id="ed-new" class="button button--primary" on:click=create>{move || ed.t().new_course}</button>
            </div>
            <div class="editor-field">
                <label for="ed-open">{move || ed.t().open_label}</label>
                <div class="inline-form__row">
                    <select id="ed-open" on:change=move |ev| chosen.set(event_target_value(&ev))>{options}</select>
                    <button type="button" class="button button--secondary" on:click=open_listed
                        disabled=move || chosen.with(String::is_empty)>{move || ed.t().open_button}</button>
                </div>
            </div>
            <label for="ed-open-file">{move || ed.t().open_file_label}</label>
            <input id="ed-open-file" type="file" accept=".toml,text/plain" on:change=open_file />
            <p role="alert" class="status--fail">{move || failed.get()}</p>
        </section>
    }
}

/// The draft open: summary, settings, questions, saving.
#[component]
fn Editor() -> impl IntoView {
    let ed = Ed::expect();
    let origin = move || {
        let t = ed.t();
        ed.draft.with(|d| match d.as_ref().map(|d| &d.origin) {
            Some(Origin::Shipped(_)) => t.origin_shipped,
            Some(Origin::Kept(_)) => t.origin_kept,
            Some(Origin::Published(_)) => t.origin_published,
            Some(Origin::File(_)) => t.origin_file,
            _ => t.origin_new,
        })
    };
    let ids = Memo::new(move |_| {
        ed.draft.with(|d| {
            d.as_ref()
                .map(|d| d.questions.iter().map(|q| q.id.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let add = move |kind| {
        let mut id = String::new();
        ed.edit(|d| {
            let i = d.add(kind);
            id = d.questions.get(i).map(|q| q.id.clone()).unwrap_or_default();
        });
        focus_id(&format!("ed-q-{id}-prompt"));
    };
    use quiz_core::editor::DraftKind;
    view! {
        <p class="badge">{origin}</p>
        <Summary />
        <SettingsSection />
        <section aria-labelledby="ed-questions-heading">
            <h2 id="ed-questions-heading" tabindex="-1">{move || ed.t().questions_heading}</h2>
            {move || ids.with(Vec::is_empty).then(|| view! { <p>{ed.t().no_questions}</p> })}
            <For each=move || ids.get() key=|id| id.clone() let:id>
                <QuestionCard id />
            </For>
            <div class="actions">
                <button type="button" id="ed-add-single" class="button button--secondary" on:click=move |_| add(DraftKind::Single)>{move || ed.t().add_single}</button>
                <button type="button" id="ed-add-multiple" class="button button--secondary" on:click=move |_| add(DraftKind::Multiple)>{move || ed.t().add_multiple}</button>
                <button type="button" id="ed-add-truefalse" class="button button--secondary" on:click=move |_| add(DraftKind::TrueFalse)>{move || ed.t().add_truefalse}</button>
            </div>
        </section>
        <SaveSection />
        <Discard />
    }
}

/// The element a finding's link moves focus to.
fn focus_target(draft: &Draft, field: Field) -> String {
    let setting = |f: SettingField| match f {
        SettingField::Id => "ed-id",
        SettingField::Title => "ed-title",
        SettingField::Description => "ed-description",
        SettingField::Policy => "ed-policy",
        SettingField::PassMark => "ed-pass-mark",
        SettingField::Draw => "ed-draw",
        SettingField::PassValidDays => "ed-valid-days",
        SettingField::Checked => "ed-checked",
        SettingField::Order => "ed-order",
        SettingField::Areas => "ed-areas",
    };
    match field {
        Field::Course => "ed-id".to_owned(),
        Field::Setting(f) => setting(f).to_owned(),
        Field::Question(i, f) => {
            let Some(q) = draft.questions.get(i) else {
                return "ed-questions-heading".to_owned();
            };
            let base = format!("ed-q-{}", q.id);
            let truefalse = q.kind == quiz_core::editor::DraftKind::TrueFalse;
            match f {
                QuestionField::Whole => base,
                QuestionField::Kind => format!("{base}-kind"),
                QuestionField::Scenario => format!("{base}-scenario"),
                QuestionField::Prompt => format!("{base}-prompt"),
                QuestionField::Choice(n) => format!("{base}-choice-{n}"),
                QuestionField::Answer if truefalse => format!("{base}-truth-true"),
                QuestionField::Answer => format!("{base}-right-0"),
                QuestionField::Explanation => format!("{base}-explanation"),
                QuestionField::Sources => format!("{base}-sources"),
                QuestionField::Feedback(n) => format!("{base}-feedback-{n}"),
                QuestionField::Tags => format!("{base}-tags"),
                QuestionField::Difficulty => format!("{base}-difficulty"),
                QuestionField::Checked => format!("{base}-checked"),
            }
        }
    }
}

/// Where a finding is, in the form's words.
fn place(t: &EditorUi, field: Field) -> String {
    let setting = |f: SettingField| match f {
        SettingField::Id => t.course_id,
        SettingField::Title => t.course_title,
        SettingField::Description => t.description,
        SettingField::Policy => t.policy,
        SettingField::PassMark => t.pass_mark,
        SettingField::Draw => t.draw,
        SettingField::PassValidDays => t.valid_days,
        SettingField::Checked => t.course_checked,
        SettingField::Order => t.order,
        SettingField::Areas => t.areas,
    };
    match field {
        Field::Course => t.summary_course.to_owned(),
        Field::Setting(f) => setting(f).to_owned(),
        Field::Question(i, f) => {
            let what = match f {
                QuestionField::Whole => String::new(),
                QuestionField::Kind => t.kind.to_owned(),
                QuestionField::Scenario => t.scenario.to_owned(),
                QuestionField::Prompt => t.prompt.to_owned(),
                QuestionField::Choice(n) => EditorUi::n(t.choice_n, n + 1),
                QuestionField::Answer => t.truth_legend.to_owned(),
                QuestionField::Explanation => t.explanation.to_owned(),
                QuestionField::Sources => t.sources.to_owned(),
                QuestionField::Feedback(n) => EditorUi::n(t.feedback_n, n + 1),
                QuestionField::Tags => t.tags.to_owned(),
                QuestionField::Difficulty => t.difficulty.to_owned(),
                QuestionField::Checked => t.question_checked.to_owned(),
            };
            let question = EditorUi::n(t.question_n, i + 1);
            if what.is_empty() {
                question
            } else {
                format!("{question}{}{what}", t.place_sep)
            }
        }
    }
}

/// Every finding, errors first, each a link to its field.
#[component]
fn Summary() -> impl IntoView {
    let ed = Ed::expect();
    let body = move || {
        let t = ed.t();
        let lang = ed.lang.get();
        ed.checked.with(|c| {
            let c = c.as_ref()?;
            let errors = c.error_count();
            let notes = c.findings.len() - errors;
            let mut rows: Vec<(Severity, Field, String)> = c
                .findings
                .iter()
                .map(|p| (p.severity(), p.field, p.message(lang)))
                .collect();
            rows.sort_by_key(|(s, f, _)| (*s, *f));
            let links = rows
                .into_iter()
                .map(|(severity, field, message)| {
                    let target = ed
                        .draft
                        .with_untracked(|d| d.as_ref().map(|d| focus_target(d, field)))
                        .unwrap_or_default();
                    let class = if severity == Severity::Error {
                        "status--fail"
                    } else {
                        ""
                    };
                    view! {
                        <li class=class>
                            <button type="button" class="button--link" on:click=move |_| focus_id(&target)>
                                {place(t, field)}
                            </button>
                            {format!(": {message}")}
                        </li>
                    }
                })
                .collect_view();
            Some(view! {
                {if errors == 0 {
                    view! { <p class="status--pass">{t.summary_ok}</p> }.into_any()
                } else {
                    view! { <p class="status--fail">{EditorUi::n(t.summary_errors, errors)}</p> }.into_any()
                }}
                {(notes > 0).then(|| view! { <p>{EditorUi::n(t.summary_notes, notes)}</p> })}
                <ul class="problems editor-summary">{links}</ul>
            })
        })
    };
    view! {
        <section class="editor-summary-box" aria-labelledby="ed-summary-heading">
            <h2 id="ed-summary-heading">{move || ed.t().summary_heading}</h2>
            {body}
        </section>
    }
}

/// The course's settings.
#[component]
fn SettingsSection() -> impl IntoView {
    let ed = Ed::expect();
    macro_rules! setting {
        ($id:literal, $label:ident, $hint:expr, $lines:literal, $field:ident, $variant:ident) => {
            text_field(
                ed,
                $id.to_owned(),
                |t| t.$label.to_owned(),
                $hint,
                $lines,
                |d| Some(d.settings.$field.clone()),
                |d, v| d.settings.$field = v,
                |_| Some(Field::Setting(SettingField::$variant)),
            )
        };
    }
    view! {
        <section aria-labelledby="ed-settings-heading">
            <h2 id="ed-settings-heading">{move || ed.t().settings_heading}</h2>
            // The id also settles ids handed out before it was typed (Draft::set_course_id).
            {text_field(
                ed,
                "ed-id".to_owned(),
                |t| t.course_id.to_owned(),
                Some(|t: &'static EditorUi| t.course_id_hint),
                1,
                |d| Some(d.settings.id.clone()),
                |d, v| d.set_course_id(v),
                |_| Some(Field::Setting(SettingField::Id)),
            )}
            {setting!("ed-title", course_title, None, 1, title, Title)}
            {setting!("ed-description", description, None, 3, description, Description)}
            {setting!("ed-policy", policy, None, 1, policy, Policy)}
            {setting!("ed-pass-mark", pass_mark, None, 1, pass_mark, PassMark)}
            {setting!("ed-draw", draw, Some(|t: &'static EditorUi| t.draw_hint), 1, draw, Draw)}
            {setting!("ed-valid-days", valid_days, None, 1, pass_valid_days, PassValidDays)}
            {setting!("ed-checked", course_checked, Some(|t: &'static EditorUi| t.date_hint), 1, checked, Checked)}
            {setting!("ed-order", order, None, 1, order, Order)}
            {setting!("ed-areas", areas, Some(|t: &'static EditorUi| t.areas_hint), 3, areas, Areas)}
        </section>
    }
}

/// Saving the course file, and going on to try or publish it.
#[component]
fn SaveSection() -> impl IntoView {
    let ed = Ed::expect();
    let nav = Nav::expect();
    let failed = RwSignal::new(false);
    let blocked = move || {
        ed.checked
            .with(|c| c.as_ref().is_none_or(|c| c.toml.is_none()))
    };
    let file = move || {
        let name = ed
            .draft
            .with_untracked(|d| d.as_ref().map(Draft::file_name))?;
        let text = ed.check_now().and_then(|c| c.toml)?;
        Some(SourceFile::new(name, text))
    };
    let save = move |_| {
        if let Some(f) = file() {
            failed.set(!download(&f.name, "application/toml", &f.text));
        }
    };
    let publish = move |_| {
        if let Some(f) = file() {
            super::trainer::hand_over(f);
            nav.go(&Route::Trainer);
        }
    };
    // The course in the template's layout, as Excel opens it (the sheet
    // worker writes the bytes; the single-file hand-out has none).
    let xlsx = RwSignal::new(None::<bool>);
    let save_xlsx = move |_| {
        let Some(course) = ed.check_now().and_then(|c| c.course) else {
            return;
        };
        xlsx.set(Some(true));
        leptos::task::spawn_local(async move {
            let (book, _) = quiz_core::import::sheet::course_book(&course);
            let saved = match sheet_worker::write_xlsx(&book).await {
                Ok(bytes) => download_bytes(&format!("{}.xlsx", course.id), XLSX_MIME, &bytes),
                Err(_) => false,
            };
            xlsx.set((!saved).then_some(false));
        });
    };
    view! {
        <section aria-labelledby="ed-save-heading">
            <h2 id="ed-save-heading">{move || ed.t().save_heading}</h2>
            <p class="status--fail">{move || blocked().then(|| ed.t().save_blocked)}</p>
            <div class="actions">
                <button type="button" id="ed-save-toml" class="button button--primary" disabled=blocked on:click=save>{move || ed.t().download_toml}</button>
                {sheet_worker::available().then(|| view! {
                    <button type="button" id="ed-save-xlsx" class="button button--secondary" disabled=blocked on:click=save_xlsx>{move || ed.t().download_xlsx}</button>
                })}
                <button type="button" id="ed-publish" class="button button--secondary" disabled=blocked on:click=publish>{move || ed.t().publish}</button>
            </div>
            <p role="status">{move || match xlsx.get() {
                Some(true) => Some(ed.t().xlsx_working),
                Some(false) => Some(ed.t().xlsx_failed),
                None => None,
            }}</p>
            <p>{move || ed.t().publish_explain}</p>
            <p role="alert" class="status--fail">{move || failed.get().then(|| ed.t().download_failed)}</p>
        </section>
    }
}

/// Discarding the draft, after a confirmation in the page.
#[component]
fn Discard() -> impl IntoView {
    let ed = Ed::expect();
    let confirming = RwSignal::new(false);
    let ask = move |_| {
        confirming.set(true);
        focus_id("ed-discard-yes");
    };
    let cancel = move |_| {
        confirming.set(false);
        focus_id("ed-discard");
    };
    let discard = move |_| {
        // Nothing is left to save over: the stored draft goes first.
        let _ = storage::clear_draft();
        confirming.set(false);
        ed.draft.set(None);
        focus_id("ed-new");
    };
    view! {
        <div class="actions">
            {move || if confirming.get() {
                view! {
                    <div class="confirm" role="group" aria-labelledby="ed-discard-question">
                        <p id="ed-discard-question">{ed.t().discard_confirm}</p>
                        <div class="actions">
                            <button type="button" id="ed-discard-yes" class="button button--danger" on:click=discard>{ed.t().discard_yes}</button>
                            <button type="button" class="button button--secondary" on:click=cancel>{ed.t().discard_no}</button>
                        </div>
                    </div>
                }.into_any()
            } else {
                view! {
                    <button type="button" id="ed-discard" class="button button--ghost" on:click=ask>{ed.t().discard}</button>
                }.into_any()
            }}
        </div>
    }
}
