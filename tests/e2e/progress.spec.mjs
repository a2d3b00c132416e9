// Progress is never lost: two tabs, export → reset → import, review, the
// certificate, and damaged stored data.
import { readFileSync } from 'node:fs';
import {
  HomePage, QuizPage, shippedCourses, questionById, correctChoices,
  expectNoAxeViolations, takeCourse,
  test, expect,
} from './pages.mjs';

test('an answer in one tab shows up in the other', async ({ context }) => {
  const course = shippedCourses()[0];
  const first = await context.newPage();
  const second = await context.newPage();
  await new HomePage(second).open();
  // Playwright's actions wait on animation frames, which a background tab
  // throttles: whichever tab the test works in is brought to the front.
  await first.bringToFront();
  const home = new HomePage(first);
  await home.open();
  await home.start(course.title);
  const quiz = new QuizPage(first);
  await quiz.answerWithMouse(correctChoices(questionById(await quiz.questionId())));
  // The other tab learns of it through the storage event, without a reload.
  await expect(new HomePage(second).card(course.title).getByRole('link', { name: /続きから/ })).toContainText('1 / 10');
  // And a second tab's own answer does not overwrite the first tab's.
  await second.bringToFront();
  await second.getByRole('link', { name: '設定' }).click();
  await second.getByLabel('修了証に載せるお名前').fill('福祉 太郎');
  await second.getByRole('button', { name: '保存する' }).click();
  await first.bringToFront();
  await quiz.next();
  await quiz.answerWithMouse(correctChoices(questionById(await quiz.questionId())));
  await second.bringToFront();
  await second.goto('./');
  await expect(new HomePage(second).card(course.title).getByRole('link', { name: /続きから/ })).toContainText('2 / 10');
  await second.goto('./#/settings');
  await expect(second.getByLabel('修了証に載せるお名前')).toHaveValue('福祉 太郎');
});

test('export, reset and import bring everything back', async ({ page }) => {
  const course = shippedCourses()[1];
  await takeCourse(page, course);
  await page.goto('./#/settings');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '学習記録を書き出す（JSON）' }).click();
  const file = await (await downloading).path();
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  expect(exported.version).toBe(2);
  expect(exported.courses[course.id].history).toHaveLength(1);

  await page.getByRole('button', { name: '学習記録をすべて消去する' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('本当に消去しますか');
  await page.getByRole('button', { name: '消去する', exact: true }).click();
  await expect(page.getByText('学習記録を消去しました')).toBeVisible();
  await page.goto('./');
  await expect(new HomePage(page).card(course.title)).toContainText('未受講');

  await page.goto('./#/settings');
  await page.getByLabel('書き出したファイルを読み込む').setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: '読み込みました' })).toContainText('受講結果 1 件');
  await page.goto('./');
  await expect(new HomePage(page).card(course.title)).toContainText('最高点100%');
  await expect(new HomePage(page).card(course.title)).toContainText('合格');
});

test('a file that is not progress is refused with a reason, and nothing changes', async ({ page }) => {
  await page.goto('./#/settings');
  await page.getByLabel('書き出したファイルを読み込む').setInputFiles({
    name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}'),
  });
  await expect(page.getByText('このファイルは読み込めませんでした')).toBeVisible();
});

test('missed questions come back in today\'s review, and mastery shows on the card', async ({ page }) => {
  const course = shippedCourses()[2];
  await takeCourse(page, course, { wrong: 3 });
  await page.goto('./');
  await expect(page.getByText('復習する問題: 3')).toBeVisible();
  await expect(new HomePage(page).card(course.title)).toContainText('習熟度 7 / ');
  await page.getByRole('link', { name: '復習を始める' }).click();
  await page.getByRole('button', { name: '復習を始める' }).click();
  const quiz = new QuizPage(page);
  expect(await quiz.position()).toEqual([1, 3]);
  for (let n = 1; n <= 3; n++) {
    await quiz.answerWithMouse(correctChoices(questionById(await quiz.questionId())));
    await quiz.next();
  }
  await expect(page.getByRole('heading', { name: '復習が終わりました' })).toBeVisible();
  await expect(page.getByText('今日の復習はありません')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto('./');
  await expect(new HomePage(page).card(course.title)).toContainText('習熟度 10 / ');
});

test('a passed course has a certificate with the learner\'s name that prints on A4', async ({ page }) => {
  const course = shippedCourses()[0];
  await takeCourse(page, course);
  await page.getByRole('link', { name: '修了証' }).click();
  await page.getByLabel('修了証に載せるお名前').fill('山田 花子');
  await page.getByRole('button', { name: '保存する' }).click();
  const cert = page.getByRole('article');
  await expect(cert).toContainText('山田 花子 様');
  await expect(cert).toContainText(course.title);
  await expect(cert).toContainText('100%');
  await expectNoAxeViolations(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.getByRole('button', { name: '印刷する' })).toBeHidden();
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  // The course page shows the score history as a described chart.
  await page.emulateMedia({ media: 'screen' });
  await page.goto(`./#/course/${course.id}`);
  await expect(page.getByRole('img', { name: /得点の推移: 100%/ })).toBeVisible();
});

test('damaged stored progress is kept aside, the learner is told, and the app works', async ({ page }) => {
  await page.goto('./');
  await page.evaluate(() => localStorage.setItem('kenshu.progress', '{"version":2,"courses":{"x":'));
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('控えを残して');
  await expect(new HomePage(page).cards).toHaveCount(shippedCourses().length);
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kenshu.backup.')).map((k) => localStorage.getItem(k)));
  expect(kept).toEqual(['{"version":2,"courses":{"x":']);
  await page.getByRole('alert').getByRole('link').click();
  await expect(page.getByRole('button', { name: 'ダウンロード', exact: true })).toHaveCount(1);
});

test('an erase in one tab is not undone by another tab that was open', async ({ context }) => {
  const course = shippedCourses()[0];
  const first = await context.newPage();
  await takeCourse(first, course);
  const second = await context.newPage();
  await second.bringToFront();
  await second.goto('./#/settings');
  await second.getByRole('button', { name: '学習記録をすべて消去する' }).click();
  await second.getByRole('button', { name: '消去する', exact: true }).click();
  await expect(second.getByText('学習記録を消去しました')).toBeVisible();
  // The first tab keeps working and saving after the erase.
  await first.bringToFront();
  await first.goto('./');
  await new HomePage(first).start(course.title);
  const quiz = new QuizPage(first);
  await quiz.answerWithMouse(correctChoices(questionById(await quiz.questionId())));
  await second.bringToFront();
  await second.goto('./');
  const card = new HomePage(second).card(course.title);
  await expect(card).toContainText('最高点—');
  await expect(card.getByRole('link', { name: /続きから/ })).toContainText('1 / 10');
});
