//! xAPI 1.0.3 statements for a Learning Record Store: the deployment's
//! [`Config`] and the statements one learner event makes ([`make`]), with
//! the actor and the department as they are at the event: a statement is
//! never given the identity of whoever is set when it is sent.
//!
//! Verbs are ADL's (`attempted`, `answered`, `completed`, `passed`,
//! `failed`, `resumed`, `suspended`). Every statement id is a UUID v5 of
//! what the statement is about (the attempt, the verb, the question), so a
//! statement made twice (two tabs, a re-sent batch) has the same id and the
//! LRS stores it once. Every statement carries an explicit `timestamp`: an
//! LRS compares a re-sent statement with the stored one, and one that
//! filled in its own timestamp would see a conflict.
//!
//! Only a full attempt ([`Attempt::is_full_of`]) is reported as an attempt
//! at the course. A retry of the missed questions or a review is practice:
//! its answers go out as `answered` (marked as practice in the context),
//! never `attempted`, `completed`, `passed` or `failed`.

use serde::Deserialize;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use crate::attempt::{Attempt, Outcome};
use crate::model::Course;
use crate::progress::Learner;

/// The xAPI version this app speaks (the `X-Experience-API-Version` header).
pub const VERSION: &str = "1.0.3";

/// ADL's verb IRIs, by the name used in this module.
pub mod verbs {
    /// A course attempt began.
    pub const ATTEMPTED: &str = "http://adlnet.gov/expapi/verbs/attempted";
    /// One question answered.
    pub const ANSWERED: &str = "http://adlnet.gov/expapi/verbs/answered";
    /// Every question of the attempt answered.
    pub const COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
    /// Finished at or above the pass mark.
    pub const PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
    /// Finished below the pass mark.
    pub const FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";
    /// An unfinished attempt opened again.
    pub const RESUMED: &str = "http://adlnet.gov/expapi/verbs/resumed";
    /// An unfinished attempt left (another screen, or the page closed).
    pub const SUSPENDED: &str = "http://adlnet.gov/expapi/verbs/suspended";
}

/// A deployment's reporting settings (`reporting.json`, see the README):
/// where the LRS is, who the learner is to it, and how the app signs in.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The LRS's xAPI base, ending in `/` (statements go to `statements`).
    pub endpoint: String,
    /// The base of every activity id (courses and questions); the site's
    /// own address when absent.
    #[serde(default)]
    pub activity_base: Option<String>,
    /// How the learner is identified.
    pub identity: Identity,
    /// How the app authenticates.
    #[serde(default)]
    pub auth: Auth,
}

/// How a learner is named to the LRS: always from the 職員番号 they set.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Identity {
    /// `account: { homePage, name: 職員番号 }` (the recommended form).
    Account {
        /// The system the staff numbers belong to, e.g. the city's staff portal.
        home_page: String,
    },
    /// `mbox: mailto:<職員番号>@<domain>`, for an LRS keyed by mail address.
    Mbox {
        /// The mail domain.
        domain: String,
    },
}

/// How the app authenticates to the LRS.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Auth {
    /// No `Authorization` header: a proxy in front of the LRS signs in
    /// (for example the intranet's single sign-on).
    #[default]
    None,
    /// HTTP Basic with an account that can only write statements: anyone
    /// who can open the site can read these credentials.
    Basic {
        /// The LRS account.
        username: String,
        /// Its password.
        password: String,
    },
}

impl Config {
    /// Reads and checks a deployment's settings ([`super::settings::check`],
    /// as `quizcheck reporting` does). The error says every problem.
    pub fn parse(json: &str) -> Result<Config, String> {
        super::settings::check(json).map_err(|problems| problems.join("; "))
    }

    /// `scheme://host[:port]` of the endpoint: what the page's CSP allows.
    pub fn origin(&self) -> Option<&str> {
        origin(&self.endpoint)
    }

    /// The statements resource.
    pub fn statements_url(&self) -> String {
        format!("{}statements", self.endpoint)
    }

    /// The `Authorization` header's value, if any.
    pub fn authorization(&self) -> Option<String> {
        match &self.auth {
            Auth::None => None,
            Auth::Basic { username, password } => Some(basic_auth(username, password)),
        }
    }

    /// The xAPI actor for `learner`, or `None` until they set a 職員番号.
    pub fn actor(&self, learner: Option<&Learner>) -> Option<Value> {
        let learner = learner?;
        let number = crate::staff_number::normalize(learner.staff_number.as_deref()?);
        if number.is_empty() {
            return None;
        }
        let mut actor = Map::new();
        actor.insert("objectType".into(), json!("Agent"));
        if !learner.name.trim().is_empty() {
            actor.insert("name".into(), json!(learner.name.trim()));
        }
        match &self.identity {
            Identity::Account { home_page } => {
                actor.insert(
                    "account".into(),
                    json!({ "homePage": home_page, "name": number }),
                );
            }
            Identity::Mbox { domain } => {
                actor.insert("mbox".into(), json!(format!("mailto:{number}@{domain}")));
            }
        }
        Some(Value::Object(actor))
    }
}

/// `scheme://host[:port]` of an absolute http(s) URL.
fn origin(url: &str) -> Option<&str> {
    let rest_at = url.find("://")? + 3;
    let host_len = url
        .get(rest_at..)?
        .find(['/', '?', '#'])
        .unwrap_or(url.len() - rest_at);
    (host_len > 0)
        .then(|| url.get(..rest_at + host_len))
        .flatten()
}

