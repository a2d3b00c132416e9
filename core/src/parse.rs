//! Question file → course plus every problem, from one parse with spans.
//!
//! Never fails and never stops at the first problem: each rule pushes into a
//! list of [`Diagnostic`]s, and a course comes back only when the file has
//! none. Cross-file rules (duplicate ids) live in [`crate::check`].

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeArray, DeInteger, DeTable, DeValue};

use crate::date::Date;
use crate::diagnostic::{Diagnostic, Expected, Message};
use crate::model::{Area, Course, Draw, Kind, Question};
use crate::text::Text;

/// What one file yields: the course (when it has no problem), its problems,
/// and where its ids stand, for the cross-file registry.
#[derive(Debug, Default)]
pub struct ParsedFile {
    /// The checked course, present only when `diagnostics` is empty.
    pub course: Option<Course>,
    /// Every problem found in this file on its own.
    pub diagnostics: Vec<Diagnostic>,
    /// The course id and its span, if readable.
    pub course_id: Option<(String, Range<usize>)>,
    /// Each question id and its span, in file order.
    pub question_ids: Vec<(String, Range<usize>)>,
    /// One per question of `course`, in the same order, when `course` is
    /// present: what [`crate::item_check`] needs beyond the model.
    pub question_sources: Vec<QuestionSource>,
}

/// Where a valid question's values stand in the file, and its choices as
/// written (the item-writing rules count characters of the source text,
/// markup included).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuestionSource {
    /// Span of the `id` value.
    pub id: Range<usize>,
    /// Span of the `answer` value.
    pub answer: Range<usize>,
    /// Span of the `choices` value; `None` for ○/× questions.
    pub choices: Option<Range<usize>>,
    /// Each choice as written, trimmed; empty for ○/× questions.
    pub choice_texts: Vec<String>,
}

/// The longest a pass may be declared valid: ten years.
pub const MAX_PASS_VALID_DAYS: u32 = 3_650;

const COURSE_KEYS: &[&str] = &[
    "id",
    "title",
    "description",
    "policy",
    "order",
    "pass_mark",
    "pass_valid_days",
    "draw",
    "checked",
    "blueprint",
    "question",
];
const BLUEPRINT_KEYS: &[&str] = &["name", "tags", "count"];
const QUESTION_KEYS: &[&str] = &[
    "id",
    "kind",
    "difficulty",
    "tags",
    "scenario",
    "prompt",
    "choices",
    "answer",
    "shuffle",
    "partial_credit",
    "explanation",
    "sources",
    "feedback",
    "checked",
];

/// Most choices a question may have: number keys 1–9 pick them.
pub const MAX_CHOICES: usize = 9;

