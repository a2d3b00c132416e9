//! The spreadsheet template, both ways: a course written in Excel (sheets
//! 「コース」 and 「問題」, one question per row) becomes a course file, and a
//! course file becomes the same template, so a trainer who has never seen
//! TOML can make a course, or take a shipped one, edit it in Excel and bring
//! it back with its ids intact.
//!
//! The pure part lives here: a [`Workbook`] of plain cells (what Excel
//! shows, whatever file it came from) → [`convert`] → course TOML, every
//! problem at its sheet and cell in the trainer's words; and a course →
//! [`course_book`] → cells. Reading `.xlsx`/`.csv` bytes ([`read`]) and
//! writing `.xlsx` ([`write`](mod@write)) need the crate feature `spreadsheet`, so the
//! learner's wasm never carries the spreadsheet crates.
//!
//! The converted TOML then goes through the very checks of a course file
//! ([`crate::check::check_files_with`]: errors, item-writing warnings and
//! advice), each mapped back to the cell its value came from.

#[cfg(feature = "spreadsheet")]
pub mod read;
#[cfg(feature = "spreadsheet")]
pub mod write;

use std::fmt::Write as _;
use std::ops::Range;

use crate::check::{SourceFile, check_files_with};
use crate::date::Date;
use crate::diagnostic::{Lang, Message, Severity};
use crate::item_check::ItemOptions;
use crate::model::{Course, Draw, Kind};
use crate::parse::MAX_CHOICES;

/// The sheet with one question per row.
pub const QUESTION_SHEET: &str = "問題";
/// The sheet with the course's settings, one per row.
pub const COURSE_SHEET: &str = "コース";
/// The sheet that explains every column.
pub const GUIDE_SHEET: &str = "説明";

/// Choice (and feedback) columns in the template.
pub const TEMPLATE_CHOICES: usize = 6;

/// The columns of 「問題」, in template order.
pub const QUESTION_HEADERS: [&str; 22] = [
    "問題ID",
    "形式",
    "場面",
    "問題文",
    "選択肢1",
    "選択肢2",
    "選択肢3",
    "選択肢4",
    "選択肢5",
    "選択肢6",
    "正解",
    "解説",
    "出典",
    "フィードバック1",
    "フィードバック2",
    "フィードバック3",
    "フィードバック4",
    "フィードバック5",
    "フィードバック6",
    "タグ",
    "難易度",
    "確認日",
];

/// The items of 「コース」 (column A), in template order; the value is in
/// column B.
pub const COURSE_ITEMS: [&str; 10] = [
    "コースID",
    "タイトル",
    "説明",
    "運営方針",
    "合格点",
    "出題数",
    "合格の有効日数",
    "確認日",
    "並び順",
    "出題範囲",
];

/// One cell as Excel shows it.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Cell {
    /// Nothing in it.
    #[default]
    Empty,
    /// Text as typed (line breaks as `\n`).
    Text(String),
    /// A number (Excel stores 2 as `2.0`).
    Number(f64),
    /// TRUE or FALSE.
    Bool(bool),
    /// A date cell.
    Date(Date),
    /// An error value such as `#N/A` (a formula that failed).
    Error(String),
}

impl Cell {
    fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// One sheet: `rows[0]` is Excel's row 1, `rows[r][0]` its column A.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Sheet {
    /// The sheet's name as Excel shows it on its tab.
    pub name: String,
    /// The cells, row by row; rows may differ in length.
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    fn cell(&self, row: usize, col: usize) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&EMPTY)
    }

    fn set(&mut self, row: usize, col: usize, cell: Cell) {
        if self.rows.len() <= row {
            self.rows.resize(row + 1, Vec::new());
        }
        if let Some(r) = self.rows.get_mut(row) {
            if r.len() <= col {
                r.resize(col + 1, Cell::Empty);
            }
            if let Some(c) = r.get_mut(col) {
                *c = cell;
            }
        }
    }

    /// True when this sheet has the question columns' header (問題文).
    fn is_questions(&self) -> bool {
        header_row(self).is_some()
    }

    /// True when this sheet lists the course items in column A.
    fn is_course(&self) -> bool {
        (0..self.rows.len()).any(|r| norm(&cell_text(self.cell(r, 0))) == "コースID")
    }
}

/// A workbook: its sheets in tab order. Serde: the app's sheet worker
/// (its own wasm, which alone carries the `.xlsx` crates) hands the cells
/// over as JSON.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Workbook {
    /// The sheets.
    pub sheets: Vec<Sheet>,
}

/// Where something is in the workbook.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    /// The file as a whole.
    File,
    /// A sheet as a whole.
    Sheet(String),
    /// One cell: sheet, 1-based row, 0-based column.
    Cell(String, usize, usize),
}

impl Location {
    /// `問題!K7`, `問題`, or empty for the whole file.
    pub fn render(&self) -> String {
        match self {
            Location::File => String::new(),
            Location::Sheet(s) => s.clone(),
            Location::Cell(s, row, col) => format!("{s}!{}{row}", column_name(*col)),
        }
    }

    fn sort_key(&self, sheets: &[String]) -> (usize, usize, usize) {
        let rank = |s: &String| sheets.iter().position(|n| n == s).unwrap_or(usize::MAX);
        match self {
            Location::File => (0, 0, 0),
            Location::Sheet(s) => (rank(s), 0, 0),
            Location::Cell(s, r, c) => (rank(s), *r, *c + 1),
        }
    }
}

/// Excel's column letters for a 0-based column: 0 → A, 26 → AA.
pub fn column_name(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// A problem the spreadsheet itself has, before any course check, as plain
/// data; [`SheetProblem::render`] words it for the trainer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SheetProblem {
    /// The file is not a workbook this reader can open.
    Unreadable {
        /// What the reader said.
        reason: String,
    },
    /// No sheet has the question columns (a header row with 問題文).
    NoQuestionSheet,
    /// No sheet lists the course items (コースID in column A).
    NoCourseSheet,
    /// A template column is missing from the header row.
    MissingColumn {
        /// The column's header.
        header: &'static str,
    },
    /// A header the template does not have: its column is not read.
    UnknownColumn {
        /// The header as written.
        header: String,
    },
    /// The question sheet has a header but no question rows.
    NoQuestionRows,
    /// A required cell is blank.
    Blank {
        /// The column's header or the course item.
        header: &'static str,
    },
    /// 形式 is none of the three kinds.
    UnknownKind {
        /// The value as written.
        value: String,
    },
    /// A choice question with fewer than two choices.
    TooFewChoices {
        /// How many it has.
        count: usize,
    },
    /// A blank choice column before a filled one: the numbers would shift.
    GapInChoices {
        /// The blank choice's number.
        number: usize,
    },
    /// Choices on a ○× question.
    ChoicesOnTrueFalse,
    /// 正解 of a choice question that is not a number (or a list of them).
    AnswerNotNumber {
        /// The value as written.
        value: String,
    },
    /// 正解 names a choice number beyond the choices.
    AnswerBeyondChoices {
        /// The number written.
        number: i64,
        /// How many choices the row has.
        choices: usize,
    },
    /// 択一 with several answers.
    SingleWithSeveral {
        /// How many are written.
        count: usize,
    },
    /// 正解 of a ○× question that is not ○, ×, TRUE or FALSE.
    AnswerNotTrueFalse {
        /// The value as written.
        value: String,
    },
    /// Feedback for a choice the row does not have.
    FeedbackWithoutChoice {
        /// The feedback's number.
        number: usize,
    },
    /// A number cell with something else in it.
    NotANumber {
        /// The column's header or the course item.
        header: &'static str,
        /// The value as written.
        value: String,
    },
    /// A date cell with something that is not a date.
    NotADate {
        /// The column's header or the course item.
        header: &'static str,
        /// The value as written.
        value: String,
    },
    /// A 出題範囲 line that is not `名前：タグ、タグ`.
    BadArea {
        /// The line as written.
        line: String,
    },
    /// A 問題ID used on an earlier row.
    DuplicateId {
        /// The id.
        id: String,
        /// Where it is first used, e.g. `問題!A3`.
        first: String,
    },
    /// A cell holding an error value (a formula that failed).
    ErrorValue {
        /// The error as Excel shows it, e.g. `#N/A`.
        value: String,
    },
}

