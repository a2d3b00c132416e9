//! The screen shown if the app ever panics: never a blank page. It is
//! built with plain DOM calls (the Leptos runtime may be the thing that
//! broke) and offers the learner's saved progress as a download through a
//! `data:` link, which works even after the WebAssembly module has stopped.
//!
//! Code that cannot be fetched is not a crash: [`CodeMissingNotice`] tells
//! the learner and offers to try again or reload, while the app goes on.

use leptos::prelude::*;

use crate::storage::{self, Key};
use crate::ui::i18n::{code_missing, ui};
use crate::ui::state::Settings;

/// Tells the learner when a piece of the app's code (a wasm chunk of the
/// release build) could not be fetched: the split loader
/// (`scripts/split-wasm.mjs`) then waits instead of failing the load, which
/// would stop the app, and says so with a `kenshu-code-missing` event. "Try
/// again" fetches every waiting piece anew (`window.kenshuRetryCode`);
/// "reload" gets the current release. Nothing stored changes meanwhile.
#[component]
pub fn CodeMissingNotice() -> impl IntoView {
    let lang = Settings::expect().lang;
    let shown = RwSignal::new(false);
    let handle =
        window_event_listener_untyped(quiz_core::page_ids::CODE_MISSING_EVENT, move |_| {
            shown.set(true)
        });
    on_cleanup(move || handle.remove());
    let retry = move |_| {
        shown.set(false);
        call_window(quiz_core::page_ids::RETRY_CODE_FUNCTION);
    };
    move || {
        shown.get().then(|| {
            let l = lang.get();
            let t = ui(l);
            view! {
                <div class="notice notice--warning" role="alert">
                    <p>{code_missing(l)}</p>
                    <button type="button" class="button button--secondary" on:click=retry>{t.try_again}</button>
                    " "
                    <button type="button" class="button button--secondary"
                        on:click=|_| { let _ = window().location().reload(); }>{t.reload}</button>
                </div>
            }
        })
    }
}

/// Calls the page's function `window[name]()`, if there is one (set by the
/// page's scripts: the split loader, the service-worker registration).
pub fn call_window(name: &str) {
    let f = js_sys::Reflect::get(&window(), &name.into()).ok();
    if let Some(f) = f.and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok()) {
        let _ = f.call0(&wasm_bindgen::JsValue::NULL);
    }
}

/// Installs the panic hook: the browser console gets the details, the
/// learner gets the crash screen.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        render();
    }));
}

/// Replaces the page with the crash screen.
pub fn render() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    let progress = storage::get_raw(&Key::Progress).ok().flatten();
    let link = progress.map(|raw| {
        let encoded: String = js_sys::encode_uri_component(&raw).into();
        format!("data:application/json;charset=utf-8,{encoded}")
    });
    body.set_text_content(None);
    let main = match document.create_element("main") {
        Ok(el) => el,
        Err(_) => return,
    };
    let _ = main.set_attribute("class", "main crash");
    let _ = main.set_attribute("role", "alert");
    let add = |tag: &str, text: &str| -> Option<web_sys::Element> {
        let el = document.create_element(tag).ok()?;
        el.set_text_content(Some(text));
        main.append_child(&el).ok()?;
        Some(el)
    };
    let text = &crate::ui::i18n::CRASH;
    add("h1", text.heading);
    add("p", text.body_ja);
    add("p", text.body_en);
    if let Some(href) = link
        && let Some(a) = add("a", text.save)
    {
        let _ = a.set_attribute("href", &href);
        let _ = a.set_attribute("download", "kenshu-progress-backup.json");
        let _ = a.set_attribute("class", "button button--primary");
    }
    add("p", "");
    if let Some(a) = add("a", text.reload) {
        let _ = a.set_attribute("href", "./");
        let _ = a.set_attribute("class", "button button--secondary");
    }
    let _ = body.append_child(&main);
}
