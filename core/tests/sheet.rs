//! The spreadsheet template (`quiz_core::import::sheet`), natively: the
//! fixture workbooks are built here with `rust_xlsxwriter` (numbers stored
//! as `2.0`, full-width digits, line breaks in cells, trailing empty rows
//! and columns, a formula with its cached value, date cells and serial
//! numbers, kinds and answers in Japanese and English, blank ids) and the
//! CSV ones with `encoding_rs` (Shift_JIS, UTF-8 with a BOM). The course
//! each gives is pinned by a golden TOML file in `tests/fixtures/sheet`;
//! `BLESS=1` rewrites the goldens after a deliberate change.
#![cfg(feature = "spreadsheet")]

use std::path::{Path, PathBuf};
use std::process::Command;

use quiz_core::import::sheet::{self, read, write};
use quiz_core::{Course, Date, ItemOptions, Lang, SourceFile};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

const TODAY: &str = "2026-12-01";

fn options() -> ItemOptions {
    ItemOptions::new(Date::parse(TODAY).expect("a date"))
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sheet")
}

/// Compares `text` with the golden file `name`, or rewrites it under `BLESS`.
fn golden(name: &str, text: &str) {
    let path = fixtures().join(name);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, text).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(text, expected, "golden {name} differs (BLESS=1 to rewrite)");
}

fn headers(ws: &mut Worksheet) {
    for (col, h) in sheet::QUESTION_HEADERS.iter().enumerate() {
        ws.write_string(0, col as u16, *h).expect("header");
    }
}

fn date(y: u16, m: u8, d: u8) -> ExcelDateTime {
    ExcelDateTime::from_ymd(y, m, d).expect("a date")
}

