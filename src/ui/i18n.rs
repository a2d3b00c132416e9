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
    /// The verdict of a retry of the missed questions: practice.
    pub practice: &'static str,
    /// Under a practice verdict: what completing the course takes.
    pub practice_note: &'static str,
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
    pub storage_newer: &'static str,
    pub see_backups: &'static str,
    pub settings: &'static str,
    pub review_heading: &'static str,
    pub review_due: &'static str,
    pub review_start: &'static str,
    pub review_none: &'static str,
    pub review_done: &'static str,
    pub review_explain: &'static str,
    pub mastery: &'static str,
    pub mastery_explain: &'static str,
    pub certificate: &'static str,
    pub certificate_title: &'static str,
    pub certificate_body: &'static str,
    pub certificate_date: &'static str,
    pub certificate_need_name: &'static str,
    pub certificate_not_passed: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub language: &'static str,
    pub export_heading: &'static str,
    pub export: &'static str,
    pub import_label: &'static str,
    pub import_failed: &'static str,
    pub backups_heading: &'static str,
    pub backups_none: &'static str,
    pub download: &'static str,
    pub reset_heading: &'static str,
    pub reset: &'static str,
    pub reset_confirm: &'static str,
    pub reset_yes: &'static str,
    pub cancel: &'static str,
    pub reset_done: &'static str,
    pub chart_label: &'static str,
    pub local_course: &'static str,
    pub trainer: &'static str,
    pub remove: &'static str,
    pub results_save_heading: &'static str,
    pub results_save_csv: &'static str,
    pub results_save_json: &'static str,
    pub update_ready: &'static str,
    pub update_now: &'static str,
    pub course_loading: &'static str,
    pub course_fetch_failed: &'static str,
    pub course_stale: &'static str,
    pub try_again: &'static str,
    pub reload: &'static str,
    pub difficulty: [&'static str; 3],
    pub footer: &'static str,
    pub staff_number_label: &'static str,
    pub department_label: &'static str,
    pub identity_heading: &'static str,
    pub valid_until: &'static str,
    pub pass_valid_for: &'static str,
    pub storage_not_kept_aside: &'static str,
    pub repair_intro: &'static str,
    pub repair_kept: &'static str,
    pub dismiss: &'static str,
    pub download_failed: &'static str,
    // Reporting to the organisation's LRS (only when a deployment turns it on).
    pub footer_reporting: &'static str,
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
    true_label: "正しい",
    false_label: "誤り",
    keys_hint: "数字キー 1〜9 で選択、Enter で回答・次へ",
    results_heading: "結果",
    score: "得点",
    time_taken: "所要時間",
    retry_missed: "間違えた問題だけ解き直す",
    retry_course: "もう一度挑戦する",
    practice: "練習（解き直し）",
    practice_note: "間違えた問題の解き直しは練習で、修了にはなりません。修了には、コースを最初から受けて合格点に届くことが必要です。",
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
    storage_newer: "保存されている学習記録は、このアプリより新しい版で作られています。記録を守るため、このタブでは保存しません。ページを再読み込みして最新版にしてください。",
    see_backups: "控えは設定画面からダウンロードできます。",
    settings: "設定",
    review_heading: "今日の復習",
    review_due: "復習する問題",
    review_start: "復習を始める",
    review_none: "今日の復習はありません。コースを受講すると、間違えた問題や時間がたった問題がここに出てきます。",
    review_done: "復習が終わりました",
    review_explain: "間違えた問題は当日、正解した問題は 1・3・7・16・35 日後に復習に出てきます。",
    mastery: "習熟度",
    mastery_explain: "直近の回答が正解だった問題の割合",
    certificate: "修了証",
    certificate_title: "修了証",
    certificate_body: "あなたは次の研修を修了したことを証します。",
    certificate_date: "修了日",
    certificate_need_name: "修了証に載せるお名前を入力してください（このブラウザの中にだけ保存されます）。",
    certificate_not_passed: "このコースはまだ合格していません。合格すると修了証を表示できます。",
    save: "保存する",
    saved: "保存しました",
    language: "表示言語",
    export_heading: "学習記録の書き出し・読み込み",
    export: "学習記録を書き出す（JSON）",
    import_label: "書き出したファイルを読み込む",
    import_failed: "このファイルは読み込めませんでした",
    backups_heading: "読み取れなかった記録の控え",
    backups_none: "控えはありません。",
    download: "ダウンロード",
    reset_heading: "学習記録の消去",
    reset: "学習記録をすべて消去する",
    reset_confirm: "本当に消去しますか？ 元に戻せません。先に書き出しておくことをおすすめします。",
    reset_yes: "消去する",
    cancel: "やめる",
    reset_done: "学習記録を消去しました",
    chart_label: "得点の推移",
    local_course: "この端末に追加したコース（研修担当者のファイル）",
    trainer: "研修担当者向け",
    remove: "削除",
    results_save_heading: "研修担当者に送る結果ファイル",
    results_save_csv: "結果ファイルを保存（CSV・Excel 用）",
    results_save_json: "結果ファイルを保存（JSON）",
    update_ready: "新しい版のアプリが使えるようになりました。",
    update_now: "更新する",
    course_loading: "コースを読み込んでいます…",
    course_fetch_failed: "コースを読み込めませんでした。ネットワークにつながっているか確かめて、もう一度お試しください。学習記録はそのまま残っています。",
    course_stale: "アプリの新しい版が公開されています。ページを再読み込みすると、新しい版で続けられます。学習記録はそのまま残っています。",
    try_again: "もう一度読み込む",
    reload: "ページを再読み込みする",
    difficulty: ["基礎", "標準", "応用"],
    footer: "学習記録はこのブラウザの中にだけ保存され、外部には送信されません。",
    staff_number_label: "職員番号（研修担当者の集計に使います。任意）",
    department_label: "所属（任意）",
    identity_heading: "お名前・職員番号・所属",
    valid_until: "有効期限",
    pass_valid_for: "合格の有効期間",
    storage_not_kept_aside: "保存されている以前の形式の学習記録の控えを残せませんでした（保存領域に空きがない可能性があります）。記録を守るため、このタブでは保存しません。設定画面から学習記録を書き出してください。",
    repair_intro: "アプリの更新やコースの改訂でコースの内容が変わったため、保存されていた学習記録の一部をそのまま使えなくなりました。次のとおり対応しました。",
    repair_kept: "受講結果の履歴と、他のコースの記録はそのままです。",
    dismiss: "閉じる",
    download_failed: "ブラウザがダウンロードを許可しませんでした。ブラウザの設定を確認して、もう一度お試しください。",
    footer_reporting: "学習記録はこのブラウザに保存され、この職場の設定により、回答と結果が組織の学習記録システムにも送信されます（詳しくは設定画面）。",
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
    true_label: "True",
    false_label: "False",
    keys_hint: "Keys 1–9 choose, Enter answers and moves on",
    results_heading: "Results",
    score: "Score",
    time_taken: "Time taken",
    retry_missed: "Retry only the ones I missed",
    retry_course: "Retry the course",
    practice: "Practice (retry)",
    practice_note: "Retrying the missed questions is practice and does not complete the course. To complete it, take the whole course and reach the pass mark.",
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
    storage_newer: "Saved progress was made by a newer version of this app. To protect it, this tab does not save. Reload the page to get the latest version.",
    see_backups: "The copy can be downloaded from Settings.",
    settings: "Settings",
    review_heading: "Today's review",
    review_due: "Questions due",
    review_start: "Start review",
    review_none: "Nothing is due today. Questions you miss, or have not seen for a while, come back here.",
    review_done: "Review finished",
    review_explain: "Missed questions come back the same day; right ones after 1, 3, 7, 16 and 35 days.",
    mastery: "Mastery",
    mastery_explain: "share of questions whose latest answer was right",
    certificate: "Certificate",
    certificate_title: "Certificate of Completion",
    certificate_body: "This certifies that you have completed the following training.",
    certificate_date: "Date",
    certificate_need_name: "Enter your name for the certificate (kept only in this browser).",
    certificate_not_passed: "You have not passed this course yet. Pass it to see the certificate.",
    save: "Save",
    saved: "Saved",
    language: "Language",
    export_heading: "Export and import progress",
    export: "Export progress (JSON)",
    import_label: "Import an exported file",
    import_failed: "This file could not be imported",
    backups_heading: "Copies of unreadable progress",
    backups_none: "There are no copies.",
    download: "Download",
    reset_heading: "Erase progress",
    reset: "Erase all progress",
    reset_confirm: "Erase everything? This cannot be undone. Export first if you may need it.",
    reset_yes: "Erase",
    cancel: "Cancel",
    reset_done: "Progress erased",
    chart_label: "Score history",
    local_course: "Added in this browser (a trainer's file)",
    trainer: "For trainers",
    remove: "Remove",
    results_save_heading: "Results file for your trainer",
    results_save_csv: "Save results (CSV for Excel)",
    results_save_json: "Save results (JSON)",
    update_ready: "A new version of the app is ready.",
    update_now: "Update now",
    course_loading: "Loading the course…",
    course_fetch_failed: "The course could not be loaded. Check the network connection and try again. Your progress is safe.",
    course_stale: "A new version of the app has been published. Reload the page to continue with it. Your progress is safe.",
    try_again: "Try again",
    reload: "Reload the page",
    difficulty: ["Basic", "Standard", "Advanced"],
    footer: "Your progress is stored only in this browser and is never sent anywhere.",
    staff_number_label: "Staff number (for your trainer's records; optional)",
    department_label: "Department (optional)",
    identity_heading: "Name, staff number and department",
    valid_until: "Valid until",
    pass_valid_for: "A pass is valid for",
    storage_not_kept_aside: "A copy of your saved progress from an earlier version could not be kept (storage may be full). To protect it, this tab does not save. Export your progress from Settings.",
    repair_intro: "A new release or a revision changed some courses, so part of your saved progress no longer fits them. This is what was done:",
    repair_kept: "Your finished results and your other courses are unchanged.",
    dismiss: "Close",
    download_failed: "The browser did not allow the download. Check its settings and try again.",
    footer_reporting: "Your progress is stored in this browser and, as this site is set up, your answers and results are also sent to your organisation's learning record system (see Settings).",
};

