// A trainer without Excel writes a course in the form editor
// (#/trainer/editor): three kinds of question by keyboard alone, a reload
// that loses nothing, a saved file that `quizcheck --strict` takes, a
// shipped course changed with its ids kept, a problem beside its field,
// the hand-over to the trainer screen's try-and-publish steps, and the
// accessibility scan in light and dark.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';
import { expectNoAxeViolations, shippedCourses, test, expect } from './pages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = mkdtempSync(join(tmpdir(), 'kenshu-editor-'));

/** Runs the trainers' CLI; returns [exit code, output]. */
function quizcheck(...args) {
  try {
    const out = execFileSync('cargo', ['run', '-q', '-p', 'quiz-core', '--bin', 'quizcheck', '--', ...args], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return [0, out];
  } catch (e) {
    return [e.status, `${e.stdout}${e.stderr}`];
  }
}

/** Yesterday as YYYY-MM-DD: a checked date that is never stale. */
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

async function openEditor(page) {
  await page.goto('./#/trainer/editor');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('フォームでコースを作る・直す');
}

/** Presses Tab until `target` has the focus: it is reachable by keyboard. */
async function tabTo(page, target) {
  const handle = await target.elementHandle();
  for (let i = 0; i < 400; i += 1) {
    if (await page.evaluate((el) => document.activeElement === el, handle)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('not reachable with Tab');
}

/** Tabs to a field and types into it. */
async function typeInto(page, target, text) {
  await tabTo(page, target);
  await page.keyboard.type(text);
}

test('a course of three kinds is written by keyboard alone, survives a reload and saves a file quizcheck --strict takes', async ({ page }) => {
  // Typing every character, and the CLI built on its first use.
  test.setTimeout(120_000);
  await openEditor(page);
  await tabTo(page, page.getByRole('button', { name: '新しいコースを作る' }));
  await page.keyboard.press('Enter');
  // Focus lands on the course id.
  await expect(page.getByLabel('コースID')).toBeFocused();
  await page.keyboard.type('bousai-kb');
  await typeInto(page, page.getByLabel('タイトル'), '防災の基本（フォーム）');
  await typeInto(page, page.getByLabel('説明（一覧に出る1〜2文）'), '地震のときの行動を確かめます。');
  await typeInto(page, page.getByLabel('運営方針（対応する項目）'), '運営方針 1(4)②');
  await typeInto(page, page.getByLabel('確認日（内容を出典で確かめた日）'), yesterday);

  // A single-choice question.
  await tabTo(page, page.getByRole('button', { name: '択一の問題を追加' }));
  await page.keyboard.press('Enter');
  const q1 = page.locator('article.editor-question').nth(0);
  await expect(q1.getByLabel('問題文')).toBeFocused();
  await page.keyboard.type('強い揺れを感じたとき、窓口で最初にとる行動はどれですか。');
  await typeInto(page, q1.getByLabel('選択肢 1', { exact: true }), '来庁者に机の下などで身を守るよう声をかける');
  await typeInto(page, q1.getByLabel('選択肢 2', { exact: true }), '来庁者を連れてすぐに建物の外へ走って出る');
  await typeInto(page, q1.getByLabel('選択肢 3', { exact: true }), 'エレベーターで来庁者と一緒に1階へ下りる');
  await tabTo(page, q1.getByRole('button', { name: '選択肢 4 を削除' }));
  await page.keyboard.press('Enter');
  await expect(q1.getByLabel('選択肢 4', { exact: true })).toHaveCount(0);
  await tabTo(page, q1.getByLabel('選択肢 1 が正解'));
  await page.keyboard.press('Space');
  await expect(q1.getByLabel('選択肢 1 が正解')).toBeChecked();
  await typeInto(page, q1.getByLabel(/^解説/), '揺れている間は、まず身の安全を確保します。');
  await typeInto(page, q1.getByLabel(/^出典/), '運営方針 1(4)②');

  // A multiple-choice question.
  await tabTo(page, page.getByRole('button', { name: '複数選択の問題を追加' }));
  await page.keyboard.press('Enter');
  const q2 = page.locator('article.editor-question').nth(1);
  await expect(q2.getByLabel('問題文')).toBeFocused();
  await page.keyboard.type('非常持ち出し袋に入れておくものをすべて選んでください。');
  await typeInto(page, q2.getByLabel('選択肢 1', { exact: true }), '飲料水');
  await typeInto(page, q2.getByLabel('選択肢 2', { exact: true }), '懐中電灯');
  await typeInto(page, q2.getByLabel('選択肢 3', { exact: true }), '読みかけの雑誌');
  await tabTo(page, q2.getByRole('button', { name: '選択肢 4 を削除' }));
  await page.keyboard.press('Enter');
  await tabTo(page, q2.getByLabel('選択肢 1 が正解'));
  await page.keyboard.press('Space');
  await tabTo(page, q2.getByLabel('選択肢 2 が正解'));
  await page.keyboard.press('Space');
  await typeInto(page, q2.getByLabel(/^解説/), '水と明かりは欠かせません。');

  // A reload mid-edit (the sources of question 2 still blank) keeps everything.
  await page.reload();
  await expect(page.getByLabel('コースID')).toHaveValue('bousai-kb');
  await expect(page.getByLabel('確認日（内容を出典で確かめた日）')).toHaveValue(yesterday);
  await expect(q1.getByLabel('選択肢 3', { exact: true })).toHaveValue('エレベーターで来庁者と一緒に1階へ下りる');
  await expect(q1.getByLabel('選択肢 1 が正解')).toBeChecked();
  await expect(q2.getByLabel('選択肢 2 が正解')).toBeChecked();
  await expect(q2.getByLabel(/^解説/)).toHaveValue('水と明かりは欠かせません。');
  await expect(q2.getByLabel('選択肢 4', { exact: true })).toHaveCount(0);
  // What is missing is said beside its field.
  await expect(q2.locator('.field-problems').filter({ hasText: '「出典」が空です' })).toBeVisible();
  await typeInto(page, q2.getByLabel(/^出典/), '運営方針 1(4)②');

  // A ○× question.
  await tabTo(page, page.getByRole('button', { name: '○×の問題を追加' }));
  await page.keyboard.press('Enter');
  const q3 = page.locator('article.editor-question').nth(2);
  await expect(q3.getByLabel('問題文')).toBeFocused();
  await page.keyboard.type('非常口の前には、物を置いてはいけない。');
  await tabTo(page, q3.getByLabel('○（正しい）'));
  await page.keyboard.press('Space');
  await typeInto(page, q3.getByLabel(/^解説/), '避難の妨げになります。');
  await typeInto(page, q3.getByLabel(/^出典/), '運営方針 1(4)②');

  await expect(page.getByText('直す必要がある箇所はありません。保存・公開できます。')).toBeVisible();
  // The preview shows the question as learners see it.
  await tabTo(page, q3.locator('summary'));
  await page.keyboard.press('Enter');
  await expect(q3.locator('.editor-preview .prompt')).toHaveText('非常口の前には、物を置いてはいけない。');

  // Saved by keyboard: the file is named after the course and passes the strict check.
  await tabTo(page, page.getByRole('button', { name: 'コースのファイル（.toml）を保存' }));
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('bousai-kb.toml');
  const file = join(work, 'bousai-kb.toml');
  writeFileSync(file, readFileSync(await download.path()));
  const [code, out] = quizcheck('--strict', file);
  expect(code, out).toBe(0);
  const course = parse(readFileSync(file, 'utf8'));
  expect(course.question.map((q) => [q.id, q.kind, q.answer])).toEqual([
    ['bousai-kb-1', 'single', 1],
    ['bousai-kb-2', 'multiple', [1, 2]],
    ['bousai-kb-3', 'truefalse', true],
  ]);

  // The same course as the Excel template, read back by the CLI with its ids.
  await tabTo(page, page.getByRole('button', { name: 'Excel の表（.xlsx）で保存' }));
  const sheetDownloading = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const sheet = await sheetDownloading;
  expect(sheet.suggestedFilename()).toBe('bousai-kb.xlsx');
  const xlsx = join(work, 'bousai-kb.xlsx');
  writeFileSync(xlsx, readFileSync(await sheet.path()));
  const back = join(work, 'back.toml');
  const [backCode, backOut] = quizcheck('--from-xlsx', xlsx, '-o', back);
  expect(backCode, backOut).toBe(0);
  expect(parse(readFileSync(back, 'utf8')).question.map((q) => q.id)).toEqual(['bousai-kb-1', 'bousai-kb-2', 'bousai-kb-3']);

  // "Try or publish" hands the file to the trainer screen's checks and steps.
  await tabTo(page, page.getByRole('button', { name: '試す・公開する' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('研修担当者向け');
  await expect(page.getByText('bousai-kb.toml: 問題は見つかりませんでした')).toBeVisible();
  await expect(page.getByRole('button', { name: '今すぐ受講してみる' })).toBeVisible();
});

test('a shipped course opened in the form keeps its question ids; a new question gets a fresh one', async ({ page }) => {
  const shipped = shippedCourses()[0];
  await openEditor(page);
  await page.getByLabel('直すコース').selectOption(`s:${shipped.id}`);
  await page.getByRole('button', { name: 'このコースを開く' }).click();
  await expect(page.getByLabel('コースID')).toHaveValue(shipped.id);
  await expect(page.locator('article.editor-question')).toHaveCount(shipped.question.length);
  await expect(page.getByText('配布済みのコースを直しています')).toBeVisible();
  const first = page.locator('article.editor-question').first();
  await first.getByLabel('問題文').fill(`${shipped.question[0].prompt}（改）`);
  await page.getByRole('button', { name: '○×の問題を追加' }).click();
  const added = page.locator('article.editor-question').last();
  await added.getByLabel('問題文').fill('非常口の前には、物を置いてはいけない。');
  await added.getByLabel('○（正しい）').check();
  await added.getByLabel(/^解説/).fill('避難の妨げになります。');
  await added.getByLabel(/^出典/).fill('運営方針 1(4)②');
  await added.getByLabel(/^確認日/).fill(yesterday);
  const save = page.getByRole('button', { name: 'コースのファイル（.toml）を保存' });
  await expect(save).toBeEnabled();
  const downloading = page.waitForEvent('download');
  await save.click();
  const saved = parse(readFileSync(await (await downloading).path(), 'utf8'));
  const ids = saved.question.map((q) => q.id);
  const before = shipped.question.map((q) => q.id);
  expect(ids.slice(0, before.length)).toEqual(before);
  expect(saved.question[0].prompt).toBe(`${shipped.question[0].prompt}（改）`);
  expect(ids).toHaveLength(before.length + 1);
  expect(before).not.toContain(ids[before.length]);
  // The rest of the course is as shipped: kinds, choices and answers.
  const shape = (q) => [q.id, q.kind ?? 'single', q.choices ?? [], q.answer];
  expect(saved.question.slice(1, before.length).map(shape)).toEqual(shipped.question.slice(1).map(shape));
});

test('a problem is shown beside its field and in the summary; the draft can be discarded', async ({ page }) => {
  await openEditor(page);
  await page.getByRole('button', { name: '新しいコースを作る' }).click();
  await page.getByLabel('コースID').fill('answer-missing');
  await page.getByRole('button', { name: '択一の問題を追加' }).click();
  const q = page.locator('article.editor-question').first();
  await q.getByLabel('問題文').fill('正しいものはどれですか。');
  await q.getByLabel('選択肢 1', { exact: true }).fill('ア');
  await q.getByLabel('選択肢 2', { exact: true }).fill('イ');
  // No right choice marked: 「正解」 is said to be blank, beside the marks.
  const problems = q.locator('[id$="-answer-problems"]');
  await expect(problems).toContainText('「正解」が空です。書いてください');
  const described = await q.getByLabel('選択肢 1 が正解').getAttribute('aria-describedby');
  expect(described).toBe(await problems.getAttribute('id'));
  await expect(page.locator('.editor-summary')).toContainText('問題 1・正解: 「正解」が空です。書いてください');
  await expect(page.getByRole('button', { name: 'コースのファイル（.toml）を保存' })).toBeDisabled();
  // The summary's link takes the focus to the field.
  await page.locator('.editor-summary').getByRole('button', { name: '問題 1・正解' }).click();
  await expect(q.getByLabel('選択肢 1 が正解')).toBeFocused();
  await q.getByLabel('選択肢 2 が正解').check();
  await expect(problems).not.toContainText('「正解」が空です');
  // Discarding asks first; a reload then starts afresh.
  await page.getByRole('button', { name: '下書きを破棄' }).click();
  await expect(page.getByRole('button', { name: '破棄する' })).toBeFocused();
  await page.getByRole('button', { name: 'やめる' }).click();
  await expect(page.getByLabel('コースID')).toHaveValue('answer-missing');
  await page.getByRole('button', { name: '下書きを破棄' }).click();
  await page.getByRole('button', { name: '破棄する' }).click();
  await expect(page.getByRole('button', { name: '新しいコースを作る' })).toBeFocused();
  await page.reload();
  await expect(page.getByRole('button', { name: '新しいコースを作る' })).toBeVisible();
  await expect(page.getByLabel('コースID')).toHaveCount(0);
});

test('a damaged stored draft is kept aside, never a crash', async ({ page }) => {
  await page.goto('./');
  await page.evaluate(() => localStorage.setItem('kenshu.editor-draft', '{"settings": [1, 2'));
  await openEditor(page);
  await expect(page.getByText('保存されていた下書きを読めませんでした。元のデータは控えとして設定画面に保管しています。')).toBeVisible();
  await expect(page.getByRole('button', { name: '新しいコースを作る' })).toBeVisible();
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kenshu.backup.')).map((k) => localStorage.getItem(k)));
  expect(kept).toContain('{"settings": [1, 2');
});

for (const scheme of ['light', 'dark']) {
  test(`the editor passes the accessibility scan (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openEditor(page);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: '新しいコースを作る' }).click();
    await page.getByLabel('コースID').fill('axe-course');
    await page.getByRole('button', { name: '択一の問題を追加' }).click();
    await page.getByRole('button', { name: '複数選択の問題を追加' }).click();
    await page.getByRole('button', { name: '○×の問題を追加' }).click();
    const first = page.locator('article.editor-question').first();
    await first.getByLabel('問題文').fill('**強調**のある問題文');
    await first.locator('summary').click();
    await expect(first.locator('.editor-preview .prompt strong')).toHaveText('強調');
    // Problems are showing beside their fields.
    await expect(page.locator('.field-problems li').first()).toBeVisible();
    await expectNoAxeViolations(page);
  });
}
