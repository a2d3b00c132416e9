// A trainer checks a file in the browser, tries and keeps a course,
// converts a Moodle export, and combines learners' results files.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HomePage, QuizPage, expectNoAxeViolations, test, expect } from './pages.mjs';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

async function openTrainer(page) {
  await page.goto('./');
  await page.getByRole('link', { name: '研修担当者向け' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('研修担当者向け');
}

test('a dropped broken file lists every problem with line and column', async ({ page }) => {
  await openTrainer(page);
  const text = readFileSync(join(fixtures, 'broken.toml'), 'utf8');
  const drop = await page.evaluateHandle((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'broken.toml', { type: 'text/plain' }));
    return dt;
  }, text);
  await page.locator('.drop-zone').dispatchEvent('drop', { dataTransfer: drop });
  const problems = page.locator('#preview-heading ~ [role=status] .problems li');
  await expect(problems).toHaveText([
    'broken.toml:5:13: 「pass_mark」の値は整数で書いてください',
    'broken.toml:11:11: 「choices」の値は文字列のリスト（["…", "…"]）で書いてください',
  ]);
  await expectNoAxeViolations(page);
});

test('the trainer screens\' styles come with their code: not in the first load, applied when the screen opens', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // What a learner's page loaded: no rule of the trainer screens.
  const learnerRules = await page.evaluate(() => [...document.styleSheets].flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join('\n'));
  expect(learnerRules).toContain('.card__title');
  expect(learnerRules).not.toContain('.drop-zone');
  expect(learnerRules).not.toContain('.editor-field');
  expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);
  await page.getByRole('link', { name: '研修担当者向け' }).click();
  await expect(page.locator('.drop-zone')).toHaveCSS('border-top-style', 'dashed');
  // Adopted once, however often the screens open.
  await page.goto('./#/trainer/editor');
  await page.goto('./#/trainer');
  await expect(page.locator('.drop-zone')).toBeVisible();
  expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(1);
});

test('a valid file can be taken at once and kept as a local course', async ({ page }) => {
  await openTrainer(page);
  await page.getByLabel('コースのファイル（.toml か、Excel の表を保存した .csv）を選ぶ').setInputFiles(join(fixtures, 'trainer-course.toml'));
  await expect(page.getByText('trainer-course.toml: 問題は見つかりませんでした')).toBeVisible();
  await page.getByRole('button', { name: 'このブラウザに保存して一覧に出す' }).click();
  await expect(page.getByText('このブラウザのコース一覧に追加しました')).toBeVisible();
  await page.getByRole('button', { name: '今すぐ受講してみる' }).click();
  const quiz = new QuizPage(page);
  expect(await quiz.position()).toEqual([1, 1]);
  await page.locator('button[data-choice="0"]').click();
  await expect(quiz.verdict).toHaveText('正解です');
  // Kept: listed on home after a reload, marked as local, beside the shipped ones.
  await page.goto('./');
  await page.reload();
  const card = new HomePage(page).card('研修担当者のテストコース');
  await expect(card).toContainText('この端末に追加したコース');
  await expect(new HomePage(page).cards).toHaveCount(4);
  // A new course that reuses a shipped course's question id is refused
  // (a file with a shipped course's own id is a revision of it: revision.spec.mjs).
  await openTrainer(page);
  await page.getByLabel('コースのファイル（.toml か、Excel の表を保存した .csv）を選ぶ').setInputFiles({
    name: 'clash.toml', mimeType: 'text/plain',
    buffer: Buffer.from(readFileSync(join(fixtures, 'trainer-course.toml'), 'utf8').replace('id = "trainer-preview-1"', 'id = "ds-mail-targeted-1"')),
  });
  const shippedLine = readFileSync(join(fixtures, '..', '..', '..', 'quizzes', 'digital-skills.toml'), 'utf8').split('\n').indexOf('id = "ds-mail-targeted-1"') + 1;
  await expect(page.locator('.problems li').filter({ hasText: '既に使われています' })).toHaveText([`clash.toml:9:6: 問題の id「ds-mail-targeted-1」は quizzes/digital-skills.toml:${shippedLine}:6 で既に使われています。別の id にしてください（学習記録は id で結び付きます）`]);
  await expect(page.locator('h3.status--fail')).toBeVisible();
  await expect(page.getByTestId('revision-notice')).toHaveCount(0);
  // Removing the local course takes it off the list.
  await page.getByRole('button', { name: '削除' }).click();
  await page.goto('./');
  await expect(new HomePage(page).cards).toHaveCount(3);
});

test('a GIFT export converts, reports what it left out, and downloads', async ({ page }) => {
  await openTrainer(page);
  await page.getByLabel('変換するファイルを選ぶ').setInputFiles(join(fixtures, 'moodle-sample.gift'));
  await expect(page.getByText('5 問を変換しました')).toBeVisible();
  await expect(page.getByText('23行目: 「short」は記述式の短答問題（short answer）のため変換できません')).toBeVisible();
  await expect(page.getByText(/quizzes\/ に置く前に記入が必要な箇所（\d+）/)).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '変換結果（.toml）をダウンロード' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('moodle-sample.toml');
  const toml = readFileSync(await download.path(), 'utf8');
  expect(toml).toContain('prompt = "不審なメールへの対応は？"');
  expect(toml).toContain('# 要記入: sources');
});

test('learners save results files and the trainer sees a combined table', async ({ page }) => {
  await page.goto('./#/settings');
  await page.getByLabel('修了証に載せるお名前').fill('山田 花子');
  await page.getByRole('button', { name: '保存する' }).click();
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: '結果ファイルを保存（CSV・Excel 用）' }).click();
  const csvPath = await (await csvDownload).path();
  const csv = readFileSync(csvPath);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(csv.toString('utf8')).toContain('山田 花子,,,digital-skills,デジタルスキル,,,0,');
  const second = {
    format: 'kenshu-results', version: 1, learner: '佐藤 次郎', exported_on: '2026-11-20',
    rows: [{ course_id: 'human-rights', course: '人権尊重', best: 90, passed_on: '2026-11-19', attempts: 2 }],
  };
  await openTrainer(page);
  await page.getByLabel(/受講者から届いた結果ファイル/).setInputFiles([
    { name: 'yamada.csv', mimeType: 'text/csv', buffer: csv },
    { name: 'sato.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(second)) },
  ]);
  const table = page.getByRole('table', { name: '受講者ごとの結果' });
  await expect(table.getByRole('row')).toHaveCount(1 + 3 + 1);
  await expect(table.getByRole('row', { name: /佐藤 次郎 人権尊重 90% 2026-11-19 2/ })).toBeVisible();
  await expectNoAxeViolations(page);
});