/// The strings for a language.
pub fn ui(lang: Lang) -> &'static Ui {
    match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    }
}

/// Statements read from the LRS so far.
pub fn statements_read(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ja => format!("{n} 件の記録を読み込みました。"),
        Lang::En => format!("{n} statements read."),
    }
}

/// What the LRS gave: learners and statements.
pub fn lrs_read_done(lang: Lang, people: usize, statements: usize) -> String {
    match lang {
        Lang::Ja => format!("LRS から {people} 人分（{statements} 件の記録）を読み込みました。"),
        Lang::En => format!("Read {people} learners ({statements} statements) from the LRS."),
    }
}

/// A reading of the LRS that stopped before the end: what was read, why it
/// stopped, and that the table is not complete.
pub fn lrs_read_incomplete(lang: Lang, people: usize, statements: usize, why: &str) -> String {
    match lang {
        Lang::Ja => format!(
            "読み込みは完了していません。{why} ここまでに読み込めた {people} 人分（{statements} 件の記録）だけを表示しています。この集計は全員分ではありません。"
        ),
        Lang::En => format!(
            "The reading is not complete. {why} Only the {people} learners ({statements} statements) read so far are shown; this table does not cover everyone."
        ),
    }
}

/// The reading stopped at the page limit.
pub fn lrs_page_limit(lang: Lang, pages: usize) -> String {
    match lang {
        Lang::Ja => format!(
            "読み込むページの上限（{pages} ページ）に達しました。期間（この日以降）を指定して、分けて読み込んでください。"
        ),
        Lang::En => format!(
            "The page limit ({pages} pages) was reached. Choose a start date and read in parts."
        ),
    }
}

/// An LRS answer the app did not expect.
pub fn lrs_failed(lang: Lang, status: u16) -> String {
    match lang {
        Lang::Ja => format!("LRS から読み込めませんでした（HTTP {status}）。"),
        Lang::En => format!("The LRS did not answer as expected (HTTP {status})."),
    }
}

/// "研修の記録 3 件が送信を待っています" and its English form.
pub fn records_waiting(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ja => format!("研修の記録 {n} 件が送信を待っています。"),
        Lang::En => format!("{n} training records are waiting to be sent."),
    }
}

/// Records not kept because the outbox was full.
pub fn records_not_kept(lang: Lang, n: u64, cap: usize, reserve: usize) -> String {
    match lang {
        Lang::Ja => format!(
            "送信を待つ記録がこのブラウザに保管できる上限（{cap} 件、コースの開始と結果の記録にはさらに {reserve} 件）に達したため、{n} 件の記録を保管できませんでした。送信できしだい空きができます。学習の進み具合と結果はこのブラウザに保存されています。"
        ),
        Lang::En => format!(
            "The records waiting to be sent reached the most this browser keeps ({cap}, and {reserve} more for starting a course and its result), so {n} records could not be kept. Room is made as they are sent. Your progress and results are saved in this browser."
        ),
    }
}

/// The outbox is full (nothing lost yet).
pub fn outbox_full(lang: Lang, cap: usize) -> String {
    match lang {
        Lang::Ja => format!(
            "送信を待つ記録が上限（{cap} 件）に達しました。送信できるまで、これ以上の回答の記録は保管できません。"
        ),
        Lang::En => format!(
            "The records waiting to be sent reached the limit ({cap}). Until they are sent, no more answers can be kept."
        ),
    }
}

/// One attempt kept aside for want of a staff number: course, when, how many.
pub fn unclaimed_attempt(lang: Lang, course: &str, when: &str, n: usize) -> String {
    match lang {
        Lang::Ja => format!("{course}（{when}、記録 {n} 件）"),
        Lang::En => format!("{course} ({when}, {n} records)"),
    }
}

/// How many records the LRS refused (kept in this browser).
pub fn records_refused(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ja => {
            format!(
                "{n} 件は送信先に受け付けられませんでした（このブラウザに残してあります。管理者にお知らせください）。"
            )
        }
        Lang::En => format!(
            "{n} records were refused by the LRS (they are kept in this browser; please tell the administrator)."
        ),
    }
}

/// "問 3 / 10" and its English form.
pub fn question_counter(lang: Lang, n: usize, of: usize) -> String {
    match lang {
        Lang::Ja => format!("問 {n} / {of}"),
        Lang::En => format!("Question {n} of {of}"),
    }
}

/// "問 3" and its English form, for the results list.
pub fn question_number(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ja => format!("問 {n}"),
        Lang::En => format!("Q {n}"),
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

/// What an import added, in words.
pub fn import_summary(lang: Lang, s: &quiz_core::progress::Summary) -> String {
    match lang {
        Lang::Ja => format!(
            "読み込みました: 受講結果 {} 件、問題の学習記録 {} 件を追加・更新しました（新しいコース {} 件）。",
            s.attempts_added, s.cards_updated, s.courses_added
        ),
        Lang::En => format!(
            "Imported: {} finished attempts and {} question records added or updated ({} new courses).",
            s.attempts_added, s.cards_updated, s.courses_added
        ),
    }
}

/// "12行目" and its English form, for a line of a converted file.
pub fn line_label(lang: Lang, line: usize) -> String {
    match lang {
        Lang::Ja => format!("{line}行目"),
        Lang::En => format!("line {line}"),
    }
}

/// One repair of saved progress, in plain words: what happened and what
/// the learner can do. `title` is the course's title.
pub fn repair_message(lang: Lang, repair: &quiz_core::progress::Repair, title: &str) -> String {
    use quiz_core::progress::{Misfit, Repair};
    match (repair, lang) {
        (Repair::ActiveEnded { .. }, Lang::Ja) => format!(
            "「{title}」の途中の回答は、問題が変わったため続けられません。この回答は終了しました。コースはもう一度最初から受けられます。"
        ),
        (Repair::ActiveEnded { .. }, Lang::En) => format!(
            "Your unfinished attempt at “{title}” cannot go on because its questions changed. It was ended; you can start the course again."
        ),
        (Repair::LastEnded { .. }, Lang::Ja) => format!(
            "「{title}」の前回の結果は、問題が変わったため1問ずつの表示ができなくなりました。点数と合否は履歴に残っています。"
        ),
        (Repair::LastEnded { .. }, Lang::En) => format!(
            "The last results of “{title}” can no longer be shown question by question because its questions changed. The score and pass stay in your history."
        ),
        (
            Repair::ReviewEnded {
                why: Misfit::QuestionChanged(_),
            },
            Lang::Ja,
        ) => "今日の復習は、答えた問題があとから改訂されたため終了しました。復習はもう一度始められます。".to_owned(),
        (
            Repair::ReviewEnded {
                why: Misfit::QuestionChanged(_),
            },
            Lang::En,
        ) => "Today's review was ended because a question you had answered was revised since. You can start a new review.".to_owned(),
        (Repair::ReviewEnded { .. }, Lang::Ja) => {
            "今日の復習は、出題中の問題がなくなったため終了しました。復習はもう一度始められます。".to_owned()
        }
        (Repair::ReviewEnded { .. }, Lang::En) => {
            "Today's review was ended because a question in it no longer exists. You can start a new review.".to_owned()
        }
        (Repair::Reasked { questions, .. }, Lang::Ja) => format!(
            "「{title}」の途中の回で、答えたあとに改訂された問題が {questions} 問ありました。その回答を取り消したので、改訂後の問題にもう一度答えてください。ほかの回答はそのままです。"
        ),
        (Repair::Reasked { questions, .. }, Lang::En) => format!(
            "{questions} of the questions you had answered in your unfinished attempt at “{title}” were revised since. Those answers were cleared: answer the revised questions again. Your other answers are kept."
        ),
        (Repair::Reopened { .. }, Lang::Ja) => format!(
            "「{title}」の回答は、終わっていない問題があったため、途中から続けられるようにしました。"
        ),
        (Repair::Reopened { .. }, Lang::En) => format!(
            "Your attempt at “{title}” still had unanswered questions, so it was reopened where you left off."
        ),
        (Repair::Recounted { passes, .. }, Lang::Ja) => format!(
            "「{title}」の以前の「間違えた問題だけ解き直す」{passes} 回は練習として記録し直しました。修了には、全問を受けて合格点に届くことが必要です。点数は履歴に残っています。"
        ),
        (Repair::Recounted { passes, .. }, Lang::En) => format!(
            "{passes} earlier retries of the missed questions of “{title}” are now recorded as practice. Completing the course takes a full attempt at the pass mark. Their scores stay in your history."
        ),
        (Repair::Clamped { .. }, Lang::Ja) => "保存されていた数値の一部を正しい範囲に直しました。".to_owned(),
        (Repair::Clamped { .. }, Lang::En) => "Some stored numbers were brought back into range.".to_owned(),
        (Repair::Refreshed { .. }, Lang::Ja) => "まだ答えていない問題を改訂後の内容で出題します。".to_owned(),
        (Repair::Refreshed { .. }, Lang::En) => "Questions not answered yet are now asked as revised.".to_owned(),
    }
}

/// The crash screen's words, in both languages at once: it is drawn with
/// plain DOM calls when the app itself has stopped.
pub struct CrashText {
    /// The heading.
    pub heading: &'static str,
    /// What happened and what to do, in Japanese.
    pub body_ja: &'static str,
    /// The same in English.
    pub body_en: &'static str,
    /// The link that saves the progress.
    pub save: &'static str,
    /// The reload link.
    pub reload: &'static str,
}

/// The crash screen's words.
pub const CRASH: CrashText = CrashText {
    heading: "問題が発生しました / Something went wrong",
    body_ja: "アプリの処理が止まりました。これまでの学習記録はこのブラウザに残っています。念のため記録を保存してから、ページを再読み込みしてください。",
    body_en: "The app stopped. Your progress is still stored in this browser. Save a copy, then reload the page.",
    save: "学習記録を保存する / Save my progress",
    reload: "再読み込み / Reload",
};

/// What the learner is told when a piece of the app's code could not be
/// fetched (`crash::CodeMissingNotice`); the buttons are `try_again` and
/// `reload`.
pub fn code_missing(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => {
            "アプリの一部を読み込めませんでした。ネットワークにつながっているか確かめて、もう一度お試しください。アプリの新しい版が公開されたときは、ページを再読み込みしてください。学習記録はそのまま残っています。"
        }
        Lang::En => {
            "Part of the app could not be loaded. Check the network connection and try again. If a new version of the app was released, reload the page. Your progress is safe."
        }
    }
}

