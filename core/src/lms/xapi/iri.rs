//! Activity ids: a course's or a question's IRI under the activity base,
//! written when statements are made and read back from an LRS's answers,
//! with ids percent-encoded so any character survives.

pub(super) fn with_slash(base: &str) -> String {
    if base.ends_with('/') {
        base.to_owned()
    } else {
        format!("{base}/")
    }
}

/// Percent-encodes everything but unreserved characters, for an id in an IRI.
pub(super) fn encode(id: &str) -> String {
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

/// The activity IRI of course `id` under `activity_base`.
pub fn course_iri(activity_base: &str, id: &str) -> String {
    format!("{}courses/{}", with_slash(activity_base), encode(id))
}

/// Percent-decodes an id taken from an IRI written by [`encode`].
pub(super) fn decode(text: &str) -> Option<String> {
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

/// The course id and (for a question) the question id of an activity id
/// this app wrote: `…/courses/<course>[/questions/<question>]`.
pub(super) fn activity_ids(id: &str) -> Option<(String, Option<String>)> {
    let at = id.rfind("/courses/")?;
    let rest = id.get(at + "/courses/".len()..)?;
    match rest.split_once("/questions/") {
        Some((course, question)) => Some((decode(course)?, Some(decode(question)?))),
        None => Some((decode(rest)?, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::BASE;
    use super::*;

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
