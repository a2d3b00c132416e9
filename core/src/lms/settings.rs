//! A deployment's reporting settings (`reporting.json`) checked, once, for
//! both places that read them: `quizcheck reporting`, which
//! `scripts/configure-reporting.mjs` runs before it writes them into the
//! page, and the app, which reads them from the page ([`Config::parse`]).
//! So what the script accepts, the app accepts.
//!
//! Every problem is found and said in plain words, not just the first:
//! unknown keys at every level (a misspelt `activity_base` would otherwise
//! be silently ignored), an `endpoint` that is not an http(s) URL the
//! page's Content-Security-Policy can name, an `activity_base` or
//! `identity.home_page` that is not an absolute IRI, an mbox `domain` that
//! is not a mail domain, a Basic account without a user name or password.

use serde_json::{Map, Value};

use super::xapi::Config;

const TOP: &[&str] = &["endpoint", "activity_base", "identity", "auth"];

/// Reads and checks a deployment's settings: the [`Config`], or every
/// problem found, each a sentence naming the field.
pub fn check(json: &str) -> Result<Config, Vec<String>> {
    let value: Value = serde_json::from_str(json)
        .map_err(|e| vec![format!("the settings are not valid JSON: {e}")])?;
    let Some(top) = value.as_object() else {
        return Err(vec![
            "the settings must be a JSON object: { \"endpoint\": …, \"identity\": … }".to_owned(),
        ]);
    };
    let mut problems = Vec::new();
    unknown_keys(top, "", TOP, &mut problems);
    match text(top, "", "endpoint", &mut problems) {
        Some(Some(endpoint)) => check_endpoint(endpoint, &mut problems),
        Some(None) => problems.push("endpoint is missing (the LRS's xAPI address)".to_owned()),
        None => {}
    }
    if let Some(Some(base)) = text(top, "", "activity_base", &mut problems) {
        check_iri("activity_base", base, true, &mut problems);
    }
    check_identity(top.get("identity"), &mut problems);
    check_auth(top.get("auth"), &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    // The walk above found nothing; serde reads the same text into the type
    // the app uses, and still refuses what the walk cannot see (a key given
    // twice).
    let mut config: Config = serde_json::from_str(json).map_err(|e| vec![e.to_string()])?;
    if !config.endpoint.ends_with('/') {
        config.endpoint.push('/');
    }
    Ok(config)
}

/// What a deployer should know about settings that are valid: credentials
/// the page carries, and an endpoint reached without encryption.
pub fn warnings(config: &Config) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(origin) = config.origin()
        && let Some(authority) = origin.strip_prefix("http://")
    {
        let host = match authority.find(']') {
            Some(end) => authority.get(..=end).unwrap_or_default(),
            None => authority.split(':').next().unwrap_or_default(),
        };
        if !matches!(host, "127.0.0.1" | "localhost" | "[::1]") {
            out.push(format!(
                "the endpoint is http://, so statements and credentials travel unencrypted: {}",
                config.endpoint
            ));
        }
    }
    if matches!(config.auth, super::xapi::Auth::Basic { .. }) {
        out.push(
            "anyone who can open this site can read the auth credentials: use an account that may only write statements"
                .to_owned(),
        );
    }
    out
}

/// Keys of `object` that are not `known`, each a problem.
fn unknown_keys(object: &Map<String, Value>, at: &str, known: &[&str], problems: &mut Vec<String>) {
    for key in object.keys() {
        if !known.contains(&key.as_str()) {
            problems.push(format!(
                "{at}{key:?} is not a known field{} (known: {})",
                if at.is_empty() {
                    String::new()
                } else {
                    format!(" of {}", at.trim_end_matches('.'))
                },
                known.join(", ")
            ));
        }
    }
}