/// Each language's name in itself, for the language choice.
pub const LANG_NAMES: (&str, &str) = ("日本語", "English");

/// A date, e.g. 2026年11月24日 or 2026-11-24.
pub fn long_date(lang: Lang, year: u32, month: u32, day: u32) -> String {
    match lang {
        Lang::Ja => format!("{year}年{month}月{day}日"),
        Lang::En => format!("{year}-{month:02}-{day:02}"),
    }
}

/// The learner's name as a certificate addresses them (山田 花子 様).
pub fn addressed(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Ja => format!("{name} 様"),
        Lang::En => name.to_owned(),
    }
}

/// "ほか 12 件" for a list cut short.
/// A checked file that revises the shipped course `title`: what publishing it does.
pub fn revision_notice(lang: Lang, title: &str) -> String {
    match lang {
        Lang::Ja => format!(
            "このファイルは配布済みのコース「{title}」の改訂版です（コースIDが同じです）。公開すると、このサイトの受講者には配布済みの版に代わってこの版が表示されます。問題IDが同じ問題は、受講者の学習記録が引き継がれます。これまでの修了の記録は、その時の版の修了としてそのまま残ります（受け直してほしいときは「合格の有効日数」を使います）。改訂版はこのブラウザへの追加や試しの受講はできないので、フォームの「受講者に見える形で表示」で確かめてから公開してください。"
        ),
        Lang::En => format!(
            "This file is a revision of the shipped course “{title}” (it has the same course id). Published, it is shown to learners on this site in place of the shipped version. Learners' progress stays with every question whose id is unchanged. Completions earned before stay as completions of the version then shipped (to have people take the course again, use the days a pass stays valid). A revision cannot be added to this browser or tried here; check it with the form's learner view before you publish it."
        ),
    }
}

pub fn more_items(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ja => format!("ほか {n} 件"),
        Lang::En => format!("and {n} more"),
    }
}

/// A day number (days since 1970-01-01) as `YYYY-MM-DD`.
pub fn day_string(day: i64) -> String {
    quiz_core::date::Date::from_days_since_epoch(day).to_string()
}

/// Where the learner's pass stands, in words; `None` when not passed.
pub fn pass_status(lang: Lang, state: quiz_core::progress::PassState) -> Option<String> {
    use quiz_core::progress::PassState;
    Some(match (state, lang) {
        (PassState::NotPassed, _) => return None,
        (
            PassState::Valid {
                until_day: None, ..
            },
            _,
        ) => ui(lang).passed.to_owned(),
        (
            PassState::Valid {
                until_day: Some(d), ..
            },
            Lang::Ja,
        ) => {
            format!("修了（{} まで有効）", day_string(d))
        }
        (
            PassState::Valid {
                until_day: Some(d), ..
            },
            Lang::En,
        ) => {
            format!("Completed (valid until {})", day_string(d))
        }
        (PassState::Expired { until_day, .. }, Lang::Ja) => format!(
            "有効期限切れ（{} まで有効でした）。もう一度受講してください",
            day_string(until_day)
        ),
        (PassState::Expired { until_day, .. }, Lang::En) => format!(
            "Expired (was valid until {}). Please take the course again",
            day_string(until_day)
        ),
    })
}

/// A pass's validity period: "365日" / "365 days".
pub fn valid_days(lang: Lang, days: u32) -> String {
    match lang {
        Lang::Ja => format!("{days}日"),
        Lang::En => format!("{days} days"),
    }
}

/// "修了 12 / 20（期限間近 3）" for one department and course.
pub fn completed_of(lang: Lang, completed: usize, members: usize, soon: usize) -> String {
    match (lang, soon) {
        (Lang::Ja, 0) => format!("{completed} / {members}"),
        (Lang::Ja, _) => format!("{completed} / {members}（期限間近 {soon}）"),
        (Lang::En, 0) => format!("{completed} / {members}"),
        (Lang::En, _) => format!("{completed} / {members} ({soon} expire soon)"),
    }
}

/// A state with the last valid day: "修了（2027-11-30 まで）".
pub fn state_until(lang: Lang, label: &str, date: &str) -> String {
    match lang {
        Lang::Ja => format!("{label}（{date} まで）"),
        Lang::En => format!("{label} (until {date})"),
    }
}

/// "読み込んでいます 120 / 2000".
pub fn reading_files(lang: Lang, n: usize, total: usize) -> String {
    match lang {
        Lang::Ja => format!("結果ファイルを読み込んでいます {n} / {total}"),
        Lang::En => format!("Reading results files {n} of {total}"),
    }
}

/// "2000 件の結果ファイルを読み込みました".
pub fn files_read(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Ja => format!("{n} 件の結果ファイルを読み込みました"),
        Lang::En => format!("{n} results files read"),
    }
}

/// A results file whose name does not match the roster's for its number.
pub fn mismatch_line(lang: Lang, staff_number: &str, roster_name: &str, file_name: &str) -> String {
    match lang {
        Lang::Ja => format!(
            "職員番号 {staff_number}: 名簿の氏名「{roster_name}」と結果ファイルの氏名「{file_name}」が一致しません"
        ),
        Lang::En => format!(
            "Staff number {staff_number}: the roster says “{roster_name}”, the results file “{file_name}”"
        ),
    }
}

/// A results file that joined no one, and why.
pub fn unmatched_line(
    lang: Lang,
    reason: quiz_core::status::UnmatchedReason,
    staff_number: &str,
    learner: &str,
) -> String {
    use quiz_core::status::UnmatchedReason::*;
    let why = match (reason, lang) {
        (UnknownStaffNumber, Lang::Ja) => "職員番号が名簿にありません",
        (UnknownStaffNumber, Lang::En) => "the staff number is not in the roster",
        (NameNotInRoster, Lang::Ja) => "職員番号がなく、氏名も名簿にありません",
        (NameNotInRoster, Lang::En) => "no staff number, and the name is not in the roster",
        (NameNotUnique, Lang::Ja) => "職員番号がなく、同じ氏名の職員が名簿に複数います",
        (NameNotUnique, Lang::En) => {
            "no staff number, and several staff in the roster have this name"
        }
        (Anonymous, Lang::Ja) => "職員番号も氏名もありません",
        (Anonymous, Lang::En) => "neither a staff number nor a name",
    };
    format!("{staff_number} {learner}: {why}")
}

