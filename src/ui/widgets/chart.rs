//! A course's score history as a small SVG line chart, drawn by the app,
//! with a text description for screen readers.

use leptos::prelude::*;
use quiz_core::progress::Finished;

use crate::ui::i18n::ui;
use crate::ui::state::Settings;

const W: f64 = 320.0;
const H: f64 = 120.0;
const PAD: f64 = 24.0;

/// The percent of each finished attempt, oldest first, with the pass mark
/// as a dashed line.
#[component]
pub fn ScoreChart(history: Vec<Finished>, pass_mark: u8) -> impl IntoView {
    let lang = Settings::expect().lang;
    let n = history.len();
    let x = move |i: usize| {
        if n <= 1 {
            W / 2.0
        } else {
            PAD + (W - 2.0 * PAD) * i as f64 / (n - 1) as f64
        }
    };
    let y = |percent: u8| H - PAD / 2.0 - (H - PAD) * f64::from(percent) / 100.0;
    let points: String = history
        .iter()
        .enumerate()
        .map(|(i, f)| format!("{:.1},{:.1}", x(i), y(f.percent)))
        .collect::<Vec<_>>()
        .join(" ");
    let scores: Vec<String> = history.iter().map(|f| format!("{}%", f.percent)).collect();
    let description = move || {
        let t = ui(lang.get());
        format!(
            "{}: {}（{} {}%）",
            t.chart_label,
            scores.join("、"),
            t.pass_mark,
            pass_mark
        )
    };
    let dots = history
        .iter()
        .enumerate()
        .map(|(i, f)| {
            view! {
                <circle cx=format!("{:.1}", x(i)) cy=format!("{:.1}", y(f.percent)) r="4"
                    class=if f.passed { "chart__dot chart__dot--pass" } else { "chart__dot" } />
            }
        })
        .collect_view();
    let pass_y = format!("{:.1}", y(pass_mark));
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=description.clone()>
                <line class="chart__axis" x1=PAD.to_string() y1=format!("{:.1}", y(0)) x2=(W - PAD).to_string() y2=format!("{:.1}", y(0)) />
                <line class="chart__pass" x1=PAD.to_string() y1=pass_y.clone() x2=(W - PAD).to_string() y2=pass_y />
                <polyline class="chart__line" points=points />
                {dots}
            </svg>
            <figcaption>{description}</figcaption>
        </figure>
    }
}
