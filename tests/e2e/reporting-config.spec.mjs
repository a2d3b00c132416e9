// A deployment's reporting settings, as scripts/configure-reporting.mjs
// writes them into a copy of the release: checked by the app's own check
// (`quizcheck reporting`), every byte of a password kept (String.replace
// would expand `$$`, `$&`, `$'` and `` $` ``), no value able to close the
// script element, and the app signing in with exactly the password given:
// the Authorization header the browser sends is read at a stub LRS.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, QuizPage, shippedCourses } from './pages.mjs';
import { mustReplace, mustReplaceAll } from '../../scripts/must.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = join(root, 'target', 'reporting-config');
const sitePort = Number(process.env.E2E_REPORTING_SITE_PORT ?? 4184);
const site = `http://127.0.0.1:${sitePort}/`;
const endpoint = 'http://127.0.0.1:8197/xAPI/';
const PASSWORD = "kenshu$$2026$'x";
const NASTY = "a$&b$'c$`d$$e$1</script><!--\u2028\u2029</html>";
const [course] = shippedCourses();

/** A copy of the release configured with `settings`: the script's exit code, what it said, and the page. */
function configure(name, settings) {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(root, 'dist'), dir, { recursive: true });
  const file = join(work, `${name}.json`);
  writeFileSync(file, typeof settings === 'string' ? settings : JSON.stringify(settings));
  const run = spawnSync('node', [join(root, 'scripts', 'configure-reporting.mjs'), dir, file], { encoding: 'utf8' });
  return { dir, status: run.status, said: run.stdout + run.stderr, html: readFileSync(join(dir, 'index.html'), 'utf8') };
}

/** The settings block as the app reads it (its text, parsed as JSON). */
const block = (html) => JSON.parse(html.match(/<script type="application\/json" id="kenshu-reporting">([\s\S]*?)<\/script>/)[1]);

const settings = (password) => ({
  endpoint,
  identity: { kind: 'account', home_page: 'https://staff.example.lg.jp/' },
  auth: { kind: 'basic', username: 'kenshu-writer', password },
});

// The first run of the script may build quizcheck.
test.describe.configure({ mode: 'serial', timeout: 300_000 });

test.beforeAll(() => {
  mkdirSync(work, { recursive: true });
});

test.beforeEach(async ({}, info) => {
  test.skip(info.project.name !== 'desk', 'the script and the header are the same at every screen size');
});

test('the build scripts insert a replacement exactly as given', () => {
  for (const text of [PASSWORD, NASTY, '$&', "$'", '$`', '$$', '$1']) {
    expect(mustReplace('<head></head>', '</head>', `${text}</head>`, 'x')).toBe(`<head>${text}</head>`);
    expect(mustReplace('a-b', /-/, text, 'x')).toBe(`a${text}b`);
    expect(mustReplaceAll('a-b-c', '-', text, 'x')).toBe(`a${text}b${text}c`);
  }
  // A capture is taken with a function, never with `$1`.
  expect(mustReplace('export class A', /^export (class) /, (_, kind) => `${kind} `, 'x')).toBe('class A');
  expect(() => mustReplace('abc', 'z', 'y', 'the z')).toThrow('the z: pattern not found');
});

test('a password with $$, $& and </script> survives the script byte for byte', () => {
  for (const [name, password] of [['dollar', PASSWORD], ['nasty', NASTY]]) {
    const { status, said, html } = configure(name, settings(password));
    expect(status, said).toBe(0);
    expect(said).toContain('reporting on');
    expect(html.split('</html>').length - 1).toBe(1);
    expect(html.split('</script>').length).toBe(readFileSync(join(root, 'dist', 'index.html'), 'utf8').split('</script>').length + 1);
    expect(block(html)).toEqual(settings(password));
    expect(html).toContain("connect-src 'self' http://127.0.0.1:8197;");
  }
});

test('settings the app would refuse are refused by the script, with every problem, and the page is left as it was', () => {
  const { status, said, html } = configure('bad', {
    endpoint: 'lrs.example.lg.jp/xAPI',
    activity_base: 'kenshu',
    identity: { kind: 'mbox', domain: 'staff@city.example.lg.jp' },
    auth: { kind: 'basic', username: 'kenshu-writer' },
    activity_bsae: 'https://kenshu.example.lg.jp/',
  });
  expect(status).toBe(1);
  for (const problem of ['endpoint must start with https://', 'activity_base is not an absolute IRI', 'identity.domain is not a mail domain',
    'auth.password is missing', '"activity_bsae" is not a known field', 'index.html is unchanged']) {
    expect(said).toContain(problem);
  }
  expect(html).toBe(readFileSync(join(root, 'dist', 'index.html'), 'utf8'));
  // A key given twice: JSON.parse takes the last, the app's check refuses it.
  const twice = configure('twice', `{"endpoint": "${endpoint}", "endpoint": "https://elsewhere.example/", "identity": {"kind": "mbox", "domain": "city.example.lg.jp"}}`);
  expect(twice.status).toBe(1);
  expect(twice.said).toContain('duplicate field');
});

test.describe('the app signs in with the exact password', () => {
  test.use({ serviceWorkers: 'block' });
  let server;
  test.afterAll(() => server?.kill('SIGTERM'));

  test('the Authorization header carries kenshu$$2026$\'x', async ({ page }) => {
    const { dir, status, said } = configure('site', settings(PASSWORD));
    expect(status, said).toBe(0);
    server = spawn('node', [join(root, 'scripts', 'serve-dist.mjs'), dir, String(sitePort)], { stdio: 'ignore' });
    await expect.poll(() => fetch(`${site}index.html`).then((r) => r.ok, () => false), { timeout: 10_000 }).toBe(true);

    const headers = [];
    await page.route(`${endpoint}**`, async (route) => {
      const request = route.request();
      const cors = { 'access-control-allow-origin': site.slice(0, -1), 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, POST, PUT' };
      if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: cors });
      headers.push(request.headers().authorization);
      const ids = (request.postDataJSON() ?? []).map((s) => s.id);
      return route.fulfill({ status: 200, headers: { ...cors, 'content-type': 'application/json' }, body: JSON.stringify(ids) });
    });

    await page.goto(`${site}#/settings`);
    await page.locator('#learner-name').fill('研修 一郎');
    await page.locator('#learner-staff-number').fill('T0001');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.goto(site);
    await page.locator('article.course-card').filter({ hasText: course.title }).getByRole('button', { name: '始める' }).click();
    const quiz = new QuizPage(page);
    await quiz.answerWithMouse([0]);
    await quiz.next();
    await expect.poll(() => headers.length, { timeout: 20_000 }).toBeGreaterThan(0);
    const expected = `Basic ${Buffer.from(`kenshu-writer:${PASSWORD}`, 'utf8').toString('base64')}`;
    expect(new Set(headers)).toEqual(new Set([expected]));
    expect(Buffer.from(headers[0].slice('Basic '.length), 'base64').toString('utf8')).toBe(`kenshu-writer:${PASSWORD}`);
  });
});
