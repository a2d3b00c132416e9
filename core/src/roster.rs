//! The staff roster the trainer exports from the personnel system: one row
//! per member of staff with 職員番号, 氏名 and 所属, as CSV text the app
//! has already decoded (Shift_JIS through the browser's `TextDecoder`, or
//! UTF-8 with or without a BOM).
//!
//! The first record is the header; columns are found by name (Japanese or
//! English), in any order, among any others. Every row that cannot be used
//! is reported with its line and the rest are kept, so one bad row never
//! hides the roster.

use crate::csv;
use crate::diagnostic::Lang;

/// One member of staff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterEntry {
    /// 職員番号 as written in the roster (trimmed).
    pub staff_number: String,
    /// 氏名 (trimmed).
    pub name: String,
    /// 所属 (trimmed; empty when the roster has no such column).
    pub department: String,
    /// The 1-based line the row starts on.
    pub line: usize,
}

/// A roster read: the usable rows and every problem, each with its line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RosterParse {
    /// The rows, in file order, with distinct staff numbers.
    pub entries: Vec<RosterEntry>,
    /// `(line, problem)`, in file order.
    pub problems: Vec<(usize, RosterProblem)>,
}

/// A column the roster is read by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// 職員番号 (`staff_number`).
    StaffNumber,
    /// 氏名 (`name`).
    Name,
    /// 所属 (`department`).
    Department,
}

impl Column {
    const ALL: [Column; 3] = [Column::StaffNumber, Column::Name, Column::Department];

    /// The header names this column is recognised by: Japanese, then
    /// English (compared ignoring ASCII case, with a space taken as `_`).
    fn names(self) -> [&'static str; 2] {
        match self {
            Column::StaffNumber => ["職員番号", "staff_number"],
            Column::Name => ["氏名", "name"],
            Column::Department => ["所属", "department"],
        }
    }

    fn is_named(self, header: &str) -> bool {
        let header = header.trim().to_ascii_lowercase().replace(' ', "_");
        self.names().contains(&header.as_str())
    }
}

/// Why a roster line was not used (or, for a missing column, why none
/// was).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RosterProblem {
    /// The text has no records at all.
    Empty,
    /// The header lacks a column. Without 職員番号 or 氏名 no row is read;
    /// without 所属 rows are read with an empty department.
    MissingColumn {
        /// The column.
        column: Column,
    },
    /// A row's staff number is empty; the row is skipped.
    EmptyStaffNumber,
    /// A row repeats an earlier row's staff number; this later row is
    /// skipped.
    DuplicateStaffNumber {
        /// The staff number as written on this line.
        staff_number: String,
        /// The line of the row that keeps it.
        first_line: usize,
    },
    /// A row has a different number of fields than the header; it is
    /// skipped.
    WrongFieldCount {
        /// The header's field count.
        expected: usize,
        /// This row's.
        found: usize,
    },
    /// A quoted field opened on this line is never closed: everything
    /// after it was read as one field.
    UnclosedQuote,
}

impl RosterProblem {
    /// The problem in words a trainer can act on.
    pub fn render(&self, lang: Lang) -> String {
        use RosterProblem::*;
        let ja = lang == Lang::Ja;
        match self {
            Empty if ja => {
                "名簿が空です。見出し行（職員番号,氏名,所属）のあるCSVを選んでください".into()
            }
            Empty => {
                "the roster is empty; choose a CSV with a header row (staff_number,name,department)"
                    .into()
            }
            MissingColumn { column } if ja => {
                let [name, _] = column.names();
                let effect = if *column == Column::Department {
                    "所属なしとして読みました"
                } else {
                    "名簿を読めません"
                };
                format!("見出し行に「{name}」の列がありません。{effect}")
            }
            MissingColumn { column } => {
                let [_, name] = column.names();
                let effect = if *column == Column::Department {
                    "rows were read without a department"
                } else {
                    "no row could be read"
                };
                format!("the header row has no `{name}` column; {effect}")
            }
            EmptyStaffNumber if ja => "職員番号が空の行です。この行は読み飛ばしました".into(),
            EmptyStaffNumber => "the staff number is empty; this row was skipped".into(),
            DuplicateStaffNumber {
                staff_number,
                first_line,
            } if ja => format!(
                "職員番号「{staff_number}」は {first_line} 行目と重複しています。この行は読み飛ばしました"
            ),
            DuplicateStaffNumber {
                staff_number,
                first_line,
            } => format!(
                "staff number \"{staff_number}\" repeats line {first_line}; this row was skipped"
            ),
            WrongFieldCount { expected, found } if ja => format!(
                "列の数が見出し行（{expected} 列）と違います（{found} 列）。この行は読み飛ばしました"
            ),
            WrongFieldCount { expected, found } => format!(
                "the row has {found} fields where the header has {expected}; this row was skipped"
            ),
            UnclosedQuote if ja => {
                "この行で始まる引用符（\"）が閉じていません。以降はひとつの欄として読まれています"
                    .into()
            }
            UnclosedQuote => {
                "a quote (\") opened on this line is never closed; the rest was read as one field"
                    .into()
            }
        }
    }
}