/// An HTTP Basic `Authorization` value (RFC 7617, UTF-8).
pub fn basic_auth(username: &str, password: &str) -> String {
    use base64::Engine;
    let token = base64::engine::general_purpose::STANDARD.encode(format!("{username}:{password}"));
    format!("Basic {token}")
}

/// A statement made by an event, as the outbox keeps it: its id and
/// content never change on a retry. It carries its actor, or none when no
/// 職員番号 was set at the event.
#[derive(Clone, Debug, PartialEq, serde::Serialize, Deserialize)]
pub struct Queued {
    /// The statement id (also inside `statement`).
    pub id: String,
    /// The statement.
    pub statement: Value,
}

/// What the learner did, as the attempt screen saw it.
#[derive(Clone, Copy, Debug)]
pub enum Event<'a> {
    /// A new attempt was drawn.
    Started(&'a Attempt),
    /// An unfinished attempt with answers was opened again.
    Resumed(&'a Attempt),
    /// An unfinished attempt was left.
    Suspended(&'a Attempt),
    /// Question `index` of the attempt (after the answer) was answered; the
    /// last one also completes it, and passes or fails it.
    Answered(&'a Attempt, usize),
}

/// Who the learner is at the moment of an event: the actor (`None` while
/// no 職員番号 is set) and their 所属.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Who {
    /// The xAPI actor ([`Config::actor`]).
    pub actor: Option<Value>,
    /// The learner's 所属, sent as a context extension.
    pub department: Option<String>,
}

/// Makes the statements for one event, each with the actor and department
/// as they are now (`who`); without an actor they are made without one, to
/// be kept aside until the person who took them confirms them.
pub fn make(
    event: Event,
    course: &Course,
    activity_base: &str,
    at_ms: u64,
    who: &Who,
) -> Vec<Queued> {
    let mut made = statements(event, course, activity_base, at_ms);
    if let Some(actor) = &who.actor {
        for q in &mut made {
            q.statement = with_actor(
                &q.statement,
                actor,
                who.department.as_deref(),
                activity_base,
            );
        }
    }
    made
}

/// Makes the statements for one event, without an actor. `activity_base`
/// ends in `/` (the configured base or the site's address); `at_ms` is when
/// it happened. A practice attempt (a retry, a review) makes only its
/// answers.
pub fn statements(event: Event, course: &Course, activity_base: &str, at_ms: u64) -> Vec<Queued> {
    let base = with_slash(activity_base);
    let course_activity = course_activity(course, &base);
    let mut out = Vec::new();
    let practice = match event {
        Event::Started(a) | Event::Resumed(a) | Event::Suspended(a) | Event::Answered(a, _) => {
            !a.is_full_of(course)
        }
    };
    if practice && !matches!(event, Event::Answered(..)) {
        return out;
    }
    match event {
        Event::Started(attempt) => out.push(course_statement(
            attempt,
            &course_activity,
            verbs::ATTEMPTED,
            "",
            None,
            attempt.started_ms,
        )),
        Event::Resumed(attempt) => out.push(course_statement(
            attempt,
            &course_activity,
            verbs::RESUMED,
            &at_ms.to_string(),
            None,
            at_ms,
        )),
        Event::Suspended(attempt) => out.push(course_statement(
            attempt,
            &course_activity,
            verbs::SUSPENDED,
            &at_ms.to_string(),
            None,
            at_ms,
        )),
        Event::Answered(attempt, index) => {
            let Some(item) = attempt.items.get(index) else {
                return out;
            };
            let (Some(question), Some(marks)) = (course.question(&item.question), &item.answer)
            else {
                return out;
            };
            let outcome = Outcome::of(question, marks);
            let labels = question.choice_labels();
            let choices: Vec<Value> = labels
                .iter()
                .enumerate()
                .map(|(i, label)| json!({ "id": format!("c{i}"), "description": { "ja-JP": label.to_plain() } }))
                .collect();
            let object = json!({
                "objectType": "Activity",
                "id": format!("{base}courses/{}/questions/{}", encode(&course.id), encode(&question.id)),
                "definition": {
                    "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
                    "name": { "ja-JP": clip(&question.prompt.to_plain(), 250) },
                    "interactionType": "choice",
                    "choices": choices,
                    "correctResponsesPattern": [response(&question.correct())],
                }
            });
            let result = json!({
                "response": response(marks),
                "success": outcome.is_right(),
                "extensions": { format!("{base}xapi/outcome"): outcome },
            });
            let id = statement_id(attempt, verbs::ANSWERED, &item.question);
            let mut statement = base_statement(
                &id,
                verbs::ANSWERED,
                object,
                attempt,
                at_ms,
                Some(result),
                Some(json!({ "parent": [course_activity.clone()] })),
            );
            if practice {
                // Said in the statement too, for whoever reads the LRS.
                let mode = serde_json::to_value(attempt.mode).unwrap_or(json!("retry"));
                if let Some(context) = statement.get_mut("context").and_then(Value::as_object_mut) {
                    context.insert(
                        "extensions".into(),
                        json!({ format!("{base}xapi/practice"): mode }),
                    );
                }
            }
            out.push(Queued { id, statement });
            if attempt.is_finished() && !practice {
                let finished = attempt.finished_ms.unwrap_or(at_ms);
                let duration = iso_duration(finished.saturating_sub(attempt.started_ms));
                out.push(course_statement(
                    attempt,
                    &course_activity,
                    verbs::COMPLETED,
                    "",
                    Some(json!({ "completion": true, "duration": duration })),
                    finished,
                ));
                let score = attempt.score(course);
                let verb = if score.passed {
                    verbs::PASSED
                } else {
                    verbs::FAILED
                };
                out.push(course_statement(
                    attempt,
                    &course_activity,
                    verb,
                    "",
                    Some(json!({
                        "score": {
                            "scaled": f64::from(score.percent) / 100.0,
                            "raw": score.percent,
                            "min": 0,
                            "max": 100,
                        },
                        "success": score.passed,
                        "duration": duration,
                    })),
                    finished,
                ));
            }
        }
    }
    out
}

/// Gives a statement its actor and the learner's 所属 (a context extension
/// the trainer's 受講状況 reads back): at the event, or when the person who
/// took a statement made without a 職員番号 confirms it.
pub fn with_actor(
    statement: &Value,
    actor: &Value,
    department: Option<&str>,
    activity_base: &str,
) -> Value {
    let mut s = statement.as_object().cloned().unwrap_or_default();
    s.insert("actor".into(), actor.clone());
    if let Some(department) = department.map(str::trim).filter(|d| !d.is_empty()) {
        let key = format!("{}xapi/department", with_slash(activity_base));
        let context = s.entry("context").or_insert_with(|| json!({}));
        if let Some(context) = context.as_object_mut() {
            let extensions = context.entry("extensions").or_insert_with(|| json!({}));
            if let Some(extensions) = extensions.as_object_mut() {
                extensions.insert(key, json!(department));
            }
        }
    }
    Value::Object(s)
}

fn course_activity(course: &Course, base: &str) -> Value {
    json!({
        "objectType": "Activity",
        "id": format!("{base}courses/{}", encode(&course.id)),
        "definition": {
            "type": "http://adlnet.gov/expapi/activities/course",
            "name": { "ja-JP": course.title },
        }
    })
}

fn course_statement(
    attempt: &Attempt,
    course_activity: &Value,
    verb: &str,
    discriminator: &str,
    result: Option<Value>,
    at_ms: u64,
) -> Queued {
    let id = statement_id(attempt, verb, discriminator);
    let statement = base_statement(
        &id,
        verb,
        course_activity.clone(),
        attempt,
        at_ms,
        result,
        None,
    );
    Queued { id, statement }
}

fn base_statement(
    id: &str,
    verb: &str,
    object: Value,
    attempt: &Attempt,
    at_ms: u64,
    result: Option<Value>,
    context_activities: Option<Value>,
) -> Value {
    let name = verb.rsplit('/').next().unwrap_or(verb);
    let mut context = Map::new();
    context.insert("registration".into(), json!(registration(attempt)));
    context.insert("platform".into(), json!("kenshu"));
    context.insert("language".into(), json!("ja-JP"));
    if let Some(activities) = context_activities {
        context.insert("contextActivities".into(), activities);
    }
    let mut statement = Map::new();
    statement.insert("id".into(), json!(id));
    statement.insert(
        "verb".into(),
        json!({ "id": verb, "display": { "en-US": name } }),
    );
    statement.insert("object".into(), object);
    if let Some(result) = result {
        statement.insert("result".into(), result);
    }
    statement.insert("context".into(), Value::Object(context));
    statement.insert("timestamp".into(), json!(timestamp(at_ms)));
    Value::Object(statement)
}

/// The attempt's key: its course, start and drawn order, which no other
/// attempt shares (the draw is random).
fn attempt_key(attempt: &Attempt) -> String {
    let mut key = format!("{}\n{}", attempt.course, attempt.started_ms);
    for item in &attempt.items {
        key.push('\n');
        key.push_str(&item.question);
        for choice in &item.order {
            key.push_str(&format!(",{choice}"));
        }
    }
    key
}

fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:kenshu:xapi")
}

/// The attempt's `context.registration`: every statement of one attempt shares it.
pub fn registration(attempt: &Attempt) -> String {
    Uuid::new_v5(&namespace(), attempt_key(attempt).as_bytes()).to_string()
}

/// The id of the statement `verb` about `attempt` (and a question or a moment).
pub fn statement_id(attempt: &Attempt, verb: &str, discriminator: &str) -> String {
    let name = format!("{}\n{verb}\n{discriminator}", attempt_key(attempt));
    Uuid::new_v5(&namespace(), name.as_bytes()).to_string()
}

/// Choice indexes as an xAPI choice response: `c0[,]c2`.
pub fn response(marks: &[usize]) -> String {
    marks
        .iter()
        .map(|m| format!("c{m}"))
        .collect::<Vec<_>>()
        .join("[,]")
}

/// The choice indexes of a response written by [`response`]; `None` for
/// anything else.
pub fn parse_response(text: &str) -> Option<Vec<usize>> {
    if text.is_empty() {
        return Some(Vec::new());
    }
    text.split("[,]")
        .map(|part| part.strip_prefix('c')?.parse().ok())
        .collect()
}

/// Milliseconds as an ISO 8601 duration with centiseconds, e.g. `PT95.25S`.
pub fn iso_duration(ms: u64) -> String {
    format!("PT{}.{:02}S", ms / 1000, (ms % 1000) / 10)
}

/// Milliseconds since the Unix epoch as an RFC 3339 UTC timestamp with
/// milliseconds, e.g. `2026-12-01T04:28:17.123Z`.
pub fn timestamp(ms: u64) -> String {
    let ms = i64::try_from(ms).unwrap_or(i64::MAX);
    let days = ms.div_euclid(86_400_000);
    let in_day = ms.rem_euclid(86_400_000);
    let date = crate::date::Date::from_days_since_epoch(days);
    format!(
        "{date}T{:02}:{:02}:{:02}.{:03}Z",
        in_day / 3_600_000,
        in_day / 60_000 % 60,
        in_day / 1000 % 60,
        in_day % 1000
    )
}

/// Reads an RFC 3339 timestamp (any offset, optional fraction) as
/// milliseconds since the Unix epoch; `None` when it is not one.
pub fn parse_timestamp(text: &str) -> Option<u64> {
    let date = crate::date::Date::parse(text.get(..10)?)?;
    let rest = text.get(10..)?;
    let rest = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' '))?;
    let number = |s: &str| -> Option<i64> {
        (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
    };
    let (h, m, s) = (
        number(rest.get(..2)?)?,
        number(rest.get(3..5)?)?,
        number(rest.get(6..8)?)?,
    );
    let mut tail = rest.get(8..)?;
    let mut millis = 0;
    if let Some(fraction) = tail.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        let padded = format!("{:0<3}", fraction.get(..digits.min(3))?);
        millis = padded.parse::<i64>().ok()?;
        tail = fraction.get(digits..)?;
    }
    let offset_minutes = match tail {
        "Z" | "z" | "" => 0,
        _ => {
            let sign = match tail.get(..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            sign * (number(tail.get(1..3)?)? * 60 + number(tail.get(4..6)?)?)
        }
    };
    let total = date.days_since_epoch() * 86_400_000
        + ((h * 60 + m - offset_minutes) * 60 + s) * 1000
        + millis;
    u64::try_from(total).ok()
}

