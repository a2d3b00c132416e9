//! Every string the UI shows, in Japanese and English, in one place. The
//! course content stays as its file wrote it.

use quiz_core::Lang;

/// The UI's fixed strings for one language.
pub struct Ui {
    pub app_name: &'static str,
    pub app_tagline: &'static str,
    pub skip_to_main: &'static str,
    pub switch_lang: &'static str,
    pub switch_lang_label: &'static str,
    pub courses_heading: &'static str,
    pub start: &'static str,
    pub resume: &'static str,
    pub open_course: &'static str,
    pub questions_in_pool: &'static str,
    pub per_attempt: &'static str,
    pub pass_mark: &'static str,
    pub best_score: &'static str,
    pub not_taken: &'static str,
    pub passed: &'static str,
    pub not_passed: &'static str,
    pub policy: &'static str,
    pub home: &'static str,
    pub answer: &'static str,
    pub next: &'static str,
    pub see_results: &'static str,
    pub correct: &'static str,
    pub incorrect: &'static str,
    pub partly_correct: &'static str,
    pub correct_answer: &'static str,
    pub your_wrong_mark: &'static str,
    pub your_answer: &'static str,
    pub no_answer: &'static str,
    pub explanation: &'static str,
    pub sources: &'static str,
    pub scenario: &'static str,
    pub choose_one: &'static str,
    pub choose_all: &'static str,
    pub true_label: &'static str,
    pub false_label: &'static str,
    pub keys_hint: &'static str,
    pub results_heading: &'static str,
    pub score: &'static str,
    pub time_taken: &'static str,
    pub retry_missed: &'static str,
    pub retry_course: &'static str,
    pub review_list: &'static str,
    pub no_results: &'static str,
    pub not_found: &'static str,
    pub not_found_text: &'static str,
    pub attempts: &'static str,
    pub history: &'static str,
    pub restart: &'static str,
    pub storage_unavailable: &'static str,
    pub storage_refused: &'static str,
    pub storage_corrupt: &'static str,
    pub storage_corrupt_unsaved: &'static str,
    pub print: &'static str,
    pub difficulty: [&'static str; 3],
    pub footer: &'static str,
}

/// Japanese, the default.
pub const JA: Ui = Ui {
    app_name: "福祉部 職員研修",
    app_tagline: "自分のペースで学べる研修クイズ",
    skip_to_main: "本文へ移動",
    switch_lang: "English",
    switch_lang_label: "Switch the interface to English",
    courses_heading: "コース一覧",
    start: "始める",
    resume: "続きから",
    open_course: "コースの詳細",
    questions_in_pool: "問題数",
    per_attempt: "1回の出題数",
    pass_mark: "合格点",
    best_score: "最高点",
    not_taken: "未受講",
    passed: "合格",
    not_passed: "未合格",
    policy: "運営方針との対応",
    home: "コース一覧へ",
    answer: "回答する",
    next: "次の問題へ",
    see_results: "結果を見る",
    correct: "正解です",
    incorrect: "不正解です",
    partly_correct: "一部正解です",
    correct_answer: "正解",
    your_wrong_mark: "あなたの選択（誤り）",
    your_answer: "あなたの回答",
    no_answer: "（未回答）",
    explanation: "解説",
    sources: "出典",
    scenario: "場面",
    choose_one: "1つ選んでください",
    choose_all: "当てはまるものをすべて選んでください",
    true_label: "○ 正しい",
    false_label: "× 誤り",
    keys_hint: "数字キー 1〜9 で選択、Enter で回答・次へ",
    results_heading: "結果",
    score: "得点",
    time_taken: "所要時間",
    retry_missed: "間違えた問題だけ解き直す",
    retry_course: "もう一度挑戦する",
    review_list: "問題ごとの振り返り",
    no_results: "このコースの結果はまだありません。",
    not_found: "ページが見つかりません",
    not_found_text: "アドレスが正しいか確かめてください。",
    attempts: "受講回数",
    history: "これまでの結果",
    restart: "最初からやり直す",
    storage_unavailable: "このブラウザでは学習記録を保存できません（保存が無効か、プライベートモードです）。このタブを閉じるまでは記録が残ります。",
    storage_refused: "学習記録を保存できませんでした（保存容量の不足など）。このタブを閉じるまでは記録が残ります。",
    storage_corrupt: "保存されていた学習記録を読み取れなかったため、別の場所に控えを残して新しい記録で始めました。",
    storage_corrupt_unsaved: "保存されていた学習記録を読み取れず、控えも作れませんでした。元の記録を消さないよう、このタブでは保存を止めています。",
    print: "印刷する",
    difficulty: ["基礎", "標準", "応用"],
    footer: "学習記録はこのブラウザの中にだけ保存され、外部には送信されません。",
};

/// English.
pub const EN: Ui = Ui {
    app_name: "Welfare Department Staff Training",
    app_tagline: "Self-paced training quizzes",
    skip_to_main: "Skip to main content",
    switch_lang: "日本語",
    switch_lang_label: "表示を日本語に切り替える",
    courses_heading: "Courses",
    start: "Start",
    resume: "Continue",
    open_course: "Course details",
    questions_in_pool: "Questions",
    per_attempt: "Per attempt",
    pass_mark: "Pass mark",
    best_score: "Best score",
    not_taken: "Not taken yet",
    passed: "Passed",
    not_passed: "Not passed yet",
    policy: "Policy section",
    home: "All courses",
    answer: "Answer",
    next: "Next question",
    see_results: "See results",
    correct: "Correct",
    incorrect: "Incorrect",
    partly_correct: "Partly correct",
    correct_answer: "Correct answer",
    your_wrong_mark: "Your choice (wrong)",
    your_answer: "Your answer",
    no_answer: "(no answer)",
    explanation: "Explanation",
    sources: "Sources",
    scenario: "Scenario",
    choose_one: "Choose one",
    choose_all: "Select all that apply",
    true_label: "○ True",
    false_label: "× False",
    keys_hint: "Keys 1–9 choose, Enter answers and moves on",
    results_heading: "Results",
    score: "Score",
    time_taken: "Time taken",
    retry_missed: "Retry only the ones I missed",
    retry_course: "Retry the course",
    review_list: "Question by question",
    no_results: "No results for this course yet.",
    not_found: "Page not found",
    not_found_text: "Check the address.",
    attempts: "Attempts",
    history: "Past results",
    restart: "Start over",
    storage_unavailable: "This browser cannot save your progress (storage is disabled or private mode is on). It is kept until you close this tab.",
    storage_refused: "Your progress could not be saved (storage may be full). It is kept until you close this tab.",
    storage_corrupt: "Saved progress could not be read; a copy was kept aside and a fresh record started.",
    storage_corrupt_unsaved: "Saved progress could not be read or copied aside; saving is paused in this tab so that nothing is overwritten.",
    print: "Print",
    difficulty: ["Basic", "Standard", "Advanced"],
    footer: "Your progress is stored only in this browser and is never sent anywhere.",
};

/// The strings for a language.
pub fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    }
}

/// "問 3 / 10" and its English form.
pub fn question_counter(lang: Lang, n: usize, of: usize) -> String {
    match lang {
        Lang::Ja => format!("問 {n} / {of}"),
        Lang::En => format!("Question {n} of {of}"),
    }
}

/// A duration as minutes and seconds.
pub fn duration(lang: Lang, ms: u64) -> String {
    let s = ms / 1000;
    match lang {
        Lang::Ja => format!("{}分{}秒", s / 60, s % 60),
        Lang::En => format!("{} min {} s", s / 60, s % 60),
    }
}

/// "80点（合格点 80点）" style score line.
pub fn score_line(lang: Lang, percent: u8, pass_mark: u8) -> String {
    match lang {
        Lang::Ja => format!("{percent}点（合格点 {pass_mark}点）"),
        Lang::En => format!("{percent}% (pass mark {pass_mark}%)"),
    }
}

/// The page title for a screen.
pub fn page_title(lang: Lang, screen: Option<&str>) -> String {
    let app = ui(lang).app_name;
    match screen {
        Some(s) => format!("{s} | {app}"),
        None => app.to_owned(),
    }
}
