// The one page model of every variant's index.html (site, SCORM package,
// with or without reporting, and the single file). Trunk's output is read
// once into named slots; each build step changes slots, never the page's
// text, and renderPage writes the page. A step that starts from a built
// folder (configure-reporting.mjs, build-scorm.mjs) reads the page back
// with readPage, which parses only what renderPage writes and refuses
// anything that would not render back to the same bytes.
//
// Nothing here is read for `$` patterns: every value is put in as it is.
//
// The site page, slot by slot:
//   top             Trunk's text through <meta charset="utf-8">
//   csp             the Content-Security-Policy as data: { directive: [source, …] }
//   importMap       an import map ({ imports: { specifier: url } }), allowed by its hash in the CSP
//   head            Trunk's head from there to its loader (metas, title, icon, styles)
//   loader          the loader file (post-build moves Trunk's inline loader there)
//   afterLoader     Trunk's text between its loader and the preload links
//   preloads        the modulepreload/preload links, each an ordered list of attributes
//   webManifest     the web app manifest link
//   serviceWorker   the script that registers sw.js (left out of the SCORM package)
//   reporting       a deployment's reporting settings (a JSON data block)
//   scormLaunch     the SCORM package's launch script (with its marker)
//   body / boot     the body, and the course list shown while the app loads
// The ids of the marker and the data blocks are the app's (the build
// manifest's `ids`, from quiz_core::release); a page keeps them as `ids`.

import { createHash } from 'node:crypto';

const LOADING = '<p class="boot__loading">';

/** The site's CSP (post-build.mjs): own files only, wasm allowed to compile. */
export const SITE_CSP = Object.freeze({
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'manifest-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
});

/** A CSP as the meta element's content: `name source …; …`. */
export function cspText(csp) {
  return Object.entries(csp).map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

function parseCsp(text) {
  return Object.fromEntries(text.split('; ').map((d) => {
    const [name, ...sources] = d.split(' ');
    return [name, sources];
  }));
}

/**
 * JSON as the text of a data block (`<script type="application/json">`,
 * never run): `<` escaped so no value can close the element or open a
 * comment, U+2028 and U+2029 escaped too.
 */
export function dataJson(value) {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A data block element. */
export function dataBlock(id, value) {
  return `<script type="application/json" id="${id}">${dataJson(value)}</script>`;
}

const attrs = (list) => list.map(([k, v]) => (v === null ? ` ${k}` : ` ${k}="${v}"`)).join('');

function parseAttrs(text) {
  return [...text.matchAll(/\s([a-z-]+)(?:="([^"]*)")?/g)].map(([, k, v]) => [k, v ?? null]);
}

/** The attribute `name` of a preload link's attribute list. */
export const attr = (link, name) => link.find(([k]) => k === name)?.[1];

/** Sets (or adds) the attribute `name` of a preload link. */
export function setAttr(link, name, value) {
  const at = link.findIndex(([k]) => k === name);
  if (at >= 0) link[at] = [name, value];
  else link.push([name, value]);
}

function fail(what, text) {
  throw new Error(`build: the page: ${what}${text === undefined ? '' : ` (near ${JSON.stringify(text.slice(0, 80))})`}`);
}

function splitBody(body) {
  const at = body.indexOf(LOADING);
  if (at < 0) fail('no loading paragraph (class boot__loading) for the course list', body);
  const end = body.indexOf('</p>', at) + '</p>'.length;
  const main = body.indexOf('</main>', end);
  if (main < 0) fail('no </main> after the loading paragraph', body);
  return { body: body.slice(0, end) + '\0' + body.slice(main), boot: body.slice(end, main) };
}

/**
 * The page model of Trunk's release output (its inline loader in `inlineLoader`,
 * for post-build.mjs to move to a file).
 */
export function fromTrunk(html, ids) {
  const m = html.match(/^([\s\S]*?<meta charset="utf-8">)([\s\S]*?)<script type="module">([\s\S]*?)<\/script>([\s\S]*?)((?:<link [^>]*>)*)<\/head>([\s\S]*)$/);
  if (!m) fail("Trunk's output has not the expected head (charset, inline loader, preload links)", html);
  const [, top, head, inlineLoader, afterLoader, links, body] = m;
  return {
    ids,
    top,
    csp: null,
    importMap: null,
    head,
    inlineLoader,
    loader: null,
    afterLoader,
    preloads: [...links.matchAll(/<link([^>]*)>/g)].map(([, a]) => parseAttrs(a)),
    webManifest: null,
    serviceWorker: null,
    reporting: undefined,
    scormLaunch: null,
    ...splitBody(body),
  };
}

/** The page's text. */
export function renderPage(page) {
  if (page.inlineLoader !== undefined && page.loader === null) fail('the loader is still inline; move it to a file first');
  const extras = [
    page.webManifest && `<link rel="manifest" href="${page.webManifest}">`,
    page.serviceWorker && `<script type="module" src="${page.serviceWorker}"></script>`,
    page.reporting !== undefined && dataBlock(page.ids.reporting_block, page.reporting),
    page.scormLaunch && `<meta name="${page.ids.scorm_marker}" id="${page.ids.scorm_marker}" content="SCORM 1.2">`,
    page.scormLaunch && `<script src="${page.scormLaunch}"></script>`,
  ].filter(Boolean);
  return page.top
    + (page.csp ? `\n  <meta http-equiv="Content-Security-Policy" content="${cspText(page.csp)}">` : '')
    + (page.importMap ? `\n  <script type="importmap">${dataJson(page.importMap)}</script>` : '')
    + page.head
    + `<script type="module" src="${page.loader}"></script>`
    + page.afterLoader
    + page.preloads.map((link) => `<link${attrs(link)}>`).join('')
    + extras.map((e) => `${e}\n`).join('')
    + '</head>'
    + page.body.replace('\0', () => page.boot);
}

/**
 * The page model of a page renderPage wrote (a built folder's index.html).
 * Throws when the page is not one it wrote: a step never edits a page it
 * cannot read whole.
 */
export function readPage(html, ids) {
  let at = 0;
  const take = (re, what) => {
    re.lastIndex = at;
    const m = re.exec(html);
    if (!m) fail(what, html.slice(at));
    at = re.lastIndex;
    return m;
  };
  const optional = (re) => {
    re.lastIndex = at;
    const m = re.exec(html);
    if (m) at = re.lastIndex;
    return m;
  };
  const [, top] = take(/([\s\S]*?<meta charset="utf-8">)/y, 'no charset');
  const csp = optional(/\n {2}<meta http-equiv="Content-Security-Policy" content="([^"]*)">/y);
  const importMap = optional(/\n {2}<script type="importmap">([^<]*)<\/script>/y);
  const [, head, loader, afterLoader] = take(/([\s\S]*?)<script type="module" src="([^"]+)"><\/script>([\s\S]*?)(?=<link rel="(?:modulepreload|preload)")/y, 'no external loader and preload links (a release build?)');
  const preloads = [];
  for (let link; (link = optional(/<link( rel="(?:modulepreload|preload)"[^>]*)>/y));) preloads.push(parseAttrs(link[1]));
  const webManifest = optional(/<link rel="manifest" href="([^"]+)">\n/y)?.[1] ?? null;
  const serviceWorker = optional(/<script type="module" src="([^"]+)"><\/script>\n/y)?.[1] ?? null;
  const block = optional(new RegExp(`<script type="application/json" id="${ids.reporting_block}">([^<]*)</script>\\n`, 'y'));
  const marker = optional(new RegExp(`<meta name="${ids.scorm_marker}" id="${ids.scorm_marker}" content="SCORM 1.2">\\n<script src="([^"]+)"></script>\\n`, 'y'));
  take(/<\/head>/y, 'no </head> after the known head elements');
  const page = {
    ids,
    top,
    csp: csp ? parseCsp(csp[1]) : null,
    importMap: importMap ? JSON.parse(importMap[1]) : null,
    head,
    loader,
    afterLoader,
    preloads,
    webManifest,
    serviceWorker,
    reporting: block ? JSON.parse(block[1]) : undefined,
    scormLaunch: marker?.[1] ?? null,
    ...splitBody(html.slice(at)),
  };
  if (renderPage(page) !== html) fail('the page would not render back as it is; nothing changed');
  return page;
}