/// The string at `key`: `Some(None)` when absent or null, `None` (and a
/// problem) when it is not a string.
fn text<'a>(
    object: &'a Map<String, Value>,
    at: &str,
    key: &str,
    problems: &mut Vec<String>,
) -> Option<Option<&'a str>> {
    match object.get(key) {
        None | Some(Value::Null) => Some(None),
        Some(Value::String(s)) => Some(Some(s)),
        Some(other) => {
            problems.push(format!("{at}{key} must be a string, not {other}"));
            None
        }
    }
}

/// The object at `name` and its `kind`, or a problem.
fn kind_of<'a>(
    value: &'a Value,
    name: &str,
    kinds: &[&str],
    problems: &mut Vec<String>,
) -> Option<(&'a Map<String, Value>, &'a str)> {
    let Some(object) = value.as_object() else {
        problems.push(format!(
            "{name} must be an object with a \"kind\" ({})",
            kinds.join(" or ")
        ));
        return None;
    };
    match object.get("kind").and_then(Value::as_str) {
        Some(kind) if kinds.contains(&kind) => Some((object, kind)),
        Some(kind) => {
            problems.push(format!(
                "{name}.kind must be {}, not {kind:?}",
                kinds.join(" or ")
            ));
            None
        }
        None => {
            problems.push(format!(
                "{name}.kind is missing or not a string ({})",
                kinds.join(" or ")
            ));
            None
        }
    }
}

fn check_identity(identity: Option<&Value>, problems: &mut Vec<String>) {
    let Some(identity) = identity else {
        problems.push(
            "identity is missing: { \"kind\": \"account\", \"home_page\": … } or { \"kind\": \"mbox\", \"domain\": … }"
                .to_owned(),
        );
        return;
    };
    let Some((object, kind)) = kind_of(identity, "identity", &["account", "mbox"], problems) else {
        return;
    };
    let field = if kind == "account" {
        "home_page"
    } else {
        "domain"
    };
    unknown_keys(object, "identity.", &["kind", field], problems);
    match text(object, "identity.", field, problems) {
        Some(Some(value)) if kind == "account" => {
            check_iri("identity.home_page", value, false, problems)
        }
        Some(Some(value)) => check_domain(value, problems),
        Some(None) => problems.push(format!(
            "identity.{field} is missing (kind {kind:?} needs it)"
        )),
        None => {}
    }
}

fn check_auth(auth: Option<&Value>, problems: &mut Vec<String>) {
    let Some(auth) = auth else {
        return;
    };
    let Some((object, kind)) = kind_of(auth, "auth", &["basic", "none"], problems) else {
        return;
    };
    if kind == "none" {
        unknown_keys(object, "auth.", &["kind"], problems);
        return;
    }
    unknown_keys(object, "auth.", &["kind", "username", "password"], problems);
    for field in ["username", "password"] {
        match text(object, "auth.", field, problems) {
            Some(Some("")) | Some(None) => problems.push(format!(
                "auth.{field} is missing or empty (kind \"basic\" needs it)"
            )),
            Some(Some(value)) => {
                // RFC 7617: neither may hold a control character, and the
                // user name ends at the first colon.
                if value.chars().any(char::is_control) {
                    problems.push(format!("auth.{field} holds a control character"));
                }
                if field == "username" && value.contains(':') {
                    problems.push("auth.username must not contain a colon (\":\")".to_owned());
                }
            }
            None => {}
        }
    }
}

