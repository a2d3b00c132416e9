// The single-file build, opened from disk as a learner would from a shared
// folder: everything works with no network at all, progress survives a
// reload, and two different builds never see each other's progress.
import { join, dirname } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HomePage, QuizPage, answerNext, reviseCourseText, shippedCourses, questionById, correctChoices, test, expect } from './pages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const single = pathToFileURL(join(root, 'dist-single', 'kenshu.html')).href;
const alt = pathToFileURL(join(root, 'target', 'single-alt', 'kenshu.html')).href;

test.beforeEach(({}, info) => {
  test.skip(info.project.name !== 'desk', 'file:// once is enough');
  test.skip(!existsSync(fileURLToPath(single)), 'build it first: node scripts/build-single.mjs');
});

test('from file:// a whole course is taken and kept, with no request leaving the page', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(single);
  const home = new HomePage(page);
  await expect(home.cards).toHaveCount(shippedCourses().length);
  const course = shippedCourses()[0];
  await home.start(course.title);
  const quiz = new QuizPage(page);
  const [, total] = await quiz.position();
  for (let n = 1; n <= total; n++) {
    if (n === 4) {
      // Reload mid-attempt: resumes on the same question.
      const id = await quiz.questionId();
      await page.reload();
      expect(await quiz.questionId()).toBe(id);
    }
    await quiz.answerWithMouse(correctChoices(questionById(await quiz.questionId())));
    await quiz.next();
  }
  await expect(page.locator('#score')).toHaveText(`100点（合格点 ${course.pass_mark}点）`);
  await page.reload();
  await expect(page.locator('#score')).toHaveText(`100点（合格点 ${course.pass_mark}点）`);
  // Back goes to the screen before, by hash routes.
  await page.getByRole('link', { name: course.title }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(course.title);
  await page.goBack();
  await expect(page.locator('#score')).toBeVisible();
  // Review, certificate, settings and the trainer screen work too.
  await page.goto(`${single}#/course/${course.id}/certificate`);
  await page.getByLabel('修了証に載せるお名前').fill('山田 花子');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('article')).toContainText('山田 花子 様');
  await page.goto(`${single}#/trainer`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('研修担当者向け');
  expect(requests.every((u) => u.startsWith('file://'))).toBe(true);
  expect(new Set(requests.map((u) => u.split('#')[0]))).toEqual(new Set([single]));
});

test('two different single-file builds keep their progress apart', async ({ page, context }) => {
  test.skip(!existsSync(fileURLToPath(alt)), 'build the second course set first');
  await page.goto(single);
  const course = shippedCourses()[1];
  await new HomePage(page).start(course.title);
  const quiz = new QuizPage(page);
  await quiz.answerWithMouse(correctChoices(questionById(await quiz.questionId())));
  const other = await context.newPage();
  await other.bringToFront();
  await other.goto(alt);
  const otherHome = new HomePage(other);
  await expect(otherHome.cards).toHaveCount(1);
  await expect(otherHome.card('研修担当者のテストコース')).toContainText('未受講');
  await otherHome.start('研修担当者のテストコース');
  await other.locator('button[data-choice="0"]').click();
  const keys = await other.evaluate(() => Object.keys(localStorage).filter((k) => k.endsWith('.progress')).sort());
  expect(keys).toHaveLength(2);
  // Each build reads only its own record.
  await page.bringToFront();
  await page.goto(single);
  await expect(new HomePage(page).card(course.title).getByRole('link', { name: /続きから/ })).toContainText('1 / 10');
  await expect(new HomePage(page).cards).toHaveCount(shippedCourses().length);
});

test('a trainer adds a course to the hand-out file and saves a new one; opened, it lists the course and keeps progress', async ({ page }) => {
  const { copyFileSync, mkdirSync } = await import('node:fs');
  await page.goto(single);
  // A learner's progress in the old hand-out.
  const course = shippedCourses()[0];
  const home = new HomePage(page);
  await home.start(course.title);
  const quiz = new QuizPage(page);
  await quiz.answerWithMouse(correctChoices(questionById(await quiz.questionId())));
  // The trainer adds a checked course and saves a new hand-out file.
  await page.goto(`${single}#/trainer`);
  await page.getByLabel('コースのファイル（.toml か、Excel の表を保存した .csv）を選ぶ').setInputFiles(join(root, 'tests', 'e2e', 'fixtures', 'trainer-course.toml'));
  await expect(page.getByText('trainer-course.toml: 問題は見つかりませんでした')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'このコースを加えた配布用ファイルを保存' }).click();
  const d = await download;
  expect(d.suggestedFilename()).toBe('kenshu.html');
  const outDir = join(root, 'target', 'handout');
  mkdirSync(outDir, { recursive: true });
  const saved = join(outDir, 'kenshu.html');
  copyFileSync(await d.path(), saved);
  // Opened: the new course beside the others, the learner's attempt still there.
  await page.goto(pathToFileURL(saved).href);
  await expect(home.cards).toHaveCount(shippedCourses().length + 1);
  await expect(home.card('研修担当者のテストコース')).toBeVisible();
  await expect(home.card(course.title).getByRole('link', { name: /続きから/ })).toBeVisible();
  // And the added course can be taken with no network.
  await home.start('研修担当者のテストコース');
  await page.locator('button[data-choice="0"]').click();
  await expect(quiz.verdict).toHaveText('正解です');
});

test('a revision of a shipped course saved into the hand-out takes the course\'s place; an answer to a reworded question is asked again', async ({ page }) => {
  const { copyFileSync, mkdirSync, readFileSync } = await import('node:fs');
  await page.goto(single);
  const course = shippedCourses()[0];
  const home = new HomePage(page);
  const quiz = new QuizPage(page);
  // A learner's attempt in the old hand-out: two questions answered.
  await home.start(course.title);
  const answered = await answerNext(page, 2);
  // The trainer brings the course back with a new title and the first of
  // those questions reworded, ids unchanged, and saves a new hand-out.
  const file = readFileSync(join(root, 'quizzes', `${course.id}.toml`), 'utf8');
  const revisedTitle = `${course.title}（改訂）`;
  const text = reviseCourseText(file, { title: course.title, newTitle: revisedTitle, id: answered[0] });
  await page.goto(`${single}#/trainer`);
  await page.locator('#preview-file').setInputFiles({ name: `${course.id}.toml`, mimeType: 'text/plain', buffer: Buffer.from(text) });
  await expect(page.getByTestId('revision-notice')).toContainText(`配布済みのコース「${course.title}」の改訂版です`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'このコースを加えた配布用ファイルを保存' }).click();
  const d = await download;
  const outDir = join(root, 'target', 'handout');
  mkdirSync(outDir, { recursive: true });
  const saved = join(outDir, 'kenshu-revised.html');
  copyFileSync(await d.path(), saved);
  // Opened: the revision in the course's place, the learner told that one
  // answer was given to the old wording and asked it again; the other stays.
  await page.goto(pathToFileURL(saved).href);
  await expect(home.cards).toHaveCount(shippedCourses().length);
  await expect(home.card(revisedTitle)).toBeVisible();
  await expect(page.locator('#repair-notice')).toContainText('答えたあとに改訂された問題が 1 問ありました');
  await home.card(revisedTitle).getByRole('link', { name: /続きから/ }).click();
  expect(await quiz.questionId()).toBe(answered[0]);
  await expect(quiz.form).toContainText('【改訂】');
  await quiz.answerWithMouse(correctChoices(questionById(answered[0])));
  await quiz.next();
  expect(await quiz.questionId()).not.toBe(answered[1]);
});
