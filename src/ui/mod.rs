//! The Leptos UI: contexts, the hash router and the app shell. Components
//! render state and forward events; every decision is made in `quiz_core`,
//! and every storage call goes through [`crate::storage`].

#[cfg(kenshu_split)]
macro_rules! deferred {
    ($call:expr) => {
        $call.await
    };
}
#[cfg(not(kenshu_split))]
macro_rules! deferred {
    ($call:expr) => {
        $call
    };
}

pub mod crash;
pub mod i18n;
pub mod screens;
pub mod state;
pub mod widgets;

use leptos::prelude::*;
use quiz_core::Route;

use self::i18n::ui;
use self::state::{Catalog, Nav, Settings, Store};
use self::widgets::CoursesReady;

/// The whole app: provides the contexts, then renders the current screen.
#[component]
pub fn App() -> impl IntoView {
    Catalog::provide();
    Settings::provide();
    Store::provide();
    state::Reporting::provide();
    Nav::provide();
    state::scorm::provide();
    let nav = Nav::expect();
    let lang = Settings::expect().lang;
    let t = move || ui(lang.get());
    Effect::new(move |_| {
        let code = lang.get().code();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", code);
        }
    });
    view! {
        <a class="skip-link" href="#main" on:click=move |ev| {
            ev.prevent_default();
            widgets::focus_main();
        }>{move || t().skip_to_main}</a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="site-header__brand" href="#/">
                    <span class="site-header__name">{move || t().app_name}</span>
                    <span class="site-header__tagline">{move || t().app_tagline}</span>
                </a>
                <widgets::LangToggle />
            </div>
        </header>
        <widgets::StorageNotice />
        <widgets::RepairNotice />
        <widgets::UpdateNotice />
        <widgets::ReportingNotice />
        <crash::CodeMissingNotice />
        <main id="main" tabindex="-1" class="main">
            {move || match nav.route.get() {
                Route::Home => view! { <screens::home::Home /> }.into_any(),
                // Screens a first visit does not need come from their own
                // wasm chunks in release builds (see `deferred!`).
                Route::Course(id) => view! {
                    <CoursesReady course=id.clone()>{deferred(course_screen(id.clone()))}</CoursesReady>
                }.into_any(),
                Route::Attempt(id) => view! {
                    <CoursesReady course=id.clone()>{deferred(attempt_screen(id.clone()))}</CoursesReady>
                }.into_any(),
                Route::Results(id) => view! {
                    <CoursesReady course=id.clone()>{deferred(results_screen(id.clone()))}</CoursesReady>
                }.into_any(),
                Route::Certificate(id) => view! {
                    <CoursesReady course=id.clone()>{deferred(certificate_screen(id.clone()))}</CoursesReady>
                }.into_any(),
                Route::Review => view! { <CoursesReady all=true>{deferred(review_screen())}</CoursesReady> }.into_any(),
                Route::Settings => view! { <CoursesReady all=true>{deferred(settings_screen())}</CoursesReady> }.into_any(),
                Route::Trainer => deferred(trainer_screen()),
                Route::Editor => deferred(editor_screen()),
                Route::NotFound(_) => view! { <screens::not_found::NotFound /> }.into_any(),
            }}
        </main>
        <footer class="site-footer">
            <nav>
                <ul class="footer-links">
                    <li><a href=Route::Review.href()>{move || t().review_heading}</a></li>
                    <li><a href=Route::Settings.href()>{move || t().settings}</a></li>
                    <li><a href=Route::Trainer.href()>{move || t().trainer}</a></li>
                </ul>
            </nav>
            <p>{move || if state::Reporting::get().is_some() { t().footer_reporting } else { t().footer }}</p>
        </footer>
    }
}

/// Renders a screen that may still be loading its wasm chunk; a chunk is
/// fetched once, so later visits render at once. A chunk that cannot be
/// fetched keeps the screen waiting (never a failed load, which would stop
/// the app) while [`crash::CodeMissingNotice`] offers to try again.
fn deferred(screen: impl std::future::Future<Output = AnyView> + Send + 'static) -> AnyView {
    let catalog = Catalog::expect();
    let screen = async move {
        let view = screen.await;
        // The screen's code is in: the checks that run beside every screen
        // may now use the line.
        catalog.start_checks();
        view
    };
    view! { <Suspense fallback=|| ()>{Suspend::new(screen)}</Suspense> }.into_any()
}

// The split points. In release builds (`cfg(kenshu_split)`) each becomes an
// async function whose body lives in its own wasm chunk; elsewhere it is an
// ordinary function, wrapped in a ready future by the callers above.
#[cfg_attr(kenshu_split, leptos::lazy)]
fn course_screen_view(id: String) -> AnyView {
    view! { <screens::course::CoursePage id /> }.into_any()
}
#[cfg_attr(kenshu_split, leptos::lazy)]
fn attempt_screen_view(id: String) -> AnyView {
    view! { <screens::attempt::AttemptPage id /> }.into_any()
}
#[cfg_attr(kenshu_split, leptos::lazy)]
fn results_screen_view(id: String) -> AnyView {
    view! { <screens::results::ResultsPage id /> }.into_any()
}
#[cfg_attr(kenshu_split, leptos::lazy)]
fn certificate_screen_view(id: String) -> AnyView {
    view! { <screens::certificate::CertificatePage id /> }.into_any()
}
#[cfg_attr(kenshu_split, leptos::lazy)]
fn review_screen_view() -> AnyView {
    view! { <screens::review::ReviewPage /> }.into_any()
}
#[cfg_attr(kenshu_split, leptos::lazy)]
fn settings_screen_view() -> AnyView {
    view! { <screens::settings::SettingsPage /> }.into_any()
}
#[cfg_attr(kenshu_split, leptos::lazy)]
fn trainer_screen_view() -> AnyView {
    view! { <screens::trainer::TrainerPage /> }.into_any()
}
#[cfg_attr(kenshu_split, leptos::lazy)]
fn editor_screen_view() -> AnyView {
    view! { <screens::editor::EditorPage /> }.into_any()
}

async fn course_screen(id: String) -> AnyView {
    deferred!(course_screen_view(id))
}
async fn attempt_screen(id: String) -> AnyView {
    deferred!(attempt_screen_view(id))
}
async fn results_screen(id: String) -> AnyView {
    deferred!(results_screen_view(id))
}
async fn certificate_screen(id: String) -> AnyView {
    deferred!(certificate_screen_view(id))
}
async fn review_screen() -> AnyView {
    deferred!(review_screen_view())
}
async fn settings_screen() -> AnyView {
    deferred!(settings_screen_view())
}
async fn trainer_screen() -> AnyView {
    deferred!(trainer_screen_view())
}
async fn editor_screen() -> AnyView {
    deferred!(editor_screen_view())
}

/// Sets the `kenshu-mounted` performance mark once the first screen is in
/// the page, for the load-time report of the end-to-end run.
pub fn mark_mounted() {
    if let Some(performance) = window().performance() {
        let _ = performance.mark("kenshu-mounted");
    }
}

/// Removes the static page `index.html` shows while the app loads.
pub fn remove_boot_shell() {
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
}
