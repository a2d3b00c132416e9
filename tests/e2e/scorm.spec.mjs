// The SCORM 1.2 package in an LMS: scorm-again's runtime as the LMS's API
// in a host page that launches the package's SCO in a frame, as an LMS
// does. A course taken end to end leaves the right status and score in the
// runtime; a launch in a fresh browser resumes from the suspend data the
// LMS kept; the same files opened without an LMS are the normal app and
// never call an LMS.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, readFileSync, copyFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync, strFromU8 } from 'fflate';
import { HomePage, QuizPage, shippedCourses, questionById, correctChoices, wrongChoices, test, expect } from './pages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = join(root, 'target', 'scorm-e2e');
const site = join(work, 'site');
const port = Number(process.env.E2E_PORT ?? 4173) + 1;
const origin = `http://127.0.0.1:${port}`;
const course = shippedCourses()[0];
let server;
let manifest;

test.beforeAll(async () => {
  // The package as a trainer uploads it, built from the release in dist/,
  // unpacked under the host page as an LMS serves it.
  rmSync(work, { recursive: true, force: true });
  const zip = join(work, 'kenshu-scorm.zip');
  execFileSync('node', [join(root, 'scripts', 'build-scorm.mjs'), '--out', zip], { cwd: root, stdio: 'ignore' });
  const files = unzipSync(readFileSync(zip));
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(dirname(join(site, 'pkg', name)), { recursive: true });
    writeFileSync(join(site, 'pkg', name), data);
  }
  manifest = strFromU8(files['imsmanifest.xml']);
  const fixtures = join(root, 'tests', 'e2e', 'fixtures', 'scorm');
  for (const f of ['host.html', 'host.js']) copyFileSync(join(fixtures, f), join(site, f));
  copyFileSync(join(root, 'node_modules', 'scorm-again', 'dist', 'scorm12.js'), join(site, 'scorm12.js'));
  server = spawn('node', [join(root, 'scripts', 'serve-dist.mjs'), site, String(port)], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${origin}/host.html`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the test LMS did not start on ${origin}`);
});

test.afterAll(() => server?.kill());

test.beforeEach(({}, info) => {
  test.skip(info.project.name !== 'desk', 'one screen size is enough for the LMS');
});

const launch = (id) => `pkg/index.html?course=${id}`;
const host = (setup) => `${origin}/host.html?setup=${encodeURIComponent(JSON.stringify(setup))}`;
// As an LMS sets them for a learner taking the course for credit (scorm-again
// leaves credit empty otherwise, and judges mastery only with `credit`).
const learner = { student_id: 'staff-0042', student_name: '山田, 花子', credit: 'credit', lesson_mode: 'normal' };

/** Opens the host page, which launches the SCO; waits until the course is open. */
async function openSco(page, setup) {
  await page.goto(host({ launch: launch(course.id), ...setup }));
  const frame = page.frameLocator('#sco');
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText(course.title);
  return frame;
}

/** What the LMS's runtime holds now. */
function runtime(page) {
  return page.evaluate(() => {
    const flat = window.API.getFlattenedCMI();
    return {
      status: window.API.cmi.core.lesson_status,
      raw: window.API.cmi.core.score.raw,
      min: window.API.cmi.core.score.min,
      max: window.API.cmi.core.score.max,
      suspend: window.API.cmi.suspend_data,
      exit: flat['cmi.core.exit'],
      session: flat['cmi.core.session_time'],
      terminated: window.API.isTerminated(),
      masteryOverride: window.API.settings.mastery_override,
      calls: window.lmsCalls.map((c) => c[0]),
    };
  });
}

/**
 * Answers questions `from`..`to` of the attempt in the frame, each followed
 * by 次の問題へ (結果を見る after the last); the last `wrong` of the whole
 * attempt wrongly. Returns the attempt's length.
 */
