// Splits the release wasm into the main module and lazily loaded chunks
// (the screens a first visit does not need; see `deferred!` in
// src/ui/mod.rs), for scripts/post-build.mjs. Trunk cannot split, so this
// runs the same steps as cargo-leptos' `--split` on Trunk's cargo output and
// puts the result in place of Trunk's glue and wasm:
//   wasm-split-cli → wasm-bindgen (--keep-lld-exports) → wasm-opt -Oz each.
// The chunks and their loader are named with the build's hash, so a cache
// never mixes two releases.
//
// wasm-split-cli also writes a loader (`__wasm_split.js`). It is read here
// as data only: its table of files and dependencies (readSplitTable). The
// loader the app runs is scripts/lib/split-loader.mjs (retry, packs, the
// deep link's prefetch), followed by that table and one export per split
// point; the build stops if wasm-split's protocol is not the one that
// module implements.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync, rmSync, mkdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { attr, setAttr } from './lib/page.mjs';
import { minifyModule } from './lib/minify.mjs';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });

/** How wasm-bindgen's glue imports wasm-split's loader. */
const SPLIT_SPECIFIER = './__wasm_split.js';

// The packs a service worker keeps (service-worker.mjs): the screens a link
// in an email or a bookmark opens, so a returning learner's deep link opens
// from one cached file rather than dozens. The others would repeat what is
// already kept file by file, for a deep link that is rare.
export const PRECACHED_PACKS = ['course', 'attempt'];

// wasm-split-cli 0.2.3's loader before its table (the shared exports'
// names left out): the protocol scripts/lib/split-loader.mjs implements
// (shared imports from the main module's initSync, a load memoized on
// success, the answer through the function table). Another protocol stops
// the build here rather than in a learner's browser.
const PROTOCOL_SHA256 = '6f87405987853048d62c0e2812aed4a0f099eded9ab1306396a2ac0f4333a319';

/**
 * The table of wasm-split's generated loader: the main module's exports each
 * chunk imports (`shared`), each chunk's file (`chunks`, name → file) and
 * each split point's file and chunks (`points`, `<point>_<n>` → { file,
 * deps }). Throws when the loader holds anything else.
 */
export function readSplitTable(source) {
  const start = source.search(/^(\/\*|const __chunk_|export const )/m);
  if (start < 0) throw new Error('build: the split loader has no table');
  const prologue = source.slice(0, start);
  const shared = prologue.match(/const \{ ([A-Za-z0-9_, ]*) \} = initSync\(undefined, undefined\);/);
  const normal = prologue
    .replace(/const \{ ([A-Za-z0-9_, ]*) \} = initSync/, 'const { SHARED } = initSync')
    .replace(/Object\.assign\(sharedImports\.__wasm_split, \{ ([A-Za-z0-9_, ]*) \}\)/, 'Object.assign(sharedImports.__wasm_split, { SHARED })');
  const digest = createHash('sha256').update(normal).digest('hex');
  if (!shared || digest !== PROTOCOL_SHA256) {
    throw new Error(`build: wasm-split's loader is not the protocol scripts/lib/split-loader.mjs implements (sha256 ${digest}); compare its start with that module`);
  }
  const fetchOf = String.raw`makeLoad\(\(\) => \{\n    const src = fetch\(new URL\("\./([^"]+)", import\.meta\.url\)\);\n    return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);\n\}\n, \[([^\]]*)\]\)`;
  const entry = new RegExp(String.raw`^/\*[^\n]*\*/\n|^const (__chunk_\d+) = ${fetchOf};\n|^export const __wasm_split_load_([A-Za-z0-9_]+) = wrapAsyncCb\(${fetchOf}\);\n`, 'my');
  const names = (list) => list.split(',').map((d) => d.trim()).filter(Boolean);
  const table = { shared: names(shared[1]), chunks: {}, points: {} };
  let at = start;
  while (at < source.length) {
    entry.lastIndex = at;
    const m = entry.exec(source);
    if (!m) throw new Error(`build: the split loader has a line this build does not read: ${JSON.stringify(source.slice(at, at + 120))}`);
    if (m[1]) {
      if (names(m[3]).length) throw new Error(`build: chunk ${m[1]} has dependencies, which the split loader does not take`);
      table.chunks[m[1]] = m[2];
    } else if (m[4]) {
      table.points[m[4]] = { file: m[5], deps: names(m[6]) };
    }
    at = entry.lastIndex;
  }
  for (const { deps } of Object.values(table.points)) {
    for (const d of deps) if (!table.chunks[d]) throw new Error(`build: the split loader names an unknown chunk ${d}`);
  }
  return table;
}

