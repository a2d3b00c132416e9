// The design tokens (scripts/lib/tokens.mjs, scripts/update-tokens.mjs):
// only the used ones are carried, with what they refer to, and the
// vendored file is what the pinned package gives for today's stylesheets,
// so a style can never name a token the page does not define (node --test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pruneTokens, tokenDefinitions, tokenReferences } from '../../scripts/lib/tokens.mjs';
import { VENDORED, expectedTokens } from '../../scripts/update-tokens.mjs';

const PACKAGE = `/**
 * Do not edit directly, this file was auto-generated.
 */

:root {
  --color-primitive-green-600: #197a4b;
  --color-primitive-red-800: #ec0000;
  --color-semantic-success-1: var(--color-primitive-green-600);
  --color-semantic-error-1: var(--color-primitive-red-800);
  --font-family-sans: 'Noto Sans JP', -apple-system, sans-serif;
  --border-radius-8: 0.5rem;
}
`;

test('keeps the used tokens and what they refer to, in the package order, and nothing else', () => {
  const { css, missing } = pruneTokens(PACKAGE, new Set(['--border-radius-8', '--color-semantic-success-1']), new Set(), '/* h */\n');
  assert.equal(css, '/* h */\n:root {\n  --color-primitive-green-600: #197a4b;\n  --color-semantic-success-1: var(--color-primitive-green-600);\n  --border-radius-8: 0.5rem;\n}\n');
  assert.deepEqual(missing, []);
});

test('a name used but defined neither by the package nor locally is reported', () => {
  const { missing } = pruneTokens(PACKAGE, new Set(['--color-primitive-gren-600', '--app-gap']), new Set(['--app-gap']));
  assert.deepEqual(missing, ['--color-primitive-gren-600']);
});

test('references and definitions are read from CSS and from inline styles', () => {
  const text = '.a { color: var(--x-1); margin: var( --y, 4px); --app-gap: 8px; }\nstyle="--inline:1;background:var(--z)"';
  assert.deepEqual([...tokenReferences(text)].sort(), ['--x-1', '--y', '--z']);
  assert.deepEqual([...tokenDefinitions(text)].sort(), ['--app-gap', '--inline']);
});

test('the vendored tokens are exactly what the pinned package gives for the styles of today', () => {
  const { css, missing } = expectedTokens();
  assert.deepEqual(missing, [], 'every token a style names is defined');
  assert.equal(readFileSync(VENDORED, 'utf8'), css, 'stale: run node scripts/update-tokens.mjs');
});