async function answer(quiz, { from = 1, to, wrong = 0 }) {
  const [, total] = await quiz.position();
  for (let n = from; n <= (to ?? total); n++) {
    expect(await quiz.position()).toEqual([n, total]);
    const q = questionById(await quiz.questionId());
    await quiz.answerWithMouse(n > total - wrong ? wrongChoices(q) : correctChoices(q));
    await quiz.next();
  }
  return total;
}

test('the package: one SCO per course, every file listed, no service worker', async () => {
  for (const c of shippedCourses()) {
    expect(manifest).toContain(`adlcp:scormtype="sco" href="index.html?course=${c.id}"`);
    expect(manifest).toContain(`<adlcp:masteryscore>${c.pass_mark}</adlcp:masteryscore>`);
  }
  expect(manifest).toContain('<schemaversion>1.2</schemaversion>');
  expect(manifest).toContain('<file href="index.html"/>');
  expect(manifest).toContain('<file href="scorm-launch.js"/>');
  expect(manifest).not.toContain('sw.js');
  expect(manifest).not.toContain('register.js');
  expect(manifest).not.toContain('pack_');
  // Nor the trainer's .xlsx worker (about 400 KB brotli): the package's
  // trainer screen asks for CSV, as the single file does.
  expect(manifest).not.toContain('sheet_worker');
  const index = readFileSync(join(site, 'pkg', 'index.html'), 'utf8');
  expect(index).not.toContain('register.js');
  expect(index).toContain('<meta name="kenshu-scorm" id="kenshu-scorm"');
  expect(index).toContain('<script src="./scorm-launch.js"></script>');
});

test('a course taken end to end in an LMS reports passed with its score, and the LMS name', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  // No settings object: scorm-again leaves mastery_override off. The SCO
  // opens its course directly.
  const frame = await openSco(page, { preload: { core: learner } });
  await expect.poll(async () => (await runtime(page)).calls.length).toBe(5);
  // The SCORM session's code, as every chunk there: its own file (the
  // package carries no packs, and the page asks for none).
  expect(requests.some((u) => u.includes('split_scorm_session'))).toBe(true);
  expect(requests.filter((u) => u.includes('pack_'))).toEqual([]);
  // Initialize, then lesson_mode, credit, the name and the suspend data.
  const reads = await page.evaluate(() => window.lmsCalls.map((c) => c[1]));
  expect(reads).toEqual(['', 'cmi.core.lesson_mode', 'cmi.core.credit', 'cmi.core.student_name', 'cmi.suspend_data']);
  expect((await runtime(page)).calls).toEqual(['LMSInitialize', 'LMSGetValue', 'LMSGetValue', 'LMSGetValue', 'LMSGetValue']);
  // A normal launch for credit: nothing to say.
  await expect(frame.locator('#scorm-notice, #scorm-refused')).toHaveCount(0);
  await frame.getByRole('button', { name: '始める' }).click();
  const quiz = new QuizPage(frame);
  await answer(quiz, { to: 1 });
  await expect.poll(async () => (await runtime(page)).status).toBe('incomplete');
  expect((await runtime(page)).raw).toBe('');
  // Right on all but the last two: 80 %, the pass mark.
  const total = await answer(quiz, { from: 2, wrong: 2 });
  const expected = Math.floor(((total - 2) / total) * 100);
  await expect(frame.locator('#score')).toHaveText(`${expected}点（合格点 ${course.pass_mark}点）`);
  await expect.poll(async () => (await runtime(page)).status).toBe(expected >= course.pass_mark ? 'passed' : 'failed');
  let lms = await runtime(page);
  expect([lms.raw, lms.min, lms.max]).toEqual([String(expected), '0', '100']);
  expect(lms.masteryOverride).toBe(false);
  expect(lms.suspend).toMatch(/^k1\./);
  expect(lms.suspend.length).toBeLessThanOrEqual(4096);
  console.log(`suspend_data after a finished attempt of ${course.id}: ${lms.suspend.length} characters`);
  // The certificate carries the name the LMS gave ("Last, First" → 山田 花子).
  await frame.getByRole('link', { name: /修了証/ }).first().click();
  await expect(frame.getByRole('article')).toContainText('山田 花子 様');
  // The learner leaves: session time, a normal exit (finished), LMSFinish.
  await page.evaluate(() => window.closeSco());
  await expect.poll(async () => (await runtime(page)).terminated).toBe(true);
  lms = await runtime(page);
  expect(lms.exit).toBe('');
  const sent = await page.evaluate(() => window.lmsCalls.find((c) => c[1] === 'cmi.core.session_time'));
  expect(sent).toEqual(['LMSSetValue', 'cmi.core.session_time', expect.stringMatching(/^\d{4}:\d{2}:\d{2}\.\d{2}$/), 'true']);
  expect(lms.session).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
  expect(lms.status).toBe('passed');
  expect(lms.calls.at(-1)).toBe('LMSFinish');
});

