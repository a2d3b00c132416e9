//! Property tests: parsing and checking never panic, whatever the input,
//! and every reported position lies inside the file.

use proptest::prelude::*;
use quiz_core::source::LineIndex;
use quiz_core::{Date, ItemOptions, Lang, SourceFile, check_files, check_files_with};

const VALID: &str = include_str!("../../quizzes/_template.toml");

fn check(text: &str) {
    let files = [SourceFile::new("x.toml", text)];
    let today = Date::parse("2026-12-01").expect("date");
    let report = check_files_with(&files, &ItemOptions::new(today));
    let index = LineIndex::new(text);
    for (_, diags) in report.problems.iter().chain(&report.warnings) {
        for d in diags {
            assert!(d.span.start <= text.len(), "span past the end: {d:?}");
            let (line, column) = index.position(text, d.span.start);
            assert!(line >= 1 && column >= 1);
            assert!(!d.message.render(Lang::Ja).is_empty());
        }
    }
    let _ = report.render(&files, Lang::En);
    assert!(
        !report.courses.is_empty() || !report.is_clean(),
        "a file yielded neither a course nor a problem:\n{text}"
    );
}

/// The template with the value of `key` (an integer in the template)
/// replaced by `literal`.
fn with_number(key: &str, literal: &str) -> String {
    VALID
        .lines()
        .map(|line| match line.strip_prefix(&format!("{key} = ")) {
            Some(rest) => {
                let comment = rest.find('#').map_or("", |at| &rest[at..]);
                format!("{key} = {literal} {comment}")
            }
            None => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn toml_like_text_never_panics(text in r#"[\[\]a-z_=" \n0-9\.,{}#'○×日本]{0,200}"#) {
        check(&text);
    }

    /// Numbers of any size, in any TOML notation, in every integer key:
    /// a course or a problem at the number, never neither.
    #[test]
    fn any_number_yields_a_course_or_a_problem(
        key in prop::sample::select(vec!["pass_mark", "draw", "order", "answer", "difficulty"]),
        literal in r#"[+-]?[0-9]{1,30}|[0-9]{1,3}(_[0-9]{3}){1,8}|0x[0-9a-f]{1,20}|0o[0-7]{1,25}|-?[0-9]{1,3}\.[0-9]"#,
    ) {
        check(&with_number(key, &literal));
    }

    #[test]
    fn a_damaged_valid_file_never_panics(cut in 0usize..4000, len in 0usize..200, insert in ".{0,8}") {
        let mut text: Vec<char> = VALID.chars().collect();
        let at = cut.min(text.len());
        let end = (at + len).min(text.len());
        text.splice(at..end, insert.chars());
        check(&text.into_iter().collect::<String>());
    }
}

#[test]
fn a_number_beyond_64_bits_is_a_problem_at_its_position() {
    for key in ["pass_mark", "answer"] {
        let line = 1 + VALID
            .lines()
            .position(|l| l.starts_with(&format!("{key} = ")))
            .expect("the template has the key");
        let text = with_number(key, "99999999999999999999");
        let files = [SourceFile::new("x.toml", text)];
        let report = check_files(&files);
        let lines = report.render(&files, Lang::En);
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&format!("x.toml:{line}:")) && l.contains("too large")),
            "{lines:?}"
        );
        assert!(report.courses.is_empty());
    }
}

#[test]
fn the_template_is_valid_and_hidden() {
    let files = [SourceFile::new("quizzes/_template.toml", VALID)];
    let report = check_files(&files);
    assert!(report.is_clean());
    assert!(
        report.courses.is_empty(),
        "a template is checked but never listed"
    );
}

mod imports {
    use proptest::prelude::*;
    use quiz_core::diagnostic::Message;
    use quiz_core::import::{aiken, gift, to_toml};
    use quiz_core::parse::parse_course;

    /// Whatever the input, the converted file is well-formed TOML: only
    /// the reminders (missing keys) may remain.
    fn converts_cleanly(result: &quiz_core::import::ImportResult) {
        let toml = to_toml(result, "x", "題", "in.gift");
        for d in parse_course(&toml, false).diagnostics {
            assert!(
                !matches!(d.message, Message::Syntax(_)),
                "converted file does not parse: {d:?}\n{toml}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn gift_never_panics_and_converts_to_valid_toml(text in r#"[{}=~#%:\\\n a-zTF0-9\[\]<>&"'\-]{0,160}"#) {
            converts_cleanly(&gift::parse(&text));
        }

        #[test]
        fn gift_handles_any_text(text in any::<String>()) {
            converts_cleanly(&gift::parse(&text));
        }

        #[test]
        fn aiken_never_panics(text in r#"[A-D.)\n ANSWER:あい"\\]{0,160}"#) {
            converts_cleanly(&aiken::parse(&text));
        }
    }
}
