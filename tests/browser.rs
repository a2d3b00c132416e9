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

const V1: &str = include_str!("../core/tests/fixtures/progress/v1.json");

fn backup_values() -> Vec<String> {
    storage::backups().into_iter().map(|(_, _, v)| v).collect()
}

#[wasm_bindgen_test]
fn progress_round_trips_through_local_storage() {
    local().clear().unwrap();
    let mut progress = Progress::new();
    progress.courses.insert("c".into(), Default::default());
    assert_eq!(storage::save_progress(&progress), Ok(progress.clone()));
    let (loaded, problem) = storage::load_progress(1);
    assert_eq!(problem, None);
    assert_eq!(loaded, progress);
}

#[wasm_bindgen_test]
fn unreadable_progress_is_kept_aside_not_wiped() {
    local().clear().unwrap();
    local()
        .set_item(&Key::Progress.name(), "{not json")
        .unwrap();
    let (loaded, problem) = storage::load_progress(7);
    assert_eq!(problem, Some(StorageError::Corrupt { backed_up: true }));
    assert_eq!(loaded, Progress::new());
    assert_eq!(
        local().get_item("kenshu.backup.7").unwrap().as_deref(),
        Some("{not json")
    );
    assert_eq!(backup_values(), vec!["{not json".to_string()]);
}

#[wasm_bindgen_test]
fn an_outdated_version_is_migrated_and_the_original_kept() {
    local().clear().unwrap();
    local().set_item(&Key::Progress.name(), V1).unwrap();
    let (loaded, problem) = storage::load_progress(8);
    assert_eq!(problem, None);
    assert_eq!(loaded.courses["digital-skills"].history.len(), 2);
    assert_eq!(backup_values(), vec![V1.to_string()]);
}

#[wasm_bindgen_test]
fn a_newer_version_is_left_untouched() {
    local().clear().unwrap();
    let newer = r#"{"version":99,"courses":{}}"#;
    local().set_item(&Key::Progress.name(), newer).unwrap();
    let (_, problem) = storage::load_progress(9);
    assert_eq!(problem, Some(StorageError::Newer(99)));
    assert_eq!(
        local().get_item(&Key::Progress.name()).unwrap().as_deref(),
        Some(newer)
    );
}

#[wasm_bindgen_test]
fn saving_merges_with_what_another_tab_wrote() {
    local().clear().unwrap();
    let mut theirs = Progress::new();
    theirs.set_name("別のタブ", 5);
    storage::save_progress(&theirs).unwrap();
    let mut mine = Progress::new();
    mine.courses.insert("c".into(), Default::default());
    let written = storage::save_progress(&mine).unwrap();
    assert_eq!(
        written.learner.as_ref().map(|l| l.name.as_str()),
        Some("別のタブ")
    );
    assert!(written.courses.contains_key("c"));
    assert_eq!(storage::load_progress(10).0, written);
}

#[wasm_bindgen_test]
fn a_full_storage_is_reported_not_a_crash() {
    local().clear().unwrap();
    // Fill the origin's quota with 512 KiB values until the browser refuses.
    let chunk = "x".repeat(512 * 1024);
    let mut filled = 0;
    while local()
        .set_item(&format!("filler.{filled}"), &chunk)
        .is_ok()
        && filled < 64
    {
        filled += 1;
    }
    let mut big = Progress::new();
    big.set_name(&"名".repeat(2_000_000), 1);
    let result = storage::save_progress(&big);
    local().clear().unwrap();
    assert!(filled < 64, "the quota was never reached");
    assert!(
        matches!(result, Err(StorageError::WriteRefused(_))),
        "{result:?}"
    );
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