test('a failed run reports failed; with mastery_override on and the pass mark as mastery score, the status stands', async ({ page }) => {
  // A settings object without mastery_override turns it on; the LMS takes
  // the mastery score from the manifest (the pass mark).
  const frame = await openSco(page, {
    settings: {},
    preload: { core: learner, student_data: { mastery_score: String(course.pass_mark) } },
  });
  await frame.getByRole('button', { name: '始める' }).click();
  const total = await answer(new QuizPage(frame), { wrong: 3 });
  const expected = Math.floor(((total - 3) / total) * 100);
  expect(expected).toBeLessThan(course.pass_mark);
  await expect.poll(async () => (await runtime(page)).status).toBe('failed');
  expect((await runtime(page)).raw).toBe(String(expected));
  await page.evaluate(() => window.closeSco());
  await expect.poll(async () => (await runtime(page)).terminated).toBe(true);
  const lms = await runtime(page);
  expect(lms.masteryOverride).toBe(true);
  expect([lms.status, lms.raw]).toEqual(['failed', String(expected)]);
});

test('mastery_override off keeps the status the course set, even against another mastery score', async ({ page }) => {
  const frame = await openSco(page, {
    settings: { mastery_override: false },
    preload: { core: learner, student_data: { mastery_score: '95' } },
  });
  await frame.getByRole('button', { name: '始める' }).click();
  await answer(new QuizPage(frame), { wrong: 1 });
  await expect.poll(async () => (await runtime(page)).status).toBe('passed');
  await page.evaluate(() => window.closeSco());
  await expect.poll(async () => (await runtime(page)).terminated).toBe(true);
  // scorm-again with mastery_override on would have made this `failed` (raw < 95).
  expect((await runtime(page)).status).toBe('passed');
});

test('a launch in a fresh browser resumes the attempt from the suspend data the LMS kept', async ({ page, browser }) => {
  const frame = await openSco(page, { preload: { core: learner } });
  await frame.getByRole('button', { name: '始める' }).click();
  const quiz = new QuizPage(frame);
  await answer(quiz, { to: 4 });
  const fifth = await quiz.questionId();
  expect(await quiz.position()).toEqual([5, expect.any(Number)]);
  await expect.poll(async () => (await runtime(page)).suspend.split('.')[2].length).toBeGreaterThan(0);
  await page.evaluate(() => window.closeSco());
  await expect.poll(async () => (await runtime(page)).terminated).toBe(true);
  const before = await runtime(page);
  expect([before.status, before.exit]).toEqual(['incomplete', 'suspend']);
  expect(before.suspend.length).toBeLessThanOrEqual(4096);

  // The LMS launches again in another browser: empty localStorage, the
  // learner and suspend data from the LMS (entry "resume" after a suspend).
  const context = await browser.newContext();
  // Checked before the launch: once the SCO starts it rightly writes the
  // resumed attempt to this browser's storage.
  expect((await context.storageState()).origins).toEqual([]);
  const again = await context.newPage();
  const problems = [];
  again.on('pageerror', (e) => problems.push(e.message));
  again.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await again.goto(host({
    preload: { core: { ...learner, entry: 'resume' }, suspend_data: before.suspend },
    launch: launch(course.id),
  }));
  const resumed = new QuizPage(again.frameLocator('#sco'));
  // Straight back on the fifth question, the first four kept.
  await expect(resumed.form).toHaveAttribute('data-question', fifth);
  expect((await resumed.position())[0]).toBe(5);
  const total = await answer(resumed, { from: 5 });
  await expect(again.frameLocator('#sco').locator('#score')).toHaveText(`100点（合格点 ${course.pass_mark}点）`);
  await expect.poll(async () => (await runtime(again)).status).toBe('passed');
  expect((await runtime(again)).raw).toBe('100');
  expect(total).toBe(course.draw);
  expect(problems).toEqual([]);
  await context.close();
});