/// An http(s) URL whose origin the CSP can name and to which `statements`
/// can be appended: no credentials, query or fragment; a host in ASCII.
fn check_endpoint(endpoint: &str, problems: &mut Vec<String>) {
    let say = |problems: &mut Vec<String>, why: &str| {
        problems.push(format!("endpoint {why}: {endpoint:?}"));
    };
    let Some(rest) = endpoint
        .strip_prefix("https://")
        .or_else(|| endpoint.strip_prefix("http://"))
    else {
        return say(
            problems,
            "must start with https:// (or http:// on a closed network)",
        );
    };
    if endpoint
        .chars()
        .any(|c| c.is_whitespace() || c.is_control())
    {
        return say(problems, "must not contain spaces or control characters");
    }
    if endpoint.contains(['?', '#']) {
        return say(
            problems,
            "must not have a query (?) or fragment (#): statements go to <endpoint>statements",
        );
    }
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    if authority.contains('@') {
        return say(
            problems,
            "must not carry a user name or password (put them in auth)",
        );
    }
    let (host, port) = if authority.starts_with('[') {
        let end = authority.find(']').map_or(authority.len(), |i| i + 1);
        let (host, after) = authority.split_at(end);
        let address = host.trim_start_matches('[').trim_end_matches(']');
        let port = match after {
            "" => None,
            after => after.strip_prefix(':').or(Some("")),
        };
        if !host.ends_with(']')
            || address.is_empty()
            || !address
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        {
            return say(problems, "has a malformed IPv6 address");
        }
        (host, port)
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        return say(problems, "has no host");
    }
    if !host.starts_with('[') && !is_host_name(host) {
        return say(
            problems,
            "has a host that is not a plain host name (letters, digits, '-' and '.'; write an international name in its ASCII xn-- form)",
        );
    }
    if let Some(port) = port
        && !(!port.is_empty()
            && port.chars().all(|c| c.is_ascii_digit())
            && port.parse::<u16>().is_ok_and(|p| p > 0))
    {
        return say(problems, "has a port that is not a number from 1 to 65535");
    }
    if let Some(bad) = bad_url_char(path) {
        say(
            problems,
            &format!("has {bad:?} in its path (percent-encode it)"),
        );
    }
}

/// Letters, digits and hyphens in dot-separated labels of 1 to 63.
fn is_host_name(host: &str) -> bool {
    host.len() <= 253
        && host.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

/// The first character a URL path may not hold, or a `%` not followed by
/// two hex digits.
fn bad_url_char(path: &str) -> Option<char> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/%".contains(c);
    if let Some(c) = path.chars().find(|&c| !allowed(c)) {
        return Some(c);
    }
    bad_percent(path).then_some('%')
}

fn bad_percent(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b'%'
            && !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    })
}

