// A staff number (職員番号) typed with a Japanese IME (full-width digits, an
// ideographic space) is stored and shown in its one form, leading zeros
// kept: the results files and the LRS name one person by it.
import { test, expect } from './pages.mjs';

const stored = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('kenshu.progress') ?? 'null'));

test('a staff number typed as ０１２３ ４ is saved and shown as 01234', async ({ page }) => {
  await page.goto('./#/settings');
  const number = page.locator('#learner-staff-number');
  await page.locator('#learner-name').fill('山田 花子');
  await number.fill('０１２３ ４');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByText('保存しました')).toBeVisible();
  await expect(number).toHaveValue('01234');
  await expect.poll(async () => (await stored(page))?.learner?.staff_number).toBe('01234');

  // Opened again, the screen shows what was stored.
  await page.reload();
  await expect(page.locator('#learner-staff-number')).toHaveValue('01234');

  // An ideographic space around and full-width letters: the same rule.
  await number.fill('\u3000Ｔ００１２\u3000');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(number).toHaveValue('T0012');
  await expect.poll(async () => (await stored(page))?.learner?.staff_number).toBe('T0012');
});
