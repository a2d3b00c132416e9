//! The sheet worker: reads and writes `.xlsx` files for the trainer screen,
//! in a Web Worker of its own. The spreadsheet crates (`calamine`,
//! `rust_xlsxwriter`) live only in this wasm, which the app fetches when a
//! trainer picks an `.xlsx` or exports a course (`src/sheet_worker.rs`, the
//! only app module that talks to it), so a learner's first load never
//! carries them, and a big file is parsed off the page's thread.
//!
//! Protocol (plain JS objects): the worker says `{kind: "ready"}` once its
//! wasm is running; then one request, `{op: "read", bytes: Uint8Array}` or
//! `{op: "write", book: <Workbook as JSON>}`, gets one answer
//! `{kind, value}`: `book` (JSON), `bytes` (Uint8Array), `unreadable` (the
//! file is no workbook: the reason) or `failed` (anything else).

// Natively (tests, `cargo clippy --workspace`) only the tests call these.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use quiz_core::import::sheet::{self, SheetProblem, Workbook};

/// What the worker answers to one request.
#[derive(Debug, PartialEq)]
enum Answer {
    /// The workbook read, as JSON.
    Book(String),
    /// The `.xlsx` file written.
    Bytes(Vec<u8>),
    /// The bytes are not a workbook: why.
    Unreadable(String),
    /// Anything else that went wrong.
    Failed(String),
}

/// An `.xlsx` file's cells, as JSON for the app.
fn read(bytes: &[u8]) -> Answer {
    match sheet::read::xlsx(bytes) {
        Ok(book) => serde_json::to_string(&book)
            .map_or_else(|e| Answer::Failed(e.to_string()), Answer::Book),
        Err(SheetProblem::Unreadable { reason }) => Answer::Unreadable(reason),
        Err(other) => Answer::Failed(format!("{other:?}")),
    }
}

/// A workbook (JSON from the app) as the bytes of an `.xlsx` file.
fn write(json: &str) -> Answer {
    match serde_json::from_str::<Workbook>(json) {
        Ok(book) => {
            sheet::write::xlsx(&book).map_or_else(|e| Answer::Failed(e.to_string()), Answer::Bytes)
        }
        Err(e) => Answer::Failed(e.to_string()),
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    browser::start();
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use js_sys::{Object, Reflect, Uint8Array};
    use wasm_bindgen::prelude::*;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    use super::Answer;

    fn field(value: &JsValue, name: &str) -> JsValue {
        Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    }

    fn message(kind: &str, value: &JsValue) -> Object {
        let out = Object::new();
        let _ = Reflect::set(&out, &"kind".into(), &kind.into());
        let _ = Reflect::set(&out, &"value".into(), value);
        out
    }

    fn answer(request: &JsValue) -> Answer {
        match field(request, "op").as_string().as_deref() {
            Some("read") => match field(request, "bytes").dyn_into::<Uint8Array>() {
                Ok(bytes) => super::read(&bytes.to_vec()),
                Err(_) => Answer::Failed("no bytes".into()),
            },
            Some("write") => match field(request, "book").as_string() {
                Some(json) => super::write(&json),
                None => Answer::Failed("no workbook".into()),
            },
            _ => Answer::Failed("unknown request".into()),
        }
    }

    /// Listens for requests, then says it is ready (messages sent before
    /// the wasm ran would be lost, so the app waits for this).
    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let reply_to = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let _ = match answer(&event.data()) {
                Answer::Book(json) => reply_to.post_message(&message("book", &json.into())),
                Answer::Bytes(bytes) => {
                    let array = Uint8Array::from(bytes.as_slice());
                    let transfer = js_sys::Array::of1(&array.buffer());
                    reply_to.post_message_with_transfer(&message("bytes", &array), &transfer)
                }
                Answer::Unreadable(reason) => {
                    reply_to.post_message(&message("unreadable", &reason.into()))
                }
                Answer::Failed(reason) => reply_to.post_message(&message("failed", &reason.into())),
            };
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the worker.
        on_message.forget();
        let _ = scope.post_message(&message("ready", &JsValue::NULL));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_goes_through_the_worker_both_ways() {
        let book = sheet::template_book();
        let json = serde_json::to_string(&book).unwrap();
        let Answer::Bytes(bytes) = write(&json) else {
            panic!("the template was not written");
        };
        let Answer::Book(back) = read(&bytes) else {
            panic!("the written file was not read");
        };
        let back: Workbook = serde_json::from_str(&back).unwrap();
        assert_eq!(back.sheets.len(), book.sheets.len());
        let options = quiz_core::item_check::ItemOptions::new(
            quiz_core::date::Date::new(2026, 1, 1).unwrap(),
        );
        let conversion = sheet::convert(&back, "template.xlsx", &options);
        assert!(conversion.course.is_some(), "{:?}", conversion.findings);
    }

    #[test]
    fn a_file_that_is_no_workbook_is_unreadable_not_a_failure() {
        assert!(matches!(read(b"not a zip"), Answer::Unreadable(_)));
        assert!(matches!(write("{"), Answer::Failed(_)));
    }
}