impl SheetProblem {
    /// The case's short name, stable for tests and documentation.
    pub fn code(&self) -> &'static str {
        use SheetProblem::*;
        match self {
            Unreadable { .. } => "unreadable",
            NoQuestionSheet => "no-question-sheet",
            NoCourseSheet => "no-course-sheet",
            MissingColumn { .. } => "missing-column",
            UnknownColumn { .. } => "unknown-column",
            NoQuestionRows => "no-question-rows",
            Blank { .. } => "blank",
            UnknownKind { .. } => "unknown-kind",
            TooFewChoices { .. } => "too-few-choices",
            GapInChoices { .. } => "gap-in-choices",
            ChoicesOnTrueFalse => "choices-on-truefalse",
            AnswerNotNumber { .. } => "answer-not-number",
            AnswerBeyondChoices { .. } => "answer-beyond-choices",
            SingleWithSeveral { .. } => "single-with-several",
            AnswerNotTrueFalse { .. } => "answer-not-truefalse",
            FeedbackWithoutChoice { .. } => "feedback-without-choice",
            NotANumber { .. } => "not-a-number",
            NotADate { .. } => "not-a-date",
            BadArea { .. } => "bad-area",
            DuplicateId { .. } => "duplicate-id",
            ErrorValue { .. } => "error-value",
        }
    }

    /// True for what only needs a look (an extra column is ignored);
    /// everything else stops the conversion.
    pub fn is_warning(&self) -> bool {
        matches!(self, SheetProblem::UnknownColumn { .. })
    }

    /// The problem in words a trainer can act on.
    pub fn render(&self, lang: Lang) -> String {
        use SheetProblem::*;
        let ja = lang == Lang::Ja;
        match self {
            Unreadable { reason } if ja => {
                format!("Excel のファイル（.xlsx）として読めません（{reason}）")
            }
            Unreadable { reason } => format!("cannot be read as an Excel file (.xlsx): {reason}"),
            NoQuestionSheet if ja => {
                "シート「問題」（1行目に「問題文」などの見出しがある表）が見つかりません".into()
            }
            NoQuestionSheet => {
                "no sheet 「問題」 (a table whose first row has headers such as 問題文)".into()
            }
            NoCourseSheet if ja => {
                "シート「コース」（A列に「コースID」などの項目がある表）が見つかりません".into()
            }
            NoCourseSheet => "no sheet 「コース」 (with items such as コースID in column A)".into(),
            MissingColumn { header } if ja => {
                format!(
                    "見出しに「{header}」の列がありません。ひな形の見出し行を消さずに使ってください"
                )
            }
            MissingColumn { header } => {
                format!("the header row has no column 「{header}」; keep the template's header row")
            }
            UnknownColumn { header } if ja => {
                format!("見出し「{header}」はひな形にない列なので、読み込みません")
            }
            UnknownColumn { header } => {
                format!("「{header}」 is not a template column; it is not read")
            }
            NoQuestionRows if ja => {
                "問題が1行もありません。2行目から1行に1問ずつ書いてください".into()
            }
            NoQuestionRows => {
                "there are no question rows; write one question per row from row 2".into()
            }
            Blank { header } if ja => format!("「{header}」が空です。書いてください"),
            Blank { header } => format!("「{header}」 is blank; fill it in"),
            UnknownKind { value } if ja => {
                format!("形式「{value}」は使えません。「択一」「複数」「○×」のどれかにしてください")
            }
            UnknownKind { value } => format!(
                "the kind (形式) \"{value}\" is unknown; use 択一, 複数 or ○× (or single, multiple, truefalse)"
            ),
            TooFewChoices { count } if ja => {
                format!("選択肢は2つ以上必要です（{count} 個です）。選択肢1から順に書いてください")
            }
            TooFewChoices { count } => {
                format!("at least two choices are needed ({count} given); fill 選択肢1 onwards")
            }
            GapInChoices { number } if ja => format!(
                "選択肢{number} が空のまま、その後ろの選択肢が書かれています。選択肢は1から詰めて書いてください"
            ),
            GapInChoices { number } => format!(
                "選択肢{number} is blank but a later choice is filled; write the choices from 1 without gaps"
            ),
            ChoicesOnTrueFalse if ja => {
                "○×の問題には選択肢を書きません（○と×はアプリが表示します）".into()
            }
            ChoicesOnTrueFalse => "a ○× question takes no choices (the app shows ○ and ×)".into(),
            AnswerNotNumber { value } if ja => format!(
                "正解「{value}」が選択肢の番号になっていません。択一は 2 のように、複数は 1、3 のように書いてください"
            ),
            AnswerNotNumber { value } => format!(
                "the answer (正解) \"{value}\" is not a choice number; write 2 for 択一, 1、3 for 複数"
            ),
            AnswerBeyondChoices { number, choices } if ja => {
                format!("正解の {number} は選択肢の数（{choices}）を超えています")
            }
            AnswerBeyondChoices { number, choices } => {
                format!("the answer (正解) {number} is beyond the number of choices ({choices})")
            }
            SingleWithSeveral { count } if ja => format!(
                "択一の問題の正解は1つです（{count} 個書かれています）。正解が複数なら形式を「複数」にしてください"
            ),
            SingleWithSeveral { count } => format!(
                "a 択一 (single) question has one answer ({count} given); use 形式 複数 for several"
            ),
            AnswerNotTrueFalse { value } if ja => {
                format!(
                    "○×の問題の正解「{value}」は、○ か × （または TRUE か FALSE）にしてください"
                )
            }
            AnswerNotTrueFalse { value } => format!(
                "the answer (正解) \"{value}\" of a ○× question must be ○ or × (or TRUE or FALSE)"
            ),
            FeedbackWithoutChoice { number } if ja => {
                format!("フィードバック{number} に当たる選択肢がありません（○×では 1 が○、2 が×）")
            }
            FeedbackWithoutChoice { number } => format!(
                "フィードバック{number} has no choice to go with (for ○×, 1 is ○ and 2 is ×)"
            ),
            NotANumber { header, value } if ja => {
                format!(
                    "「{header}」の「{value}」は数ではありません。半角か全角の数字だけで書いてください"
                )
            }
            NotANumber { header, value } => {
                format!("「{header}」 \"{value}\" is not a number; write digits only")
            }
            NotADate { header, value } if ja => format!(
                "「{header}」の「{value}」は日付として読めません。2026/12/01 のように書いてください"
            ),
            NotADate { header, value } => {
                format!("「{header}」 \"{value}\" is not a date; write it like 2026/12/01")
            }
            BadArea { line } if ja => format!(
                "出題範囲の「{line}」は「分野名：タグ、タグ」（2問以上なら「：2問」を足す）の形になっていません"
            ),
            BadArea { line } => format!(
                "the 出題範囲 line \"{line}\" is not 「name：tag、tag」 (with 「：2問」 for two or more)"
            ),
            DuplicateId { id, first } if ja => format!(
                "問題ID「{id}」は {first} で使われています。別の ID にしてください（学習記録は ID で結び付きます）"
            ),
            DuplicateId { id, first } => format!(
                "the 問題ID \"{id}\" is already used at {first}; choose another (progress is keyed by id)"
            ),
            ErrorValue { value } if ja => {
                format!("セルがエラー（{value}）になっています。式か値を直してください")
            }
            ErrorValue { value } => {
                format!("the cell shows an error ({value}); fix its formula or value")
            }
        }
    }
}

/// What was found, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// A problem of the spreadsheet itself.
    Sheet(SheetProblem),
    /// A rule of the course checks, on the converted course.
    Check(Message),
}

/// One problem, warning or piece of advice, at its place in the workbook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Where.
    pub at: Location,
    /// What.
    pub what: Found,
}

impl Finding {
    /// Error, warning or advice.
    pub fn severity(&self) -> Severity {
        match &self.what {
            Found::Sheet(p) if p.is_warning() => Severity::Warning,
            Found::Sheet(_) => Severity::Error,
            Found::Check(m) => m.severity(),
        }
    }

    /// `問題!K7: message`, a warning with `警告:` and its rule code, advice
    /// with `助言:`, like the checker's lines.
    pub fn render(&self, lang: Lang) -> String {
        let (message, code) = match &self.what {
            Found::Sheet(p) => (p.render(lang), p.code()),
            Found::Check(m) => (
                stale_words(m, lang).unwrap_or_else(|| m.render(lang)),
                m.code(),
            ),
        };
        let label = match (self.severity(), lang) {
            (Severity::Error, _) => String::new(),
            (Severity::Warning, Lang::Ja) => "警告: ".into(),
            (Severity::Warning, Lang::En) => "warning: ".into(),
            (Severity::Advice, Lang::Ja) => "助言: ".into(),
            (Severity::Advice, Lang::En) => "advice: ".into(),
        };
        let tail = if self.severity() == Severity::Error {
            String::new()
        } else {
            format!(" [{code}]")
        };
        let at = self.at.render();
        if at.is_empty() {
            format!("{label}{message}{tail}")
        } else {
            format!("{at}: {label}{message}{tail}")
        }
    }
}

