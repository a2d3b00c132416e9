// Packages the release build in dist/ as a SCORM 1.2 package (a zip with
// imsmanifest.xml at its root and the app beside it) for upload to an LMS:
// one SCO per course, or one course with --course. Each SCO launches
// `index.html?course=<id>`: inside an LMS the app opens that course and
// reports to the LMS's API (src/ui/state/scorm.rs); opened any other way
// the same files are the normal app.
//
// What differs from dist/: no service worker (sw.js and its registration
// are left out, so an LMS's content path never gets a worker that outlives
// the package); everything else, CSP included, is the release build as is.
//
// Usage: node scripts/build-scorm.mjs [--course <id>] [--out FILE] [--dist DIR]
// (after `trunk build --release`; default out: dist-scorm/kenshu-scorm.zip,
// or dist-scorm/kenshu-scorm-<id>.zip for one course).
import { readFileSync, writeFileSync, readdirSync, statSync, mkdirSync, existsSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import { parse } from 'smol-toml';
import { mustMatch, mustReplace } from './must.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const dist = resolve(opt('--dist', 'dist'));
const only = opt('--course', null);
const out = resolve(opt('--out', join('dist-scorm', only ? `kenshu-scorm-${only}.zip` : 'kenshu-scorm.zip')));
const fail = (message, code = 1) => {
  console.error(`build-scorm: ${message}`);
  process.exit(code);
};

const REGISTER = '<script type="module" src="./static/register.js"></script>';
let index;
try {
  index = readFileSync(join(dist, 'index.html'), 'utf8');
} catch {
  fail(`no ${join(dist, 'index.html')}: run \`trunk build --release\` first`);
}
if (!index.includes('Content-Security-Policy') || !existsSync(join(dist, 'sw.js'))) {
  fail(`${dist} is not a release build (no CSP or no sw.js): run \`trunk build --release\``);
}

// The courses, as the build shipped them (templates are never copied).
const courses = readdirSync(join(dist, 'courses'))
  .filter((f) => f.endsWith('.toml'))
  .map((f) => parse(readFileSync(join(dist, 'courses', f), 'utf8')))
  .sort((a, b) => (a.order ?? 1e9) - (b.order ?? 1e9) || a.id.localeCompare(b.id));
const scos = only ? courses.filter((c) => c.id === only) : courses;
if (only && scos.length === 0) fail(`no course "${only}"; the courses are: ${courses.map((c) => c.id).join(', ')}`, 2);
if (scos.length === 0) fail('no course in the build');

// Every file of the build but the service worker and its registration.
const files = [];
(function walk(d) {
  for (const name of readdirSync(d).sort()) {
    const path = join(d, name);
    if (statSync(path).isDirectory()) walk(path);
    else files.push(relative(dist, path).split('\\').join('/'));
  }
})(dist);
const left = new Set(['sw.js', 'static/register.js']);
const packaged = files.filter((f) => !left.has(f));
const contents = new Map(packaged.map((f) => [f, readFileSync(join(dist, f))]));
contents.set('index.html', Buffer.from(mustReplace(index, REGISTER, '', 'leaving out the service-worker registration')));

const xml = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const hash = createHash('sha256');
for (const f of packaged) hash.update(f).update(contents.get(f));
const build = hash.digest('hex').slice(0, 12);
const title = mustMatch(index, /<title>([^<]*)<\/title>/, 'the title of index.html')[1];
const fileList = packaged.map((f) => `      <file href="${xml(f)}"/>`).join('\n');
// <adlcp:masteryscore> is the course's pass mark: the app reports the best
// full attempt as score.raw and `passed` exactly when it reaches the pass
// mark, so an LMS that judges raw >= masteryscore itself comes to the
// same status (see README, "SCORM 1.2 package").
const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="kenshu-${build}${only ? `-${xml(only)}` : ''}" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="kenshu">
    <organization identifier="kenshu">
      <title>${xml(only ? scos[0].title : title)}</title>
${scos.map((c) => `      <item identifier="item-${xml(c.id)}" identifierref="res-${xml(c.id)}">
        <title>${xml(c.title)}</title>
        <adlcp:masteryscore>${Number(c.pass_mark)}</adlcp:masteryscore>
      </item>`).join('\n')}
    </organization>
  </organizations>
  <resources>
${scos.map((c) => `    <resource identifier="res-${xml(c.id)}" type="webcontent" adlcp:scormtype="sco" href="index.html?course=${xml(c.id)}">
${fileList}
    </resource>`).join('\n')}
  </resources>
</manifest>
`;

// Fixed times, so the same build always gives the same zip.
const mtime = new Date('2000-01-01T00:00:00Z');
const entries = { 'imsmanifest.xml': [Buffer.from(manifest), { level: 9, mtime }] };
for (const [f, data] of contents) entries[f] = [new Uint8Array(data), { level: f.endsWith('.png') ? 0 : 9, mtime }];
const zip = zipSync(entries);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, zip);
console.log(`scorm: ${out}: ${zip.length} bytes, ${Object.keys(entries).length} files, SCO${scos.length > 1 ? 's' : ''}: ${scos.map((c) => c.id).join(', ')}`);
