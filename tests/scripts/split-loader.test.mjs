// The split loader (scripts/lib/split-loader.mjs) in a stub browser: pack
// parsing, a pack that fails falls back to the files, a chunk that cannot
// be fetched waits until the app says try again, a deep link's prefetch;
// and the build's reading of wasm-split's generated loader as a table
// (scripts/split-wasm.mjs) (node --test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPack, splitLoader } from '../../scripts/lib/split-loader.mjs';
import { readSplitTable, loaderSource, loaderConfig } from '../../scripts/split-wasm.mjs';
import { minifyModule } from '../../scripts/lib/minify.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const IDS = { scorm_marker: 'kenshu-scorm', code_missing_event: 'kenshu-code-missing', retry_code: 'kenshuRetryCode' };
const DEEP_LINKS = [
  { screen: 'attempt', path: ['course', ':id', 'attempt'], split_points: ['attempt_screen_view', 'read_compiled'], reads: 'one' },
  { screen: 'review', path: ['review'], split_points: ['review_screen_view', 'read_compiled'], reads: 'all' },
  { screen: 'trainer', path: ['trainer'], split_points: ['trainer_screen_view'], reads: 'none' },
];
const TABLE = {
  shared: ['memory', '__indirect_function_table'],
  chunks: { __chunk_1: 'chunk_1-h.wasm', __chunk_2: 'chunk_2-h.wasm', __chunk_3: 'chunk_3-h.wasm' },
  points: {
    attempt_screen_view_11: { file: 'split_attempt-h.wasm', deps: ['__chunk_1', '__chunk_2', '__chunk_3'] },
    read_compiled_22: { file: 'split_read-h.wasm', deps: ['__chunk_1'] },
    review_screen_view_44: { file: 'split_review-h.wasm', deps: [] },
    trainer_screen_view_33: { file: 'split_trainer-h.wasm', deps: [] },
  },
};

/** A pack of `files` ([name, bytes]) as split-wasm.mjs writes it. */
function pack(files) {
  const header = Buffer.from(JSON.stringify(files.map(([f, b]) => [f, b.length])));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const all = Buffer.concat([length, header, ...files.map(([, b]) => b)]);
  return all.buffer.slice(all.byteOffset, all.byteOffset + all.length);
}

/** A stub browser: files served (a missing one is a network error), what was fetched, compiled, told and answered. */
function browser({ files = {}, hash = '', controller = null, scorm = false } = {}) {
  const log = { fetched: [], compiled: [], instantiated: [], events: [], answers: [], preloads: [] };
  const env = {
    files,
    location: { hash },
    navigator: { serviceWorker: { controller } },
    console: { warn() {}, error() {} },
    dispatchEvent: (e) => log.events.push(e.type),
    document: {
      getElementById: (id) => (scorm && id === IDS.scorm_marker ? {} : null),
      createElement: () => ({}),
      head: { append: (link) => log.preloads.push(link.href) },
    },
    fetch(url) {
      const file = url.pathname.split('/').pop();
      log.fetched.push(file);
      const body = env.files[file];
      if (body === undefined) return Promise.reject(new TypeError('Failed to fetch'));
      if (body === 404) return Promise.resolve({ ok: false, status: 404 });
      return Promise.resolve({ ok: true, status: 200, file, arrayBuffer: async () => body });
    },
    WebAssembly: {
      async instantiateStreaming(src) {
        const r = await src;
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        log.instantiated.push(r.file);
        return {};
      },
      async compile(bytes) {
        log.compiled.push(Buffer.from(bytes).toString());
        return { bytes };
      },
      async instantiate(module) {
        log.instantiated.push(`pack:${Buffer.from(module.bytes).toString()}`);
        return {};
      },
    },
  };
  const initSync = () => ({ memory: {}, __indirect_function_table: { get: (i) => (data, ok) => log.answers.push([i, data, ok]) } });
  const loader = splitLoader('https://site.example/app/', initSync, { table: TABLE, deepLinks: DEEP_LINKS, courses: { a: 'courses/a.course.json?v=1', b: 'courses/b.course.json?v=2' }, ids: IDS, hash: 'h', precachedPacks: ['attempt'] }, env);
  return { env, log, loader };
}