test('progress made in this browser outside the LMS is kept but never reported to it', async ({ page }) => {
  // Someone takes the course in this browser without the LMS: 100 points.
  await page.goto(`${origin}/pkg/index.html`);
  await new HomePage(page).start(course.title);
  await answer(new QuizPage(page), {});
  await expect(page.locator('#score')).toHaveText(`100点（合格点 ${course.pass_mark}点）`);
  // The LMS launches the course for its learner: the app shows its own
  // record, but the LMS hears nothing of it.
  const frame = await openSco(page, { preload: { core: learner } });
  await expect(frame.locator('#pass-status')).toBeVisible();
  await expect.poll(async () => (await runtime(page)).calls.length).toBe(5);
  await page.waitForTimeout(300);
  let lms = await runtime(page);
  expect([lms.calls.length, lms.status, lms.raw]).toEqual([5, 'not attempted', '']);
  // The learner's own attempt is what the LMS gets: 90, not the 100 above.
  await frame.getByRole('button', { name: '始める' }).click();
  const total = await answer(new QuizPage(frame), { wrong: 1 });
  const expected = Math.floor(((total - 1) / total) * 100);
  await expect.poll(async () => (await runtime(page)).status).toBe('passed');
  lms = await runtime(page);
  expect(lms.raw).toBe(String(expected));
  expect(lms.suspend.split('.')[4].split('_')).toHaveLength(1);
});

test('launched in a window of its own, the SCO finds the API through its opener', async ({ page }) => {
  await page.goto(host({ preload: { core: learner }, popup: true, launch: launch(course.id) }));
  const [sco] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: /new window/ }).click()]);
  const problems = [];
  sco.on('pageerror', (e) => problems.push(e.message));
  sco.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  await expect(sco.getByRole('heading', { level: 1 })).toHaveText(course.title);
  await sco.getByRole('button', { name: '始める' }).click();
  await answer(new QuizPage(sco), { to: 1 });
  await expect.poll(async () => (await runtime(page)).status).toBe('incomplete');
  await sco.close({ runBeforeUnload: true });
  await expect.poll(async () => (await runtime(page)).terminated).toBe(true);
  expect((await runtime(page)).exit).toBe('suspend');
  expect(problems).toEqual([]);
});

