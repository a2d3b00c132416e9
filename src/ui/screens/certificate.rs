//! The certificate (修了証) of a passed course: the learner's name, the
//! course, the date and the score, laid out for A4 by the print styles.

use leptos::prelude::*;
use quiz_core::{Lang, Route};

use super::not_found::NotFound;
use crate::ui::i18n::{self, ui};
use crate::ui::state::clock::{local_ymd, utc_offset_minutes};
use crate::ui::state::today;
use crate::ui::state::{Catalog, Settings, Store, now_ms};
use crate::ui::widgets::use_title;
use quiz_core::progress::PassState;

/// A moment's local date in the learner's language, e.g. 2026年11月24日.
fn long_date(lang: Lang, ms: u64) -> String {
    let (y, m, d) = local_ymd(ms);
    i18n::long_date(lang, y, m, d)
}

/// The certificate of course `id`, once passed; asks for the name first.
#[component]
pub fn CertificatePage(id: String) -> impl IntoView {
    let Some(course) = Catalog::expect().course(&id) else {
        return view! { <NotFound /> }.into_any();
    };
    let store = Store::expect();
    let lang = Settings::expect().lang;
    let title = course.title.clone();
    use_title(move |l| Some(format!("{} — {}", ui(l).certificate, title)));
    let course_href = Route::Course(course.id.clone()).href();
    let draft = RwSignal::new(String::new());
    let record = Memo::new(move |_| store.progress.with(|p| p.course(&id).cloned()));
    let learner = Memo::new(move |_| store.progress.with(|p| p.learner.clone()));
    let course_title = course.title.clone();
    let valid_days = course.pass_valid_days;
    view! {
        <p class="breadcrumb no-print"><a href=course_href>{course.title.clone()}</a></p>
        {move || {
            let t = ui(lang.get());
            let l = lang.get();
            let Some(pass) = record.get().and_then(|r| r.latest_pass().copied()) else {
                return view! {
                    <h1 class="page-title">{t.certificate}</h1>
                    <p>{t.certificate_not_passed}</p>
                }.into_any();
            };
            let best = record.get().and_then(|r| r.best()).unwrap_or(pass.percent);
            let state = record.get().map_or(PassState::NotPassed, |r| {
                r.pass_state(valid_days, today(), utc_offset_minutes())
            });
            let until = match state {
                PassState::Valid { until_day, .. } => until_day,
                PassState::Expired { until_day, .. } => Some(until_day),
                PassState::NotPassed => None,
            };
            let expired = matches!(state, PassState::Expired { .. })
                .then(|| i18n::pass_status(l, state))
                .flatten();
            match learner.get() {
                None => view! {
                    <h1 class="page-title">{t.certificate}</h1>
                    <form class="inline-form" on:submit=move |ev| {
                        ev.prevent_default();
                        store.progress.update(|p| p.set_name(&draft.get_untracked(), now_ms()));
                    }>
                        <label for="certificate-name">{t.certificate_need_name}</label>
                        <div class="inline-form__row">
                            <input id="certificate-name" type="text" autocomplete="name" maxlength="60" required
                                on:input=move |ev| draft.set(event_target_value(&ev)) />
                            <button type="submit" class="button button--primary">{t.save}</button>
                        </div>
                    </form>
                }.into_any(),
                Some(who) => view! {
                    <article class="certificate" aria-labelledby="certificate-title">
                        <h1 id="certificate-title" class="certificate__title">{t.certificate_title}</h1>
                        <p class="certificate__name">{i18n::addressed(l, &who.name)}</p>
                        <p class="certificate__body">{t.certificate_body}</p>
                        <p class="certificate__course">{course_title.clone()}</p>
                        <dl class="certificate__facts">
                            <div><dt>{t.certificate_date}</dt><dd>{long_date(l, pass.at_ms)}</dd></div>
                            <div><dt>{t.score}</dt><dd>{format!("{best}%")}</dd></div>
                            {until.map(|d| view! { <div><dt>{t.valid_until}</dt><dd>{i18n::day_string(d)}</dd></div> })}
                        </dl>
                        {expired.map(|status| view! { <p class="certificate__expired">{status}</p> })}
                        <p class="certificate__issuer">{t.app_name}</p>
                    </article>
                    <div class="actions no-print">
                        <button type="button" class="button button--primary" on:click=|_| { let _ = window().print(); }>{t.print}</button>
                    </div>
                }.into_any(),
            }
        }}
    }
    .into_any()
}