/// A workbook as Excel leaves it after a trainer's edits: every quirk
/// the reader must take.
fn quirks_xlsx() -> Vec<u8> {
    let mut book = Workbook::new();
    let date_format = Format::new().set_num_format("yyyy/mm/dd");
    let coloured = Format::new().set_bold();
    let ws = book.add_worksheet();
    ws.set_name("コース").expect("name");
    let items: [(&str, &str); 10] = [
        ("項目", "内容"),
        ("コースID", "bousai"),
        ("タイトル", "防災の基本"),
        (
            "説明",
            "災害が起きたときの初動を学びます。\n窓口と電話の対応も扱います。",
        ),
        ("運営方針", "運営方針 1(4)②"),
        ("合格点", ""),
        ("出題数", "全問"),
        ("合格の有効日数", ""),
        ("確認日", ""),
        ("並び順", "５"),
    ];
    for (r, (a, b)) in items.iter().enumerate() {
        ws.write_string(r as u32, 0, *a).expect("item");
        if !b.is_empty() {
            ws.write_string(r as u32, 1, *b).expect("value");
        }
    }
    // 合格点 stored as a number (Excel writes 80.0); the valid days as a
    // formula with its cached value; 確認日 as a date cell.
    ws.write_number(5, 1, 80.0).expect("pass mark");
    ws.write_formula(7, 1, "=365*1").expect("formula");
    ws.set_formula_result(7, 1, "365");
    ws.write_datetime_with_format(8, 1, date(2026, 11, 20), &date_format)
        .expect("date");

    let ws = book.add_worksheet();
    ws.set_name("問題").expect("name");
    headers(ws);
    let t = |ws: &mut Worksheet, r: u32, c: u16, s: &str| {
        ws.write_string(r, c, s).expect("text");
    };
    // Row 2: English kind, full-width answer, line breaks, a date cell.
    t(ws, 1, 0, "bousai-kiso-1");
    t(ws, 1, 1, "single");
    t(
        ws,
        1,
        2,
        "夜間に震度6弱の地震がありました。\n庁舎は停電しています。",
    );
    t(ws, 1, 3, "最初にとる行動はどれですか。");
    for (i, c) in [
        "身の安全を確保する",
        "書類を片付ける",
        "帰宅する",
        "電話を待つ",
    ]
    .iter()
    .enumerate()
    {
        t(ws, 1, 4 + i as u16, c);
    }
    t(ws, 1, 10, "１");
    t(
        ws,
        1,
        11,
        "まず身の安全を確保します。\n\n次に、**来庁者**の安全を確かめます。",
    );
    t(ws, 1, 12, "災害対策基本法 第5条\n運営方針 1(4)②");
    t(ws, 1, 19, "地震、初動");
    ws.write_number(1, 20, 2.0).expect("difficulty");
    ws.write_datetime_with_format(1, 21, date(2026, 12, 1), &date_format)
        .expect("date");
    // Row 3: blank id, 複数 with 、, sources split by ；, a serial date.
    t(ws, 2, 1, "複数");
    t(
        ws,
        2,
        3,
        "避難所の開設で確かめることをすべて選んでください。",
    );
    for (i, c) in ["建物の安全", "職員の私物", "トイレの使用可否"]
        .iter()
        .enumerate()
    {
        t(ws, 2, 4 + i as u16, c);
    }
    t(ws, 2, 10, "1、3");
    t(ws, 2, 11, "建物の安全とトイレを確かめます。");
    t(ws, 2, 12, "避難所運営ガイドライン；運営方針 1(4)②");
    t(ws, 2, 14, "私物の確認は開設の条件ではありません。");
    ws.write_number(2, 21, 46_357.0).expect("serial date");
    // Row 4: blank id, "multiple", answers with a comma, a text date.
    t(ws, 3, 1, "multiple");
    t(
        ws,
        3,
        3,
        "安否確認の手段として適切なものをすべて選んでください。",
    );
    for (i, c) in [
        "私用の SNS",
        "庁内の安否確認システム",
        "所属長への電話",
        "出勤してから報告",
    ]
    .iter()
    .enumerate()
    {
        t(ws, 3, 4 + i as u16, c);
    }
    t(ws, 3, 10, "2,3");
    t(ws, 3, 11, "定められた手段で報告します。");
    t(ws, 3, 12, "業務継続計画");
    t(ws, 3, 21, "2026/12/1");
    // Row 5: ○× answered ×, with feedback for ○ and ×.
    t(ws, 4, 0, "bousai-maru-1");
    t(ws, 4, 1, "○×");
    t(ws, 4, 3, "停電中でもエレベーターで避難してよい。");
    t(ws, 4, 10, "×");
    t(ws, 4, 11, "閉じ込めのおそれがあります。");
    t(ws, 4, 12, "消防庁の指針");
    t(ws, 4, 13, "○ではありません。");
    t(ws, 4, 14, "そのとおりです。");
    // Row 6: truefalse answered by a TRUE cell.
    t(ws, 5, 0, "bousai-maru-2");
    t(ws, 5, 1, "truefalse");
    t(ws, 5, 3, "揺れが収まってから火の元を確かめる。");
    ws.write_boolean(5, 10, true).expect("bool");
    t(ws, 5, 11, "揺れている間は近づきません。");
    t(ws, 5, 12, "消防庁の指針");
    // Row 7: ○× answered by the text FALSE, full-width kind.
    t(ws, 6, 0, "bousai-maru-3");
    t(ws, 6, 1, "〇×");
    t(ws, 6, 3, "避難所では名簿を作らない。");
    t(ws, 6, 10, "FALSE");
    t(ws, 6, 11, "名簿は支援の基本です。");
    t(ws, 6, 12, "避難所運営ガイドライン");
    // Row 8: the answer as a formula with its cached value; 難易度 in words.
    t(ws, 7, 0, "bousai-formula-1");
    t(ws, 7, 3, "非常用電源の点検は誰が行いますか。");
    for (i, c) in ["各課の職員", "施設の管理担当", "来庁者"]
        .iter()
        .enumerate()
    {
        t(ws, 7, 4 + i as u16, c);
    }
    ws.write_formula(7, 10, "=1+1").expect("formula");
    ws.set_formula_result(7, 10, "2");
    t(ws, 7, 11, "施設の管理担当が点検します。");
    t(ws, 7, 12, "業務継続計画");
    t(ws, 7, 20, "応用");
    // Row 9 is empty; row 10: answer stored as a number, blank id.
    t(ws, 9, 1, "択一");
    t(ws, 9, 3, "災害時の問い合わせ窓口はどこですか。");
    t(ws, 9, 4, "災害対策本部");
    t(ws, 9, 5, "各課の窓口");
    ws.write_number(9, 10, 1.0).expect("number");
    t(ws, 9, 11, "本部に一本化します。");
    t(ws, 9, 12, "地域防災計画");
    // Empty trailing rows and columns, formatted but blank.
    ws.write_blank(60, 3, &coloured).expect("blank");
    ws.write_blank(1, 40, &coloured).expect("blank");
    ws.write_string(45, 2, "").expect("empty text");
    book.save_to_buffer().expect("xlsx")
}

