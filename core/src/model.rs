//! The question-file format and the checked course model it becomes.
//!
//! One TOML file is one course. This module doc is the format's reference; the
//! trainers' guide in Japanese is `quizzes/README.md`. A complete course:
//!
//! ```toml
//! id = "digital-skills"            # required: a-z, 0-9 and "-", unique across all files
//! title = "デジタルスキル"
//! description = "情報セキュリティと個人情報の基本"
//! policy = "運営方針 1(4)③"          # the policy section the course serves
//! order = 1                         # optional: courses are listed by order, then id
//! pass_mark = 80                    # percent, 0 to 100
//! pass_valid_days = 365             # optional: a pass is valid this many days (1 to 3650),
//!                                   # then the course is to be taken again; without it a
//!                                   # pass never expires
//! draw = 10                         # questions per attempt: a number, or "all"
//! checked = "2026-12-01"            # optional: when the facts were last confirmed against
//!                                   # their sources (YYYY-MM-DD); the default for every question
//!
//! [[blueprint]]                     # optional: areas every attempt covers
//! name = "メール"                    # shown to trainers in problems
//! tags = ["メール", "フィッシング"]    # a question belongs when it has any of these tags
//! count = 1                         # optional (default 1): at least this many per attempt
//!
//! [[question]]
//! id = "ds-phishing-1"              # required, unique across all files; progress is keyed by it
//! kind = "single"                   # optional: "single" (default), "multiple" or "truefalse"
//! difficulty = 1                    # optional: 1 基礎, 2 標準, 3 応用
//! tags = ["メール"]                  # optional
//! scenario = "窓口業務の合間に、取引先を名乗るメールが届いた。"  # optional
//! prompt = "最初にとるべき行動はどれですか。"
//! choices = [
//!   "添付ファイルを開いて内容を確かめる",
//!   "開かずに情報セキュリティの担当へ報告する",
//! ]
//! answer = 2                        # single: a choice number (from 1)
//! explanation = "不審なメールは開かずに報告します。"
//! sources = ["運営方針 1(3)⑦"]
//! checked = "2026-11-20"            # optional: overrides the course's `checked`
//!
//! [question.feedback]               # optional: feedback keyed by choice number
//! 1 = "添付ファイルを開くとマルウェアに感染するおそれがあります。"
//!
//! [[question]]
//! id = "ds-phishing-2"
//! kind = "multiple"
//! prompt = "当てはまるものをすべて選んでください。"
//! choices = ["A", "B", "C"]
//! answer = [1, 3]                   # multiple: a list of choice numbers
//! partial_credit = true             # optional, multiple only: score the share of right marks
//! explanation = "..."
//! sources = ["..."]
//!
//! [[question]]
//! id = "ds-phishing-3"
//! kind = "truefalse"                # no choices: the app shows ○ and ×
//! prompt = "パスワードは付箋に書いて画面に貼ってよい。"
//! answer = false                    # true is ○, false is ×
//! explanation = "..."
//! sources = ["..."]
//! ```
//!
//! Choices are shuffled for each attempt unless the question says
//! `shuffle = false`; ○/× questions always keep their order. Text fields use
//! the small markup of [`crate::text`]. A file whose name starts with `_` (the
//! template) is checked but never listed in the app.
//!
//! A `checked` date older than the allowed age (365 days unless told
//! otherwise), or missing on both the question and the course, is a
//! `stale` warning of [`crate::item_check`]; a malformed one is an error.

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::text::Text;

/// True when `id` is written only with what an id may use: a-z, 0-9 and
/// `-` (an empty text too; a missing id is a problem of its own).
pub fn is_id_text(id: &str) -> bool {
    id.chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// True for an id that can name a course, a file or a route: not empty,
/// and [`is_id_text`].
pub fn is_usable_id(id: &str) -> bool {
    !id.is_empty() && is_id_text(id)
}

/// A checked course, ready for the app: every rule of [`crate::parse`] and [`crate::check`] holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Course {
    /// Stable id; progress and routes use it.
    pub id: String,
    /// Shown on the course card and as the page title.
    pub title: String,
    /// One or two sentences on the card.
    pub description: Text,
    /// The operating-policy section the course serves, e.g. `運営方針 1(4)②`.
    pub policy: String,
    /// Listing order; courses without one come last, by id.
    pub order: Option<i64>,
    /// Percent needed to pass, 0 to 100.
    pub pass_mark: u8,
    /// How many days a pass stays valid (renewed by passing again); `None`:
    /// a pass never expires.
    pub pass_valid_days: Option<u32>,
    /// How many questions one attempt draws from the pool.
    pub draw: Draw,
    /// Areas every attempt covers (`[[blueprint]]`): the draw takes at
    /// least `count` questions of each before the rest at random.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blueprint: Vec<Area>,
    /// The pool, in file order.
    pub questions: Vec<Question>,
    /// True for files whose name starts with `_`: checked, never listed.
    pub hidden: bool,
    /// When the course's facts were last confirmed; the default for
    /// questions without their own date.
    pub checked: Option<Date>,
}