fn with_slash(base: &str) -> String {
    if base.ends_with('/') {
        base.to_owned()
    } else {
        format!("{base}/")
    }
}

/// Percent-encodes everything but unreserved characters, for an id in an IRI.
fn encode(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn clip(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let mut clipped: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    clipped.push('…');
    clipped
}

/// One page of `GET statements`: the statements and where the next page is.
#[derive(Debug, Default, Deserialize)]
pub struct StatementsPage {
    /// The statements on this page.
    #[serde(default)]
    pub statements: Vec<Value>,
    /// The next page (a path relative to the LRS's host), `""` or absent at the end.
    #[serde(default)]
    pub more: Option<String>,
}

impl StatementsPage {
    /// Reads a page; the error says why it is not one.
    pub fn parse(json: &str) -> Result<StatementsPage, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    /// The next page's absolute URL, resolved against `endpoint`'s host;
    /// `None` at the end (or for a `more` on another host, which is not followed).
    pub fn next_url(&self, endpoint: &str) -> Option<String> {
        let more = self.more.as_deref().filter(|m| !m.is_empty())?;
        let host = origin(endpoint)?;
        if more.starts_with('/') {
            Some(format!("{host}{more}"))
        } else {
            (origin(more) == Some(host)).then(|| more.to_owned())
        }
    }
}

/// The activity IRI of course `id` under `activity_base`.
pub fn course_iri(activity_base: &str, id: &str) -> String {
    format!("{}courses/{}", with_slash(activity_base), encode(id))
}

/// The queries that read what 受講状況 needs from an LRS, using its
/// filters: per course, its `passed` and `failed` statements and (with
/// `related_activities`, as their parent) its `answered` ones, stored after
/// `since` (RFC 3339) when given; `limit=100`, the most Ralph gives a page.
/// An LRS that ignores a filter only sends more:
/// [`results_from_statements`] keeps what it needs.
pub fn read_queries(
    endpoint: &str,
    activity_base: &str,
    course_ids: &[String],
    since: Option<&str>,
) -> Vec<String> {
    let mut out = Vec::new();
    for id in course_ids {
        let activity = encode(&course_iri(activity_base, id));
        for (verb, related) in [
            (verbs::PASSED, false),
            (verbs::FAILED, false),
            (verbs::ANSWERED, true),
        ] {
            let mut url = format!(
                "{}statements?limit=100&activity={activity}&verb={}",
                with_slash(endpoint),
                encode(verb)
            );
            if related {
                url.push_str("&related_activities=true");
            }
            if let Some(since) = since {
                url.push_str(&format!("&since={}", encode(since)));
            }
            out.push(url);
        }
    }
    out
}

/// Percent-decodes an id taken from an IRI written by [`encode`].
fn decode(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&first, tail)) = rest.split_first() {
        if first == b'%' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = tail.get(2..)?;
        } else {
            bytes.push(first);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}