/** The table with every file named with the build's hash. */
function hashed(table, hash) {
  const name = (file) => file.replace(/\.wasm$/, `-${hash}.wasm`);
  return {
    shared: table.shared,
    chunks: Object.fromEntries(Object.entries(table.chunks).map(([k, f]) => [k, name(f)])),
    points: Object.fromEntries(Object.entries(table.points).map(([k, { file, deps }]) => [k, { file: name(file), deps }])),
  };
}

// Its comment lines are left out (the first load carries every byte).
const runtime = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'lib', 'split-loader.mjs'), 'utf8')
  .split('\n')
  .filter((line) => !/^\s*(\/\/|\/\*\*|\*\/|\*(\s|$))/.test(line))
  .join('\n');

/** The build's data in a split loader's text (minified or not), as splitLoader gets it. */
export function loaderConfig(loader) {
  const at = loader.indexOf('JSON.parse(', loader.indexOf('import.meta.url')) + 'JSON.parse('.length;
  const quote = loader[at];
  if (quote !== '"' && quote !== "'") throw new Error('build: no JSON data in the split loader');
  let end = at + 1;
  while (end < loader.length && loader[end] !== quote) end += loader[end] === '\\' ? 2 : 1;
  // A string literal of JSON text, read as JavaScript reads it.
  return JSON.parse(new Function(`return ${loader.slice(at, end + 1)};`)());
}

/**
 * The split loader the app runs: scripts/lib/split-loader.mjs as it is,
 * then this build's data and one export per split point.
 */
export function loaderSource({ glueFile, table, hash, manifest }) {
  // Each course's compiled file, named by its digest (`?v=`: a cache never
  // mixes two versions).
  const courses = Object.fromEntries(manifest.courses.map((c) => [c.id, `courses/${c.compiled}?v=${c.compiled_digest}`]));
  const config = { table, deepLinks: manifest.deep_links, courses, ids: manifest.ids, hash, precachedPacks: PRECACHED_PACKS };
  return `import { initSync } from "./${glueFile}";
${runtime}
// This build's table (from wasm-split's loader) and manifest (scripts/split-wasm.mjs),
// as a JSON string: data a minifier leaves as it is, and a report can read back.
const split = splitLoader(import.meta.url, initSync, JSON.parse(${JSON.stringify(JSON.stringify(config))}));
${Object.keys(table.points).map((p) => `export const __wasm_split_load_${p} = split.point(${JSON.stringify(p)});`).join('\n')}
split.start();
`;
}

/**
 * Splits when the cargo output has split points; returns the chunk names.
 * `page` is the page model (scripts/lib/page.mjs): its preload links get
 * the new files' integrity hashes and the split loader's; `manifest` is the
 * build manifest (its deep links and courses).
 */
