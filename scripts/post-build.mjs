// Trunk post-build hook.
// Every build: copies the shipped question files (templates left out) and
// their compiled forms (build.rs) to courses/, where the app fetches each
// course when it is opened; the build script has checked them, and the app
// compares each with the digest the build compiled in.
// Release builds only (`trunk serve` keeps Trunk's own dev page):
// 0. splits the wasm into the main module and lazily loaded chunks
//    (scripts/split-wasm.mjs);
// 1. moves Trunk's inline module loader into an external file, so the
//    Content-Security-Policy can forbid inline script;
// 2. adds the CSP, the web app manifest and the service-worker registration
//    to index.html;
// 3. writes sw.js, which precaches every file of this build under a cache
//    named by the build's content hash, so a new release replaces the cache
//    as a whole.
import { readFileSync, writeFileSync, readdirSync, mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { splitWasm } from './split-wasm.mjs';
import { writeServiceWorker } from './service-worker.mjs';
import { mustMatch, mustReplace } from './must.mjs';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
const quizzes = process.env.KENSHU_QUIZZES ?? 'quizzes';
mkdirSync(join(dir, 'courses'), { recursive: true });
for (const name of readdirSync(quizzes)) {
  if (name.endsWith('.toml') && !name.startsWith('_')) copyFileSync(join(quizzes, name), join(dir, 'courses', name));
}
// Beside each, its compiled form (build.rs wrote it with the wasm): what a
// learner's browser reads, without the TOML reader.
const profile = (process.env.TRUNK_PROFILE ?? 'release') === 'release' ? 'release' : 'debug';
const compiled = join(process.env.CARGO_TARGET_DIR ?? 'target', 'wasm32-unknown-unknown', profile, 'kenshu-courses');
const compiledFiles = readdirSync(compiled).filter((f) => f.endsWith('.course.json'));
if (compiledFiles.length === 0) throw new Error(`build: no compiled course in ${compiled}`);
for (const name of compiledFiles) copyFileSync(join(compiled, name), join(dir, 'courses', name));
// The list of published courses (courses/published.json) belongs to the
// site, not to a release: a release never carries one, so copying it over
// a site keeps what the site publishes, and a site without a list answers
// 404, which the app reads as "none". `trunk serve` answers a missing file
// with the app's page, so a debug build has an empty list.
if ((process.env.TRUNK_PROFILE ?? 'release') !== 'release') {
  writeFileSync(join(dir, 'courses', 'published.json'), '{"format":"kenshu-published","version":1,"courses":[]}\n');
  process.exit(0);
}
const chunks = splitWasm(dir);

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const sha = (data) => createHash('sha256').update(data).digest('hex').slice(0, 16);

const indexPath = join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');
const inline = mustMatch(html, /<script type="module">([\s\S]*?)<\/script>/, "Trunk's inline loader in index.html");
const loader = inline[1].trim() + '\n';
const loaderName = `loader-${sha(loader)}.js`;
writeFileSync(join(dir, loaderName), loader);
html = mustReplace(html, inline[0], `<script type="module" src="./${loaderName}"></script>`, 'moving the loader out');
html = mustReplace(
  html,
  '<meta charset="utf-8">',
  `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${CSP}">`,
  'adding the Content-Security-Policy',
);
html = mustReplace(
  html,
  '</head>',
  '<link rel="manifest" href="./static/app.webmanifest">\n' +
    '<script type="module" src="./static/register.js"></script>\n</head>',
  'adding the manifest and the service-worker registration',
);
html = mustReplace(html, '<p class="boot__loading">読み込んでいます…</p>', `<p class="boot__loading">読み込んでいます…</p>${bootCourses(dir)}`, 'adding the course list to the boot page');
writeFileSync(indexPath, html);

/**
 * The shipped courses as plain HTML for the page shown while the app loads
 * (removed when it starts): on a slow line the learner reads titles and
 * descriptions at once, and each title is a link the app opens when it is
 * up. Built from the compiled forms, every text escaped; the same card
 * markup as the home screen, without its buttons.
 */
function bootCourses(dir) {
  const escape = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const inline = (runs) => runs.map((run) => (run.Strong !== undefined ? `<strong>${escape(run.Strong)}</strong>` : escape(run.Plain ?? ''))).join('');
  const blocks = (text) => text.map((block) => (block.List
    ? `<ul>${block.List.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`
    : `<p>${inline(block.Paragraph ?? [])}</p>`)).join('');
  const courses = readdirSync(join(dir, 'courses'))
    .filter((f) => f.endsWith('.course.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, 'courses', f), 'utf8')).course)
    .filter((c) => !c.hidden)
    .sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.id.localeCompare(b.id));
  const cards = courses.map((c) => `<article class="card"><h3 class="card__title"><a href="#/course/${escape(c.id)}">${escape(c.title)}</a></h3><div class="card__body">${blocks(c.description)}</div></article>`);
  return `<section aria-labelledby="boot-courses"><h2 id="boot-courses">コース一覧</h2><div class="card-grid">${cards.join('')}</div></section>`;
}

const { precached, version } = writeServiceWorker(dir);
console.log(`post-build: ${chunks.length ? `split into ${chunks.join(', ')}; ` : ''}${loaderName}, CSP, manifest; sw.js caches ${precached} files as kenshu-${version}`);
