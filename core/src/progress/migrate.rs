//! Stored progress of any earlier version → the current [`Progress`].
//!
//! An `if version < N` ladder between [`MIN_VERSION`] and [`VERSION`]: each
//! step rewrites the JSON of one version into the next. Data from a newer
//! build, or that is not progress at all, is refused with a reason, so the
//! caller can keep it aside instead of overwriting it.

use serde_json::Value;

use super::{Progress, VERSION};

/// The oldest version this build can read.
pub const MIN_VERSION: u32 = 1;

/// Why stored data could not be read as progress.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MigrateError {
    /// Not JSON at all (for example cut off mid-write).
    NotJson(String),
    /// JSON, but without a numeric `version`.
    NoVersion,
    /// Written by a newer build of the app.
    FromTheFuture(u64),
    /// Older than any version this build knows.
    TooOld(u64),
    /// The right version, but the shape or types are wrong.
    Invalid(String),
}

impl std::fmt::Display for MigrateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MigrateError::NotJson(e) => write!(f, "not JSON: {e}"),
            MigrateError::NoVersion => write!(f, "no version number"),
            MigrateError::FromTheFuture(v) => {
                write!(f, "version {v} is newer than this app ({VERSION})")
            }
            MigrateError::TooOld(v) => write!(f, "version {v} is older than {MIN_VERSION}"),
            MigrateError::Invalid(e) => write!(f, "not valid progress: {e}"),
        }
    }
}

/// Reads stored progress of any supported version. Returns the record at
/// [`VERSION`] and the version it was stored at.
pub fn migrate(text: &str) -> Result<(Progress, u32), MigrateError> {
    let mut value: Value =
        serde_json::from_str(text).map_err(|e| MigrateError::NotJson(e.to_string()))?;
    let stored = value
        .get("version")
        .and_then(Value::as_u64)
        .ok_or(MigrateError::NoVersion)?;
    if stored > u64::from(VERSION) {
        return Err(MigrateError::FromTheFuture(stored));
    }
    if stored < u64::from(MIN_VERSION) {
        return Err(MigrateError::TooOld(stored));
    }
    if stored < 2 {
        value = v1_to_v2(value)?;
    }
    let progress: Progress =
        serde_json::from_value(value).map_err(|e| MigrateError::Invalid(e.to_string()))?;
    Ok((progress, stored as u32))
}

/// Version 1 → 2: history entries gain `started_ms` (finish minus
/// duration); `cards`, `review` and `learner` start empty, since version 1
/// kept no review state.
fn v1_to_v2(mut value: Value) -> Result<Value, MigrateError> {
    let invalid = |what: &str| MigrateError::Invalid(format!("version 1: {what}"));
    let root = value
        .as_object_mut()
        .ok_or_else(|| invalid("not an object"))?;
    if let Some(courses) = root.get_mut("courses") {
        let courses = courses.as_object_mut().ok_or_else(|| invalid("courses"))?;
        for record in courses.values_mut() {
            let Some(history) = record.get_mut("history").and_then(Value::as_array_mut) else {
                continue;
            };
            for entry in history {
                let entry = entry
                    .as_object_mut()
                    .ok_or_else(|| invalid("history entry"))?;
                let at = entry.get("at_ms").and_then(Value::as_u64).unwrap_or(0);
                let took = entry
                    .get("duration_ms")
                    .and_then(Value::as_u64)
                    .unwrap_or(0);
                entry.insert("started_ms".into(), Value::from(at.saturating_sub(took)));
            }
        }
    }
    root.insert("version".into(), Value::from(2));
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_it_cannot_read_with_a_reason() {
        assert!(matches!(
            migrate("{\"version\": 2, \"cour"),
            Err(MigrateError::NotJson(_))
        ));
        assert_eq!(migrate("{}"), Err(MigrateError::NoVersion));
        assert_eq!(
            migrate("{\"version\": \"2\"}"),
            Err(MigrateError::NoVersion)
        );
        assert_eq!(
            migrate("{\"version\": 99}"),
            Err(MigrateError::FromTheFuture(99))
        );
        assert_eq!(migrate("{\"version\": 0}"), Err(MigrateError::TooOld(0)));
        assert!(matches!(
            migrate("{\"version\": 2, \"courses\": []}"),
            Err(MigrateError::Invalid(_))
        ));
        assert!(matches!(migrate("[1, 2]"), Err(MigrateError::NoVersion)));
    }

    #[test]
    fn the_current_version_is_pinned() {
        // Changing the schema means a new ladder step, a fixture and this number.
        assert_eq!(VERSION, 2);
        let (p, from) = migrate(&serde_json::to_string(&Progress::new()).unwrap()).unwrap();
        assert_eq!((p, from), (Progress::new(), 2));
    }
}