/// The key a staff number is compared by: full-width ASCII (as a Japanese
/// input method types it) made half-width, spaces removed, letters upper
/// case, and leading zeros dropped from an all-digit number (Excel drops
/// them when it saves a CSV it opened), so `００１２３` and `123` match.
pub fn staff_key(staff_number: &str) -> String {
    let key: String = half_width(staff_number)
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) {
        let trimmed = key.trim_start_matches('0');
        return if trimmed.is_empty() { "0" } else { trimmed }.to_owned();
    }
    key
}

/// The key a name is compared by: full-width ASCII made half-width and
/// every space (including the ideographic space) removed, so `山田　花子`
/// and `山田花子` match; nothing else is folded.
pub fn name_key(name: &str) -> String {
    half_width(name).filter(|c| !c.is_whitespace()).collect()
}

/// Full-width ASCII variants (U+FF01 to U+FF5E) as their ASCII letters.
fn half_width(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().map(|c| match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(u32::from(c) - 0xfee0).unwrap_or(c),
        _ => c,
    })
}

/// Reads a roster. Never fails: what cannot be used is in `problems`.
pub fn parse_roster(text: &str) -> RosterParse {
    let records = csv::records(text);
    let mut out = RosterParse::default();
    if let Some(line) = records.unclosed_quote {
        out.problems.push((line, RosterProblem::UnclosedQuote));
    }
    let mut rows = records.rows.into_iter();
    let Some((header_line, header)) = rows.next() else {
        out.problems.push((1, RosterProblem::Empty));
        return out;
    };
    let find = |column: Column| header.iter().position(|h| column.is_named(h));
    let mut columns = [None; 3];
    for (slot, column) in columns.iter_mut().zip(Column::ALL) {
        *slot = find(column);
        if slot.is_none() {
            out.problems
                .push((header_line, RosterProblem::MissingColumn { column }));
        }
    }
    let [Some(staff_at), Some(name_at), department_at] = columns else {
        sort_problems(&mut out.problems);
        return out;
    };
    let mut seen = std::collections::HashMap::new();
    for (line, record) in rows {
        if record.len() != header.len() {
            let (expected, found) = (header.len(), record.len());
            out.problems
                .push((line, RosterProblem::WrongFieldCount { expected, found }));
            continue;
        }
        let cell = |at: Option<usize>| {
            at.and_then(|i| record.get(i))
                .map_or("", |f| f.trim())
                .to_owned()
        };
        let staff_number = cell(Some(staff_at));
        if staff_number.is_empty() {
            out.problems.push((line, RosterProblem::EmptyStaffNumber));
            continue;
        }
        if let Some(&first_line) = seen.get(&staff_key(&staff_number)) {
            out.problems.push((
                line,
                RosterProblem::DuplicateStaffNumber {
                    staff_number,
                    first_line,
                },
            ));
            continue;
        }
        seen.insert(staff_key(&staff_number), line);
        out.entries.push(RosterEntry {
            staff_number,
            name: cell(Some(name_at)),
            department: cell(department_at),
            line,
        });
    }
    sort_problems(&mut out.problems);
    out
}

