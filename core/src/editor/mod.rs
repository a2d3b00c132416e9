//! The form editor's course draft: what a trainer without Excel types into
//! the form, kept as typed (numbers and dates as text, so "八十" is said
//! beside its field rather than lost), stored in the browser as JSON.
//!
//! A draft is checked by the path a spreadsheet takes: [`Draft::workbook`]
//! lays it out as the template's cells, [`sheet::convert`] turns them into
//! the course file with every problem, item-writing warning and piece of
//! advice at its cell, and each cell maps straight back to a setting or to
//! a question's field ([`Field`]). So the form, the spreadsheet and a TOML
//! file are held to the very same checks.
//!
//! Ids are kept: a question opened from a course keeps its id (learners'
//! progress is keyed by it), a new one gets a fresh id never used in this
//! draft, and a removed id is retired so it is never handed out again (as
//! are the ids a revision dropped from the release's version of the course,
//! [`Draft::retire_known`]).

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::check::{SourceFile, check_files_with};
use crate::diagnostic::{Lang, Severity};
use crate::import::sheet::{
    self, COURSE_ITEMS, COURSE_SHEET, Cell, Finding, Found, Location, QUESTION_HEADERS,
    QUESTION_SHEET, Sheet, SheetProblem, TEMPLATE_CHOICES, Workbook,
};
use crate::item_check::ItemOptions;
use crate::model::{Course, Draw, Kind, is_usable_id};

/// The draft's format version, stored with it.
pub const DRAFT_VERSION: u32 = 1;

/// Most choices a question of the form has (the template's columns).
pub const MAX_FORM_CHOICES: usize = TEMPLATE_CHOICES;

/// Where a draft came from, for the trainer's orientation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Origin {
    /// A new course.
    #[default]
    New,
    /// A course this site ships (its id).
    Shipped(String),
    /// A course kept in this browser (its file name).
    Kept(String),
    /// A course published on the site (its id).
    Published(String),
    /// A course file the trainer opened (its name).
    File(String),
}

/// A course being written in the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// [`DRAFT_VERSION`] when stored.
    pub version: u32,
    /// Where it came from.
    pub origin: Origin,
    /// The course's settings.
    pub settings: Settings,
    /// The questions, in course order.
    pub questions: Vec<QuestionDraft>,
    /// Ids of questions removed from this draft: never handed out again.
    pub retired: Vec<String>,
}

impl Default for Draft {
    fn default() -> Draft {
        Draft::new()
    }
}

/// The course settings as typed: the items of the template's sheet 「コース」.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// コースID.
    pub id: String,
    /// タイトル.
    pub title: String,
    /// 説明 (markup).
    pub description: String,
    /// 運営方針.
    pub policy: String,
    /// 合格点, percent.
    pub pass_mark: String,
    /// 出題数: a number, or 全問.
    pub draw: String,
    /// 合格の有効日数, blank for no limit.
    pub pass_valid_days: String,
    /// 確認日, e.g. `2026-12-01`.
    pub checked: String,
    /// 並び順.
    pub order: String,
    /// 出題範囲: one area a line, `名前：タグ、タグ` (with `：2問`).
    pub areas: String,
}

/// The kind of a question in the form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DraftKind {
    /// One right choice (択一).
    #[default]
    Single,
    /// Every right choice (複数).
    Multiple,
    /// ○ or × (○×).
    TrueFalse,
}

/// One question as typed. Choice-question fields and ○× fields are kept
/// apart, so switching the kind and back loses nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuestionDraft {
    /// The question's id, kept from its course or made fresh.
    pub id: String,
    /// 形式.
    pub kind: DraftKind,
    /// 場面 (markup), optional.
    pub scenario: String,
    /// 問題文 (markup).
    pub prompt: String,
    /// 選択肢 of a choice question (markup), in order.
    pub choices: Vec<String>,
    /// The right choices of a choice question, 0-based, ascending.
    pub right: Vec<usize>,
    /// Feedback per choice of a choice question (blank: none).
    pub feedback: Vec<String>,
    /// The right answer of a ○× question (true is ○), once marked.
    pub truth: Option<bool>,
    /// Feedback for ○ and × (blank: none).
    pub truth_feedback: [String; 2],
    /// 解説 (markup).
    pub explanation: String,
    /// 出典, one a line.
    pub sources: String,
    /// タグ, separated by 、.
    pub tags: String,
    /// 難易度: blank, 1, 2 or 3.
    pub difficulty: String,
    /// 確認日, blank for the course's.
    pub checked: String,
    /// False pins the choice order (`shuffle = false`).
    pub shuffle: bool,
    /// Multiple only: score the share of right marks.
    pub partial_credit: bool,
}

