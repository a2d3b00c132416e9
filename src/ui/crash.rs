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
    add("h1", "問題が発生しました / Something went wrong");
    add(
        "p",
        "アプリの処理が止まりました。これまでの学習記録はこのブラウザに残っています。念のため記録を保存してから、ページを再読み込みしてください。",
    );
    add(
        "p",
        "The app stopped. Your progress is still stored in this browser. Save a copy, then reload the page.",
    );
    if let Some(href) = link
        && let Some(a) = add("a", "学習記録を保存する / Save my progress")
    {
        let _ = a.set_attribute("href", &href);
        let _ = a.set_attribute("download", "kenshu-progress-backup.json");
        let _ = a.set_attribute("class", "button button--primary");
    }
    add("p", "");
    if let Some(a) = add("a", "再読み込み / Reload") {
        let _ = a.set_attribute("href", "./");
        let _ = a.set_attribute("class", "button button--secondary");
    }
    let _ = body.append_child(&main);
}
