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
// page as a new release. The settings are checked first; see the README
// ("Reporting to an LMS or LRS") for the fields and their risks.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** Checks what the app will check (quiz_core::lms::xapi::Config), so a mistake shows here, not in learners' browsers. */
function check(settings) {
  const known = ['endpoint', 'activity_base', 'identity', 'auth'];
  for (const key of Object.keys(settings)) if (!known.includes(key)) fail(`unknown field "${key}" (known: ${known.join(', ')})`);
  let url;
  try {
    url = new URL(settings.endpoint);
  } catch {
    fail(`endpoint is not a URL: ${settings.endpoint}`);
  }
  if (!['https:', 'http:'].includes(url.protocol)) fail(`endpoint must be https:// (or http:// on a closed network): ${settings.endpoint}`);
  if (url.protocol === 'http:' && !['127.0.0.1', 'localhost'].includes(url.hostname)) {
    console.warn('configure-reporting: warning: the endpoint is http://, so statements and credentials travel unencrypted');
  }
  const identity = settings.identity ?? {};
  if (identity.kind === 'account') {
    if (!identity.home_page) fail('identity.home_page is required for kind "account"');
  } else if (identity.kind === 'mbox') {
    if (!identity.domain || identity.domain.includes('@')) fail('identity.domain must be a mail domain for kind "mbox"');
  } else fail('identity.kind must be "account" or "mbox"');
  const auth = settings.auth ?? { kind: 'none' };
  if (auth.kind === 'basic') {
    if (!auth.username || auth.password === undefined) fail('auth.username and auth.password are required for kind "basic"');
    console.warn('configure-reporting: note: anyone who can open this site can read these credentials; use an account that may only write statements');
  } else if (auth.kind !== 'none') fail('auth.kind must be "basic" or "none"');
  return url.origin;
}

const indexPath = join(dir, 'index.html');
let html = readFileSync(indexPath, 'utf8');
const csp = mustMatch(html, /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/, 'the CSP in index.html (run on a release build)');
const block = /\n?<script type="application\/json" id="kenshu-reporting">[\s\S]*?<\/script>/;
html = html.replace(block, '');
let connect = "connect-src 'self'";
let said;
if (source === '--off') {
  said = 'reporting off';
} else {
  let settings;
  try {
    settings = JSON.parse(readFileSync(source, 'utf8'));
  } catch (e) {
    fail(`${source}: ${e.message}`);
  }
  const origin = check(settings);
  connect = `connect-src 'self' ${origin}`;
  // `<` escaped, so no value can close the script element.
  const json = JSON.stringify(settings).replace(/</g, '\\u003c');
  html = mustReplace(html, '</head>', `<script type="application/json" id="kenshu-reporting">${json}</script>\n</head>`, 'adding the settings block');
  said = `reporting on: statements to ${settings.endpoint} (connect-src adds ${origin})`;
}
const directives = csp[1].split('; ').map((d) => (d.startsWith('connect-src ') ? connect : d));
html = mustReplace(html, csp[0], `<meta http-equiv="Content-Security-Policy" content="${directives.join('; ')}">`, 'setting connect-src');
writeFileSync(indexPath, html);
const { version } = writeServiceWorker(dir);
console.log(`configure-reporting: ${said}; sw.js now caches as kenshu-${version}`);
