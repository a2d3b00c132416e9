//! Trainer tools, reachable from the footer: check a question file with the
//! same rules as `quizcheck` and try or keep it; convert GIFT and Aiken
//! exports; combine results files sent by learners.

use leptos::prelude::*;
use quiz_core::diagnostic::Problem;
use quiz_core::import::{self, ImportResult, sheet};
use quiz_core::published::PublishedEntry;
use quiz_core::report::{ResultsFile, combine, parse_results};
use quiz_core::{Course, Lang, Route, SourceFile, check_files};
use std::sync::Arc;

use super::attempt::start_and_open;
use crate::course_files;
use crate::sheet_worker::{self, SheetWorkerError};
use crate::ui::i18n::{editor_ui, line_label, more_items, revision_notice, trainer_ui};
use crate::ui::state::clock::{today_date, today_string};
use crate::ui::state::{Catalog, Nav, Settings, Store};
use crate::ui::widgets::{
    adopt_trainer_styles, download, download_bytes, dropped_files, input_files, read_bytes,
    read_text, read_text_sjis_or_utf8, use_title,
};

/// The media type of an `.xlsx` file.
const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Most problems or warnings listed at once.
const MAX_LISTED: usize = 100;

/// What the preview found in a file.
#[derive(Clone)]
enum Preview {
    /// The file's name and every problem (errors and warnings).
    Problems(String, Findings),
    /// The file, its course and the item-writing warnings.
    Valid(SourceFile, Box<Course>, Findings, Revision),
}

/// A checked file that revises a shipped course: the digest of the shipped
/// file it was made from (`None` for a new course). Such a file is
/// published in the course's place; it is never kept or tried in this
/// browser, where the shipped course would still be the one shown.
type Revision = Option<String>;

/// What the preview says about a file, kept as data and put into words
/// when shown, so a change of language re-words it.
#[derive(Clone)]
enum Findings {
    /// The checks of `quizcheck`, by line and column.
    File(Arc<[Problem]>),
    /// A workbook's findings, by sheet and cell.
    Sheet(Arc<[sheet::Finding]>),
    /// One sentence of the trainer screen (a workbook that cannot be read).
    Note(Arc<dyn Fn(Lang) -> String + Send + Sync>),
}

impl Findings {
    fn note(say: impl Fn(Lang) -> String + Send + Sync + 'static) -> Self {
        Self::Note(Arc::new(say))
    }

