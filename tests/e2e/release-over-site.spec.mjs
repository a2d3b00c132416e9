// Deploying a release over a live site keeps what the site publishes: a
// release carries no courses/published.json, so copying dist/ over the
// site's folder leaves the trainer's list and course files as they were.
// And a site that publishes nothing (no list: 404) shows the shipped
// courses with no error.
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, HomePage } from './pages.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const siteDir = join(root, 'target', 'site-over');
const port = Number(process.env.E2E_SITE_OVER_PORT ?? 4185);
const site = `http://127.0.0.1:${port}/`;
const TITLE = '研修担当者のテストコース';
let server;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  rmSync(siteDir, { recursive: true, force: true });
  // The site as first deployed: a copy of a release.
  cpSync(join(root, 'dist'), siteDir, { recursive: true });
  server = spawn('node', [join(root, 'scripts', 'serve-dist.mjs'), siteDir, String(port)], { stdio: 'ignore' });
  await expect.poll(() => fetch(`${site}index.html`).then((r) => r.ok, () => false), { timeout: 10_000 }).toBe(true);
});

test.afterAll(() => server?.kill('SIGTERM'));

test.beforeEach(async ({}, info) => {
  test.skip(info.project.name !== 'desk', 'one site is enough; the screens are tested at both sizes elsewhere');
});

test('a site without a list shows the shipped courses and no error', async ({ page }) => {
  expect(existsSync(join(root, 'dist', 'courses', 'published.json')), 'a release carries no list').toBe(false);
  const list = page.waitForResponse((r) => r.url().endsWith('/courses/published.json'));
  await page.goto(site);
  expect((await list).status()).toBe(404);
  await expect(page.locator('article.course-card')).toHaveCount(3);
  // The trainer screen says the site publishes nothing, not that the list failed.
  await page.goto(`${site}#/trainer`);
  await expect(page.getByText('このサイトで公開しているコースはありません。')).toBeVisible();
  await expect(page.getByText('公開一覧を読み込めませんでした')).toHaveCount(0);
});

test('a release copied over a site that publishes keeps the published course', async ({ page, browser }) => {
  // The trainer publishes: the two files go into the site's courses/.
  await page.goto(`${site}#/trainer`);
  await page.getByLabel('コースのファイル（.toml か、Excel の表を保存した .csv）を選ぶ').setInputFiles(join(here, 'fixtures', 'trainer-course.toml'));
  await expect(page.getByText('trainer-course.toml: 問題は見つかりませんでした')).toBeVisible();
  for (const button of ['1. コースのファイルを保存', '2. 公開一覧（published.json）を保存']) {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: button }).click();
    const d = await download;
    copyFileSync(await d.path(), join(siteDir, 'courses', d.suggestedFilename()));
  }
  const published = readFileSync(join(siteDir, 'courses', 'published.json'), 'utf8');
  expect(JSON.parse(published).courses.map((c) => c.id)).toEqual(['trainer-preview']);

  // A new release is deployed by copying it over the site.
  cpSync(join(root, 'dist'), siteDir, { recursive: true, force: true });
  expect(readFileSync(join(siteDir, 'courses', 'published.json'), 'utf8')).toBe(published);

  // A learner who never came before sees the published course beside the shipped ones.
  const fresh = await browser.newContext();
  const learner = await fresh.newPage();
  await learner.goto(site);
  const home = new HomePage(learner);
  await expect(home.card(TITLE)).toBeVisible();
  await expect(learner.locator('article.course-card')).toHaveCount(4);
  await fresh.close();
});
