//! Benchmark: checking a generated course of 5,000 questions (every kind,
//! scenarios, feedback) and drawing an attempt from it; and the form
//! editor's check of the largest shipped course, which runs as a trainer
//! types.

use criterion::{Criterion, criterion_group, criterion_main};
use quiz_core::attempt::Attempt;
use quiz_core::editor::{Draft, Origin};
use quiz_core::item_check::ItemOptions;
use quiz_core::{SourceFile, check_files};

/// A valid course file with `n` questions, cycling through the three kinds.
fn generated_course(n: usize) -> String {
    let mut s = String::from(
        "id = \"bench\"\ntitle = \"大きなコース\"\ndescription = \"ベンチマーク用\"\npolicy = \"運営方針 1(4)③\"\npass_mark = 80\ndraw = 10\n",
    );
    for i in 0..n {
        let body = match i % 3 {
            0 => format!(
                "choices = [\"選択肢その1 {i}\", \"選択肢その2 {i}\", \"選択肢その3 {i}\", \"選択肢その4 {i}\"]\nanswer = {}\n[question.feedback]\n1 = \"フィードバック\"\n",
                i % 4 + 1
            ),
            1 => format!(
                "kind = \"multiple\"\nchoices = [\"甲 {i}\", \"乙 {i}\", \"丙 {i}\"]\nanswer = [1, 3]\n"
            ),
            _ => "kind = \"truefalse\"\nanswer = true\n".to_owned(),
        };
        s.push_str(&format!(
            "\n[[question]]\nid = \"q-{i}\"\ndifficulty = {}\nscenario = \"窓口で来庁者から相談を受けた場面 {i}。\"\nprompt = \"最も適切な対応はどれですか（{i}）。\"\nexplanation = \"\"\"\n正解の理由を説明する段落。\n\n- 箇条書き\n- **強調**\n\"\"\"\nsources = [\"運営方針 1(3)⑦\"]\n{body}",
            i % 3 + 1
        ));
    }
    s
}

fn bench(c: &mut Criterion) {
    let text = generated_course(5_000);
    let files = [SourceFile::new("bench.toml", text.as_str())];
    let report = check_files(&files);
    assert!(report.is_clean(), "generated file must be valid");
    let Some(course) = report.courses.first().cloned() else {
        panic!("generated file must yield a course");
    };
    assert_eq!(course.questions.len(), 5_000);
    c.bench_function("check 5000 questions", |b| b.iter(|| check_files(&files)));
    c.bench_function("draw 10 of 5000", |b| {
        b.iter(|| Attempt::start(&course, 42, 0))
    });

    let shipped = include_str!("../../quizzes/human-rights.toml");
    let report = check_files(&[SourceFile::new("human-rights.toml", shipped)]);
    let Some(course) = report.courses.first() else {
        panic!("the shipped course must be valid");
    };
    let draft = Draft::from_course(course, Origin::Shipped(course.id.clone()));
    let options = ItemOptions::new(quiz_core::date::Date::from_days_since_epoch(20_428));
    c.bench_function("editor check of human-rights (55 questions)", |b| {
        b.iter(|| draft.check(&options))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