test('opened without an LMS the package is the normal app and calls no LMS', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  // A site deployed as usual has no SCORM marker: the SCORM code is never
  // fetched, even with a launch URL's query.
  await page.goto(`http://127.0.0.1:${port - 1}/index.html?course=${course.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('福祉部 職員研修');
  await page.waitForTimeout(300);
  expect(requests.some((u) => u.includes('split_scorm_session'))).toBe(false);
  // The package's launch URL opened directly (no frame, no opener): the
  // home screen, as ever.
  await page.goto(`${origin}/${launch(course.id)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('福祉部 職員研修');
  await expect(page.locator('article.course-card')).toHaveCount(shippedCourses().length);
  expect(await page.evaluate(() => location.hash)).toBe('');
  // In a frame of a page that has an API but did not launch a SCO (no
  // course in the URL), the app leaves the API alone.
  await page.goto(host({ preload: { core: learner }, launch: 'pkg/index.html' }));
  await expect(page.frameLocator('#sco').getByRole('heading', { level: 1 })).toHaveText('福祉部 職員研修');
  await page.waitForTimeout(500);
  expect((await runtime(page)).calls).toEqual([]);
  // Framed by a page of another origin (the same package under another host
  // name), the LMS's window cannot be read: passed over without an error.
  await page.goto(host({ preload: { core: learner }, launch: `http://localhost:${port}/${launch(course.id)}` }));
  await expect(page.frameLocator('#sco').getByRole('heading', { level: 1 })).toHaveText(course.title);
  await page.waitForTimeout(500);
  expect((await runtime(page)).calls).toEqual([]);
});

/**
 * Stands in for the LMS's server behind the runtime: what a commit accepts
 * is copied to `window.lmsStored` (what the LMS keeps), and the next
 * `commits` LMSCommit calls and `sets` LMSSetValue calls are refused as an
 * LMS whose server is down refuses them: "false", error 101 with the LMS's
 * own words. Call again to change the counts.
 */
async function lmsServer(page, { commits = 0, sets = 0 } = {}) {
  await page.evaluate(({ commits, sets }) => {
    window.refusals = { commits, sets };
    if (window.lmsStored !== undefined) return;
    window.lmsStored = null;
    const api = window.API;
    const refuse = (name, args) => {
      api.throwSCORMError(null, 101, 'the LMS server did not answer', 5);
      window.lmsCalls.push([name, ...args, 'false']);
      return 'false';
    };
    const commit = api.LMSCommit;
    api.LMSCommit = (...args) => {
      if (window.refusals.commits > 0) {
        window.refusals.commits--;
        return refuse('LMSCommit', args);
      }
      const answer = commit(...args);
      if (answer === 'true') {
        window.lmsStored = { status: api.cmi.core.lesson_status, raw: api.cmi.core.score.raw, suspend: api.cmi.suspend_data };
      }
      return answer;
    };
    const set = api.LMSSetValue;
    api.LMSSetValue = (...args) => {
      if (window.refusals.sets > 0) {
        window.refusals.sets--;
        return refuse('LMSSetValue', args);
      }
      return set(...args);
    };
  }, { commits, sets });
}

const stored = (page) => page.evaluate(() => window.lmsStored);
const calls = (page) => page.evaluate(() => window.lmsCalls);

test('a store the LMS refuses is tried again until it is kept; while the LMS keeps refusing the learner is told, and nothing is lost', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const frame = await openSco(page, { preload: { core: learner } });
  // The first answer's report: its first LMSSetValue is refused, then,
  // tried again after a short wait, its LMSCommit; the next try stores it.
  await lmsServer(page, { sets: 1, commits: 1 });
  await frame.getByRole('button', { name: '始める' }).click();
  const quiz = new QuizPage(frame);
  await answer(quiz, { to: 1 });
  await expect.poll(async () => (await stored(page))?.status, { timeout: 10_000 }).toBe('incomplete');
  // Past the last retry of this round (2 s after the second refusal).
  await page.waitForTimeout(2_500);
  let made = await calls(page);
  expect(made.filter((c) => c[0] === 'LMSSetValue' && c.at(-1) === 'false')).toEqual([
    ['LMSSetValue', 'cmi.core.lesson_status', 'incomplete', 'false'],
  ]);
  expect(made.filter((c) => c[0] === 'LMSCommit').map((c) => c.at(-1))).toEqual(['false', 'true']);
  const first = (await stored(page)).suspend;
  expect(first).toMatch(/^k1\./);
  await expect(frame.locator('#scorm-refused')).toHaveCount(0);

  // Now the LMS refuses every commit: the report is tried 1 + 3 times
  // (after 0.5, 2 and 5 s), then the learner is told, in plain words with
  // the LMS's error, that their answers are kept in this browser.
  await lmsServer(page, { commits: 1_000 });
  const before = made.length;
  await answer(quiz, { from: 2, to: 2 });
  const refusedNotice = frame.locator('#scorm-refused');
  await expect(refusedNotice).toContainText('101', { timeout: 15_000 });
  await expect(refusedNotice).toContainText('回答と結果はこのブラウザに保存されています');
  await expect(refusedNotice).toHaveAttribute('role', 'alert');
  made = (await calls(page)).slice(before);
  const tries = made.filter((c) => c[0] === 'LMSCommit');
  expect(tries.length).toBeGreaterThanOrEqual(4);
  expect(tries.every((c) => c.at(-1) === 'false')).toBe(true);
  // No more tries on their own; the LMS still has the first answer only.
  await page.waitForTimeout(1_500);
  expect((await calls(page)).slice(before).filter((c) => c[0] === 'LMSCommit')).toHaveLength(tries.length);
  expect((await stored(page)).suspend).toBe(first);
  // The browser has both answers.
  const local = await page.evaluate(() => JSON.parse(localStorage.getItem('kenshu.progress')));
  const active = Object.values(local.courses)[0].active;
  expect(active.items.filter((i) => i.answer != null)).toHaveLength(2);

  // The LMS is back: the next answer stores everything, and the notice goes.
  await lmsServer(page, { commits: 0 });
  await answer(quiz, { from: 3, to: 3 });
  await expect.poll(async () => (await stored(page)).suspend).not.toBe(first);
  await expect(refusedNotice).toHaveCount(0);
  const kept = (await stored(page)).suspend;

  // What the LMS kept is the whole record: launched again in another
  // browser with it, the attempt goes on at the fourth question.
  const context = await browser.newContext();
  const again = await context.newPage();
  await again.goto(host({ preload: { core: { ...learner, entry: 'resume' }, suspend_data: kept }, launch: launch(course.id) }));
  const resumed = new QuizPage(again.frameLocator('#sco'));
  await expect(resumed.form).toBeVisible();
  expect((await resumed.position())[0]).toBe(4);
  await context.close();
});

