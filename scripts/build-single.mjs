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
import { readFileSync, writeFileSync, mkdirSync, rmSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { mustMatch, mustReplace } from './must.mjs';

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

const index = readFileSync(join(staging, 'index.html'), 'utf8');
const cssFiles = [...index.matchAll(/<link rel="stylesheet" href="\.\/([^"]+)"/g)].map((m) => m[1]);
const glueFile = mustMatch(index, /<link rel="modulepreload" href="\.\/([^"]+\.js)"/, 'the glue file in index.html')[1];
const wasmFile = glueFile.replace(/\.js$/, '_bg.wasm');
const iconFile = mustMatch(index, /<link rel="icon" href="\.\/([^"]+)"/, 'the icon in index.html')[1];

const glue = mustReplace(
  mustReplace(readFileSync(join(staging, glueFile), 'utf8'), /^export (class|function|const|let) /gm, (_, kind) => `${kind} `, 'un-exporting the glue'),
  /^export \{[^}]*\};?\s*$/gm,
  '',
  "the glue's export list",
);
const wasm = readFileSync(join(staging, wasmFile));
const packed = gzipSync(wasm, { level: 9 }).toString('base64');
const script = `${glue}
const packed = "${packed}";
const gz = Uint8Array.from(atob(packed), (c) => c.charCodeAt(0));
const bytes = await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
await __wbg_init({ module_or_path: bytes });
`;
const styles = cssFiles.map((f) => readFileSync(join(staging, f), 'utf8'));
const icon = readFileSync(join(staging, iconFile)).toString('base64');
const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const csp = [
  "default-src 'none'",
  `script-src ${sha(script)} 'wasm-unsafe-eval'`,
  `style-src ${styles.map(sha).join(' ')}`,
  'img-src data:',
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
// The question files, as one JSON data block the app reads instead of
// fetching courses/ (a data block is never run, so the CSP needs nothing
// for it). Every "<" is escaped, so no text can close the element. Their
// compiled forms stay out: this page reads the question files (the parser
// is in its one module anyway), and a trainer's hand-out adds question files.
const courseDir = join(staging, 'courses');
const courses = Object.fromEntries(
  readdirSync(courseDir).filter((name) => !name.endsWith('.course.json')).sort().map((name) => [name, readFileSync(join(courseDir, name), 'utf8')]),
);
const coursesJson = JSON.stringify(courses).replace(/</g, '\\u003c');
const body = mustMatch(index, /<body>([\s\S]*)<\/body>/, 'the body of index.html')[1].trim();
const html = `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>福祉部 職員研修</title>
<link rel="icon" href="data:image/svg+xml;base64,${icon}">
${styles.map((s) => `<style>${s}</style>`).join('\n')}
<script type="application/json" id="kenshu-courses">${coursesJson}</script>
<script type="module">${script}</script>
</head>
<body>
${body}
</body>
</html>
`;
mkdirSync(resolve(out, '..'), { recursive: true });
writeFileSync(out, html);
const raw = Buffer.byteLength(html);
console.log(`single file: ${out}: ${raw} bytes raw, ${gzipSync(html, { level: 9 }).length} bytes gzip`);