/// The trainer screen's strings for one language: kept apart from [`Ui`]
/// so that a learner's first load does not carry them. Every [`Ui`] string
/// is reachable through it too (`Deref`).
pub struct TrainerUi {
    /// The strings every screen shares.
    pub common: &'static Ui,
    pub trainer_intro: &'static str,
    pub preview_heading: &'static str,
    pub preview_label: &'static str,
    pub drop_hint: &'static str,
    pub preview_ok: &'static str,
    pub preview_problems: &'static str,
    pub try_now: &'static str,
    pub keep_local: &'static str,
    pub kept_local: &'static str,
    /// The mark of a published revision of a shipped course.
    pub published_revision: &'static str,
    pub local_heading: &'static str,
    pub convert_heading: &'static str,
    /// The Excel section: heading, what it is for, the buttons.
    pub sheet_heading: &'static str,
    pub sheet_explain: &'static str,
    pub sheet_template: &'static str,
    pub sheet_xlsx_as_csv: &'static str,
    pub sheet_unreadable: &'static str,
    /// The `.xlsx` reader and writer (the sheet worker): reading, and why
    /// it could not run.
    pub sheet_reading: &'static str,
    pub sheet_worker_unavailable: &'static str,
    pub sheet_worker_failed: &'static str,
    /// A listed course exported to the template.
    pub export_heading: &'static str,
    pub export_explain: &'static str,
    pub export_label: &'static str,
    pub export_button: &'static str,
    pub export_working: &'static str,
    pub export_done: &'static str,
    pub export_losses: &'static str,
    pub convert_format: &'static str,
    pub convert_label: &'static str,
    pub convert_skipped: &'static str,
    pub convert_todo: &'static str,
    pub convert_download: &'static str,
    pub convert_done: &'static str,
    pub gather_heading: &'static str,
    pub results_label: &'static str,
    pub results_table_caption: &'static str,
    pub col_learner: &'static str,
    pub col_course: &'static str,
    pub col_best: &'static str,
    pub col_passed_on: &'static str,
    pub col_attempts: &'static str,
    pub file_failed: &'static str,
    pub hand_out_heading: &'static str,
    pub hand_out_steps: &'static str,
    pub hand_out_save: &'static str,
    pub publish_heading: &'static str,
    pub publish_steps: &'static str,
    pub publish_save_course: &'static str,
    pub publish_save_index: &'static str,
    pub published_heading: &'static str,
    pub published_none: &'static str,
    pub published_offline: &'static str,
    pub published_shown: &'static str,
    pub published_last_good: &'static str,
    pub published_hidden: &'static str,
    pub unpublish: &'static str,
    pub status_heading: &'static str,
    pub status_intro: &'static str,
    pub roster_label: &'static str,
    pub status_results_label: &'static str,
    pub roster_problems: &'static str,
    pub status_caption: &'static str,
    pub col_department: &'static str,
    pub col_staff_number: &'static str,
    pub department_choose: &'static str,
    pub people_caption: &'static str,
    pub status_save_csv: &'static str,
    pub mismatches_heading: &'static str,
    pub unmatched_heading: &'static str,
    pub stats_heading: &'static str,
    pub stats_choose_course: &'static str,
    pub stats_caption: &'static str,
    pub stats_none: &'static str,
    pub lrs_heading: &'static str,
    pub lrs_intro: &'static str,
    pub lrs_endpoint: &'static str,
    pub lrs_username: &'static str,
    pub lrs_password: &'static str,
    pub lrs_since: &'static str,
    pub lrs_read: &'static str,
    pub lrs_auth_failed: &'static str,
    pub lrs_unreachable: &'static str,
    pub stats_explain: &'static str,
    pub col_question: &'static str,
    pub col_answered: &'static str,
    pub col_right_rate: &'static str,
    pub col_discrimination: &'static str,
    pub col_picks: &'static str,
    pub local_save_failed: &'static str,
    pub local_unreadable: &'static str,
    pub preview_warnings: &'static str,
    pub rejected_heading: &'static str,
    pub rejected_explain: &'static str,
}

impl std::ops::Deref for TrainerUi {
    type Target = Ui;
    fn deref(&self) -> &Ui {
        self.common
    }
}

static JA_TRAINER: TrainerUi = TrainerUi {
    common: &JA,
    trainer_intro: "問題ファイルの確認、Moodle からの変換、受講者の結果のとりまとめができます。ファイルはこのブラウザの中だけで処理され、どこにも送信されません。",
    preview_heading: "問題ファイルを確認する",
    preview_label: "コースのファイル（.toml か、Excel の表を保存した .csv）を選ぶ",
    drop_hint: "ここにファイルをドロップすることもできます",
    preview_ok: "問題は見つかりませんでした",
    preview_problems: "直す必要がある箇所",
    try_now: "今すぐ受講してみる",
    keep_local: "このブラウザに保存して一覧に出す",
    kept_local: "このブラウザのコース一覧に追加しました",
    published_revision: "配布済みのコースの改訂版",
    local_heading: "このブラウザに追加したコース",
    convert_heading: "Moodle の問題（GIFT・Aiken）を変換する",
    sheet_heading: "Excel でコースを作る",
    sheet_explain: "テンプレートをダウンロードし、シート「コース」と「問題」に書き込みます。保存した Excel のファイル（.xlsx）を上の「問題ファイルを確認する」で選んでください（CSV で保存した 問題.csv・コース.csv を2つ一緒に選んでも読めます）。直す箇所はシート名とセル（例: 問題!K7）で示します。シート「説明」に各列の書き方があります。",
    sheet_template: "テンプレートをダウンロード（Excel）",
    sheet_xlsx_as_csv: "1つのファイル版（kenshu.html）では Excel のファイル（.xlsx）を読み込めません。サイトの研修ページで選ぶか、Excel で「名前を付けて保存」から、シート「問題」と「コース」をそれぞれ「CSV UTF-8（コンマ区切り）」か「CSV（コンマ区切り）」で 問題.csv・コース.csv として保存し、2つを一緒に選んでください。",
    sheet_unreadable: "ファイルを読み込めませんでした。Excel で開けるか確かめ、もう一度選んでください。",
    sheet_reading: "Excel のファイルを読み込んでいます…",
    sheet_worker_unavailable: "Excel のファイルを読み書きする部品を読み込めませんでした（ネットワークにつながっていないか、サイトにその部品がありません）。接続を確かめてもう一度試すか、シート「問題」と「コース」を CSV で保存して選んでください。",
    sheet_worker_failed: "Excel のファイルを処理できませんでした。もう一度試すか、シート「問題」と「コース」を CSV で保存して選んでください。",
    export_heading: "コースを Excel で書き出す",
    export_explain: "同梱のコース、公開中のコース、この端末に保存したコースを、テンプレートの形（.xlsx）で書き出します。Excel で直して上の「問題ファイルを確認する」で選べば、問題IDはそのまま残り、受講者の記録も引き継がれます。",
    export_label: "書き出すコース",
    export_button: "Excel でダウンロード",
    export_working: "書き出しています…",
    export_done: "書き出しました",
    export_losses: "表に入らず、読み戻すと失われるもの",
    convert_format: "ファイルの形式",
    convert_label: "変換するファイルを選ぶ",
    convert_skipped: "変換できなかった項目",
    convert_todo: "quizzes/ に置く前に記入が必要な箇所",
    convert_download: "変換結果（.toml）をダウンロード",
    convert_done: "問を変換しました",
    gather_heading: "受講者の結果をとりまとめる",
    results_label: "受講者から届いた結果ファイル（CSV または JSON、複数可）を選ぶ",
    results_table_caption: "受講者ごとの結果",
    col_learner: "氏名",
    col_course: "コース",
    col_best: "最高点",
    col_passed_on: "合格日",
    col_attempts: "受講回数",
    file_failed: "読み込めませんでした",
    hand_out_heading: "配布用ファイルに加える",
    hand_out_steps: "このコースを加えた新しい配布用ファイル（kenshu.html）を保存します。共有フォルダやメールで配ってください。開くと、このコースがほかのコースと並んで表示されます。同じブラウザで開けば、問題の id が変わらない限り学習記録は引き継がれます。",
    hand_out_save: "このコースを加えた配布用ファイルを保存",
    publish_heading: "このサイトの全員に公開する",
    publish_steps: "次の2つのファイルを保存し、公開しているサイト（イントラネットのサーバーなど）の courses フォルダに置いてください（同じ名前のファイルは置き換えます）。受講者が次にアプリを開いたときから一覧に出ます。アプリは表示する前に同じチェックをし直し、ここで確認したファイルと違うものや誤りのあるものは受講者に表示しません。",
    publish_save_course: "1. コースのファイルを保存",
    publish_save_index: "2. 公開一覧（published.json）を保存",
    published_heading: "このサイトで公開中のコース",
    published_none: "このサイトで公開しているコースはありません。",
    published_offline: "公開一覧を読み込めませんでした。この端末に残っている前回の版を表示しています。",
    published_shown: "受講者に表示中",
    published_last_good: "このファイルは表示していません。前回チェックを通った版を表示中",
    published_hidden: "このファイルは受講者に表示していません",
    unpublish: "公開をやめる（新しい published.json を保存）",
    status_heading: "受講状況（所属別）",
    status_intro: "人事の職員名簿（CSV）と、受講者から届いた結果ファイルを選ぶと、所属・コースごとに修了者と未修了者、合格の期限が近い人が分かります。名簿と氏名が一致しない結果ファイルは集計に含めず、一覧で知らせます。ファイルはこのブラウザの中だけで処理されます。",
    roster_label: "職員名簿（CSV: 職員番号・氏名・所属。Excel の Shift_JIS でも UTF-8 でも読めます）",
    status_results_label: "名簿と照合する結果ファイル（CSV または JSON、複数可）",
    roster_problems: "名簿で読めなかった行",
    status_caption: "所属・コースごとの修了者数（修了 / 人数）",
    col_department: "所属",
    col_staff_number: "職員番号",
    department_choose: "所属を選ぶと、一人ずつの状況を表示します",
    people_caption: "一人ずつの状況",
    status_save_csv: "受講状況を保存（CSV・Excel 用）",
    mismatches_heading: "氏名が名簿と一致しない結果ファイル（集計に含めていません）",
    unmatched_heading: "名簿で見つからない結果ファイル",
    stats_heading: "問題ごとの分析",
    stats_choose_course: "分析するコース",
    stats_caption: "問題ごとの正答率・識別力・選択肢ごとの選択数",
    stats_none: "このコースの回答の記録がある結果ファイルがありません（新しい版のアプリで保存した結果ファイルに記録されます）。",
    lrs_heading: "学習記録システム（LRS）から読み込む",
    lrs_intro: "この職場が研修記録を LRS に送信している場合は、結果ファイルの代わりに LRS から読み込めます（結果ファイルと合わせて集計します）。読み取りの権限があるアカウントを入力してください。パスワードはこの画面を閉じると消え、保存されません。",
    lrs_endpoint: "LRS のアドレス（xAPI）",
    lrs_username: "ユーザー名",
    lrs_password: "パスワード",
    lrs_since: "この日以降に記録されたものだけ（空欄ならすべて）",
    lrs_read: "LRS から読み込む",
    lrs_auth_failed: "ユーザー名かパスワードが違うか、読み取りの権限がありません。",
    lrs_unreachable: "LRS に接続できません。アドレスと、このサイトからの接続が LRS とこのサイトの設定で許可されているかを確認してください。",
    stats_explain: "正答率が極端に高い・低い問題、識別力（成績上位27%と下位27%の正答率の差）が0に近いか負の問題、誰も選ばない選択肢は、見直しの候補です。",
    col_question: "問題",
    col_answered: "回答数",
    col_right_rate: "正答率",
    col_discrimination: "識別力",
    col_picks: "選択肢ごとの選択数",
    local_save_failed: "このブラウザに保存できませんでした（保存領域に空きがないか、保存が禁止されています）。一覧は変わっていません。",
    local_unreadable: "このブラウザに保管されていたコースの一覧を読めませんでした。元のデータは控えとして設定画面に保管しています。",
    preview_warnings: "出題のくせの警告（公開はできますが、見直しをおすすめします）",
    rejected_heading: "チェックを通らなくなった保管中のファイル",
    rejected_explain: "アプリの更新などで、次のファイルはチェックを通らなくなりました。一覧には出していませんが、消さずに保管しています。直したファイルを読み込み直すか、不要なら削除してください。",
};