/// `stale` in the sheet's terms (the 確認日 cells, not `checked = …`).
fn stale_words(message: &Message, lang: Lang) -> Option<String> {
    let Message::Stale {
        checked,
        from_course,
        age_days,
        max_age_days,
        today,
    } = message
    else {
        return None;
    };
    let ja = lang == Lang::Ja;
    Some(match checked {
        None if ja => format!(
            "内容の確認日がありません。出典の現行の内容を確かめてから、この行の「確認日」か、シート「コース」の「確認日」に {today} のように確認した日を書いてください"
        ),
        None => format!(
            "no 確認日 says when this question's facts were confirmed; confirm them against the sources, then write the day (like {today}) in the row's 確認日 or the course's 確認日"
        ),
        Some(date) if ja => format!(
            "内容の確認日 {date}{}から {age_days} 日たっています（上限 {max_age_days} 日）。e-Gov 法令検索や所管省庁のページで現行の内容を確かめ、必要なら解説と出典を直してから、確認日を {today} にしてください",
            if *from_course {
                "（シート「コース」の確認日）"
            } else {
                " "
            }
        ),
        Some(date) => format!(
            "the facts were last confirmed on {date}{}, {age_days} days ago (the limit is {max_age_days}); check the current law text (e-Gov) or the ministry's page, fix the explanation and sources if needed, then set 確認日 to {today}",
            if *from_course {
                " (the course's 確認日)"
            } else {
                ""
            }
        ),
    })
}

/// The outcome of reading a workbook as a course.
#[derive(Clone, Debug, Default)]
pub struct Conversion {
    /// The course file, when no error was found (warnings and advice
    /// allowed).
    pub toml: Option<String>,
    /// The course, when no error was found.
    pub course: Option<Course>,
    /// Every problem, warning and piece of advice, by sheet, row and column.
    pub findings: Vec<Finding>,
    /// How many questions got an id made from the course id and their row.
    pub ids_made: usize,
}

impl Conversion {
    /// How many findings are errors.
    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    /// How many findings have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity() == severity)
            .count()
    }
}

/// One sheet from the text of a `.csv` file, named `name` (Excel names it
/// after the file). Every record is a row, empty ones too, so rows keep
/// Excel's numbers even when a cell holds line breaks. Pure: the browser
/// decodes the bytes (UTF-8 or Shift_JIS) itself, so the app needs no
/// spreadsheet crate for CSV.
pub fn csv_text(name: &str, text: &str) -> Workbook {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut sheet = Sheet {
        name: name.to_owned(),
        rows: Vec::new(),
    };
    let mut row: Vec<Cell> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let field_cell = |field: &mut String| {
        let value = std::mem::take(field);
        if value.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(value)
        }
    };
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => row.push(field_cell(&mut field)),
            ('\r', false) if chars.peek() == Some(&'\n') => {}
            ('\n' | '\r', false) => {
                row.push(field_cell(&mut field));
                sheet.rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field_cell(&mut field));
        sheet.rows.push(row);
    }
    Workbook {
        sheets: vec![sheet],
    }
}

/// Full-width ASCII as half-width, the ideographic space as a space, trimmed.
fn norm(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// A header as compared: normalised, without spaces.
fn header_key(text: &str) -> String {
    norm(text).chars().filter(|c| !c.is_whitespace()).collect()
}

/// A cell's text as Excel displays it (numbers without `.0`).
fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(t) => t
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .trim()
            .to_owned(),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{n:.0}"),
        Cell::Number(n) => n.to_string(),
        Cell::Bool(true) => "TRUE".into(),
        Cell::Bool(false) => "FALSE".into(),
        Cell::Date(d) => d.to_string(),
        Cell::Error(e) => e.clone(),
    }
}

/// An integer from a number cell (`2.0`) or text (`２`, `2.0`).
fn whole_number(cell: &Cell) -> Option<i64> {
    let value = match cell {
        Cell::Number(n) => *n,
        Cell::Text(t) => norm(t).parse::<f64>().ok()?,
        _ => return None,
    };
    // Whole numbers only; the float is integral and in range here.
    #[allow(clippy::cast_possible_truncation)]
    (value.fract() == 0.0 && value.abs() < 1e15).then_some(value as i64)
}

/// The days from 1970-01-01 to Excel's day 0 (1899-12-30) in the 1900
/// date system.
const EXCEL_EPOCH_OFFSET: i64 = 25_569;

/// A date from a date cell, a serial number, or text such as `2026/12/1`,
/// `2026-12-01` or `2026年12月1日`.
fn date_of(cell: &Cell) -> Option<Date> {
    match cell {
        Cell::Date(d) => Some(*d),
        Cell::Number(_) => {
            let serial = whole_number(cell)?;
            (1..=2_958_465)
                .contains(&serial)
                .then(|| Date::from_days_since_epoch(serial - EXCEL_EPOCH_OFFSET))
        }
        Cell::Text(t) => {
            let t = norm(t);
            let parts: Vec<&str> = t
                .split(['/', '-', '.', '年', '月', '日'])
                .filter(|p| !p.is_empty())
                .collect();
            let [y, m, d] = parts.as_slice() else {
                return None;
            };
            Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
        _ => None,
    }
}

/// The Excel serial number of a date (1900 date system).
pub fn excel_serial(date: Date) -> i64 {
    date.days_since_epoch() + EXCEL_EPOCH_OFFSET
}

/// The row (0-based) holding the question headers: the first of the first
/// ten rows with a 問題文 cell.
fn header_row(sheet: &Sheet) -> Option<usize> {
    (0..sheet.rows.len().min(10)).find(|&r| {
        sheet
            .rows
            .get(r)
            .is_some_and(|row| row.iter().any(|c| header_key(&cell_text(c)) == "問題文"))
    })
}

/// The kinds 形式 can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SheetKind {
    Single,
    Multiple,
    TrueFalse,
}

fn kind_of(text: &str) -> Option<SheetKind> {
    let t: String = header_key(text).to_lowercase();
    match t.as_str() {
        "" | "択一" | "単一" | "単一選択" | "択一選択" | "single" => {
            Some(SheetKind::Single)
        }
        "複数" | "複数選択" | "multiple" => Some(SheetKind::Multiple),
        "○×" | "〇×" | "◯×" | "○✕" | "〇✕" | "◯✕" | "まるばつ" | "マルバツ" | "truefalse"
        | "true/false" | "true-false" => Some(SheetKind::TrueFalse),
        _ => None,
    }
}

fn truth_of(cell: &Cell) -> Option<bool> {
    if let Cell::Bool(b) = cell {
        return Some(*b);
    }
    match header_key(&cell_text(cell)).to_lowercase().as_str() {
        "○" | "〇" | "◯" | "true" | "o" => Some(true),
        "×" | "✕" | "✖" | "x" | "false" => Some(false),
        _ => None,
    }
}

/// Splits a list cell at line breaks and the given separators, trimmed,
/// blanks dropped.
fn split_list(text: &str, separators: &[char]) -> Vec<String> {
    text.split(|c: char| c == '\n' || separators.contains(&c))
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

const ANSWER_SEPARATORS: &[char] = &['、', ',', '，', '､', ';', '；', ' ', '\u{3000}', '・'];
const SOURCE_SEPARATORS: &[char] = &['；', ';'];
const TAG_SEPARATORS: &[char] = &['、', ',', '，', '､'];

/// A TOML string literal for any text.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// The TOML being written, with the cell each value came from.
struct Out {
    text: String,
    marks: Vec<(Range<usize>, Location)>,
    /// Per question row (1-based), the column of each choice in order.
    choice_cols: Vec<(usize, Vec<usize>)>,
}

impl Out {
    /// Writes `key = value` and remembers where the value came from.
    fn value(&mut self, key: &str, value: &str, at: Location) {
        let _ = write!(self.text, "{key} = ");
        let start = self.text.len();
        self.text.push_str(value);
        self.marks.push((start..self.text.len(), at));
        self.text.push('\n');
    }
}

/// One question row being read.
struct RowReader<'a> {
    sheet: &'a Sheet,
    row: usize,
    findings: &'a mut Vec<Finding>,
    failed: bool,
}