/// An absolute IRI (RFC 3987): a scheme, then something; no space, control
/// character or character IRIs exclude (`<>"{}|\^` and backquote); an
/// http(s) IRI has a host. A `base` (ids are made by appending to it) has no
/// query or fragment.
fn check_iri(name: &str, iri: &str, base: bool, problems: &mut Vec<String>) {
    let say = |problems: &mut Vec<String>, why: &str| {
        problems.push(format!("{name} {why}: {iri:?}"));
    };
    let scheme = iri.split_once(':').map(|(s, _)| s).filter(|s| {
        s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    let Some(scheme) = scheme else {
        return say(
            problems,
            "is not an absolute IRI (it needs a scheme, e.g. https://…)",
        );
    };
    let rest = iri.get(scheme.len() + 1..).unwrap_or_default();
    if rest.is_empty() {
        return say(problems, "has nothing after its scheme");
    }
    if let Some(c) = iri
        .chars()
        .find(|&c| c.is_whitespace() || c.is_control() || "<>\"{}|\\^`".contains(c))
    {
        return say(problems, &format!("is not an IRI: it holds {c:?}"));
    }
    if bad_percent(iri) {
        return say(problems, "has a % not followed by two hex digits");
    }
    if matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
        let host = rest
            .strip_prefix("//")
            .map(|r| r.split(['/', '?', '#']).next().unwrap_or_default());
        if host.is_none_or(str::is_empty) {
            return say(problems, "has no host (https://host/…)");
        }
    }
    if base && iri.contains(['?', '#']) {
        say(
            problems,
            "must not have a query (?) or fragment (#): activity ids are made by appending to it",
        );
    }
}

/// A mail domain: host-name labels, at most 253 characters.
fn check_domain(domain: &str, problems: &mut Vec<String>) {
    if !is_host_name(domain) {
        problems.push(format!(
            "identity.domain is not a mail domain (letters, digits, '-' and '.', e.g. city.example.lg.jp; no @): {domain:?}"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lms::xapi::{Auth, Identity};

    const GOOD: &str = r#"{
        "endpoint": "https://lrs.example.lg.jp:8443/xAPI",
        "activity_base": "https://kenshu.example.lg.jp/",
        "identity": {"kind": "account", "home_page": "https://staff.example.lg.jp/"},
        "auth": {"kind": "basic", "username": "kenshu-writer", "password": "kenshu$$2026$'x"}
    }"#;

    fn problems(json: &str) -> Vec<String> {
        check(json).expect_err(json)
    }

    #[test]
    fn good_settings_are_read_whole_and_every_password_byte_kept() {
        let config = check(GOOD).expect("valid");
        assert_eq!(config.endpoint, "https://lrs.example.lg.jp:8443/xAPI/");
        assert_eq!(config.origin(), Some("https://lrs.example.lg.jp:8443"));
        assert_eq!(
            config.auth,
            Auth::Basic {
                username: "kenshu-writer".into(),
                password: "kenshu$$2026$'x".into()
            }
        );
        for json in [
            r#"{"endpoint": "http://127.0.0.1:8100/xAPI/", "identity": {"kind": "mbox", "domain": "city.example.lg.jp"}}"#,
            r#"{"endpoint": "https://[::1]:8100/", "identity": {"kind": "mbox", "domain": "localhost"}, "auth": {"kind": "none"}}"#,
            r#"{"endpoint": "https://lrs/", "identity": {"kind": "account", "home_page": "urn:city:staff"}, "activity_base": "tag:example.lg.jp,2026:kenshu/"}"#,
            r#"{"endpoint": "https://lrs/x%20y/", "identity": {"kind": "account", "home_page": "https://職員.example.lg.jp/ポータル"}}"#,
            r#"{"endpoint": "https://lrs/", "identity": {"kind": "mbox", "domain": "d"}, "auth": {"kind": "basic", "username": "u", "password": "$&$'$`</script>\u2028"}}"#,
        ] {
            assert!(check(json).is_ok(), "{json}: {:?}", check(json));
        }
        assert_eq!(
            check(
                r#"{"endpoint": "https://[::1]:8100", "identity": {"kind": "mbox", "domain": "d"}}"#
            )
            .unwrap()
            .origin(),
            Some("https://[::1]:8100")
        );
    }

    #[test]
    fn the_app_reads_settings_through_the_same_check() {
        assert_eq!(Config::parse(GOOD), check(GOOD).map_err(|p| p.join("; ")));
        let both = Config::parse(
            r#"{"endpoint": "ftp://x/", "identity": {"kind": "mbox", "domain": "a@b"}}"#,
        )
        .unwrap_err();
        assert!(
            both.contains("endpoint") && both.contains("identity.domain"),
            "{both}"
        );
    }

    #[test]
    fn unknown_keys_are_refused_at_every_level() {
        let at = |json: &str| problems(json).join("\n");
        assert!(at(r#"{"endpoint": "https://x/", "identity": {"kind": "mbox", "domain": "d"}, "activity_bsae": "https://k/"}"#)
            .contains("\"activity_bsae\" is not a known field (known: endpoint, activity_base, identity, auth)"));
        assert!(at(r#"{"endpoint": "https://x/", "identity": {"kind": "mbox", "domain": "d", "home_page": "https://s/"}}"#)
            .contains("identity.\"home_page\" is not a known field of identity"));
        assert!(at(r#"{"endpoint": "https://x/", "identity": {"kind": "mbox", "domain": "d"}, "auth": {"kind": "none", "password": "p"}}"#)
            .contains("auth.\"password\" is not a known field of auth"));
        assert!(at(r#"{"endpoint": "https://x/", "identity": {"kind": "mbox", "domain": "d"}, "auth": {"kind": "basic", "username": "u", "password": "p", "realm": "r"}}"#)
            .contains("auth.\"realm\""));
    }

    #[test]
    fn every_problem_is_said_not_just_the_first() {
        let all = problems(
            r#"{"endpoint": "lrs.example.lg.jp", "activity_base": "kenshu", "identity": {"kind": "account", "home_page": "staff portal"},
                "auth": {"kind": "basic", "username": "a:b"}, "extra": 1}"#,
        );
        assert_eq!(all.len(), 6, "{all:#?}");
        for field in [
            "endpoint",
            "activity_base",
            "identity.home_page",
            "auth.username",
            "auth.password",
            "\"extra\"",
        ] {
            assert!(
                all.iter().any(|p| p.starts_with(field)),
                "{field}: {all:#?}"
            );
        }
    }

    #[test]
    fn each_field_is_checked() {
        let mbox = |endpoint: &str| {
            format!(
                r#"{{"endpoint": {endpoint:?}, "identity": {{"kind": "mbox", "domain": "d"}}}}"#
            )
        };
        for (endpoint, why) in [
            ("ftp://x/", "must start with https://"),
            ("HTTPS://x/", "must start with https://"),
            ("https:///x", "has no host"),
            ("https://", "has no host"),
            ("https://x/?a=1", "query"),
            ("https://x/#f", "query"),
            ("https://user:pw@x/", "user name or password"),
            ("https://x y/", "spaces"),
            ("https://x:0/", "port"),
            ("https://x:70000/", "port"),
            ("https://x:8a/", "port"),
            ("https://ex;ample/", "plain host name"),
            ("https://例え.jp/", "xn--"),
            ("https://-x.jp/", "plain host name"),
            ("https://[zz]/", "IPv6"),
            ("https://x/a\"b/", "path"),
            ("https://x/%zz/", "path"),
        ] {
            let said = problems(&mbox(endpoint)).join("\n");
            assert!(said.contains(why), "{endpoint}: {said}");
        }
        let account = |home: &str| {
            format!(
                r#"{{"endpoint": "https://x/", "identity": {{"kind": "account", "home_page": {home:?}}}}}"#
            )
        };
        for (home, why) in [
            ("staff", "absolute IRI"),
            ("1http://x/", "absolute IRI"),
            ("https:", "nothing after"),
            ("https://", "no host"),
            ("https:staff", "no host"),
            ("https://s/a b", "holds ' '"),
            ("https://s/<x>", "holds '<'"),
            ("https://s/%g0", "hex"),
            ("", "absolute IRI"),
        ] {
            let said = problems(&account(home)).join("\n");
            assert!(
                said.starts_with("identity.home_page") && said.contains(why),
                "{home}: {said}"
            );
        }
        // A home page may have a query; a base may not (ids are appended).
        assert!(check(&account("https://s/?org=1")).is_ok());
        let base = |b: &str| {
            format!(
                r#"{{"endpoint": "https://x/", "activity_base": {b:?}, "identity": {{"kind": "mbox", "domain": "d"}}}}"#
            )
        };
        assert!(
            problems(&base("https://k/?x"))
                .join("")
                .contains("appending")
        );
        assert!(
            problems(&base("https://k/#x"))
                .join("")
                .contains("appending")
        );
        assert!(
            problems(&base("/kenshu/"))
                .join("")
                .contains("absolute IRI")
        );
        let domain = |d: &str| {
            format!(
                r#"{{"endpoint": "https://x/", "identity": {{"kind": "mbox", "domain": {d:?}}}}}"#
            )
        };
        for d in [
            "a@b.jp",
            "",
            " city.jp",
            "city..jp",
            "city.jp.",
            "市役所.jp",
            "-city.jp",
        ] {
            assert!(
                problems(&domain(d))
                    .join("")
                    .contains("identity.domain is not a mail domain"),
                "{d}"
            );
        }
        assert_eq!(
            check(&domain("city.example.lg.jp")).unwrap().identity,
            Identity::Mbox {
                domain: "city.example.lg.jp".into()
            }
        );
        let basic = |u: &str, p: &str| {
            format!(
                r#"{{"endpoint": "https://x/", "identity": {{"kind": "mbox", "domain": "d"}}, "auth": {{"kind": "basic", "username": {u:?}, "password": {p:?}}}}}"#
            )
        };
        assert!(
            problems(&basic("", "p"))
                .join("")
                .contains("auth.username is missing or empty")
        );
        assert!(
            problems(&basic("u", ""))
                .join("")
                .contains("auth.password is missing or empty")
        );
        assert!(
            problems(&basic("u", "a\nb"))
                .join("")
                .contains("control character")
        );
        assert!(problems(&basic("u:v", "p")).join("").contains("colon"));
    }

    #[test]
    fn shapes_and_types_are_said() {
        for (json, why) in [
            ("", "not valid JSON"),
            ("[]", "JSON object"),
            (
                r#"{"identity": {"kind": "mbox", "domain": "d"}}"#,
                "endpoint is missing",
            ),
            (
                r#"{"endpoint": 1, "identity": {"kind": "mbox", "domain": "d"}}"#,
                "endpoint must be a string, not 1",
            ),
            (r#"{"endpoint": "https://x/"}"#, "identity is missing"),
            (
                r#"{"endpoint": "https://x/", "identity": "mbox"}"#,
                "identity must be an object",
            ),
            (
                r#"{"endpoint": "https://x/", "identity": {"domain": "d"}}"#,
                "identity.kind is missing",
            ),
            (
                r#"{"endpoint": "https://x/", "identity": {"kind": "email", "domain": "d"}}"#,
                "identity.kind must be account or mbox, not \"email\"",
            ),
            (
                r#"{"endpoint": "https://x/", "identity": {"kind": "account"}}"#,
                "identity.home_page is missing",
            ),
            (
                r#"{"endpoint": "https://x/", "identity": {"kind": "mbox", "domain": "d"}, "auth": {"kind": "oauth"}}"#,
                "auth.kind must be basic or none",
            ),
            (
                r#"{"endpoint": "https://x/", "identity": {"kind": "mbox", "domain": "d"}, "auth": {"kind": "basic", "username": "u", "password": 5}}"#,
                "auth.password must be a string",
            ),
            (
                r#"{"endpoint": "https://x/", "identity": {"kind": "mbox", "domain": "d"}, "auth": null}"#,
                "auth must be an object",
            ),
            // A key given twice: the walk sees the last, serde refuses it.
            (
                r#"{"endpoint": "https://x/", "endpoint": "https://y/", "identity": {"kind": "mbox", "domain": "d"}}"#,
                "duplicate field",
            ),
            (
                r#"{"endpoint": "https://x/", "identity": {"kind": "mbox", "domain": "d", "domain": "e"}}"#,
                "duplicate field",
            ),
        ] {
            let said = problems(json).join("\n");
            assert!(said.contains(why), "{json}: {said}");
        }
    }

    #[test]
    fn warnings_name_plain_http_and_readable_credentials() {
        assert_eq!(warnings(&check(GOOD).unwrap()).len(), 1);
        let plain = check(r#"{"endpoint": "http://lrs.example.lg.jp/", "identity": {"kind": "mbox", "domain": "d"}}"#).unwrap();
        assert!(warnings(&plain)[0].contains("unencrypted"));
        let local = check(r#"{"endpoint": "http://127.0.0.1:8100/", "identity": {"kind": "mbox", "domain": "d"}}"#).unwrap();
        assert!(warnings(&local).is_empty());
    }
}