export async function splitWasm(dir, page, manifest) {
  const links = page.preloads;
  const glueLink = links.find((l) => attr(l, 'rel') === 'modulepreload' && /^\.\/kenshu-[0-9a-f]+\.js$/.test(attr(l, 'href')));
  if (!glueLink) throw new Error("build: the app's glue file is not among the page's modulepreload links");
  const [, glueFile, hash] = attr(glueLink, 'href').match(/^\.\/(kenshu-([0-9a-f]+)\.js)$/);
  const wasmFile = glueFile.replace(/\.js$/, '_bg.wasm');
  const input = join(process.env.CARGO_TARGET_DIR ?? 'target', 'wasm32-unknown-unknown', 'release', 'kenshu.wasm');
  // A build without split points (KENSHU_SPLIT=0) has nothing to split.
  if (!readFileSync(input).includes('__wasm_split_placeholder__')) return [];

  const work = join(process.env.CARGO_TARGET_DIR ?? 'target', 'wasm-split');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  run('wasm-split-cli', [input, work, '--out-name', 'kenshu']);
  run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-demangle', '--out-dir', join(work, 'bindgen'), join(work, 'kenshu.wasm')]);
  const optimize = (from, to) => run('wasm-opt', ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', from, '-o', to]);

  const loaderFile = `__wasm_split-${hash}.js`;
  const table = hashed(readSplitTable(readFileSync(join(work, '__wasm_split.js'), 'utf8')), hash);
  for (const point of new Set(manifest.deep_links.flatMap((l) => l.split_points))) {
    if (!Object.keys(table.points).some((p) => p.replace(/_\d+$/, '') === point)) throw new Error(`build: the split point ${point} is not in the split loader`);
  }
  const renamed = [];
  for (const chunk of readdirSync(work).filter((f) => f.endsWith('.wasm') && f !== 'kenshu.wasm')) {
    const name = chunk.replace(/\.wasm$/, `-${hash}.wasm`);
    optimize(join(work, chunk), join(dir, name));
    renamed.push(name);
  }
  // Both written minified (scripts/lib/minify.mjs): they are in every first load.
  writeFileSync(join(dir, loaderFile), await minifyModule(loaderSource({ glueFile, table, hash, manifest }), loaderFile));
  writePacks(table, dir, hash, manifest.deep_links);
  // The glue imports the split loader by the name wasm-bindgen gave it
  // (`./__wasm_split.js`); the file has the build's hash. The page's import
  // map points that name at the file, so the glue is written as generated.
  const bindgen = readFileSync(join(work, 'bindgen', 'kenshu.js'), 'utf8');
  if (!bindgen.includes(`from "${SPLIT_SPECIFIER}"`)) throw new Error(`build: the glue does not import the split loader as ${SPLIT_SPECIFIER}`);
  writeFileSync(join(dir, glueFile), await minifyModule(bindgen, glueFile));
  page.importMap = { imports: { [SPLIT_SPECIFIER]: `./${loaderFile}` } };
  optimize(join(work, 'bindgen', 'kenshu_bg.wasm'), join(dir, wasmFile));

  // Trunk's subresource-integrity hashes were for the files just replaced.
  const sri = (file) => `sha384-${createHash('sha384').update(readFileSync(join(dir, file))).digest('base64')}`;
  for (const file of [glueFile, wasmFile]) {
    const link = links.find((l) => attr(l, 'href') === `./${file}`);
    if (!link) throw new Error(`build: no preload link for ${file}`);
    setAttr(link, 'integrity', sri(file));
  }
  // The split loader is imported by the glue: fetched with it, not after
  // it, as it starts a deep link's fetches.
  links.splice(links.indexOf(glueLink) + 1, 0, [['rel', 'modulepreload'], ['href', `./${loaderFile}`], ['crossorigin', 'anonymous'], ['integrity', sri(loaderFile)]]);
  return [loaderFile, ...renamed];
}

/**
 * Writes the packs (format in scripts/lib/split-loader.mjs): one per split
 * point, with the chunks it needs (`pack_<point>-<hash>.bin`, taken when the
 * app first needs that code), and one per deep link's screen: its split
 * points' chunks (`pack_<screen>-<hash>.bin`, fetched with the main module on
 * a first visit's deep link). Dozens of requests of under 1 KB, each a round
 * trip on a slow line, become one.
 */
export function writePacks(table, dir, hash, deepLinks) {
  const points = new Map(Object.entries(table.points).map(([name, { file, deps }]) => [name.replace(/_\d+$/, ''), [...deps.map((d) => table.chunks[d]), file]]));
  const write = (name, files) => {
    const parts = [...new Set(files)].map((f) => [f, statSync(join(dir, f)).size]);
    const header = Buffer.from(JSON.stringify(parts));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(header.length);
    writeFileSync(join(dir, `pack_${name}-${hash}.bin`), Buffer.concat([length, header, ...parts.map(([f]) => readFileSync(join(dir, f)))]));
  };
  for (const [point, files] of points) write(point, files);
  for (const { screen, split_points: wanted } of deepLinks) {
    write(screen, wanted.flatMap((point) => {
      if (!points.has(point)) throw new Error(`build: the split point ${point} is not in the split loader`);
      return points.get(point);
    }));
  }
}
