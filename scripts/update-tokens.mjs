// Writes style/vendor/dads-tokens.css: the design tokens the stylesheets
// (and inline styles in src/) use, taken from the pinned npm package.
//   node scripts/update-tokens.mjs          write it
//   node scripts/update-tokens.mjs --check  exit 1 if it is not what this would write
// Run it after a stylesheet starts or stops using a token, or after the
// package's version in package.json changes.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pruneTokens, tokenDefinitions, tokenReferences } from './lib/tokens.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const VENDORED = join(root, 'style', 'vendor', 'dads-tokens.css');

function filesUnder(dir, ext) {
  return readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith(ext))
    .map((f) => join(dir, f));
}

/** What the vendored file should hold now, and the names used but defined nowhere. */
export function expectedTokens() {
  const packageDir = join(root, 'node_modules', '@digital-go-jp', 'design-tokens');
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const packageCss = readFileSync(join(packageDir, 'dist', 'tokens.css'), 'utf8');
  const sources = [...filesUnder(join(root, 'style'), '.css').filter((f) => f !== VENDORED), ...filesUnder(join(root, 'src'), '.rs')].map((f) =>
    readFileSync(f, 'utf8'),
  );
  const used = new Set(sources.flatMap((t) => [...tokenReferences(t)]));
  const local = new Set(sources.flatMap((t) => [...tokenDefinitions(t)]));
  const header = `/* @digital-go-jp/design-tokens ${version} (MIT, Digital Agency of Japan): only the tokens style/ and src/ use.\n   Written by scripts/update-tokens.mjs; do not edit. */\n`;
  return pruneTokens(packageCss, used, local, header);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { css, missing } = expectedTokens();
  if (missing.length) {
    console.error(`used but defined nowhere: ${missing.join(', ')}`);
    process.exit(1);
  }
  if (process.argv.includes('--check')) {
    const same = readFileSync(VENDORED, 'utf8') === css;
    console.log(same ? 'style/vendor/dads-tokens.css is current' : 'style/vendor/dads-tokens.css is stale: run node scripts/update-tokens.mjs');
    process.exit(same ? 0 : 1);
  }
  writeFileSync(VENDORED, css);
  console.log(`wrote ${VENDORED}: ${css.match(/^ {2}--/gm).length} tokens, ${css.length} bytes`);
}