    fn len(&self) -> usize {
        match self {
            Self::File(problems) => problems.len(),
            Self::Sheet(findings) => findings.len(),
            Self::Note(_) => 1,
        }
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// At most `max` lines, in `lang`.
    fn lines(&self, lang: Lang, max: usize) -> Vec<String> {
        match self {
            Self::File(problems) => problems.iter().take(max).map(|p| p.render(lang)).collect(),
            Self::Sheet(findings) => findings.iter().take(max).map(|f| f.render(lang)).collect(),
            Self::Note(say) => vec![say(lang)],
        }
    }
}

/// The trainer screen.
#[component]
pub fn TrainerPage() -> impl IntoView {
    adopt_trainer_styles();
    let lang = Settings::expect().lang;
    use_title(|l| Some(trainer_ui(l).trainer.to_owned()));
    let t = move || trainer_ui(lang.get());
    view! {
        <h1 class="page-title">{move || t().trainer}</h1>
        <p>{move || t().trainer_intro}</p>
        <p>
            <a href=Route::Editor.href()>{move || editor_ui(lang.get()).link}</a>
            " "{move || editor_ui(lang.get()).link_explain}
        </p>
        <PreviewSection />
        <SheetSection />
        <ConvertSection />
        <PublishedList />
        <ResultsSection />
        <super::trainer_status::StatusSection />
    }
}

#[component]
fn PreviewSection() -> impl IntoView {
    let lang = Settings::expect().lang;
    let t = move || trainer_ui(lang.get());
    let catalog = Catalog::expect();
    let store = Store::expect();
    let nav = Nav::expect();
    let preview = RwSignal::new(None::<Preview>);
    let kept = RwSignal::new(false);
    // An .xlsx is read by the sheet worker, which may take a moment.
    let reading = RwSignal::new(false);
    // A keep or remove the browser refused is said, never dropped.
    let save_failed = RwSignal::new(false);
    let check = {
        let catalog = catalog.clone();
        move |mut files: Vec<web_sys::File>| {
            let catalog = catalog.clone();
            leptos::task::spawn_local(async move {
                let Some(file) = files.first().cloned() else {
                    return;
                };
                let name = file.name();
                // A workbook becomes a course file first; its problems are
                // said by sheet and cell, in the trainer's terms. Excel saves
                // one CSV per sheet, so 問題.csv and コース.csv come together.
                files.sort_by_key(|f| f.name());
                reading.set(name.to_lowercase().ends_with(".xlsx"));
                let read = from_sheet(files).await;
                reading.set(false);
                let (source, sheet_lines) = match read {
                    Sheet::CourseFile(file) => {
                        let text = read_text(file).await.unwrap_or_default();
                        (SourceFile::new(name.clone(), text), None)
                    }
                    Sheet::Refused(lines) => {
                        kept.set(false);
                        preview.set(Some(Preview::Problems(name, lines)));
                        return;
                    }
                    Sheet::Converted(source, lines) => (source, Some(lines)),
                };
                // Ids are checked against every shipped file; offline before
                // they were ever fetched, against the ids in the course index.
                let shown = preview_of(&catalog, name, source, sheet_lines).await;
                kept.set(false);
                save_failed.set(false);
                preview.set(Some(shown));
            });
        }
    };
    // A course the form editor handed over is checked as a chosen file is.
    if let Some(source) = HANDED.take() {
        let catalog = catalog.clone();
        leptos::task::spawn_local(async move {
            let name = source.name.clone();
            preview.set(Some(preview_of(&catalog, name, source, None).await));
        });
    }
    let on_input = {
        let check = check.clone();
        move |ev: leptos::ev::Event| {
            check(input_files(&ev));
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        check(dropped_files(&ev));
    };
    // The shipped courses' titles, for the revision notice (as listed, not the revision's own).
    let shipped_summaries = catalog.shipped.clone();
    let local_list = {
        let catalog = catalog.clone();
        move || {
            let t = t();
            let list = catalog.local.get();
            (!list.is_empty()).then(|| {
                let catalog = catalog.clone();
                view! {
                    <h3>{t.local_heading}</h3>
                    <ul class="local-courses">
                        {list.into_iter().map(|c| {
                            let id = c.course.id.clone();
                            let catalog = catalog.clone();
                            view! {
                                <li>
                                    <a href=Route::Course(c.course.id.clone()).href()>{c.course.title.clone()}</a>
                                    {format!("（{}）", c.file.name)}" "
                                    <button type="button" class="button button--ghost"
                                        on:click=move |_| save_failed.set(catalog.remove_local(&id).is_err())>{t.remove}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
            })
        }
    };
    let rejected_list = {
        let catalog = catalog.clone();
        move || {
            let t = t();
            let list = catalog.rejected.get();
            let problem = catalog.local_problem.get();
            let catalog = catalog.clone();
            view! {
                {problem.map(|_| view! { <p role="alert" class="status--fail">{t.local_unreadable}</p> })}
                {(!list.is_empty()).then(|| view! {
                    <h3>{t.rejected_heading}</h3>
                    <p>{t.rejected_explain}</p>
                    <ul class="local-courses">
                        {list.into_iter().map(|(file, problems)| {
                            let name = file.name.clone();
                            let catalog = catalog.clone();
                            view! {
                                <li>
                                    {file.name.clone()}" "
                                    <button type="button" class="button button--ghost"
                                        on:click=move |_| save_failed.set(catalog.remove_rejected(&name).is_err())>{t.remove}</button>
                                    <ul class="problems">
                                        {problems.into_iter().map(|p| view! { <li><code>{p.render(lang.get())}</code></li> }).collect_view()}
                                    </ul>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })}
            }
        }
    };
    view! {
        <section aria-labelledby="preview-heading">
            <h2 id="preview-heading">{move || t().preview_heading}</h2>
            <div class="drop-zone" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
                <label for="preview-file">{move || t().preview_label}</label>
                <input id="preview-file" type="file" multiple accept=".toml,.xlsx,.csv,text/plain,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" on:change=on_input />
                <p class="drop-zone__hint">{move || t().drop_hint}</p>
            </div>
            <div role="status" aria-live="polite">
                {move || reading.get().then(|| view! { <p>{t().sheet_reading}</p> })}
                {move || preview.get().map(|p| match p {
                    Preview::Problems(name, problems) => view! {
                        <h3 class="status--fail">{format!("{}: {} {}", name, t().preview_problems, problems.len())}</h3>
                        <ul class="problems">
                            {problems.lines(lang.get(), usize::MAX).into_iter().map(|p| view! { <li><code>{p}</code></li> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Preview::Valid(source, course, warnings, revises) => {
                        let try_it = {
                            let (source, course) = (source.clone(), course.clone());
                            let catalog = Catalog::expect();
                            move |_| {
                                // Trying is for this tab only: nothing is stored.
                                let _ = catalog.add_local(source.clone(), (*course).clone(), false);
                                start_and_open(store, nav, &course, None);
                            }
                        };
                        let keep = {
                            let (source, course) = (source.clone(), course.clone());
                            let catalog = Catalog::expect();
                            move |_| {
                                let saved = catalog.add_local(source.clone(), (*course).clone(), true).is_ok();
                                kept.set(saved);
                                save_failed.set(!saved);
                            }
                        };
                        view! {
                            <h3 class="status--pass">{format!("{}: {}", source.name, t().preview_ok)}</h3>
                            <p>{format!("{} — {} ({} {})", course.title, course.id, t().questions_in_pool, course.questions.len())}</p>
                            {(!warnings.is_empty()).then(|| {
                                // A long list is cut: a large file must not build thousands of rows.
                                let more = warnings.len().saturating_sub(MAX_LISTED);
                                view! {
                                    <h4>{format!("{}（{}）", t().preview_warnings, warnings.len())}</h4>
                                    <ul class="problems problems--warnings">
                                        {warnings.lines(lang.get(), MAX_LISTED).into_iter().map(|w| view! { <li><code>{w}</code></li> }).collect_view()}
                                    </ul>
                                    {(more > 0).then(|| view! { <p>{more_items(lang.get(), more)}</p> })}
                                }
                            })}
                            {if revises.is_some() {
                                let title = shipped_summaries.iter().find(|s| s.id == course.id).map_or_else(|| course.title.clone(), |s| s.title.clone());
                                view! { <p class="notice" data-testid="revision-notice">{revision_notice(lang.get(), &title)}</p> }.into_any()
                            } else {
                                view! {
                                    <div class="actions">
                                        <button type="button" class="button button--primary" on:click=try_it>{t().try_now}</button>
                                        <button type="button" class="button button--secondary" on:click=keep>{t().keep_local}</button>
                                    </div>
                                    <p>{move || kept.get().then(|| t().kept_local)}</p>
                                }.into_any()
                            }}
                            <PublishSteps source=source.clone() course=(*course).clone() revises=revises.clone() />
                        }.into_any()
                    }
                })}
                <p role="alert" class="status--fail">{move || save_failed.get().then(|| t().local_save_failed)}</p>
            </div>
            {local_list}
            {rejected_list}
        </section>
    }
}

thread_local! {
    /// The course file the form editor hands to the preview.
    static HANDED: std::cell::Cell<Option<SourceFile>> = const { std::cell::Cell::new(None) };
}

/// Hands a course file from the form editor to this screen's preview,
/// which checks it as a chosen file and offers the same steps (take it now,
/// keep it, publish it); the caller then opens this screen.
pub fn hand_over(source: SourceFile) {
    HANDED.set(Some(source));
}

/// The preview of a course file: the checks of `quizcheck`, ids against
/// every shipped file (offline, against the course index). A converted
/// workbook's warnings (`sheet_lines`) name their cells.
async fn preview_of(
    catalog: &Catalog,
    name: String,
    source: SourceFile,
    sheet_lines: Option<Findings>,
) -> Preview {
    // A file with a shipped course's id is a revision of that course.
    let revised = quiz_core::check::revised_course(&catalog.shipped, &source).map(|s| s.id.clone());
    let checked = match &revised {
        Some(id) => catalog.check_revision(&source, id).await,
        None => catalog.check_file(&source).await,
    };
    let lines = Findings::File(checked.problems.into());
    let revises = revised.and_then(|id| {
        crate::SHIPPED
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.digest.to_owned())
    });
    match checked.course {
        Some(course) => Preview::Valid(
            source,
            Box::new(course),
            sheet_lines.unwrap_or(lines),
            revises,
        ),
        None => Preview::Problems(name, lines),
    }
}

/// What a chosen file is, read as a spreadsheet.
enum Sheet {
    /// Not `.xlsx` or `.csv`: read it as a course file.
    CourseFile(web_sys::File),
    /// A workbook that does not make a course: every problem, by cell.
    Refused(Findings),
    /// The course file it makes, and its warnings by cell.
    Converted(SourceFile, Findings),
}

/// Reads a workbook as a course ([`quiz_core::import::sheet`]): an `.xlsx`
/// (through the sheet worker, [`sheet_worker`]) or the `.csv` files of the
/// template's sheets (as Excel saves them); anything else is a course file.
/// The single-file hand-out has no sheet worker: there the trainer is asked
/// to save the sheets as CSV.
async fn from_sheet(files: Vec<web_sys::File>) -> Sheet {
    let ends = |f: &web_sys::File, ext: &str| f.name().to_lowercase().ends_with(ext);
    let Some(first) = files.first().cloned() else {
        return Sheet::Refused(Findings::Sheet(Arc::new([])));
    };
    let name = first.name();
    if ends(&first, ".xlsx") {
        if !sheet_worker::available() {
            return Sheet::Refused(Findings::note(|l| {
                trainer_ui(l).sheet_xlsx_as_csv.to_owned()
            }));
        }
        let Some(bytes) = read_bytes(first).await else {
            return Sheet::Refused(Findings::note(|l| {
                trainer_ui(l).sheet_unreadable.to_owned()
            }));
        };
        return match sheet_worker::read_xlsx(bytes).await {
            Ok(book) => converted(&book, &name),
            Err(e) => Sheet::Refused(worker_error(e)),
        };
    }
    if !ends(&first, ".csv") {
        return Sheet::CourseFile(first);
    }
    let mut sheets = Vec::new();
    for file in files.into_iter().filter(|f| ends(f, ".csv")) {
        // Excel names a CSV's sheet after its file: 問題.csv is 「問題」.
        let file_name = file.name();
        let stem = file_name
            .rsplit_once('.')
            .map_or(file_name.as_str(), |(s, _)| s)
            .to_owned();
        // UTF-8 or Shift_JIS, decoded by the browser.
        let Some(text) = read_text_sjis_or_utf8(file).await else {
            return Sheet::Refused(Findings::note(|l| {
                trainer_ui(l).sheet_unreadable.to_owned()
            }));
        };
        sheets.extend(sheet::csv_text(&stem, &text).sheets);
    }
    converted(&sheet::Workbook { sheets }, &name)
}

/// A workbook's cells as a course file, or every problem by sheet and cell.
fn converted(book: &sheet::Workbook, name: &str) -> Sheet {
    let options = quiz_core::item_check::ItemOptions::new(today_date());
    let conversion = sheet::convert(book, name, &options);
    let lines = Findings::Sheet(conversion.findings.into());
    match (conversion.toml, conversion.course) {
        (Some(toml), Some(course)) => {
            Sheet::Converted(SourceFile::new(format!("{}.toml", course.id), toml), lines)
        }
        _ => Sheet::Refused(lines),
    }
}

/// The sheet worker's failure in the trainer's terms.
fn worker_error(error: SheetWorkerError) -> Findings {
    match error {
        SheetWorkerError::Unavailable => {
            Findings::note(|l| trainer_ui(l).sheet_worker_unavailable.to_owned())
        }
        SheetWorkerError::Unreadable(reason) => {
            let problem = sheet::SheetProblem::Unreadable { reason };
            Findings::note(move |l| problem.render(l))
        }
        SheetWorkerError::Failed(_) => {
            Findings::note(|l| trainer_ui(l).sheet_worker_failed.to_owned())
        }
    }
}

/// Where an export stands.
#[derive(Clone)]
enum Export {
    Working,
    /// Saved: what the template could not carry.
    Done(Arc<[sheet::ExportLoss]>),
    Failed(Findings),
}

/// A listed course (shipped, published or kept) saved as the template, so
/// a trainer can edit it in Excel and bring it back with its ids intact.
#[component]
fn SheetExport() -> impl IntoView {
    let lang = Settings::expect().lang;
    let t = move || trainer_ui(lang.get());
    let catalog = Catalog::expect();
    let chosen = RwSignal::new(None::<String>);
    let state = RwSignal::new(None::<Export>);
    let options = {
        let catalog = catalog.clone();
        move || {
            catalog
                .summaries()
                .into_iter()
                .map(|c| view! { <option value=c.id.clone()>{format!("{}（{}）", c.title, c.id)}</option> })
                .collect_view()
        }
    };
    let export = move |_| {
        let catalog = catalog.clone();
        let Some(id) = chosen
            .get_untracked()
            .or_else(|| catalog.summaries().first().map(|c| c.id.clone()))
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            state.set(Some(Export::Working));
            // A shipped course is fetched when first needed.
            if catalog.is_shipped(&id) && catalog.load(std::slice::from_ref(&id)).await.is_err() {
                state.set(Some(Export::Failed(Findings::note(|l| {
                    trainer_ui(l).course_fetch_failed.to_owned()
                }))));
                return;
            }
            let Some(course) = catalog.course(&id) else {
                state.set(Some(Export::Failed(Findings::note(|l| {
                    trainer_ui(l).course_fetch_failed.to_owned()
                }))));
                return;
            };
            let (book, losses) = sheet::course_book(&course);
            state.set(Some(match sheet_worker::write_xlsx(&book).await {
                Ok(bytes) if download_bytes(&format!("{id}.xlsx"), XLSX_MIME, &bytes) => {
                    Export::Done(losses.into())
                }
                Ok(_) => {
                    Export::Failed(Findings::note(|l| trainer_ui(l).download_failed.to_owned()))
                }
                Err(e) => Export::Failed(worker_error(e)),
            }));
        });
    };
    view! {
        <h3 id="export-heading">{move || t().export_heading}</h3>
        <p>{move || t().export_explain}</p>
        <label for="export-course">{move || t().export_label}</label>
        <select id="export-course" on:change=move |ev| chosen.set(Some(event_target_value(&ev)))>
            {options}
        </select>
        <div class="actions">
            <button type="button" class="button button--secondary" on:click=export>{move || t().export_button}</button>
        </div>
        <div role="status" aria-live="polite">
            {move || state.get().map(|s| match s {
                Export::Working => view! { <p>{t().export_working}</p> }.into_any(),
                Export::Done(losses) => view! {
                    <p class="status--pass">{t().export_done}</p>
                    {(!losses.is_empty()).then(|| view! {
                        <h4>{format!("{}（{}）", t().export_losses, losses.len())}</h4>
                        <ul class="problems problems--warnings">
                            {losses.iter().map(|w| view! { <li>{w.render(lang.get())}</li> }).collect_view()}
                        </ul>
                    })}
                }.into_any(),
                Export::Failed(why) => view! { <p role="alert" class="status--fail">{why.lines(lang.get(), 1)}</p> }.into_any(),
            })}
        </div>
    }
}

/// Excel: the template to download (a file of the site, checked against
/// the core's template by a native test).
#[component]
fn SheetSection() -> impl IntoView {
    let lang = Settings::expect().lang;
    let t = move || trainer_ui(lang.get());
    view! {
        <section aria-labelledby="sheet-heading">
            <h2 id="sheet-heading">{move || t().sheet_heading}</h2>
            <p>{move || t().sheet_explain}</p>
            // The single-file hand-out carries no other file: the template
            // comes with the site (or `quizcheck --template`).
            {(!course_files::is_single_file()).then(|| view! {
                <div class="actions">
                    <a class="button button--primary" href="static/course-template.xlsx" download="course-template.xlsx">{move || t().sheet_template}</a>
                </div>
            })}
            // Writing .xlsx needs the sheet worker, which the single file lacks.
            {sheet_worker::available().then(|| view! { <SheetExport /> })}
        </section>
    }
}

#[component]
fn ConvertSection() -> impl IntoView {
    let lang = Settings::expect().lang;
    let t = move || trainer_ui(lang.get());
    let aiken = RwSignal::new(false);
    let converted = RwSignal::new(None::<(String, ImportResult, String)>);
    let download_failed = RwSignal::new(false);
    let on_input = move |ev: leptos::ev::Event| {
        let Some(file) = input_files(&ev).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let name = file.name();
            let text = read_text(file).await.unwrap_or_default();
            let result = if aiken.get_untracked() {
                import::aiken::parse(&text)
            } else {
                import::gift::parse(&text)
            };
            let id = import::id_from_name(&name);
            let toml = import::to_toml(&result, &id, &id, &name);
            let out_name = format!("{id}.toml");
            converted.set(Some((out_name, result, toml)));
        });
    };
    view! {
        <section aria-labelledby="convert-heading">
            <h2 id="convert-heading">{move || t().convert_heading}</h2>
            <fieldset class="radio-row">
                <legend>{move || t().convert_format}</legend>
                <label><input type="radio" name="convert-format" prop:checked=move || !aiken.get()
                    on:change=move |_| aiken.set(false) />" GIFT"</label>
                <label><input type="radio" name="convert-format" prop:checked=move || aiken.get()
                    on:change=move |_| aiken.set(true) />" Aiken"</label>
            </fieldset>
            <label for="convert-file">{move || t().convert_label}</label>
            <input id="convert-file" type="file" accept=".gift,.txt,text/plain" on:change=on_input />
            <div role="status" aria-live="polite">
                {move || converted.get().map(|(name, result, toml)| {
                    let (t, l) = (t(), lang.get());
                    // What is left to do, in the language shown (one file: quick to check again).
                    let files = [SourceFile::new(name.clone(), toml.clone())];
                    let todo = check_files(&files).render(&files, l);
                    let file_name = name.clone();
                    let text = toml.clone();
                    view! {
                        <p class="convert-summary">{format!("{} {}", result.questions.len(), t.convert_done)}</p>
                        {(!result.issues.is_empty()).then(|| view! {
                            <h3>{format!("{}（{}）", t.convert_skipped, result.issues.len())}</h3>
                            <ul class="problems">
                                {result.issues.iter().map(|i| view! { <li>{format!("{}: {}", line_label(l, i.line), i.problem.render(l))}</li> }).collect_view()}
                            </ul>
                        })}
                        {(!todo.is_empty()).then(|| view! {
                            <h3>{format!("{}（{}）", t.convert_todo, todo.len())}</h3>
                            <ul class="problems">{todo.into_iter().map(|p| view! { <li><code>{p}</code></li> }).collect_view()}</ul>
                        })}
                        <div class="actions">
                            <button type="button" class="button button--primary"
                                on:click=move |_| download_failed.set(!download(&file_name, "application/toml", &text))>{t.convert_download}</button>
                        </div>
                        <p role="alert" class="status--fail">{move || download_failed.get().then(|| trainer_ui(lang.get()).download_failed)}</p>
                        <pre class="toml-preview" tabindex="0" aria-label=name>{toml}</pre>
                    }
                })}
            </div>
        </section>
    }
}

#[component]
fn ResultsSection() -> impl IntoView {
    let lang = Settings::expect().lang;
    let t = move || trainer_ui(lang.get());
    let files = RwSignal::new(Vec::<ResultsFile>::new());
    let failures = RwSignal::new(Vec::<String>::new());
    let on_input = move |ev: leptos::ev::Event| {
        let chosen = input_files(&ev);
        leptos::task::spawn_local(async move {
            let mut ok = Vec::new();
            let mut bad = Vec::new();
            for file in chosen {
                let name = file.name();
                match parse_results(&read_text(file).await.unwrap_or_default()) {
                    Ok(f) => ok.push(f),
                    Err(e) => bad.push(format!("{name}: {e}")),
                }
            }
            files.set(ok);
            failures.set(bad);
        });
    };
    view! {
        <section aria-labelledby="results-heading">
            <h2 id="results-heading">{move || t().gather_heading}</h2>
            <label for="results-files">{move || t().results_label}</label>
            <input id="results-files" type="file" multiple accept=".csv,.json,text/csv,application/json" on:change=on_input />
            {move || {
                let bad = failures.get();
                (!bad.is_empty()).then(|| view! {
                    <ul class="problems">{bad.into_iter().map(|b| view! { <li>{format!("{b}（{}）", t().file_failed)}</li> }).collect_view()}</ul>
                })
            }}
            {move || {
                let rows = combine(&files.get());
                (!rows.is_empty()).then(|| {
                    let t = t();
                    view! {
                        <div class="table-wrap" tabindex="0" role="region" aria-labelledby="results-caption">
                            <table class="results-table">
                                <caption id="results-caption">{t.results_table_caption}</caption>
                                <thead><tr>
                                    <th scope="col">{t.col_learner}</th><th scope="col">{t.col_course}</th>
                                    <th scope="col">{t.col_best}</th><th scope="col">{t.col_passed_on}</th>
                                    <th scope="col">{t.col_attempts}</th>
                                </tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|r| view! {
                                        <tr>
                                            <th scope="row">{r.learner}</th><td>{r.course}</td>
                                            <td>{r.best.map(|b| format!("{b}%")).unwrap_or_else(|| "—".into())}</td>
                                            <td>{r.passed_on.unwrap_or_else(|| "—".into())}</td>
                                            <td>{r.attempts}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                })
            }}
        </section>
    }
}

/// Publishing a checked course to every learner of the site: the two files
/// to put into the site's `courses/` folder, written here, never by hand.
#[component]
fn PublishSteps(source: SourceFile, course: Course, revises: Revision) -> impl IntoView {
    let lang = Settings::expect().lang;
    let t = move || trainer_ui(lang.get());
    let catalog = Catalog::expect();
    let failed = RwSignal::new(false);
    // A revision never takes the shipped file's name: that file stays.
    let file_name = PublishedEntry::expected_file(&course.id, revises.is_some());
    let text = source.text.clone();
    let save_course = {
        let file_name = file_name.clone();
        move |_| failed.set(!download(&file_name, "application/toml", &text))
    };
    let save_index = {
        let (source, course, revises) = (source.clone(), course.clone(), revises.clone());
        let catalog = catalog.clone();
        move |_| {
            let index = catalog.published_index.get_untracked().unwrap_or_default();
            let next = index.with_course(&source, &course, &today_string(), revises.clone());
            failed.set(!download(
                "published.json",
                "application/json",
                &next.to_json(),
            ));
        }
    };
    if course_files::is_single_file() {
        let save_hand_out = move |_| {
            let index = catalog.published_index.get_untracked().unwrap_or_default();
            let next = index.with_course(&source, &course, &today_string(), revises.clone());
            let named = SourceFile::new(file_name.clone(), source.text.clone());
            let mut files: Vec<SourceFile> = catalog.published.with_untracked(|p| {
                p.iter()
                    .filter(|a| a.course.id != course.id)
                    .map(|a| a.file.clone())
                    .collect()
            });
            files.push(named);
            let saved = course_files::hand_out_with(&next, &files)
                .is_some_and(|page| download("kenshu.html", "text/html", &page));
            failed.set(!saved);
        };
        return view! {
            <section class="publish" aria-labelledby="publish-heading">
                <h4 id="publish-heading">{move || t().hand_out_heading}</h4>
                <p>{move || t().hand_out_steps}</p>
                <div class="actions">
                    <button type="button" class="button button--secondary" on:click=save_hand_out>{move || t().hand_out_save}</button>
                </div>
                <p role="alert" class="status--fail">{move || failed.get().then(|| t().download_failed)}</p>
            </section>
        }
        .into_any();
    }
    view! {
        <section class="publish" aria-labelledby="publish-heading">
            <h4 id="publish-heading">{move || t().publish_heading}</h4>
            <p>{move || t().publish_steps}</p>
            <div class="actions">
                <button type="button" class="button button--secondary" on:click=save_course>{move || t().publish_save_course}</button>
                <button type="button" class="button button--secondary" on:click=save_index>{move || t().publish_save_index}</button>
            </div>
            <p role="alert" class="status--fail">{move || failed.get().then(|| t().download_failed)}</p>
        </section>
    }
    .into_any()
}

/// The site's published courses: which learners see, which they do not and
/// why, and a way to stop publishing one.
#[component]
fn PublishedList() -> impl IntoView {
    let lang = Settings::expect().lang;
    let t = move || trainer_ui(lang.get());
    let catalog = Catalog::expect();
    let failed = RwSignal::new(false);
    let list = move || {
        let t = t();
        let Some(index) = catalog.published_index.get() else {
            return view! { <p>{t.published_none}</p> }.into_any();
        };
        let accepted = catalog.published.get();
        let refused = catalog.published_refused.get();
        let rows = index
            .courses
            .iter()
            .map(|entry| {
                let shown = accepted.iter().find(|a| a.course.id == entry.id);
                let reasons = refused
                    .iter()
                    .find(|r| r.id == entry.id)
                    .map(|r| r.lines(lang.get()))
                    .unwrap_or_default();
                let state = match (shown, reasons.is_empty()) {
                    (Some(_), true) => t.published_shown,
                    (Some(_), false) => t.published_last_good,
                    (None, _) => t.published_hidden,
                };
                let without = index.without(&entry.id);
                let unpublish = move |_| {
                    failed.set(!download("published.json", "application/json", &without.to_json()));
                };
                view! {
                    <li>
                        <strong>{entry.title.clone()}</strong>{format!("（{}、{}）", entry.file, entry.published_on)}
                        {entry.revises.is_some().then(|| view! { " "<span class="badge">{t.published_revision}</span> })}
                        " "<span class=if reasons.is_empty() { "status--pass" } else { "status--fail" }>{state}</span>
                        {(!reasons.is_empty()).then(|| view! {
                            <ul class="problems">{reasons.into_iter().map(|r| view! { <li><code>{r}</code></li> }).collect_view()}</ul>
                        })}
                        <button type="button" class="button button--ghost" on:click=unpublish>{t.unpublish}</button>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="local-courses" id="published-list">{rows}</ul> }.into_any()
    };
    view! {
        <section aria-labelledby="published-heading">
            <h2 id="published-heading">{move || t().published_heading}</h2>
            {move || catalog.published_error.get().map(|_| view! { <p class="status--fail">{t().published_offline}</p> })}
            {list}
            <p role="alert" class="status--fail">{move || failed.get().then(|| t().download_failed)}</p>
        </section>
    }
}
