// A course's question file is fetched when the course is opened. When that
// fails, the learner is told what to do and nothing is lost. These tests
// make requests fail on purpose, so they watch for page errors only (the
// failed requests themselves are logged by the browser as console errors).
import { test, expect } from '@playwright/test';

function pageErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test('a course that cannot be fetched says so, and loads on "try again"', async ({ page }) => {
  const errors = pageErrors(page);
  let failing = true;
  await page.route('**/courses/**', (route) => (failing ? route.fulfill({ status: 503, body: '' }) : route.continue()));
  await page.goto('./#/course/digital-skills');
  await expect(page.getByRole('alert')).toContainText('コースを読み込めませんでした');
  failing = false;
  await page.getByRole('button', { name: 'もう一度読み込む' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'デジタルスキル' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a question file from another release is refused with a prompt to reload', async ({ page }) => {
  const errors = pageErrors(page);
  await page.route('**/courses/**', (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'id = "digital-skills"\n' }));
  await page.goto('./#/course/digital-skills');
  await expect(page.getByRole('alert')).toContainText('新しい版');
  await expect(page.getByRole('button', { name: 'ページを再読み込みする' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'デジタルスキル' })).toHaveCount(0);
  expect(errors).toEqual([]);
});
