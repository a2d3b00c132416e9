//! The trainer screen's 受講状況 section: a roster from the personnel system
//! and learners' results files (or the organisation's LRS) → who completed, per department and course,
//! who has not, whose pass expires soon; and per question, item statistics.
//! Every decision (matching, merging, expiry, statistics) is the core's
//! (`quiz_core::roster`, `status`, `stats`); this renders and reads files.

use leptos::prelude::*;
use quiz_core::date::Date;
use quiz_core::report::{ResultsFile, parse_results};
use quiz_core::roster::{RosterParse, parse_roster};
use quiz_core::stats::item_statistics;
use quiz_core::status::{Completion, CourseRule, State, completion, completion_csv};

use crate::ui::i18n::{self, trainer_ui};
use crate::ui::state::{Catalog, Settings, today};
use crate::ui::widgets::{
    download, input_files, read_text, read_text_sjis_or_utf8, yield_to_browser,
};

/// A pass whose last valid day is this close is "expiring soon".
const SOON_DAYS: u32 = 30;

/// Files read between two breaks for the browser, so that reading
/// thousands of results files shows progress and never freezes the page.
const FILES_PER_BREAK: usize = 25;

/// The 受講状況 section.
#[component]
pub fn StatusSection() -> impl IntoView {
    let lang = Settings::expect().lang;
    let t = move || trainer_ui(lang.get());
    let catalog = Catalog::expect();
    let roster = RwSignal::new(None::<RosterParse>);
    let files = RwSignal::new(Vec::<ResultsFile>::new());
    let from_lrs = RwSignal::new(Vec::<ResultsFile>::new());
    // Results files and what was read from the LRS feed the same table.
    let results = Memo::new(move |_| {
        let mut all = files.get();
        all.extend(from_lrs.get());
        all
    });
    let failures = RwSignal::new(Vec::<String>::new());
    let reading = RwSignal::new(None::<(usize, usize)>);
    let department = RwSignal::new(String::new());
    let stats_course = RwSignal::new(String::new());
    let download_failed = RwSignal::new(false);

    let on_roster = move |ev: leptos::ev::Event| {
        let Some(file) = input_files(&ev).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let text = read_text_sjis_or_utf8(file).await.unwrap_or_default();
            roster.set(Some(parse_roster(&text)));
        });
    };
    let on_results = move |ev: leptos::ev::Event| {
        let chosen = input_files(&ev);
        leptos::task::spawn_local(async move {
            let total = chosen.len();
            let mut ok = Vec::with_capacity(total);
            let mut bad = Vec::new();
            for (n, file) in chosen.into_iter().enumerate() {
                if n % FILES_PER_BREAK == 0 {
                    reading.set(Some((n, total)));
                    yield_to_browser().await;
                }
                let name = file.name();
                match parse_results(&read_text(file).await.unwrap_or_default()) {
                    Ok(f) => ok.push(f),
                    Err(e) => bad.push(format!("{name}: {e}")),
                }
            }
            reading.set(None);
            files.set(ok);
            failures.set(bad);
        });
    };
    let rules = {
        let catalog = catalog.clone();
        move || -> Vec<CourseRule> {
            catalog
                .summaries()
                .into_iter()
                .map(|c| CourseRule {
                    id: c.id,
                    title: c.title,
                    valid_days: c.pass_valid_days,
                })
                .collect()
        }
    };
    let status = Memo::new({
        let rules = rules.clone();
        move |_| -> Option<Completion> {
            let rules = rules();
            roster.with(|r| {
                let r = r.as_ref()?;
                let today = Date::from_days_since_epoch(today());
                Some(results.with(|files| completion(&r.entries, files, &rules, today, SOON_DAYS)))
            })
        }
    });
    let save_csv = move |_| {
        if let Some(c) = status.get_untracked() {
            let name = format!("kenshu-status-{}.csv", Date::from_days_since_epoch(today()));
            download_failed.set(!download(
                &name,
                "text/csv;charset=utf-8",
                &completion_csv(&c),
            ));
        }
    };

    let summary = move || {
        let t = t();
        let l = lang.get();
        let c = status.get()?;
        let titles: Vec<String> = c
            .departments
            .first()
            .map(|d| d.courses.iter().map(|s| s.title.clone()).collect())
            .unwrap_or_default();
        let rows = c
            .departments
            .iter()
            .map(|d| {
                let cells = d
                    .courses
                    .iter()
                    .map(|s| {
                        let n = s.counts;
                        view! { <td>{i18n::completed_of(l, n.completed, n.members, n.expiring_soon)}</td> }
                    })
                    .collect_view();
                view! { <tr><th scope="row">{d.department.clone()}</th>{cells}</tr> }
            })
            .collect_view();
        let departments: Vec<String> = c.departments.iter().map(|d| d.department.clone()).collect();
        Some(view! {
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="status-caption">
                <table class="results-table" id="status-table">
                    <caption id="status-caption">{t.status_caption}</caption>
                    <thead><tr>
                        <th scope="col">{t.col_department}</th>
                        {titles.into_iter().map(|title| view! { <th scope="col">{title}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <div class="actions">
                <button type="button" class="button button--secondary" on:click=save_csv>{t.status_save_csv}</button>
            </div>
            <p role="alert" class="status--fail">{move || download_failed.get().then(|| trainer_ui(lang.get()).download_failed)}</p>
            <label for="status-department">{t.department_choose}</label>
            <select id="status-department" on:change=move |ev| department.set(event_target_value(&ev))>
                <option value="">"—"</option>
                {departments.into_iter().map(|d| view! { <option value=d.clone()>{d.clone()}</option> }).collect_view()}
            </select>
        })
    };

    let people = move || {
        let chosen = department.get();
        if chosen.is_empty() {
            return None;
        }
        let t = t();
        let l = lang.get();
        let c = status.get()?;
        let d = c.departments.iter().find(|d| d.department == chosen)?;
        let titles: Vec<String> = d.courses.iter().map(|s| s.title.clone()).collect();
        let first = d.courses.first()?;
        let rows = first
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let cells = d
                    .courses
                    .iter()
                    .map(|s| {
                        let state = s.people.get(i).map_or(State::NotTaken, |p| p.state);
                        let class = if state.is_completed() { "status--pass" } else { "status--fail" };
                        view! { <td class=class>{state_text(l, state)}</td> }
                    })
                    .collect_view();
                view! {
                    <tr><td>{p.staff_number.clone()}</td><th scope="row">{p.name.clone()}</th>{cells}</tr>
                }
            })
            .collect_view();
        Some(view! {
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="people-caption">
                <table class="results-table" id="people-table">
                    <caption id="people-caption">{format!("{} — {}", t.people_caption, d.department)}</caption>
                    <thead><tr>
                        <th scope="col">{t.col_staff_number}</th><th scope="col">{t.col_learner}</th>
                        {titles.into_iter().map(|title| view! { <th scope="col">{title}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })
    };

    let flagged = move || {
        let t = t();
        let l = lang.get();
        let c = status.get()?;
        let mismatches = (!c.mismatches.is_empty()).then(|| view! {
            <h3>{t.mismatches_heading}</h3>
            <ul class="problems" id="mismatches">
                {c.mismatches.iter().map(|m| view! {
                    <li>{i18n::mismatch_line(l, &m.staff_number, &m.roster_name, &m.file_name)}</li>
                }).collect_view()}
            </ul>
        });
        let unmatched = (!c.unmatched.is_empty()).then(|| view! {
            <h3>{t.unmatched_heading}</h3>
            <ul class="problems" id="unmatched">
                {c.unmatched.iter().map(|u| view! {
                    <li>{i18n::unmatched_line(l, u.reason, u.staff_number.as_deref().unwrap_or("—"), &u.learner)}</li>
                }).collect_view()}
            </ul>
        });
        Some(view! { {mismatches}{unmatched} })
    };

    let stats = move || {
        let course = stats_course.get();
        if course.is_empty() {
            return None;
        }
        let t = t();
        let items = results.with(|files| item_statistics(files, &course));
        if items.is_empty() {
            return Some(view! { <p>{t.stats_none}</p> }.into_any());
        }
        let rows = items
            .into_iter()
            .map(|s| {
                let picks = s
                    .picks
                    .iter()
                    .map(|(choice, n)| format!("{}: {n}", choice + 1))
                    .collect::<Vec<_>>()
                    .join(" / ");
                let rate = format!("{:.0}%", s.difficulty * 100.0);
                let discrimination = s
                    .discrimination
                    .map_or_else(|| "—".to_owned(), |d| format!("{d:+.2}"));
                view! {
                    <tr><th scope="row"><code>{s.question}</code></th><td>{s.answered}</td>
                        <td>{rate}</td><td>{discrimination}</td><td>{picks}</td></tr>
                }
            })
            .collect_view();
        Some(view! {
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="stats-caption">
                <table class="results-table" id="stats-table">
                    <caption id="stats-caption">{t.stats_caption}</caption>
                    <thead><tr>
                        <th scope="col">{t.col_question}</th><th scope="col">{t.col_answered}</th>
                        <th scope="col">{t.col_right_rate}</th><th scope="col">{t.col_discrimination}</th>
                        <th scope="col">{t.col_picks}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="form-status">{t.stats_explain}</p>
        }.into_any())
    };

    view! {
        <section aria-labelledby="status-heading">
            <h2 id="status-heading">{move || t().status_heading}</h2>
            <p>{move || t().status_intro}</p>
            <label for="roster-file">{move || t().roster_label}</label>
            <input id="roster-file" type="file" accept=".csv,text/csv" on:change=on_roster />
            <label for="status-results">{move || t().status_results_label}</label>
            <input id="status-results" type="file" multiple accept=".csv,.json,text/csv,application/json" on:change=on_results />
            <super::trainer_lrs::LrsImport results=from_lrs />
            <div role="status" aria-live="polite">
                {move || reading.get().map(|(n, total)| view! {
                    <p>{i18n::reading_files(lang.get(), n, total)}</p>
                    <progress max=total value=n></progress>
                })}
                {move || (reading.get().is_none() && !files.with(Vec::is_empty)).then(|| {
                    i18n::files_read(lang.get(), files.with(Vec::len))
                })}
            </div>
            {move || {
                let bad = failures.get();
                (!bad.is_empty()).then(|| view! {
                    <ul class="problems">{bad.into_iter().map(|b| view! { <li>{format!("{b}（{}）", t().file_failed)}</li> }).collect_view()}</ul>
                })
            }}
            {move || roster.with(|r| {
                let r = r.as_ref()?;
                let l = lang.get();
                (!r.problems.is_empty()).then(|| view! {
                    <h3>{t().roster_problems}</h3>
                    <ul class="problems" id="roster-problems">
                        {r.problems.iter().map(|(line, p)| view! {
                            <li>{format!("{}: {}", i18n::line_label(l, *line), p.render(l))}</li>
                        }).collect_view()}
                    </ul>
                })
            })}
            {summary}
            {people}
            {flagged}
            <h3>{move || t().stats_heading}</h3>
            <label for="stats-course">{move || t().stats_choose_course}</label>
            <select id="stats-course" on:change=move |ev| stats_course.set(event_target_value(&ev))>
                <option value="">"—"</option>
                {move || rules().into_iter().map(|r| view! { <option value=r.id.clone()>{r.title}</option> }).collect_view()}
            </select>
            {stats}
        </section>
    }
}

/// A person's state in one course, with the date that matters.
fn state_text(lang: quiz_core::Lang, state: State) -> String {
    let label = state.label(lang);
    match state {
        State::Completed {
            valid_until: Some(d),
            ..
        }
        | State::ExpiringSoon { valid_until: d, .. }
        | State::Expired { valid_until: d, .. } => i18n::state_until(lang, label, &d.to_string()),
        State::Completed {
            passed_on,
            valid_until: None,
        } => format!("{label} {passed_on}"),
        State::NotPassed { best: Some(b) } => format!("{label} {b}%"),
        State::NotPassed { best: None } | State::NotTaken => label.to_owned(),
    }
}
