//! Browser tests (wasm-bindgen-test in headless Chromium): the storage
//! module against real localStorage, and components mounted into the page.
#![cfg(target_arch = "wasm32")]
// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

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

/// Saves with no check against the courses (nothing to repair).
fn save(progress: &Progress) -> Result<Progress, StorageError> {
    storage::save_progress(progress, 1, |_| false)
}

/// Fills the origin's quota until the browser refuses even a few bytes:
/// 512 KiB values first, then ever smaller ones. Returns how many 512 KiB
/// values were written (64 means the quota was never reached).
fn fill_storage() -> usize {
    let mut big = 0;
    let mut n = 0;
    for size in [512 * 1024, 32 * 1024, 2 * 1024, 128, 8, 1] {
        let chunk = "x".repeat(size);
        while n < 4_000 && local().set_item(&format!("filler.{n}"), &chunk).is_ok() {
            n += 1;
            if size == 512 * 1024 {
                big += 1;
                if big >= 64 {
                    return big;
                }
            }
        }
    }
    big
}

fn backup_values() -> Vec<String> {
    storage::backups().into_iter().map(|(_, _, v)| v).collect()
}

#[wasm_bindgen_test]
fn progress_round_trips_through_local_storage() {
    local().clear().unwrap();
    let mut progress = Progress::new();
    progress.courses.insert("c".into(), Default::default());
    assert_eq!(save(&progress), Ok(progress.clone()));
    let (loaded, _, problem) = storage::load_progress(1);
    assert_eq!(problem, None);
    assert_eq!(loaded, progress);
}

#[wasm_bindgen_test]
fn unreadable_progress_is_kept_aside_not_wiped() {
    local().clear().unwrap();
    local()
        .set_item(&Key::Progress.name(), "{not json")
        .unwrap();
    let (loaded, _, problem) = storage::load_progress(7);
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
    let (loaded, _, problem) = storage::load_progress(8);
    assert_eq!(problem, None);
    assert_eq!(loaded.courses["digital-skills"].history.len(), 2);
    assert_eq!(backup_values(), vec![V1.to_string()]);
}

#[wasm_bindgen_test]
fn a_newer_version_is_left_untouched() {
    local().clear().unwrap();
    let newer = r#"{"version":99,"courses":{}}"#;
    local().set_item(&Key::Progress.name(), newer).unwrap();
    let (_, _, problem) = storage::load_progress(9);
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
    save(&theirs).unwrap();
    let mut mine = Progress::new();
    mine.courses.insert("c".into(), Default::default());
    let written = save(&mine).unwrap();
    assert_eq!(
        written.learner.as_ref().map(|l| l.name.as_str()),
        Some("別のタブ")
    );
    assert!(written.courses.contains_key("c"));
    assert_eq!(storage::load_progress(10).0, written);
}

#[wasm_bindgen_test]
fn a_repair_on_save_keeps_what_was_stored_aside_first() {
    local().clear().unwrap();
    let mut stored = Progress::new();
    stored.set_name("元の記録", 5);
    save(&stored).unwrap();
    let raw = local().get_item(&Key::Progress.name()).unwrap().unwrap();
    let written = storage::save_progress(&Progress::new(), 20, |p| {
        p.learner = None;
        true
    })
    .unwrap();
    assert_eq!(written.learner, None);
    assert_eq!(backup_values(), vec![raw]);
}

#[wasm_bindgen_test]
fn a_full_storage_is_reported_not_a_crash() {
    local().clear().unwrap();
    let filled = fill_storage();
    let mut big = Progress::new();
    big.set_name(&"名".repeat(2_000_000), 1);
    let result = save(&big);
    local().clear().unwrap();
    assert!(filled < 64, "the quota was never reached");
    assert!(
        matches!(result, Err(StorageError::WriteRefused(_))),
        "{result:?}"
    );
}

