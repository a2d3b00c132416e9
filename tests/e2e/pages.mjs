// Page objects: what a person sees and does on each screen, through roles
// and labels. Specs read as user stories on top of these.
import { copyFileSync, readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';
import { test as base, expect } from '@playwright/test';

/**
 * Every test fails on a page error, a console error or a CSP violation:
 * the app must run cleanly under its Content-Security-Policy.
 */
export const test = base.extend({
  page: async ({ page }, use) => {
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() !== 'error' || m.text().includes('favicon')) return;
      // A site that publishes no course has no courses/published.json (a
      // release carries none): the browser notes the 404, which the app
      // reads as "none" (README, "Publishing a course").
      if (/\/courses\/published\.json$/.test(m.location().url) && m.text().includes('404')) return;
      problems.push(`console: ${m.text()}`);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await use(page);
    expect(problems, 'errors in the page').toEqual([]);
  },
});
export { expect };
import AxeBuilder from '@axe-core/playwright';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shipped courses, read independently of the app, as the answer key. */
export function shippedCourses() {
  const dir = join(root, 'quizzes');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.toml') && !f.startsWith('_'))
    .map((f) => parse(readFileSync(join(dir, f), 'utf8')))
    .sort((a, b) => (a.order ?? 1e9) - (b.order ?? 1e9) || a.id.localeCompare(b.id));
}

/** Correct choice indexes (0-based, file order) of a question. */
export function correctChoices(question) {
  if ((question.kind ?? 'single') === 'truefalse') return [question.answer ? 0 : 1];
  const answer = Array.isArray(question.answer) ? question.answer : [question.answer];
  return answer.map((n) => n - 1).sort();
}

export function questionById(id) {
  for (const course of shippedCourses()) {
    const q = course.question.find((x) => x.id === id);
    if (q) return q;
  }
  throw new Error(`no question ${id} in quizzes/`);
}

export async function expectNoAxeViolations(page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(summary, 'axe violations').toEqual([]);
}

export class HomePage {
  constructor(page) {
    this.page = page;
    this.cards = page.locator('article.course-card');
  }
  async open() {
    await this.page.goto('./');
    await expect(this.page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  card(title) {
    return this.cards.filter({ has: this.page.getByRole('heading', { name: title }) });
  }
  async start(title) {
    await this.card(title).getByRole('button', { name: '始める' }).click();
  }
}

export class QuizPage {
  constructor(page) {
    this.page = page;
    this.counter = page.locator('#question-heading');
    this.form = page.locator('form.question');
    this.verdict = page.locator('#answer-result');
  }
  async questionId() {
    return this.form.getAttribute('data-question');
  }
  /** "問 3 / 10" → [3, 10] */
  async position() {
    const text = await this.counter.textContent();
    const m = text.match(/(\d+)\s*\/\s*(\d+)/);
    return [Number(m[1]), Number(m[2])];
  }
  /** Answers by mouse: marks the given choice indexes (file order), then answers. */
  async answerWithMouse(choices) {
    const q = questionById(await this.questionId());
    if ((q.kind ?? 'single') === 'truefalse') {
      await this.form.locator(`button[data-choice="${choices[0]}"]`).click();
    } else {
      for (const c of choices) await this.form.locator(`input[data-choice="${c}"]`).check();
      await this.page.getByRole('button', { name: '回答する' }).click();
    }
    await expect(this.verdict).toBeVisible();
  }
  /** Answers by keyboard: number keys for the shown positions, then Enter. */
  async answerWithKeys(choices) {
    const positions = await this.form
      .locator('[data-choice]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-choice'))));
    for (const c of choices) await this.page.keyboard.press(String(positions.indexOf(c) + 1));
    await this.page.keyboard.press('Enter');
    await expect(this.verdict).toBeVisible();
  }
  async next() {
    await this.page.getByRole('button', { name: /次の問題へ|結果を見る/ }).click();
  }
}

/** The wrong choice set for a question (always wrong, for any kind). */
export function wrongChoices(question) {
  const right = correctChoices(question);
  if ((question.kind ?? 'single') === 'truefalse') return [1 - right[0]];
  const n = question.choices.length;
  const wrong = [...Array(n).keys()].find((i) => !right.includes(i));
  return [wrong];
}

/** Takes a course from the home screen to its results, right on all but the first `wrong` questions. */
export async function takeCourse(page, course, { wrong = 0 } = {}) {
  const home = new HomePage(page);
  await home.open();
  await home.start(course.title);
  const quiz = new QuizPage(page);
  const [, total] = await quiz.position();
  for (let n = 1; n <= total; n++) {
    const q = questionById(await quiz.questionId());
    await quiz.answerWithMouse(n <= wrong ? wrongChoices(q) : correctChoices(q));
    await quiz.next();
  }
  await expect(page.locator('#score')).toBeVisible();
}

/**
 * Puts `value` in the progress key as the only stored value, once the app
 * of the first load is running: an app still starting would read the value
 * (and repair it) before the reload that the test means to check.
 */
export async function replaceStoredProgress(page, value) {
  await page.goto('./');
  await expect(page.getByRole('button', { name: '始める' }).first()).toBeVisible();
  await page.evaluate((v) => { localStorage.clear(); localStorage.setItem('kenshu.progress', v); }, value);
}

/** Answers the next `n` questions of the attempt on screen rightly; returns their ids. */
export async function answerNext(page, n) {
  const quiz = new QuizPage(page);
  const ids = [];
  for (let k = 0; k < n; k++) {
    ids.push(await quiz.questionId());
    await quiz.answerWithMouse(correctChoices(questionById(ids[k])));
    await quiz.next();
  }
  return ids;
}

/** `text` (a course file) with its title changed and the prompt of question `id` reworded, ids kept. */
export function reviseCourseText(text, { title, newTitle, id }) {
  const retitled = text.replace(`title = "${title}"`, `title = "${newTitle}"`);
  const question = retitled.indexOf(`id = "${id}"`);
  if (retitled === text || question < 0) throw new Error(`no title ${title} or question ${id} to revise`);
  const prompt = retitled.indexOf('prompt = "', question) + 'prompt = "'.length;
  return `${retitled.slice(0, prompt)}【改訂】${retitled.slice(prompt)}`;
}

/** Clicks a download button and copies the file into `dir` under the name the app gave it; returns its path. */
export async function saveDownload(page, buttonName, dir) {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: buttonName }).click();
  const d = await download;
  const to = join(dir, d.suggestedFilename());
  copyFileSync(await d.path(), to);
  return to;
}
