//! The screen shown if the app ever panics: never a blank page. It is
//! built with plain DOM calls (the Leptos runtime may be the thing that
//! broke) and offers the learner's saved progress as a download through a
//! `data:` link, which works even after the WebAssembly module has stopped.

use crate::storage::{self, Key};

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
