// Splits the release wasm into the main module and lazily loaded chunks
// (the screens a first visit does not need; see `deferred!` in
// src/ui/mod.rs), for scripts/post-build.mjs. Trunk cannot split, so this
// runs the same steps as cargo-leptos' `--split` on Trunk's cargo output and
// puts the result in place of Trunk's glue and wasm:
//   wasm-split-cli → wasm-bindgen (--keep-lld-exports) → wasm-opt -Oz each.
// The chunks and their loader are named with the build's hash, so a cache
// never mixes two releases.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync, rmSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { mustMatch, mustReplace, mustReplaceAll } from './must.mjs';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });

/** Splits when the cargo output has split points; returns the chunk names. */
export function splitWasm(dir) {
  const indexPath = join(dir, 'index.html');
  let html = readFileSync(indexPath, 'utf8');
  const glueName = mustMatch(html, /href="\.\/(kenshu-([0-9a-f]+)\.js)"/, "the app's glue file in index.html");
  const [, glueFile, hash] = glueName;
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
  const chunks = readdirSync(work).filter((f) => f.endsWith('.wasm') && f !== 'kenshu.wasm');
  let loader = mustReplace(readFileSync(join(work, '__wasm_split.js'), 'utf8'), '"./kenshu.js"', `"./${glueFile}"`, 'pointing the split loader at the glue');
  loader = waitWhenMissing(loader);
  const renamed = [];
  for (const chunk of chunks) {
    const name = chunk.replace(/\.wasm$/, `-${hash}.wasm`);
    loader = mustReplaceAll(loader, `"./${chunk}"`, `"./${name}"`, `renaming chunk ${chunk}`);
    optimize(join(work, chunk), join(dir, name));
    renamed.push(name);
  }
  writeFileSync(join(dir, loaderFile), prefetchForAddress(loader, dir, loaderFile));
  // Only the import statement: the imports object keeps the module name the
  // wasm asks for.
  const glue = mustReplaceAll(readFileSync(join(work, 'bindgen', 'kenshu.js'), 'utf8'), 'from "./__wasm_split.js"', `from "./${loaderFile}"`, 'pointing the glue at the split loader');
  writeFileSync(join(dir, glueFile), glue);
  optimize(join(work, 'bindgen', 'kenshu_bg.wasm'), join(dir, wasmFile));

  // Trunk's subresource-integrity hashes were for the files just replaced.
  const sri = (file) => `sha384-${createHash('sha384').update(readFileSync(join(dir, file))).digest('base64')}`;
  for (const file of [glueFile, wasmFile]) {
    html = mustReplace(html, new RegExp(`(href="\\./${file}"[^>]*integrity=")[^"]*"`), (_, head) => `${head}${sri(file)}"`, `the integrity hash of ${file}`);
  }
  // The split loader is imported by the glue: fetched with it, not after
  // it, as it starts a deep link's fetches.
  html = mustReplace(
    html,
    new RegExp(`(<link rel="modulepreload" href="\\./${glueFile}"[^>]*>)`),
    (link) => `${link}<link rel="modulepreload" href="./${loaderFile}" crossorigin="anonymous" integrity="${sri(loaderFile)}">`,
    "the glue's modulepreload link",
  );
  writeFileSync(indexPath, html);
  return [loaderFile, ...renamed];
}

// A chunk that cannot be fetched (the network dropped before the service
// worker cached it, or a new release replaced the files on the server)
// must never reach the app as a failed load: the split point would panic
// and stop the app. The load waits instead, the page is told
// (`kenshu-code-missing`: the app shows a notice, `crash::CodeMissingNotice`)
// and every waiting load tries again when the app calls
// `window.kenshuRetryCode()` (the learner's "try again"). The loader keeps
// no failed load (it memoizes successes only), so a retry fetches anew.
const UNTIL_LOADED = `let waiting = [];
window.kenshuRetryCode = () => waiting.splice(0).forEach((retry) => retry());
async function untilLoaded(load) {
    for (;;) {
        try {
            return await load();
        } catch (e) {
            console.warn(e);
            await new Promise((retry) => {
                waiting.push(retry);
                window.dispatchEvent(new Event('kenshu-code-missing'));
            });
        }
    }
}
`;