test('browse and review launches record nothing in the LMS; review opens the results, not the attempt in progress', async ({ page, browser }) => {
  test.setTimeout(120_000);
  // The learner's record as the LMS keeps it: a pass, then a new attempt
  // left after two answers.
  const frame = await openSco(page, { preload: { core: learner } });
  await frame.getByRole('button', { name: '始める' }).click();
  await answer(new QuizPage(frame), {});
  await expect.poll(async () => (await runtime(page)).status).toBe('passed');
  await frame.getByRole('button', { name: 'もう一度挑戦する' }).click();
  await expect(new QuizPage(frame).form).toBeVisible();
  await answer(new QuizPage(frame), { to: 2 });
  await expect.poll(async () => (await runtime(page)).suspend.split('.')[2]).not.toBe('');
  await page.evaluate(() => window.closeSco());
  await expect.poll(async () => (await runtime(page)).terminated).toBe(true);
  const suspend = (await runtime(page)).suspend;

  for (const mode of ['browse', 'review']) {
    const context = await browser.newContext();
    const lms = await context.newPage();
    const problems = [];
    lms.on('pageerror', (e) => problems.push(e.message));
    await lms.goto(host({
      preload: { core: { ...learner, lesson_mode: mode, credit: mode === 'review' ? 'no-credit' : 'credit', entry: 'resume' }, suspend_data: suspend },
      launch: launch(course.id),
    }));
    const sco = lms.frameLocator('#sco');
    const notice = sco.locator('#scorm-notice');
    await expect(notice).toContainText(mode === 'browse' ? '「閲覧」モード' : '「復習」モード');
    await expect(notice).toContainText('このブラウザには保存されます');
    if (mode === 'review') {
      // The course's page with the learner's results (passed), not the
      // attempt in progress.
      await expect(sco.locator('#pass-status')).toBeVisible();
      await expect(new QuizPage(sco).form).toHaveCount(0);
      expect(await lms.evaluate(() => document.getElementById('sco').contentWindow.location.hash)).toBe(`#/course/${course.id}`);
      await sco.getByRole('link', { name: '続きから' }).click();
    }
    // The attempt goes on to the end here; the LMS hears none of it.
    const quiz = new QuizPage(sco);
    await answer(quiz, { from: 3 });
    await expect(sco.locator('#score')).toBeVisible();
    await lms.waitForTimeout(500);
    await lms.evaluate(() => window.closeSco());
    await expect.poll(async () => (await runtime(lms)).terminated).toBe(true);
    const after = await runtime(lms);
    expect(after.calls.filter((c) => c !== 'LMSGetValue')).toEqual(['LMSInitialize', 'LMSFinish']);
    // The status is scorm-again's own: `browsed` after a first launch in
    // browse mode, otherwise as it was.
    expect([after.status, after.raw, after.suspend, after.exit]).toEqual([mode === 'browse' ? 'browsed' : 'not attempted', '', suspend, '']);
    expect(problems).toEqual([]);
    await context.close();
  }
});

