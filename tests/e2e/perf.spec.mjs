// Load-time and responsiveness report (figures printed, not asserted:
// timings on a shared machine are not a pass/fail matter). Desk project only.
import { QuizPage, test, expect } from './pages.mjs';
import { PROFILES, throttle, report } from './measure.mjs';

test('report: time to interactive of the home screen under 4× CPU slowdown and Fast 3G', async ({ page }, info) => {
  test.skip(info.project.name !== 'desk', 'measured once');
  const cdp = await throttle(page, PROFILES.fast3g);
  await page.goto('./', { waitUntil: 'commit' });
  await expect(page.locator('article.course-card').first().getByRole('button', { name: '始める' })).toBeVisible({ timeout: 60_000 });
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const mounted = performance.getEntriesByName('kenshu-mounted')[0];
    return {
      mounted_ms: Math.round(mounted?.startTime ?? -1),
      dom_content_loaded_ms: Math.round(nav.domContentLoadedEventEnd),
      transferred_bytes: performance.getEntriesByType('resource').reduce((t, r) => t + r.transferSize, nav.transferSize),
    };
  });
  report('tti-fast3g-4xcpu', { ...timing, goal_ms: 1000 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
});

/** A valid course file with `n` questions of every kind. */
function bigCourse(n) {
  let s = 'id = "big"\ntitle = "5000問のコース"\ndescription = "負荷確認"\npolicy = "運営方針 1(4)③"\npass_mark = 80\ndraw = "all"\n';
  for (let i = 0; i < n; i++) {
    const body = i % 3 === 0
      ? `choices = ["選択肢その1 ${i}", "選択肢その2 ${i}", "選択肢その3 ${i}", "選択肢その4 ${i}"]\nanswer = ${(i % 4) + 1}\n`
      : i % 3 === 1 ? `kind = "multiple"\nchoices = ["甲 ${i}", "乙 ${i}", "丙 ${i}"]\nanswer = [1, 3]\n`
      : 'kind = "truefalse"\nanswer = true\n';
    s += `\n[[question]]\nid = "big-${i}"\ndifficulty = ${(i % 3) + 1}\nscenario = "窓口で相談を受けた場面 ${i}。"\nprompt = "最も適切な対応はどれですか（${i}）。"\nexplanation = "正解の理由を説明する段落。"\nsources = ["運営方針 1(3)⑦"]\n${body}`;
  }
  return s;
}

test('report: long tasks while opening a 5,000-question course and moving between its questions', async ({ page }, info) => {
  test.skip(info.project.name !== 'desk', 'measured once');
  await page.goto('./#/trainer');
  await page.getByLabel('コースのファイル（.toml か、Excel の表を保存した .csv）を選ぶ').setInputFiles({
    name: 'big.toml', mimeType: 'text/plain', buffer: Buffer.from(bigCourse(5000)),
  });
  await expect(page.getByText('big.toml: 問題は見つかりませんでした')).toBeVisible({ timeout: 30_000 });
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
  });
  await page.getByRole('button', { name: '今すぐ受講してみる' }).click();
  const quiz = new QuizPage(page);
  await expect(quiz.counter).toHaveText('問 1 / 5000');
  const opening = await page.evaluate(() => window.__long.splice(0));
  for (let n = 0; n < 5; n++) {
    await page.locator('[data-choice="0"]').first().click();
    if (await page.getByRole('button', { name: '回答する' }).isVisible()) await page.getByRole('button', { name: '回答する' }).click();
    await expect(quiz.verdict).toBeVisible();
    await quiz.next();
  }
  await expect(quiz.counter).toHaveText('問 6 / 5000');
  const moving = await page.evaluate(() => window.__long.splice(0));
  report('large-course-long-tasks', { opening_ms: opening, moving_ms: moving, goal_ms: 50 });
});
