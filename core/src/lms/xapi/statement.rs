//! The statements one learner event makes ([`make`]), with the actor and
//! the department as they are at the event: a statement is never given the
//! identity of whoever is set when it is sent. Ids are UUID v5 of what a
//! statement records ([`statement_id`], [`registration`]).
//!
//! Only a full attempt ([`Attempt::is_full_of`]) is reported as an attempt
//! at the course. A retry of the missed questions or a review is practice:
//! its answers go out as `answered` (marked as practice in the context),
//! never `attempted`, `completed`, `passed` or `failed`.

use serde::Deserialize;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::iri::{encode, with_slash};
use super::response::response;
use super::time::{iso_duration, timestamp};
use super::verbs;
use crate::attempt::{Attempt, Outcome};
use crate::model::Course;

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
    /// The xAPI actor ([`Config::actor`](super::Config::actor)).
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

fn clip(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let mut clipped: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    clipped.push('…');
    clipped
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{BASE, config, course, learner, take};
    use super::super::results_from_statements;
    use super::*;
    use crate::progress::Learner;

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
}
