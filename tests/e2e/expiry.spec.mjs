// A course that declares how long a pass is valid: home and the course
// page show until when, or that it expired and the course is to be taken
// again; the certificate shows the validity.
import { test, expect } from './pages.mjs';

const COURSE = `id = "yearly"
title = "毎年受けるコース"
description = "有効期限の確認用です。"
policy = "運営方針 1(4)②"
pass_mark = 50
pass_valid_days = 30
draw = "all"
checked = "2026-12-01"

[[question]]
id = "yearly-1"
kind = "truefalse"
prompt = "報告・連絡・相談は日常的に行う。"
answer = true
explanation = "運営方針は、報告・連絡・相談を適宜行うことを求めています。"
sources = ["運営方針 1(3)⑥"]
`;

const DAY = 86_400_000;

function progressWithPassAt(at) {
  return JSON.stringify({
    version: 2,
    learner: { name: '山田 花子', at_ms: 1 },
    courses: { yearly: { history: [{ started_ms: at - 60_000, at_ms: at, percent: 100, passed: true, duration_ms: 60_000, asked: 1 }] } },
    cards: {},
  });
}

/** The date `ms` falls on in Japan, where the tests run (ja-JP, Asia/Tokyo or UTC: both are checked by day). */
async function localDay(page, ms) {
  return page.evaluate((t) => {
    const d = new Date(t);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }, ms);
}

async function seed(page, passAt) {
  await page.goto('./');
  await page.evaluate(([course, progress]) => {
    localStorage.clear();
    localStorage.setItem('kenshu.local-courses', JSON.stringify([['yearly.toml', course]]));
    localStorage.setItem('kenshu.progress', progress);
  }, [COURSE, progressWithPassAt(passAt)]);
  await page.reload();
}

test('an expired pass is shown on home and the course page as to be taken again', async ({ page }) => {
  const passAt = Date.now() - 40 * DAY;
  await seed(page, passAt);
  const until = await localDay(page, passAt + 30 * DAY);
  const card = page.locator('article.course-card', { hasText: '毎年受けるコース' });
  await expect(card.locator('.status')).toHaveText(`有効期限切れ（${until} まで有効でした）。もう一度受講してください`);
  await card.getByRole('link', { name: '毎年受けるコース' }).click();
  await expect(page.locator('#pass-status')).toContainText('有効期限切れ');
  await page.goto('./#/course/yearly/certificate');
  await expect(page.locator('.certificate__facts')).toContainText(until);
  await expect(page.locator('.certificate__expired')).toBeVisible();
});

test('a pass within its validity shows until when it holds', async ({ page }) => {
  const passAt = Date.now() - 2 * DAY;
  await seed(page, passAt);
  const until = await localDay(page, passAt + 30 * DAY);
  const card = page.locator('article.course-card', { hasText: '毎年受けるコース' });
  await expect(card.locator('.status')).toHaveText(`修了（${until} まで有効）`);
  await page.goto('./#/course/yearly/certificate');
  await expect(page.locator('.certificate__facts')).toContainText(`有効期限${until}`);
  await expect(page.locator('.certificate__expired')).toHaveCount(0);
});