impl Default for QuestionDraft {
    fn default() -> QuestionDraft {
        QuestionDraft {
            id: String::new(),
            kind: DraftKind::Single,
            scenario: String::new(),
            prompt: String::new(),
            choices: Vec::new(),
            right: Vec::new(),
            feedback: Vec::new(),
            truth: None,
            truth_feedback: [String::new(), String::new()],
            explanation: String::new(),
            sources: String::new(),
            tags: String::new(),
            difficulty: String::new(),
            checked: String::new(),
            shuffle: true,
            partial_credit: false,
        }
    }
}

impl QuestionDraft {
    /// True when choice `index` (0-based) is marked right.
    pub fn is_right(&self, index: usize) -> bool {
        self.right.contains(&index)
    }

    /// Marks choice `index` right or not; a single-answer question keeps
    /// only the last choice marked.
    pub fn set_right(&mut self, index: usize, right: bool) {
        if right {
            if self.kind == DraftKind::Single {
                self.right.clear();
            }
            if !self.right.contains(&index) {
                self.right.push(index);
                self.right.sort_unstable();
            }
        } else {
            self.right.retain(|r| *r != index);
        }
    }

    /// Adds a blank choice at the end (up to [`MAX_FORM_CHOICES`]).
    pub fn add_choice(&mut self) {
        if self.choices.len() < MAX_FORM_CHOICES {
            self.choices.push(String::new());
            self.feedback.resize(self.choices.len(), String::new());
        }
    }

    /// Removes choice `index` with its feedback; the right marks after it
    /// move up with their choices.
    pub fn remove_choice(&mut self, index: usize) {
        if index >= self.choices.len() {
            return;
        }
        self.choices.remove(index);
        if index < self.feedback.len() {
            self.feedback.remove(index);
        }
        self.right = (self.right.iter())
            .filter(|r| **r != index)
            .map(|r| if *r > index { r - 1 } else { *r })
            .collect();
    }

    /// The 正解 cell: numbers from 1, 、-separated; ○ or × for ○×.
    fn answer_cell(&self) -> String {
        match self.kind {
            DraftKind::TrueFalse => match self.truth {
                Some(true) => "○".into(),
                Some(false) => "×".into(),
                None => String::new(),
            },
            _ => {
                let list: Vec<String> = self.right.iter().map(|r| (r + 1).to_string()).collect();
                list.join("、")
            }
        }
    }
}

/// A setting of the course, as the form's fields name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SettingField {
    /// コースID.
    Id,
    /// タイトル.
    Title,
    /// 説明.
    Description,
    /// 運営方針.
    Policy,
    /// 合格点.
    PassMark,
    /// 出題数.
    Draw,
    /// 合格の有効日数.
    PassValidDays,
    /// 確認日.
    Checked,
    /// 並び順.
    Order,
    /// 出題範囲.
    Areas,
}

/// The settings in the order of the sheet 「コース」 ([`COURSE_ITEMS`]).
const SETTING_ROWS: [SettingField; 10] = [
    SettingField::Id,
    SettingField::Title,
    SettingField::Description,
    SettingField::Policy,
    SettingField::PassMark,
    SettingField::Draw,
    SettingField::PassValidDays,
    SettingField::Checked,
    SettingField::Order,
    SettingField::Areas,
];

