// A completion record that can be trusted, against a real LRS (Ralph, as in
// lrs.spec.mjs, with the test hooks of tests/lrs/ralph_server.py): the
// outbox is the first stop, so a tab closed while the LRS hangs loses
// nothing; a reply lost after the LRS stored the batch, 429 and 5xx are
// retried without a duplicate; a refused sign-in is said and not hammered;
// two learners on one browser each get their own statements; a course taken
// with no 職員番号 is sent only when its taker confirms it; a finished retry
// of the missed questions sends no result of the course.
//
// These tests make the LRS fail on purpose, and the browser logs each failed
// request as a console error, so they fail on page errors and CSP
// violations only (as lrs.spec.mjs does).
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';
import { QuizPage, shippedCourses, questionById, correctChoices, wrongChoices } from './pages.mjs';
import { stop, waitFor } from './processes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const python = join(root, 'target', 'ralph-venv', 'bin', 'python');
const lrsPort = Number(process.env.E2E_LRS_TRUST_PORT ?? 8198);
const sitePort = Number(process.env.E2E_LRS_TRUST_SITE_PORT ?? 4184);
const site = `http://127.0.0.1:${sitePort}/`;
const lrs = `http://127.0.0.1:${lrsPort}`;
const endpoint = `${lrs}/xAPI/`;
const homePage = 'https://staff.example.lg.jp/';
const siteDir = join(root, 'target', 'dist-lrs-trust');
const dataDir = join(root, 'target', 'lrs-data-trust');
const [course] = shippedCourses();
const total = course.draw === 'all' ? course.question.length : course.draw;

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

/** Sets the LRS's test mode (see tests/lrs/ralph_server.py). */
async function mode(settings) {
  const reply = await fetch(`${lrs}/__test__/mode`, { method: 'POST', body: JSON.stringify({ mode: 'normal', count: null, retry_after: null, get_fail_after: null, ...settings }) });
  expect(reply.status).toBe(200);
}

/** The statement POSTs the LRS saw since `from` (seconds since the epoch). */
async function posts(from = 0) {
  const log = await (await fetch(`${lrs}/__test__/log`)).json();
  return log.filter((p) => p.at >= from);
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
    url = page.more ? `${lrs}${page.more}` : null;
  }
  return all;
}

const of = (statements, staff) => statements.filter((s) => s.actor?.account?.name === staff);
const verb = (s) => s.verb.id.split('/').pop();
const verbs = (statements) => statements.map(verb).sort();

/** Every id in Ralph's store file, as stored (a duplicate would show twice). */
function storeIds() {
  const file = join(dataDir, 'store', 'fs_lrs.jsonl');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).id) : [];
}

const outbox = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('kenshu.outbox') ?? '{}'));

async function setIdentity(page, { name, staff, department }) {
  await page.goto(`${site}#/settings`);
  await page.locator('#learner-name').fill(name);
  await page.locator('#learner-staff-number').fill(staff);
  await page.locator('#learner-department').fill(department);
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByText('保存しました')).toBeVisible();
}

async function start(page) {
  await page.goto(site);
  await page.locator('article.course-card').filter({ hasText: course.title }).getByRole('button', { name: '始める' }).click();
}

/** Answers the open attempt: right except the last `wrong`, from question `from` to `until`. */
async function answer(page, { from = 1, until, wrong = 2 } = {}) {
  const quiz = new QuizPage(page);
  const [, count] = await quiz.position();
  for (let n = from; n <= (until ?? count); n++) {
    expect((await quiz.position())[0]).toBe(n);
    const q = questionById(await quiz.questionId());
    await quiz.answerWithMouse(n <= count - wrong ? correctChoices(q) : wrongChoices(q));
    await quiz.next();
  }
  return count;
}