const allFiles = () => Object.fromEntries([...Object.values(TABLE.chunks), ...Object.values(TABLE.points).map((p) => p.file)].map((f) => [f, Buffer.from(f)]));
const settle = () => new Promise((r) => setTimeout(r, 5));

test('a pack reads back as its files; one cut short or too long is refused', () => {
  const b = pack([['a.wasm', Buffer.from('AAA')], ['b.wasm', Buffer.from('BB')]]);
  const files = readPack(b);
  assert.deepEqual([...files.keys()], ['a.wasm', 'b.wasm']);
  const [at, size] = files.get('b.wasm');
  assert.equal(Buffer.from(b, at, size).toString(), 'BB');
  assert.throws(() => readPack(b.slice(0, b.byteLength - 1), 'p'), /p: \d+ bytes, not \d+/);
  assert.throws(() => readPack(pack([['a.wasm', Buffer.from('A')]]).slice(0, 6)));
  const longer = new Uint8Array(b.byteLength + 1);
  longer.set(new Uint8Array(b));
  assert.throws(() => readPack(longer.buffer));
});

test('a split point on a first visit takes its chunks from its pack, compiled from the pack, nothing fetched twice', async () => {
  const { env, log, loader } = browser();
  env.files = allFiles();
  const point = TABLE.points.attempt_screen_view_11;
  env.files['pack_attempt_screen_view-h.bin'] = pack([...point.deps.map((d) => TABLE.chunks[d]), point.file].map((f) => [f, Buffer.from(f)]));
  await loader.point('attempt_screen_view_11')(7, 'cb');
  assert.deepEqual(log.fetched, ['pack_attempt_screen_view-h.bin']);
  assert.deepEqual(log.compiled.sort(), ['chunk_1-h.wasm', 'chunk_2-h.wasm', 'chunk_3-h.wasm', 'split_attempt-h.wasm']);
  assert.deepEqual(log.answers, [[7, 'cb', true]]);
});

test('a pack that fails, or lacks a file, falls back to fetching each file', async () => {
  for (const broken of [404, undefined, 'short']) {
    const { env, log, loader } = browser();
    env.files = allFiles();
    if (broken === 'short') env.files['pack_attempt_screen_view-h.bin'] = pack([['chunk_1-h.wasm', Buffer.from('chunk_1-h.wasm')]]);
    else if (broken === 404) env.files['pack_attempt_screen_view-h.bin'] = 404;
    await loader.point('attempt_screen_view_11')(1, 'd');
    assert.deepEqual(log.answers, [[1, 'd', true]], String(broken));
    const fetchedFiles = log.fetched.filter((f) => f.endsWith('.wasm')).sort();
    const expected = broken === 'short' ? ['chunk_2-h.wasm', 'chunk_3-h.wasm', 'split_attempt-h.wasm'] : ['chunk_1-h.wasm', 'chunk_2-h.wasm', 'chunk_3-h.wasm', 'split_attempt-h.wasm'];
    assert.deepEqual(fetchedFiles, expected, String(broken));
  }
});

test('a chunk that cannot be fetched makes the load wait and tell the page; trying again loads it and answers once', async () => {
  const { env, log, loader } = browser();
  env.files = allFiles();
  delete env.files['split_review-h.wasm'];
  const done = loader.point('review_screen_view_44')(3, 'r');
  await settle();
  assert.deepEqual(log.events, ['kenshu-code-missing']);
  assert.deepEqual(log.answers, [], 'no answer while the code is missing: the app waits');
  env.files['split_review-h.wasm'] = Buffer.from('x');
  env.kenshuRetryCode();
  await done;
  assert.deepEqual(log.answers, [[3, 'r', true]]);
  assert.equal(log.fetched.filter((f) => f === 'split_review-h.wasm').length, 2);
});

