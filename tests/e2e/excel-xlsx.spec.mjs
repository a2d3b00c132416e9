// Excel files (.xlsx) on the trainer screen, read and written by the sheet
// worker (workers/sheet/: a wasm of its own, fetched only when a trainer
// needs it): the template from the app and a filled workbook are read,
// checked, tried and taken as a learner; a broken workbook is reported by
// sheet and cell; a shipped course exported from the app comes back
// through `quizcheck --from-xlsx` with the same ids; a learner's home page
// never fetches the worker; a worker that cannot be fetched is said in
// plain words.
import { readFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { unzipSync, zipSync, strFromU8, strToU8 } from 'fflate';
import { parse } from 'smol-toml';
import { test as plain } from '@playwright/test';
import { test, expect, expectNoAxeViolations, shippedCourses } from './pages.mjs';
import { takeThreeKinds } from './excel-take.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = join(root, 'test-results', 'excel-xlsx');
const CHOOSE = 'コースのファイル（.toml か、Excel の表を保存した .csv）を選ぶ';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Runs the trainers' CLI (built on first use). */
function quizcheck(...args) {
  return execFileSync('cargo', ['run', '-q', '-p', 'quiz-core', '--bin', 'quizcheck', '--', ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A course file written into the template by the CLI, as a trainer's filled workbook. */
function filledWorkbook() {
  const out = join(work, 'xlsx-made.xlsx');
  quizcheck('--to-xlsx', join(root, 'tests', 'e2e', 'fixtures', 'excel-xlsx-course.toml'), '-o', out);
  return readFileSync(out);
}

const xlsxFile = (name, buffer) => ({ name, mimeType: XLSX, buffer });
// A worker's first start compiles its wasm (about 1 MB): a few hundred ms
// alone, several seconds on a busy two-core machine. Waits for its answers
// allow for that.
const WORKER = { timeout: 30_000 };

async function openTrainer(page) {
  await page.goto('./');
  await page.getByRole('link', { name: '研修担当者向け' }).click();
  await expect(page.getByRole('heading', { name: 'Excel でコースを作る' })).toBeVisible();
}

// One screen size is enough: the worker and the files are the same.
test.describe.configure({ mode: 'serial', timeout: 300_000 });
test.beforeAll(() => mkdirSync(work, { recursive: true }));
test.beforeEach(async ({}, info) => {
  test.skip(info.project.name !== 'desk', 'the worker and the files are the same at every screen size');
});

test('a learner never fetches the sheet worker; the trainer fetches it on demand', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto('./');
  await expect(page.getByRole('link', { name: '研修担当者向け' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(fetched.filter((p) => p.includes('sheet_worker')), 'worker files on the home page').toEqual([]);
  await page.getByRole('link', { name: '研修担当者向け' }).click();
  await expect(page.getByRole('heading', { name: 'Excel でコースを作る' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(fetched.filter((p) => p.includes('sheet_worker')), 'worker files before an .xlsx is chosen').toEqual([]);
  // The service worker does not keep the worker for every learner.
  const sw = await (await page.request.get('./sw.js')).text();
  expect(sw).toContain('index.html');
  expect(sw).not.toContain('sheet_worker');
  // Its glue and wasm are named after their contents (post-build.mjs), and
  // its loader names that pair: a cached loader never mixes two releases.
  const files = await (await page.request.get('./sheet_worker_files.js')).text();
  const [, name] = files.match(/"glue":"\.\/(sheet_worker-[0-9a-f]{16})\.js"/) ?? [];
  expect(name, 'the loader is told a content-named glue').toBeTruthy();
  expect(files).toContain(`"wasm":"./${name}_bg.wasm"`);
  expect((await page.request.get(`./${name}.js`)).status()).toBe(200);
  expect((await page.request.get(`./${name}_bg.wasm`)).status()).toBe(200);
  expect((await page.request.get('./sheet_worker_bg.wasm')).status()).toBe(404);
});

test('the template from the app and a filled workbook are read, tried and taken as a learner', async ({ page }) => {
  await openTrainer(page);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'テンプレートをダウンロード（Excel）' }).click();
  const template = readFileSync(await (await download).path());
  // The template as downloaded: its example rows make a course.
  await page.getByLabel(CHOOSE).setInputFiles(xlsxFile('course-template.xlsx', template));
  await expect(page.locator('h3.status--pass')).toContainText('問題は見つかりませんでした', WORKER);

  // Filled (by the CLI, from a course file of three kinds) and brought back.
  await page.getByLabel(CHOOSE).setInputFiles(xlsxFile('xlsx-made.xlsx', filledWorkbook()));
  await expect(page.getByText('xlsx-made.toml: 問題は見つかりませんでした')).toBeVisible(WORKER);
  await expect(page.getByText('Excel ファイルで作ったコース — xlsx-made')).toBeVisible();
  await expectNoAxeViolations(page);
  await takeThreeKinds(page, 'xlsx-made');
});

test('a broken workbook is reported by sheet and cell; a file that is no workbook in plain words', async ({ page }) => {
  await openTrainer(page);
  // The single-choice question's answer (問題!K3) set to 5 of 4 choices, as a trainer might type it.
  const files = unzipSync(new Uint8Array(filledWorkbook()));
  const sheets = Object.keys(files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
  let changed = 0;
  for (const name of sheets) {
    const xml = strFromU8(files[name]);
    const broken = xml.replace(/(<c r="K3"[^>]*>)<v>1<\/v>/, (_, cell) => `${cell}<v>5</v>`);
    if (broken !== xml) changed++;
    files[name] = strToU8(broken);
  }
  expect(changed, 'the answer cell K3 in the workbook').toBe(1);
  await page.getByLabel(CHOOSE).setInputFiles(xlsxFile('xlsx-made.xlsx', Buffer.from(zipSync(files))));
  await expect(page.locator('.problems li').filter({ hasText: /^問題!K3: / })).toContainText('正解の 5 は選択肢の数（4）を超えています', WORKER);
  await expect(page.getByRole('button', { name: '今すぐ受講してみる' })).toHaveCount(0);
  // Not a workbook at all.
  await page.getByLabel(CHOOSE).setInputFiles(xlsxFile('コース.xlsx', Buffer.from('PK not a zip')));
  await expect(page.locator('.problems li')).toContainText('Excel のファイル（.xlsx）として読めません', WORKER);
  await expectNoAxeViolations(page);
});

test('a shipped course exported from the app comes back with the same ids', async ({ page }) => {
  // The largest shipped course: its read time is reported (not asserted).
  const courses = shippedCourses();
  const course = courses.reduce((a, b) => (b.question.length > a.question.length ? b : a));
  await openTrainer(page);
  await page.getByLabel('書き出すコース').selectOption(course.id);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Excel でダウンロード' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${course.id}.xlsx`);
  await expect(page.getByText('書き出しました')).toBeVisible(WORKER);
  await expectNoAxeViolations(page);
  const saved = join(work, `${course.id}.xlsx`);
  await file.saveAs(saved);
  const out = join(work, `${course.id}.toml`);
  quizcheck('--from-xlsx', saved, '-o', out);
  const back = parse(readFileSync(out, 'utf8'));
  expect(back.id).toBe(course.id);
  expect(back.question.map((q) => q.id)).toEqual(course.question.map((q) => q.id));
  expect(back.question.map((q) => q.answer)).toEqual(course.question.map((q) => q.answer));

  // Brought back into the app: read by the worker (timed for the report)
  // and checked as a revision of the shipped course (its ids are that
  // course's own), ready to publish in its place.
  const started = Date.now();
  await page.getByLabel(CHOOSE).setInputFiles(saved);
  await expect(page.getByTestId('revision-notice')).toContainText(`配布済みのコース「${course.title}」の改訂版です`, { timeout: 60_000 });
  console.log(`read ${course.id}.xlsx (${course.question.length} questions, ${readFileSync(saved).length} bytes) to a checked preview in ${Date.now() - started} ms`);
  await expect(page.locator('h3.status--pass')).toContainText(`${course.id}.toml:`);
  await expect(page.getByRole('button', { name: '1. コースのファイルを保存' })).toBeVisible();
  await expect(page.locator('.problems li').filter({ hasText: '既に使われています' })).toHaveCount(0);
});

// Not the usual fixture: the browser rightly logs the 404s as console errors.
// No service worker, whose own fetches the page's routes would not see.
plain.describe('without the sheet worker', () => {
plain.use({ serviceWorkers: 'block' });
plain('a sheet worker that cannot be fetched is said in plain words, never a crash', async ({ page }, info) => {
  plain.skip(info.project.name !== 'desk', 'the worker and the files are the same at every screen size');
  const crashes = [];
  page.on('pageerror', (e) => crashes.push(e.message));
  await page.route(/sheet_worker/, (route) => route.fulfill({ status: 404, body: '' }));
  await openTrainer(page);
  await page.getByLabel(CHOOSE).setInputFiles(xlsxFile('xlsx-made.xlsx', filledWorkbook()));
  await expect(page.locator('.problems li')).toContainText('Excel のファイルを読み書きする部品を読み込めませんでした');
  await page.getByRole('button', { name: 'Excel でダウンロード' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '部品を読み込めませんでした' })).toBeVisible();
  // The screen still works: a course file is checked as before.
  await page.getByLabel(CHOOSE).setInputFiles(join(root, 'tests', 'e2e', 'fixtures', 'trainer-course.toml'));
  await expect(page.getByText('trainer-course.toml: 問題は見つかりませんでした')).toBeVisible();
  expect(crashes).toEqual([]);
});
});

test('the single-file hand-out, which carries no worker, asks for CSV and offers no export', async ({ page }) => {
  const single = join(root, 'dist-single', 'kenshu.html');
  test.skip(!existsSync(single), 'build it first: node scripts/build-single.mjs');
  await page.goto(`${pathToFileURL(single).href}#/trainer`);
  await expect(page.getByRole('heading', { name: 'Excel でコースを作る' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Excel でダウンロード' })).toHaveCount(0);
  await page.getByLabel(CHOOSE).setInputFiles(xlsxFile('xlsx-made.xlsx', filledWorkbook()));
  await expect(page.locator('.problems li')).toContainText('1つのファイル版（kenshu.html）では Excel のファイル（.xlsx）を読み込めません');
});
