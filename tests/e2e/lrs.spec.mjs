// Reporting to a real LRS: Ralph (PyPI ralph-malph, installed by
// scripts/setup.sh) started here on loopback, and a copy of the release
// build with reporting turned on by scripts/configure-reporting.mjs.
// A course taken end to end arrives as statements with the right answers
// and result; with the LRS stopped mid-course the outbox keeps what could
// not be sent, the learner sees it, and the next visit sends every
// statement exactly once; the trainer reads completion back into 受講状況.
//
// These tests stop the LRS on purpose, and the browser logs each refused
// connection as a console error, so they fail on page errors and CSP
// violations only (as course-fetch.spec.mjs does).
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';
import { QuizPage, shippedCourses, questionById, correctChoices, wrongChoices } from './pages.mjs';
import { stop, waitFor } from './processes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const python = join(root, 'target', 'ralph-venv', 'bin', 'python');
const lrsPort = Number(process.env.E2E_LRS_PORT ?? 8199);
const sitePort = Number(process.env.E2E_LRS_SITE_PORT ?? 4183);
const site = `http://127.0.0.1:${sitePort}/`;
const endpoint = `http://127.0.0.1:${lrsPort}/xAPI/`;
const homePage = 'https://staff.example.lg.jp/';
const siteDir = join(root, 'target', 'dist-lrs');
const dataDir = join(root, 'target', 'lrs-data');
const [course] = shippedCourses();

const test = base.extend({
  page: async ({ page }, use) => {
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && m.text().startsWith('CSP violation')) problems.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await use(page);
    expect(problems, 'errors in the page').toEqual([]);
  },
});

let ralph;
let server;

