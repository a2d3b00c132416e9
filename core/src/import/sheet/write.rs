//! Writing a workbook of cells as an `.xlsx` file (with `rust_xlsxwriter`):
//! the template, or a course exported to it. Text is always written as a
//! text cell, so a choice that starts with `=` never becomes a formula.

use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatAlign, Workbook as XlsxBook, XlsxError};

use super::{COURSE_SHEET, Cell, GUIDE_SHEET, QUESTION_SHEET, Workbook};

/// Column widths (in characters) per sheet: long text columns are wide.
fn width(sheet: &str, col: usize) -> f64 {
    match (sheet, col) {
        (QUESTION_SHEET, 0 | 1) => 14.0,
        (QUESTION_SHEET, 2 | 3 | 11) => 40.0,
        (QUESTION_SHEET, 4..=9 | 12..=18) => 24.0,
        (QUESTION_SHEET, _) => 10.0,
        (COURSE_SHEET, 0) => 16.0,
        (COURSE_SHEET, 1) => 40.0,
        (COURSE_SHEET, _) => 60.0,
        (GUIDE_SHEET, 0) => 26.0,
        (GUIDE_SHEET, 1) => 18.0,
        (GUIDE_SHEET, _) => 90.0,
        _ => 16.0,
    }
}

/// The workbook as the bytes of an `.xlsx` file.
pub fn xlsx(book: &Workbook) -> Result<Vec<u8>, XlsxError> {
    let mut out = XlsxBook::new();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0x00DD_EBF7))
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let date = Format::new()
        .set_num_format("yyyy/mm/dd")
        .set_align(FormatAlign::Top);
    let number = Format::new().set_align(FormatAlign::Top);
    for sheet in &book.sheets {
        let ws = out.add_worksheet();
        ws.set_name(&sheet.name)?;
        let columns = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
        for col in 0..columns {
            ws.set_column_width(col_num(col), width(&sheet.name, col))?;
        }
        ws.set_freeze_panes(1, 0)?;
        for (r, row) in sheet.rows.iter().enumerate() {
            let rn = u32::try_from(r).unwrap_or(u32::MAX);
            for (c, cell) in row.iter().enumerate() {
                let cn = col_num(c);
                let text_format = if r == 0 { &header } else { &wrap };
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) | Cell::Error(t) => {
                        ws.write_string_with_format(rn, cn, t, text_format)?;
                    }
                    Cell::Number(n) => {
                        ws.write_number_with_format(rn, cn, *n, &number)?;
                    }
                    Cell::Bool(b) => {
                        ws.write_boolean(rn, cn, *b)?;
                    }
                    Cell::Date(d) => {
                        let dt = ExcelDateTime::from_ymd(d.year(), d.month(), d.day())?;
                        ws.write_datetime_with_format(rn, cn, &dt, &date)?;
                    }
                }
            }
        }
    }
    out.save_to_buffer()
}

fn col_num(col: usize) -> u16 {
    u16::try_from(col).unwrap_or(u16::MAX)
}