/// Parses and checks one course file. `hidden` marks a template that is
/// checked but not listed.
pub fn parse_course(text: &str, hidden: bool) -> ParsedFile {
    let mut out = ParsedFile::default();
    let (root, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        // Recovery guesses would add noise: report the syntax errors alone.
        out.diagnostics = errors
            .iter()
            .map(|e| Diagnostic {
                span: e.span().unwrap_or(0..0),
                message: Message::Syntax(e.message().trim().to_owned()),
            })
            .collect();
        return out;
    }
    let mut cx = Cx {
        diags: Vec::new(),
        table_span: root.span(),
    };
    let table = root.get_ref();
    cx.unknown_keys(table, COURSE_KEYS, "course");
    let id = cx.id(table, "id");
    let title = cx.text(table, "title");
    let description = cx.text(table, "description");
    let policy = cx.text(table, "policy");
    let order = cx.optional_int(table, "order");
    let pass_mark = cx.int(table, "pass_mark").and_then(|(v, span)| {
        if (0..=100).contains(&v) {
            u8::try_from(v).ok()
        } else {
            cx.push(span, Message::PassMarkRange { value: v });
            None
        }
    });
    let pass_valid_days = table.get("pass_valid_days").and_then(|value| {
        let days = cx.int_of(value, "pass_valid_days")?;
        match u32::try_from(days) {
            Ok(d) if (1..=MAX_PASS_VALID_DAYS).contains(&d) => Some(d),
            _ => {
                cx.push(value.span(), Message::PassValidRange { value: days });
                None
            }
        }
    });
    let pass_valid = table.get("pass_valid_days").is_none() || pass_valid_days.is_some();
    let checked = cx.optional_date(table, "checked");
    let draw_value = table.get("draw");
    let mut questions = Vec::new();
    let mut pool = 0;
    match table.get("question") {
        None => cx.push(cx.table_span.clone(), Message::NoQuestions),
        Some(value) => match value.get_ref() {
            DeValue::Array(items) if items.is_empty() => {
                cx.push(value.span(), Message::NoQuestions)
            }
            DeValue::Array(items) => {
                pool = items.len();
                for item in items.iter() {
                    if let DeValue::Table(qt) = item.get_ref() {
                        let before = cx.diags.len();
                        let ids = &mut out.question_ids;
                        match cx.question(qt, item.span(), ids) {
                            Some((q, source)) => {
                                questions.push(q);
                                out.question_sources.push(source);
                            }
                            // Never drop a question in silence.
                            None if cx.diags.len() == before => {
                                cx.push(item.span(), Message::NoCourse);
                            }
                            None => {}
                        }
                    } else {
                        cx.wrong_type(item.span(), "question", Expected::QuestionArray);
                    }
                }
            }
            _ => cx.wrong_type(value.span(), "question", Expected::QuestionArray),
        },
    }
    let draw = match draw_value {
        None => {
            cx.missing("draw");
            None
        }
        Some(v) => cx.draw(v, pool, pool > 0),
    };
    let blueprint = match table.get("blueprint") {
        Some(value) => cx.blueprint(value, &questions, draw),
        None => Some(Vec::new()),
    };
    out.course_id = id.clone();
    let course = (|| {
        Some(Course {
            id: id?.0,
            title: title?.to_plain(),
            description: description?,
            policy: policy?.to_plain(),
            order,
            pass_mark: pass_mark?,
            pass_valid_days: pass_valid.then_some(pass_valid_days)?,
            draw: draw?,
            blueprint: blueprint?,
            questions,
            hidden,
            checked,
        })
    })();
    cx.diags.sort_by_key(|d| (d.span.start, d.span.end));
    if cx.diags.is_empty() {
        out.course = course;
    } else {
        out.question_sources.clear();
    }
    if out.course.is_none() && cx.diags.is_empty() {
        // A rule that gave up without saying why: the file must still be
        // refused with a position, never dropped in silence.
        cx.push(0..0, Message::NoCourse);
    }
    out.diagnostics = cx.diags;
    out
}

