// The page model (scripts/lib/page.mjs): Trunk's output read into slots,
// every variant rendered from them, a built page read back to the same
// model, and data put in as it is ($ patterns included) (node --test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { fromTrunk, readPage, renderPage, renderSinglePage, cspText, dataBlock, headFiles, bodyInner, attr, setAttr, importMapHash, SITE_CSP } from '../../scripts/lib/page.mjs';

const IDS = { scorm_marker: 'kenshu-scorm', reporting_block: 'kenshu-reporting', courses_block: 'kenshu-courses' };

// Trunk's release output, shaped as Trunk 0.21 writes it.
const TRUNK = `<!DOCTYPE html>
<html lang="ja">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>福祉部 職員研修</title>
  <link rel="icon" href="./icon-1.svg" integrity="sha384-i"/>
  <link rel="stylesheet" href="./main-2.css" integrity="sha384-m"/>
  
<script type="module">
import init from './kenshu-abc.js';
init();
</script>
  <!-- a comment after the app's link (index.html) -->
  
<link rel="modulepreload" href="./kenshu-abc.js" crossorigin="anonymous" integrity="sha384-old"><link rel="preload" href="./kenshu-abc_bg.wasm" crossorigin="anonymous" integrity="sha384-w" as="fetch" type="application/wasm"></head>
<body>
  <div id="boot">
    <main class="main"><h1 class="page-title">福祉部 職員研修</h1><p class="boot__loading">読み込んでいます…</p></main>
  </div>
</body>
</html>
`;

function site() {
  const page = fromTrunk(TRUNK, IDS);
  page.loader = './loader-1.js';
  page.csp = structuredClone(SITE_CSP);
  page.webManifest = './static/app.webmanifest';
  page.serviceWorker = './static/register.js';
  page.boot = '<section>courses</section>';
  return page;
}

test('the site page: CSP after the charset, the loader a file, the head extras before </head>, the course list in its slot', () => {
  const html = renderPage(site());
  assert.ok(html.includes(`<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; `));
  assert.ok(html.includes('  \n<script type="module" src="./loader-1.js"></script>\n  <!-- a comment after the app\'s link (index.html) -->\n  \n<link rel="modulepreload" href="./kenshu-abc.js"'));
  assert.ok(html.includes('type="application/wasm"><link rel="manifest" href="./static/app.webmanifest">\n<script type="module" src="./static/register.js"></script>\n</head>'));
  assert.ok(html.includes('読み込んでいます…</p><section>courses</section></main>'));
  assert.doesNotMatch(html, /import init/);
  assert.equal(html.split('</html>').length, 2);
});

test('a built page reads back to the same model and renders to the same bytes', () => {
  const html = renderPage(site());
  const page = readPage(html, IDS);
  assert.equal(renderPage(page), html);
  assert.deepEqual(page.csp, SITE_CSP);
  assert.equal(page.boot, '<section>courses</section>');
  assert.equal(page.serviceWorker, './static/register.js');
});

test('a page the model did not write is refused, never half edited', () => {
  assert.throws(() => readPage(TRUNK, IDS), /build: the page/);
  const html = renderPage(site());
  assert.throws(() => readPage(html.replace('</head>', '<script src="./x.js"></script>\n</head>'), IDS), /build: the page/);
  assert.throws(() => fromTrunk('<html><head></head></html>', IDS), /build: the page/);
});

test('reporting: the settings block after the registration, connect-src widened, every byte of a $ password kept, and off again', () => {
  const page = readPage(renderPage(site()), IDS);
  const nasty = "a$&b$'c$`d$$e$1</script><!--\u2028\u2029</html>";
  page.reporting = { endpoint: 'https://lrs.example/xAPI/', auth: { password: nasty } };
  page.csp['connect-src'] = ["'self'", 'https://lrs.example'];
  const html = renderPage(page);
  assert.ok(html.includes(`register.js"></script>\n<script type="application/json" id="kenshu-reporting">{"endpoint":"https://lrs.example/xAPI/","auth":{"password":"a$&b$'c$\`d$$e$1\\u003c/script>\\u003c!--\\u2028\\u2029\\u003c/html>"}}</script>\n</head>`));
  assert.ok(html.includes("connect-src 'self' https://lrs.example;"));
  assert.equal(html.split('</html>').length, 2);
  const back = readPage(html, IDS);
  assert.deepEqual(back.reporting, page.reporting);
  back.reporting = undefined;
  back.csp['connect-src'] = ["'self'"];
  assert.equal(renderPage(back), renderPage(site()));
});