impl RowReader<'_> {
    fn at(&self, col: usize) -> Location {
        Location::Cell(self.sheet.name.clone(), self.row + 1, col)
    }

    fn problem(&mut self, col: usize, problem: SheetProblem) {
        if !problem.is_warning() {
            self.failed = true;
        }
        self.findings.push(Finding {
            at: self.at(col),
            what: Found::Sheet(problem),
        });
    }

    /// The cell, or `None` (after reporting) for an error value.
    fn cell(&mut self, col: Option<usize>) -> Option<(usize, Cell)> {
        let col = col?;
        let cell = self.sheet.cell(self.row, col).clone();
        if let Cell::Error(e) = &cell {
            self.problem(col, SheetProblem::ErrorValue { value: e.clone() });
            return None;
        }
        (!cell.is_blank()).then_some((col, cell))
    }

    fn text(&mut self, col: Option<usize>) -> Option<(usize, String)> {
        self.cell(col).map(|(c, cell)| (c, cell_text(&cell)))
    }

    fn required(
        &mut self,
        col: Option<usize>,
        header: &'static str,
        report_col: usize,
    ) -> Option<(usize, String)> {
        let found = self.text(col);
        // An error value is already said; blank would say it twice.
        let error = col.is_some_and(|c| matches!(self.sheet.cell(self.row, c), Cell::Error(_)));
        if found.is_none() && col.is_some() && !error {
            self.problem(report_col, SheetProblem::Blank { header });
        }
        found
    }
}

/// The columns of the question sheet, found by header.
struct Columns {
    header: usize,
    by_name: Vec<Option<usize>>,
}

impl Columns {
    fn of(&self, header: &str) -> Option<usize> {
        let i = QUESTION_HEADERS.iter().position(|h| *h == header)?;
        self.by_name.get(i).copied().flatten()
    }
}

/// Converts a workbook in the template's shape into a course file, checks
/// it with the rules of any course file (errors, item-writing warnings and
/// advice, as of `options.today`) and reports everything at its cell.
/// `source_name` names the file in the course file's first comment.
pub fn convert(book: &Workbook, source_name: &str, options: &ItemOptions) -> Conversion {
    let mut findings = Vec::new();
    let mut out = Out {
        text: String::new(),
        marks: Vec::new(),
        choice_cols: Vec::new(),
    };
    let _ = writeln!(out.text, "# {source_name} から変換したコースです。");
    // By name first; a renamed sheet is found by its contents (never the
    // guide, which names every column).
    let others = || book.sheets.iter().filter(|s| s.name != GUIDE_SHEET);
    let course_sheet = others()
        .find(|s| s.name == COURSE_SHEET && s.is_course())
        .or_else(|| others().find(|s| s.is_course()));
    let question_sheet = others()
        .find(|s| s.name == QUESTION_SHEET && s.is_questions())
        .or_else(|| others().find(|s| s.is_questions()));
    let (course_id, course_failed) = match course_sheet {
        Some(sheet) => course_items(sheet, &mut out, &mut findings),
        None => {
            findings.push(Finding {
                at: Location::File,
                what: Found::Sheet(SheetProblem::NoCourseSheet),
            });
            (String::new(), true)
        }
    };
    let (ids_made, rows_failed) = match question_sheet {
        Some(sheet) => question_rows(sheet, &course_id, &mut out, &mut findings),
        None => {
            findings.push(Finding {
                at: Location::File,
                what: Found::Sheet(SheetProblem::NoQuestionSheet),
            });
            (0, true)
        }
    };
    let mut conversion = Conversion {
        toml: None,
        course: None,
        findings,
        ids_made,
    };
    // The course checks, mapped back to cells. When the sheet had errors,
    // keys were left out: "missing" and "no questions" are already said.
    let file = SourceFile::new(source_name, out.text.clone());
    let report = check_files_with(std::slice::from_ref(&file), options);
    let sheet_failed = course_failed || rows_failed;
    let diags = (report.problems.iter())
        .chain(&report.warnings)
        .flat_map(|(_, d)| d.iter());
    for d in diags {
        if matches!(d.message, Message::MissingKey { .. } | Message::NoQuestions) && sheet_failed {
            continue;
        }
        // Said by the sheet check, with the first cell instead of a line.
        if matches!(d.message, Message::DuplicateQuestionId { .. }) {
            continue;
        }
        let at = locate(&out.marks, &d.span, course_sheet);
        let at = at_choice(at, &d.message, &out.choice_cols);
        conversion.findings.push(Finding {
            at,
            what: Found::Check(d.message.clone()),
        });
    }
    let sheets: Vec<String> = book.sheets.iter().map(|s| s.name.clone()).collect();
    conversion
        .findings
        .sort_by_key(|f| (f.at.sort_key(&sheets), f.severity()));
    if conversion.error_count() == 0 {
        conversion.course = report.courses.into_iter().next();
        conversion.toml = Some(out.text);
    }
    conversion
}

/// The cell whose value holds `span`; else the course sheet.
fn locate(
    marks: &[(Range<usize>, Location)],
    span: &Range<usize>,
    course: Option<&Sheet>,
) -> Location {
    let best = marks
        .iter()
        .filter(|(r, _)| r.start <= span.start && (span.start < r.end || r.start == span.start))
        .min_by_key(|(r, _)| r.end - r.start);
    match (best, course) {
        (Some((_, at)), _) => at.clone(),
        (None, Some(sheet)) => Location::Sheet(sheet.name.clone()),
        (None, None) => Location::File,
    }
}

/// A rule that names a choice by number points at that choice's cell,
/// not at the list.
fn at_choice(at: Location, message: &Message, choice_cols: &[(usize, Vec<usize>)]) -> Location {
    let number = match message {
        Message::AllOfTheAbove { number, .. }
        | Message::SameChoice { number, .. }
        | Message::DuplicateChoice { number, .. } => *number,
        _ => return at,
    };
    let Location::Cell(sheet, row, col) = at else {
        return at;
    };
    let col = (choice_cols.iter())
        .find(|(r, _)| *r == row)
        .and_then(|(_, cols)| cols.get(number.wrapping_sub(1)))
        .copied()
        .unwrap_or(col);
    Location::Cell(sheet, row, col)
}

