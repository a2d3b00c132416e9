//! A staff number (職員番号) as one person's key: the results files, the
//! roster join and the xAPI actor all name a learner by it, so the same
//! number typed two ways must come out the same.

/// A staff number as typed, made into its one form: full-width ASCII
/// (U+FF01 to U+FF5E, what a Japanese IME types for digits and letters)
/// becomes ASCII, and every space (the ideographic U+3000 included) and
/// zero-width character is removed, inside the number too. Leading zeros
/// stay (`０１２３ ４` → `01234`); letters keep their case; anything else
/// is left as it is.
pub fn normalize(typed: &str) -> String {
    typed
        .chars()
        .filter(|&c| !c.is_whitespace() && !matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}'))
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn full_width_digits_and_letters_become_ascii_and_spaces_go() {
        assert_eq!(normalize("０１２３ ４"), "01234");
        assert_eq!(normalize("\u{3000}０１２３\u{3000}４５ "), "012345");
        assert_eq!(normalize(" 012345 "), "012345");
        assert_eq!(normalize("Ｔ０００１"), "T0001");
        assert_eq!(normalize("ｔ－０１"), "t-01");
        assert_eq!(normalize("01\t23\u{00A0}4\u{200B}5\u{FEFF}"), "012345");
        assert_eq!(normalize("０"), "0");
        assert_eq!(normalize("\u{3000} "), "");
        // Outside the full-width ASCII block nothing changes.
        assert_eq!(normalize("職員①"), "職員①");
        // Already normal: unchanged, so normalising twice changes nothing.
        for n in ["012345", "T0001", "A-12"] {
            assert_eq!(normalize(n), n);
            assert_eq!(normalize(&normalize(&format!(" {n}"))), n);
        }
    }

    #[test]
    fn the_whole_full_width_block_maps_onto_printable_ascii() {
        for code in 0xFF01..=0xFF5E_u32 {
            let wide = char::from_u32(code).unwrap().to_string();
            let narrow = normalize(&wide);
            assert_eq!(narrow.len(), 1, "{wide}");
            assert_eq!(u32::from(narrow.chars().next().unwrap()), code - 0xFEE0);
        }
    }

    #[test]
    fn a_number_typed_with_an_ime_is_stored_and_reported_as_one_person() {
        let mut p = crate::progress::Progress::new();
        p.set_identity("山田 花子", "０１２３ ４", "福祉総務課", 1);
        let learner = p.learner.clone().expect("set");
        assert_eq!(learner.staff_number.as_deref(), Some("01234"));
        p.set_identity("山田 花子", "\u{3000}", "", 2);
        assert_eq!(p.learner.and_then(|l| l.staff_number), None);

        // A record kept from before (typed with an IME, stored as typed)
        // makes the same agent, and a valid mbox.
        let account = crate::lms::xapi::Config::parse(
            r#"{"endpoint": "https://lrs/", "identity": {"kind": "account", "home_page": "https://staff/"}}"#,
        )
        .unwrap();
        let mbox = crate::lms::xapi::Config::parse(
            r#"{"endpoint": "https://lrs/", "identity": {"kind": "mbox", "domain": "city.example.lg.jp"}}"#,
        )
        .unwrap();
        let old = crate::progress::Learner {
            staff_number: Some("０１２３\u{3000}４".into()),
            ..learner.clone()
        };
        for config in [&account, &mbox] {
            assert_eq!(config.actor(Some(&old)), config.actor(Some(&learner)));
        }
        assert_eq!(
            account.actor(Some(&old)).unwrap()["account"]["name"],
            "01234"
        );
        assert_eq!(
            mbox.actor(Some(&old)).unwrap()["mbox"],
            "mailto:01234@city.example.lg.jp"
        );
    }
}
