// Offline after one visit, a clean switch to a new release, and no input
// that breaks the app or runs a script.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HomePage, QuizPage, replaceStoredProgress, shippedCourses, questionById, correctChoices, test, expect } from './pages.mjs';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');

async function controlled(page) {
  await page.goto('./');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

test('after one visit the app opens and works with the network cut', async ({ page, context }) => {
  await controlled(page);
  await context.setOffline(true);
  await page.reload();
  const course = shippedCourses()[0];
  const home = new HomePage(page);
  await expect(home.cards).toHaveCount(shippedCourses().length);
  await home.start(course.title);
  const quiz = new QuizPage(page);
  await quiz.answerWithMouse(correctChoices(questionById(await quiz.questionId())));
  await expect(quiz.verdict).toHaveText('正解です');
  await context.setOffline(false);
});

test('a new release is announced and replaces the old one as a whole', async ({ page }) => {
  await controlled(page);
  const swPath = join(dist, 'sw.js');
  const original = readFileSync(swPath, 'utf8');
  try {
    writeFileSync(swPath, original.replace(/const CACHE = 'kenshu-([0-9a-f]+)'/, "const CACHE = 'kenshu-$1-next'"));
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await expect(page.getByText('新しい版のアプリが使えるようになりました。')).toBeVisible();
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: '更新する' }).click()]);
    await expect.poll(() => page.evaluate(() => caches.keys())).toEqual([expect.stringMatching(/-next$/)]);
    await expect(new HomePage(page).cards).toHaveCount(shippedCourses().length);
  } finally {
    writeFileSync(swPath, original);
  }
});

const PAYLOADS = [
  '<script>window.__xss = 1</script>',
  '<img src=x onerror="window.__xss = 1">',
  '<svg onload="window.__xss = 1"><circle r=1 /></svg>',
  'javascript:window.__xss = 1',
  '&lt;script&gt;window.__xss = 1&lt;/script&gt;',
  '"><iframe srcdoc="<script>parent.__xss = 1</script>"></iframe>',
  '<a href="javascript:window.__xss = 1">link</a>',
];

function xssCourse() {
  const s = (p) => JSON.stringify(p);
  const head = `id = "xss-corpus"\ntitle = ${s('XSS ' + PAYLOADS[0])}\ndescription = ${s(PAYLOADS[1])}\npolicy = ${s(PAYLOADS[2])}\npass_mark = 50\ndraw = "all"\n`;
  const questions = PAYLOADS.map((p, i) => `
[[question]]
id = "xss-${i}"
scenario = ${s(p)}
prompt = ${s('**' + p + '** ' + i)}
choices = [${s(p + ' A')}, ${s(p + ' B')}, ${s('- ' + p)}]
answer = 1
explanation = ${s(p + '\n\n- ' + p)}
sources = [${s(p)}]
tags = [${s(p)}]

[question.feedback]
2 = ${s(p)}
`).join('');
  return head + questions;
}

test('script in every text field of a previewed and taken course never runs', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });
  await page.goto('./#/trainer');
  await page.getByLabel('コースのファイル（.toml か、Excel の表を保存した .csv）を選ぶ').setInputFiles({
    name: 'xss.toml', mimeType: 'text/plain', buffer: Buffer.from(xssCourse()),
  });
  await expect(page.getByText('xss.toml: 問題は見つかりませんでした')).toBeVisible();
  await page.getByRole('button', { name: '今すぐ受講してみる' }).click();
  const quiz = new QuizPage(page);
  const [, total] = await quiz.position();
  for (let n = 1; n <= total; n++) {
    await expect(page.locator('.prompt')).toContainText('__xss = 1');
    await page.locator('input[data-choice="1"]').check();
    await page.getByRole('button', { name: '回答する' }).click();
    await quiz.next();
  }
  await expect(page.locator('.review-item')).toHaveCount(PAYLOADS.length);
  // The payloads are on screen as text…
  for (const p of PAYLOADS) await expect(page.getByText(p, { exact: false }).first()).toBeAttached();
  // …and none became markup or ran.
  expect(await page.locator('main script, main img, main svg:not(.chart svg), main iframe, main a[href^="javascript"]').count()).toBe(0);
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  expect(dialogs).toBe(0);
});

const STORED = {
  truncated: '{"version":2,"courses":{"digital-skills":{"history":[{"started_ms":1',
  'wrong types': '{"version":2,"courses":{"digital-skills":{"history":"lots"}}}',
  'huge values': '{"version":2,"courses":{"digital-skills":{"history":[{"started_ms":1e400,"at_ms":-5,"percent":100000,"passed":true,"duration_ms":1,"asked":1}]}}}',
  'not an object': '[1, 2, 3]',
  'empty string': '',
  'future version': '{"version":99,"courses":{}}',
  '4 MB value': JSON.stringify({ version: 2, junk: 'x'.repeat(4 * 1024 * 1024) }).replace('"version":2', '"version":"two"'),
};

for (const [name, value] of Object.entries(STORED)) {
  test(`stored progress (${name}): no blank screen, data kept`, async ({ page }) => {
    await replaceStoredProgress(page, value);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'コース一覧' })).toBeVisible();
    await expect(page.getByRole('alert')).toBeVisible();
    // The value is still there: in place, or copied to a backup key.
    const kept = await page.evaluate(() => Object.keys(localStorage)
      .filter((k) => k === 'kenshu.progress' || k.startsWith('kenshu.backup.'))
      .map((k) => localStorage.getItem(k)));
    expect(kept).toContain(value);
    // The app still works.
    const course = shippedCourses()[0];
    await new HomePage(page).start(course.title);
    const quiz = new QuizPage(page);
    await quiz.answerWithMouse(correctChoices(questionById(await quiz.questionId())));
    await expect(quiz.verdict).toHaveText('正解です');
  });
}
