//! 受講状況 read back from an LRS: the queries that ask for what it needs
//! (with the LRS's filters), the pages of `GET statements`, and the
//! statements turned into one results file per learner.

use serde::Deserialize;
use serde_json::Value;

use super::config::origin;
use super::iri::{activity_ids, course_iri, encode, with_slash};
use super::response::parse_response;
use super::time::parse_timestamp;
use super::verbs;
use crate::attempt::Outcome;

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
    use super::super::fixtures::{BASE, config, course, learner, take};
    use super::super::with_actor;
    use super::*;
    use serde_json::json;

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
}