export function waitWhenMissing(loader) {
  loader = mustReplace(loader, 'function wrapAsyncCb(callee) {', `${UNTIL_LOADED}function wrapAsyncCb(callee) {`, 'adding the wait for missing code to the split loader');
  loader = mustReplace(loader, '            await callee();\n', '            await untilLoaded(callee);\n', 'making chunk loads wait when the code is missing');
  // A chunk's own fetch is left unused when one it depends on fails first:
  // handled here, so it is no unhandled rejection (the load still fails).
  return mustReplaceAll(
    loader,
    '\n    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));',
    '\n    src.catch(() => {});\n    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));',
    'handling an unused chunk fetch',
  );
}

// A deep link (say `#/course/<id>/attempt` from an email) would otherwise
// wait for the main wasm, then the course file, then the course reader's
// chunks, then the screen's, one after another. The split loader is part of
// the first load and runs before the main wasm starts: from the page's
// address it fetches at once what that screen will need (its chunks, with
// `prefetch` on each load below, and the course files through a preload
// link), in parallel with the main wasm; the loads then use those fetches.
// A home-screen visit fetches nothing more. A route's screen (core/src/route.rs)
// is the split point `<route>_screen_view` (src/ui/mod.rs); all but the
// trainer's read courses (`read_compiled`, from `<stem>.course.json`).
const SCREENS = ['course', 'attempt', 'results', 'certificate', 'review', 'settings', 'trainer'];
// The packs a service worker keeps (service-worker.mjs): the screens a link
// in an email or a bookmark opens, so a returning learner's deep link opens
// from one cached file rather than dozens. The others would repeat what is
// already kept file by file, for a deep link that is rare.
export const PRECACHED_PACKS = ['course', 'attempt'];

// Packs (written by writePacks): a 4-byte little-endian header length, the
// header (JSON: each file's name and size, in order), then the files end to
// end. A pack that fails, is cut short or lacks a file leaves each load to
// fetch its own file. The parts are compiled as soon as the pack is in,
// while the main module may still be arriving.
const PACKS = `function unpack(file) {
    return fetch(new URL(\`./\${file}\`, import.meta.url))
        .then((r) => r.ok ? r.arrayBuffer() : Promise.reject(new Error(\`\${file}: HTTP \${r.status}\`)))
        .then((b) => {
            const length = b.byteLength >= 4 ? new DataView(b).getUint32(0, true) : 0;
            const parts = JSON.parse(new TextDecoder().decode(new Uint8Array(b, 4, Math.min(length, b.byteLength - 4))));
            const files = new Map();
            let at = 4 + length;
            for (const [name, size] of parts) {
                files.set(name, [at, size]);
                at += size;
            }
            if (at !== b.byteLength) throw new Error(\`\${file}: \${b.byteLength} bytes, not \${at}\`);
            return [b, files];
        });
}
const tree = (load) => [load, ...load.deps.flatMap(tree)];
function usePack(file, wanted) {
    // The SCORM package leaves the packs out (an LMS's upload limit; its
    // content is served near the learner): each load takes its own file.
    if (document.getElementById('kenshu-scorm')) return;
    const whole = unpack(file);
    whole.catch(() => {});
    for (const load of new Set(wanted)) {
        const part = whole.then(([b, files]) => {
            const [at, size] = files.get(load.file) ?? [];
            return size === undefined ? Promise.reject(new Error(\`\${file}: no \${load.file}\`)) : WebAssembly.compile(new Uint8Array(b, at, size));
        });
        part.catch(() => {});
        load.fromPack(part);
    }
}
function packFor(load) {
    const missing = tree(load).filter((l) => l.idle());
    if (!navigator.serviceWorker?.controller && missing.length > 2 && missing.length * 2 >= tree(load).length) {
        usePack(load.file.replace(/^split_(.+)_\\d+-([0-9a-f]+)\\.wasm$/, 'pack_$1-$2.bin'), missing);
    }
}
`;

