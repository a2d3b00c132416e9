//! Browser tests (wasm-bindgen-test in headless Chromium): the storage
//! module against real localStorage, and components mounted into the page.
#![cfg(target_arch = "wasm32")]
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use kenshu::storage::{self, Key, StorageError};
use kenshu::ui::App;
use kenshu::ui::widgets::RichText;
use leptos::prelude::*;
use quiz_core::Text;
use quiz_core::progress::Progress;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("localStorage in the test browser")
}

fn mount_point() -> web_sys::HtmlElement {
    let doc = document();
    let el: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&el).unwrap();
    el
}

#[wasm_bindgen_test]
fn progress_round_trips_through_local_storage() {
    local().clear().unwrap();
    let mut progress = Progress::new();
    progress.courses.insert("c".into(), Default::default());
    storage::save_progress(&progress).unwrap();
    let (loaded, problem) = storage::load_progress();
    assert_eq!(problem, None);
    assert_eq!(loaded, progress);
}

#[wasm_bindgen_test]
fn unreadable_progress_is_kept_aside_not_wiped() {
    local().clear().unwrap();
    local().set_item(Key::Progress.name(), "{not json").unwrap();
    let (loaded, problem) = storage::load_progress();
    assert_eq!(problem, Some(StorageError::Corrupt { backed_up: true }));
    assert_eq!(loaded, Progress::new());
    assert_eq!(
        local()
            .get_item(Key::ProgressBackup.name())
            .unwrap()
            .as_deref(),
        Some("{not json")
    );
}

#[wasm_bindgen_test]
fn missing_progress_is_a_fresh_start() {
    local().clear().unwrap();
    assert_eq!(storage::load_progress(), (Progress::new(), None));
}

#[wasm_bindgen_test]
fn rich_text_renders_markup_as_text_never_html() {
    let el = mount_point();
    let text = Text::parse("<img src=x onerror=\"alert(1)\"> と **強調**\n\n- 項目");
    let handle = leptos::mount::mount_to(el.clone(), move || view! { <RichText text /> });
    assert!(el.query_selector("img").unwrap().is_none());
    assert_eq!(
        el.query_selector("strong")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "強調"
    );
    assert_eq!(
        el.query_selector("li")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "項目"
    );
    assert!(
        el.text_content()
            .unwrap()
            .contains("<img src=x onerror=\"alert(1)\">")
    );
    drop(handle);
}

#[wasm_bindgen_test]
fn app_lists_every_shipped_course_as_a_card() {
    local().clear().unwrap();
    window().location().set_hash("#/").unwrap();
    let el = mount_point();
    let handle = leptos::mount::mount_to(el.clone(), App);
    let titles: Vec<String> = {
        let list = el.query_selector_all(".course-card .card__title").unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i).and_then(|n| n.text_content()))
            .collect()
    };
    assert_eq!(
        titles,
        ["デジタルスキル", "ハラスメント防止", "人権尊重"],
        "{}",
        el.inner_html()
    );
    drop(handle);
}
