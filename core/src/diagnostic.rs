//! A problem in a question file, as plain data, turned into words only when
//! printed (by the `quizcheck` CLI, the build and the app alike).

use std::ops::Range;

use crate::source::LineIndex;

/// The language a diagnostic is printed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    /// Japanese, the default.
    #[default]
    Ja,
    /// English.
    En,
}

/// One problem found in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Byte range of the offending value (or key, or table) in the file.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: Message,
}

/// What is wrong, with the data the words need. Each variant is one rule;
/// [`Message::code`] names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    /// The TOML itself does not parse; the parser's own words follow.
    Syntax(String),
    /// A key the format does not know.
    UnknownKey {
        /// The key as written.
        key: String,
        /// Where it was found: `course` or `question`.
        context: &'static str,
        /// The known key it is closest to, if one is close.
        suggestion: Option<&'static str>,
    },
    /// A required key is absent.
    MissingKey {
        /// The key that is needed.
        key: &'static str,
    },
    /// A value of the wrong type.
    WrongType {
        /// The key whose value is wrong.
        key: String,
        /// What was expected, in words of [`Expected`].
        expected: Expected,
    },
    /// A text that is empty or only spaces.
    EmptyText {
        /// The key whose text is empty.
        key: String,
    },
    /// An id with characters other than a-z, 0-9 and `-`.
    BadId {
        /// The id as written.
        id: String,
    },
    /// A question id used before, here or in another file.
    DuplicateQuestionId {
        /// The id.
        id: String,
        /// `file:line:column` of the first use.
        first: String,
    },
    /// A course id used before in another file.
    DuplicateCourseId {
        /// The id.
        id: String,
        /// `file:line:column` of the first use.
        first: String,
    },
    /// An answer or feedback key naming a choice that does not exist.
    NoSuchChoice {
        /// The number written.
        number: i64,
        /// How many choices the question has.
        choices: usize,
    },
    /// A single-choice question with a list of zero or several answers.
    SingleNeedsOneAnswer {
        /// How many were given.
        given: usize,
    },
    /// A multiple-answer question with an empty answer list.
    MultipleNeedsAnswer,
    /// The same answer number twice.
    DuplicateAnswer {
        /// The number.
        number: i64,
    },
    /// Two choices with the same text.
    DuplicateChoice {
        /// The 1-based number of the repeated choice.
        number: usize,
        /// The 1-based number of its first occurrence.
        first: usize,
    },
    /// Fewer than two or more than nine choices.
    ChoiceCount {
        /// How many were given.
        given: usize,
    },
    /// `choices` on a ○/× question.
    ChoicesOnTrueFalse,
    /// A `kind` value that is not one of the three.
    UnknownKind {
        /// The value as written.
        kind: String,
    },
    /// `partial_credit` on a question that is not `multiple`.
    PartialCreditNotMultiple,
    /// A `sources` list with nothing in it.
    NoSources,
    /// A pass mark outside 0–100.
    PassMarkRange {
        /// The value written.
        value: i64,
    },
    /// `draw` of zero or less.
    DrawNotPositive {
        /// The value written.
        value: i64,
    },
    /// `draw` larger than the pool.
    DrawTooLarge {
        /// The value written.
        draw: i64,
        /// How many questions the file has.
        pool: usize,
    },
    /// `difficulty` outside 1–3.
    DifficultyRange {
        /// The value written.
        value: i64,
    },
    /// A course file with no `[[question]]`.
    NoQuestions,
    /// An integer too large (or too small) for the format: beyond 64 bits.
    NumberTooLarge {
        /// The key whose value it is.
        key: String,
    },
    /// A file that yielded no course and named no other problem. A safety
    /// net: every file yields a course or at least one problem.
    NoCourse,
}

/// The expected type of a value, for [`Message::WrongType`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    /// A string.
    Text,
    /// An integer.
    Integer,
    /// true or false.
    Bool,
    /// A list of strings.
    TextList,
    /// An integer or "all".
    Draw,
    /// For single/multiple: a choice number or list of them.
    ChoiceAnswer,
    /// For truefalse: true or false.
    TrueFalseAnswer,
    /// A table, e.g. `[question.feedback]`.
    Table,
    /// An array of tables `[[question]]`.
    QuestionArray,
}

