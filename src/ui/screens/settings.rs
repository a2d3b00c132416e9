//! Settings: the learner's name, language, export and import of progress,
//! copies of unreadable data, a reset that asks first, and (when the
//! deployment reports to an LRS) what is sent, where, and what waits.

use leptos::prelude::*;
use quiz_core::Lang;
use quiz_core::progress::migrate;
use quiz_core::report::{results_file, to_csv};

use crate::storage;
use crate::ui::i18n::{
    LANG_NAMES, import_summary, records_refused, records_waiting, reporting_ui, ui,
};
use crate::ui::state::clock::{local_time, today_string, utc_offset_minutes};
use crate::ui::state::{Catalog, Reporting, Settings, Store, now_ms};
use crate::ui::widgets::{download, use_title};

/// The settings screen.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let store = Store::expect();
    let lang = Settings::expect().lang;
    use_title(|l| Some(ui(l).settings.to_owned()));
    let t = move || ui(lang.get());
    let reporting_on = Reporting::get().is_some();

    let name = RwSignal::new(store.progress.with_untracked(|p| {
        p.learner
            .as_ref()
            .map(|l| l.name.clone())
            .unwrap_or_default()
    }));
    let learner_field = |get: fn(&quiz_core::progress::Learner) -> Option<String>| {
        RwSignal::new(
            store
                .progress
                .with_untracked(|p| p.learner.as_ref().and_then(get).unwrap_or_default()),
        )
    };
    let staff_number = learner_field(|l| l.staff_number.clone());
    let department = learner_field(|l| l.department.clone());
    let name_saved = RwSignal::new(false);
    let save_name = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        store.progress.update(|p| {
            p.set_identity(
                &name.get_untracked(),
                &staff_number.get_untracked(),
                &department.get_untracked(),
                now_ms(),
            )
        });
        // The staff number as stored (normalised: ０１２３ ４ → 01234), so
        // the learner sees what their records will carry.
        staff_number.set(store.progress.with_untracked(|p| {
            p.learner
                .as_ref()
                .and_then(|l| l.staff_number.clone())
                .unwrap_or_default()
        }));
        name_saved.set(true);
        // Statements waiting for a staff number can go now.
        if let Some(r) = Reporting::get() {
            r.send_now();
        }
    };

    // A download the browser refused is said where it was asked for.
    let download_failed = RwSignal::new(false);
    let offer = move |name: &str, mime: &str, text: &str| {
        download_failed.set(!download(name, mime, text));
    };
    let export = move |_| {
        let json = store
            .progress
            .with_untracked(|p| serde_json::to_string_pretty(p).unwrap_or_default());
        let day = today_string().replace('-', "");
        offer(
            &format!("kenshu-progress-{day}.json"),
            "application/json",
            &json,
        );
    };

    let catalog = Catalog::expect();
    let results = move |csv: bool| {
        let offset = utc_offset_minutes();
        let file = store
            .progress
            .with_untracked(|p| results_file(p, &catalog.all(), now_ms(), offset));
        let who = if file.learner.is_empty() {
            "learner".to_owned()
        } else {
            file.learner.replace(' ', "_")
        };
        let base = format!("kenshu-results-{who}-{}", file.exported_on);
        if csv {
            offer(
                &format!("{base}.csv"),
                "text/csv;charset=utf-8",
                &to_csv(&file),
            );
        } else {
            let json = serde_json::to_string_pretty(&file).unwrap_or_default();
            offer(&format!("{base}.json"), "application/json", &json);
        }
    };
    let results_csv = {
        let results = results.clone();
        move |_| results(true)
    };
    let results_json = move |_| results(false);

    let import_message = RwSignal::new(None::<(bool, String)>);
    let import_catalog = Catalog::expect();
    let import = move |ev: leptos::ev::Event| {
        let catalog = import_catalog.clone();
        let Some(input) = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            let l = lang.get_untracked();
            match migrate(&text) {
                Ok((imported, _)) => {
                    let summary = store.import(&imported, &catalog.shapes_untracked());
                    import_message.set(Some((true, import_summary(l, &summary))));
                }
                Err(e) => {
                    import_message.set(Some((false, format!("{}: {e}", ui(l).import_failed))))
                }
            }
            input.set_value("");
        });
    };

    let confirming = RwSignal::new(false);
    let reset_done = RwSignal::new(false);
    let backups = RwSignal::new(storage::backups());

    view! {
        <h1 class="page-title">{move || t().settings}</h1>

        <section aria-labelledby="name-heading">
            <h2 id="name-heading">{move || t().identity_heading}</h2>
            <form class="inline-form" on:submit=save_name>
                <label for="learner-name">{move || if reporting_on { reporting_ui(lang.get()).name_label_reporting } else { t().certificate_need_name }}</label>
                <input id="learner-name" type="text" autocomplete="name" maxlength="60"
                    prop:value=move || name.get()
                    on:input=move |ev| { name.set(event_target_value(&ev)); name_saved.set(false); } />
                <label for="learner-staff-number">{move || t().staff_number_label}</label>
                <input id="learner-staff-number" type="text" inputmode="numeric" autocomplete="off" maxlength="20"
                    prop:value=move || staff_number.get()
                    on:input=move |ev| { staff_number.set(event_target_value(&ev)); name_saved.set(false); } />
                <label for="learner-department">{move || t().department_label}</label>
                <div class="inline-form__row">
                    <input id="learner-department" type="text" autocomplete="organization-title" maxlength="60"
                        prop:value=move || department.get()
                        on:input=move |ev| { department.set(event_target_value(&ev)); name_saved.set(false); } />
                    <button type="submit" class="button button--secondary">{move || t().save}</button>
                </div>
                <p role="status" class="form-status">{move || name_saved.get().then(|| t().saved)}</p>
            </form>
        </section>

        <ReportingSection />

        <section aria-labelledby="lang-heading">
            <h2 id="lang-heading">{move || t().language}</h2>
            <fieldset class="radio-row">
                <legend class="visually-hidden">{move || t().language}</legend>
                <label><input type="radio" name="lang" prop:checked=move || lang.get() == Lang::Ja
                    on:change=move |_| lang.set(Lang::Ja) />" "{LANG_NAMES.0}</label>
                <label><input type="radio" name="lang" prop:checked=move || lang.get() == Lang::En
                    on:change=move |_| lang.set(Lang::En) />" "{LANG_NAMES.1}</label>
            </fieldset>
        </section>

        <section aria-labelledby="export-heading">
            <h2 id="export-heading">{move || t().export_heading}</h2>
            <div class="actions">
                <button type="button" class="button button--secondary" on:click=export>{move || t().export}</button>
            </div>
            <label for="import-file">{move || t().import_label}</label>
            <input id="import-file" type="file" accept=".json,application/json" on:change=import />
            <p role="status" class="form-status">
                {move || import_message.get().map(|(ok, text)| view! {
                    <span class=if ok { "status--pass" } else { "status--fail" }>{text}</span>
                })}
            </p>
        </section>

        <section aria-labelledby="results-save-heading">
            <h2 id="results-save-heading">{move || t().results_save_heading}</h2>
            <div class="actions">
                <button type="button" class="button button--secondary" on:click=results_csv>{move || t().results_save_csv}</button>
                <button type="button" class="button button--secondary" on:click=results_json>{move || t().results_save_json}</button>
            </div>
        </section>
        <p role="alert" class="form-status status--fail">{move || download_failed.get().then(|| t().download_failed)}</p>

        <section aria-labelledby="backups-heading">
            <h2 id="backups-heading">{move || t().backups_heading}</h2>
            {move || {
                let list = backups.get();
                if list.is_empty() {
                    return view! { <p>{t().backups_none}</p> }.into_any();
                }
                view! {
                    <ul class="backups">
                        {list.into_iter().map(|(name, ms, value)| {
                            let when = local_time(lang.get(), ms);
                            let file = format!("{}.json", name.replace('.', "-"));
                            view! {
                                <li>
                                    {format!("{when}（{} bytes）", value.len())}" "
                                    <button type="button" class="button button--ghost"
                                        on:click=move |_| offer(&file, "application/json", &value)>
                                        {move || t().download}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>

        <section aria-labelledby="reset-heading">
            <h2 id="reset-heading">{move || t().reset_heading}</h2>
            {move || if confirming.get() {
                view! {
                    <div class="confirm" role="alertdialog" aria-labelledby="reset-confirm-text">
                        <p id="reset-confirm-text">{t().reset_confirm}</p>
                        <div class="actions">
                            <button type="button" class="button button--danger" on:click=move |_| {
                                store.reset();
                                name.set(String::new());
                                staff_number.set(String::new());
                                department.set(String::new());
                                confirming.set(false);
                                reset_done.set(true);
                            }>{t().reset_yes}</button>
                            <button type="button" class="button button--secondary"
                                on:click=move |_| confirming.set(false)>{t().cancel}</button>
                        </div>
                    </div>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="button button--secondary"
                        on:click=move |_| { reset_done.set(false); confirming.set(true); }>{t().reset}</button>
                }.into_any()
            }}
            <p role="status" class="form-status">{move || reset_done.get().then(|| t().reset_done)}</p>
        </section>
    }
}

/// What is sent to the organisation's LRS, where, and what waits: shown
/// only when the deployment turned reporting on.
#[component]
fn ReportingSection() -> impl IntoView {
    let lang = Settings::expect().lang;
    let reporting = Reporting::get()?;
    let t = move || reporting_ui(lang.get());
    let state = reporting.state;
    Some(view! {
        <section aria-labelledby="reporting-heading">
            <h2 id="reporting-heading">{move || t().reporting_heading}</h2>
            <p>{move || t().reporting_intro}</p>
            <p>{move || t().reporting_destination}": "<code>{move || state.get().destination}</code></p>
            <p role="status" data-testid="reporting-status">{move || {
                let s = state.get();
                let l = lang.get();
                let t = reporting_ui(l);
                if s.broken_settings.is_some() {
                    t.reporting_broken.to_owned()
                } else if s.waiting == 0 && s.unclaimed.is_empty() {
                    t.reporting_nothing_waiting.to_owned()
                } else {
                    records_waiting(l, s.waiting)
                }
            }}</p>
            {move || {
                let s = state.get();
                (!s.error.is_empty() && s.waiting > 0).then(|| view! {
                    <p>{t().reporting_last_error}": "<code>{s.error}</code></p>
                })
            }}
            {move || {
                let n = state.get().refused;
                (n > 0).then(|| view! { <p>{records_refused(lang.get(), n)}</p> })
            }}
            <div class="actions">
                <button type="button" class="button button--secondary"
                    disabled=move || state.get().waiting == 0
                    on:click=move |_| reporting.send_now()>{move || t().reporting_send_now}</button>
            </div>
        </section>
    })
}