fn convert(book: &sheet::Workbook, name: &str) -> sheet::Conversion {
    sheet::convert(book, name, &options())
}

fn rendered(c: &sheet::Conversion, lang: Lang) -> String {
    c.findings
        .iter()
        .map(|f| format!("{}\n", f.render(lang)))
        .collect()
}

#[test]
fn every_quirk_excel_writes_is_read() {
    let book = read::xlsx(&quirks_xlsx()).expect("readable");
    let c = convert(&book, "quirks.xlsx");
    assert_eq!(c.error_count(), 0, "{}", rendered(&c, Lang::Ja));
    let toml = c.toml.clone().expect("a course file");
    golden("quirks.toml", &toml);
    let course = c.course.expect("a course");
    let ids: Vec<&str> = course.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "bousai-kiso-1",
            "bousai-3",
            "bousai-4",
            "bousai-maru-1",
            "bousai-maru-2",
            "bousai-maru-3",
            "bousai-formula-1",
            "bousai-10"
        ]
    );
    let correct: Vec<Vec<usize>> = course.questions.iter().map(|q| q.correct()).collect();
    assert_eq!(
        correct,
        [
            vec![0],
            vec![0, 2],
            vec![1, 2],
            vec![1],
            vec![0],
            vec![1],
            vec![1],
            vec![0]
        ]
    );
    let q = &course.questions[0];
    assert_eq!(q.sources, ["災害対策基本法 第5条", "運営方針 1(4)②"]);
    assert_eq!(q.tags, ["地震", "初動"]);
    assert_eq!(q.difficulty, Some(2));
    assert_eq!(q.explanation.blocks.len(), 2, "a blank line is a paragraph");
    assert_eq!(course.questions[1].sources.len(), 2);
    assert_eq!(course.questions[6].difficulty, Some(3));
    let day = Date::parse("2026-12-01");
    assert_eq!(
        [0, 1, 2].map(|i| course.questions[i].checked),
        [day, day, day]
    );
    assert_eq!(course.checked, Date::parse("2026-11-20"));
    assert_eq!(course.pass_mark, 80);
    assert_eq!(course.pass_valid_days, Some(365));
    assert_eq!(course.order, Some(5));
    assert_eq!(course.draw, quiz_core::Draw::All);
    assert_eq!(c.ids_made, 3);
}

#[test]
fn ids_made_from_the_row_are_stable_and_kept_on_export() {
    let bytes = quirks_xlsx();
    let first = convert(&read::xlsx(&bytes).expect("readable"), "a.xlsx");
    let again = convert(&read::xlsx(&bytes).expect("readable"), "a.xlsx");
    let ids = |c: &sheet::Conversion| -> Vec<String> {
        let course = c.course.as_ref().expect("a course");
        course.questions.iter().map(|q| q.id.clone()).collect()
    };
    assert_eq!(ids(&first), ids(&again));
    // Exported, the made ids are written in, and read back unchanged.
    let course = first.course.clone().expect("a course");
    let (book, losses) = sheet::course_book(&course);
    assert!(losses.is_empty());
    let back = convert(
        &read::xlsx(&write::xlsx(&book).expect("xlsx")).expect("readable"),
        "b.xlsx",
    );
    assert_eq!(back.ids_made, 0);
    assert_eq!(ids(&back), ids(&first));
}

/// Equal, or a short message naming the first question that differs.
fn same_course(got: &Course, want: &Course, what: &str) {
    for (a, b) in got.questions.iter().zip(&want.questions) {
        assert_eq!(a, b, "{what}: question {}", b.id);
    }
    let settings = |c: &Course| {
        let mut c = c.clone();
        c.questions.clear();
        c
    };
    assert_eq!(settings(got), settings(want), "{what}: course settings");
    assert_eq!(got, want, "{what}");
}

fn strip_hidden(mut course: Course) -> Course {
    course.hidden = false;
    course
}

