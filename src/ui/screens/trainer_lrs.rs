//! The trainer screen's "read from the LRS": statements fetched page by page
//! with an account typed in for this visit (never stored), turned by the
//! core into the same results the 受講状況 table reads from files.

use leptos::prelude::*;
use quiz_core::lms::xapi::{Config, StatementsPage, basic_auth, results_from_statements};
use quiz_core::report::ResultsFile;

use crate::ui::i18n::{self, trainer_ui};
use crate::ui::state::clock::utc_offset_minutes;
use crate::ui::state::{Catalog, Settings};
use crate::ui::widgets::yield_to_browser;

/// Pages read at most (100 statements each on Ralph): a guard against an
/// LRS whose `more` never ends.
const MOST_PAGES: usize = 5_000;

/// What reading gave, for the status line.
#[derive(Clone, Debug, PartialEq)]
enum Reading {
    Idle,
    Busy(usize),
    Done { people: usize, statements: usize },
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
    let configured = crate::lrs::settings_text()
        .and_then(|text| Config::parse(&text).ok())
        .map(|c| c.endpoint)
        .unwrap_or_default();
    let endpoint = RwSignal::new(configured);
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
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
        leptos::task::spawn_local(async move {
            reading.set(Reading::Busy(0));
            let mut all = Vec::new();
            let mut next = Some(format!("{base}statements?limit=100"));
            let mut pages = 0;
            while let Some(url) = next.take() {
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
                        reading.set(problem);
                        return;
                    }
                };
                pages += 1;
                next = page.next_url(&base).filter(|_| pages < MOST_PAGES);
                all.extend(page.statements);
                reading.set(Reading::Busy(all.len()));
                yield_to_browser().await;
            }
            let files = results_from_statements(&all, &courses, utc_offset_minutes());
            reading.set(Reading::Done {
                people: files.len(),
                statements: all.len(),
            });
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
            <label for="lrs-password">{move || t().lrs_password}</label>
            <div class="inline-form__row">
                <input id="lrs-password" type="password" autocomplete="off" required
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev)) />
                <button type="submit" class="button button--secondary">{move || t().lrs_read}</button>
            </div>
        </form>
        <p role="status" data-testid="lrs-status">{move || {
            let l = lang.get();
            let t = trainer_ui(l);
            match reading.get() {
                Reading::Idle => String::new(),
                Reading::Busy(n) => i18n::statements_read(l, n),
                Reading::Done { people, statements } => i18n::lrs_read_done(l, people, statements),
                Reading::AuthFailed => t.lrs_auth_failed.to_owned(),
                Reading::Unreachable(detail) => format!("{} ({detail})", t.lrs_unreachable),
                Reading::Failed(status) => i18n::lrs_failed(l, status),
            }
        }}</p>
    }
}
