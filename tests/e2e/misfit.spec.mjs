// Saved progress that is well-formed but no longer fits this release's
// courses (a question or a choice removed, an attempt with no items, a
// stored index or counter out of range, a review asking a question that is
// gone…), opened on every screen that reads it. Nothing crashes, the
// learner is told what happened, the original is kept aside, and the
// learner's name, history and other courses stay intact.
import { replaceStoredProgress, shippedCourses, test, expect } from './pages.mjs';

const [first, second] = shippedCourses();
const single = first.question.find((q) => (q.kind ?? 'single') === 'single');
const choices = single.choices.length;
const NAME = '山田 花子';
const OTHER_HISTORY = [{ started_ms: 1, at_ms: 2, percent: 90, passed: true, duration_ms: 1, asked: 10 }];

const item = (question, order, answer = null) => ({ question, order, answer });
const range = (n) => [...Array(n).keys()];
const attempt = (items, extra = {}) => ({ course: first.id, items, started_ms: 5, finished_ms: null, ...extra });

/** A record with the learner's name, another course's history, and `mine` for the first course. */
function record(mine, extra = {}) {
  return JSON.stringify({
    version: 2,
    learner: { name: NAME, at_ms: 1 },
    courses: { [first.id]: mine, [second.id]: { history: OTHER_HISTORY } },
    cards: {},
    ...extra,
  });
}

// Each case: the stored value, and whether the learner is told (a repair
// notice) — number clamps are quiet.
const CASES = {
  'an attempt asks a question that was removed': [record({ active: attempt([item('no-such-question', [0, 1])]), history: [] }), true],
  'a question lost a choice under an attempt': [record({ active: attempt([item(single.id, range(choices + 1))]), history: [] }), true],
  'an attempt with no items': [record({ active: attempt([]), history: [] }), true],
  'an answer names a choice the question does not have': [record({ active: attempt([item(single.id, range(choices), [choices + 5])]), history: [] }), true],
  'a stored order repeats a choice': [record({ active: attempt([item(single.id, Array(choices).fill(0))]), history: [] }), true],
  'an attempt stored under another course': [record({ active: attempt([item(single.id, range(choices))], { course: second.id }), history: [] }), true],
  'finished, yet a question is unanswered': [record({ active: attempt([item(single.id, range(choices))], { finished_ms: 9 }), history: [] }), true],
  'the last results ask a question that was removed': [record({ last: attempt([item('gone', [0, 1], [0])], { finished_ms: 9 }), history: [{ started_ms: 5, at_ms: 9, percent: 250, passed: true, duration_ms: 4, asked: 1 }] }), true],
  'a review session asks a question that is gone': [record({ history: [] }, { review: { course: 'review', items: [item('gone-from-every-course', [0, 1])], started_ms: 5, finished_ms: null } }), true],
  'review boxes out of range': [record({ history: [] }, { cards: { [single.id]: { b: 0, d: 0, n: 1, w: 0, t: 1 }, other: { b: 200, d: 0, n: 1, w: 0, t: 1 } } }), false],
};

const SCREENS = ['#/', `#/course/${first.id}`, `#/course/${first.id}/attempt`, `#/course/${first.id}/results`, `#/course/${first.id}/certificate`, '#/review', '#/settings'];

for (const [name, [value, told]] of Object.entries(CASES)) {
  test(`progress that no longer fits (${name}): every screen opens, nothing is lost`, async ({ page }) => {
    await replaceStoredProgress(page, value);
    for (const screen of SCREENS) {
      await page.goto(`./${screen}`);
      await page.reload();
      await expect(page.locator('main')).not.toContainText('問題が発生しました');
      await expect(page.locator('main')).not.toBeEmpty();
      if (told && screen === '#/') await expect(page.locator('#repair-notice')).toBeVisible();
    }
    const state = await page.evaluate(() => ({
      progress: JSON.parse(localStorage.getItem('kenshu.progress')),
      backups: Object.keys(localStorage).filter((k) => k.startsWith('kenshu.backup.')).map((k) => localStorage.getItem(k)),
    }));
    expect(state.progress.learner.name).toBe(NAME);
    // The other course's history stays as it was; the check only records
    // that its attempt was a full one (it asked the course's whole draw).
    const kept = state.progress.courses[second.id].history;
    expect(kept.map(({ full, ...entry }) => entry)).toEqual(OTHER_HISTORY);
    expect(kept.map((entry) => entry.full)).toEqual([true]);
    if (told) expect(state.backups).toContain(value);
    // The course can be taken again.
    await page.goto(`./#/course/${first.id}/attempt`);
    await expect(page.locator('form.question')).toBeVisible();
  });
}

test('the shipped index.html carries the strict Content-Security-Policy', async ({ request }) => {
  const html = await (await request.get('./index.html')).text();
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
  expect(csp, 'a CSP meta element').not.toBeNull();
  const policy = csp[1];
  for (const directive of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'"]) {
    expect(policy).toContain(directive);
  }
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toContain("'unsafe-eval'");
  expect(html).not.toMatch(/<script type="module">/);
});
