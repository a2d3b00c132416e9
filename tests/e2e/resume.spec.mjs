// An attempt survives a reload exactly, and the back button does what a
// person expects.
import { HomePage, QuizPage, shippedCourses, questionById, correctChoices, test, expect } from './pages.mjs';

test('reloading mid-attempt resumes the same questions in the same order', async ({ page }) => {
  const course = shippedCourses()[0];
  const home = new HomePage(page);
  await home.open();
  await home.start(course.title);
  const quiz = new QuizPage(page);
  const asked = [];
  for (let n = 1; n <= 3; n++) {
    const id = await quiz.questionId();
    asked.push(id);
    await quiz.answerWithMouse(correctChoices(questionById(id)));
    await quiz.next();
  }
  const fourth = await quiz.questionId();
  const order = await quiz.form.locator('[data-choice]').evaluateAll((els) => els.map((e) => e.dataset.choice));
  await page.reload();
  expect(await quiz.position()).toEqual([4, course.draw]);
  expect(await quiz.questionId()).toBe(fourth);
  expect(await quiz.form.locator('[data-choice]').evaluateAll((els) => els.map((e) => e.dataset.choice))).toEqual(order);
  // Home offers to continue, showing how far the learner got.
  await page.goto('./');
  await expect(home.card(course.title).getByRole('link', { name: /続きから/ })).toContainText('3 / 10');
});

test('routes are real URLs and the back button returns to the previous screen', async ({ page }) => {
  const course = shippedCourses()[2];
  const home = new HomePage(page);
  await home.open();
  await home.card(course.title).getByRole('link', { name: 'コースの詳細' }).click();
  await expect(page).toHaveURL(new RegExp(`#/course/${course.id}$`));
  await expect(page).toHaveTitle(`${course.title} | 福祉部 職員研修`);
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'コース一覧' })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(course.title);
  // A deep link opens directly; an unknown one says so and offers a way home.
  await page.goto(`./#/course/${course.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(course.title);
  await page.goto('./#/course/no-such-course');
  await expect(page.getByRole('heading', { name: 'ページが見つかりません' })).toBeVisible();
});