/// Reads the course items into `out`; returns the course id (empty when
/// unusable) and whether a required item failed.
fn course_items(sheet: &Sheet, out: &mut Out, findings: &mut Vec<Finding>) -> (String, bool) {
    let mut failed = false;
    let mut problem = |findings: &mut Vec<Finding>, row: usize, p: SheetProblem| {
        failed |= !p.is_warning();
        findings.push(Finding {
            at: Location::Cell(sheet.name.clone(), row + 1, 1),
            what: Found::Sheet(p),
        });
    };
    let row_of = |label: &str| {
        (0..sheet.rows.len()).find(|&r| header_key(&cell_text(sheet.cell(r, 0))) == label)
    };
    // The label row's value, or `None`; an error value is reported.
    let mut value = |findings: &mut Vec<Finding>, label: &'static str, required: bool| {
        let Some(row) = row_of(label) else {
            if required {
                problem(findings, usize::MAX, SheetProblem::Blank { header: label });
            }
            return None;
        };
        let cell = sheet.cell(row, 1).clone();
        if let Cell::Error(e) = &cell {
            problem(findings, row, SheetProblem::ErrorValue { value: e.clone() });
            return None;
        }
        if cell.is_blank() {
            if required {
                problem(findings, row, SheetProblem::Blank { header: label });
            }
            return None;
        }
        Some((row, cell))
    };
    // Filled in below; reported problems go through `value`/`problem`.
    let id = value(findings, "コースID", true);
    let title = value(findings, "タイトル", true);
    let description = value(findings, "説明", true);
    let policy = value(findings, "運営方針", true);
    let pass_mark = value(findings, "合格点", true);
    let draw = value(findings, "出題数", true);
    let valid_days = value(findings, "合格の有効日数", false);
    let checked = value(findings, "確認日", false);
    let order = value(findings, "並び順", false);
    let areas = value(findings, "出題範囲", false);
    let at = |row: usize| Location::Cell(sheet.name.clone(), row + 1, 1);
    let mut course_id = String::new();
    if let Some((row, cell)) = id {
        course_id = norm(&cell_text(&cell));
        out.value("id", &quoted(&course_id), at(row));
    }
    for (key, item) in [
        ("title", title),
        ("description", description),
        ("policy", policy),
    ] {
        if let Some((row, cell)) = item {
            out.value(key, &quoted(&cell_text(&cell)), at(row));
        }
    }
    let mut number = |findings: &mut Vec<Finding>,
                      key: &str,
                      header: &'static str,
                      item: Option<(usize, Cell)>,
                      percent: bool| {
        let Some((row, cell)) = item else { return };
        // A pass mark formatted as a percentage is stored as 0.8.
        let cell = match cell {
            Cell::Number(n) if percent && n > 0.0 && n < 1.0 => Cell::Number((n * 100.0).round()),
            c => c,
        };
        match whole_number(&cell) {
            Some(n) => out.value(key, &n.to_string(), at(row)),
            None => {
                let value = cell_text(&cell);
                let value = value.trim_end_matches(['%', '％']);
                match whole_number(&Cell::Text(value.to_owned())) {
                    Some(n) if percent => out.value(key, &n.to_string(), at(row)),
                    _ => problem(
                        findings,
                        row,
                        SheetProblem::NotANumber {
                            header,
                            value: cell_text(&cell),
                        },
                    ),
                }
            }
        }
    };
    number(findings, "order", "並び順", order, false);
    number(findings, "pass_mark", "合格点", pass_mark, true);
    number(
        findings,
        "pass_valid_days",
        "合格の有効日数",
        valid_days,
        false,
    );
    if let Some((row, cell)) = draw {
        let text = header_key(&cell_text(&cell)).to_lowercase();
        if matches!(text.as_str(), "all" | "全問" | "全部" | "すべて" | "全て") {
            out.value("draw", "\"all\"", at(row));
        } else {
            number(findings, "draw", "出題数", Some((row, cell)), false);
        }
    }
    if let Some((row, cell)) = checked {
        match date_of(&cell) {
            Some(d) => out.value("checked", &quoted(&d.to_string()), at(row)),
            None => problem(
                findings,
                row,
                SheetProblem::NotADate {
                    header: "確認日",
                    value: cell_text(&cell),
                },
            ),
        }
    }
    // `[[blueprint]]` tables come after every key of the course.
    if let Some((row, cell)) = areas {
        let text = cell_text(&cell);
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            match area_of(line) {
                Some((name, tags, count)) => {
                    out.text.push_str("\n[[blueprint]]\n");
                    out.value("name", &quoted(&name), at(row));
                    let tags: Vec<String> = tags.iter().map(|t| quoted(t)).collect();
                    out.value("tags", &format!("[{}]", tags.join(", ")), at(row));
                    if count != 1 {
                        out.value("count", &count.to_string(), at(row));
                    }
                }
                None => problem(
                    findings,
                    row,
                    SheetProblem::BadArea {
                        line: line.to_owned(),
                    },
                ),
            }
        }
    }
    // A required item with no row at all is reported at the sheet.
    for f in findings.iter_mut() {
        if let Location::Cell(s, row, _) = &f.at
            && *row == 0
        {
            f.at = Location::Sheet(s.clone());
        }
    }
    (course_id, failed)
}

/// Reads every question row into `out`; returns how many ids were made
/// and whether any row failed.
fn question_rows(
    sheet: &Sheet,
    course_id: &str,
    out: &mut Out,
    findings: &mut Vec<Finding>,
) -> (usize, bool) {
    let Some(header) = header_row(sheet) else {
        return (0, true);
    };
    let mut columns = Columns {
        header,
        by_name: vec![None; QUESTION_HEADERS.len()],
    };
    let mut failed = false;
    let header_cells = sheet.rows.get(header).map_or(0, Vec::len);
    for col in 0..header_cells {
        let name = header_key(&cell_text(sheet.cell(header, col)));
        if name.is_empty() {
            continue;
        }
        match QUESTION_HEADERS.iter().position(|h| *h == name) {
            Some(i) => {
                if let Some(slot) = columns.by_name.get_mut(i)
                    && slot.is_none()
                {
                    *slot = Some(col);
                }
            }
            None => findings.push(Finding {
                at: Location::Cell(sheet.name.clone(), header + 1, col),
                what: Found::Sheet(SheetProblem::UnknownColumn { header: name }),
            }),
        }
    }
    for required in [
        "形式",
        "問題文",
        "選択肢1",
        "選択肢2",
        "正解",
        "解説",
        "出典",
    ] {
        if columns.of(required).is_none() {
            failed = true;
            let header = QUESTION_HEADERS
                .iter()
                .find(|h| **h == required)
                .copied()
                .unwrap_or("");
            findings.push(Finding {
                at: Location::Sheet(sheet.name.clone()),
                what: Found::Sheet(SheetProblem::MissingColumn { header }),
            });
        }
    }
    let id_prefix = if crate::model::is_usable_id(course_id) {
        course_id.to_owned()
    } else {
        "q".to_owned()
    };
    let mut made = 0;
    let mut rows = 0;
    let mut seen: Vec<(String, Location)> = Vec::new();
    for row in (columns.header + 1)..sheet.rows.len() {
        let filled = sheet
            .rows
            .get(row)
            .is_some_and(|cells| cells.iter().any(|c| !c.is_blank()));
        if !filled {
            continue;
        }
        rows += 1;
        let mut reader = RowReader {
            sheet,
            row,
            findings,
            failed: false,
        };
        let (id, at, was_made) = question_row(&mut reader, &columns, &id_prefix, out);
        made += usize::from(was_made);
        if let Some((_, first)) = seen.iter().find(|(seen_id, _)| *seen_id == id) {
            let first = first.render();
            if let Location::Cell(_, _, col) = at {
                reader.problem(col, SheetProblem::DuplicateId { id, first });
            }
        } else {
            seen.push((id, at));
        }
        failed |= reader.failed;
    }
    if rows == 0 {
        failed = true;
        findings.push(Finding {
            at: Location::Sheet(sheet.name.clone()),
            what: Found::Sheet(SheetProblem::NoQuestionRows),
        });
    }
    (made, failed)
}

