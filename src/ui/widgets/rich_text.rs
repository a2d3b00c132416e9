//! Renders [`quiz_core::Text`] blocks as elements and text nodes. No string
//! from a question file is ever parsed as HTML here.

use leptos::prelude::*;
use quiz_core::text::{Block, Inline, Text};

fn inline_view(runs: Vec<Inline>) -> impl IntoView {
    runs.into_iter()
        .map(|run| match run {
            Inline::Plain(s) => s.into_any(),
            Inline::Strong(s) => view! { <strong>{s}</strong> }.into_any(),
        })
        .collect_view()
}

/// Markup blocks as `<p>` and `<ul>`; `inline` renders a single paragraph
/// without the `<p>` (for labels and choices).
#[component]
pub fn RichText(text: Text, #[prop(optional)] inline: bool) -> impl IntoView {
    if inline && text.blocks.len() == 1 {
        if let Some(Block::Paragraph(runs)) = text.blocks.into_iter().next() {
            return inline_view(runs).into_any();
        }
        return ().into_any();
    }
    text.blocks
        .into_iter()
        .map(|block| match block {
            Block::Paragraph(runs) => view! { <p>{inline_view(runs)}</p> }.into_any(),
            Block::List(items) => view! {
                <ul>{items.into_iter().map(|i| view! { <li>{inline_view(i)}</li> }).collect_view()}</ul>
            }
            .into_any(),
        })
        .collect_view()
        .into_any()
}