/// What the course list needs of a course, without its questions. The app
/// embeds one per shipped course and fetches the course itself only when
/// it is opened, so the first load does not grow with the question bank.
#[derive(Clone, Debug, PartialEq)]
pub struct CourseSummary {
    /// The course's id.
    pub id: String,
    /// The course's title.
    pub title: String,
    /// The course's description.
    pub description: Text,
    /// Percent needed to pass.
    pub pass_mark: u8,
    /// How many days a pass stays valid; `None`: forever.
    pub pass_valid_days: Option<u32>,
    /// How many questions one attempt asks.
    pub attempt_len: usize,
    /// Every question id of the pool, in file order: enough for mastery and
    /// for counting questions due for review.
    pub question_ids: Vec<String>,
    /// How many choices each question has (○/× questions: 2), in the order
    /// of `question_ids`: enough to check saved progress against the course
    /// before its file is fetched.
    pub choice_counts: Vec<usize>,
}

impl Course {
    /// The course's summary for the course list.
    pub fn summary(&self) -> CourseSummary {
        CourseSummary {
            id: self.id.clone(),
            title: self.title.clone(),
            description: self.description.clone(),
            pass_mark: self.pass_mark,
            pass_valid_days: self.pass_valid_days,
            attempt_len: self.attempt_len(),
            question_ids: self.questions.iter().map(|q| q.id.clone()).collect(),
            choice_counts: self.questions.iter().map(Question::choice_count).collect(),
        }
    }

    /// How many questions one attempt of this course asks.
    pub fn attempt_len(&self) -> usize {
        match self.draw {
            Draw::All => self.questions.len(),
            Draw::Count(n) => n.min(self.questions.len()),
        }
    }

    /// The question with this id, if the course has it.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

/// One area of a course's blueprint: every attempt asks at least `count`
/// questions carrying any of `tags` (e.g. every 人権尊重 attempt has an
/// abuse report).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Area {
    /// The area's name, for trainers.
    pub name: String,
    /// A question belongs to the area when it has any of these tags.
    pub tags: Vec<String>,
    /// How many of its questions each attempt asks at least (1 or more).
    pub count: usize,
}

impl Area {
    /// True when `question` belongs to this area.
    pub fn covers(&self, question: &Question) -> bool {
        question.tags.iter().any(|t| self.tags.contains(t))
    }
}

/// How many questions an attempt draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Draw {
    /// Every question in the pool, in random order.
    All,
    /// This many, chosen at random.
    Count(usize),
}

/// One question of a course.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// Stable id, unique across every file; progress is keyed by it.
    pub id: String,
    /// The kind with its choices and correct answer.
    pub kind: Kind,
    /// A short workplace case shown above the prompt.
    pub scenario: Option<Text>,
    /// What the learner is asked.
    pub prompt: Text,
    /// Why the right answer is right and the tempting wrong one is wrong.
    pub explanation: Text,
    /// Law and article, guideline or policy section; at least one.
    pub sources: Vec<String>,
    /// Feedback shown after answering, by choice index (0-based).
    pub feedback: Vec<(usize, Text)>,
    /// Free labels for filtering and review.
    pub tags: Vec<String>,
    /// 1 基礎, 2 標準, 3 応用.
    pub difficulty: Option<u8>,
    /// False pins the choice order (○/× is always pinned).
    pub shuffle: bool,
    /// When this question's facts were last confirmed, if it says so
    /// itself; see [`Question::checked_or`] for the course's default.
    pub checked: Option<Date>,
}

