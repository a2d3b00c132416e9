//! Fuzz target: any bytes as a GIFT or Aiken export must convert without
//! panicking, into a file that parses.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quiz_core::diagnostic::Message;
use quiz_core::import::{aiken, gift, to_toml};
use quiz_core::parse::parse_course;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for result in [gift::parse(&text), aiken::parse(&text)] {
        let toml = to_toml(&result, "fuzz", "fuzz", "fuzz.txt");
        let parsed = parse_course(&toml, false);
        assert!(!parsed.diagnostics.iter().any(|d| matches!(d.message, Message::Syntax(_))));
    }
});
