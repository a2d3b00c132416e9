//! The trainer screen's "read from the LRS": statements fetched with an
//! account typed in for this visit (never stored), using the LRS's filters
//! (per course: `passed`, `failed`, and its `answered` as related
//! activities; optionally only those stored since a date) and following
//! every `more` page, turned by the core into the same results the 受講状況
//! table reads from files. When the reading cannot be complete (an error
//! mid-way, or the page limit) the screen says so.

use leptos::prelude::*;
use quiz_core::lms::xapi::{
    Config, StatementsPage, basic_auth, read_queries, results_from_statements,
};
use quiz_core::report::ResultsFile;

use crate::ui::i18n::{self, trainer_ui};
use crate::ui::state::clock::utc_offset_minutes;
use crate::ui::state::{Catalog, Settings};
use crate::ui::widgets::yield_to_browser;

/// Pages read at most, over all queries (100 statements each on Ralph): a
/// guard against an LRS whose `more` never ends. Reaching it is said.
const MOST_PAGES: usize = 5_000;

/// What reading gave, for the status line.
#[derive(Clone, Debug, PartialEq)]
enum Reading {
    Idle,
    Busy(usize),
    Done {
        people: usize,
        statements: usize,
    },
    /// Stopped before the end: what was read is shown, and said to be partial.
    Incomplete {
        people: usize,
        statements: usize,
        why: Box<Reading>,
    },
    /// The guard against an LRS whose `more` never ends was reached.
    PageLimit,
    AuthFailed,
    Unreachable(String),
    Failed(u16),
}

/// The form, and `results` set to one results file per learner found.
#[component]
pub fn LrsImport(results: RwSignal<Vec<ResultsFile>>) -> impl IntoView {
    let lang = Settings::expect().lang;
    let t = move || trainer_ui(lang.get());
    let catalog = Catalog::expect();
    let config = crate::lrs::settings_text().and_then(|text| Config::parse(&text).ok());
    let configured = config
        .as_ref()
        .map(|c| c.endpoint.clone())
        .unwrap_or_default();
    let activity_base = config
        .and_then(|c| c.activity_base)
        .unwrap_or_else(crate::lrs::site_base);
    let endpoint = RwSignal::new(configured);
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let since = RwSignal::new(String::new());
    let reading = RwSignal::new(Reading::Idle);

    let read = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if matches!(reading.get_untracked(), Reading::Busy(_)) {
            return;
        }
        let mut base = endpoint.get_untracked().trim().to_owned();
        if !base.ends_with('/') {
            base.push('/');
        }
        let authorization = basic_auth(&username.get_untracked(), &password.get_untracked());
        let courses: Vec<(String, String)> = catalog
            .summaries()
            .into_iter()
            .map(|c| (c.id, c.title))
            .collect();
        let ids: Vec<String> = courses.iter().map(|(id, _)| id.clone()).collect();
        // The start of the chosen day, in the trainer's time zone.
        let since = Some(since.get_untracked())
            .filter(|d| quiz_core::date::Date::parse(d).is_some())
            .map(|d| {
                let offset = utc_offset_minutes();
                let sign = if offset < 0 { '-' } else { '+' };
                let offset = offset.abs();
                format!("{d}T00:00:00{sign}{:02}:{:02}", offset / 60, offset % 60)
            });
        let queries = read_queries(&base, &activity_base, &ids, since.as_deref());
        leptos::task::spawn_local(async move {
            reading.set(Reading::Busy(0));
            let mut all = Vec::new();
            let mut pages = 0;
            let mut stopped: Option<Reading> = None;
            'queries: for query in queries {
                let mut next = Some(query);
                while let Some(url) = next.take() {
                    if pages >= MOST_PAGES {
                        stopped = Some(Reading::PageLimit);
                        break 'queries;
                    }
                    let reply = crate::lrs::request("GET", &url, Some(&authorization), None).await;
                    let outcome = match reply.status {
                        200 => StatementsPage::parse(&reply.text).map_err(|_| Reading::Failed(200)),
                        401 | 403 => Err(Reading::AuthFailed),
                        0 => Err(Reading::Unreachable(reply.text)),
                        status => Err(Reading::Failed(status)),
                    };
                    let page = match outcome {
                        Ok(page) => page,
                        Err(problem) => {
                            stopped = Some(problem);
                            break 'queries;
                        }
                    };
                    pages += 1;
                    next = page.next_url(&base);
                    all.extend(page.statements);
                    reading.set(Reading::Busy(all.len()));
                    yield_to_browser().await;
                }
            }
            let files = results_from_statements(&all, &courses, utc_offset_minutes());
            let (people, statements) = (files.len(), all.len());
            let status = match stopped {
                None => Reading::Done { people, statements },
                // Nothing read: the problem as it is.
                Some(problem) if pages == 0 => {
                    reading.set(problem);
                    return;
                }
                Some(problem) => Reading::Incomplete {
                    people,
                    statements,
                    why: Box::new(problem),
                },
            };
            reading.set(status);
            results.set(files);
        });
    };

    view! {
        <h3>{move || t().lrs_heading}</h3>
        <p>{move || t().lrs_intro}</p>
        <form class="inline-form" on:submit=read>
            <label for="lrs-endpoint">{move || t().lrs_endpoint}</label>
            <input id="lrs-endpoint" type="url" autocomplete="off" required
                prop:value=move || endpoint.get()
                on:input=move |ev| endpoint.set(event_target_value(&ev)) />
            <label for="lrs-username">{move || t().lrs_username}</label>
            <input id="lrs-username" type="text" autocomplete="off" required
                prop:value=move || username.get()
                on:input=move |ev| username.set(event_target_value(&ev)) />
            <label for="lrs-since">{move || t().lrs_since}</label>
            <input id="lrs-since" type="date"
                prop:value=move || since.get()
                on:input=move |ev| since.set(event_target_value(&ev)) />
            <label for="lrs-password">{move || t().lrs_password}</label>
            <div class="inline-form__row">
                <input id="lrs-password" type="password" autocomplete="off" required
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev)) />
                <button type="submit" class="button button--secondary">{move || t().lrs_read}</button>
            </div>
        </form>
        <p role="status" data-testid="lrs-status"
            class=move || matches!(reading.get(), Reading::Incomplete { .. }).then_some("notice notice--warning")>
            {move || {
                let l = lang.get();
                match reading.get() {
                    Reading::Idle => String::new(),
                    Reading::Busy(n) => i18n::statements_read(l, n),
                    Reading::Done { people, statements } => i18n::lrs_read_done(l, people, statements),
                    Reading::Incomplete { people, statements, why } => {
                        i18n::lrs_read_incomplete(l, people, statements, &describe(l, &why))
                    }
                    problem => describe(l, &problem),
                }
            }}
        </p>
    }
}

/// A problem reading, in words.
fn describe(l: quiz_core::Lang, problem: &Reading) -> String {
    let t = trainer_ui(l);
    match problem {
        Reading::AuthFailed => t.lrs_auth_failed.to_owned(),
        Reading::Unreachable(detail) => format!("{} ({detail})", t.lrs_unreachable),
        Reading::Failed(status) => i18n::lrs_failed(l, *status),
        Reading::PageLimit => i18n::lrs_page_limit(l, MOST_PAGES),
        _ => String::new(),
    }
}