impl Question {
    /// How many choices the question has (○/× questions: 2).
    pub fn choice_count(&self) -> usize {
        match &self.kind {
            Kind::Single { choices, .. } | Kind::Multiple { choices, .. } => choices.len(),
            Kind::TrueFalse { .. } => 2,
        }
    }

    /// A short fingerprint (FNV-1a, 32 bits) of what the learner is asked
    /// and how it is scored: scenario, prompt, choices and right answer.
    /// An attempt keeps it for each question it draws, so an answer given
    /// to one wording is never scored or shown against a revision kept
    /// under the same id. Explanation, feedback, sources and tags are left
    /// out: changing them changes neither what was asked nor the score.
    pub fn version(&self) -> u32 {
        let mut hash: u32 = 0x811c_9dc5;
        let mut feed = |bytes: &[u8]| {
            for &byte in bytes {
                hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
            }
        };
        // Control bytes between the parts keep "ab" + "c" apart from "a" + "bc".
        if let Some(scenario) = &self.scenario {
            scenario.feed(&mut feed);
        }
        feed(&[0x1f]);
        self.prompt.feed(&mut feed);
        feed(&[0x1f]);
        feed(self.kind.name().as_bytes());
        let choices: &[Text] = match &self.kind {
            Kind::Single { choices, .. } | Kind::Multiple { choices, .. } => choices,
            Kind::TrueFalse { .. } => &[],
        };
        for choice in choices {
            feed(&[0x1e]);
            choice.feed(&mut feed);
        }
        feed(&[0x1f]);
        match &self.kind {
            Kind::Single { answer, .. } => feed(&(*answer as u64).to_le_bytes()),
            Kind::Multiple {
                answers,
                partial_credit,
                ..
            } => {
                for answer in answers {
                    feed(&(*answer as u64).to_le_bytes());
                }
                feed(&[u8::from(*partial_credit)]);
            }
            Kind::TrueFalse { answer } => feed(&[u8::from(*answer)]),
        }
        hash
    }

    /// The choices as the learner sees them before shuffling.
    pub fn choice_labels(&self) -> Vec<Text> {
        match &self.kind {
            Kind::Single { choices, .. } | Kind::Multiple { choices, .. } => choices.clone(),
            Kind::TrueFalse { .. } => vec![Text::plain("○"), Text::plain("×")],
        }
    }

    /// The correct choice indexes (0-based), ascending.
    pub fn correct(&self) -> Vec<usize> {
        match &self.kind {
            Kind::Single { answer, .. } => vec![*answer],
            Kind::Multiple { answers, .. } => answers.clone(),
            Kind::TrueFalse { answer } => vec![if *answer { 0 } else { 1 }],
        }
    }

    /// Whether choices may be shuffled for this question.
    pub fn shuffles(&self) -> bool {
        self.shuffle && !matches!(self.kind, Kind::TrueFalse { .. })
    }

    /// The date this question was last confirmed: its own, else the
    /// course's `default`.
    pub fn checked_or(&self, default: Option<Date>) -> Option<Date> {
        self.checked.or(default)
    }

    /// The feedback for a choice index, if the file gives one.
    pub fn feedback_for(&self, choice: usize) -> Option<&Text> {
        self.feedback
            .iter()
            .find(|(i, _)| *i == choice)
            .map(|(_, t)| t)
    }
}

/// The kind of a question, with what only that kind has.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Kind {
    /// Exactly one right choice.
    Single {
        /// The choices, in file order.
        choices: Vec<Text>,
        /// Index (0-based) of the right choice.
        answer: usize,
    },
    /// Select all that apply.
    Multiple {
        /// The choices, in file order.
        choices: Vec<Text>,
        /// Indexes (0-based) of the right choices, ascending, at least one.
        answers: Vec<usize>,
        /// Score the share of right marks instead of all-or-nothing.
        partial_credit: bool,
    },
    /// ○ (true) or × (false).
    TrueFalse {
        /// True when ○ is right.
        answer: bool,
    },
}

impl Kind {
    /// The name used in files: `single`, `multiple` or `truefalse`.
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Single { .. } => "single",
            Kind::Multiple { .. } => "multiple",
            Kind::TrueFalse { .. } => "truefalse",
        }
    }
}
