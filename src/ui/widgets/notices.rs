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

/// Tells the learner, in plain words, whatever stands between their
/// training records and the LRS: records waiting (and why: sending, the
/// LRS unreachable, busy, failing, or refusing the site's sign-in), records
/// kept aside because no 職員番号 was set when they were made (for their
/// owner to confirm), a full outbox, records refused, a failed write to
/// this browser's storage. It never hides while anything waits or failed;
/// nothing shows when all is sent, or without reporting. Its code is
/// fetched only when there is something to say (a split point).
#[component]
pub fn ReportingNotice() -> impl IntoView {
    let reporting = Reporting::get();
    move || {
        let s = reporting?.state.get();
        s.worth_saying().then(
            || view! { <Suspense fallback=|| ()>{Suspend::new(reporting_notice())}</Suspense> },
        )
    }
}

async fn reporting_notice() -> AnyView {
    deferred!(reporting_notice_view())
}

#[cfg_attr(kenshu_split, leptos::lazy)]
fn reporting_notice_view() -> AnyView {
    use quiz_core::lms::outbox::{CAP, RESERVE};

    use crate::ui::i18n::{outbox_full, records_not_kept, records_refused, unclaimed_attempt};
    use crate::ui::state::clock::{local_time, now_ms};

    /// How long a record may wait, sending going well, before it is said.
    const GRACE_MS: u64 = 5_000;

    let lang = Settings::expect().lang;
    let store = Store::expect();
    let tick = RwSignal::new(0_u64);
    let Some(r) = Reporting::get() else {
        return ().into_any();
    };
    (move || {
        let s = r.state.get();
        let l = lang.get();
        let t = reporting_ui(l);
        if !s.worth_saying() {
            return ().into_any();
        }
        if s.broken_settings.is_some() {
            return view! {
                <div class="notice notice--warning" role="status" data-testid="reporting-notice">
                    {t.reporting_broken}
                </div>
            }
            .into_any();
        }
        let storage = (s.storage_error.is_some() || s.unsaved > 0).then(|| {
            let detail = s.storage_error.clone().unwrap_or_default();
            view! {
                <p role="alert" data-testid="reporting-storage">
                    {t.reporting_storage_failed}" "<code>{detail}</code>
                </p>
            }
        });
        // Records that went out at once are not worth a flash at the top of
        // the screen (it would move the page under the learner's pointer):
        // waiting shows after a failure, or once a record waits GRACE_MS.
        tick.track();
        let waited = now_ms().saturating_sub(s.oldest_ms);
        let due = s.waiting > 0 && (!s.error.is_empty() || waited >= GRACE_MS);
        if s.waiting > 0 && !due {
            set_timeout(
                move || tick.update(|t| *t += 1),
                std::time::Duration::from_millis(GRACE_MS - waited),
            );
        }
        let waiting = due.then(|| {
            let why = match s.status {
                _ if s.error.is_empty() => t.reporting_sending,
                401 | 403 => t.reporting_sign_in,
                429 => t.reporting_busy,
                500..=599 => t.reporting_server_error,
                _ => t.reporting_later,
            };
            view! {
                <p data-testid="reporting-waiting">
                    {records_waiting(l, s.waiting)}" "{why}" "
                    <button type="button" class="button button--secondary" on:click=move |_| r.send_now()>
                        {t.reporting_send_now}
                    </button>
                </p>
            }
        });
        let full = if s.not_kept > 0 {
            Some(records_not_kept(l, s.not_kept, CAP, RESERVE))
        } else {
            s.full.then(|| outbox_full(l, CAP))
        };
        let full = full.map(|text| view! { <p data-testid="reporting-full">{text}</p> });
        let refused =
            (s.refused > 0).then(|| view! { <p data-testid="reporting-refused">{records_refused(l, s.refused)}</p> });
        let unclaimed = (!s.unclaimed.is_empty()).then(|| {
            // As the learner is now (they may have just set a number).
            let has_identity = store.progress.with(|p| {
                p.learner
                    .as_ref()
                    .and_then(|l| l.staff_number.as_deref())
                    .is_some_and(|n| !n.trim().is_empty())
            });
            let items = s
                .unclaimed
                .iter()
                .map(|a| {
                    let text = unclaimed_attempt(l, &a.course, &local_time(l, a.from_ms), a.statements);
                    let registration = a.registration.clone();
                    view! {
                        <li>
                            {text}" "
                            {has_identity.then(|| view! {
                                <button type="button" class="button button--secondary"
                                    on:click=move |_| r.claim(&registration)>{t.reporting_claim}</button>
                            })}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div data-testid="reporting-unclaimed">
                    <p>{t.reporting_unclaimed_intro}</p>
                    <ul>{items}</ul>
                    <p>
                        {if has_identity { t.reporting_unclaimed_confirm } else { t.reporting_unclaimed_set_number }}
                        {(!has_identity).then(|| view! { " " <a href=Route::Settings.href()>{ui(l).settings}</a> })}
                    </p>
                </div>
            }
        });
        let warning = storage.is_some() || s.status != 0 || s.not_kept > 0 || s.refused > 0;
        if storage.is_none()
            && waiting.is_none()
            && full.is_none()
            && refused.is_none()
            && unclaimed.is_none()
        {
            return ().into_any();
        }
        view! {
            <div class=if warning { "notice notice--warning" } else { "notice" } role="status"
                data-testid="reporting-notice">
                {storage}{waiting}{full}{refused}{unclaimed}
            </div>
        }
        .into_any()
    })
    .into_any()
}