/// Reads one question row into `out`; returns its id, the id's cell, and
/// whether the id was made from the course id and the row.
fn question_row(
    r: &mut RowReader<'_>,
    cols: &Columns,
    id_prefix: &str,
    out: &mut Out,
) -> (String, Location, bool) {
    let row_at = r.at(cols.of("問題ID").unwrap_or(0));
    out.text.push_str("\n[[question]]\n");
    let table_start = out.text.len();
    let (id, made) = match r.text(cols.of("問題ID")) {
        Some((_, id)) => (norm(&id), false),
        None => (format!("{id_prefix}-{}", r.row + 1), true),
    };
    out.value("id", &quoted(&id), row_at.clone());
    let kind_col = cols.of("形式").unwrap_or(0);
    let kind = match r.text(cols.of("形式")) {
        None => Some(SheetKind::Single),
        Some((col, text)) => {
            let kind = kind_of(&text);
            if kind.is_none() {
                r.problem(col, SheetProblem::UnknownKind { value: text });
            }
            kind
        }
    };
    let kind_name = match kind {
        Some(SheetKind::Single) => "single",
        Some(SheetKind::Multiple) => "multiple",
        Some(SheetKind::TrueFalse) => "truefalse",
        None => "",
    };
    if !kind_name.is_empty() {
        out.value("kind", &quoted(kind_name), r.at(kind_col));
    }
    if let Some((col, cell)) = r.cell(cols.of("難易度")) {
        let text = header_key(&cell_text(&cell));
        let level = match text.as_str() {
            "基礎" => Some(1),
            "標準" => Some(2),
            "応用" => Some(3),
            _ => whole_number(&cell),
        };
        match level {
            Some(n) => out.value("difficulty", &n.to_string(), r.at(col)),
            None => r.problem(
                col,
                SheetProblem::NotANumber {
                    header: "難易度",
                    value: cell_text(&cell),
                },
            ),
        }
    }
    if let Some((col, text)) = r.text(cols.of("タグ")) {
        let tags: Vec<String> = split_list(&text, TAG_SEPARATORS)
            .iter()
            .map(|t| quoted(t))
            .collect();
        out.value("tags", &format!("[{}]", tags.join(", ")), r.at(col));
    }
    if let Some((col, text)) = r.text(cols.of("場面")) {
        out.value("scenario", &quoted(&text), r.at(col));
    }
    let prompt_col = cols.of("問題文").unwrap_or(0);
    if let Some((col, text)) = r.required(cols.of("問題文"), "問題文", prompt_col) {
        out.value("prompt", &quoted(&text), r.at(col));
    }
    // Choices, numbered by column, with no gaps.
    let mut choices: Vec<(usize, String)> = Vec::new();
    let mut gap: Option<usize> = None;
    for n in 1..=MAX_CHOICES {
        let Some(col) = cols.of(&format!("選択肢{n}")) else {
            continue;
        };
        match r.text(Some(col)) {
            Some((col, text)) => {
                if let Some(blank) = gap.take() {
                    r.problem(col, SheetProblem::GapInChoices { number: blank });
                }
                choices.push((col, text));
            }
            None if gap.is_none() => gap = Some(n),
            None => {}
        }
    }
    let answer_col = cols.of("正解").unwrap_or(0);
    let first_choice_col = cols.of("選択肢1").unwrap_or(0);
    let choice_count = match kind {
        Some(SheetKind::TrueFalse) => {
            if let Some((col, _)) = choices.first() {
                r.problem(*col, SheetProblem::ChoicesOnTrueFalse);
            }
            if let Some((col, text)) = r.required(cols.of("正解"), "正解", answer_col) {
                match truth_of(&r.sheet.cell(r.row, col).clone()) {
                    Some(b) => out.value("answer", &b.to_string(), r.at(col)),
                    None => r.problem(col, SheetProblem::AnswerNotTrueFalse { value: text }),
                }
            }
            Some(2)
        }
        Some(kind) => {
            if choices.len() < 2 {
                r.problem(
                    first_choice_col,
                    SheetProblem::TooFewChoices {
                        count: choices.len(),
                    },
                );
            } else {
                let cols = choices.iter().map(|(c, _)| *c).collect();
                out.choice_cols.push((r.row + 1, cols));
                out.text.push_str("choices = [\n");
                for (col, text) in &choices {
                    out.text.push_str("  ");
                    let start = out.text.len();
                    out.text.push_str(&quoted(text));
                    out.marks.push((start..out.text.len(), r.at(*col)));
                    out.text.push_str(",\n");
                }
                out.text.push_str("]\n");
                if let Some(col) = choices.first().map(|(c, _)| *c) {
                    // The list's `[`: a rule on the whole list points at
                    // its first choice.
                    let key = "choices = ";
                    let start = out.text.rfind("choices = [").map_or(0, |at| at + key.len());
                    out.marks.push((start..start + 1, r.at(col)));
                }
            }
            if let Some((col, text)) = r.required(cols.of("正解"), "正解", answer_col) {
                answer(r, col, &text, kind, choices.len(), out);
            }
            Some(choices.len())
        }
        None => None,
    };
    let explanation_col = cols.of("解説").unwrap_or(0);
    if let Some((col, text)) = r.required(cols.of("解説"), "解説", explanation_col) {
        out.value("explanation", &quoted(&text), r.at(col));
    }
    let sources_col = cols.of("出典").unwrap_or(0);
    if let Some((col, text)) = r.required(cols.of("出典"), "出典", sources_col) {
        let list: Vec<String> = split_list(&text, SOURCE_SEPARATORS)
            .iter()
            .map(|s| quoted(s))
            .collect();
        out.value("sources", &format!("[{}]", list.join(", ")), r.at(col));
    }
    if let Some((col, cell)) = r.cell(cols.of("確認日")) {
        match date_of(&cell) {
            Some(d) => out.value("checked", &quoted(&d.to_string()), r.at(col)),
            None => r.problem(
                col,
                SheetProblem::NotADate {
                    header: "確認日",
                    value: cell_text(&cell),
                },
            ),
        }
    }
    let mut feedback = Vec::new();
    for n in 1..=MAX_CHOICES {
        let Some((col, text)) = r.text(cols.of(&format!("フィードバック{n}"))) else {
            continue;
        };
        if choice_count.is_some_and(|c| n > c) {
            r.problem(col, SheetProblem::FeedbackWithoutChoice { number: n });
        } else {
            feedback.push((n, col, text));
        }
    }
    if !feedback.is_empty() {
        out.text.push_str("\n[question.feedback]\n");
        for (n, col, text) in feedback {
            out.value(&n.to_string(), &quoted(&text), r.at(col));
        }
    }
    // The question as a whole: a rule on the table points at its row.
    out.marks
        .push((table_start..out.text.len(), row_at.clone()));
    (id, row_at, made)
}

/// Reads 正解 of a choice question.
fn answer(
    r: &mut RowReader<'_>,
    col: usize,
    text: &str,
    kind: SheetKind,
    choices: usize,
    out: &mut Out,
) {
    let cell = r.sheet.cell(r.row, col).clone();
    let numbers: Option<Vec<i64>> = match &cell {
        Cell::Number(_) => whole_number(&cell).map(|n| vec![n]),
        _ => split_list(&norm(text), ANSWER_SEPARATORS)
            .iter()
            .map(|p| whole_number(&Cell::Text(p.clone())))
            .collect(),
    };
    let Some(numbers) = numbers.filter(|n| !n.is_empty()) else {
        r.problem(
            col,
            SheetProblem::AnswerNotNumber {
                value: text.to_owned(),
            },
        );
        return;
    };
    if let Some(&number) = numbers
        .iter()
        .find(|n| **n > i64::try_from(choices).unwrap_or(i64::MAX))
    {
        // Only worth saying when the choices themselves are usable.
        if choices >= 2 {
            r.problem(col, SheetProblem::AnswerBeyondChoices { number, choices });
        }
        return;
    }
    match kind {
        SheetKind::Single if numbers.len() > 1 => {
            r.problem(
                col,
                SheetProblem::SingleWithSeveral {
                    count: numbers.len(),
                },
            );
        }
        SheetKind::Single => {
            let n = numbers.first().copied().unwrap_or(0);
            out.value("answer", &n.to_string(), r.at(col));
        }
        _ => {
            let list: Vec<String> = numbers.iter().map(i64::to_string).collect();
            out.value("answer", &format!("[{}]", list.join(", ")), r.at(col));
        }
    }
}

/// One 出題範囲 line: `名前：タグ、タグ` with an optional `：2問`.
fn area_of(line: &str) -> Option<(String, Vec<String>, i64)> {
    let parts: Vec<&str> = line.split(['：', ':']).map(str::trim).collect();
    let (name, tags, count) = match parts.as_slice() {
        [name, tags] => (name, tags, 1),
        [name, tags, count] => {
            let count = norm(count);
            let count = count.trim_end_matches('問').trim();
            (name, tags, whole_number(&Cell::Text(count.to_owned()))?)
        }
        _ => return None,
    };
    let tags = split_list(tags, TAG_SEPARATORS);
    (!name.is_empty() && !tags.is_empty()).then(|| ((*name).to_owned(), tags, count))
}

/// The blueprint as one 出題範囲 cell, one area per line.
pub(crate) fn areas_cell(areas: &[crate::model::Area]) -> Cell {
    if areas.is_empty() {
        return Cell::Empty;
    }
    let lines: Vec<String> = areas
        .iter()
        .map(|a| {
            let count = if a.count == 1 {
                String::new()
            } else {
                format!("：{}問", a.count)
            };
            format!("{}：{}{count}", a.name, a.tags.join("、"))
        })
        .collect();
    Cell::Text(lines.join("\n"))
}

