//! The app's screens as hash URLs (`#/course/harassment-prevention`), so deep
//! links and the back button work on any static host, from a sub-folder or
//! from `file://`, without server rewrite rules.

/// One screen of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// The course list.
    Home,
    /// A course's overview page.
    Course(String),
    /// The attempt in progress for a course.
    Attempt(String),
    /// The results of the latest finished attempt of a course.
    Results(String),
    /// The certificate (修了証) of a passed course.
    Certificate(String),
    /// Today's review across all courses.
    Review,
    /// Name, language, export, import, backups and reset.
    Settings,
    /// Trainer tools: preview a file, convert GIFT/Aiken, combine results.
    Trainer,
    /// The trainer's form editor: a course written or changed in a form.
    Editor,
    /// A hash that names no screen; shown as "not found" with a way home.
    NotFound(String),
}

impl Route {
    /// Reads a `location.hash` value (with or without the leading `#`).
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let id_ok = |id: &str| crate::model::is_id_text(id);
        match parts.as_slice() {
            [] => Route::Home,
            ["course", id] if id_ok(id) => Route::Course((*id).to_owned()),
            ["course", id, "attempt"] if id_ok(id) => Route::Attempt((*id).to_owned()),
            ["course", id, "results"] if id_ok(id) => Route::Results((*id).to_owned()),
            ["course", id, "certificate"] if id_ok(id) => Route::Certificate((*id).to_owned()),
            ["review"] => Route::Review,
            ["settings"] => Route::Settings,
            ["trainer"] => Route::Trainer,
            ["trainer", "editor"] => Route::Editor,
            _ => Route::NotFound(path.to_owned()),
        }
    }

    /// The hash for this screen, e.g. `#/course/x/attempt`.
    pub fn href(&self) -> String {
        match self {
            Route::Home => "#/".to_owned(),
            Route::Course(id) => format!("#/course/{id}"),
            Route::Attempt(id) => format!("#/course/{id}/attempt"),
            Route::Results(id) => format!("#/course/{id}/results"),
            Route::Certificate(id) => format!("#/course/{id}/certificate"),
            Route::Review => "#/review".to_owned(),
            Route::Settings => "#/settings".to_owned(),
            Route::Trainer => "#/trainer".to_owned(),
            Route::Editor => "#/trainer/editor".to_owned(),
            Route::NotFound(path) => format!("#/{path}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_unknown_paths() {
        for r in [
            Route::Home,
            Route::Course("a-1".into()),
            Route::Attempt("a-1".into()),
            Route::Results("a-1".into()),
            Route::Certificate("a-1".into()),
            Route::Review,
            Route::Settings,
            Route::Trainer,
            Route::Editor,
        ] {
            assert_eq!(Route::parse(&r.href()), r);
        }
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("#"), Route::Home);
        assert_eq!(
            Route::parse("#/course/<script>"),
            Route::NotFound("course/<script>".into())
        );
        assert_eq!(Route::parse("#/nope"), Route::NotFound("nope".into()));
    }
}
