// Turns reporting to an LRS on (or off) for one deployment of a release
// build, without rebuilding:
//
//   node scripts/configure-reporting.mjs <dist-folder> <reporting.json>   # on
//   node scripts/configure-reporting.mjs <dist-folder> --off              # off again
//
// It puts the settings into index.html as a data block the app reads
// (<script type="application/json" id="kenshu-reporting">, never run),
// widens the page's Content-Security-Policy `connect-src` by exactly the
// LRS's origin, and writes sw.js again so returning learners get the new
// page as a new release. The settings are checked first, by the app's own
// check in Rust (`quizcheck reporting`, quiz_core::lms::settings), so what
// this script accepts the app accepts; see the README ("Reporting to an LMS
// or LRS") for the fields and their risks.
import { readFileSync, writeFileSync, existsSync, statSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mustMatch, mustReplace } from './must.mjs';
import { writeServiceWorker } from './service-worker.mjs';

const [dir, source] = process.argv.slice(2);
if (!dir || !source) {
  console.error('usage: node scripts/configure-reporting.mjs <dist-folder> <reporting.json | --off>');
  process.exit(2);
}

const fail = (message) => {
  console.error(`configure-reporting: ${message}`);
  process.exit(1);
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The newest modification time under `path` (a file or a folder). */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/**
 * How to run quizcheck: a built binary newer than the core's sources (so it
 * checks as this checkout's app does), else through cargo, which builds it.
 */
function quizcheck() {
  const target = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
  const sources = Math.max(newest(join(root, 'core', 'src')), newest(join(root, 'core', 'Cargo.toml')));
  for (const profile of ['release', 'debug']) {
    const bin = join(target, profile, 'quizcheck');
    if (existsSync(bin) && statSync(bin).mtimeMs >= sources) return [bin, []];
  }
  return ['cargo', ['run', '-q', '--manifest-path', join(root, 'Cargo.toml'), '-p', 'quiz-core', '--bin', 'quizcheck', '--']];
}

/** The settings checked by the app's own check; the LRS's origin, or the script stops with every problem said. */
function check(file) {
  const [command, args] = quizcheck();
  const run = spawnSync(command, [...args, 'reporting', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.error) fail(`could not run quizcheck (${command}): ${run.error.message}`);
  if (run.status !== 0) fail(`${file}: the settings were not accepted (see above); index.html is unchanged`);
  const origin = run.stdout.trim();
  // What goes into the CSP: an origin and nothing else (the check made it so).
  if (!/^https?:\/\/[A-Za-z0-9.:[\]-]+$/.test(origin)) fail(`quizcheck gave no origin: ${JSON.stringify(run.stdout)}`);
  return origin;
}

/**
 * The settings as a data block: `<` escaped so no value can close the
 * script element (or open a comment), U+2028 and U+2029 escaped too.
 */
function dataBlock(settings) {
  const json = JSON.stringify(settings).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `<script type="application/json" id="kenshu-reporting">${json}</script>`;
}

const indexPath = join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');
const csp = mustMatch(html, /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/, 'the CSP in index.html (run on a release build)');
const block = /\n?<script type="application\/json" id="kenshu-reporting">[\s\S]*?<\/script>/;
html = html.replace(block, '');
let connect = "connect-src 'self'";
let said;
let settings;
if (source === '--off') {
  said = 'reporting off';
} else {
  const origin = check(source);
  // Read after the check, which refused anything JSON.parse would read
  // differently (a key given twice, a lone surrogate).
  settings = JSON.parse(readFileSync(source, 'utf8'));
  connect = `connect-src 'self' ${origin}`;
  html = mustReplace(html, '</head>', `${dataBlock(settings)}\n</head>`, 'adding the settings block');
  said = `reporting on: statements to ${settings.endpoint} (connect-src adds ${origin})`;
}
const directives = csp[1].split('; ').map((d) => (d.startsWith('connect-src ') ? connect : d));
html = mustReplace(html, csp[0], `<meta http-equiv="Content-Security-Policy" content="${directives.join('; ')}">`, 'setting connect-src');
// The page as the app will read it: one document, the settings exactly as given.
const closes = html.split('</html>').length - 1;
if (closes !== 1) fail(`index.html would have ${closes} </html>; nothing written`);
const written = html.match(/<script type="application\/json" id="kenshu-reporting">([\s\S]*?)<\/script>/);
if (JSON.stringify(written ? JSON.parse(written[1]) : undefined) !== JSON.stringify(settings)) {
  fail('the settings block would not read back as the settings given; nothing written');
}
writeFileSync(indexPath, html);
const { version } = writeServiceWorker(dir);
console.log(`configure-reporting: ${said}; sw.js now caches as kenshu-${version}`);
