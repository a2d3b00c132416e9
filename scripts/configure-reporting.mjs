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
import { readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import { writeServiceWorker } from './service-worker.mjs';
import { quizcheck, release } from './lib/release.mjs';
import { readPage, renderPage } from './lib/page.mjs';

const [dir, source] = process.argv.slice(2);
if (!dir || !source) {
  console.error('usage: node scripts/configure-reporting.mjs <dist-folder> <reporting.json | --off>');
  process.exit(2);
}

const fail = (message) => {
  console.error(`configure-reporting: ${message}`);
  process.exit(1);
};

/** The settings checked by the app's own check; the LRS's origin, or the script stops with every problem said. */
function check(file) {
  let run;
  try {
    run = quizcheck(['reporting', file]);
  } catch (e) {
    fail(e.message);
  }
  if (run.status !== 0) fail(`${file}: the settings were not accepted (see above); index.html is unchanged`);
  const origin = run.stdout.trim();
  // What goes into the CSP: an origin and nothing else (the check made it so).
  if (!/^https?:\/\/[A-Za-z0-9.:[\]-]+$/.test(origin)) fail(`quizcheck gave no origin: ${JSON.stringify(run.stdout)}`);
  return origin;
}

const indexPath = join(dir, 'index.html');
const html = readFileSync(indexPath, 'utf8');
// The page model (scripts/lib/page.mjs) with the app's ids (the build
// manifest of the folder's courses): only a page the build wrote is read.
let page;
try {
  page = readPage(html, release(join(dir, 'courses')).ids);
} catch (e) {
  fail(`${indexPath}: ${e.message} (run on a release build)`);
}
if (!page.csp) fail(`${indexPath}: no Content-Security-Policy (run on a release build)`);
let said;
let settings;
if (source === '--off') {
  said = 'reporting off';
  page.csp['connect-src'] = ["'self'"];
} else {
  const origin = check(source);
  // Read after the check, which refused anything JSON.parse would read
  // differently (a key given twice, a lone surrogate).
  settings = JSON.parse(readFileSync(source, 'utf8'));
  page.csp['connect-src'] = ["'self'", origin];
  said = `reporting on: statements to ${settings.endpoint} (connect-src adds ${origin})`;
}
// The settings go into a data block the app reads (never run).
page.reporting = settings;
const written = renderPage(page);
// The page as the app will read it: one document, the settings exactly as given.
const closes = written.split('</html>').length - 1;
if (closes !== 1) fail(`index.html would have ${closes} </html>; nothing written`);
if (!isDeepStrictEqual(readPage(written, page.ids).reporting, settings)) {
  fail('the settings block would not read back as the settings given; nothing written');
}
writeFileSync(indexPath, written);
const { version } = writeServiceWorker(dir);
console.log(`configure-reporting: ${said}; sw.js now caches as kenshu-${version}`);
