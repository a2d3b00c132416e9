//! The choice response of an `answered` statement: the marked choices'
//! indexes as xAPI's `c0[,]c2`, written and read back.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responses_are_choice_ids_joined_by_the_xapi_separator() {
        assert_eq!(response(&[0, 2]), "c0[,]c2");
        assert_eq!(parse_response("c0[,]c2"), Some(vec![0, 2]));
        assert_eq!(parse_response("a[,]c"), None);
    }
}