/// A field of one question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum QuestionField {
    /// The question as a whole (its id, or a rule on the whole question).
    Whole,
    /// 形式.
    Kind,
    /// 場面.
    Scenario,
    /// 問題文.
    Prompt,
    /// A choice, 0-based.
    Choice(usize),
    /// The right choices.
    Answer,
    /// 解説.
    Explanation,
    /// 出典.
    Sources,
    /// A choice's feedback, 0-based (○×: 0 is ○, 1 is ×).
    Feedback(usize),
    /// タグ.
    Tags,
    /// 難易度.
    Difficulty,
    /// 確認日.
    Checked,
}

/// Where in the form a finding belongs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The course as a whole (shown only in the summary).
    Course,
    /// A course setting.
    Setting(SettingField),
    /// A question's field: the question's index in the draft and the field.
    Question(usize, QuestionField),
}

impl Field {
    /// The field a workbook location stands for in a draft's workbook.
    fn of(at: &Location) -> Field {
        let Location::Cell(sheet, row, col) = at else {
            return Field::Course;
        };
        if sheet == COURSE_SHEET {
            // Row 1 is the header; items from row 2, in template order.
            return row
                .checked_sub(2)
                .and_then(|i| SETTING_ROWS.get(i))
                .map_or(Field::Course, |f| Field::Setting(*f));
        }
        if sheet != QUESTION_SHEET {
            return Field::Course;
        }
        let Some(index) = row.checked_sub(2) else {
            return Field::Course;
        };
        let choice = |first: usize| col.checked_sub(first).filter(|n| *n < TEMPLATE_CHOICES);
        let field = match QUESTION_HEADERS.get(*col).copied() {
            Some("形式") => QuestionField::Kind,
            Some("場面") => QuestionField::Scenario,
            Some("問題文") => QuestionField::Prompt,
            Some("正解") => QuestionField::Answer,
            Some("解説") => QuestionField::Explanation,
            Some("出典") => QuestionField::Sources,
            Some("タグ") => QuestionField::Tags,
            Some("難易度") => QuestionField::Difficulty,
            Some("確認日") => QuestionField::Checked,
            Some(h) if h.starts_with("選択肢") => {
                choice(FIRST_CHOICE_COL).map_or(QuestionField::Whole, QuestionField::Choice)
            }
            Some(h) if h.starts_with("フィードバック") => {
                choice(FIRST_FEEDBACK_COL).map_or(QuestionField::Whole, QuestionField::Feedback)
            }
            _ => QuestionField::Whole,
        };
        Field::Question(index, field)
    }
}

/// The column of 選択肢1 in the template.
const FIRST_CHOICE_COL: usize = 4;
/// The column of フィードバック1 in the template.
const FIRST_FEEDBACK_COL: usize = 13;

/// One finding of the checks, placed at its field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placed {
    /// The field it concerns.
    pub field: Field,
    /// What was found (with its cell in the draft's workbook).
    pub finding: Finding,
}

impl Placed {
    /// Error, warning or advice.
    pub fn severity(&self) -> Severity {
        self.finding.severity()
    }

    /// The finding in words, without a cell: it is shown beside its field.
    /// A course without questions is said in the form's terms (its buttons),
    /// not the sheet's (rows).
    pub fn message(&self, lang: Lang) -> String {
        if matches!(
            self.finding.what,
            Found::Sheet(SheetProblem::NoQuestionRows)
        ) {
            return match lang {
                Lang::Ja => "問題がまだありません。下の「…の問題を追加」で1問目を加えてください",
                Lang::En => "there are no questions yet; add the first with an \"Add … question\" button below",
            }
            .to_owned();
        }
        Finding {
            at: Location::File,
            what: self.finding.what.clone(),
        }
        .render(lang)
    }
}

/// What the checks make of a draft.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Checked {
    /// The course file, when there is no error.
    pub toml: Option<String>,
    /// The course, when there is no error.
    pub course: Option<Course>,
    /// Every problem, warning and piece of advice, at its field.
    pub findings: Vec<Placed>,
}

impl Checked {
    /// How many findings are errors.
    pub fn error_count(&self) -> usize {
        (self.findings.iter())
            .filter(|p| p.severity() == Severity::Error)
            .count()
    }

    /// The findings about one field.
    pub fn at(&self, field: Field) -> impl Iterator<Item = &Placed> {
        self.findings.iter().filter(move |p| p.field == field)
    }
}

