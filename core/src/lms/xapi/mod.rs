//! xAPI 1.0.3 statements for a Learning Record Store, one job a module:
//! the deployment's settings ([`config`]), the statements one learner
//! event makes ([`statement`], with [`iri`] for the activity ids), the
//! choice-response codec ([`response`](mod@response)), the time formats
//! ([`time`]) and 受講状況 read back from an LRS's statements
//! ([`read_back`]). The items are re-exported here, so callers name
//! `xapi::Config`, `xapi::make`, ….
//!
//! Verbs are ADL's (`attempted`, `answered`, `completed`, `passed`,
//! `failed`, `resumed`, `suspended`). Every statement id is a UUID v5 of
//! what the statement is about (the attempt, the verb, the question), so a
//! statement made twice (two tabs, a re-sent batch) has the same id and the
//! LRS stores it once. Every statement carries an explicit `timestamp`: an
//! LRS compares a re-sent statement with the stored one, and one that
//! filled in its own timestamp would see a conflict.

pub mod config;
pub mod iri;
pub mod read_back;
pub mod response;
pub mod statement;
pub mod time;

pub use config::{Auth, Config, Identity, basic_auth};
pub use iri::course_iri;
pub use read_back::{StatementsPage, read_queries, results_from_statements};
pub use response::{parse_response, response};
pub use statement::{Event, Queued, Who, make, registration, statement_id, statements, with_actor};
pub use time::{iso_duration, parse_timestamp, timestamp};

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

/// What the tests of these modules share: a course, settings, a learner and
/// a whole attempt's statements.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::{Config, Event, Queued, statements};
    use crate::attempt::Attempt;
    use crate::model::Course;
    use crate::parse::parse_course;
    use crate::progress::Learner;

    pub const BASE: &str = "https://kenshu.example.lg.jp/";

    pub fn course() -> Course {
        parse_course(crate::progress::tests::COURSE, false)
            .course
            .expect("valid")
    }

    pub fn config() -> Config {
        Config::parse(
            r#"{"endpoint": "https://lrs.example.lg.jp:8443/xAPI",
                "identity": {"kind": "account", "home_page": "https://staff.example.lg.jp"},
                "auth": {"kind": "basic", "username": "kenshu", "password": "書き込み専用"}}"#,
        )
        .expect("valid")
    }

    pub fn learner(number: Option<&str>) -> Learner {
        Learner {
            name: "山田 花子".into(),
            staff_number: number.map(str::to_owned),
            department: Some("福祉総務課".into()),
            at_ms: 1,
        }
    }

    /// Takes the whole course: ○ right on q1, ○ wrong on q2 (50 %: passes).
    pub fn take(course: &Course) -> Vec<Queued> {
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
}