/// The strings of an array value as written, trimmed (non-strings skipped:
/// only called once the value has been checked).
fn raw_strings(value: &Value<'_>) -> Vec<String> {
    match value.get_ref() {
        DeValue::Array(items) => items
            .iter()
            .filter_map(|item| match item.get_ref() {
                DeValue::String(s) => Some(s.trim().to_owned()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The known key within two edits of `key` (a typo), if there is one.
fn closest(key: &str, known: &[&'static str]) -> Option<&'static str> {
    known
        .iter()
        .map(|k| (edit_distance(key, k), *k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| k)
}

/// A TOML integer's value, or `None` when it does not fit in 64 bits.
/// TOML allows `_` between digits; the digits alone are read.
fn integer(i: &DeInteger) -> Option<i64> {
    let digits: String = i.as_str().chars().filter(|c| *c != '_').collect();
    i64::from_str_radix(&digits, i.radix()).ok()
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    // row[j] = distance between the prefix of `a` read so far and b[..j].
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut next = Vec::with_capacity(row.len());
        next.push(i + 1);
        for ((cb, diagonal), above) in b.iter().zip(&row).zip(row.iter().skip(1)) {
            let left = next.last().copied().unwrap_or(usize::MAX);
            let replace = diagonal + usize::from(ca != *cb);
            next.push(replace.min(left.saturating_add(1)).min(above + 1));
        }
        row = next;
    }
    row.last().copied().unwrap_or(0)
}

/// The rule context: where problems go and which table is being read.
struct Cx {
    diags: Vec<Diagnostic>,
    table_span: Range<usize>,
}

type Value<'i> = Spanned<DeValue<'i>>;

impl Cx {
    fn push(&mut self, span: Range<usize>, message: Message) {
        self.diags.push(Diagnostic { span, message });
    }

    fn missing(&mut self, key: &'static str) {
        self.push(
            self.table_span.clone(),
            Message::MissingKey { key: key.into() },
        );
    }

    fn wrong_type(&mut self, span: Range<usize>, key: &str, expected: Expected) {
        let key = key.to_owned();
        self.push(span, Message::WrongType { key, expected });
    }

    fn unknown_keys(&mut self, table: &DeTable<'_>, known: &[&'static str], context: &'static str) {
        for key in table.keys() {
            if !known.contains(&key.get_ref().as_ref()) {
                let message = Message::UnknownKey {
                    key: key.get_ref().to_string(),
                    context: context.into(),
                    suggestion: closest(key.get_ref(), known).map(Into::into),
                };
                self.push(key.span(), message);
            }
        }
    }

    fn required<'a, 'i>(
        &mut self,
        table: &'a DeTable<'i>,
        key: &'static str,
    ) -> Option<&'a Value<'i>> {
        let value = table.get(key);
        if value.is_none() {
            self.missing(key);
        }
        value
    }

    fn string_of(&mut self, value: &Value<'_>, key: &str) -> Option<String> {
        match value.get_ref() {
            DeValue::String(s) => {
                if s.trim().is_empty() {
                    let key = key.to_owned();
                    self.push(value.span(), Message::EmptyText { key });
                    return None;
                }
                Some(s.to_string())
            }
            _ => {
                self.wrong_type(value.span(), key, Expected::Text);
                None
            }
        }
    }

    fn text(&mut self, table: &DeTable<'_>, key: &'static str) -> Option<Text> {
        let value = self.required(table, key)?;
        self.string_of(value, key).map(|s| Text::parse(&s))
    }

    fn optional_text(&mut self, table: &DeTable<'_>, key: &'static str) -> Option<Text> {
        let value = table.get(key)?;
        self.string_of(value, key).map(|s| Text::parse(&s))
    }

    fn id(&mut self, table: &DeTable<'_>, key: &'static str) -> Option<(String, Range<usize>)> {
        let value = self.required(table, key)?;
        let id = self.string_of(value, key)?;
        if !crate::model::is_id_text(&id) {
            self.push(value.span(), Message::BadId { id: id.clone() });
        }
        Some((id, value.span()))
    }

    fn int_of(&mut self, value: &Value<'_>, key: &str) -> Option<i64> {
        match value.get_ref() {
            DeValue::Integer(i) => {
                let n = integer(i);
                if n.is_none() {
                    let key = key.to_owned();
                    self.push(value.span(), Message::NumberTooLarge { key });
                }
                n
            }
            _ => {
                self.wrong_type(value.span(), key, Expected::Integer);
                None
            }
        }
    }

    fn int(&mut self, table: &DeTable<'_>, key: &'static str) -> Option<(i64, Range<usize>)> {
        let value = self.required(table, key)?;
        self.int_of(value, key).map(|v| (v, value.span()))
    }

    fn optional_int(&mut self, table: &DeTable<'_>, key: &'static str) -> Option<i64> {
        let value = table.get(key)?;
        self.int_of(value, key)
    }

    fn optional_bool(&mut self, table: &DeTable<'_>, key: &'static str) -> Option<bool> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(value.span(), key, Expected::Bool);
                None
            }
        }
    }

    /// A list of non-empty strings; `None` after reporting when it is not one.
    fn string_list(&mut self, value: &Value<'_>, key: &str) -> Option<Vec<(String, Range<usize>)>> {
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(value.span(), key, Expected::TextList);
            return None;
        };
        let mut out = Vec::new();
        let mut ok = true;
        for item in items.iter() {
            match self.string_of(item, key) {
                Some(s) => out.push((s, item.span())),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// An optional `YYYY-MM-DD` string; a bad one is reported.
    fn optional_date(&mut self, table: &DeTable<'_>, key: &'static str) -> Option<Date> {
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => {
                let date = Date::parse(s);
                if date.is_none() {
                    let value_text = s.to_string();
                    self.push(value.span(), Message::BadDate { value: value_text });
                }
                date
            }
            // A bare TOML date is refused too: the format asks for a string.
            _ => {
                self.wrong_type(value.span(), key, Expected::Date);
                None
            }
        }
    }

    /// `[[blueprint]]`: areas every attempt covers. Each area needs enough
    /// questions of its own (after the areas before it took theirs), and
    /// together they must fit in one attempt.
    fn blueprint(
        &mut self,
        value: &Value<'_>,
        questions: &[Question],
        draw: Option<Draw>,
    ) -> Option<Vec<Area>> {
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(value.span(), "blueprint", Expected::BlueprintArray);
            return None;
        };
        let mut areas: Vec<Area> = Vec::new();
        // Each earlier area's members, by question.
        let mut earlier: Vec<Vec<bool>> = Vec::new();
        let mut ok = true;
        for item in items.iter() {
            let DeValue::Table(t) = item.get_ref() else {
                self.wrong_type(item.span(), "blueprint", Expected::BlueprintArray);
                ok = false;
                continue;
            };
            self.unknown_keys(t, BLUEPRINT_KEYS, "blueprint");
            let name = self.text(t, "name").map(|n| n.to_plain());
            let tags = match self.required(t, "tags") {
                Some(v) => self.string_list(v, "tags"),
                None => None,
            };
            let count = match t.get("count") {
                None => Some(1),
                Some(v) => self
                    .int_of(v, "count")
                    .and_then(|n| match usize::try_from(n) {
                        Ok(c) if c >= 1 => Some(c),
                        _ => {
                            self.push(v.span(), Message::BlueprintCountRange { value: n });
                            None
                        }
                    }),
            };
            let (Some(name), Some(tags), Some(count)) = (name, tags, count) else {
                ok = false;
                continue;
            };
            let area = Area {
                name,
                tags: tags.into_iter().map(|(t, _)| t).collect(),
                count,
            };
            // In the worst case every earlier area that shares questions
            // with this one took its picks from them: what is left must
            // still fill this area, whatever the draw took.
            let members: Vec<bool> = questions.iter().map(|q| area.covers(q)).collect();
            let shared_taken: usize = areas
                .iter()
                .zip(&earlier)
                .filter(|(_, m): &(&Area, &Vec<bool>)| {
                    m.iter().zip(&members).any(|(a, b)| *a && *b)
                })
                .map(|(a, _)| a.count)
                .sum();
            let found = members
                .iter()
                .filter(|m| **m)
                .count()
                .saturating_sub(shared_taken);
            if found < count {
                let name = area.name.clone();
                self.push(item.span(), Message::BlueprintTooFew { name, count, found });
                ok = false;
            }
            earlier.push(members);
            areas.push(area);
        }
        let total: usize = areas.iter().map(|a| a.count).sum();
        let attempt_len = match draw {
            Some(Draw::All) => questions.len(),
            Some(Draw::Count(n)) => n.min(questions.len()),
            None => return None,
        };
        if ok && total > attempt_len {
            let draw = attempt_len;
            self.push(value.span(), Message::BlueprintOverDraw { total, draw });
            ok = false;
        }
        ok.then_some(areas)
    }

    fn draw(&mut self, value: &Value<'_>, pool: usize, pool_known: bool) -> Option<Draw> {
        match value.get_ref() {
            DeValue::String(s) if s.as_ref() == "all" => Some(Draw::All),
            DeValue::Integer(i) => {
                let Some(n) = integer(i) else {
                    let key = "draw".to_owned();
                    self.push(value.span(), Message::NumberTooLarge { key });
                    return None;
                };
                if n < 1 {
                    self.push(value.span(), Message::DrawNotPositive { value: n });
                    None
                } else if pool_known && usize::try_from(n).map_or(true, |n| n > pool) {
                    self.push(value.span(), Message::DrawTooLarge { draw: n, pool });
                    None
                } else {
                    usize::try_from(n).ok().map(Draw::Count)
                }
            }
            _ => {
                self.wrong_type(value.span(), "draw", Expected::Draw);
                None
            }
        }
    }

    fn question(
        &mut self,
        table: &DeTable<'_>,
        span: Range<usize>,
        ids: &mut Vec<(String, Range<usize>)>,
    ) -> Option<(Question, QuestionSource)> {
        let outer = std::mem::replace(&mut self.table_span, span);
        let question = self.question_inner(table, ids);
        self.table_span = outer;
        question
    }

    fn question_inner(
        &mut self,
        table: &DeTable<'_>,
        ids: &mut Vec<(String, Range<usize>)>,
    ) -> Option<(Question, QuestionSource)> {
        let before = self.diags.len();
        self.unknown_keys(table, QUESTION_KEYS, "question");
        let id = self.id(table, "id");
        if let Some(id) = &id {
            ids.push(id.clone());
        }
        let scenario = self.optional_text(table, "scenario");
        let prompt = self.text(table, "prompt");
        let explanation = self.text(table, "explanation");
        let sources = self.sources(table);
        let tags = match table.get("tags") {
            Some(v) => self.string_list(v, "tags").unwrap_or_default(),
            None => Vec::new(),
        };
        let difficulty = table.get("difficulty").and_then(|v| {
            let n = self.int_of(v, "difficulty")?;
            if (1..=3).contains(&n) {
                u8::try_from(n).ok()
            } else {
                self.push(v.span(), Message::DifficultyRange { value: n });
                None
            }
        });
        let shuffle = self.optional_bool(table, "shuffle").unwrap_or(true);
        let partial = table.get("partial_credit").map(|v| (v.span(), v));
        let partial_credit = self.optional_bool(table, "partial_credit").unwrap_or(false);
        let kind = self.kind(table, partial.map(|(s, _)| s), partial_credit);
        let choice_count = kind.as_ref().map(|k| match k {
            Kind::Single { choices, .. } | Kind::Multiple { choices, .. } => choices.len(),
            Kind::TrueFalse { .. } => 2,
        });
        let feedback = self.feedback(table, choice_count);
        let checked = self.optional_date(table, "checked");
        if self.diags.len() > before {
            return None;
        }
        let (id, id_span) = id?;
        let choices = table.get("choices");
        let source = QuestionSource {
            id: id_span,
            answer: table.get("answer")?.span(),
            choices: choices.map(|c| c.span()),
            choice_texts: choices.map(raw_strings).unwrap_or_default(),
        };
        let question = Question {
            id,
            kind: kind?,
            scenario,
            prompt: prompt?,
            explanation: explanation?,
            sources: sources?,
            feedback,
            tags: tags.into_iter().map(|(t, _)| t).collect(),
            difficulty,
            shuffle,
            checked,
        };
        Some((question, source))
    }

    fn sources(&mut self, table: &DeTable<'_>) -> Option<Vec<String>> {
        let value = self.required(table, "sources")?;
        let list = self.string_list(value, "sources")?;
        if list.is_empty() {
            self.push(value.span(), Message::NoSources);
            return None;
        }
        Some(list.into_iter().map(|(s, _)| s).collect())
    }

    fn kind(
        &mut self,
        table: &DeTable<'_>,
        partial_span: Option<Range<usize>>,
        partial_credit: bool,
    ) -> Option<Kind> {
        let name = match table.get("kind") {
            None => "single".to_owned(),
            Some(v) => {
                let name = self.string_of(v, "kind")?;
                if !matches!(name.as_str(), "single" | "multiple" | "truefalse") {
                    self.push(v.span(), Message::UnknownKind { kind: name });
                    return None;
                }
                name
            }
        };
        if let Some(span) = partial_span
            && name != "multiple"
        {
            self.push(span, Message::PartialCreditNotMultiple);
        }
        if name == "truefalse" {
            if let Some(c) = table.get("choices") {
                self.push(c.span(), Message::ChoicesOnTrueFalse);
            }
            let answer = self.required(table, "answer")?;
            return match answer.get_ref() {
                DeValue::Boolean(b) => Some(Kind::TrueFalse { answer: *b }),
                _ => {
                    self.wrong_type(answer.span(), "answer", Expected::TrueFalseAnswer);
                    None
                }
            };
        }
        let choices = self.choices(table);
        let answer = self.required(table, "answer");
        let (choices, answer) = (choices?, answer?);
        let numbers: Vec<(i64, Range<usize>)> = match answer.get_ref() {
            DeValue::Integer(_) => vec![(self.int_of(answer, "answer")?, answer.span())],
            DeValue::Array(items) => self.answer_list(items)?,
            _ => {
                self.wrong_type(answer.span(), "answer", Expected::ChoiceAnswer);
                return None;
            }
        };
        let mut indexes = Vec::new();
        for (n, span) in &numbers {
            match self.choice_index(*n, choices.len(), span.clone()) {
                Some(i) if indexes.contains(&i) => {
                    self.push(span.clone(), Message::DuplicateAnswer { number: *n })
                }
                Some(i) => indexes.push(i),
                None => {}
            }
        }
        if indexes.len() < numbers.len() {
            return None;
        }
        indexes.sort_unstable();
        if name == "single" {
            let &[answer_index] = indexes.as_slice() else {
                let given = indexes.len();
                self.push(answer.span(), Message::SingleNeedsOneAnswer { given });
                return None;
            };
            return Some(Kind::Single {
                choices,
                answer: answer_index,
            });
        }
        if indexes.is_empty() {
            self.push(answer.span(), Message::MultipleNeedsAnswer);
            return None;
        }
        Some(Kind::Multiple {
            choices,
            answers: indexes,
            partial_credit,
        })
    }

    fn answer_list(&mut self, items: &DeArray<'_>) -> Option<Vec<(i64, Range<usize>)>> {
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Integer(_) => out.push((self.int_of(item, "answer")?, item.span())),
                _ => {
                    self.wrong_type(item.span(), "answer", Expected::ChoiceAnswer);
                    return None;
                }
            }
        }
        Some(out)
    }

    fn choice_index(&mut self, number: i64, choices: usize, span: Range<usize>) -> Option<usize> {
        match usize::try_from(number) {
            Ok(n) if (1..=choices).contains(&n) => Some(n - 1),
            _ => {
                self.push(span, Message::NoSuchChoice { number, choices });
                None
            }
        }
    }

    fn choices(&mut self, table: &DeTable<'_>) -> Option<Vec<Text>> {
        let value = self.required(table, "choices")?;
        let list = self.string_list(value, "choices")?;
        if !(2..=MAX_CHOICES).contains(&list.len()) {
            let given = list.len();
            self.push(value.span(), Message::ChoiceCount { given });
            return None;
        }
        let mut ok = true;
        for (i, (text, span)) in list.iter().enumerate() {
            let same = |(t, _): &(String, Range<usize>)| t.trim() == text.trim();
            if let Some(first) = list.iter().take(i).position(same) {
                let message = Message::DuplicateChoice {
                    number: i + 1,
                    first: first + 1,
                };
                self.push(span.clone(), message);
                ok = false;
            }
        }
        ok.then(|| list.iter().map(|(t, _)| Text::parse(t)).collect())
    }

    fn feedback(&mut self, table: &DeTable<'_>, choices: Option<usize>) -> Vec<(usize, Text)> {
        let Some(value) = table.get("feedback") else {
            return Vec::new();
        };
        let DeValue::Table(entries) = value.get_ref() else {
            self.wrong_type(value.span(), "feedback", Expected::Table);
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, text) in entries.iter() {
            let Some(text) = self.string_of(text, "feedback") else {
                continue;
            };
            let number = key.get_ref().parse::<i64>().unwrap_or(0);
            if let Some(choices) = choices
                && let Some(i) = self.choice_index(number, choices, key.span())
            {
                out.push((i, Text::parse(&text)));
            }
        }
        out.sort_by_key(|(i, _)| *i);
        out
    }
}