static EN_TRAINER: TrainerUi = TrainerUi {
    common: &EN,
    trainer_intro: "Check question files, convert Moodle exports, and combine learners' results. Files are processed only in this browser and never sent anywhere.",
    preview_heading: "Check a question file",
    preview_label: "Choose a course file (.toml, or .csv saved from the Excel template)",
    drop_hint: "You can also drop a file here",
    preview_ok: "No problems found",
    preview_problems: "Problems to fix",
    try_now: "Take it now",
    keep_local: "Keep it in this browser's course list",
    kept_local: "Added to this browser's course list",
    published_revision: "revision of a shipped course",
    local_heading: "Courses added in this browser",
    convert_heading: "Convert Moodle questions (GIFT, Aiken)",
    sheet_heading: "Make a course in Excel",
    sheet_explain: "Download the template and fill in the sheets 「コース」 and 「問題」, then choose the saved Excel file (.xlsx) under “Check a question file” above (the sheets saved as CSV, 問題.csv and コース.csv chosen together, are read too). Problems are shown by sheet and cell (e.g. 問題!K7). The sheet 「説明」 explains every column.",
    sheet_template: "Download the template (Excel)",
    sheet_xlsx_as_csv: "The single-file version (kenshu.html) cannot read Excel files (.xlsx). Choose it on the site's training page, or in Excel, use Save As to save the sheets 「問題」 and 「コース」 each as “CSV UTF-8 (comma delimited)” or “CSV (comma delimited)”, named 問題.csv and コース.csv, then choose both together.",
    sheet_unreadable: "The file could not be read. Check that Excel opens it, then choose it again.",
    sheet_reading: "Reading the Excel file…",
    sheet_worker_unavailable: "The part that reads and writes Excel files could not be loaded (no network, or the site does not have it). Check the connection and try again, or save the sheets 「問題」 and 「コース」 as CSV and choose those.",
    sheet_worker_failed: "The Excel file could not be processed. Try again, or save the sheets 「問題」 and 「コース」 as CSV and choose those.",
    export_heading: "Export a course to Excel",
    export_explain: "Saves a shipped, published or locally kept course in the template's form (.xlsx). Edit it in Excel and choose it under “Check a question file” above: question ids stay as they are, so learners' records carry over.",
    export_label: "Course to export",
    export_button: "Download as Excel",
    export_working: "Exporting…",
    export_done: "Exported",
    export_losses: "What the template cannot carry (lost on the way back)",
    convert_format: "File format",
    convert_label: "Choose a file to convert",
    convert_skipped: "Items not converted",
    convert_todo: "To fill in before it goes into quizzes/",
    convert_download: "Download the converted file (.toml)",
    convert_done: "questions converted",
    gather_heading: "Combine learners' results",
    results_label: "Choose learners' results files (CSV or JSON, several at once)",
    results_table_caption: "Results by learner",
    col_learner: "Learner",
    col_course: "Course",
    col_best: "Best",
    col_passed_on: "Passed on",
    col_attempts: "Attempts",
    file_failed: "could not be read",
    hand_out_heading: "Add to the hand-out file",
    hand_out_steps: "Save a new hand-out file (kenshu.html) with this course inside, and share it (a shared folder, email). Opened, it lists this course beside the others. In the same browser, progress carries over wherever question ids did not change.",
    hand_out_save: "Save a hand-out file with this course",
    publish_heading: "Publish to everyone using this site",
    publish_steps: "Save the two files below and put them into the courses folder of the site (on the intranet server or wherever it is hosted), replacing files of the same name. Learners see the course from their next visit. The app checks it again before showing it: a file that differs from the one checked here, or that has problems, is never shown to learners.",
    publish_save_course: "1. Save the course file",
    publish_save_index: "2. Save the list of published courses (published.json)",
    published_heading: "Courses published on this site",
    published_none: "This site publishes no course.",
    published_offline: "The list of published courses could not be loaded. The versions last seen on this device are shown.",
    published_shown: "shown to learners",
    published_last_good: "this file is not shown; the last good version is shown",
    published_hidden: "this file is not shown to learners",
    unpublish: "Stop publishing (save a new published.json)",
    status_heading: "Who completed, by department",
    status_intro: "Choose the staff roster (CSV) from the personnel system and the results files learners sent: you see, per department and course, who completed, who has not, and whose pass expires soon. A results file whose name does not match the roster is listed, never counted. Files are processed in this browser only.",
    roster_label: "Staff roster (CSV: 職員番号, 氏名, 所属; Shift_JIS as Excel writes it, or UTF-8)",
    status_results_label: "Results files to match against the roster (CSV or JSON, several at once)",
    roster_problems: "Roster lines that could not be read",
    status_caption: "Completed per department and course (completed / members)",
    col_department: "Department",
    col_staff_number: "Staff number",
    department_choose: "Choose a department to see each person",
    people_caption: "Each person",
    status_save_csv: "Save the status (CSV for Excel)",
    mismatches_heading: "Results files whose name does not match the roster (not counted)",
    unmatched_heading: "Results files that match no one in the roster",
    stats_heading: "Item statistics",
    stats_choose_course: "Course to analyse",
    stats_caption: "Per question: proportion right, discrimination and how often each choice was picked",
    stats_none: "No results file holds answers for this course (files saved by this version of the app do).",
    lrs_heading: "Read from the learning record store (LRS)",
    lrs_intro: "If this site sends training records to an LRS, you can read them from there instead of results files (both are combined). Enter an account that may read statements. The password is forgotten when you leave this screen and never stored.",
    lrs_endpoint: "LRS address (xAPI)",
    lrs_username: "User name",
    lrs_password: "Password",
    lrs_since: "Only records stored from this day (empty: all)",
    lrs_read: "Read from the LRS",
    lrs_auth_failed: "The user name or password is wrong, or the account may not read statements.",
    lrs_unreachable: "The LRS cannot be reached. Check the address, and that both the LRS and this site's settings allow this site to connect.",
    stats_explain: "Questions almost everyone gets right or wrong, with a discrimination (proportion right in the top 27 % minus the bottom 27 %) near zero or negative, and choices nobody picks are candidates for rewriting.",
    col_question: "Question",
    col_answered: "Answered",
    col_right_rate: "Right",
    col_discrimination: "Discrimination",
    col_picks: "Picks per choice",
    local_save_failed: "This could not be saved in this browser (storage is full or blocked). The list has not changed.",
    local_unreadable: "The list of courses kept in this browser could not be read. The original data is kept as a copy in Settings.",
    preview_warnings: "Item-writing warnings (the course can be used, but consider revising)",
    rejected_heading: "Kept files that no longer pass the check",
    rejected_explain: "After an update, these kept files no longer pass the check. They are not listed for learners, but they are kept. Load a corrected file again, or remove them.",
};

