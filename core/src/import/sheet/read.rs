//! Reading a workbook's cells from the bytes Excel saves: `.xlsx` (with
//! `calamine`: formulas give their cached value, never evaluated) and
//! `.csv` (UTF-8 with or without BOM, or Shift_JIS, which Japanese Excel
//! writes by default).

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::{Cell, Sheet, SheetProblem, Workbook};
use crate::date::Date;

/// The cells of every sheet of an `.xlsx` file.
pub fn xlsx(bytes: &[u8]) -> Result<Workbook, SheetProblem> {
    let unreadable = |e: calamine::XlsxError| SheetProblem::Unreadable {
        reason: e.to_string(),
    };
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut book = Workbook::default();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name).map_err(unreadable)?;
        let mut sheet = Sheet {
            name: name.clone(),
            rows: Vec::new(),
        };
        // The used range need not start at A1: place cells by their
        // absolute position, as Excel numbers them.
        let (top, left) = range.start().unwrap_or((0, 0));
        for (r, row) in range.rows().enumerate() {
            for (c, data) in row.iter().enumerate() {
                let cell = cell_of(data);
                if cell != Cell::Empty {
                    let at_row = r + top as usize;
                    let at_col = c + left as usize;
                    sheet.set(at_row, at_col, cell);
                }
            }
        }
        book.sheets.push(sheet);
    }
    Ok(book)
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            Date::new(y, m, d).map_or(Cell::Number(dt.as_f64()), Cell::Date)
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(Date::parse)
            .map_or_else(|| Cell::Text(s.clone()), Cell::Date),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// Text from CSV bytes: UTF-8 (a BOM is dropped) when they are valid
/// UTF-8, else Shift_JIS (Windows-31J, as Excel writes it).
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::SHIFT_JIS.decode(bytes).0.into_owned(),
    }
}

/// One sheet from a `.csv` file, named `name` (Excel names it after the
/// file): the bytes decoded ([`decode`]), then [`super::csv_text`].
pub fn csv(name: &str, bytes: &[u8]) -> Workbook {
    super::csv_text(name, &decode(bytes))
}

/// Several CSV files (one per sheet, as Excel saves them) as one workbook.
pub fn csv_files(files: &[(String, Vec<u8>)]) -> Workbook {
    Workbook {
        sheets: files
            .iter()
            .flat_map(|(name, bytes)| csv(name, bytes).sheets)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_keeps_row_numbers_across_line_breaks_and_blank_records() {
        let book = csv("問題", "a,\"b\nc\"\r\n\r\n\"x\"\"y\",2\r\n".as_bytes());
        let rows = &book.sheets[0].rows;
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[0],
            vec![Cell::Text("a".into()), Cell::Text("b\nc".into())]
        );
        assert_eq!(rows[1], vec![Cell::Empty]);
        assert_eq!(
            rows[2],
            vec![Cell::Text("x\"y".into()), Cell::Text("2".into())]
        );
    }

    #[test]
    fn csv_in_shift_jis_and_with_a_bom() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("正解,２\r\n");
        assert_eq!(decode(&sjis), "正解,２\r\n");
        assert_eq!(decode("\u{feff}正解".as_bytes()), "正解");
    }
}
