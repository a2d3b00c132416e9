//! Stored progress: every earlier version's fixture migrates, damaged data
//! is refused with a reason, and the record stays compact.

use std::path::Path;

use quiz_core::attempt::{Attempt, Item};
use quiz_core::progress::{Finished, MigrateError, Progress, VERSION, migrate};
use quiz_core::schedule::Card;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/progress")
        .join(name);
    std::fs::read_to_string(path).expect("fixture")
}

#[test]
fn version_1_migrates_keeping_every_attempt() {
    let (p, from) = migrate(&fixture("v1.json")).expect("v1 migrates");
    assert_eq!((from, p.version), (1, VERSION));
    let ds = &p.courses["digital-skills"];
    assert_eq!(ds.history.len(), 2);
    assert_eq!(ds.history[0].started_ms, 1_789_000_000_000);
    assert_eq!(ds.history[1].started_ms, 1_789_100_000_000);
    assert_eq!(ds.best(), Some(80));
    let active = ds
        .active
        .as_ref()
        .expect("the attempt in progress survives");
    assert_eq!(active.items[0].answer, Some(vec![0]));
    assert_eq!(active.current(), Some(1));
    assert!(p.cards.is_empty() && p.learner.is_none());
}

#[test]
fn version_2_reads_as_is_and_round_trips() {
    let text = fixture("v2.json");
    let (p, from) = migrate(&text).expect("v2 reads");
    assert_eq!(from, 2);
    assert_eq!(
        p.learner.as_ref().map(|l| l.name.as_str()),
        Some("山田 花子")
    );
    assert_eq!(p.cards["hp-a"].stage, 2);
    let again = serde_json::to_string(&p).expect("serialises");
    assert_eq!(migrate(&again).expect("reads back").0, p);
}

#[test]
fn damaged_values_are_refused_never_panic() {
    let v2 = fixture("v2.json").trim().to_owned();
    for cut in [0, 1, 10, v2.len() / 2, v2.len() - 1] {
        assert!(migrate(&v2[..cut]).is_err(), "cut at {cut}");
    }
    let wrong_types = v2.replace("\"percent\":100", "\"percent\":\"百\"");
    assert!(matches!(
        migrate(&wrong_types),
        Err(MigrateError::Invalid(_))
    ));
    let huge = v2.replace("\"percent\":100", "\"percent\":1e400");
    assert!(migrate(&huge).is_err());
    let future = v2.replace("\"version\":2", "\"version\":3");
    assert_eq!(migrate(&future), Err(MigrateError::FromTheFuture(3)));
    let big = format!("{{\"version\":2,\"pad\":\"{}\"}}", "x".repeat(4 << 20));
    assert!(
        migrate(&big).is_ok(),
        "unknown fields are ignored, not fatal"
    );
}

/// 5,000 questions answered, 100 finished attempts and a last attempt per
/// course: the stored JSON stays well under 1 MB.
#[test]
fn five_thousand_questions_over_a_hundred_attempts_fit_in_well_under_a_megabyte() {
    let mut p = Progress::new();
    for i in 0..5_000u64 {
        let card = Card {
            stage: (i % 6 + 1) as u8,
            due_day: 20_500 + (i % 40) as i64,
            seen: 3,
            lapses: 1,
            last_ms: 1_795_000_000_000 + i * 1_000,
        };
        p.cards.insert(format!("course{}-q{i}", i % 10), card);
    }
    for c in 0..10u64 {
        let record = p.courses.entry(format!("course{c}")).or_default();
        for a in 0..10u64 {
            let started = 1_795_000_000_000 + (c * 10 + a) * 3_600_000;
            record.history.push(Finished {
                started_ms: started,
                at_ms: started + 600_000,
                percent: 80,
                passed: true,
                duration_ms: 600_000,
                asked: 50,
                full: None,
            });
        }
        record.last = Some(Attempt {
            course: format!("course{c}"),
            mode: quiz_core::attempt::Mode::Full,
            items: (0..50)
                .map(|q| Item {
                    question: format!("course{c}-q{q}"),
                    order: vec![2, 0, 3, 1],
                    answer: Some(vec![0]),
                    // The widest a version is written.
                    version: Some(u32::MAX),
                })
                .collect(),
            started_ms: 1_795_000_000_000,
            finished_ms: Some(1_795_000_600_000),
        });
    }
    let bytes = serde_json::to_string(&p).expect("serialises").len();
    println!("progress of 5,000 questions and 100 attempts: {bytes} bytes");
    assert!(bytes < 600_000, "{bytes} bytes");
}
