//! The only module that talks to the sheet worker (`workers/sheet/`), the
//! `.xlsx` reader and writer in a wasm of its own: the spreadsheet crates
//! would double a learner's first load if the app carried them, so a
//! trainer's browser fetches the worker when an `.xlsx` is picked or a
//! course is exported, and a big file is parsed off the page's thread.
//!
//! One worker per request, ended when it has answered. The single-file
//! hand-out carries no worker (a page opened from `file://` cannot start
//! one): [`available`] says so, and the trainer screen asks for CSV there.

use quiz_core::import::sheet::Workbook;
use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;

/// The worker's start script, beside `index.html` (Trunk copies it there).
const LOADER: &str = "sheet_worker_loader.js";

/// Why the worker could not do what was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SheetWorkerError {
    /// The worker could not be started or fetched (offline, not on the
    /// site, or the single-file hand-out).
    Unavailable,
    /// The bytes are not an `.xlsx` workbook: the reader's reason.
    Unreadable(String),
    /// Anything else (the worker stopped, or answered what it should not).
    Failed(String),
}

/// True when this page can start the worker: every build but the
/// single-file hand-out, which carries no other file, and the SCORM
/// package, which leaves the worker out (scripts/build-scorm.mjs).
pub fn available() -> bool {
    !crate::course_files::is_single_file() && !crate::scorm::is_package()
}

/// The cells of an `.xlsx` file.
pub async fn read_xlsx(bytes: Vec<u8>) -> Result<Workbook, SheetWorkerError> {
    let array = js_sys::Uint8Array::from(bytes.as_slice());
    let request = js_sys::Object::new();
    set(&request, "op", &"read".into());
    set(&request, "bytes", &array);
    let (kind, value) = ask(&request, &js_sys::Array::of1(&array.buffer())).await?;
    match (kind.as_str(), value.as_string()) {
        ("book", Some(json)) => {
            serde_json::from_str(&json).map_err(|e| SheetWorkerError::Failed(e.to_string()))
        }
        ("unreadable", Some(reason)) => Err(SheetWorkerError::Unreadable(reason)),
        (_, reason) => Err(SheetWorkerError::Failed(reason.unwrap_or(kind))),
    }
}

/// The workbook as the bytes of an `.xlsx` file.
pub async fn write_xlsx(book: &Workbook) -> Result<Vec<u8>, SheetWorkerError> {
    let json = serde_json::to_string(book).map_err(|e| SheetWorkerError::Failed(e.to_string()))?;
    let request = js_sys::Object::new();
    set(&request, "op", &"write".into());
    set(&request, "book", &json.into());
    let (kind, value) = ask(&request, &js_sys::Array::new()).await?;
    match value.dyn_into::<js_sys::Uint8Array>() {
        Ok(bytes) if kind == "bytes" => Ok(bytes.to_vec()),
        Ok(_) => Err(SheetWorkerError::Failed(kind)),
        Err(value) => Err(SheetWorkerError::Failed(value.as_string().unwrap_or(kind))),
    }
}

fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(object, &key.into(), value);
}

fn get(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Starts a worker, sends `request` once it says it is ready, and returns
/// its answer (`kind`, `value`). A worker that cannot be fetched or fails
/// before it is ready is [`SheetWorkerError::Unavailable`].
async fn ask(
    request: &js_sys::Object,
    transfer: &js_sys::Array,
) -> Result<(String, JsValue), SheetWorkerError> {
    if !available() {
        return Err(SheetWorkerError::Unavailable);
    }
    // The build id keeps two releases' worker files apart in an HTTP cache
    // (Trunk names a worker's files without a hash).
    let url = format!("./{LOADER}?v={}", crate::BUILD_ID);
    let worker = web_sys::Worker::new(&url).map_err(|_| SheetWorkerError::Unavailable)?;
    let mut settle = None;
    let answered = js_sys::Promise::new(&mut |resolve, _| settle = Some(resolve));
    let Some(resolve) = settle else {
        worker.terminate();
        return Err(SheetWorkerError::Failed(String::new()));
    };
    let ready = std::rc::Rc::new(std::cell::Cell::new(false));
    let on_message = {
        let (worker, resolve, ready) = (worker.clone(), resolve.clone(), ready.clone());
        let (request, transfer) = (request.clone(), transfer.clone());
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let data = event.data();
            if get(&data, "kind").as_string().as_deref() == Some("ready") {
                ready.set(true);
                if worker
                    .post_message_with_transfer(&request, &transfer)
                    .is_err()
                {
                    let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str("failed"));
                }
                return;
            }
            let _ = resolve.call1(&JsValue::NULL, &data);
        })
    };
    // A script that cannot be fetched, or a wasm that stops.
    let on_error = {
        let ready = ready.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            let kind = if ready.get() { "failed" } else { "unavailable" };
            let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str(kind));
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let answer = wasm_bindgen_futures::JsFuture::from(answered).await;
    worker.terminate();
    drop((on_message, on_error));
    let answer = answer.map_err(|_| SheetWorkerError::Failed(String::new()))?;
    // An error event resolves with its kind alone; a message is an object.
    if let Some(kind) = answer.as_string() {
        return Err(match kind.as_str() {
            "unavailable" => SheetWorkerError::Unavailable,
            _ => SheetWorkerError::Failed(kind),
        });
    }
    let kind = get(&answer, "kind").as_string().unwrap_or_default();
    if kind == "unavailable" {
        return Err(SheetWorkerError::Unavailable);
    }
    Ok((kind, get(&answer, "value")))
}