/** FNV-1a 64 of the text's bytes, as `quiz_core::SourceFile::digest`. */
function digest(text) {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text, 'utf8')) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
  return hash.toString(16).padStart(16, '0');
}

export function prefetchForAddress(loader, dir, loaderFile) {
  for (const point of [...SCREENS.map((s) => `${s}_screen_view`), 'read_compiled']) {
    mustMatch(loader, new RegExp(`export const __wasm_split_load_${point}_\\d+ =`), `the split point ${point}`);
  }
  loader = mustReplace(
    loader,
    'function wrapAsyncCb(callee) {',
    `const loads = new Map();
const HASH = "${loaderFile.match(/-([0-9a-f]+)\.js$/)[1]}";
${PACKS}
function wrapAsyncCb(callee) {
    const load = wrapLoad(callee);
    loads.set(load, callee);
    return load;
}
function wrapLoad(callee) {`,
    'keeping each split point\'s load for prefetching',
  );
  loader = mustReplace(
    loader,
    'function makeLoad(fetcher, deps) {\n    const loader = async () => {\n        const parallelStuff = deps.map(d => d());\n        const instantiate = fetcher();\n',
    'function makeLoad(fetcher, deps) {\n    let early;\n    const loader = async () => {\n        const parallelStuff = deps.map(d => d());\n        const instantiate = early ?? fetcher();\n        early = undefined;\n',
    'letting a load use an early fetch',
  );
  loader = mustReplace(
    loader,
    '    let loadingModule = undefined;\n    return () => {\n',
    '    let loadingModule = undefined;\n    const load = () => {\n',
    'naming the memoized load',
  );
  loader = mustReplace(
    loader,
    '            loadingModule = thisLoad;\n        }\n        return loadingModule;\n    }\n}\n',
    `            loadingModule = thisLoad;
        }
        return loadingModule;
    };
    load.prefetch = () => {
        if (loadingModule === undefined && early === undefined) {
            const fetched = early = fetcher();
            const drop = () => { if (early === fetched) early = undefined; };
            fetched.src.then((r) => r.ok || drop(), drop);
        }
        deps.forEach((d) => d.prefetch());
    };
    return load;
}
`,
    'adding prefetch to each load',
  );
  // An early fetch that failed is dropped, so the load fetches anew.
  loader = mustReplaceAll(
    loader,
    '\n    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));',
    '\n    return Object.assign(async (imports) => (WebAssembly.instantiateStreaming(src, imports)), { src });',
    'keeping each chunk fetch with its instantiation',
  );
  // A split point's first load takes its files as one pack when most are
  // not here yet (in-app navigation on a first visit).
  loader = mustReplace(loader, '            await untilLoaded(callee);\n', '            packFor(callee);\n            await untilLoaded(callee);\n', 'taking a split point\'s pack');
  // Each load knows its file, so a pack can hand it its bytes.
  loader = mustReplaceAll(
    loader,
    /makeLoad\(\(\) => \{\n    const src = fetch\(new URL\("\.\/([^"]+)", import\.meta\.url\)\);/g,
    (_, file) => `makeLoad("${file}", () => {\n    const src = fetch(new URL("./${file}", import.meta.url));`,
    'naming the file of each load',
  );
  loader = mustReplace(loader, 'function makeLoad(fetcher, deps) {', 'const byFile = new Map();\nfunction makeLoad(file, fetcher, deps) {', 'taking the file name in makeLoad');
  loader = mustReplace(
    loader,
    '    load.prefetch = () => {',
    `    // The module comes with the route's pack (compiled as soon as it is
    // in, while the main module may still be on its way), or, should the
    // pack fail, is fetched on its own as any other load.
    load.fromPack = (part) => {
        if (loadingModule === undefined && early === undefined) {
            early = async (imports) => {
                let module;
                try {
                    module = await part;
                } catch (e) {
                    return fetcher()(imports);
                }
                return WebAssembly.instantiate(module, imports);
            };
        }
    };
    byFile.set(file, load);
    Object.assign(load, { file, deps, idle: () => loadingModule === undefined && early === undefined });
    load.prefetch = () => {`,
    'adding fromPack to each load',
  );
  writePacks(loader, dir, loaderFile);
  const courses = {};
  for (const name of readdirSync(join(dir, 'courses')).filter((f) => f.endsWith('.course.json')).sort()) {
    const text = readFileSync(join(dir, 'courses', name), 'utf8');
    courses[JSON.parse(text).course.id] = `courses/${name}?v=${digest(text)}`;
  }
  return `import * as self from "./${loaderFile}";
${loader}{
    const [top, id, sub] = location.hash.replace(/^#\\/?/, '').split('/').filter(Boolean);
    const screen = top === 'course' ? sub ?? top : top;
    const find = (name) => Object.entries(self).find(([k]) => k.startsWith(\`__wasm_split_load_\${name}_\`))?.[1];
    const view = screen && find(\`\${screen}_screen_view\`);
    if (view) {
        // A first visit takes the route's chunks as one pack: one request
        // instead of dozens. Under a returning learner's service worker,
        // only the packs it keeps (the others would come from the line).
        const points = [view, screen !== 'trainer' && find('read_compiled')].filter(Boolean).map((l) => loads.get(l));
        if (!navigator.serviceWorker?.controller || ${JSON.stringify(PRECACHED_PACKS)}.includes(screen)) usePack(\`pack_\${screen}-\${HASH}.bin\`, points.flatMap(tree));
        for (const load of [view, screen !== 'trainer' && find('read_compiled')]) if (load) loads.get(load).prefetch();
        const courses = new Map(Object.entries(${JSON.stringify(courses)}));
        const files = top === 'course' ? [courses.get(id)] : screen === 'trainer' ? [] : [...courses.values()];
        for (const href of files) if (href) document.head.append(Object.assign(document.createElement('link'), { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href }));
    }
}
`;
}

/**
 * Writes the packs (format above PACKS): one per split point, with the
 * chunks it needs (`pack_<point>-<hash>.bin`, taken when the app first
 * needs that code), and one per route screen: the screen's and, but for the
 * trainer's, the compiled-course reader's (`pack_<screen>-<hash>.bin`,
 * fetched with the main module on a first visit's deep link). Dozens of
 * requests of under 1 KB, each a round trip on a slow line, become one.
 */
function writePacks(loader, dir, loaderFile) {
  const hash = loaderFile.match(/-([0-9a-f]+)\.js$/)[1];
  const chunkFiles = new Map([...loader.matchAll(/const (__chunk_\d+) = makeLoad\("([^"]+)"/g)].map(([, name, file]) => [name, file]));
  const points = new Map();
  for (const m of loader.matchAll(/export const __wasm_split_load_([a-z_]+?)_\d+ = wrapAsyncCb\(makeLoad\("([^"]+)"[\s\S]*?\n, \[([^\]]*)\]\)\);/g)) {
    const deps = m[3].split(',').map((d) => d.trim()).filter(Boolean).map((d) => chunkFiles.get(d));
    points.set(m[1], [...deps, m[2]]);
  }
  const write = (name, files) => {
    const parts = [...new Set(files)].map((f) => [f, statSync(join(dir, f)).size]);
    const header = Buffer.from(JSON.stringify(parts));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(header.length);
    writeFileSync(join(dir, `pack_${name}-${hash}.bin`), Buffer.concat([length, header, ...parts.map(([f]) => readFileSync(join(dir, f)))]));
  };
  for (const [point, files] of points) write(point, files);
  for (const screen of SCREENS) {
    const wanted = screen === 'trainer' ? [`${screen}_screen_view`] : [`${screen}_screen_view`, 'read_compiled'];
    write(screen, wanted.flatMap((point) => {
      if (!points.has(point)) throw new Error(`build: the split point ${point} is not in the split loader`);
      return points.get(point);
    }));
  }
}

// Run directly: node scripts/split-wasm.mjs DIST
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(splitWasm(process.argv[2] ?? 'dist'));
}
