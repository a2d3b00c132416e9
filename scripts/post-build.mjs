// Trunk post-build hook.
// Every build: writes the shipped question files (templates left out) and
// their compiled forms to courses/ (`quizcheck release`), where the app
// fetches each course when it is opened; the app compares each with the
// digest its build compiled in (build.rs, from the same quiz_core::release).
// Release builds only (`trunk serve` keeps Trunk's own dev page):
// 0. splits the wasm into the main module and lazily loaded chunks
//    (scripts/split-wasm.mjs);
// 1. moves Trunk's inline module loader into an external file, so the
//    Content-Security-Policy can forbid inline script;
// 2. renders index.html from the page model (scripts/lib/page.mjs): the
//    CSP, the web app manifest, the service-worker registration and the
//    boot course list in their slots;
// 3. writes sw.js, which precaches every file of this build under a cache
//    named by the build's content hash, so a new release replaces the cache
//    as a whole;
// 4. names the sheet worker's glue and wasm after their contents (Trunk
//    names a worker's files without a hash) and writes the names into its
//    loader, so an HTTP cache can never pair one release's glue with
//    another's wasm.
import { readFileSync, writeFileSync, mkdirSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { splitWasm } from './split-wasm.mjs';
import { writeServiceWorker } from './service-worker.mjs';
import { release } from './lib/release.mjs';
import { fromTrunk, importMapHash, renderPage, SITE_CSP } from './lib/page.mjs';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? 'dist';
const quizzes = process.env.KENSHU_QUIZZES ?? 'quizzes';
// The question files (templates left out) and beside each its compiled
// form, what a learner's browser reads without the TOML reader: written by
// `quizcheck release` from the same code as build.rs's index, with the
// build manifest (quiz_core::release) every later step reads.
mkdirSync(join(dir, 'courses'), { recursive: true });
const manifest = release(quizzes, join(dir, 'courses'));
// The list of published courses (courses/published.json) belongs to the
// site, not to a release: a release never carries one, so copying it over
// a site keeps what the site publishes, and a site without a list answers
// 404, which the app reads as "none". `trunk serve` answers a missing file
// with the app's page, so a debug build has an empty list.
if ((process.env.TRUNK_PROFILE ?? 'release') !== 'release') {
  writeFileSync(join(dir, 'courses', 'published.json'), `${manifest.empty_published_list}\n`);
  process.exit(0);
}
const indexPath = join(dir, 'index.html');
const page = fromTrunk(readFileSync(indexPath, 'utf8'), manifest.ids);
const chunks = await splitWasm(dir, page, manifest);

const sha = (data) => createHash('sha256').update(data).digest('hex').slice(0, 16);
const loader = page.inlineLoader.trim() + '\n';
const loaderName = `loader-${sha(loader)}.js`;
writeFileSync(join(dir, loaderName), loader);
page.loader = `./${loaderName}`;
page.csp = structuredClone(SITE_CSP);
// The import map that names the split loader is an inline script: allowed by its hash alone.
const mapHash = importMapHash(page);
if (mapHash) page.csp['script-src'].push(mapHash);
page.webManifest = './static/app.webmanifest';
page.serviceWorker = './static/register.js';
// The page shown while the app loads (removed when it starts) gets the
// shipped courses as plain HTML (quiz_core::release::boot_html): on a slow
// line the learner reads titles and descriptions at once, and each title is
// a link the app opens when it is up.
page.boot = manifest.boot_html;
writeFileSync(indexPath, renderPage(page));

nameSheetWorker(dir);

const { precached, version } = writeServiceWorker(dir);
console.log(`post-build: ${chunks.length ? `split into ${chunks.join(', ')}; ` : ''}${loaderName}, CSP, manifest; sw.js caches ${precached} files as kenshu-${version}`);

/**
 * Renames the sheet worker's glue and wasm after their contents and writes
 * their names, as data, into sheet_worker_files.js (which its loader reads);
 * a build without the worker is left as it is.
 */
function nameSheetWorker(dir) {
  const filesPath = join(dir, 'sheet_worker_files.js');
  if (!existsSync(filesPath)) return;
  const glue = readFileSync(join(dir, 'sheet_worker.js'));
  const wasm = readFileSync(join(dir, 'sheet_worker_bg.wasm'));
  const name = `sheet_worker-${sha(Buffer.concat([glue, wasm]))}`;
  renameSync(join(dir, 'sheet_worker.js'), join(dir, `${name}.js`));
  renameSync(join(dir, 'sheet_worker_bg.wasm'), join(dir, `${name}_bg.wasm`));
  const files = { glue: `./${name}.js`, wasm: `./${name}_bg.wasm` };
  writeFileSync(filesPath, `// Written by scripts/post-build.mjs: this release's sheet worker files.\nself.SHEET_WORKER_FILES = ${JSON.stringify(files)};\n`);
}
