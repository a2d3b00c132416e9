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
import { attr, setAttr } from './lib/page.mjs';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });

/**
 * Splits when the cargo output has split points; returns the chunk names.
 * `page` is the page model (scripts/lib/page.mjs): its preload links get
 * the new files' integrity hashes and the split loader's; `manifest` is the
 * build manifest (its deep links and courses).
 */
export function splitWasm(dir, page, manifest) {
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
  writeFileSync(join(dir, loaderFile), prefetchForAddress(loader, dir, loaderFile, manifest));
  // Only the import statement: the imports object keeps the module name the
  // wasm asks for.
  const glue = mustReplaceAll(readFileSync(join(work, 'bindgen', 'kenshu.js'), 'utf8'), 'from "./__wasm_split.js"', `from "./${loaderFile}"`, 'pointing the glue at the split loader');
  writeFileSync(join(dir, glueFile), glue);
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
// A home-screen visit fetches nothing more. The screens, their split points
// and the courses each reads are the build manifest's `deep_links`
// (quiz_core::release).
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

export function prefetchForAddress(loader, dir, loaderFile, manifest) {
  for (const point of new Set(manifest.deep_links.flatMap((l) => l.split_points))) {
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
  writePacks(loader, dir, loaderFile, manifest.deep_links);
  // Each course's compiled file, named by its digest (`?v=`: a cache never
  // mixes two versions), by file name.
  const courses = Object.fromEntries([...manifest.courses]
    .sort((a, b) => (a.compiled < b.compiled ? -1 : 1))
    .map((c) => [c.id, `courses/${c.compiled}?v=${c.compiled_digest}`]));
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
function writePacks(loader, dir, loaderFile, deepLinks) {
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
  for (const { screen, split_points: wanted } of deepLinks) {
    write(screen, wanted.flatMap((point) => {
      if (!points.has(point)) throw new Error(`build: the split point ${point} is not in the split loader`);
      return points.get(point);
    }));
  }
}