/// The trainer screen's strings for a language.
pub fn trainer_ui(lang: Lang) -> &'static TrainerUi {
    match lang {
        Lang::Ja => &JA_TRAINER,
        Lang::En => &EN_TRAINER,
    }
}

/// The words about reporting to an LRS: only deployments that turn it on
/// show them, so they stay out of the first load (settings and the
/// reporting notice are later chunks).
pub struct ReportingUi {
    pub name_label_reporting: &'static str,
    pub reporting_heading: &'static str,
    pub reporting_intro: &'static str,
    pub reporting_destination: &'static str,
    pub reporting_later: &'static str,
    pub reporting_send_now: &'static str,
    pub reporting_nothing_waiting: &'static str,
    pub reporting_last_error: &'static str,
    pub reporting_broken: &'static str,
    pub reporting_sending: &'static str,
    pub reporting_sign_in: &'static str,
    pub reporting_busy: &'static str,
    pub reporting_server_error: &'static str,
    pub reporting_storage_failed: &'static str,
    pub reporting_unclaimed_intro: &'static str,
    pub reporting_unclaimed_set_number: &'static str,
    pub reporting_unclaimed_confirm: &'static str,
    pub reporting_claim: &'static str,
}

static JA_REPORTING: ReportingUi = ReportingUi {
    name_label_reporting: "修了証に載せるお名前（研修の記録とともに組織の学習記録システムにも送信されます）",
    reporting_heading: "研修記録の送信",
    reporting_intro: "この職場の設定により、コースの開始、各問の回答、結果（合否と得点）が、職員番号・氏名・所属とともに組織の学習記録システム（LRS）に送信されます。送信できないあいだは、このブラウザに保管して、つながったときに送ります。",
    reporting_destination: "送信先",
    reporting_later: "つながりしだい、自動で送信します。",
    reporting_send_now: "今すぐ送信する",
    reporting_nothing_waiting: "送信を待っている記録はありません。",
    reporting_last_error: "前回の送信で起きたこと",
    reporting_broken: "この職場の送信設定を読み取れないため、記録は送信していません（このブラウザには保存されています）。管理者にお知らせください。",
    reporting_sending: "送信しています。",
    reporting_sign_in: "送信先（LRS）がこのサイトのサインインを受け付けません（この職場の送信設定のユーザー名かパスワードが違う可能性があります）。記録はこのブラウザに保管しています。管理者にお知らせください。送信は 1 時間ごとに試みます。",
    reporting_busy: "送信先（LRS）が混み合っているため、時間をおいて自動で送信します。",
    reporting_server_error: "送信先（LRS）で問題が起きているため、時間をおいて自動で送信します。",
    reporting_storage_failed: "研修の記録をこのブラウザに保存できませんでした。このページは開いたままにしてください（閉じると、まだ送信していない記録が失われます）。ブラウザの空き容量と設定を確認してください。",
    reporting_unclaimed_intro: "職員番号が設定されていないあいだに受けた研修の記録があります。誰の記録か分からないため、送信せずにこのブラウザに残しています（あとから設定された職員番号で自動的に送ることはありません）。",
    reporting_unclaimed_set_number: "あなたが受けたものであれば、設定画面で職員番号を入力してから、ここで送信してください。",
    reporting_unclaimed_confirm: "あなたが受けたものだけ「私の記録として送信する」を押してください。ほかの方の記録は、そのままにしてください（送信されません）。",
    reporting_claim: "私の記録として送信する",
};

static EN_REPORTING: ReportingUi = ReportingUi {
    name_label_reporting: "Your name for the certificate (also sent with your training records to your organisation's learning record system)",
    reporting_heading: "Sending your training records",
    reporting_intro: "As this site is set up, starting a course, each answer and your results (pass or fail and score) are sent with your staff number, name and department to your organisation's learning record store (LRS). While they cannot be sent, they are kept in this browser and sent once it connects.",
    reporting_destination: "Sent to",
    reporting_later: "They will be sent automatically once the connection is back.",
    reporting_send_now: "Send now",
    reporting_nothing_waiting: "No records are waiting to be sent.",
    reporting_last_error: "What happened on the last try",
    reporting_broken: "This site's reporting settings cannot be read, so nothing is being sent (your progress is saved in this browser). Please tell the administrator.",
    reporting_sending: "Sending.",
    reporting_sign_in: "The learning record store (LRS) refuses this site's sign-in (the user name or password in this site's reporting settings may be wrong). Your records are kept in this browser. Please tell the administrator. Sending is tried once an hour.",
    reporting_busy: "The learning record store (LRS) is busy; your records will be sent automatically a little later.",
    reporting_server_error: "The learning record store (LRS) has a problem; your records will be sent automatically a little later.",
    reporting_storage_failed: "Your training records could not be saved in this browser. Please keep this page open (closing it loses the records not sent yet), and check the browser's free space and settings.",
    reporting_unclaimed_intro: "Some training was taken while no staff number was set. As nobody knows whose records these are, they are kept in this browser and not sent (they are never sent automatically under a staff number set later).",
    reporting_unclaimed_set_number: "If you took it, enter your staff number in Settings, then send it from here.",
    reporting_unclaimed_confirm: "Press \"Send as my records\" only for what you took yourself. Leave other people's records as they are (they are not sent).",
    reporting_claim: "Send as my records",
};

/// The reporting strings for a language.
pub fn reporting_ui(lang: Lang) -> &'static ReportingUi {
    match lang {
        Lang::Ja => &JA_REPORTING,
        Lang::En => &EN_REPORTING,
    }
}

/// The words about an LMS that launched the SCORM package: only that
/// package's page shows them, from the SCORM session's own chunk.
pub struct ScormUi {
    pub scorm_browse: &'static str,
    pub scorm_review: &'static str,
    pub scorm_no_credit: &'static str,
    pub scorm_suspend_kept: &'static str,
    pub scorm_suspend_left: &'static str,
}

static JA_SCORM: ScormUi = ScormUi {
    scorm_browse: "このコースは学習管理システム（LMS）の「閲覧」モードで開かれているため、受講の結果は LMS に記録されません（このブラウザには保存されます）。",
    scorm_review: "このコースは学習管理システム（LMS）の「復習」モードで開かれているため、これまでの結果を表示しています。ここで受講しても LMS の記録は変わりません（このブラウザには保存されます）。",
    scorm_no_credit: "学習管理システム（LMS）の設定により、この受講は修了の記録の対象外です。合否と得点は LMS に送りません（このブラウザには保存されます）。",
    scorm_suspend_kept: "学習管理システム（LMS）から受け取った前回の途中経過は、このコース（この版）のものとして読めなかったため使っていません。このブラウザの記録はそのままです。受け取ったデータは、設定画面の「控え」に残しました。",
    scorm_suspend_left: "学習管理システム（LMS）から受け取った前回の途中経過は、このコース（この版）のものとして読めなかったため使っていません。このブラウザの記録はそのままで、受け取ったデータは LMS に残したままにしています。",
};