/// The learner's key in the LRS's statements: the account name or the mail
/// address's local part (the 職員番号 either way).
fn staff_number_of(actor: &Value) -> Option<String> {
    if let Some(name) = actor.pointer("/account/name").and_then(Value::as_str) {
        return Some(name.to_owned());
    }
    let mbox = actor
        .pointer("/mbox")
        .and_then(Value::as_str)?
        .strip_prefix("mailto:")?;
    Some(mbox.split('@').next()?.to_owned())
}

/// The course id and (for a question) the question id of an activity id
/// this app wrote: `…/courses/<course>[/questions/<question>]`.
fn activity_ids(id: &str) -> Option<(String, Option<String>)> {
    let at = id.rfind("/courses/")?;
    let rest = id.get(at + "/courses/".len()..)?;
    match rest.split_once("/questions/") {
        Some((course, question)) => Some((decode(course)?, Some(decode(question)?))),
        None => Some((decode(rest)?, None)),
    }
}

/// 受講状況 from an LRS: the statements (as the LRS returned them, any
/// order) turned into one results file per learner, the same form a
/// learner's exported file has, so the trainer's table takes both.
/// `courses` are (id, title) in listing order; statements about other
/// courses or from other apps are left out. Dates are local to
/// `offset_minutes`.
pub fn results_from_statements(
    statements: &[Value],
    courses: &[(String, String)],
    offset_minutes: i64,
) -> Vec<crate::report::ResultsFile> {
    use crate::report::{AnswerRecord, FORMAT, ResultRow, ResultsFile, date_string};
    use std::collections::BTreeMap;

    struct Finish {
        at: u64,
        percent: Option<u8>,
        passed: bool,
        registration: String,
    }
    struct Answer {
        at: u64,
        registration: String,
        record: AnswerRecord,
    }
    #[derive(Default)]
    struct Person {
        name: (u64, String),
        department: (u64, String),
        last_seen: u64,
        finishes: BTreeMap<String, Vec<Finish>>,
        answers: BTreeMap<String, Vec<Answer>>,
    }
    let mut people: BTreeMap<String, Person> = BTreeMap::new();
    let mut seen_ids = std::collections::HashSet::new();
    for s in statements {
        let Some(number) = s.get("actor").and_then(staff_number_of) else {
            continue;
        };
        // An LRS pages by time; a statement on two pages counts once.
        if let Some(id) = s.pointer("/id").and_then(Value::as_str)
            && !seen_ids.insert(id.to_owned())
        {
            continue;
        }
        let Some((course, question)) = s
            .pointer("/object/id")
            .and_then(Value::as_str)
            .and_then(activity_ids)
        else {
            continue;
        };
        if !courses.iter().any(|(id, _)| *id == course) {
            continue;
        }
        let at = s
            .pointer("/timestamp")
            .and_then(Value::as_str)
            .and_then(parse_timestamp)
            .unwrap_or(0);
        let registration = s
            .pointer("/context/registration")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        let person = people.entry(number).or_default();
        person.last_seen = person.last_seen.max(at);
        if let Some(name) = s.pointer("/actor/name").and_then(Value::as_str)
            && at >= person.name.0
        {
            person.name = (at, name.to_owned());
        }
        if let Some(extensions) = s.pointer("/context/extensions").and_then(Value::as_object)
            && let Some(department) = extensions
                .iter()
                .find(|(k, _)| k.ends_with("/xapi/department"))
                .and_then(|(_, v)| v.as_str())
            && at >= person.department.0
        {
            person.department = (at, department.to_owned());
        }
        let verb = s.pointer("/verb/id").and_then(Value::as_str).unwrap_or("");
        match (verb, question) {
            (verbs::PASSED | verbs::FAILED, None) => {
                let raw = s.pointer("/result/score/raw").and_then(Value::as_f64);
                let scaled = s
                    .pointer("/result/score/scaled")
                    .and_then(Value::as_f64)
                    .map(|x| x * 100.0);
                let percent = raw
                    .or(scaled)
                    .filter(|p| (0.0..=100.0).contains(p))
                    .map(|p| p.floor() as u8);
                person.finishes.entry(course).or_default().push(Finish {
                    at,
                    percent,
                    passed: verb == verbs::PASSED,
                    registration,
                });
            }
            (verbs::ANSWERED, Some(question)) => {
                let marks = s
                    .pointer("/result/response")
                    .and_then(Value::as_str)
                    .and_then(parse_response)
                    .unwrap_or_default();
                let word = s
                    .pointer("/result/extensions")
                    .and_then(Value::as_object)
                    .and_then(|e| e.iter().find(|(k, _)| k.ends_with("/xapi/outcome")))
                    .and_then(|(_, v)| Outcome::deserialize(v).ok());
                let success = s.pointer("/result/success").and_then(Value::as_bool);
                let outcome = match (word, success) {
                    (Some(outcome), _) => outcome,
                    (None, Some(true)) => Outcome::Right,
                    (None, _) => Outcome::Wrong,
                };
                person.answers.entry(course).or_default().push(Answer {
                    at,
                    registration,
                    record: AnswerRecord {
                        question,
                        outcome,
                        marks,
                    },
                });
            }
            _ => {}
        }
    }
    people
        .into_iter()
        .map(|(number, mut person)| {
            let rows = courses
                .iter()
                .map(|(id, title)| {
                    let finishes = person.finishes.remove(id).unwrap_or_default();
                    let passes = || finishes.iter().filter(|f| f.passed).map(|f| f.at);
                    let latest = finishes.iter().max_by_key(|f| f.at);
                    let mut answers: Vec<Answer> = person
                        .answers
                        .remove(id)
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|a| latest.is_some_and(|f| f.registration == a.registration))
                        .collect();
                    answers.sort_by_key(|a| a.at);
                    ResultRow {
                        course_id: id.clone(),
                        course: title.clone(),
                        best: finishes.iter().filter_map(|f| f.percent).max(),
                        passed_on: passes().min().map(|at| date_string(at, offset_minutes)),
                        attempts: finishes.len(),
                        last_passed_on: passes().max().map(|at| date_string(at, offset_minutes)),
                        answers: answers.into_iter().map(|a| a.record).collect(),
                    }
                })
                .collect();
            ResultsFile {
                format: FORMAT.to_owned(),
                version: crate::report::RESULTS_VERSION,
                learner: person.name.1,
                staff_number: Some(number),
                department: Some(person.department.1).filter(|d| !d.is_empty()),
                exported_on: date_string(person.last_seen, offset_minutes),
                rows,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_course;

    const BASE: &str = "https://kenshu.example.lg.jp/";

    fn course() -> Course {
        parse_course(crate::progress::tests::COURSE, false)
            .course
            .expect("valid")
    }

    fn config() -> Config {
        Config::parse(
            r#"{"endpoint": "https://lrs.example.lg.jp:8443/xAPI",
                "identity": {"kind": "account", "home_page": "https://staff.example.lg.jp"},
                "auth": {"kind": "basic", "username": "kenshu", "password": "書き込み専用"}}"#,
        )
        .expect("valid")
    }

    fn learner(number: Option<&str>) -> Learner {
        Learner {
            name: "山田 花子".into(),
            staff_number: number.map(str::to_owned),
            department: Some("福祉総務課".into()),
            at_ms: 1,
        }
    }

    /// Takes the whole course: ○ right on q1, ○ wrong on q2 (50 %: passes).
    fn take(course: &Course) -> Vec<Queued> {
        let mut attempt = Attempt::start(course, 7, 1_795_000_000_000);
        let mut out = statements(Event::Started(&attempt), course, BASE, attempt.started_ms);
        for index in 0..attempt.items.len() {
            attempt.answer(index, vec![0], 1_795_000_060_000 + index as u64);
            out.extend(statements(
                Event::Answered(&attempt, index),
                course,
                BASE,
                1_795_000_060_000,
            ));
        }
        out
    }

    #[test]
    fn a_course_taken_makes_attempted_answered_completed_and_passed() {
        let course = course();
        let made = take(&course);
        let verbs: Vec<&str> = made
            .iter()
            .map(|q| {
                q.statement["verb"]["id"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
            })
            .collect();
        assert_eq!(
            verbs,
            ["attempted", "answered", "answered", "completed", "passed"]
        );
        let passed = made.last().unwrap();
        assert_eq!(passed.statement["result"]["score"]["raw"], 50);
        assert_eq!(passed.statement["result"]["score"]["scaled"], 0.5);
        assert_eq!(passed.statement["result"]["success"], true);
        assert_eq!(passed.statement["object"]["id"], format!("{BASE}courses/c"));
        let registrations: std::collections::HashSet<&str> = made
            .iter()
            .map(|q| q.statement["context"]["registration"].as_str().unwrap())
            .collect();
        assert_eq!(registrations.len(), 1, "one attempt, one registration");
        for q in &made {
            assert_eq!(q.statement["id"], q.id.as_str());
            assert!(q.statement["timestamp"].as_str().unwrap().ends_with('Z'));
            assert!(
                q.statement.get("actor").is_none(),
                "statements() makes none; make() gives the actor"
            );
        }
        let answered: Vec<(&str, &str, bool)> = made
            .iter()
            .filter(|q| q.statement["verb"]["id"] == verbs::ANSWERED)
            .map(|q| {
                (
                    q.statement["object"]["id"]
                        .as_str()
                        .unwrap()
                        .rsplit('/')
                        .next()
                        .unwrap(),
                    q.statement["result"]["response"].as_str().unwrap(),
                    q.statement["result"]["success"].as_bool().unwrap(),
                )
            })
            .collect();
        let mut answered = answered;
        answered.sort();
        assert_eq!(answered, [("q1", "c0", true), ("q2", "c0", false)]);
    }

    #[test]
    fn the_same_event_makes_the_same_ids_and_another_attempt_others() {
        let course = course();
        let ids = |made: &[Queued]| made.iter().map(|q| q.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&take(&course)), ids(&take(&course)));
        let other = Attempt::start(&course, 7, 1_795_000_000_001);
        let again = statements(Event::Started(&other), &course, BASE, 0);
        assert!(!ids(&take(&course)).contains(&again[0].id));
        let unique: std::collections::HashSet<String> = ids(&take(&course)).into_iter().collect();
        assert_eq!(unique.len(), 5);
    }

    fn verb_names(made: &[Queued]) -> Vec<String> {
        made.iter()
            .map(|q| {
                let id = q.statement["verb"]["id"].as_str().unwrap_or_default();
                id.rsplit('/').next().unwrap_or_default().to_owned()
            })
            .collect()
    }

    #[test]
    fn a_finished_retry_makes_only_answers_marked_as_practice() {
        let course = course();
        let ids: Vec<String> = course.questions.iter().map(|q| q.id.clone()).collect();
        let mut retry = Attempt::retry(&course, &ids[..1], 3, 1_000);
        assert!(!retry.is_full_of(&course));
        let mut made = statements(Event::Started(&retry), &course, BASE, 1_000);
        let right = course.question(&retry.items[0].question).unwrap().correct();
        retry.answer(0, right, 2_000);
        assert!(retry.is_finished());
        made.extend(statements(Event::Answered(&retry, 0), &course, BASE, 2_000));
        made.extend(statements(Event::Suspended(&retry), &course, BASE, 2_000));
        assert_eq!(verb_names(&made), ["answered"]);
        assert_eq!(
            made[0].statement["context"]["extensions"][format!("{BASE}xapi/practice")],
            "retry"
        );
        // The trainer's read-back counts no attempt from it.
        let actor = config().actor(Some(&learner(Some("9")))).unwrap();
        let sent: Vec<Value> = made
            .iter()
            .map(|q| with_actor(&q.statement, &actor, None, BASE))
            .collect();
        let files = results_from_statements(&sent, &[("c".into(), "t".into())], 0);
        assert_eq!(files[0].rows[0].attempts, 0);
        assert_eq!(files[0].rows[0].passed_on, None);
    }

    #[test]
    fn the_actor_and_department_are_those_at_the_event() {
        let course = course();
        let config = config();
        let attempt = Attempt::start(&course, 7, 1_795_000_000_000);
        let mut a = learner(Some("A001"));
        let who = |l: &Learner| Who {
            actor: config.actor(Some(l)),
            department: l.department.clone(),
        };
        let made = make(Event::Started(&attempt), &course, BASE, 1, &who(&a));
        // The learner changes afterwards: what was made keeps its actor.
        a.staff_number = Some("B002".into());
        a.department = Some("障害福祉課".into());
        let key = format!("{BASE}xapi/department");
        assert_eq!(made[0].statement["actor"]["account"]["name"], "A001");
        assert_eq!(
            made[0].statement["context"]["extensions"][&key],
            "福祉総務課"
        );
        let later = make(Event::Suspended(&attempt), &course, BASE, 2, &who(&a));
        assert_eq!(later[0].statement["actor"]["account"]["name"], "B002");
        assert_eq!(
            later[0].statement["context"]["extensions"][&key],
            "障害福祉課"
        );
        // No 職員番号 at the event: no actor at all, none invented.
        let none = make(
            Event::Suspended(&attempt),
            &course,
            BASE,
            3,
            &Who::default(),
        );
        assert!(none[0].statement.get("actor").is_none());
    }

    #[test]
    fn a_failed_attempt_says_failed() {
        let course = course();
        let mut attempt = Attempt::start(&course, 1, 10);
        for index in 0..2 {
            let wrong = usize::from(
                course
                    .question(&attempt.items[index].question)
                    .unwrap()
                    .correct()
                    == vec![0],
            );
            attempt.answer(index, vec![wrong], 20);
        }
        let made = statements(Event::Answered(&attempt, 1), &course, BASE, 20);
        let last = made.last().unwrap();
        assert_eq!(last.statement["verb"]["id"], verbs::FAILED);
        assert_eq!(last.statement["result"]["score"]["raw"], 0);
        assert_eq!(last.statement["result"]["success"], false);
    }

    #[test]
    fn the_actor_comes_from_the_staff_number_and_waits_for_one() {
        let config = config();
        assert_eq!(config.actor(None), None);
        assert_eq!(config.actor(Some(&learner(None))), None);
        assert_eq!(config.actor(Some(&learner(Some("  ")))), None);
        let actor = config.actor(Some(&learner(Some(" 012345 ")))).unwrap();
        assert_eq!(actor["account"]["name"], "012345");
        assert_eq!(actor["account"]["homePage"], "https://staff.example.lg.jp");
        assert_eq!(actor["name"], "山田 花子");
        let mbox = Config::parse(
            r#"{"endpoint": "http://127.0.0.1:8100/xAPI/", "identity": {"kind": "mbox", "domain": "city.example.lg.jp"}}"#,
        )
        .unwrap();
        assert_eq!(mbox.auth, Auth::None);
        assert_eq!(mbox.authorization(), None);
        let actor = mbox.actor(Some(&learner(Some("012345")))).unwrap();
        assert_eq!(actor["mbox"], "mailto:012345@city.example.lg.jp");
        let sent = with_actor(
            &take(&course())[0].statement,
            &actor,
            Some("福祉総務課"),
            BASE,
        );
        assert_eq!(sent["actor"], actor);
        assert_eq!(
            sent["context"]["extensions"][format!("{BASE}xapi/department")],
            "福祉総務課"
        );
    }

    #[test]
    fn settings_are_checked_and_name_their_origin() {
        let config = config();
        assert_eq!(config.endpoint, "https://lrs.example.lg.jp:8443/xAPI/");
        assert_eq!(config.origin(), Some("https://lrs.example.lg.jp:8443"));
        assert_eq!(
            config.statements_url(),
            "https://lrs.example.lg.jp:8443/xAPI/statements"
        );
        assert_eq!(
            config.authorization().unwrap(),
            format!("Basic {}", {
                use base64::Engine;
                base64::engine::general_purpose::STANDARD.encode("kenshu:書き込み専用")
            })
        );
        for bad in [
            r#"{"endpoint": "ftp://x/", "identity": {"kind": "mbox", "domain": "d"}}"#,
            r#"{"endpoint": "https:///x", "identity": {"kind": "mbox", "domain": "d"}}"#,
            r#"{"endpoint": "https://x/", "identity": {"kind": "mbox", "domain": "a@b"}}"#,
            r#"{"endpoint": "https://x/", "identity": {"kind": "account", "home_page": " "}}"#,
            r#"{"endpoint": "https://x/", "identity": {"kind": "account", "home_page": "h"}, "secret": 1}"#,
            r#"{"endpoint": "https://x/"}"#,
        ] {
            assert!(Config::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn timestamps_and_durations_are_iso_8601() {
        assert_eq!(timestamp(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(timestamp(1_795_530_600_123), "2026-11-24T14:30:00.123Z");
        assert_eq!(
            parse_timestamp("2026-11-24T14:30:00.123Z"),
            Some(1_795_530_600_123)
        );
        assert_eq!(
            parse_timestamp("2026-11-24T23:30:00.123+09:00"),
            Some(1_795_530_600_123)
        );
        assert_eq!(
            parse_timestamp("2026-11-24T14:30:00.123456+00:00"),
            Some(1_795_530_600_123)
        );
        assert_eq!(
            parse_timestamp("2026-11-24T14:30:00Z"),
            Some(1_795_530_600_000)
        );
        for bad in [
            "",
            "2026-11-24",
            "2026-11-24T7:10:00Z",
            "2026-11-24T07:10:00.1x",
            "x026-11-24T07:10:00Z",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
        assert_eq!(iso_duration(95_254), "PT95.25S");
        assert_eq!(response(&[0, 2]), "c0[,]c2");
        assert_eq!(parse_response("c0[,]c2"), Some(vec![0, 2]));
        assert_eq!(parse_response("a[,]c"), None);
    }

    #[test]
    fn statements_read_back_as_the_trainers_results() {
        let course = course();
        let config = config();
        let actor = config.actor(Some(&learner(Some("012345")))).unwrap();
        let mut sent: Vec<Value> = take(&course)
            .iter()
            .map(|q| with_actor(&q.statement, &actor, Some("福祉総務課"), BASE))
            .collect();
        // An LRS returns newest first, and a page boundary may repeat one.
        sent.reverse();
        sent.push(sent[0].clone());
        // Someone else's statement about another app's activity.
        sent.push(json!({"actor": {"mbox": "mailto:x@y"}, "verb": {"id": verbs::PASSED}, "object": {"id": "https://other/x"}}));
        let files = results_from_statements(&sent, &[("c".into(), "t".into())], 540);
        assert_eq!(files.len(), 1);
        let file = &files[0];
        assert_eq!(file.staff_number.as_deref(), Some("012345"));
        assert_eq!(file.learner, "山田 花子");
        assert_eq!(file.department.as_deref(), Some("福祉総務課"));
        let row = &file.rows[0];
        assert_eq!((row.best, row.attempts), (Some(50), 1));
        assert!(row.passed_on.is_some() && row.passed_on == row.last_passed_on);
        let outcomes: Vec<(&str, Outcome, &[usize])> = row
            .answers
            .iter()
            .map(|a| (a.question.as_str(), a.outcome, a.marks.as_slice()))
            .collect();
        assert_eq!(outcomes.len(), 2);
        assert!(outcomes.contains(&("q1", Outcome::Right, &[0][..])));
        assert!(outcomes.contains(&("q2", Outcome::Wrong, &[0][..])));
    }

    #[test]
    fn pages_follow_more_on_the_same_host_only() {
        let page = |more: &str| StatementsPage {
            statements: vec![],
            more: Some(more.to_owned()),
        };
        let endpoint = "http://127.0.0.1:8100/xAPI/";
        assert_eq!(
            page("/xAPI/statements?limit=100&search_after=x")
                .next_url(endpoint)
                .as_deref(),
            Some("http://127.0.0.1:8100/xAPI/statements?limit=100&search_after=x")
        );
        assert_eq!(page("").next_url(endpoint), None);
        assert_eq!(page("https://elsewhere/x").next_url(endpoint), None);
        assert!(
            StatementsPage::parse(r#"{"statements": [{"id": "a"}]}"#)
                .is_ok_and(|p| p.more.is_none())
        );
        assert!(StatementsPage::parse("<html>").is_err());
    }

    #[test]
    fn the_read_back_asks_per_course_with_the_lrs_filters() {
        let urls = read_queries(
            "http://127.0.0.1:8100/xAPI",
            BASE,
            &["人権".to_owned()],
            Some("2026-04-01T00:00:00+09:00"),
        );
        assert_eq!(urls.len(), 3);
        let activity = encode(&course_iri(BASE, "人権"));
        assert!(urls[0].starts_with("http://127.0.0.1:8100/xAPI/statements?limit=100&activity="));
        assert!(urls[0].contains(&format!(
            "activity={activity}&verb=http%3A%2F%2Fadlnet.gov%2Fexpapi%2Fverbs%2Fpassed"
        )));
        assert!(urls[1].contains("verbs%2Ffailed") && !urls[1].contains("related"));
        assert!(urls[2].contains("verbs%2Fanswered&related_activities=true"));
        assert!(
            urls.iter()
                .all(|u| u.ends_with("&since=2026-04-01T00%3A00%3A00%2B09%3A00"))
        );
        assert!(urls.iter().all(|u| u.is_ascii()));
    }

    #[test]
    fn ids_with_any_character_survive_the_activity_iri() {
        for id in ["c", "人権-1", "a/b c%"] {
            let iri = format!("{BASE}courses/{}/questions/{}", encode(id), encode(id));
            assert!(iri.is_ascii());
            assert_eq!(
                activity_ids(&iri),
                Some((id.to_owned(), Some(id.to_owned())))
            );
        }
    }
}