/// Each shipped course → xlsx → course: the very same course (ids, kinds,
/// answers, texts, sources, feedback, tags, dates and settings).
#[test]
fn every_shipped_course_survives_the_round_trip_through_excel() {
    let quizzes = Path::new(env!("CARGO_MANIFEST_DIR")).join("../quizzes");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&quizzes)
        .expect("quizzes")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    names.sort();
    assert!(names.len() >= 4, "{names:?}");
    for path in names {
        let text = std::fs::read_to_string(&path).expect("read");
        let original = quiz_core::parse::parse_course(&text, false)
            .course
            .expect("a shipped course is valid");
        let (book, losses) = sheet::course_book(&original);
        assert!(losses.is_empty(), "{path:?}: {losses:?}");
        let bytes = write::xlsx(&book).expect("xlsx");
        let back = convert(&read::xlsx(&bytes).expect("readable"), "course.xlsx");
        assert_eq!(
            back.error_count(),
            0,
            "{path:?}\n{}",
            rendered(&back, Lang::Ja)
        );
        assert_eq!(back.ids_made, 0);
        let course = strip_hidden(back.course.expect("a course"));
        same_course(&course, &original, &path.display().to_string());
        // The written file is a course file the checker takes as it is.
        let toml = back.toml.expect("toml");
        let report = quiz_core::check_files(&[SourceFile::new("back.toml", toml)]);
        assert!(report.is_clean());
    }
}

/// The questions and course sheets as CSV text, as Excel saves them.
fn csv_texts() -> (String, String) {
    let mut questions = sheet::QUESTION_HEADERS.join(",");
    questions.push_str("\r\n");
    questions.push_str(
        "csv-1,択一,,\"最初に確かめることは\r\nどれですか。\",身の安全,書類,帰宅,,,,２,\"身の安全が先です。\",運営方針 1(4)②,,,,,,,地震,1,2026/12/1\r\n",
    );
    questions.push_str(
        ",複数,,当てはまるものをすべて選んでください。,建物,私物,トイレ,,,,\"1,3\",建物とトイレです。,\"ガイドライン；運営方針 1(4)②\",,,,,,,,,\r\n",
    );
    questions.push_str(
        ",○×,,エレベーターで避難してよい。,,,,,,,×,閉じ込めのおそれ。,消防庁の指針,,,,,,,,,\r\n",
    );
    questions.push_str(",,,,,,,,,,,,,,,,,,,,,\r\n,,,,,,,,,,,,,,,,,,,,,\r\n");
    let course = "項目,内容\r\nコースID,csv-course\r\nタイトル,防災\r\n説明,災害時の初動\r\n運営方針,運営方針 1(4)②\r\n合格点,８０\r\n出題数,2\r\n合格の有効日数,\r\n確認日,2026/12/01\r\n並び順,\r\n".to_owned();
    (questions, course)
}

#[test]
fn csv_in_shift_jis_or_utf8_with_a_bom_reads_the_same() {
    let (questions, course) = csv_texts();
    let (q_sjis, _, bad_q) = encoding_rs::SHIFT_JIS.encode(&questions);
    let (c_sjis, _, bad_c) = encoding_rs::SHIFT_JIS.encode(&course);
    assert!(!bad_q && !bad_c, "every character has a Shift_JIS code");
    let sjis = read::csv_files(&[
        ("問題".to_owned(), q_sjis.into_owned()),
        ("コース".to_owned(), c_sjis.into_owned()),
    ]);
    let bom = |t: &str| format!("\u{feff}{t}").into_bytes();
    let utf8 = read::csv_files(&[
        ("course".to_owned(), bom(&course)),
        ("questions".to_owned(), bom(&questions)),
    ]);
    let a = convert(&sjis, "問題.csv");
    let b = convert(&utf8, "問題.csv");
    assert_eq!(a.error_count(), 0, "{}", rendered(&a, Lang::Ja));
    assert_eq!(a.course, b.course);
    let toml = a.toml.expect("toml");
    golden("csv.toml", &toml);
    let course = a.course.expect("a course");
    assert_eq!(course.pass_mark, 80);
    assert_eq!(course.questions.len(), 3);
    assert_eq!(course.questions[1].id, "csv-course-3");
    assert_eq!(course.questions[1].correct(), vec![0, 2]);
    assert_eq!(
        course.questions[0].prompt.to_plain(),
        "最初に確かめることはどれですか。"
    );
}

