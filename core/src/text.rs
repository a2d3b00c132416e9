//! The small markup of question text: paragraphs, **emphasis** and lists.
//!
//! A blank line starts a new paragraph; `**…**` marks emphasis; lines that
//! start with `- ` (or `・`) form a bulleted list. Nothing else is markup:
//! `<b>` stays the four characters `<b>`, because the UI renders these blocks
//! as text nodes and never as HTML.

/// Parsed text: a list of blocks.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Text {
    /// Paragraphs and lists, in order.
    pub blocks: Vec<Block>,
}

/// A paragraph or a bulleted list.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Block {
    /// Consecutive non-list lines; single line breaks are kept as spaces-free joins.
    Paragraph(Vec<Inline>),
    /// Consecutive `- ` lines, one entry each.
    List(Vec<Vec<Inline>>),
}

/// A run of text inside a block.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Inline {
    /// Ordinary text.
    Plain(String),
    /// Text between `**` marks.
    Strong(String),
}

impl Text {
    /// Parses markup. Never fails: unmatched `**` stays as typed.
    pub fn parse(source: &str) -> Text {
        let mut blocks = Vec::new();
        let mut paragraph: Vec<&str> = Vec::new();
        let mut list: Vec<Vec<Inline>> = Vec::new();
        for line in source.lines().map(str::trim) {
            let item = line.strip_prefix("- ").or_else(|| line.strip_prefix('・'));
            if line.is_empty() || item.is_some() {
                flush_paragraph(&mut paragraph, &mut blocks);
            }
            if item.is_none() && !list.is_empty() {
                blocks.push(Block::List(std::mem::take(&mut list)));
            }
            match item {
                Some(item) => list.push(inlines(item.trim())),
                None if !line.is_empty() => paragraph.push(line),
                None => {}
            }
        }
        flush_paragraph(&mut paragraph, &mut blocks);
        if !list.is_empty() {
            blocks.push(Block::List(list));
        }
        Text { blocks }
    }

    /// One paragraph of plain text, with no markup applied.
    pub fn plain(text: &str) -> Text {
        Text {
            blocks: vec![Block::Paragraph(vec![Inline::Plain(text.to_owned())])],
        }
    }

    /// The text without markup, blocks separated by newlines; for titles,
    /// comparisons and screen-reader summaries.
    pub fn to_plain(&self) -> String {
        self.write(false, "\n")
    }

    /// The text as markup again: [`Text::parse`] of the result gives this
    /// text back. The build embeds course descriptions this way.
    pub fn to_markup(&self) -> String {
        self.write(true, "\n\n")
    }

    /// Blocks joined by `separator`, list items as `・` lines, emphasis
    /// kept as `**…**` when `marks`.
    fn write(&self, marks: bool, separator: &str) -> String {
        let runs = |inl: &[Inline]| -> String {
            inl.iter()
                .map(|i| match i {
                    Inline::Strong(s) if marks => format!("**{s}**"),
                    Inline::Plain(s) | Inline::Strong(s) => s.clone(),
                })
                .collect()
        };
        self.blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(inl) => runs(inl),
                Block::List(items) => items
                    .iter()
                    .map(|i| format!("・{}", runs(i)))
                    .collect::<Vec<_>>()
                    .join("\n"),
            })
            .collect::<Vec<_>>()
            .join(separator)
    }

    /// Feeds the text's structure and characters to `feed`, for a
    /// fingerprint that needs no string built (see `Question::version`).
    pub fn feed(&self, feed: &mut impl FnMut(&[u8])) {
        let runs = |inlines: &[Inline], feed: &mut dyn FnMut(&[u8])| {
            for inline in inlines {
                let (mark, s) = match inline {
                    Inline::Plain(s) => (b'p', s),
                    Inline::Strong(s) => (b's', s),
                };
                feed(&[mark]);
                feed(s.as_bytes());
            }
        };
        for block in &self.blocks {
            match block {
                Block::Paragraph(inlines) => {
                    feed(b"P");
                    runs(inlines, feed);
                }
                Block::List(items) => {
                    feed(b"L");
                    for item in items {
                        feed(b"i");
                        runs(item, feed);
                    }
                }
            }
        }
    }

    /// True when the text has no visible characters.
    pub fn is_blank(&self) -> bool {
        self.to_plain().trim().is_empty()
    }
}

fn flush_paragraph(lines: &mut Vec<&str>, blocks: &mut Vec<Block>) {
    if !lines.is_empty() {
        // Japanese wraps without spaces, so joined lines get no separator.
        blocks.push(Block::Paragraph(inlines(&lines.concat())));
        lines.clear();
    }
}

fn inlines(line: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find("**") {
        let after = &rest[start + 2..];
        let Some(len) = after.find("**") else { break };
        if len == 0 {
            break;
        }
        if start > 0 {
            out.push(Inline::Plain(rest[..start].to_owned()));
        }
        out.push(Inline::Strong(after[..len].to_owned()));
        rest = &after[len + 2..];
    }
    if !rest.is_empty() {
        out.push(Inline::Plain(rest.to_owned()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> Inline {
        Inline::Plain(s.into())
    }

    #[test]
    fn paragraphs_emphasis_and_lists() {
        let t = Text::parse("一行目\n続き**強調**です。\n\n- 項目A\n・項目B\n後の段落");
        assert_eq!(
            t.blocks,
            vec![
                Block::Paragraph(vec![
                    plain("一行目続き"),
                    Inline::Strong("強調".into()),
                    plain("です。")
                ]),
                Block::List(vec![vec![plain("項目A")], vec![plain("項目B")]]),
                Block::Paragraph(vec![plain("後の段落")]),
            ]
        );
    }

    #[test]
    fn html_stays_text_and_unmatched_marks_stay() {
        let t = Text::parse("<script>alert(1)</script> **開いたまま");
        assert_eq!(
            t.blocks,
            vec![Block::Paragraph(vec![plain(
                "<script>alert(1)</script> **開いたまま"
            )])]
        );
        assert_eq!(t.to_plain(), "<script>alert(1)</script> **開いたまま");
    }

    #[test]
    fn blank_detection() {
        assert!(Text::parse("  \n\n ").is_blank());
        assert!(!Text::parse("a").is_blank());
    }

    #[test]
    fn markup_round_trips() {
        let t = Text::parse("一行目**強調**\n続き\n\n- 項目A\n・**項目B**\n後の段落");
        assert_eq!(Text::parse(&t.to_markup()), t);
        assert_eq!(Text::parse("").to_markup(), "");
    }

    proptest::proptest! {
        #[test]
        fn markup_of_any_parsed_text_parses_back(source in "([-・* a*\n]|\\*\\*|甲){0,40}") {
            let t = Text::parse(&source);
            proptest::prop_assert_eq!(Text::parse(&t.to_markup()), t);
        }
    }
}