const passes = Math.floor(((total - 2) / total) * 100) >= course.pass_mark;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({}, info) => {
  if (info.project.name !== 'desk') return;
  // configure-reporting runs the settings check (cargo), which may build first.
  test.setTimeout(300_000);
  rmSync(siteDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
  cpSync(join(root, 'dist'), siteDir, { recursive: true });
  const settings = join(root, 'target', 'reporting.e2e-trust.json');
  writeFileSync(settings, JSON.stringify({
    endpoint,
    identity: { kind: 'account', home_page: homePage },
    auth: { kind: 'basic', username: 'learner', password: 'learner-pass' },
  }));
  execFileSync('node', [join(root, 'scripts', 'configure-reporting.mjs'), siteDir, settings], { stdio: 'ignore' });
  server = spawn('node', [join(root, 'scripts', 'serve-dist.mjs'), siteDir, String(sitePort)], { stdio: 'ignore' });
  await waitFor(`${site}index.html`);
  ralph = spawn(python, [join(root, 'tests', 'lrs', 'ralph_server.py'), dataDir, String(lrsPort), site.slice(0, -1)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(`${lrs}/__heartbeat__`);
});

test.afterAll(async () => {
  await Promise.all([stop(ralph), stop(server)]);
});

test.beforeEach(async ({}, info) => {
  test.skip(info.project.name !== 'desk', 'one LRS run is enough; the screens are tested at both sizes elsewhere');
});

test('with the LRS hanging, every event is in the outbox at once; the tab closed mid-send, the next visit sends each statement exactly once', async ({ page, context }) => {
  test.setTimeout(120_000);
  await setIdentity(page, { name: '研修 一郎', staff: 'H0001', department: '福祉総務課' });
  await mode({ mode: 'hang' });
  await start(page);
  await answer(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('結果');
  // Written when they happened, with their actor, while the first send still hangs.
  const box = await outbox(page);
  expect(box.pending.length).toBe(total + 3);
  expect(box.pending.every((q) => q.statement.actor.account.name === 'H0001')).toBe(true);
  // Said once a record has waited 5 s (sending going well, nothing flashes).
  await expect(page.getByTestId('reporting-waiting')).toContainText(`${total + 3} 件が送信を待っています`, { timeout: 15_000 });
  await page.close();

  await mode({ mode: 'normal' });
  const again = await context.newPage();
  await again.goto(site);
  await expect.poll(async () => of(await stored(), 'H0001').length, { timeout: 60_000 }).toBe(total + 3);
  const mine = of(await stored(), 'H0001');
  expect(verbs(mine)).toEqual(['answered', ...Array(total - 1).fill('answered'), 'attempted', 'completed', passes ? 'passed' : 'failed'].sort());
  const ids = storeIds();
  expect(ids.length).toBe(new Set(ids).size);
  await expect(again.getByTestId('reporting-notice')).toHaveCount(0);
});

test('a reply lost after the LRS stored the batch: the batch is sent again, counted as delivered, stored once', async ({ page }) => {
  test.setTimeout(90_000);
  await setIdentity(page, { name: '研修 二郎', staff: 'H0002', department: '障害福祉課' });
  const from = Date.now() / 1000;
  await mode({ mode: 'store-then-drop', count: 1 });
  await start(page);
  await answer(page);
  await expect.poll(async () => (await outbox(page)).pending?.length, { timeout: 60_000 }).toBe(0);
  const log = await posts(from);
  expect(log[0]).toMatchObject({ mode: 'store-then-drop', stored_status: 200 });
  expect(log.length).toBeGreaterThan(1);
  expect(of(await stored(), 'H0002').length).toBe(total + 3);
  const ids = storeIds();
  expect(ids.length).toBe(new Set(ids).size);
  expect((await outbox(page)).refused ?? []).toEqual([]);
});

test('429 with Retry-After is waited out, 5xx is retried with backoff, and nothing is lost', async ({ page }) => {
  test.setTimeout(90_000);
  await setIdentity(page, { name: '研修 三郎', staff: 'H0003', department: '福祉総務課' });
  let from = Date.now() / 1000;
  await mode({ mode: '429', count: 1, retry_after: '4' });
  await start(page);
  await expect(page.getByTestId('reporting-waiting')).toContainText('混み合っている');
  await expect.poll(async () => (await outbox(page)).pending?.length, { timeout: 30_000 }).toBe(0);
  let log = await posts(from);
  expect(log[0].mode).toBe('429');
  expect(log[1].at - log[0].at, 'waited for Retry-After').toBeGreaterThanOrEqual(3.9);

  from = Date.now() / 1000;
  await mode({ mode: '503', count: 2 });
  await answer(page, { until: 1 });
  await expect(page.getByTestId('reporting-waiting')).toContainText('問題が起きている');
  await answer(page, { from: 2 });
  await expect.poll(async () => (await outbox(page)).pending?.length, { timeout: 60_000 }).toBe(0);
  log = await posts(from);
  expect(log.slice(0, 2).map((p) => p.mode)).toEqual(['503', '503']);
  // 5 s doubling, each scaled by 0.5 to 1.5: at least 2.5 s, then at least 5 s.
  expect(log[1].at - log[0].at).toBeGreaterThanOrEqual(2.4);
  expect(log[2].at - log[1].at).toBeGreaterThanOrEqual(4.9);
  expect(of(await stored(), 'H0003').length).toBe(total + 3);
  await expect(page.getByTestId('reporting-notice')).toHaveCount(0);
});

test('a refused sign-in is said plainly and not tried again and again', async ({ page }) => {
  test.setTimeout(60_000);
  await setIdentity(page, { name: '研修 四郎', staff: 'H0004', department: '福祉総務課' });
  const from = Date.now() / 1000;
  await mode({ mode: '401' });
  await start(page);
  await expect(page.getByTestId('reporting-waiting')).toContainText('サインインを受け付けません');
  await expect(page.getByTestId('reporting-notice')).toContainText('管理者にお知らせください');
  await answer(page, { until: 2 });
  await page.waitForTimeout(6_000);
  expect((await posts(from)).length, 'one try, then an hour').toBe(1);
  expect((await outbox(page)).pending.length).toBe(3);
  // The settings are fixed; the learner asks to send now.
  await mode({ mode: 'normal' });
  await page.getByTestId('reporting-waiting').getByRole('button', { name: '今すぐ送信する' }).click();
  await expect.poll(async () => of(await stored(), 'H0004').length, { timeout: 20_000 }).toBe(3);
});

test('two learners on one browser while the LRS is unreachable: each statement goes under its own person', async ({ page }) => {
  test.setTimeout(120_000);
  await page.context().route(`${lrs}/**`, (route) => route.abort('internetdisconnected'));
  await setIdentity(page, { name: '共用 花子', staff: 'S0001', department: '福祉総務課' });
  await start(page);
  await answer(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('結果');
  await setIdentity(page, { name: '共用 太郎', staff: 'S0002', department: '障害福祉課' });
  await start(page);
  await answer(page, { wrong: 0 });
  await expect(page.getByRole('heading', { level: 1 })).toContainText('結果');
  const box = await outbox(page);
  expect(box.pending.length).toBe(2 * (total + 3));
  await expect(page.getByTestId('reporting-notice')).toContainText(`${2 * (total + 3)} 件が送信を待っています`);

  await page.context().unroute(`${lrs}/**`);
  await page.reload();
  await expect.poll(async () => (await outbox(page)).pending?.length, { timeout: 60_000 }).toBe(0);
  const all = await stored();
  const hanako = of(all, 'S0001');
  const taro = of(all, 'S0002');
  expect([hanako.length, taro.length]).toEqual([total + 3, total + 3]);
  // One attempt each, and each person's department as it was then.
  expect(new Set(hanako.map((s) => s.context.registration)).size).toBe(1);
  expect(new Set(taro.map((s) => s.context.registration)).size).toBe(1);
  expect(hanako[0].context.registration).not.toBe(taro[0].context.registration);
  expect(new Set(hanako.map((s) => Object.values(s.context.extensions).join()))).toEqual(new Set(['福祉総務課']));
  expect(new Set(taro.map((s) => Object.values(s.context.extensions).join()))).toEqual(new Set(['障害福祉課']));
  expect(taro.filter((s) => verb(s) === 'passed').length).toBe(1);
});

test('a course taken with no 職員番号 is kept aside, never sent under the next person, and sent when its taker confirms', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ locale: 'ja-JP' });
  const page = await context.newPage();
  await start(page);
  await answer(page, { until: 3 });
  await expect(page.getByTestId('reporting-unclaimed')).toContainText('職員番号が設定されていないあいだ');
  await expect(page.getByTestId('reporting-unclaimed')).toContainText(course.title);
  expect((await outbox(page)).unclaimed.length).toBe(4);
  // Someone sets a staff number (leaving the attempt adds its `suspended`,
  // made with no identity too): nothing goes under it by itself.
  await setIdentity(page, { name: '後 から', staff: 'U0001', department: '福祉総務課' });
  await page.goto(site);
  await page.waitForTimeout(3_000);
  expect(of(await stored(), 'U0001')).toEqual([]);
  // The taker confirms.
  expect((await outbox(page)).unclaimed.length).toBe(5);
  await page.getByTestId('reporting-unclaimed').getByRole('button', { name: '私の記録として送信する' }).click();
  await expect.poll(async () => of(await stored(), 'U0001').length, { timeout: 20_000 }).toBe(5);
  await expect(page.getByTestId('reporting-notice')).toHaveCount(0);
  await context.close();
});

test('a write to the outbox that the browser refuses is shown at once, kept in the page and written with the next event', async ({ page }) => {
  test.setTimeout(90_000);
  // The browser refuses every write of the outbox (a full storage) until told otherwise.
  await page.addInitScript(() => {
    const set = Storage.prototype.setItem;
    window.refuseOutbox = true;
    Storage.prototype.setItem = function (key, value) {
      if (window.refuseOutbox && key === 'kenshu.outbox') throw new DOMException('full', 'QuotaExceededError');
      return set.call(this, key, value);
    };
  });
  await setIdentity(page, { name: '研修 六郎', staff: 'W0001', department: '福祉総務課' });
  await start(page);
  await answer(page, { until: 2 });
  expect(await page.evaluate(() => localStorage.getItem('kenshu.outbox'))).toBeNull();
  await expect(page.getByTestId('reporting-storage')).toContainText('保存できませんでした');
  await expect(page.getByTestId('reporting-storage')).toContainText('QuotaExceededError');
  await page.evaluate(() => { window.refuseOutbox = false; });
  await answer(page, { from: 3, until: 3 });
  await expect.poll(async () => of(await stored(), 'W0001').length, { timeout: 30_000 }).toBe(4);
  await expect(page.getByTestId('reporting-storage')).toHaveCount(0);
});

test('a full outbox says its limit and how many records it could not keep, and still keeps the result', async ({ page }) => {
  await page.context().route(`${lrs}/**`, (route) => route.abort('internetdisconnected'));
  await setIdentity(page, { name: '研修 七郎', staff: 'F0001', department: '福祉総務課' });
  await page.evaluate(() => {
    const pending = Array.from({ length: 1000 }, (_, i) => ({
      id: `f${i}`,
      statement: { id: `f${i}`, actor: { account: { homePage: 'https://staff.example.lg.jp/', name: 'F0001' } },
        verb: { id: 'http://adlnet.gov/expapi/verbs/answered' }, timestamp: '2026-12-01T00:00:00.000Z' },
    }));
    localStorage.setItem('kenshu.outbox', JSON.stringify({ version: 2, pending }));
  });
  await start(page);
  await answer(page, { until: 1 });
  await expect(page.getByTestId('reporting-full')).toContainText('上限（1000 件');
  await expect(page.getByTestId('reporting-full')).toContainText('1 件の記録を保管できませんでした');
  const box = await outbox(page);
  expect([box.pending.length, box.not_kept]).toEqual([1001, 1]);
  expect(verb(box.pending.at(-1).statement)).toBe('attempted');
  await page.context().unroute(`${lrs}/**`);
});

test('a finished retry of the missed questions sends its answers as practice and no result of the course', async ({ page }) => {
  test.setTimeout(90_000);
  await setIdentity(page, { name: '研修 五郎', staff: 'R0001', department: '福祉総務課' });
  await start(page);
  await answer(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('結果');
  await page.getByRole('button', { name: '間違えた問題だけ解き直す' }).click();
  await answer(page, { wrong: 0 });
  await expect(page.getByRole('heading', { level: 1 })).toContainText('結果');
  await expect.poll(async () => of(await stored(), 'R0001').length, { timeout: 30_000 }).toBe(total + 3 + 2);
  const mine = of(await stored(), 'R0001');
  const count = (v) => mine.filter((s) => verb(s) === v).length;
  expect([count('attempted'), count('completed'), count('passed') + count('failed'), count('answered')]).toEqual([1, 1, 1, total + 2]);
  const practice = mine.filter((s) => Object.keys(s.context.extensions ?? {}).some((k) => k.endsWith('/xapi/practice')));
  expect(practice.map(verb)).toEqual(['answered', 'answered']);
  expect(new Set(practice.map((s) => s.context.registration)).size).toBe(1);
});

test('the trainer reads with the LRS filters, and a reading that stops mid-way says it is not complete', async ({ page }) => {
  await page.goto(`${site}#/trainer`);
  await page.getByLabel('ユーザー名').fill('trainer');
  await page.getByLabel('パスワード').fill('trainer-pass');
  await page.getByRole('button', { name: 'LRS から読み込む' }).click();
  await expect(page.getByTestId('lrs-status')).toHaveText(/LRS から \d+ 人分/);
  const people = Number((await page.getByTestId('lrs-status').textContent()).match(/(\d+) 人分/)[1]);
  // Everyone with a statement about the course, as the LRS holds them.
  expect(people).toBe(new Set((await stored()).map((s) => s.actor.account.name)).size);
  expect(people).toBeGreaterThanOrEqual(2);

  // Only records from tomorrow on: nothing yet.
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel(/この日以降/).fill(tomorrow);
  await page.getByRole('button', { name: 'LRS から読み込む' }).click();
  await expect(page.getByTestId('lrs-status')).toHaveText(/LRS から 0 人分/);
  await page.getByLabel(/この日以降/).fill('');

  await mode({ get_fail_after: 2 });
  await page.getByRole('button', { name: 'LRS から読み込む' }).click();
  await expect(page.getByTestId('lrs-status')).toContainText('読み込みは完了していません');
  await expect(page.getByTestId('lrs-status')).toContainText('全員分ではありません');
  await mode({});
});