impl Expected {
    fn words(self, lang: Lang) -> &'static str {
        use Expected::*;
        match (self, lang) {
            (Text, Lang::Ja) => "文字列（\"…\"）",
            (Text, Lang::En) => "a string (\"…\")",
            (Integer, Lang::Ja) => "整数",
            (Integer, Lang::En) => "an integer",
            (Bool, Lang::Ja) => "true または false",
            (Bool, Lang::En) => "true or false",
            (TextList, Lang::Ja) => "文字列のリスト（[\"…\", \"…\"]）",
            (TextList, Lang::En) => "a list of strings ([\"…\", \"…\"])",
            (Draw, Lang::Ja) => "出題数の整数、または \"all\"",
            (Draw, Lang::En) => "a number of questions, or \"all\"",
            (ChoiceAnswer, Lang::Ja) => "選択肢の番号（例: 2）または番号のリスト（例: [1, 3]）",
            (ChoiceAnswer, Lang::En) => "a choice number (e.g. 2) or a list of them (e.g. [1, 3])",
            (TrueFalseAnswer, Lang::Ja) => "true（○）または false（×）",
            (TrueFalseAnswer, Lang::En) => "true (○) or false (×)",
            (Table, Lang::Ja) => "表（[question.feedback] のような見出し）",
            (Table, Lang::En) => "a table (a header like [question.feedback])",
            (QuestionArray, Lang::Ja) => "[[question]] の見出しで始まる問題の並び",
            (QuestionArray, Lang::En) => "questions, each starting with a [[question]] header",
        }
    }
}