/// The prefix of question ids handed out before the course has an id.
const PROVISIONAL: &str = "q";

impl Draft {
    /// A new course: a pass mark of 80 and every question drawn, nothing
    /// else filled in.
    pub fn new() -> Draft {
        Draft {
            version: DRAFT_VERSION,
            origin: Origin::New,
            settings: Settings {
                pass_mark: "80".into(),
                draw: "全問".into(),
                ..Settings::default()
            },
            questions: Vec::new(),
            retired: Vec::new(),
        }
    }

    /// A draft of a checked course: every setting and question as the
    /// template would show it, every id kept.
    pub fn from_course(course: &Course, origin: Origin) -> Draft {
        let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        let settings = Settings {
            id: course.id.clone(),
            title: course.title.clone(),
            description: course.description.to_markup(),
            policy: course.policy.clone(),
            pass_mark: course.pass_mark.to_string(),
            draw: match course.draw {
                Draw::All => "全問".into(),
                Draw::Count(n) => n.to_string(),
            },
            pass_valid_days: number(course.pass_valid_days.map(i64::from)),
            checked: course.checked.map(|d| d.to_string()).unwrap_or_default(),
            order: number(course.order),
            areas: match sheet::areas_cell(&course.blueprint) {
                Cell::Text(t) => t,
                _ => String::new(),
            },
        };
        let questions = course
            .questions
            .iter()
            .map(|q| {
                let mut d = QuestionDraft {
                    id: q.id.clone(),
                    scenario: q
                        .scenario
                        .as_ref()
                        .map(|s| s.to_markup())
                        .unwrap_or_default(),
                    prompt: q.prompt.to_markup(),
                    explanation: q.explanation.to_markup(),
                    sources: q.sources.join("\n"),
                    tags: q.tags.join("、"),
                    difficulty: q.difficulty.map(|d| d.to_string()).unwrap_or_default(),
                    checked: q.checked.map(|d| d.to_string()).unwrap_or_default(),
                    shuffle: q.shuffle,
                    ..QuestionDraft::default()
                };
                let feedback = |count: usize| -> Vec<String> {
                    (0..count)
                        .map(|i| q.feedback_for(i).map(|t| t.to_markup()).unwrap_or_default())
                        .collect()
                };
                match &q.kind {
                    Kind::Single { choices, answer } => {
                        d.kind = DraftKind::Single;
                        d.choices = choices.iter().map(|c| c.to_markup()).collect();
                        d.right = vec![*answer];
                        d.feedback = feedback(choices.len());
                    }
                    Kind::Multiple {
                        choices,
                        answers,
                        partial_credit,
                    } => {
                        d.kind = DraftKind::Multiple;
                        d.choices = choices.iter().map(|c| c.to_markup()).collect();
                        d.right = answers.clone();
                        d.feedback = feedback(choices.len());
                        d.partial_credit = *partial_credit;
                    }
                    Kind::TrueFalse { answer } => {
                        d.kind = DraftKind::TrueFalse;
                        d.truth = Some(*answer);
                        let mut both = feedback(2).into_iter();
                        d.truth_feedback = [
                            both.next().unwrap_or_default(),
                            both.next().unwrap_or_default(),
                        ];
                    }
                }
                d
            })
            .collect();
        Draft {
            version: DRAFT_VERSION,
            origin,
            settings,
            questions,
            retired: Vec::new(),
        }
    }

    /// A fresh question id: `<course id>-<n>` (or `q-<n>` before the course
    /// has a usable id) with the smallest `n` not used by a question of the
    /// draft nor retired from it.
    pub fn fresh_id(&self) -> String {
        let id = self.settings.id.trim();
        let prefix = if is_usable_id(id) { id } else { PROVISIONAL };
        let taken = |candidate: &str| {
            self.questions.iter().any(|q| q.id == candidate)
                || self.retired.iter().any(|r| r == candidate)
        };
        (1..)
            .map(|n| format!("{prefix}-{n}"))
            .find(|c| !taken(c))
            .unwrap_or_default()
    }