test('the SCORM page: no registration, the marker and the launch script, reporting kept', () => {
  const page = readPage(renderPage(site()), IDS);
  page.reporting = { endpoint: 'x' };
  page.serviceWorker = null;
  page.scormLaunch = './scorm-launch.js';
  const html = renderPage(page);
  assert.doesNotMatch(html, /register\.js/);
  assert.ok(html.includes('<link rel="manifest" href="./static/app.webmanifest">\n<script type="application/json" id="kenshu-reporting">{"endpoint":"x"}</script>\n<meta name="kenshu-scorm" id="kenshu-scorm" content="SCORM 1.2">\n<script src="./scorm-launch.js"></script>\n</head>'));
  assert.equal(readPage(html, IDS).scormLaunch, './scorm-launch.js');
});

test('preload links are data: an integrity hash changed and a link added without editing text', () => {
  const page = site();
  const glue = page.preloads.find((l) => attr(l, 'href') === './kenshu-abc.js');
  setAttr(glue, 'integrity', 'sha384-$&new');
  page.preloads.splice(1, 0, [['rel', 'modulepreload'], ['href', './__wasm_split-abc.js']]);
  const html = renderPage(page);
  assert.ok(html.includes('<link rel="modulepreload" href="./kenshu-abc.js" crossorigin="anonymous" integrity="sha384-$&new"><link rel="modulepreload" href="./__wasm_split-abc.js"><link rel="preload"'));
});

test('the import map: before every script, allowed by the hash of its exact text, read back', () => {
  const page = site();
  assert.equal(importMapHash(page), null);
  page.importMap = { imports: { './__wasm_split.js': './__wasm_split-abc.js' } };
  const hash = importMapHash(page);
  page.csp['script-src'].push(hash);
  const html = renderPage(page);
  const text = '{"imports":{"./__wasm_split.js":"./__wasm_split-abc.js"}}';
  assert.ok(html.includes(`content="${cspText(page.csp)}">\n  <script type="importmap">${text}</script>`));
  assert.ok(html.indexOf('type="importmap"') < html.indexOf('<script type="module"'));
  assert.equal(hash, `'sha256-${createHash('sha256').update(text).digest('base64')}'`);
  const back = readPage(html, IDS);
  assert.deepEqual(back.importMap, page.importMap);
  assert.equal(renderPage(back), html);
});

test('the single file: its CSP as data, the head files and body from the site page, data blocks escaped', () => {
  const page = readPage(renderPage(site()), IDS);
  const { styles, icon, title, lang } = headFiles(page);
  assert.deepEqual([styles, icon, title, lang], [['main-2.css'], 'icon-1.svg', '福祉部 職員研修', 'ja']);
  const html = renderSinglePage({
    lang,
    title,
    csp: { 'default-src': ["'none'"], 'script-src': ["'sha256-x'", "'wasm-unsafe-eval'"] },
    icon: 'data:image/svg+xml;base64,AA==',
    styles: ['a{}', 'b{}'],
    dataBlocks: [['kenshu-courses', { 'a.toml': 'title = "</script>$&"' }]],
    script: 'run();',
    body: bodyInner(page),
  });
  assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src \'sha256-x\' \'wasm-unsafe-eval\'">'));
  assert.ok(html.includes('<style>a{}</style>\n<style>b{}</style>\n<script type="application/json" id="kenshu-courses">{"a.toml":"title = \\"\\u003c/script>$&\\""}</script>\n<script type="module">run();</script>\n</head>\n<body>\n<div id="boot">'));
  assert.ok(html.includes('読み込んでいます…</p><section>courses</section></main>\n  </div>\n</body>\n</html>\n'));
});

test('a CSP and a data block render exactly', () => {
  assert.equal(cspText({ a: ["'self'"], b: ['x', 'y'] }), "a 'self'; b x y");
  assert.equal(dataBlock('i', { k: '<\u2028' }), '<script type="application/json" id="i">{"k":"\\u003c\\u2028"}</script>');
});
