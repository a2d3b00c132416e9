//! Notices at the top of every screen: storage problems, saved progress
//! that was repaired to fit this release, training records waiting to be
//! sent (when the deployment reports to an LRS), and a new release ready.

use leptos::prelude::*;
use quiz_core::Route;
use quiz_core::progress::Repair;

use crate::storage::StorageError;
use crate::ui::i18n::{records_waiting, repair_message, reporting_ui, ui};
use crate::ui::state::{Catalog, Reporting, Settings, Store};

/// Tells the learner, in plain words, when progress cannot be saved.
#[component]
pub fn StorageNotice() -> impl IntoView {
    let store = Store::expect();
    let lang = Settings::expect().lang;
    move || {
        let t = ui(lang.get());
        store.problem.get().map(|p| {
            let (text, backups) = match p {
                StorageError::Unavailable => (t.storage_unavailable, false),
                StorageError::WriteRefused(_) => (t.storage_refused, false),
                StorageError::Corrupt { backed_up: true } => (t.storage_corrupt, true),
                StorageError::Corrupt { backed_up: false } => (t.storage_corrupt_unsaved, false),
                StorageError::Newer(_) => (t.storage_newer, false),
                StorageError::NotKeptAside => (t.storage_not_kept_aside, false),
            };
            view! {
                <div class="notice notice--warning" role="alert">
                    {text}
                    {backups.then(|| view! { " " <a href=Route::Settings.href()>{t.see_backups}</a> })}
                </div>
            }
        })
    }
}

/// Tells the learner, in plain words, what checking their saved progress
/// against this release's courses ended or reopened, that the original is
/// kept in Settings, and what to do; dismissed with a button. Its code is
/// fetched only when there is something to say (a split point).
#[component]
pub fn RepairNotice() -> impl IntoView {
    let store = Store::expect();
    move || {
        (!store.repairs.with(Vec::is_empty)).then(|| {
            view! { <Suspense fallback=|| ()>{Suspend::new(repair_notice())}</Suspense> }
        })
    }
}

async fn repair_notice() -> AnyView {
    deferred!(repair_notice_view())
}

#[cfg_attr(kenshu_split, leptos::lazy)]
fn repair_notice_view() -> AnyView {
    let store = Store::expect();
    let catalog = Catalog::expect();
    let lang = Settings::expect().lang;
    (move || {
        let repairs: Vec<Repair> = store.repairs.get();
        let t = ui(lang.get());
        let titles = catalog.summaries();
        let title_of = |id: &str| {
            titles
                .iter()
                .find(|c| c.id == id)
                .map_or_else(|| id.to_owned(), |c| c.title.clone())
        };
        let items = repairs
            .iter()
            .map(|r| {
                let title = r.course().map(title_of).unwrap_or_default();
                view! { <li>{repair_message(lang.get(), r, &title)}</li> }
            })
            .collect_view();
        view! {
            <div class="notice notice--warning" role="alert" id="repair-notice">
                <p>{t.repair_intro}</p>
                <ul>{items}</ul>
                <p>
                    {t.repair_kept}" "<a href=Route::Settings.href()>{t.see_backups}</a>
                </p>
                <button type="button" class="button button--secondary"
                    on:click=move |_| store.repairs.set(Vec::new())>{t.dismiss}</button>
            </div>
        }
    })
    .into_any()
}

/// Tells the learner when a new release is ready (the service worker has
/// it), and switches to it on request, reloading the page as a whole.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let lang = Settings::expect().lang;
    let flag = || {
        js_sys::Reflect::get(&window(), &"kenshuUpdateReady".into())
            .ok()
            .is_some_and(|v| v.is_truthy())
    };
    let ready = RwSignal::new(flag());
    let handle = window_event_listener_untyped("kenshu-update-ready", move |_| ready.set(true));
    on_cleanup(move || handle.remove());
    let apply = |_| crate::ui::crash::call_window("kenshuApplyUpdate");
    move || {
        ready.get().then(|| {
            let t = ui(lang.get());
            view! {
                <div class="notice" role="status">
                    {t.update_ready}" "
                    <button type="button" class="button button--secondary" on:click=apply>{t.update_now}</button>
                </div>
            }
        })
    }
}

/// Tells the learner when training records wait to be sent and why: no
/// staff number yet, or the LRS cannot be reached (with a button to try
/// now). Nothing shows while sending goes well, or without reporting; its
/// code is fetched only when there is something to say (a split point).
#[component]
pub fn ReportingNotice() -> impl IntoView {
    let reporting = Reporting::get();
    move || {
        let s = reporting?.state.get();
        let worth_saying = s.broken_settings.is_some()
            || (s.waiting > 0 && (s.needs_staff_number || !s.error.is_empty()));
        worth_saying.then(
            || view! { <Suspense fallback=|| ()>{Suspend::new(reporting_notice())}</Suspense> },
        )
    }
}

async fn reporting_notice() -> AnyView {
    deferred!(reporting_notice_view())
}

#[cfg_attr(kenshu_split, leptos::lazy)]
fn reporting_notice_view() -> AnyView {
    let lang = Settings::expect().lang;
    let Some(r) = Reporting::get() else {
        return ().into_any();
    };
    (move || {
        let s = r.state.get();
        let l = lang.get();
        let t = reporting_ui(l);
        if s.broken_settings.is_some() {
            return view! { <div class="notice notice--warning" role="status">{t.reporting_broken}</div> }.into_any();
        }
        let waiting = records_waiting(l, s.waiting);
        if s.waiting == 0 {
            ().into_any()
        } else if s.needs_staff_number {
            view! {
                <div class="notice" role="status" data-testid="reporting-notice">
                    {waiting}" "{t.reporting_needs_number}" "
                    <a href=Route::Settings.href()>{ui(l).settings}</a>
                </div>
            }
            .into_any()
        } else {
            view! {
                <div class="notice" role="status" data-testid="reporting-notice">
                    {waiting}" "{t.reporting_later}" "
                    <button type="button" class="button button--secondary" on:click=move |_| r.send_now()>
                        {t.reporting_send_now}
                    </button>
                </div>
            }
            .into_any()
        }
    })
    .into_any()
}
