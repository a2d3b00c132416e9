// Builds the whole app as one self-contained HTML file that works from
// file:// (a shared folder, an email attachment): the wasm (gzip, then
// base64, inflated by the browser's DecompressionStream), its JavaScript
// glue, the styles, the icon and every course (a JSON data block) are
// inside it; nothing is fetched. A strict CSP allows the inline script and styles by their
// sha256 hashes, never by 'unsafe-inline'.
//
// Usage: node scripts/build-single.mjs [--quizzes DIR] [--out FILE]
// (scripts/setup.sh must have run: it puts trunk and wasm-opt on PATH.)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { release } from './lib/release.mjs';
import { minifyModule } from './lib/minify.mjs';
import { attr, bodyInner, headFiles, readPage, renderSinglePage } from './lib/page.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const quizzesArg = opt('--quizzes', null);
const quizzes = quizzesArg ?? 'quizzes';
const out = resolve(opt('--out', 'dist-single/kenshu.html'));
const staging = resolve('target/single-dist');

// The same checks as the normal build, first: a broken course stops here
// with file:line:column.
execFileSync('cargo', ['run', '-q', '-p', 'quiz-core', '--bin', 'quizcheck', '--', quizzes], { stdio: 'inherit' });

rmSync(staging, { recursive: true, force: true });
execFileSync('trunk', ['build', '--release', '--dist', staging], {
  stdio: ['ignore', 'ignore', 'inherit'],
  // One module: a single file cannot fetch wasm chunks (KENSHU_SPLIT=0;
  // see build.rs), and it reads the question files it carries, never a
  // compiled form (KENSHU_SINGLE=1). KENSHU_QUIZZES only for a different
  // course set.
  env: { ...process.env, KENSHU_SPLIT: '0', KENSHU_SINGLE: '1', ...(quizzesArg ? { KENSHU_QUIZZES: quizzesArg } : {}) },
});

// The release page of that build, as its model (scripts/lib/page.mjs), and
// the build manifest of the courses it shipped.
const manifest = release(join(staging, 'courses'));
const page = readPage(readFileSync(join(staging, 'index.html'), 'utf8'), manifest.ids);
const { styles: cssFiles, icon: iconFile, title, lang } = headFiles(page);
const glueFile = attr(page.preloads.find((l) => attr(l, 'rel') === 'modulepreload') ?? [], 'href')?.replace(/^\.\//, '');
if (!glueFile) throw new Error('build: no glue file among the page\'s modulepreload links');
const wasmFile = glueFile.replace(/\.js$/, '_bg.wasm');

// The glue as wasm-bindgen wrote it and the start-up after it, minified as
// one module (the start-up calls the glue's own __wbg_init): an inline
// module script may keep the glue's `export`s, so no text of it is patched.
const glue = readFileSync(join(staging, glueFile), 'utf8');
const wasm = readFileSync(join(staging, wasmFile));
const packed = gzipSync(wasm, { level: 9 }).toString('base64');
const script = await minifyModule(`${glue}
const packed = "${packed}";
const gz = Uint8Array.from(atob(packed), (c) => c.charCodeAt(0));
const bytes = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
await __wbg_init({ module_or_path: bytes });
`, `${glueFile} and the start-up`);
const styles = cssFiles.map((f) => readFileSync(join(staging, f), 'utf8'));
const icon = readFileSync(join(staging, iconFile)).toString('base64');
const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const csp = {
  'default-src': ["'none'"],
  'script-src': [sha(script), "'wasm-unsafe-eval'"],
  'style-src': styles.map(sha),
  'img-src': ['data:'],
  'connect-src': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};
// The question files, as one JSON data block the app reads instead of
// fetching courses/ (a data block is never run, so the CSP needs nothing
// for it; scripts/lib/page.mjs escapes every "<", so no text can close the
// element). By file name, as they were always written. Their
// compiled forms stay out: this page reads the question files (the parser
// is in its one module anyway), and a trainer's hand-out adds question files.
const courses = Object.fromEntries(manifest.courses.map((c) => c.file).sort().map((file) => [file, readFileSync(join(staging, 'courses', file), 'utf8')]));
const html = renderSinglePage({
  lang,
  title,
  csp,
  icon: `data:image/svg+xml;base64,${icon}`,
  styles,
  dataBlocks: [[manifest.ids.courses_block, courses]],
  script,
  body: bodyInner(page),
});
mkdirSync(resolve(out, '..'), { recursive: true });
writeFileSync(out, html);
const raw = Buffer.byteLength(html);
console.log(`single file: ${out}: ${raw} bytes raw, ${gzipSync(html, { level: 9 }).length} bytes gzip`);
