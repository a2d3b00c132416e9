// A trainer who has never seen TOML: downloads the Excel template from the
// trainer screen, fills it in, saves its two sheets as CSV (as Excel does,
// UTF-8 or Shift_JIS), and brings them back: checked, then taken as a
// learner. A broken sheet is reported by sheet and cell; a file named .xlsx
// that is no workbook gets plain words. (.xlsx files themselves:
// excel-xlsx.spec.mjs.)
import { readFileSync } from 'node:fs';
import { test, expect, expectNoAxeViolations } from './pages.mjs';
import { takeThreeKinds } from './excel-take.mjs';

const CHOOSE = 'コースのファイル（.toml か、Excel の表を保存した .csv）を選ぶ';
const HEADER = '問題ID,形式,場面,問題文,選択肢1,選択肢2,選択肢3,選択肢4,選択肢5,選択肢6,正解,解説,出典';

/** The sheet 「コース」 as Excel saves it: items in column A, values in column B. */
function courseCsv(id, title, draw) {
  return ['コースID,' + id, 'タイトル,' + title, '説明,Excel の表から作ったコースの確認用です。',
    '運営方針,運営方針 1(4)②', '合格点,60', '出題数,' + draw, '確認日,2026-12-01'].join('\r\n') + '\r\n';
}

const csvFile = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

async function openTrainer(page) {
  await page.goto('./');
  await page.getByRole('link', { name: '研修担当者向け' }).click();
  await expect(page.getByRole('heading', { name: 'Excel でコースを作る' })).toBeVisible();
}

test('the template downloads from the trainer screen; the filled sheets are checked and taken as a learner', async ({ page }) => {
  await openTrainer(page);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'テンプレートをダウンロード（Excel）' }).click();
  const template = await download;
  expect(template.suggestedFilename()).toBe('course-template.xlsx');
  const bytes = readFileSync(await template.path());
  expect(bytes.length).toBeGreaterThan(1000);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

  // Three kinds, with a line break inside a cell and full-width digits, as Excel writes them.
  const questions = [
    HEADER,
    'excel-made-1,○×,,報告・連絡・相談は日常的に行う。,,,,,,,○,運営方針は、報告・連絡・相談を適宜行うことを求めています。,運営方針 1(3)⑥',
    'excel-made-2,択一,,"このアプリの学習記録は\nどこに保存されますか。",このブラウザの中,市のサーバー,紙の台帳,,,,１,このアプリの学習記録はブラウザの中に保存されます。,運営方針 1(4)②',
    'excel-made-3,複数,,このアプリで受講者ができることをすべて選んでください。,結果ファイルを保存する,修了証を表示する,ほかの人の記録を見る,,,,"1、2",結果ファイルの保存と修了証の表示ができます。,運営方針 1(4)②',
  ].join('\r\n') + '\r\n';
  await page.getByLabel(CHOOSE).setInputFiles([
    csvFile('問題.csv', `\ufeff${questions}`),
    csvFile('コース.csv', courseCsv('excel-made', 'Excel で作ったコース', '全問')),
  ]);
  await expect(page.getByText('excel-made.toml: 問題は見つかりませんでした')).toBeVisible();
  await expect(page.getByText('Excel で作ったコース — excel-made')).toBeVisible();
  await expectNoAxeViolations(page);
  // Taken as a learner, all three kinds.
  await takeThreeKinds(page, 'excel-made');
});

test('a broken sheet is reported by sheet and cell, and a file that is no workbook gets plain words', async ({ page }) => {
  await openTrainer(page);
  const row = 'q-1,択一,,正しいものはどれですか。,ア,イ,ウ,エ,,,5,イが正しい理由。,運営方針 1(4)②';
  await page.getByLabel(CHOOSE).setInputFiles([
    csvFile('問題.csv', `${HEADER}\r\n${row}\r\n`),
    csvFile('コース.csv', courseCsv('csv-made', 'CSV で作ったコース', '1')),
  ]);
  await expect(page.locator('.problems li').filter({ hasText: /^問題!K2: / })).toContainText('正解の 5 は選択肢の数（4）を超えています');
  await expect(page.getByRole('button', { name: '今すぐ受講してみる' })).toHaveCount(0);
  // Fixed, it passes.
  await page.getByLabel(CHOOSE).setInputFiles([
    csvFile('問題.csv', `${HEADER}\r\n${row.replace(',,,5,', ',,,2,')}\r\n`),
    csvFile('コース.csv', courseCsv('csv-made', 'CSV で作ったコース', '1')),
  ]);
  await expect(page.getByText('csv-made.toml: 問題は見つかりませんでした')).toBeVisible();
  // Named .xlsx but no workbook: read by the sheet worker, which says so.
  await page.getByLabel(CHOOSE).setInputFiles({ name: 'コース.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK') });
  await expect(page.locator('.problems li')).toContainText('Excel のファイル（.xlsx）として読めません');
});
