// A staff member opens the app and sees every course from quizzes/.
import { HomePage, shippedCourses, expectNoAxeViolations, test, expect } from './pages.mjs';

test('the home screen lists every shipped course with its facts', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const home = new HomePage(page);
  await home.open();
  await expect(page).toHaveTitle('福祉部 職員研修');
  const courses = shippedCourses();
  await expect(home.cards).toHaveCount(courses.length);
  for (const course of courses) {
    const card = home.card(course.title);
    await expect(card).toContainText(course.title);
    await expect(card).toContainText(`問題数${course.question.length}`);
    await expect(card).toContainText('未受講');
  }
  // Nothing beyond the app's own static files.
  expect(requests.filter((u) => !u.startsWith('http://127.0.0.1:'))).toEqual([]);
  await expectNoAxeViolations(page);
});

test('the English toggle switches the interface and is remembered', async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  await page.getByRole('button', { name: 'Switch the interface to English' }).click();
  await expect(page.getByRole('heading', { name: 'Courses' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Courses' })).toBeVisible();
  // Content stays as written.
  await expect(home.cards.first()).toContainText('デジタルスキル');
});

test('dark theme follows the system and passes the accessibility scan', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await new HomePage(page).open();
  await expectNoAxeViolations(page);
});