impl Message {
    /// The rule's short name, stable for tests and documentation.
    pub fn code(&self) -> &'static str {
        use Message::*;
        match self {
            Syntax(_) => "syntax",
            UnknownKey { .. } => "unknown-key",
            MissingKey { .. } => "missing-key",
            WrongType { .. } => "wrong-type",
            EmptyText { .. } => "empty-text",
            BadId { .. } => "bad-id",
            DuplicateQuestionId { .. } => "duplicate-question-id",
            DuplicateCourseId { .. } => "duplicate-course-id",
            NoSuchChoice { .. } => "no-such-choice",
            SingleNeedsOneAnswer { .. } => "single-answer-count",
            MultipleNeedsAnswer => "multiple-no-answer",
            DuplicateAnswer { .. } => "duplicate-answer",
            DuplicateChoice { .. } => "duplicate-choice",
            ChoiceCount { .. } => "choice-count",
            ChoicesOnTrueFalse => "choices-on-truefalse",
            UnknownKind { .. } => "unknown-kind",
            PartialCreditNotMultiple => "partial-credit-not-multiple",
            NoSources => "no-sources",
            PassMarkRange { .. } => "pass-mark-range",
            DrawNotPositive { .. } => "draw-not-positive",
            DrawTooLarge { .. } => "draw-too-large",
            DifficultyRange { .. } => "difficulty-range",
            NoQuestions => "no-questions",
            NumberTooLarge { .. } => "number-too-large",
            NoCourse => "no-course",
        }
    }

    /// The message in words a trainer can act on.
    pub fn render(&self, lang: Lang) -> String {
        use Message::*;
        let ja = lang == Lang::Ja;
        match self {
            Syntax(m) if ja => format!("TOML の書き方に誤りがあります（引用符・括弧・= の抜けなど）: {m}"),
            Syntax(m) => format!("the TOML does not parse (check quotes, brackets and `=`): {m}"),
            UnknownKey {
                key,
                context,
                suggestion: Some(s),
            } if ja => format!(
                "「{key}」は{}で使えるキーではありません。「{s}」の書き間違いではありませんか",
                if *context == "course" { "コース" } else { "問題" }
            ),
            UnknownKey { key, context, .. } if ja => format!(
                "「{key}」は{}で使えるキーではありません。綴りを確かめてください（使えるキーは quizzes/README.md）",
                if *context == "course" { "コース" } else { "問題" }
            ),
            UnknownKey {
                key,
                context,
                suggestion: Some(s),
            } => format!("`{key}` is not a key a {context} can have; did you mean `{s}`?"),
            UnknownKey { key, context, .. } => format!(
                "`{key}` is not a key a {context} can have; check its spelling (the keys are listed in quizzes/README.md)"
            ),
            MissingKey { key } if ja => format!("必須のキー「{key}」がありません。追加してください"),
            MissingKey { key } => format!("the required key `{key}` is missing; add it"),
            WrongType { key, expected } if ja => {
                format!("「{key}」の値は{}で書いてください", expected.words(lang))
            }
            WrongType { key, expected } => {
                format!("`{key}` must be {}", expected.words(lang))
            }
            EmptyText { key } if ja => format!("「{key}」が空です。文章を書いてください"),
            EmptyText { key } => format!("`{key}` is empty; write the text"),
            BadId { id } if ja => format!(
                "id「{id}」には半角の英小文字・数字・ハイフン（-）だけを使ってください"
            ),
            BadId { id } => format!("the id `{id}` may use only a-z, 0-9 and `-`"),
            DuplicateQuestionId { id, first } if ja => format!(
                "問題の id「{id}」は {first} で既に使われています。別の id にしてください（学習記録は id で結び付きます）"
            ),
            DuplicateQuestionId { id, first } => format!(
                "the question id `{id}` is already used at {first}; choose another (progress is keyed by id)"
            ),
            DuplicateCourseId { id, first } if ja => {
                format!("コースの id「{id}」は {first} で既に使われています。別の id にしてください")
            }
            DuplicateCourseId { id, first } => {
                format!("the course id `{id}` is already used at {first}; choose another")
            }
            NoSuchChoice { number, choices } if ja => format!(
                "{number} 番の選択肢はありません（選択肢は 1〜{choices} 番）"
            ),
            NoSuchChoice { number, choices } => format!(
                "there is no choice {number} (the choices are numbered 1 to {choices})"
            ),
            SingleNeedsOneAnswer { given } if ja => format!(
                "single（択一）の問題の正解はちょうど1つです（{given} 個あります）。複数正解なら kind = \"multiple\" にしてください"
            ),
            SingleNeedsOneAnswer { given } => format!(
                "a single-choice question has exactly one answer ({given} given); use kind = \"multiple\" for several"
            ),
            MultipleNeedsAnswer if ja => {
                "multiple（複数選択）の問題には正解の番号を1つ以上書いてください".into()
            }
            MultipleNeedsAnswer => "a multiple-answer question needs at least one answer".into(),
            DuplicateAnswer { number } if ja => format!("正解の番号 {number} が重複しています"),
            DuplicateAnswer { number } => format!("answer {number} is listed twice"),
            DuplicateChoice { number, first } if ja => format!(
                "{number} 番の選択肢は {first} 番と同じ文です。選択肢はそれぞれ違う文にしてください"
            ),
            DuplicateChoice { number, first } => {
                format!("choice {number} repeats choice {first}; make each choice different")
            }
            ChoiceCount { given } if ja => {
                format!("選択肢は2〜9個にしてください（{given} 個あります）")
            }
            ChoiceCount { given } => format!("give 2 to 9 choices ({given} given)"),
            ChoicesOnTrueFalse if ja => {
                "truefalse（○×）の問題に choices は書きません。○と×はアプリが表示します".into()
            }
            ChoicesOnTrueFalse => {
                "a true/false question takes no `choices`: the app shows ○ and ×".into()
            }
            UnknownKind { kind } if ja => format!(
                "kind「{kind}」は使えません。\"single\"・\"multiple\"・\"truefalse\" のどれかにしてください"
            ),
            UnknownKind { kind } => format!(
                "kind `{kind}` is unknown; use \"single\", \"multiple\" or \"truefalse\""
            ),
            PartialCreditNotMultiple if ja => {
                "partial_credit（部分点）は kind = \"multiple\" の問題でだけ使えます".into()
            }
            PartialCreditNotMultiple => {
                "`partial_credit` applies only to kind = \"multiple\"".into()
            }
            NoSources if ja => {
                "sources に出典（法令と条文、指針、運営方針の項目など）を1つ以上書いてください".into()
            }
            NoSources => {
                "`sources` needs at least one source (law and article, guideline, or policy section)"
                    .into()
            }
            PassMarkRange { value } if ja => {
                format!("pass_mark（合格点）は 0〜100 のパーセントです（{value} になっています）")
            }
            PassMarkRange { value } => {
                format!("`pass_mark` is a percent from 0 to 100 (it is {value})")
            }
            DrawNotPositive { value } if ja => format!(
                "draw（出題数）は1以上の整数か \"all\" にしてください（{value} になっています）"
            ),
            DrawNotPositive { value } => {
                format!("`draw` must be at least 1, or \"all\" (it is {value})")
            }
            DrawTooLarge { draw, pool } if ja => format!(
                "draw（出題数）{draw} が問題数 {pool} を超えています。{pool} 以下にするか \"all\" にしてください"
            ),
            DrawTooLarge { draw, pool } => format!(
                "`draw` is {draw} but the file has only {pool} questions; lower it or use \"all\""
            ),
            DifficultyRange { value } if ja => format!(
                "difficulty（難易度）は 1（基礎）・2（標準）・3（応用）のどれかです（{value} になっています）"
            ),
            DifficultyRange { value } => {
                format!("`difficulty` is 1, 2 or 3 (it is {value})")
            }
            NoQuestions if ja => {
                "問題がありません。[[question]] の見出しで問題を1つ以上書いてください".into()
            }
            NoQuestions => "the file has no questions; add at least one [[question]]".into(),
            NumberTooLarge { key } if ja => {
                format!("{key} の数が大きすぎます（または小さすぎます）。ふつうの大きさの整数にしてください")
            }
            NumberTooLarge { key } => {
                format!("`{key}` is too large (or too small) a number; use an ordinary integer")
            }
            NoCourse if ja => {
                "このファイルからコースを読み取れませんでした。コースの情報と [[question]] を確認してください".into()
            }
            NoCourse => {
                "no course could be read from this file; check the course keys and its [[question]]s"
                    .into()
            }
        }
    }
}

/// Formats a diagnostic as `file:line:column: message`.
pub fn render(file: &str, text: &str, index: &LineIndex, d: &Diagnostic, lang: Lang) -> String {
    let (line, column) = index.position(text, d.span.start);
    format!("{file}:{line}:{column}: {}", d.message.render(lang))
}