test('a launch not for credit sends no status, score or suspend data, only the time spent', async ({ page }) => {
  const frame = await openSco(page, { settings: {}, preload: { core: { ...learner, credit: 'no-credit' }, student_data: { mastery_score: String(course.pass_mark) } } });
  await expect(frame.locator('#scorm-notice')).toContainText('修了の記録の対象外');
  await frame.getByRole('button', { name: '始める' }).click();
  await answer(new QuizPage(frame), {});
  await expect(frame.locator('#score')).toHaveText(`100点（合格点 ${course.pass_mark}点）`);
  await page.waitForTimeout(500);
  expect((await runtime(page)).calls.filter((c) => c === 'LMSSetValue')).toEqual([]);
  expect((await runtime(page)).status).toBe('not attempted');
  await page.evaluate(() => window.closeSco());
  await expect.poll(async () => (await runtime(page)).terminated).toBe(true);
  const lms = await runtime(page);
  const sets = (await calls(page)).filter((c) => c[0] === 'LMSSetValue').map((c) => c[1]);
  expect(sets).toEqual(['cmi.core.session_time']);
  // scorm-again's mastery_override is on, but it judges only a launch for
  // credit.
  expect([lms.status, lms.raw, lms.suspend]).toEqual(['not attempted', '', '']);
});

test('suspend data from another course version, cut short or not the app\'s is never read: the browser keeps its record and a copy, and the learner is told', async ({ page }) => {
  test.setTimeout(120_000);
  // The browser's own record: an attempt in progress at this course, made
  // in this LMS launch, and its suspend data.
  let frame = await openSco(page, { preload: { core: learner } });
  await frame.getByRole('button', { name: '始める' }).click();
  await answer(new QuizPage(frame), { to: 2 });
  await expect.poll(async () => (await runtime(page)).suspend.split('.')[2]).not.toBe('');
  await page.evaluate(() => window.closeSco());
  await expect.poll(async () => (await runtime(page)).terminated).toBe(true);
  const good = (await runtime(page)).suspend;
  const progress = () => page.evaluate(() => localStorage.getItem('kenshu.progress'));
  const mine = JSON.parse(await progress()).courses[course.id].active;
  expect(mine.items.filter((i) => i.answer != null)).toHaveLength(2);
  const fields = good.split('.');
  const foreign = {
    // Written for another version of the course (its questions changed).
    'another version': [fields[0], 'zzzzz', ...fields.slice(2)].join('.'),
    'cut short': good.slice(0, good.length - 1),
    'not the app\'s': '{"page":7,"answers":[1,2,3]}',
    'garbage': 'k1.@@.x',
  };
  for (const [what, data] of Object.entries(foreign)) {
    const problems = [];
    const listen = (e) => problems.push(`${what}: ${e.message}`);
    page.on('pageerror', listen);
    frame = await openSco(page, { preload: { core: { ...learner, entry: 'resume' }, suspend_data: data } });
    const notice = frame.locator('#scorm-notice');
    await expect(notice, what).toContainText('読めなかったため使っていません');
    await expect(notice, what).toContainText('設定画面の「控え」に残しました');
    // The browser's own record is as it was, and a copy of the data is kept.
    expect(JSON.parse(await progress()).courses[course.id].active, what).toEqual(mine);
    const backups = await page.evaluate(() => Object.keys(localStorage)
      .filter((k) => k.startsWith('kenshu.backup.')).map((k) => localStorage.getItem(k)));
    expect(backups, what).toContain(data);
    // Nothing was written over the LMS's copy yet (the attempt here is not
    // the LMS learner's until they go on with it).
    await page.waitForTimeout(300);
    expect((await runtime(page)).suspend, what).toBe(data);
    page.off('pageerror', listen);
    expect(problems).toEqual([]);
  }
  // Going on with the attempt: the LMS now gets this course's suspend data.
  await frame.getByRole('link', { name: '続きから' }).click();
  await answer(new QuizPage(frame), { from: 3, to: 3 });
  await expect.poll(async () => (await runtime(page)).suspend).toMatch(new RegExp(`^${fields[0]}\\.${fields[1]}\\.`));
  expect((await runtime(page)).status).toBe('incomplete');
});