test('a deep link fetches its route pack and its course file at once; the trainer reads no course; home nothing', async () => {
  const { log, loader } = browser({ hash: '#/course/b/attempt' });
  loader.start();
  await settle();
  assert.ok(log.fetched.includes('pack_attempt-h.bin'));
  assert.deepEqual(log.preloads, ['courses/b.course.json?v=2']);
  for (const [hash, pack, preloads] of [['#/trainer', 'pack_trainer-h.bin', []], ['#/review', 'pack_review-h.bin', ['courses/a.course.json?v=1', 'courses/b.course.json?v=2']]]) {
    const b = browser({ hash });
    b.loader.start();
    assert.ok(b.log.fetched.includes(pack), hash);
    assert.deepEqual(b.log.preloads, preloads, hash);
  }
  for (const hash of ['', '#/', '#/course/b/attempt/x', '#/nowhere']) {
    const b = browser({ hash });
    b.loader.start();
    assert.deepEqual([b.log.fetched, b.log.preloads], [[], []], hash);
  }
});

test('under a service worker only the kept packs are fetched; the SCORM package takes no pack', async () => {
  const kept = browser({ hash: '#/review', controller: {} });
  kept.loader.start();
  assert.ok(!kept.log.fetched.some((f) => f.startsWith('pack_')));
  const scorm = browser({ hash: '#/course/a/attempt', scorm: true });
  scorm.loader.start();
  assert.ok(!scorm.log.fetched.some((f) => f.startsWith('pack_')));
  assert.ok(scorm.log.fetched.includes('split_attempt-h.wasm'), 'the files are prefetched instead');
});

test("the build reads wasm-split's generated loader as a table and writes a loader that exports every split point", () => {
  const table = readSplitTable(readFileSync(join(here, 'fixtures', '__wasm_split.js'), 'utf8'));
  assert.deepEqual(table.shared, ['memory', '__indirect_function_table', '__wasm_split_shared0']);
  assert.deepEqual(table.chunks, { __chunk_1: 'chunk_1.wasm', __chunk_2: 'chunk_2.wasm', __chunk_3: 'chunk_3.wasm' });
  assert.deepEqual(table.points.attempt_screen_view_11, { file: 'split_attempt_screen_view_11.wasm', deps: ['__chunk_1', '__chunk_2', '__chunk_3'] });
  const source = loaderSource({ glueFile: 'kenshu-h.js', table, hash: 'h', manifest: { courses: [{ id: 'a', compiled: 'a.course.json', compiled_digest: '1' }], deep_links: DEEP_LINKS, ids: IDS } });
  assert.ok(source.startsWith('import { initSync } from "./kenshu-h.js";\n'));
  for (const p of Object.keys(table.points)) assert.ok(source.includes(`export const __wasm_split_load_${p} = split.point("${p}");`), p);
  assert.ok(source.trimEnd().endsWith('split.start();'));
});

test('the loader as written (minified) keeps every exported split point, and its data reads back', async () => {
  const table = readSplitTable(readFileSync(join(here, 'fixtures', '__wasm_split.js'), 'utf8'));
  const manifest = { courses: [{ id: 'a', compiled: "a'b.course.json", compiled_digest: '1' }], deep_links: DEEP_LINKS, ids: IDS };
  const source = loaderSource({ glueFile: 'kenshu-h.js', table, hash: 'h', manifest });
  const minified = await minifyModule(source, 'the loader');
  assert.ok(minified.length < source.length * 0.8, `${minified.length} of ${source.length}`);
  assert.match(minified, /from\s*"\.\/kenshu-h\.js"/);
  for (const p of Object.keys(table.points)) assert.match(minified, new RegExp(`__wasm_split_load_${p}\\b`), p);
  for (const text of [source, minified]) {
    const config = loaderConfig(text);
    assert.deepEqual(config.table, table);
    assert.deepEqual(config.courses, { a: "courses/a'b.course.json?v=1" });
    assert.equal(config.hash, 'h');
  }
});

test("a generated loader of another protocol, or with a line the build does not read, stops the build", () => {
  const good = readFileSync(join(here, 'fixtures', '__wasm_split.js'), 'utf8');
  assert.throws(() => readSplitTable(good.replace('success = true;', 'success = 1;')), /not the protocol/);
  assert.throws(() => readSplitTable(`${good}console.log(1);\n`), /a line this build does not read/);
  assert.throws(() => readSplitTable(good.replace('[__chunk_1]', '[__chunk_9]')), /unknown chunk __chunk_9/);
});
