// A staff member takes a course start to finish, by mouse or by keyboard
// alone, and the score matches the answers given.
import {
  HomePage, QuizPage, shippedCourses, questionById, correctChoices, wrongChoices,
  expectNoAxeViolations,
  test, expect,
} from './pages.mjs';

for (const course of shippedCourses()) {
  test(`take ${course.title} by mouse: score matches the answers`, async ({ page }) => {
    const home = new HomePage(page);
    await home.open();
    await home.start(course.title);
    const quiz = new QuizPage(page);
    const [, total] = await quiz.position();
    expect(total).toBe(course.draw === 'all' ? course.question.length : course.draw);
    // Right on all but the last two questions.
    const wrongFrom = total - 2;
    for (let n = 1; n <= total; n++) {
      expect(await quiz.position()).toEqual([n, total]);
      const q = questionById(await quiz.questionId());
      const right = n <= wrongFrom;
      await quiz.answerWithMouse(right ? correctChoices(q) : wrongChoices(q));
      await expect(quiz.verdict).toHaveText(right ? '正解です' : '不正解です');
      if (n === 1) await expectNoAxeViolations(page);
      await quiz.next();
    }
    const expected = Math.floor((wrongFrom / total) * 100);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('結果');
    await expect(page.locator('#score')).toHaveText(`${expected}点（合格点 ${course.pass_mark}点）`);
    await expect(page.getByText(expected >= course.pass_mark ? '合格' : '未合格', { exact: true })).toBeVisible();
    await expect(page.locator('.review-item')).toHaveCount(total);
    await expect(page.locator('.review-item--wrong')).toHaveCount(2);
    await expectNoAxeViolations(page);

    // Retry only the missed ones: exactly two questions.
    await page.getByRole('button', { name: '間違えた問題だけ解き直す' }).click();
    expect(await quiz.position()).toEqual([1, 2]);

    // Home shows the best score and the unfinished retry.
    await page.goto('./');
    const card = home.card(course.title);
    await expect(card).toContainText(`最高点${expected}%`);
    await expect(card.getByRole('link', { name: /続きから/ })).toBeVisible();
  });
}

test('take a course by keyboard alone', async ({ page }) => {
  const course = shippedCourses()[1];
  await new HomePage(page).open();
  // Tab to the course's start button and press Enter.
  const start = new HomePage(page).card(course.title).getByRole('button', { name: '始める' });
  for (let i = 0; i < 40 && !(await start.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(start).toBeFocused();
  await page.keyboard.press('Enter');
  const quiz = new QuizPage(page);
  const [, total] = await quiz.position();
  for (let n = 1; n <= total; n++) {
    const q = questionById(await quiz.questionId());
    await quiz.answerWithKeys(correctChoices(q));
    await expect(quiz.verdict).toHaveText('正解です');
    await expect(quiz.verdict).toBeFocused();
    await page.keyboard.press('Enter');
    if (n < total) await expect(quiz.counter).toBeFocused();
  }
  await expect(page.locator('#score')).toHaveText(`100点（合格点 ${course.pass_mark}点）`);
});
