// What completes a course (修了): a full attempt at the pass mark, and
// nothing else. A retry of the missed questions that scores 100 % is
// practice on every screen and in the results file; a double click on
// 「始める」 begins one attempt; a retry recorded as a pass by an earlier
// release is recounted, and the learner is told.
import { readFileSync } from 'node:fs';
import {
  HomePage, QuizPage, shippedCourses, questionById, correctChoices, wrongChoices,
  test, expect,
} from './pages.mjs';

/** The shipped course with the fewest questions an attempt asks. */
function smallestCourse() {
  const len = (c) => (c.draw === 'all' ? c.question.length : c.draw);
  return [...shippedCourses()].sort((a, b) => len(a) - len(b))[0];
}

/** Answers every question of the attempt on screen, right or wrong. */
async function answerAll(page, right) {
  const quiz = new QuizPage(page);
  const [, total] = await quiz.position();
  for (let n = 1; n <= total; n++) {
    // The next question is on screen before its id is read.
    await expect(quiz.counter).toHaveText(new RegExp(`\\b${n}\\s*/\\s*${total}\\b`));
    const q = questionById(await quiz.questionId());
    await quiz.answerWithMouse(right ? correctChoices(q) : wrongChoices(q));
    await quiz.next();
  }
  return total;
}

const stored = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('kenshu.progress') ?? 'null'));

test('a finished retry of every missed question scores 100 % and is still practice, never a completion', async ({ page }) => {
  const course = smallestCourse();
  const home = new HomePage(page);
  await home.open();
  await home.start(course.title);
  // A full attempt with every answer wrong: 0 points.
  const total = await answerAll(page, false);
  await expect(page.locator('#verdict')).toHaveText('未合格');
  // Retry the missed ones (all of them: as many questions as a full attempt) and get all right.
  await page.getByRole('button', { name: '間違えた問題だけ解き直す' }).click();
  expect(await new QuizPage(page).position()).toEqual([1, total]);
  await answerAll(page, true);
  await expect(page.locator('#score')).toHaveText(`100点（合格点 ${course.pass_mark}点）`);
  await expect(page.locator('#verdict')).toHaveText('練習（解き直し）');
  await expect(page.locator('#practice-note')).toContainText('修了にはなりません');
  await expect(page.getByRole('link', { name: '修了証' })).toHaveCount(0);
  // Practice is shown in the neutral style, neither the pass (green) nor the fail (red) one.
  await expect(page.locator('.result-summary')).toHaveClass(/result-summary--practice/);
  await expect(page.locator('.result-summary')).not.toHaveClass(/result-summary--pass/);

  // Home: not passed, and the best score is the full attempt's.
  await page.goto('./');
  const card = home.card(course.title);
  await expect(card).toContainText('最高点0%');
  await expect(card.locator('.status--pass')).toHaveCount(0);
  // The course page lists the retry as practice and counts one attempt.
  await card.getByRole('link', { name: course.title }).click();
  await expect(page.locator('#pass-status')).toHaveCount(0);
  await expect(page.locator('ol.history li')).toHaveCount(2);
  await expect(page.locator('ol.history li').first()).toContainText('練習（解き直し）');
  await expect(page.getByText('受講回数: 1')).toBeVisible();
  // The certificate is refused.
  await page.goto(`./#/course/${course.id}/certificate`);
  await expect(page.getByText('このコースはまだ合格していません')).toBeVisible();

  // The results file for the trainer: no pass date, one attempt, best 0.
  await page.goto('./#/settings');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '結果ファイルを保存（JSON）' }).click();
  const file = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  const row = file.rows.find((r) => r.course_id === course.id);
  expect(row).toMatchObject({ best: 0, attempts: 1 });
  expect(row.passed_on ?? null).toBeNull();
  expect(row.last_passed_on ?? null).toBeNull();
  // What the browser keeps says which attempt was practice.
  const kept = (await stored(page)).courses[course.id].history;
  expect(kept.map((f) => f.full)).toEqual([true, false]);
});

test('a double click on 始める begins one attempt', async ({ page }) => {
  const course = smallestCourse();
  const home = new HomePage(page);
  await home.open();
  await home.card(course.title).getByRole('button', { name: '始める' }).dblclick();
  const quiz = new QuizPage(page);
  await expect(quiz.counter).toBeVisible();
  const first = await quiz.questionId();
  const active = (await stored(page)).courses[course.id].active;
  // Answer one question: the attempt on screen is the one kept.
  await quiz.answerWithMouse(correctChoices(questionById(first)));
  const after = (await stored(page)).courses[course.id];
  expect(after.active.started_ms).toBe(active.started_ms);
  expect(after.active.items[0].question).toBe(first);
  expect(after.active.items[0].answer).not.toBeNull();
  await page.reload();
  expect(await quiz.position()).toEqual([2, after.active.items.length]);
});

test('a retry an earlier release recorded as a pass is recounted as practice, and the learner is told', async ({ page }) => {
  const course = smallestCourse();
  const len = course.draw === 'all' ? course.question.length : course.draw;
  await page.goto('./');
  const at = Date.now() - 86_400_000;
  // As an earlier release stored it: no "full" field; a failed full attempt, then a passing retry of 2 questions.
  await page.evaluate(([id, len, at]) => {
    localStorage.setItem('kenshu.progress', JSON.stringify({
      version: 2,
      courses: {
        [id]: {
          history: [
            { started_ms: at - 600_000, at_ms: at - 300_000, percent: 60, passed: false, duration_ms: 300_000, asked: len },
            { started_ms: at - 200_000, at_ms: at, percent: 100, passed: true, duration_ms: 200_000, asked: 2 },
          ],
        },
      },
      cards: {},
    }));
  }, [course.id, len, at]);
  await page.reload();
  await expect(page.getByText('練習として記録し直しました')).toBeVisible();
  const card = new HomePage(page).card(course.title);
  await expect(card).toContainText('最高点60%');
  await expect(card.locator('.status--pass')).toHaveCount(0);
  // The original was kept aside before the change.
  const keys = await page.evaluate(() => Object.keys(localStorage));
  expect(keys.some((k) => k.startsWith('kenshu.backup.'))).toBe(true);
  expect((await stored(page)).courses[course.id].history.map((f) => f.full)).toEqual([true, false]);
});
