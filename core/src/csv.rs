//! The one CSV reader and writer of the core (RFC 4180), shared by the
//! results file, the roster and the trainer's status table. Every text
//! cell written goes through [`text`], so no cell reaches a spreadsheet
//! as a formula.

/// The byte order mark that makes Excel read UTF-8 (and that Excel and
/// other tools put before UTF-8 text they write).
pub(crate) const BOM: char = '\u{feff}';

/// First characters that make Excel (and other spreadsheets) read a cell
/// as a formula: OWASP's "CSV injection" list.
pub(crate) const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One text cell. A cell that a spreadsheet would run as a formula gets a
/// leading `'`, so Excel shows it as text; a cell that already starts with
/// `'` gets one too, so [`untext`] can always take exactly one off.
pub(crate) fn text(text: &str) -> String {
    let neutralised = if text.starts_with(FORMULA_TRIGGERS) || text.starts_with('\'') {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    quote(&neutralised)
}

/// Quotes a field when it holds a comma, a quote or a line break.
pub(crate) fn quote(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// Takes off the `'` that [`text`] put before a text cell.
pub(crate) fn untext(field: &str) -> String {
    field.strip_prefix('\'').unwrap_or(field).to_owned()
}

/// Appends one record, fields already quoted, with Excel's line ending.
pub(crate) fn push_record(out: &mut String, fields: &[String]) {
    out.push_str(&fields.join(","));
    out.push_str("\r\n");
}

/// CSV text split into records.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Records {
    /// Each record's fields with the 1-based line it starts on. Records
    /// with no text at all are skipped.
    pub rows: Vec<(usize, Vec<String>)>,
    /// The line of a quoted field still open at the end of the text: the
    /// reader took everything after it as that one field.
    pub unclosed_quote: Option<usize>,
}

/// Splits CSV text into records of fields (RFC 4180: quoted fields may
/// hold commas, quotes and line breaks), each with its 1-based line.
/// A leading BOM is not part of the first field.
pub(crate) fn records(text: &str) -> Records {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let mut rows = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut quote_line = 1;
    let mut line = 1;
    let mut record_line = 1;
    let mut chars = text.chars().peekable();
    let mut end_record = |fields: &mut Vec<String>, field: &mut String, at: usize| {
        fields.push(std::mem::take(field));
        if fields.iter().any(|f| !f.trim().is_empty()) {
            rows.push((at, std::mem::take(fields)));
        }
        fields.clear();
    };
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => {
                quoted = !quoted;
                quote_line = line;
            }
            (',', false) => fields.push(std::mem::take(&mut field)),
            ('\r' | '\n', false) => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                end_record(&mut fields, &mut field, record_line);
                line += 1;
                record_line = line;
            }
            (c, _) => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
        }
    }
    end_record(&mut fields, &mut field, record_line);
    Records {
        rows,
        unclosed_quote: quoted.then_some(quote_line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_keep_commas_quotes_and_line_breaks() {
        let r = records("\u{feff}a,\"b,\"\"c\"\"\r\nd\"\r\n\r\n,\r\ne,f");
        assert_eq!(
            r.rows,
            [
                (1, vec!["a".to_owned(), "b,\"c\"\r\nd".to_owned()]),
                (5, vec!["e".to_owned(), "f".to_owned()]),
            ]
        );
        assert_eq!(r.unclosed_quote, None);
        assert_eq!(records("a\nb,\"open\nrest").unclosed_quote, Some(2));
    }

    #[test]
    fn written_cells_read_back() {
        for cell in [
            "plain",
            "a,b",
            "say \"hi\"",
            "=1+2",
            "'quoted",
            "two\nlines",
        ] {
            let r = records(&text(cell));
            let got = r
                .rows
                .first()
                .and_then(|(_, f)| f.first())
                .map(|f| untext(f));
            assert_eq!(got.as_deref(), Some(cell));
        }
    }
}