/// A template with a mistake of every kind, as a trainer might hand it in.
fn broken_xlsx() -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("コース").expect("name");
    let items: [(&str, &str); 10] = [
        ("項目", "内容"),
        ("コースID", "Bousai Course"),
        ("タイトル", ""),
        ("説明", "災害時の初動"),
        ("運営方針", "運営方針 1(4)②"),
        ("合格点", "八十"),
        ("出題数", "20"),
        ("合格の有効日数", ""),
        ("確認日", "来月"),
        ("並び順", ""),
    ];
    for (r, (a, b)) in items.iter().enumerate() {
        ws.write_string(r as u32, 0, *a).expect("item");
        if !b.is_empty() {
            ws.write_string(r as u32, 1, *b).expect("value");
        }
    }
    let ws = book.add_worksheet();
    ws.set_name("問題").expect("name");
    headers(ws);
    ws.write_string(0, 22, "備考").expect("extra header");
    let rows: [&[(u16, &str)]; 11] = [
        // 2: the answer beyond the choices.
        &[
            (0, "b-1"),
            (1, "択一"),
            (3, "問1"),
            (4, "ア"),
            (5, "イ"),
            (6, "ウ"),
            (7, "エ"),
            (10, "5"),
            (11, "解説"),
            (12, "出典"),
        ],
        // 3: an unknown kind.
        &[
            (0, "b-2"),
            (1, "記述"),
            (3, "問2"),
            (4, "ア"),
            (5, "イ"),
            (10, "1"),
            (11, "解説"),
            (12, "出典"),
        ],
        // 4: a gap in the choices.
        &[
            (0, "b-3"),
            (3, "問3"),
            (4, "ア"),
            (5, "イ"),
            (7, "エ"),
            (10, "1"),
            (11, "解説"),
            (12, "出典"),
        ],
        // 5: ○× answered with a word.
        &[
            (0, "b-4"),
            (1, "○×"),
            (3, "問4"),
            (10, "はい"),
            (11, "解説"),
            (12, "出典"),
        ],
        // 6: no explanation.
        &[
            (0, "b-5"),
            (3, "問5"),
            (4, "ア"),
            (5, "イ"),
            (10, "2"),
            (12, "出典"),
        ],
        // 7: the id of row 2 again.
        &[
            (0, "b-1"),
            (3, "問6"),
            (4, "ア"),
            (5, "イ"),
            (10, "2"),
            (11, "解説"),
            (12, "出典"),
        ],
        // 8: 択一 with two answers.
        &[
            (0, "b-7"),
            (3, "問7"),
            (4, "ア"),
            (5, "イ"),
            (10, "1、2"),
            (11, "解説"),
            (12, "出典"),
        ],
        // 9: one choice only, and a date that is not one.
        &[
            (0, "b-8"),
            (3, "問8"),
            (4, "ア"),
            (10, "1"),
            (11, "解説"),
            (12, "出典"),
            (21, "来週"),
        ],
        // 10: feedback for a choice it does not have.
        &[
            (0, "b-9"),
            (3, "問9"),
            (4, "ア"),
            (5, "イ"),
            (10, "1"),
            (11, "解説"),
            (12, "出典"),
            (17, "五つ目へ"),
        ],
        // 11: an answer that is no number; difficulty out of range.
        &[
            (0, "b-10"),
            (3, "問10"),
            (4, "ア"),
            (5, "イ"),
            (10, "イ"),
            (11, "解説"),
            (12, "出典"),
            (20, "4"),
        ],
        // 12: a choice on a ○× question.
        &[
            (0, "b-11"),
            (1, "○×"),
            (3, "問11"),
            (4, "ア"),
            (10, "○"),
            (11, "解説"),
            (12, "出典"),
        ],
    ];
    for (i, cells) in rows.iter().enumerate() {
        for (col, text) in cells.iter() {
            ws.write_string(i as u32 + 1, *col, *text).expect("cell");
        }
    }
    // 13: a formula whose cached value is an error.
    let r = rows.len() as u32 + 1;
    for (col, text) in [
        (0, "b-12"),
        (3, "問12"),
        (4, "ア"),
        (5, "イ"),
        (10, "1"),
        (11, "解説"),
    ] {
        ws.write_string(r, col, text).expect("cell");
    }
    ws.write_formula(r, 12, "=NA()").expect("formula");
    ws.set_formula_result(r, 12, "#N/A");
    book.save_to_buffer().expect("xlsx")
}

