// A piece of the app's code (a lazily loaded wasm chunk of the release
// build) that cannot be fetched never stops the app: the network dropped
// before the service worker cached it, or a new release replaced the files
// on the server. The learner is told, can try again or reload, and nothing
// stored changes. First visits only (no service worker), as that is when
// the chunks come from the network. The failed requests themselves are
// logged by the browser as console errors, so these tests watch for page
// errors (an exception or an unhandled rejection) only.
import { test, expect } from '@playwright/test';
import { HomePage, QuizPage, shippedCourses, questionById, correctChoices, expectNoAxeViolations } from './pages.mjs';

test.use({ serviceWorkers: 'block' });

const CODE_MISSING = 'アプリの一部を読み込めませんでした';
const COURSE_FAILED = 'コースを読み込めませんでした';
// A first visit's deep link takes its screen's chunks as one pack
// (scripts/split-wasm.mjs); a pack that fails falls back to the chunks.
const CHUNK = /\/((split_|chunk_)[^/]*\.wasm|pack_[^/]*\.bin)$/;

function pageErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Fails the requests whose path matches `pattern` while `state.fail` is set:
 * 'abort' (the network dropped) or 404 (the file is gone from the server). */
async function failing(page, pattern) {
  const state = { fail: null, failed: 0 };
  await page.route((url) => pattern.test(url.pathname), (route) => {
    if (!state.fail) return route.continue();
    state.failed += 1;
    return state.fail === 'abort' ? route.abort('internetdisconnected') : route.fulfill({ status: 404, body: '' });
  });
  return state;
}

/** Everything the app keeps in localStorage. */
const stored = (page) => page.evaluate(() => Object.fromEntries(Object.entries(localStorage).filter(([k]) => k.startsWith('kenshu.'))));

/** Starts the first course and answers its first question; returns the course and the next question's id. */
async function answerFirstQuestion(page) {
  const course = shippedCourses()[0];
  const home = new HomePage(page);
  await home.open();
  await home.start(course.title);
  const quiz = new QuizPage(page);
  await quiz.answerWithMouse(correctChoices(questionById(await quiz.questionId())));
  await quiz.next();
  expect(await quiz.position()).toEqual([2, course.draw]);
  return { course, quiz, second: await quiz.questionId() };
}

test('deep link to an attempt whose screen code cannot be fetched: told, tried again, the attempt goes on', async ({ page }) => {
  const errors = pageErrors(page);
  const net = await failing(page, /\/(split_attempt_screen_view_[^/]*\.wasm|pack_attempt-[^/]*\.bin)$/);
  const { course, quiz, second } = await answerFirstQuestion(page);
  const before = await stored(page);
  net.fail = 'abort';
  await page.reload();
  await expect(page).toHaveURL(new RegExp(`#/course/${course.id}/attempt$`));
  const alert = page.getByRole('alert').filter({ hasText: CODE_MISSING });
  await expect(alert).toBeVisible();
  await expect(alert.getByRole('button', { name: 'ページを再読み込みする' })).toBeVisible();
  expect(net.failed).toBeGreaterThan(0);
  // Trying again while the network is still down says so again.
  const tries = net.failed;
  await alert.getByRole('button', { name: 'もう一度読み込む' }).click();
  await expect.poll(() => net.failed).toBeGreaterThan(tries);
  await expect(alert).toBeVisible();
  expect(await stored(page)).toEqual(before);
  net.fail = null;
  await alert.getByRole('button', { name: 'もう一度読み込む' }).click();
  await expect(alert).toHaveCount(0);
  expect(await quiz.position()).toEqual([2, course.draw]);
  expect(await quiz.questionId()).toBe(second);
  expect(await stored(page)).toEqual(before);
  await quiz.answerWithMouse(correctChoices(questionById(second)));
  await quiz.next();
  expect(await quiz.position()).toEqual([3, course.draw]);
  expect(errors).toEqual([]);
});