async function startRalph() {
  ralph = spawn(python, [join(root, 'tests', 'lrs', 'ralph_server.py'), dataDir, String(lrsPort), site.slice(0, -1)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(`http://127.0.0.1:${lrsPort}/__heartbeat__`);
}

async function stopRalph() {
  await stop(ralph);
}

/** Every statement the LRS holds (read with the trainer's account, page by page). */
async function stored() {
  const auth = 'Basic ' + Buffer.from('trainer:trainer-pass').toString('base64');
  const all = [];
  let url = `${endpoint}statements?limit=100`;
  while (url) {
    const reply = await fetch(url, { headers: { Authorization: auth, 'X-Experience-API-Version': '1.0.3' } });
    expect(reply.status).toBe(200);
    const page = await reply.json();
    all.push(...page.statements);
    url = page.more ? `http://127.0.0.1:${lrsPort}${page.more}` : null;
  }
  return all;
}

const of = (statements, staff) => statements.filter((s) => s.actor?.account?.name === staff);
const verb = (s) => s.verb.id.split('/').pop();

/** The statements file of Ralph's store: one line per statement stored. */
function storeLines() {
  const file = join(dataDir, 'store', 'fs_lrs.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
}

async function setIdentity(page, { name, staff, department }) {
  await page.goto(`${site}#/settings`);
  await page.locator('#learner-name').fill(name);
  await page.locator('#learner-staff-number').fill(staff);
  await page.locator('#learner-department').fill(department);
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByText('保存しました')).toBeVisible();
}

/** Answers the open attempt from question `from` on: right except the last two. Returns what was answered. */
async function answer(page, { from = 1, until } = {}) {
  const quiz = new QuizPage(page);
  const [, total] = await quiz.position();
  const given = [];
  for (let n = from; n <= (until ?? total); n++) {
    expect((await quiz.position())[0]).toBe(n);
    const q = questionById(await quiz.questionId());
    const right = n <= total - 2;
    const choices = right ? correctChoices(q) : wrongChoices(q);
    await quiz.answerWithMouse(choices);
    given.push({ id: q.id, response: choices.map((c) => `c${c}`).join('[,]'), right });
    await quiz.next();
  }
  return { given, total };
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({}, info) => {
  if (info.project.name !== 'desk') return;
  // configure-reporting runs the settings check (cargo), which may build first.
  test.setTimeout(300_000);
  rmSync(siteDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
  cpSync(join(root, 'dist'), siteDir, { recursive: true });
  const settings = join(root, 'target', 'reporting.e2e.json');
  writeFileSync(settings, JSON.stringify({
    endpoint,
    identity: { kind: 'account', home_page: homePage },
    auth: { kind: 'basic', username: 'learner', password: 'learner-pass' },
  }));
  execFileSync('node', [join(root, 'scripts', 'configure-reporting.mjs'), siteDir, settings], { stdio: 'ignore' });
  server = spawn('node', [join(root, 'scripts', 'serve-dist.mjs'), siteDir, String(sitePort)], { stdio: 'ignore' });
  await waitFor(`${site}index.html`);
  await startRalph();
});

test.afterAll(async () => {
  await Promise.all([stop(ralph), stop(server)]);
});

test.beforeEach(async ({}, info) => {
  test.skip(info.project.name !== 'desk', 'one LRS run is enough; the screens are tested at both sizes elsewhere');
});

test('the configured page names exactly the LRS in connect-src and says records are sent', async ({ page }) => {
  const html = readFileSync(join(siteDir, 'index.html'), 'utf8');
  const csp = html.match(/Content-Security-Policy" content="([^"]*)"/)[1];
  expect(csp.split('; ').filter((d) => d.startsWith('connect-src'))).toEqual([`connect-src 'self' http://127.0.0.1:${lrsPort}`]);
  await page.goto(site);
  await expect(page.locator('.site-footer')).toContainText('組織の学習記録システムにも送信されます');
});

test('a course taken end to end reaches the LRS with the answers and the result', async ({ page }) => {
  await setIdentity(page, { name: '研修 一郎', staff: 'T0001', department: '福祉総務課' });
  await page.goto(site);
  await page.locator('article.course-card').filter({ hasText: course.title }).getByRole('button', { name: '始める' }).click();
  const { given, total } = await answer(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('結果');
  const percent = Math.floor(((total - 2) / total) * 100);
  const passed = percent >= course.pass_mark;

  await expect.poll(async () => of(await stored(), 'T0001').length, { timeout: 20_000 }).toBe(total + 3);
  const mine = of(await stored(), 'T0001');
  const count = (v) => mine.filter((s) => verb(s) === v).length;
  expect([count('attempted'), count('answered'), count('completed'), count(passed ? 'passed' : 'failed')]).toEqual([1, total, 1, 1]);
  for (const g of given) {
    const s = mine.find((x) => verb(x) === 'answered' && x.object.id.endsWith(`/questions/${encodeURIComponent(g.id)}`));
    expect(s, g.id).toBeTruthy();
    expect(s.result.response).toBe(g.response);
    expect(s.result.success).toBe(g.right);
  }
  const result = mine.find((s) => verb(s) === (passed ? 'passed' : 'failed'));
  expect(result.result.score).toEqual({ scaled: percent / 100, raw: percent, min: 0, max: 100 });
  expect(result.result.success).toBe(passed);
  expect(result.object.id).toBe(`${site}courses/${course.id}`);
  expect(result.actor).toMatchObject({ name: '研修 一郎', account: { homePage, name: 'T0001' } });
  expect(Object.values(result.context.extensions)).toEqual(['福祉総務課']);
  expect(new Set(mine.map((s) => s.context.registration)).size).toBe(1);

  await page.goto(`${site}#/settings`);
  await expect(page.getByTestId('reporting-status')).toHaveText('送信を待っている記録はありません。');
});

test('with the LRS down mid-course the outbox keeps the statements and the next visit sends each exactly once', async ({ page, context }) => {
  await setIdentity(page, { name: '研修 二郎', staff: 'T0002', department: '障害福祉課' });
  await page.goto(site);
  await page.locator('article.course-card').filter({ hasText: course.title }).getByRole('button', { name: '始める' }).click();
  await answer(page, { until: 3 });
  await expect.poll(async () => of(await stored(), 'T0002').length, { timeout: 20_000 }).toBe(4);

  await stopRalph();
  const { total } = await answer(page, { from: 4 });
  await expect(page.getByRole('heading', { level: 1 })).toContainText('結果');
  await expect(page.getByTestId('reporting-notice')).toContainText('件が送信を待っています');
  const waiting = await page.evaluate(() => JSON.parse(localStorage.getItem('kenshu.outbox')).pending.length);
  expect(waiting).toBe(total - 3 + 2);
  // The learner closes the tab while the LRS is still down.
  await page.close();

  await startRalph();
  const again = await context.newPage();
  await again.goto(site);
  await expect.poll(async () => of(await stored(), 'T0002').length, { timeout: 20_000 }).toBe(total + 3);
  await expect(again.getByTestId('reporting-notice')).toHaveCount(0);
  expect(await again.evaluate(() => JSON.parse(localStorage.getItem('kenshu.outbox')).pending.length)).toBe(0);
  // Exactly once: the store holds every id once, whatever was re-sent.
  const ids = storeLines().map((s) => s.id);
  expect(ids.length).toBe(new Set(ids).size);
  expect(of(storeLines(), 'T0002').length).toBe(total + 3);
});

test('the trainer reads completion from the LRS into 受講状況', async ({ page }) => {
  await page.goto(`${site}#/trainer`);
  const roster = '職員番号,氏名,所属\r\nT0001,研修 一郎,福祉総務課\r\nT0002,研修 二郎,障害福祉課\r\nT0003,研修 三郎,障害福祉課\r\n';
  await page.getByLabel(/職員名簿/).setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(roster) });
  await expect(page.getByLabel('LRS のアドレス（xAPI）')).toHaveValue(endpoint);
  await page.getByLabel('ユーザー名').fill('trainer');
  await page.getByLabel('パスワード').fill('wrong');
  await page.getByRole('button', { name: 'LRS から読み込む' }).click();
  await expect(page.getByTestId('lrs-status')).toHaveText(/ユーザー名かパスワードが違う/);
  await page.getByLabel('パスワード').fill('trainer-pass');
  await page.getByRole('button', { name: 'LRS から読み込む' }).click();
  await expect(page.getByTestId('lrs-status')).toContainText('LRS から 2 人分');
  const passed = Math.floor(((course.draw === 'all' ? course.question.length : course.draw) - 2) / (course.draw === 'all' ? course.question.length : course.draw) * 100) >= course.pass_mark;
  const table = page.locator('#status-table');
  await expect(table.getByRole('row', { name: /福祉総務課/ })).toContainText(passed ? '1 / 1' : '0 / 1');
  await expect(table.getByRole('row', { name: /障害福祉課/ })).toContainText(passed ? '1 / 2' : '0 / 2');
});