static EN_SCORM: ScormUi = ScormUi {
    scorm_browse: "The learning management system (LMS) opened this course in browse mode, so your results are not recorded there (they are saved in this browser).",
    scorm_review: "The learning management system (LMS) opened this course in review mode: your results so far are shown. Taking it here does not change what the LMS recorded (it is saved in this browser).",
    scorm_no_credit: "The learning management system (LMS) opened this course not for credit: pass or fail and your score are not sent to it (they are saved in this browser).",
    scorm_suspend_kept: "The progress the learning management system (LMS) kept from last time could not be read as this course's (this version's), so it was not used. Your record in this browser is unchanged; a copy of what the LMS gave is kept under backups in Settings.",
    scorm_suspend_left: "The progress the learning management system (LMS) kept from last time could not be read as this course's (this version's), so it was not used. Your record in this browser is unchanged, and the LMS keeps what it gave.",
};

/// The SCORM strings for a language.
pub fn scorm_ui(lang: Lang) -> &'static ScormUi {
    match lang {
        Lang::Ja => &JA_SCORM,
        Lang::En => &EN_SCORM,
    }
}

/// The LMS refused to record (or, `at_start`, to begin a session), with
/// its error code and words; the learner's answers are kept in this browser.
pub fn scorm_refused(lang: Lang, at_start: bool, code: &str, text: &str) -> String {
    let said = [code, text]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    match (lang, at_start) {
        (Lang::Ja, false) => format!(
            "学習管理システム（LMS）が受講の結果を受け付けていません（LMS の応答: {said}）。回答と結果はこのブラウザに保存されています。次に回答したときと、このページを閉じるときに、もう一度記録を試みます。"
        ),
        (Lang::Ja, true) => format!(
            "学習管理システム（LMS）との接続を始められませんでした（LMS の応答: {said}）。この受講は LMS に記録されませんが、回答と結果はこのブラウザに保存されています。"
        ),
        (Lang::En, false) => format!(
            "The learning management system (LMS) is not accepting your results (it said: {said}). Your answers and results are kept in this browser; recording is tried again with your next answer and when you leave this page."
        ),
        (Lang::En, true) => format!(
            "The learning management system (LMS) did not start a session (it said: {said}). This visit is not recorded there, but your answers and results are kept in this browser."
        ),
    }
}

/// The form editor's strings for one language (`#/trainer/editor`): its
/// own struct, so neither a learner's first load nor the trainer screen
/// carries more than a link. Templates with `{n}` take a number.
pub struct EditorUi {
    pub link: &'static str,
    pub link_explain: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub back: &'static str,
    pub start_heading: &'static str,
    pub new_course: &'static str,
    pub open_label: &'static str,
    pub open_choose: &'static str,
    pub open_button: &'static str,
    pub group_shipped: &'static str,
    pub group_kept: &'static str,
    pub group_published: &'static str,
    pub open_file_label: &'static str,
    pub open_file_failed: &'static str,
    pub open_fetch_failed: &'static str,
    pub origin_new: &'static str,
    pub origin_shipped: &'static str,
    pub origin_kept: &'static str,
    pub origin_published: &'static str,
    pub origin_file: &'static str,
    pub settings_heading: &'static str,
    pub course_id: &'static str,
    pub course_id_hint: &'static str,
    pub course_title: &'static str,
    pub description: &'static str,
    pub policy: &'static str,
    pub pass_mark: &'static str,
    pub draw: &'static str,
    pub draw_hint: &'static str,
    pub valid_days: &'static str,
    pub course_checked: &'static str,
    pub date_hint: &'static str,
    pub order: &'static str,
    pub areas: &'static str,
    pub areas_hint: &'static str,
    pub questions_heading: &'static str,
    pub no_questions: &'static str,
    pub question_n: &'static str,
    pub question_id: &'static str,
    pub kind: &'static str,
    pub kind_single: &'static str,
    pub kind_multiple: &'static str,
    pub kind_truefalse: &'static str,
    pub scenario: &'static str,
    pub prompt: &'static str,
    pub choices_legend: &'static str,
    pub choices_hint_single: &'static str,
    pub choices_hint_multiple: &'static str,
    pub choice_n: &'static str,
    pub right_n: &'static str,
    pub feedback_n: &'static str,
    pub remove_choice_n: &'static str,
    pub add_choice: &'static str,
    pub truth_legend: &'static str,
    pub truth_true: &'static str,
    pub truth_false: &'static str,
    pub feedback_true: &'static str,
    pub feedback_false: &'static str,
    pub explanation: &'static str,
    pub sources: &'static str,
    pub tags: &'static str,
    pub difficulty: &'static str,
    pub difficulty_none: &'static str,
    pub difficulty_1: &'static str,
    pub difficulty_2: &'static str,
    pub difficulty_3: &'static str,
    pub question_checked: &'static str,
    pub pin_order: &'static str,
    pub partial_credit: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub remove_question: &'static str,
    pub add_single: &'static str,
    pub add_multiple: &'static str,
    pub add_truefalse: &'static str,
    pub preview: &'static str,
    pub preview_right: &'static str,
    pub summary_heading: &'static str,
    pub summary_ok: &'static str,
    pub summary_errors: &'static str,
    pub summary_notes: &'static str,
    pub summary_course: &'static str,
    /// Between a question and its field in the summary: 問題 2・正解.
    pub place_sep: &'static str,
    pub save_heading: &'static str,
    pub save_blocked: &'static str,
    pub download_toml: &'static str,
    pub download_xlsx: &'static str,
    pub xlsx_working: &'static str,
    pub xlsx_failed: &'static str,
    pub publish: &'static str,
    pub publish_explain: &'static str,
    pub download_failed: &'static str,
    pub discard: &'static str,
    pub discard_confirm: &'static str,
    pub discard_yes: &'static str,
    pub discard_no: &'static str,
    pub saved: &'static str,
    pub save_failed: &'static str,
    pub unreadable: &'static str,
    pub unreadable_not_kept: &'static str,
}

impl EditorUi {
    /// A template with its `{n}` filled in.
    pub fn n(template: &str, n: usize) -> String {
        template.replace("{n}", &n.to_string())
    }
}