/// The template: the course sheet, the question sheet with one example row
/// of each kind, and the sheet explaining every column.
pub fn template_book() -> Workbook {
    let mut book = Workbook::default();
    let mut course = course_sheet_header();
    let values: [Cell; 10] = [
        Cell::Text("example-course".into()),
        Cell::Text("コース名".into()),
        Cell::Text("コースの内容を1〜2文で説明します。".into()),
        Cell::Text("運営方針 1(4)②".into()),
        Cell::Number(80.0),
        Cell::Number(3.0),
        Cell::Empty,
        Cell::Empty,
        Cell::Number(99.0),
        Cell::Empty,
    ];
    for (i, v) in values.into_iter().enumerate() {
        course.set(i + 1, 1, v);
    }
    book.sheets.push(course);
    let mut questions = question_sheet_header();
    let t = |s: &str| Cell::Text(s.into());
    let examples: [Vec<(usize, Cell)>; 3] = [
        vec![
            (1, t("択一")),
            (2, t("窓口で、来庁者から……と相談されました。")),
            (3, t("最も適切な対応はどれですか。")),
            (4, t("選択肢1（誤りの例）")),
            (5, t("選択肢2（正解の例）")),
            (6, t("選択肢3（誤りの例）")),
            (7, t("選択肢4（誤りの例）")),
            (10, Cell::Number(2.0)),
            (
                11,
                t("正解が正しい理由と、間違えやすい選択肢が誤りである理由を書きます。"),
            ),
            (12, t("運営方針 1(4)②")),
            (13, t("選択肢1を選んだ人へのひとこと。")),
            (19, t("例")),
            (20, Cell::Number(1.0)),
        ],
        vec![
            (1, t("複数")),
            (3, t("当てはまるものをすべて選んでください。")),
            (4, t("選択肢A")),
            (5, t("選択肢B")),
            (6, t("選択肢C")),
            (10, t("1、3")),
            (11, t("解説")),
            (12, t("運営方針 1(4)②")),
        ],
        vec![
            (1, t("○×")),
            (3, t("〜である。")),
            (10, t("○")),
            (11, t("解説")),
            (12, t("運営方針 1(4)②")),
        ],
    ];
    for (i, cells) in examples.into_iter().enumerate() {
        for (col, cell) in cells {
            questions.set(i + 1, col, cell);
        }
    }
    book.sheets.push(questions);
    book.sheets.push(guide_sheet());
    book
}

fn course_sheet_header() -> Sheet {
    let mut sheet = Sheet {
        name: COURSE_SHEET.into(),
        rows: Vec::new(),
    };
    sheet.set(0, 0, Cell::Text("項目".into()));
    sheet.set(0, 1, Cell::Text("内容".into()));
    sheet.set(0, 2, Cell::Text("書き方".into()));
    for (i, (item, hint)) in COURSE_ITEMS.iter().zip(COURSE_HINTS).enumerate() {
        sheet.set(i + 1, 0, Cell::Text((*item).into()));
        sheet.set(i + 1, 2, Cell::Text(hint.into()));
    }
    sheet
}

fn question_sheet_header() -> Sheet {
    let mut sheet = Sheet {
        name: QUESTION_SHEET.into(),
        rows: Vec::new(),
    };
    for (col, h) in QUESTION_HEADERS.iter().enumerate() {
        sheet.set(0, col, Cell::Text((*h).into()));
    }
    sheet
}

/// One line per course item, shown beside it.
const COURSE_HINTS: [&str; 10] = [
    "必須。半角の英小文字・数字・ハイフン（例: bousai-2027）。ほかのコースと重ならないもの。公開後は変えません",
    "必須。一覧に出るコース名",
    "必須。一覧に出る1〜2文の説明",
    "必須。対応する運営方針の項目（例: 運営方針 1(4)②）",
    "必須。合格に必要な正答率（0〜100 のパーセント）",
    "必須。1回に出題する問題数。全問なら「全問」",
    "省略可。合格の有効日数（毎年受け直すなら 365）。空なら期限なし",
    "省略可。内容を出典で確かめた日（例: 2026/12/01）。全問の既定値",
    "省略可。一覧での並び順（小さいほど先）",
    "省略可。毎回の出題に必ず入れる分野。1行に1分野を「分野名：タグ、タグ」と書きます（2問以上なら「：2問」を足す）",
];

/// The sheet 「説明」: every column of both sheets in Japanese.
fn guide_sheet() -> Sheet {
    let mut sheet = Sheet {
        name: GUIDE_SHEET.into(),
        rows: Vec::new(),
    };
    let lines: &[(&str, &str, &str)] = &[
        (
            "シート「コース」",
            "",
            "A列の項目ごとに、B列に内容を書きます。C列は書き方の説明です。",
        ),
        (
            "シート「問題」",
            "",
            "1行に1問。1行目の見出しは消したり名前を変えたりしないでください。例の行は書き換えるか削除します。",
        ),
        (
            "問題ID",
            "省略可",
            "問題の ID。空なら「コースID-行番号」を付けます。学習記録はこの ID で結び付くので、公開後は変えず、行を並べ替える前に書き込んでおきます（書き出したファイルには入っています）。",
        ),
        (
            "形式",
            "省略可",
            "択一（正解が1つ）・複数（正解をすべて選ぶ）・○×。空なら択一。single / multiple / truefalse でも書けます。",
        ),
        ("場面", "省略可", "問題文の上に出す、職場の場面の説明。"),
        ("問題文", "必須", "受講者に問う文。"),
        (
            "選択肢1〜選択肢6",
            "択一・複数は2つ以上",
            "選択肢を1から詰めて書きます。○×では空のまま（○と×はアプリが出します）。受講のたびに順番は入れ替わります。",
        ),
        (
            "正解",
            "必須",
            "択一: 正しい選択肢の番号（例: 2）。複数: 番号を「、」か「,」で区切る（例: 1、3）。○×: ○ か ×（TRUE / FALSE でも可）。",
        ),
        (
            "解説",
            "必須",
            "正解が正しい理由と、間違えやすい選択肢が誤りである理由。",
        ),
        (
            "出典",
            "必須",
            "法令名と条、指針、運営方針の項目など。複数はセル内で改行（Alt+Enter）か「；」で区切ります。",
        ),
        (
            "フィードバック1〜6",
            "省略可",
            "その選択肢を選んだ人へのひとこと。○×では 1 が○、2 が×。",
        ),
        ("タグ", "省略可", "分類の言葉。複数は「、」で区切ります。"),
        ("難易度", "省略可", "1（基礎）・2（標準）・3（応用）。"),
        (
            "確認日",
            "省略可",
            "この問題の内容を出典で確かめた日。コースの確認日と違うときだけ書きます。",
        ),
        ("", "", ""),
        (
            "文の書き方",
            "",
            "セル内の改行はそのまま改行になります。空行で段落を分けます。**強調** と、行頭の「- 」または「・」で箇条書きが使えます。",
        ),
        (
            "確認",
            "",
            "保存したファイルを研修担当の画面（または quizcheck --from-xlsx）で読み込むと、問題のある箇所を「問題!K7」のようにシートとセルで示します。",
        ),
        ("", "", ""),
        ("コースID", "必須", COURSE_HINTS[0]),
        (
            "タイトル・説明・運営方針",
            "必須",
            "一覧に出るコース名・説明と、対応する運営方針の項目。",
        ),
        ("合格点", "必須", COURSE_HINTS[4]),
        ("出題数", "必須", COURSE_HINTS[5]),
        (
            "合格の有効日数・確認日・並び順",
            "省略可",
            "有効日数は合格が有効な日数（空なら期限なし）。確認日は全問の既定値。並び順は一覧での順番。",
        ),
        (
            "出題範囲",
            "省略可",
            "毎回の出題に、その分野の問題（タグのどれかを持つ問題）を必ず入れます。セル内で1行に1分野、「分野名：タグ、タグ」または「分野名：タグ、タグ：2問」と書きます。",
        ),
        (
            "",
            "",
            "CSV で保存するときは、シートごとに別のファイル（問題.csv・コース.csv）にします。",
        ),
    ];
    sheet.set(0, 0, Cell::Text("列・項目".into()));
    sheet.set(0, 1, Cell::Text("必須か".into()));
    sheet.set(0, 2, Cell::Text("書き方".into()));
    for (i, (a, b, c)) in lines.iter().enumerate() {
        for (col, text) in [a, b, c].into_iter().enumerate() {
            if !text.is_empty() {
                sheet.set(i + 1, col, Cell::Text((*text).into()));
            }
        }
    }
    sheet
}

/// Something a course has that the template cannot carry: exporting it
/// loses this, and a course read back differs there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportLoss {
    /// More choices than the template's columns.
    TooManyChoices {
        /// The question's id.
        id: String,
        /// How many choices it has.
        count: usize,
    },
    /// `shuffle = false`: no column for it.
    PinnedOrder {
        /// The question's id.
        id: String,
    },
    /// `partial_credit = true`: no column for it.
    PartialCredit {
        /// The question's id.
        id: String,
    },
}

