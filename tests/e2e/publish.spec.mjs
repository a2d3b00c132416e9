// Publishing without any toolchain: a trainer checks a course on the
// trainer screen, saves the two files it writes (the course and
// courses/published.json) into the deployed site's courses/ folder, and
// every learner sees the course on the next visit. A file that fails the
// check (or is not the one the trainer checked) is never shown: learners
// keep the last good version, and the trainer screen says why.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HomePage, QuizPage, saveDownload, test, expect } from './pages.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const courses = join(here, '..', '..', 'dist', 'courses');
const fixtures = join(here, 'fixtures');
const TITLE = '研修担当者のテストコース';

test('a published course reaches learners; a broken replacement is refused and the last good version stays', async ({ page, browser }) => {
  const written = [];
  const list = join(courses, 'published.json');
  // A release carries no list: the site's own is never replaced by it.
  expect(existsSync(list), 'dist/courses/published.json').toBe(false);
  try {
    await page.goto('./#/trainer');
    await page.getByLabel('コースのファイル（.toml か、Excel の表を保存した .csv）を選ぶ').setInputFiles(join(fixtures, 'trainer-course.toml'));
    await expect(page.getByText('trainer-course.toml: 問題は見つかりませんでした')).toBeVisible();
    written.push(await saveDownload(page, '1. コースのファイルを保存', courses));
    written.push(await saveDownload(page, '2. 公開一覧（published.json）を保存', courses));
    expect(written.map((p) => p.split('/').pop())).toEqual(['trainer-preview.toml', 'published.json']);
    expect(JSON.parse(readFileSync(written[1], 'utf8')).courses.map((c) => c.id)).toEqual(['trainer-preview']);

    // A learner's next visit: the course is listed beside the shipped ones and can be taken.
    await page.goto('./');
    await page.reload();
    const home = new HomePage(page);
    await expect(home.card(TITLE)).toBeVisible();
    await expect(home.card(TITLE)).not.toContainText('この端末に追加したコース');
    await home.start(TITLE);
    const quiz = new QuizPage(page);
    await page.locator('button[data-choice="0"]').click();
    await expect(quiz.verdict).toHaveText('正解です');

    // The file on the server is replaced by one that was never checked.
    writeFileSync(written[0], readFileSync(written[0], 'utf8').replace('answer = true', 'answer = "maybe"'));
    await page.goto('./');
    await page.reload();
    // This learner keeps the last good version…
    await expect(home.card(TITLE)).toBeVisible();
    // …a new learner sees nothing of it…
    const fresh = await browser.newContext();
    const newcomer = await fresh.newPage();
    await newcomer.goto('./');
    await expect(newcomer.locator('article.course-card')).toHaveCount(3);
    await expect(newcomer.getByText(TITLE)).toHaveCount(0);
    await fresh.close();
    // …and the trainer screen says why.
    await page.goto('./#/trainer');
    const listed = page.locator('#published-list');
    await expect(listed).toContainText(TITLE);
    await expect(listed).toContainText('確認したファイルと内容が違う');
  } finally {
    // Back to the release as built: no list, as a site that publishes nothing.
    for (const p of [...written, list]) rmSync(p, { force: true });
  }
});