static JA_EDITOR: EditorUi = EditorUi {
    link: "フォームでコースを作る・直す",
    link_explain: "Excel を使わずに、この画面の入力欄でコースを作ったり、配布済み・公開中のコースを直したりできます。書いた内容はこのブラウザに自動で保存されます。",
    title: "フォームでコースを作る・直す",
    intro: "入力した内容は、このブラウザに自動で保存されます（再読み込みしたり、タブを閉じたりしても消えません）。直す必要がある箇所は、その入力欄のすぐ下と、上の「チェックの結果」に表示されます。問題ID は変わらないので、直したコースでも受講者の学習記録は引き継がれます。",
    back: "研修担当者向けの画面に戻る",
    start_heading: "作るコースを選ぶ",
    new_course: "新しいコースを作る",
    open_label: "直すコース",
    open_choose: "コースを選んでください",
    open_button: "このコースを開く",
    group_shipped: "配布済みのコース",
    group_kept: "このブラウザに追加したコース",
    group_published: "このサイトで公開中のコース",
    open_file_label: "コースのファイル（.toml）を開く",
    open_file_failed: "このファイルはコースとして読めませんでした。「問題ファイルを確認する」で直す箇所を確かめてください。",
    open_fetch_failed: "コースを読み込めませんでした。通信を確かめて、もう一度選んでください。",
    origin_new: "新しいコース",
    origin_shipped: "配布済みのコースを直しています",
    origin_kept: "このブラウザに追加したコースを直しています",
    origin_published: "公開中のコースを直しています",
    origin_file: "ファイルから開いたコースを直しています",
    settings_heading: "コースの設定",
    course_id: "コースID",
    course_id_hint: "半角の英小文字・数字・ハイフン（例: bousai-2027）。ほかのコースと重ならないものにし、公開後は変えません。",
    course_title: "タイトル",
    description: "説明（一覧に出る1〜2文）",
    policy: "運営方針（対応する項目）",
    pass_mark: "合格点（0〜100 のパーセント）",
    draw: "出題数",
    draw_hint: "1回に出す問題数。全問なら「全問」と書きます。",
    valid_days: "合格の有効日数（空なら期限なし）",
    course_checked: "確認日（内容を出典で確かめた日）",
    date_hint: "2026-12-01 のように書きます。",
    order: "並び順（小さいほど先。空でもかまいません）",
    areas: "出題範囲（空でもかまいません）",
    areas_hint: "毎回必ず出す分野を、1行に1分野「分野名：タグ、タグ」と書きます（2問以上なら「：2問」を足します）。",
    questions_heading: "問題",
    no_questions: "まだ問題がありません。下のボタンで追加してください。",
    question_n: "問題 {n}",
    question_id: "問題ID",
    kind: "形式",
    kind_single: "択一（正解が1つ）",
    kind_multiple: "複数（正解をすべて選ぶ）",
    kind_truefalse: "○×",
    scenario: "場面（空でもかまいません）",
    prompt: "問題文",
    choices_legend: "選択肢と正解",
    choices_hint_single: "正解の選択肢を1つ選びます。",
    choices_hint_multiple: "正解の選択肢をすべて選びます。",
    choice_n: "選択肢 {n}",
    right_n: "選択肢 {n} が正解",
    feedback_n: "選択肢 {n} を選んだ人へのひとこと（空でもかまいません）",
    remove_choice_n: "選択肢 {n} を削除",
    add_choice: "選択肢を追加",
    truth_legend: "正解",
    truth_true: "○（正しい）",
    truth_false: "×（誤り）",
    feedback_true: "○を選んだ人へのひとこと（空でもかまいません）",
    feedback_false: "×を選んだ人へのひとこと（空でもかまいません）",
    explanation: "解説（正解の理由と、間違えやすい選択肢が誤りである理由）",
    sources: "出典（1行に1つ。法令名と条、指針、運営方針の項目など）",
    tags: "タグ（「、」で区切る。空でもかまいません）",
    difficulty: "難易度",
    difficulty_none: "指定しない",
    difficulty_1: "1（基礎）",
    difficulty_2: "2（標準）",
    difficulty_3: "3（応用）",
    question_checked: "確認日（空ならコースの確認日）",
    pin_order: "選択肢の順番を固定する（ふつうは毎回並べ替えます）",
    partial_credit: "部分点にする（正しく選んだ数に応じて点を付けます）",
    move_up: "上へ移動",
    move_down: "下へ移動",
    remove_question: "この問題を削除",
    add_single: "択一の問題を追加",
    add_multiple: "複数選択の問題を追加",
    add_truefalse: "○×の問題を追加",
    preview: "受講者に見える形で表示",
    preview_right: "正解",
    summary_heading: "チェックの結果",
    summary_ok: "直す必要がある箇所はありません。保存・公開できます。",
    summary_errors: "直す必要がある箇所: {n}",
    summary_notes: "警告・助言（公開はできますが、見直しをおすすめします）: {n}",
    summary_course: "コース全体",
    place_sep: "・",
    save_heading: "保存と公開",
    save_blocked: "直す必要がある箇所があるうちは、保存・公開できません。",
    download_toml: "コースのファイル（.toml）を保存",
    download_xlsx: "Excel の表（.xlsx）で保存",
    xlsx_working: "Excel のファイルを作っています…",
    xlsx_failed: "Excel のファイルを作れませんでした。コースのファイル（.toml）で保存してください。",
    publish: "試す・公開する",
    publish_explain: "研修担当者向けの画面で、ファイルを選んだときと同じチェックをしてから、今すぐ受講してみる・このブラウザに保存する・全員に公開する手順に進みます。",
    download_failed: "ファイルを保存できませんでした。ブラウザがダウンロードを止めていないか確かめてください。",
    discard: "下書きを破棄",
    discard_confirm: "この下書きを破棄しますか？ 元に戻せません（保存したファイルや公開中のコースは消えません）。",
    discard_yes: "破棄する",
    discard_no: "やめる",
    saved: "下書きはこのブラウザに保存されています。",
    save_failed: "下書きをこのブラウザに保存できませんでした（保存領域に空きがないか、保存が禁止されています）。このタブを閉じる前に、コースのファイルを保存してください。",
    unreadable: "保存されていた下書きを読めませんでした。元のデータは控えとして設定画面に保管しています。",
    unreadable_not_kept: "保存されていた下書きを読めず、控えも残せませんでした。消さないよう、この画面では下書きを保存しません。",
};

static EN_EDITOR: EditorUi = EditorUi {
    link: "Write or change a course in a form",
    link_explain: "Without Excel: make a course in this app's form, or change a shipped or published one. What you type is saved in this browser as you go.",
    title: "Write or change a course in a form",
    intro: "What you type is saved in this browser as you go (a reload or a closed tab loses nothing). Whatever needs fixing is shown under its field and in “Check results” above. Question ids do not change, so learners' progress stays with a changed course.",
    back: "Back to the trainer tools",
    start_heading: "Choose a course",
    new_course: "Make a new course",
    open_label: "Course to change",
    open_choose: "Choose a course",
    open_button: "Open this course",
    group_shipped: "Shipped courses",
    group_kept: "Courses added in this browser",
    group_published: "Courses published on this site",
    open_file_label: "Open a course file (.toml)",
    open_file_failed: "This file could not be read as a course. Check it under “Check a question file” to see what to fix.",
    open_fetch_failed: "The course could not be loaded. Check the connection and choose it again.",
    origin_new: "A new course",
    origin_shipped: "Changing a shipped course",
    origin_kept: "Changing a course added in this browser",
    origin_published: "Changing a published course",
    origin_file: "Changing a course opened from a file",
    settings_heading: "Course settings",
    course_id: "Course id",
    course_id_hint: "Lower-case letters, digits and hyphens (e.g. bousai-2027), unlike any other course's; never changed once published.",
    course_title: "Title",
    description: "Description (one or two sentences in the list)",
    policy: "Policy section it serves",
    pass_mark: "Pass mark (percent, 0 to 100)",
    draw: "Questions per attempt",
    draw_hint: "How many questions one attempt asks; write 全問 for all.",
    valid_days: "Days a pass stays valid (empty: forever)",
    course_checked: "Checked on (when the facts were confirmed against the sources)",
    date_hint: "Write it like 2026-12-01.",
    order: "Listing order (smaller first; may be empty)",
    areas: "Areas every attempt covers (may be empty)",
    areas_hint: "One area a line: 「name：tag、tag」 (add 「：2問」 for two or more).",
    questions_heading: "Questions",
    no_questions: "No questions yet. Add one with the buttons below.",
    question_n: "Question {n}",
    question_id: "Question id",
    kind: "Kind",
    kind_single: "Single (one right choice)",
    kind_multiple: "Multiple (choose every right one)",
    kind_truefalse: "True or false (○×)",
    scenario: "Scenario (may be empty)",
    prompt: "Question",
    choices_legend: "Choices and the right answer",
    choices_hint_single: "Mark the one right choice.",
    choices_hint_multiple: "Mark every right choice.",
    choice_n: "Choice {n}",
    right_n: "Choice {n} is right",
    feedback_n: "Feedback for choice {n} (may be empty)",
    remove_choice_n: "Remove choice {n}",
    add_choice: "Add a choice",
    truth_legend: "Right answer",
    truth_true: "○ (true)",
    truth_false: "× (false)",
    feedback_true: "Feedback for ○ (may be empty)",
    feedback_false: "Feedback for × (may be empty)",
    explanation: "Explanation (why the answer is right and the tempting ones wrong)",
    sources: "Sources (one a line: law and article, guideline, policy section)",
    tags: "Tags (separated by 、; may be empty)",
    difficulty: "Difficulty",
    difficulty_none: "Not set",
    difficulty_1: "1 (basic)",
    difficulty_2: "2 (standard)",
    difficulty_3: "3 (advanced)",
    question_checked: "Checked on (empty: the course's date)",
    pin_order: "Keep the choices in this order (they are shuffled otherwise)",
    partial_credit: "Partial credit (points for each right mark)",
    move_up: "Move up",
    move_down: "Move down",
    remove_question: "Remove this question",
    add_single: "Add a single-choice question",
    add_multiple: "Add a multiple-choice question",
    add_truefalse: "Add a true-or-false question",
    preview: "Show as learners see it",
    preview_right: "Right answer",
    summary_heading: "Check results",
    summary_ok: "Nothing needs fixing. The course can be saved and published.",
    summary_errors: "To fix: {n}",
    summary_notes: "Warnings and advice (the course can be used, but consider revising): {n}",
    summary_course: "The course",
    place_sep: ", ",
    save_heading: "Save and publish",
    save_blocked: "The course can be saved and published once nothing needs fixing.",
    download_toml: "Save the course file (.toml)",
    download_xlsx: "Save as an Excel sheet (.xlsx)",
    xlsx_working: "Making the Excel file…",
    xlsx_failed: "The Excel file could not be made. Save the course file (.toml) instead.",
    publish: "Try or publish",
    publish_explain: "Goes to the trainer tools, checks the course as a chosen file is checked, and offers to take it now, keep it in this browser, or publish it to everyone.",
    download_failed: "The file could not be saved. Check that the browser allows downloads.",
    discard: "Discard the draft",
    discard_confirm: "Discard this draft? This cannot be undone (files you saved and published courses stay).",
    discard_yes: "Discard",
    discard_no: "Keep it",
    saved: "The draft is saved in this browser.",
    save_failed: "The draft could not be saved in this browser (storage is full or blocked). Save the course file before closing this tab.",
    unreadable: "The saved draft could not be read. The original data is kept as a copy in Settings.",
    unreadable_not_kept: "The saved draft could not be read, and no copy could be kept; so that it is not lost, this screen does not save drafts.",
};

/// The form editor's strings for a language.
pub fn editor_ui(lang: Lang) -> &'static EditorUi {
    match lang {
        Lang::Ja => &JA_EDITOR,
        Lang::En => &EN_EDITOR,
    }
}