fn quizcheck(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_quizcheck"))
        .args(args)
        .output()
        .expect("quizcheck runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("quizcheck-sheet-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

/// The CLI on a broken template: every problem by sheet and cell, in
/// Japanese and English, and no course file written.
#[test]
fn a_broken_template_is_reported_by_sheet_and_cell() {
    let file = temp("broken.xlsx");
    std::fs::write(&file, broken_xlsx()).expect("write");
    let out = temp("broken.toml");
    let path = file.display().to_string();
    let out_arg = out.display().to_string();
    for (lang, name) in [("ja", "broken.stderr"), ("en", "broken.en.stderr")] {
        let args = [
            "--lang",
            lang,
            "--today",
            TODAY,
            "--from-xlsx",
            &path,
            "-o",
            &out_arg,
        ];
        let (code, stdout, stderr) = quizcheck(&args);
        assert_eq!(code, 1, "{stderr}");
        assert!(stdout.is_empty());
        golden(name, &stderr.replace(&path, "broken.xlsx"));
    }
    assert!(!out.exists(), "no course file from a broken template");
    let (_, _, stderr) = quizcheck(&["--today", TODAY, "--from-xlsx", &path]);
    assert!(
        stderr.contains(": 問題!K2: 正解の 5 は選択肢の数（4）を超えています\n"),
        "{stderr}"
    );
}

/// The whole path on the command line: template → filled → course file;
/// course file → xlsx → the same course; CSV files too.
#[test]
fn the_command_line_writes_the_template_and_converts_both_ways() {
    let template = temp("template.xlsx");
    let t = template.display().to_string();
    let (code, _, stderr) = quizcheck(&["--template", "-o", &t]);
    assert_eq!(code, 0, "{stderr}");
    let book = read::xlsx(&std::fs::read(&template).expect("written")).expect("readable");
    let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["コース", "問題", "説明"]);
    let (code, stdout, stderr) = quizcheck(&["--today", TODAY, "--from-xlsx", &t]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("id = \"example-course-2\""), "{stdout}");
    assert!(
        stderr.contains("問題!A2: 警告: 内容の確認日がありません"),
        "{stderr}"
    );
    // --strict makes those warnings fail, and then nothing is written.
    let (code, stdout, _) = quizcheck(&["--strict", "--today", TODAY, "--from-xlsx", &t]);
    assert_eq!((code, stdout.is_empty()), (1, true));

    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../quizzes/human-rights.toml");
    let xlsx = temp("human-rights.xlsx");
    let x = xlsx.display().to_string();
    let s = shipped.display().to_string();
    let (code, _, stderr) = quizcheck(&["--to-xlsx", &s, "-o", &x]);
    assert_eq!(code, 0, "{stderr}");
    let back = temp("human-rights.toml");
    let b = back.display().to_string();
    let (code, _, stderr) = quizcheck(&["--today", TODAY, "--from-xlsx", &x, "-o", &b]);
    assert_eq!(code, 0, "{stderr}");
    let original =
        quiz_core::parse::parse_course(&std::fs::read_to_string(&shipped).expect("read"), false)
            .course;
    let again =
        quiz_core::parse::parse_course(&std::fs::read_to_string(&back).expect("read"), false)
            .course;
    let (again, original) = (again.expect("read back"), original.expect("shipped"));
    same_course(&again, &original, "human-rights via the CLI");

    let (questions, course) = csv_texts();
    let q = temp("問題.csv");
    let c = temp("コース.csv");
    std::fs::write(&q, encoding_rs::SHIFT_JIS.encode(&questions).0).expect("write");
    std::fs::write(&c, encoding_rs::SHIFT_JIS.encode(&course).0).expect("write");
    let (q, c) = (q.display().to_string(), c.display().to_string());
    let (code, stdout, stderr) = quizcheck(&["--today", TODAY, "--from-csv", &q, &c]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("id = \"csv-course-3\""), "{stdout}");

    assert_eq!(quizcheck(&["--template"]).0, 2);
    assert_eq!(quizcheck(&["--to-xlsx", &s]).0, 2);
    assert_eq!(quizcheck(&["--from-xlsx"]).0, 2);
    assert_eq!(quizcheck(&["--guess", "--from-xlsx", &x]).0, 2);
    // Not a workbook: said, exit 1.
    let (code, _, stderr) = quizcheck(&["--from-xlsx", &s]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("Excel のファイル（.xlsx）として読めません"),
        "{stderr}"
    );
}

#[test]
fn the_template_the_app_offers_is_the_one_the_core_writes() {
    // `static/course-template.xlsx` is what the trainer screen offers for
    // download; it must read back as today's template. After a change to
    // the template: `quizcheck --template -o static/course-template.xlsx`.
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../static/course-template.xlsx");
    let bytes = std::fs::read(&shipped).expect("static/course-template.xlsx is committed");
    let from_file = read::xlsx(&bytes).expect("the shipped template reads");
    let fresh = read::xlsx(&write::xlsx(&sheet::template_book()).expect("writes")).expect("reads");
    assert_eq!(
        from_file, fresh,
        "static/course-template.xlsx is out of date: run quizcheck --template -o static/course-template.xlsx"
    );
}
