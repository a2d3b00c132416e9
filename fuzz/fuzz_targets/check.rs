//! Fuzz target: any bytes as a question file must check without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quiz_core::{Lang, SourceFile, check_files};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let files = [SourceFile::new("fuzz.toml", text.as_ref())];
    let report = check_files(&files);
    let _ = report.render(&files, Lang::Ja);
});