/// File order; the sort is stable, so problems on one line keep theirs.
fn sort_problems(problems: &mut [(usize, RosterProblem)]) {
    problems.sort_by_key(|(line, _)| *line);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn entry(staff: &str, name: &str, department: &str, line: usize) -> RosterEntry {
        RosterEntry {
            staff_number: staff.into(),
            name: name.into(),
            department: department.into(),
            line,
        }
    }

    #[test]
    fn a_japanese_header_in_any_order_with_extra_columns_and_a_bom() {
        let text = "\u{feff}所属,氏名,職名,職員番号\r\n\
                    福祉総務課,山田 花子,主事,001\r\n\
                    \"障害福祉課, 給付係\",\"佐藤 \"\"太郎\"\"\",主任,002\r\n";
        let parsed = parse_roster(text);
        assert_eq!(parsed.problems, []);
        assert_eq!(
            parsed.entries,
            [
                entry("001", "山田 花子", "福祉総務課", 2),
                entry("002", "佐藤 \"太郎\"", "障害福祉課, 給付係", 3),
            ]
        );
    }

    #[test]
    fn an_english_header_and_a_line_break_inside_quotes() {
        let text = "Staff Number,NAME,department\n100,\"Hanako\nYamada\",Welfare\n200,Taro,\n";
        let parsed = parse_roster(text);
        assert_eq!(parsed.problems, []);
        assert_eq!(
            parsed.entries,
            [
                entry("100", "Hanako\nYamada", "Welfare", 2),
                entry("200", "Taro", "", 4),
            ]
        );
    }

    #[test]
    fn every_problem_names_its_line() {
        let text = "職員番号,氏名,所属\n\
                    001,山田,福祉総務課\n\
                    ,名無し,福祉総務課\n\
                    １,重複,福祉総務課\n\
                    003,列不足\n\
                    004,\"閉じない,福祉総務課\n";
        let parsed = parse_roster(text);
        assert_eq!(
            parsed.problems,
            [
                (3, RosterProblem::EmptyStaffNumber),
                (
                    4,
                    RosterProblem::DuplicateStaffNumber {
                        staff_number: "１".into(),
                        first_line: 2
                    }
                ),
                (
                    5,
                    RosterProblem::WrongFieldCount {
                        expected: 3,
                        found: 2
                    }
                ),
                (6, RosterProblem::UnclosedQuote),
                (
                    6,
                    RosterProblem::WrongFieldCount {
                        expected: 3,
                        found: 2
                    }
                ),
            ]
        );
        assert_eq!(parsed.entries, [entry("001", "山田", "福祉総務課", 2)]);
    }

    #[test]
    fn missing_columns_are_reported_on_the_header_line() {
        let parsed = parse_roster("\n\n番号,氏名\n1,山田\n");
        let missing = |column| (3, RosterProblem::MissingColumn { column });
        assert_eq!(
            parsed.problems,
            [missing(Column::StaffNumber), missing(Column::Department)]
        );
        assert_eq!(parsed.entries, []);
        // Without 所属 the rows are still read.
        let parsed = parse_roster("職員番号,氏名\n1,山田\n");
        assert_eq!(
            parsed.problems,
            [(
                1,
                RosterProblem::MissingColumn {
                    column: Column::Department
                }
            )]
        );
        assert_eq!(parsed.entries, [entry("1", "山田", "", 2)]);
        assert_eq!(parse_roster(" \r\n").problems, [(1, RosterProblem::Empty)]);
    }

    #[test]
    fn keys_fold_what_input_methods_and_excel_change() {
        assert_eq!(staff_key(" ００１２３ "), "123");
        assert_eq!(staff_key("000"), "0");
        assert_eq!(staff_key("ａ０１"), "A01");
        assert_eq!(name_key("山田\u{3000}花子 "), name_key("山田花子"));
        assert_ne!(name_key("山田花子"), name_key("山田華子"));
    }

    #[test]
    fn every_problem_has_words_in_both_languages() {
        let problems = [
            RosterProblem::Empty,
            RosterProblem::MissingColumn {
                column: Column::StaffNumber,
            },
            RosterProblem::MissingColumn {
                column: Column::Department,
            },
            RosterProblem::EmptyStaffNumber,
            RosterProblem::DuplicateStaffNumber {
                staff_number: "7".into(),
                first_line: 2,
            },
            RosterProblem::WrongFieldCount {
                expected: 3,
                found: 2,
            },
            RosterProblem::UnclosedQuote,
        ];
        for p in problems {
            let (ja, en) = (p.render(Lang::Ja), p.render(Lang::En));
            assert!(!ja.is_ascii(), "{ja}");
            assert!(en.is_ascii(), "{en}");
            assert_ne!(ja, en);
        }
    }

    proptest! {
        /// Whatever the text, reading a roster never panics, every problem
        /// names a line inside the text, and every entry has a staff number.
        #[test]
        fn parsing_never_panics(text in "[\\PC\r\n,\"職員番号氏名所属 ]{0,200}") {
            let parsed = parse_roster(&text);
            let lines = text.matches(['\n', '\r']).count() + 1;
            for (line, _) in &parsed.problems {
                prop_assert!((1..=lines).contains(line));
            }
            for e in &parsed.entries {
                prop_assert!(!e.staff_number.is_empty());
            }
        }

        #[test]
        fn a_header_then_anything_never_panics(rows in "[\\PC\r\n,\"]{0,200}") {
            let _ = parse_roster(&format!("職員番号,氏名,所属\n{rows}"));
        }
    }
}