impl ExportLoss {
    /// The loss in words.
    pub fn render(&self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        match self {
            ExportLoss::TooManyChoices { id, count } if ja => format!(
                "問題 {id} の選択肢 {count} 個のうち、{TEMPLATE_CHOICES} 個を超える分は表に入りません"
            ),
            ExportLoss::TooManyChoices { id, count } => format!(
                "question {id} has {count} choices; those beyond {TEMPLATE_CHOICES} do not fit the template"
            ),
            ExportLoss::PinnedOrder { id } if ja => format!(
                "問題 {id} の shuffle = false（選択肢の順番を固定）は表に列がなく、読み戻すと失われます"
            ),
            ExportLoss::PinnedOrder { id } => {
                format!("question {id}: shuffle = false has no column and is lost on the way back")
            }
            ExportLoss::PartialCredit { id } if ja => format!(
                "問題 {id} の partial_credit = true（部分点）は表に列がなく、読み戻すと失われます"
            ),
            ExportLoss::PartialCredit { id } => format!(
                "question {id}: partial_credit = true has no column and is lost on the way back"
            ),
        }
    }
}

/// A course as the template's cells, ids filled in, and what the template
/// could not carry.
pub fn course_book(course: &Course) -> (Workbook, Vec<ExportLoss>) {
    let mut losses = Vec::new();
    let mut book = Workbook::default();
    let mut sheet = course_sheet_header();
    let t = |s: &str| Cell::Text(s.to_owned());
    let draw = match course.draw {
        Draw::All => t("全問"),
        Draw::Count(n) => Cell::Number(n as f64),
    };
    let values: [Cell; 10] = [
        t(&course.id),
        t(&course.title),
        t(&course.description.to_markup()),
        t(&course.policy),
        Cell::Number(f64::from(course.pass_mark)),
        draw,
        course
            .pass_valid_days
            .map_or(Cell::Empty, |d| Cell::Number(f64::from(d))),
        course.checked.map_or(Cell::Empty, Cell::Date),
        course.order.map_or(Cell::Empty, |o| Cell::Number(o as f64)),
        areas_cell(&course.blueprint),
    ];
    for (i, v) in values.into_iter().enumerate() {
        sheet.set(i + 1, 1, v);
    }
    book.sheets.push(sheet);
    let mut sheet = question_sheet_header();
    for (i, q) in course.questions.iter().enumerate() {
        let row = i + 1;
        let mut put = |col: usize, cell: Cell| sheet.set(row, col, cell);
        put(0, t(&q.id));
        let (kind, choices) = match &q.kind {
            Kind::Single { choices, .. } => ("択一", choices.as_slice()),
            Kind::Multiple {
                choices,
                partial_credit,
                ..
            } => {
                if *partial_credit {
                    losses.push(ExportLoss::PartialCredit { id: q.id.clone() });
                }
                ("複数", choices.as_slice())
            }
            Kind::TrueFalse { .. } => ("○×", &[][..]),
        };
        put(1, t(kind));
        if let Some(s) = &q.scenario {
            put(2, t(&s.to_markup()));
        }
        put(3, t(&q.prompt.to_markup()));
        if choices.len() > TEMPLATE_CHOICES {
            losses.push(ExportLoss::TooManyChoices {
                id: q.id.clone(),
                count: choices.len(),
            });
        }
        for (n, c) in choices.iter().take(TEMPLATE_CHOICES).enumerate() {
            put(4 + n, t(&c.to_markup()));
        }
        let answer = match &q.kind {
            Kind::Single { answer, .. } => Cell::Number((answer + 1) as f64),
            Kind::Multiple { answers, .. } if answers.len() == 1 => {
                Cell::Number((answers.first().copied().unwrap_or(0) + 1) as f64)
            }
            Kind::Multiple { answers, .. } => {
                let list: Vec<String> = answers.iter().map(|a| (a + 1).to_string()).collect();
                t(&list.join("、"))
            }
            Kind::TrueFalse { answer } => t(if *answer { "○" } else { "×" }),
        };
        put(10, answer);
        put(11, t(&q.explanation.to_markup()));
        put(12, t(&q.sources.join("\n")));
        for (i, text) in &q.feedback {
            if *i < TEMPLATE_CHOICES {
                put(13 + i, t(&text.to_markup()));
            }
        }
        if !q.tags.is_empty() {
            put(19, t(&q.tags.join("、")));
        }
        if let Some(d) = q.difficulty {
            put(20, Cell::Number(f64::from(d)));
        }
        if let Some(d) = q.checked {
            put(21, Cell::Date(d));
        }
        if !q.shuffle && !matches!(q.kind, Kind::TrueFalse { .. }) {
            losses.push(ExportLoss::PinnedOrder { id: q.id.clone() });
        }
    }
    book.sheets.push(sheet);
    book.sheets.push(guide_sheet());
    (book, losses)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> ItemOptions {
        ItemOptions::new(Date::parse("2026-12-01").expect("a date"))
    }

    #[test]
    fn column_names_are_excels() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(10), "K");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
    }

    #[test]
    fn the_template_converts_to_a_valid_course() {
        let c = convert(&template_book(), "template.xlsx", &options());
        assert_eq!(c.error_count(), 0, "{:?}", c.findings);
        let course = c.course.expect("a course");
        assert_eq!(course.questions.len(), 3);
        assert_eq!(course.questions[0].id, "example-course-2");
        assert_eq!(course.questions[1].correct(), vec![0, 2]);
        assert_eq!(course.questions[2].correct(), vec![0]);
        assert_eq!(c.ids_made, 3);
    }

    #[test]
    fn an_item_warning_points_at_its_cell() {
        let mut book = template_book();
        let sheet = &mut book.sheets[1];
        // Row 3's choices: an "all of the above" choice (選択肢3, G3).
        sheet.set(2, 6, Cell::Text("上記のすべて".into()));
        let c = convert(&book, "t.xlsx", &options());
        let found: Vec<String> = c
            .findings
            .iter()
            .filter(|f| matches!(f.what, Found::Check(Message::AllOfTheAbove { .. })))
            .map(|f| f.render(Lang::Ja))
            .collect();
        assert_eq!(found.len(), 1, "{:?}", c.findings);
        assert!(
            found[0].starts_with("問題!G3: 警告: 3 番の選択肢に"),
            "{found:?}"
        );
        assert!(found[0].ends_with("[all-of-the-above]"), "{found:?}");
    }

    #[test]
    fn serial_numbers_and_text_dates() {
        assert_eq!(date_of(&Cell::Number(46357.0)), Date::parse("2026-12-01"));
        assert_eq!(
            date_of(&Cell::Text("2026/12/1".into())),
            Date::parse("2026-12-01")
        );
        assert_eq!(
            date_of(&Cell::Text("２０２６年１２月１日".into())),
            Date::parse("2026-12-01")
        );
        assert_eq!(
            excel_serial(Date::parse("2026-12-01").expect("date")),
            46357
        );
        assert_eq!(date_of(&Cell::Text("来月".into())), None);
    }

    #[test]
    fn every_problem_has_its_own_code_and_words_in_both_languages() {
        use SheetProblem::*;
        let all = vec![
            Unreadable { reason: "x".into() },
            NoQuestionSheet,
            NoCourseSheet,
            MissingColumn { header: "正解" },
            UnknownColumn { header: "x".into() },
            NoQuestionRows,
            Blank { header: "解説" },
            UnknownKind { value: "x".into() },
            TooFewChoices { count: 1 },
            GapInChoices { number: 3 },
            ChoicesOnTrueFalse,
            AnswerNotNumber { value: "x".into() },
            AnswerBeyondChoices {
                number: 5,
                choices: 4,
            },
            SingleWithSeveral { count: 2 },
            AnswerNotTrueFalse { value: "x".into() },
            FeedbackWithoutChoice { number: 5 },
            NotANumber {
                header: "合格点",
                value: "x".into(),
            },
            NotADate {
                header: "確認日",
                value: "x".into(),
            },
            ErrorValue {
                value: "#N/A".into(),
            },
            BadArea { line: "x".into() },
            DuplicateId {
                id: "a".into(),
                first: "問題!A2".into(),
            },
        ];
        let codes: std::collections::BTreeSet<&str> = all.iter().map(|p| p.code()).collect();
        assert_eq!(codes.len(), all.len());
        for lang in [Lang::Ja, Lang::En] {
            let words: std::collections::BTreeSet<String> =
                all.iter().map(|p| p.render(lang)).collect();
            assert_eq!(words.len(), all.len(), "{lang:?}");
        }
        assert_eq!(
            AnswerBeyondChoices {
                number: 5,
                choices: 4
            }
            .render(Lang::Ja),
            "正解の 5 は選択肢の数（4）を超えています"
        );
    }
}
