//! A deployment's reporting settings ([`Config`]): where the LRS is, how a
//! learner is named to it (from the 職員番号 they set) and how the app
//! signs in.

use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::progress::Learner;

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
    /// Reads and checks a deployment's settings ([`crate::lms::settings::check`],
    /// as `quizcheck reporting` does). The error says every problem.
    pub fn parse(json: &str) -> Result<Config, String> {
        crate::lms::settings::check(json).map_err(|problems| problems.join("; "))
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
pub(super) fn origin(url: &str) -> Option<&str> {
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

#[cfg(test)]
mod tests {
    use super::super::fixtures::{BASE, config, course, learner, take};
    use super::super::with_actor;
    use super::*;

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
}
