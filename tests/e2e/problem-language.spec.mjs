// A kept file's problems are kept as data and worded in the language the
// trainer chose when they are shown: the English trainer screen shows them
// in English, and switching to Japanese rewords them without a new check.
import { test, expect } from './pages.mjs';

// Kept in this browser once, and no longer passing the check: every
// required key but `id` and `title` is missing.
const KEPT = 'id = "kept-broken"\ntitle = "Kept"\n';
const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;

test('the English trainer screen shows a kept file\'s problems in English', async ({ page }) => {
  await page.goto('./');
  await page.evaluate((text) => {
    localStorage.clear();
    localStorage.setItem('kenshu.lang', 'en');
    localStorage.setItem('kenshu.local-courses', JSON.stringify([['kept-broken.toml', text]]));
  }, KEPT);
  // A new page load reads the stored language and kept files.
  await page.goto('./#/trainer');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Kept files that no longer pass the check' })).toBeVisible();
  const problems = page.locator('ul.local-courses .problems li');
  await expect(problems.first()).toHaveText('kept-broken.toml:1:1: the required key `description` is missing; add it');
  const words = await problems.allTextContents();
  expect(words.length).toBeGreaterThan(1);
  for (const line of words) expect(line).not.toMatch(japanese);

  // The same problems, worded again in Japanese when the trainer switches.
  await page.locator('.lang-toggle').click();
  await expect(page.getByRole('heading', { name: 'チェックを通らなくなった保管中のファイル' })).toBeVisible();
  await expect(problems.first()).toHaveText('kept-broken.toml:1:1: 必須のキー「description」がありません。追加してください');
  expect(await problems.count()).toBe(words.length);
  // Still stored as it was: nothing a trainer kept is lost.
  const stored = await page.evaluate(() => localStorage.getItem('kenshu.local-courses'));
  expect(JSON.parse(stored)).toEqual([['kept-broken.toml', KEPT]]);
});

test('a file just checked in the preview is worded again when the trainer switches language', async ({ page }) => {
  await page.goto('./');
  await page.evaluate(() => {
    localStorage.clear();
    localStorage.setItem('kenshu.lang', 'ja');
  });
  await page.goto('./#/trainer');
  await page.reload();
  await page.locator('#preview-file').setInputFiles({ name: 'fresh-broken.toml', mimeType: 'text/plain', buffer: Buffer.from(KEPT) });
  const problems = page.locator('.drop-zone ~ [role="status"] .problems li');
  await expect(problems.first()).toHaveText('fresh-broken.toml:1:1: 必須のキー「description」がありません。追加してください');
  const count = await problems.count();
  expect(count).toBeGreaterThan(1);

  await page.locator('.lang-toggle').click();
  await expect(problems.first()).toHaveText('fresh-broken.toml:1:1: the required key `description` is missing; add it');
  expect(await problems.count()).toBe(count);
  for (const line of await problems.allTextContents()) expect(line).not.toMatch(japanese);
});