test('deep link to an attempt with the network down for every piece of code and the course file', async ({ page }) => {
  const errors = pageErrors(page);
  const code = await failing(page, CHUNK);
  const files = await failing(page, /\/courses\/[^/]*\.course\.json$/);
  const { course, quiz, second } = await answerFirstQuestion(page);
  const before = await stored(page);
  code.fail = 'abort';
  files.fail = 'abort';
  await page.reload();
  const courseAlert = page.getByRole('alert').filter({ hasText: COURSE_FAILED });
  await expect(courseAlert).toBeVisible();
  expect(await stored(page)).toEqual(before);
  files.fail = null;
  await courseAlert.getByRole('button', { name: 'もう一度読み込む' }).click();
  // The course file is here now; the code to read it is not.
  await expect(page.getByRole('alert').filter({ hasText: CODE_MISSING })).toBeVisible();
  expect(await stored(page)).toEqual(before);
  code.fail = null;
  await page.getByRole('alert').filter({ hasText: CODE_MISSING }).getByRole('button', { name: 'もう一度読み込む' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(await quiz.questionId()).toBe(second);
  expect(await quiz.position()).toEqual([2, course.draw]);
  expect(await stored(page)).toEqual(before);
  expect(errors).toEqual([]);
});

test('deep link to a course whose reader was replaced on the server (404): reloading gets it', async ({ page }) => {
  const errors = pageErrors(page);
  const course = shippedCourses()[1];
  const net = await failing(page, /\/(split_read_compiled_[^/]*\.wasm|pack_course-[^/]*\.bin)$/);
  net.fail = 404;
  await page.goto(`./#/course/${course.id}`);
  const alert = page.getByRole('alert').filter({ hasText: CODE_MISSING });
  await expect(alert).toBeVisible();
  net.fail = null;
  await alert.getByRole('button', { name: 'ページを再読み込みする' }).click();
  await expect(page.getByRole('heading', { level: 1, name: course.title })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('deep link whose pack is gone from the server (404) or cut short: the screen comes from its chunks, nothing said', async ({ page }) => {
  const errors = pageErrors(page);
  const course = shippedCourses()[0];
  const chunks = [];
  page.on('request', (r) => /\/(split_|chunk_)[^/]*\.wasm$/.test(r.url()) && chunks.push(r.url()));
  const net = await failing(page, /\/pack_course-[^/]*\.bin$/);
  net.fail = 404;
  await page.goto(`./#/course/${course.id}`);
  await expect(page.getByRole('heading', { level: 1, name: course.title })).toBeVisible();
  expect(net.failed).toBe(1);
  expect(chunks.length).toBeGreaterThan(1);
  await expect(page.getByRole('alert')).toHaveCount(0);
  // A pack cut short (a proxy's limit, a dropped connection) is not used.
  await page.unroute(() => true);
  let served = 0;
  await page.route(/\/pack_course-[^/]*\.bin$/, async (route) => {
    served += 1;
    const response = await route.fetch();
    await route.fulfill({ response, body: (await response.body()).subarray(0, 1000) });
  });
  chunks.length = 0;
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: course.title })).toBeVisible();
  expect(served).toBe(1);
  expect(chunks.length).toBeGreaterThan(1);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a site that publishes a course, the code that checks it gone (404): home works and says so', async ({ page }) => {
  const errors = pageErrors(page);
  const net = await failing(page, CHUNK);
  net.fail = 404;
  await page.route('**/courses/published.json', (route) => route.fulfill({
    status: 200, contentType: 'application/json',
    body: JSON.stringify({ format: 'kenshu-published', version: 1, courses: [{ id: 'local-rules', title: '庁内ルール', file: 'local-rules.toml', digest: '0000000000000000', published_on: '2026-11-30' }] }),
  }));
  await page.goto('./');
  await expect(page.locator('article.course-card').first().getByRole('button', { name: '始める' })).toBeVisible();
  const alert = page.getByRole('alert').filter({ hasText: CODE_MISSING });
  await expect(alert).toBeVisible();
  net.fail = null;
  await alert.getByRole('button', { name: 'もう一度読み込む' }).click();
  await expect(alert).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('settings and the trainer screen, their code gone from the server (404): home still works, then try again', async ({ page }) => {
  const errors = pageErrors(page);
  const net = await failing(page, CHUNK);
  net.fail = 404;
  const list = page.waitForResponse(/\/courses\/published\.json/);
  await page.goto('./');
  // The home screen needs no chunk, nor does the published-course check
  // when the site publishes nothing (it reads the list first): no notice.
  await expect(page.locator('article.course-card').first().getByRole('button', { name: '始める' })).toBeVisible();
  await list;
  const alert = page.getByRole('alert').filter({ hasText: CODE_MISSING });
  await expect(alert).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: '設定' }).click();
  await expect(alert).toBeVisible();
  net.fail = null;
  await alert.getByRole('button', { name: 'もう一度読み込む' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '設定' })).toBeVisible();
  await expect(alert).toHaveCount(0);
  net.fail = 'abort';
  await page.getByRole('link', { name: '研修担当者向け' }).click();
  await expect(alert).toBeVisible();
  net.fail = null;
  await alert.getByRole('button', { name: 'もう一度読み込む' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '研修担当者向け' })).toBeVisible();
  await expect(alert).toHaveCount(0);
  expect(errors).toEqual([]);
});
