//! `quizcheck reporting`: what `scripts/configure-reporting.mjs` runs before
//! it writes a deployment's settings into the page. Good settings print the
//! LRS's origin alone on standard output (the script puts it into the CSP);
//! bad ones print every problem, and exit 1.

use std::process::{Command, Output};

fn run(settings: &str) -> Output {
    let dir = std::env::temp_dir().join(format!("quizcheck-reporting-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join(format!("{:x}.json", fxhash(settings)));
    std::fs::write(&file, settings).expect("write settings");
    let out = Command::new(env!("CARGO_BIN_EXE_quizcheck"))
        .arg("reporting")
        .arg(&file)
        .output()
        .expect("run quizcheck");
    let _ = std::fs::remove_file(&file);
    out
}

/// A file name per case, so cases never share a file.
fn fxhash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[test]
fn good_settings_print_the_origin_for_the_csp() {
    let out = run(r#"{"endpoint": "https://lrs.example.lg.jp:8443/xAPI/",
            "identity": {"kind": "account", "home_page": "https://staff.example.lg.jp/"},
            "auth": {"kind": "basic", "username": "kenshu-writer", "password": "kenshu$$2026$'x"}}"#);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "https://lrs.example.lg.jp:8443\n"
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("warning: anyone who can open this site"),
        "{said}"
    );
}

#[test]
fn bad_settings_print_every_problem_and_exit_1() {
    let out = run(
        r#"{"endpoint": "https://lrs.example.lg.jp/xAPI/?x", "activity_base": "kenshu/",
            "identity": {"kind": "mbox", "domain": "a@city.jp"}, "auth": {"kind": "basic", "username": "u"}}"#,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "no origin for bad settings");
    let said = String::from_utf8_lossy(&out.stderr);
    for problem in [
        "endpoint must not have a query",
        "activity_base is not an absolute IRI",
        "identity.domain is not a mail domain",
        "auth.password is missing or empty",
        "4 problem(s); reporting settings not accepted",
    ] {
        assert!(said.contains(problem), "{problem}: {said}");
    }
}

#[test]
fn a_missing_file_or_a_second_file_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_quizcheck"))
        .args(["reporting", "/no/such/reporting.json"])
        .output()
        .expect("run quizcheck");
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(env!("CARGO_BIN_EXE_quizcheck"))
        .args(["reporting", "a.json", "b.json"])
        .output()
        .expect("run quizcheck");
    assert_eq!(out.status.code(), Some(2));
}