/**
 * The hash source that lets the page's import map run under a CSP without
 * 'unsafe-inline' (import maps are inline scripts to the CSP).
 */
export function importMapHash(page) {
  if (!page.importMap) return null;
  return `'sha256-${createHash('sha256').update(dataJson(page.importMap), 'utf8').digest('base64')}'`;
}

/** The stylesheet and icon files of the page's head (Trunk's links). */
export function headFiles(page) {
  return {
    styles: [...page.head.matchAll(/<link rel="stylesheet" href="\.\/([^"]+)"/g)].map((m) => m[1]),
    icon: page.head.match(/<link rel="icon" href="\.\/([^"]+)"/)?.[1] ?? fail('no icon in the head'),
    title: page.head.match(/<title>([^<]*)<\/title>/)?.[1] ?? fail('no title in the head'),
    lang: page.top.match(/<html lang="([^"]+)">/)?.[1] ?? fail('no lang'),
  };
}

/**
 * The single file's page (build-single.mjs): everything inline, allowed by
 * hashes in the CSP; `dataBlocks` are [id, value] pairs.
 */
export function renderSinglePage({ lang, title, csp, icon, styles, dataBlocks, script, body }) {
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${cspText(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
<link rel="icon" href="${icon}">
${styles.map((s) => `<style>${s}</style>`).join('\n')}
${dataBlocks.map(([id, value]) => dataBlock(id, value)).join('\n')}
<script type="module">${script}</script>
</head>
<body>
${body}
</body>
</html>
`;
}

/** The body's inner text with the course list in its slot (for the single file). */
export function bodyInner(page) {
  const body = page.body.replace('\0', () => page.boot);
  const m = body.match(/<body>([\s\S]*)<\/body>/);
  if (!m) fail('no body', body);
  return m[1].trim();
}
