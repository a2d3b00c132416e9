// Shared by the Excel specs: the three-question course both make (○×, a
// single and a multiple choice, ids `<course>-1` … `-3`) taken as a learner
// from the trainer's preview, every answer right.
import { QuizPage, expect } from './pages.mjs';

export async function takeThreeKinds(page, course) {
  await page.getByRole('button', { name: '今すぐ受講してみる' }).click();
  const quiz = new QuizPage(page);
  for (let n = 1; n <= 3; n++) {
    await expect(quiz.counter).toHaveText(new RegExp(`\\b${n}\\s*/\\s*3\\b`));
    const id = await quiz.questionId();
    if (id === `${course}-1`) {
      await page.locator('button[data-choice="0"]').click();
    } else {
      for (const c of id === `${course}-2` ? [0] : [0, 1]) await quiz.form.locator(`input[data-choice="${c}"]`).check();
      await page.getByRole('button', { name: '回答する' }).click();
    }
    await expect(quiz.verdict).toHaveText('正解です');
    await quiz.next();
  }
  await expect(page.locator('#score')).toHaveText('100点（合格点 60点）');
}
