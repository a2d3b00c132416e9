//! Golden tests of the `quizcheck` CLI: each file in `tests/fixtures/invalid`
//! breaks one rule, and its `.stderr` beside it pins the exact words and
//! `file:line:column`. Run with `BLESS=1` to rewrite the `.stderr` files
//! after a deliberate change, then read the diff.

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid")
}

fn run(args: &[&str], dir: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_quizcheck"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("quizcheck runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_invalid_fixture_matches_its_golden_stderr() {
    let dir = fixtures();
    let mut cases: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml") || !n.contains('.'))
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 20,
        "expected one fixture per rule, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let (code, stderr) = run(&[case], &dir);
        let golden = dir.join(format!("{}.stderr", case.trim_end_matches(".toml")));
        if std::env::var_os("BLESS").is_some() {
            std::fs::write(&golden, &stderr).expect("write golden");
            continue;
        }
        let expected = std::fs::read_to_string(&golden).unwrap_or_default();
        if code != 1 {
            failures.push(format!("{case}: exit {code}, expected 1"));
        }
        if stderr != expected {
            failures.push(format!(
                "{case}:\n--- expected\n{expected}--- got\n{stderr}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn english_messages_on_request() {
    let (code, stderr) = run(&["--lang", "en", "no-such-choice.toml"], &fixtures());
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with(
            "no-such-choice.toml:12:10: there is no choice 4 (the choices are numbered 1 to 3)\n"
        ),
        "{stderr}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = fixtures();
    assert_eq!(run(&[], &dir).0, 2);
    assert_eq!(run(&["no-such-file.toml"], &dir).0, 2);
    assert_eq!(run(&["--lang", "fr", "syntax.toml"], &dir).0, 2);
    assert_eq!(run(&["--frobnicate"], &dir).0, 2);
}

#[test]
fn the_shipped_courses_and_the_template_pass() {
    let quizzes = Path::new(env!("CARGO_MANIFEST_DIR")).join("../quizzes");
    let (code, stderr) = run(&["."], &quizzes);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn converting_a_moodle_export_reports_every_item_left_out() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let out = std::env::temp_dir().join(format!("quizcheck-gift-{}.toml", std::process::id()));
    let out_arg = out.display().to_string();
    let (code, stderr) = run(&["--from-gift", "moodle-sample.gift", "-o", &out_arg], &dir);
    assert_eq!(code, 1, "reminders remain to fill in");
    let stderr = stderr.replace(&out_arg, "OUT");
    let golden = dir.join("moodle-sample.gift.stderr");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&golden, &stderr).expect("write golden");
    }
    assert_eq!(stderr, std::fs::read_to_string(golden).unwrap_or_default());
    let converted = std::fs::read_to_string(&out).expect("written");
    assert!(converted.contains("answer = 1"));
    let _ = std::fs::remove_file(out);

    let (code, stderr) = run(&["--from-aiken", "sample.aiken.txt"], &dir);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("sample.aiken.txt:6: ANSWER: の行がありません"),
        "{stderr}"
    );
    assert_eq!(run(&["--from-gift"], &dir).0, 2);
    assert_eq!(run(&["-o", "x.toml", "a.toml"], &dir).0, 2);
}