#[wasm_bindgen_test]
fn a_full_storage_refuses_an_outbox_write_out_loud_and_a_version_1_outbox_keeps_its_statements_aside()
 {
    use quiz_core::lms::xapi::Queued;
    local().clear().unwrap();
    // Version 1 gave statements their actor when sending: whose they are
    // is unknown, so they wait for their taker to confirm them.
    let v1 = r#"{"version":1,"pending":[{"id":"a","statement":{"id":"a"}}]}"#;
    local().set_item(&Key::Outbox.name(), v1).unwrap();
    let (pending, unclaimed) =
        storage::update_outbox(1, |o| (o.pending.len(), o.unclaimed.len())).unwrap();
    assert_eq!((pending, unclaimed), (0, 1));

    let filled = fill_storage();
    let big = Queued {
        id: "big".to_owned(),
        statement: serde_json::json!({ "id": "big", "actor": { "mbox": "mailto:1@x" },
            "padding": "名".repeat(2_000_000) }),
    };
    let result = storage::update_outbox(2, |o| o.add(vec![big]).kept);
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

#[wasm_bindgen_test]
fn a_failed_copy_before_a_migration_is_reported_and_nothing_is_written() {
    local().clear().unwrap();
    local().set_item(&Key::Progress.name(), V1).unwrap();
    let filled = fill_storage();
    let (_, _, problem) = storage::load_progress(11);
    let stored = local().get_item(&Key::Progress.name()).unwrap();
    local().clear().unwrap();
    assert!(filled < 64, "the quota was never reached");
    assert_eq!(problem, Some(StorageError::NotKeptAside));
    assert_eq!(stored.as_deref(), Some(V1));
}

#[wasm_bindgen_test]
fn an_unreadable_list_of_kept_courses_is_kept_aside_and_reported() {
    local().clear().unwrap();
    local()
        .set_item(&Key::LocalCourses.name(), "[[\"a.toml\"")
        .unwrap();
    assert_eq!(
        storage::load_local_courses(12),
        Err(StorageError::Corrupt { backed_up: true })
    );
    assert_eq!(backup_values(), vec!["[[\"a.toml\"".to_string()]);
    // The list itself is still there: nothing overwrote it.
    assert!(
        local()
            .get_item(&Key::LocalCourses.name())
            .unwrap()
            .is_some()
    );
}

#[wasm_bindgen_test]
async fn progress_that_no_longer_fits_is_repaired_kept_aside_and_explained() {
    local().clear().unwrap();
    // Well-formed, but the attempt asks a question this release does not have.
    let stored = r#"{"version":2,"learner":{"name":"山田 花子","at_ms":1},
        "courses":{"digital-skills":{"active":{"course":"digital-skills",
        "items":[{"question":"no-such-question","order":[0,1],"answer":null}],
        "started_ms":5,"finished_ms":null},"history":[]},
        "human-rights":{"history":[{"started_ms":1,"at_ms":2,"percent":90,"passed":true,"duration_ms":1,"asked":10}]}},
        "cards":{}}"#;
    local().set_item(&Key::Progress.name(), stored).unwrap();
    window().location().set_hash("#/").unwrap();
    let el = mount_point();
    let handle = leptos::mount::mount_to(el.clone(), App);
    // Let the save effect run.
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL))
        .await
        .unwrap();
    let notice = el.query_selector("#repair-notice").unwrap();
    assert!(notice.is_some(), "{}", el.inner_html());
    let text = notice.unwrap().text_content().unwrap();
    assert!(text.contains("デジタルスキル"), "{text}");
    assert_eq!(backup_values(), vec![stored.to_string()]);
    let (now, _, _) = storage::load_progress(13);
    assert_eq!(now.courses["digital-skills"].active, None);
    assert_eq!(now.learner.map(|l| l.name).as_deref(), Some("山田 花子"));
    assert_eq!(now.courses["human-rights"].history.len(), 1);
    drop(handle);
    local().clear().unwrap();
}

#[wasm_bindgen_test]
fn the_outbox_is_kept_between_visits_and_a_damaged_one_is_kept_aside() {
    use quiz_core::lms::xapi::Queued;
    local().clear().unwrap();
    let queued = |id: &str| Queued {
        id: id.to_owned(),
        statement: serde_json::json!({ "id": id, "actor": { "mbox": "mailto:1@x" } }),
    };
    let added = storage::update_outbox(1, |o| o.add(vec![queued("a"), queued("b")])).unwrap();
    assert_eq!(added.kept, 2);
    // The next visit (another read) finds both waiting.
    let waiting = storage::update_outbox(2, |o| o.pending.len()).unwrap();
    assert_eq!(waiting, 2);

    local().set_item(&Key::Outbox.name(), "{not json").unwrap();
    let waiting = storage::update_outbox(3, |o| o.pending.len()).unwrap();
    assert_eq!(waiting, 0, "a fresh outbox after a damaged one");
    assert_eq!(backup_values(), vec!["{not json".to_string()]);

    let newer = r#"{"version":99,"pending":[]}"#;
    local().set_item(&Key::Outbox.name(), newer).unwrap();
    assert_eq!(
        storage::update_outbox(4, |o| o.pending.len()),
        Err(StorageError::Newer(99))
    );
    assert_eq!(
        local().get_item(&Key::Outbox.name()).unwrap().as_deref(),
        Some(newer),
        "an outbox from a newer version is left as it is"
    );
}