    /// Retires the ids of `known` that no question of the draft uses: ids
    /// of another version of the course (the release's, when a revision is
    /// opened), which learners may have progress on. A new question then
    /// never takes one of them.
    pub fn retire_known<'a>(&mut self, known: impl IntoIterator<Item = &'a str>) {
        for id in known {
            let used = self.questions.iter().any(|q| q.id == id);
            if !id.is_empty() && !used && !self.retired.iter().any(|r| r == id) {
                self.retired.push(id.to_owned());
            }
        }
    }

    /// Adds a blank question of `kind` at the end, with a fresh id (a
    /// choice question with four blank choices); returns its index.
    pub fn add(&mut self, kind: DraftKind) -> usize {
        let mut q = QuestionDraft {
            id: self.fresh_id(),
            kind,
            ..QuestionDraft::default()
        };
        if kind != DraftKind::TrueFalse {
            for _ in 0..4 {
                q.add_choice();
            }
        }
        self.questions.push(q);
        self.questions.len() - 1
    }

    /// Removes question `index`; its id is retired, never handed out again.
    pub fn remove(&mut self, index: usize) {
        if index < self.questions.len() {
            let q = self.questions.remove(index);
            if !q.id.is_empty() && !self.retired.contains(&q.id) {
                self.retired.push(q.id);
            }
        }
    }

    /// Moves question `index` one place up; false when it is first.
    pub fn move_up(&mut self, index: usize) -> bool {
        if index == 0 || index >= self.questions.len() {
            return false;
        }
        self.questions.swap(index - 1, index);
        true
    }

    /// Moves question `index` one place down; false when it is last.
    pub fn move_down(&mut self, index: usize) -> bool {
        if index + 1 >= self.questions.len() {
            return false;
        }
        self.questions.swap(index, index + 1);
        true
    }

    /// Sets the course id. In a new course, questions added before the id
    /// was usable got provisional ids (`q-<n>`): they take the course's
    /// prefix now, as no learner can have progress on a course that could
    /// not be saved without an id. A course that came from anywhere else
    /// keeps every id.
    pub fn set_course_id(&mut self, id: String) {
        self.settings.id = id;
        if self.origin != Origin::New || !is_usable_id(self.settings.id.trim()) {
            return;
        }
        let provisional = |id: &str| {
            id.strip_prefix(PROVISIONAL)
                .and_then(|rest| rest.strip_prefix('-'))
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        };
        for index in 0..self.questions.len() {
            let is_provisional = self
                .questions
                .get(index)
                .is_some_and(|q| provisional(&q.id));
            if is_provisional {
                let fresh = self.fresh_id();
                if let Some(q) = self.questions.get_mut(index) {
                    q.id = fresh;
                }
            }
        }
    }

    /// The file name to save the course as: `<course id>.toml`.
    pub fn file_name(&self) -> String {
        let id = self.settings.id.trim();
        if is_usable_id(id) {
            format!("{id}.toml")
        } else {
            "course.toml".into()
        }
    }

    /// The draft as the template's cells: the sheet 「コース」 (items in
    /// column A, values in B) and the sheet 「問題」 (one question a row
    /// from row 2), every value as typed text.
    pub fn workbook(&self) -> Workbook {
        let text = |s: &str| {
            if s.trim().is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s.to_owned())
            }
        };
        let s = &self.settings;
        let values = [
            &s.id,
            &s.title,
            &s.description,
            &s.policy,
            &s.pass_mark,
            &s.draw,
            &s.pass_valid_days,
            &s.checked,
            &s.order,
            &s.areas,
        ];
        let mut course = Sheet {
            name: COURSE_SHEET.into(),
            rows: vec![vec![Cell::Text("項目".into()), Cell::Text("内容".into())]],
        };
        for (item, value) in COURSE_ITEMS.iter().zip(values) {
            course
                .rows
                .push(vec![Cell::Text((*item).into()), text(value)]);
        }
        let mut questions = Sheet {
            name: QUESTION_SHEET.into(),
            rows: vec![
                QUESTION_HEADERS
                    .iter()
                    .map(|h| Cell::Text((*h).into()))
                    .collect(),
            ],
        };
        for q in &self.questions {
            let mut row = vec![Cell::Empty; QUESTION_HEADERS.len()];
            let mut put = |col: usize, cell: Cell| {
                if let Some(c) = row.get_mut(col) {
                    *c = cell;
                }
            };
            // The id is always written, so no row is ever blank (a blank
            // row would be skipped and shift every row after it).
            put(0, Cell::Text(q.id.clone()));
            put(
                1,
                Cell::Text(
                    match q.kind {
                        DraftKind::Single => "択一",
                        DraftKind::Multiple => "複数",
                        DraftKind::TrueFalse => "○×",
                    }
                    .into(),
                ),
            );
            put(2, text(&q.scenario));
            put(3, text(&q.prompt));
            let feedback: Vec<&String> = match q.kind {
                DraftKind::TrueFalse => q.truth_feedback.iter().collect(),
                _ => {
                    for (n, c) in q.choices.iter().take(TEMPLATE_CHOICES).enumerate() {
                        put(FIRST_CHOICE_COL + n, text(c));
                    }
                    q.feedback.iter().take(q.choices.len()).collect()
                }
            };
            put(10, text(&q.answer_cell()));
            put(11, text(&q.explanation));
            put(12, text(&q.sources));
            for (n, f) in feedback.into_iter().take(TEMPLATE_CHOICES).enumerate() {
                put(FIRST_FEEDBACK_COL + n, text(f));
            }
            put(19, text(&q.tags));
            put(20, text(&q.difficulty));
            put(21, text(&q.checked));
            questions.rows.push(row);
        }
        Workbook {
            sheets: vec![course, questions],
        }
    }

    /// Checks the draft with the rules of any course file, as of
    /// `options.today`: the course file and the course when there is no
    /// error, and every finding at its field.
    pub fn check(&self, options: &ItemOptions) -> Checked {
        let name = self.file_name();
        let conversion = sheet::convert(&self.workbook(), &name, options);
        let findings = (conversion.findings.iter())
            .map(|f| Placed {
                field: Field::of(&f.at),
                finding: f.clone(),
            })
            .collect();
        let mut checked = Checked {
            toml: None,
            course: None,
            findings,
        };
        let (Some(toml), Some(course)) = (conversion.toml, conversion.course) else {
            return checked;
        };
        let toml = self.with_form_only_keys(&toml);
        if toml.extra {
            // What the template has no column for is in the file: the
            // course is read from the file as it will be saved.
            let file = SourceFile::new(name, toml.text.clone());
            let report = check_files_with(std::slice::from_ref(&file), options);
            checked.course = report.courses.into_iter().next();
        } else {
            checked.course = Some(course);
        }
        if checked.course.is_some() {
            checked.toml = Some(toml.text);
        }
        checked
    }

    /// The converted file with the form's own header comment, and the keys
    /// the template has no column for (`shuffle = false`,
    /// `partial_credit = true`) written after each question's id.
    fn with_form_only_keys(&self, toml: &str) -> Extended {
        let mut extra = false;
        let mut out = String::with_capacity(toml.len() + 64);
        out.push_str("# 研修担当者の画面のフォームで作ったコースです。\n");
        let body = toml.split_once('\n').map_or("", |(_, rest)| rest);
        let mut lines = body.lines().peekable();
        while let Some(line) = lines.next() {
            out.push_str(line);
            out.push('\n');
            if line != "[[question]]" {
                continue;
            }
            let Some(id_line) = lines.next() else {
                continue;
            };
            out.push_str(id_line);
            out.push('\n');
            let Some(q) = self
                .questions
                .iter()
                .find(|q| id_line == format!("id = {}", toml_string(q.id.trim())))
            else {
                continue;
            };
            if !q.shuffle && q.kind != DraftKind::TrueFalse {
                out.push_str("shuffle = false\n");
                extra = true;
            }
            if q.partial_credit && q.kind == DraftKind::Multiple {
                out.push_str("partial_credit = true\n");
                extra = true;
            }
        }
        Extended { text: out, extra }
    }
}

/// A course file with the form-only keys.
struct Extended {
    text: String,
    /// True when a key was added.
    extra: bool,
}

/// A TOML string literal, as the converter writes one.
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}