test('a page restored from the back/forward cache starts a new LMS session and goes on reporting, never sending the same thing twice', async ({ page }) => {
  test.setTimeout(90_000);
  // scorm-again quiet (it writes a refused call to the console as an error).
  const frame = await openSco(page, { settings: { logLevel: 5, mastery_override: false }, preload: { core: learner } });
  await frame.getByRole('button', { name: '始める' }).click();
  const quiz = new QuizPage(frame);
  await answer(quiz, { to: 1 });
  await expect.poll(async () => (await runtime(page)).status).toBe('incomplete');
  const transition = (type) => page.evaluate((type) => {
    const win = document.getElementById('sco').contentWindow;
    win.dispatchEvent(new win.PageTransitionEvent(type, { persisted: true }));
  }, type);
  // The page goes into the cache: the session ends as on any leaving.
  await transition('pagehide');
  let lms = await runtime(page);
  expect([lms.terminated, lms.exit, lms.calls.at(-1)]).toEqual([true, 'suspend', 'LMSFinish']);
  // The LMS opens a new session for the restored page (a new runtime with
  // what it kept), as an LMS that allows it does.
  await page.evaluate(() => {
    const old = window.API;
    const api = new Scorm12API({ logLevel: 5, mastery_override: false });
    api.loadFromJSON({
      core: { student_id: 'staff-0042', student_name: '山田, 花子', credit: 'credit', lesson_mode: 'normal', entry: 'resume', lesson_status: old.cmi.core.lesson_status },
      suspend_data: old.cmi.suspend_data,
    });
    window.lmsCalls = [];
    for (const name of ['LMSInitialize', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSFinish']) {
      const call = api[name].bind(api);
      api[name] = (...args) => {
        const answer = call(...args);
        window.lmsCalls.push([name, ...args, answer]);
        return answer;
      };
    }
    window.API = api;
  });
  await transition('pageshow');
  await expect.poll(async () => (await runtime(page)).calls).toEqual(['LMSInitialize']);
  // Nothing is sent again that the LMS already has.
  await page.waitForTimeout(500);
  expect((await runtime(page)).calls).toEqual(['LMSInitialize']);
  // The next answer is reported in the new session.
  await answer(quiz, { from: 2, to: 2 });
  await expect.poll(async () => (await calls(page)).filter((c) => c[1] === 'cmi.suspend_data')).toHaveLength(1);
  lms = await runtime(page);
  expect(lms.calls.filter((c) => c === 'LMSCommit')).toHaveLength(1);
  expect(lms.status).toBe('incomplete');

  // An LMS that does not start a session again: the learner is told, and
  // the browser keeps the record.
  await transition('pagehide');
  expect((await runtime(page)).terminated).toBe(true);
  await transition('pageshow');
  const refused = frame.locator('#scorm-refused');
  await expect(refused).toContainText('学習管理システム（LMS）との接続を始められませんでした');
  await expect(refused).toContainText('101');
  const count = (await runtime(page)).calls.length;
  await answer(quiz, { from: 3, to: 3 });
  await page.waitForTimeout(500);
  expect((await runtime(page)).calls.length).toBe(count);
  const local = await page.evaluate(() => JSON.parse(localStorage.getItem('kenshu.progress')));
  expect(local.courses[course.id].active.items.filter((i) => i.answer != null)).toHaveLength(3);
});
