// The split wasm's loader at run time: loads each split point's chunks
// when the app first needs that code (wasm-split-cli's protocol: a load is
// called with a callback index and data, and answers through the shared
// function table), and adds what the app needs on a slow or broken line:
//
// - a chunk that cannot be fetched never fails the load (the split point
//   would panic and stop the app): the load waits, the page is told (the
//   `code_missing_event`; the app shows `crash::CodeMissingNotice`) and every
//   waiting load tries again when the app calls `window[retry_code]()`;
// - packs: a route's or a split point's chunks as one file
//   (`pack_<name>-<hash>.bin`: a 4-byte little-endian header length, the
//   header, JSON [[file, size], …], then the files end to end). A pack that
//   fails, is cut short or lacks a file leaves each load to fetch its own
//   file; the parts are compiled as soon as the pack is in;
// - a deep link (`#/course/<id>/attempt` from an email) fetches at once what
//   its screen needs, its chunks and its course files, in parallel with the
//   main wasm, rather than one after another.
//
// scripts/split-wasm.mjs writes the split loader file: this module's text,
// then the table it read from wasm-split's generated loader (files and
// dependencies) and the build manifest's deep links and courses, then one
// export per split point. Nothing of wasm-split's generated code is run or
// edited; the build checks that its protocol is the one implemented here.
// No import, so it can be put in front of the table as it is.

/**
 * Reads a pack: its files as a Map name → [offset, size]; throws when the
 * pack is cut short, longer than its header says or not a pack.
 */
export function readPack(buffer, name = 'pack') {
  const length = buffer.byteLength >= 4 ? new DataView(buffer).getUint32(0, true) : 0;
  const parts = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, Math.max(0, Math.min(length, buffer.byteLength - 4)))));
  const files = new Map();
  let at = 4 + length;
  for (const [file, size] of parts) {
    files.set(file, [at, size]);
    at += size;
  }
  if (at !== buffer.byteLength) throw new Error(`${name}: ${buffer.byteLength} bytes, not ${at}`);
  return files;
}

/**
 * The loader of one build. `table`: `shared` (the names of the main
 * module's exports every chunk imports), `chunks` (name → file), `points`
 * (export name → { file, deps: [chunk name] }); `deepLinks` and `courses`
 * from the build manifest; `ids` its ids; `hash` the build's; `precachedPacks`
 * the screens whose packs a service worker keeps. `env` is the global scope
 * (a test passes its own).
 */
export function splitLoader(base, initSync, { table, deepLinks, courses, ids, hash, precachedPacks }, env = globalThis) {
  const url = (file) => new URL(`./${file}`, base);
  let sharedImports;
  const getSharedImports = () => {
    if (sharedImports === undefined) {
      const main = initSync(undefined, undefined);
      sharedImports = { __wasm_split: Object.fromEntries(table.shared.map((name) => [name, main[name]])) };
    }
    return sharedImports;
  };

  // A file's fetch, and its instantiation from that fetch. A fetch left
  // unused when a load it goes with fails first is handled here, so it is no
  // unhandled rejection (the load still fails).
  const fetcher = (file) => () => {
    const src = env.fetch(url(file));
    src.catch(() => {});
    return Object.assign(async (imports) => env.WebAssembly.instantiateStreaming(src, imports), { src });
  };

  // One file's load: its dependencies and itself in parallel, memoized on
  // success only (a failed load fetches anew when tried again). `early` is a
  // fetch started before the load (a prefetch, or a part of a pack).
  const makeLoad = (file, deps) => {
    const fetch = fetcher(file);
    let early;
    let loadingModule;
    const loader = async () => {
      const parallel = deps.map((d) => d());
      const instantiate = early ?? fetch();
      early = undefined;
      await Promise.all(parallel);
      return instantiate(getSharedImports());
    };
    const load = () => {
      if (loadingModule === undefined) {
        const thisLoad = loader();
        thisLoad.catch(() => {
          if (loadingModule === thisLoad) loadingModule = undefined;
        });
        loadingModule = thisLoad;
      }
      return loadingModule;
    };
    const idle = () => loadingModule === undefined && early === undefined;
    // The module comes with a pack (compiled as soon as the pack is in), or,
    // should the pack fail, is fetched on its own as any other load.
    load.fromPack = (part) => {
      if (!idle()) return;
      early = async (imports) => {
        let module;
        try {
          module = await part;
        } catch {
          return fetch()(imports);
        }
        return env.WebAssembly.instantiate(module, imports);
      };
    };
    // An early fetch that failed is dropped, so the load fetches anew.
    load.prefetch = () => {
      if (idle()) {
        const fetched = (early = fetch());
        const drop = () => {
          if (early === fetched) early = undefined;
        };
        fetched.src.then((r) => r.ok || drop(), drop);
      }
      deps.forEach((d) => d.prefetch());
    };
    return Object.assign(load, { file, deps, idle });
  };

  const chunks = new Map(Object.entries(table.chunks).map(([name, file]) => [name, makeLoad(file, [])]));
  const points = new Map(Object.entries(table.points).map(([name, { file, deps }]) => [name, makeLoad(file, deps.map((d) => chunks.get(d)))]));
  const tree = (load) => [load, ...load.deps.flatMap(tree)];

  function unpack(file) {
    return env.fetch(url(file))
      .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${file}: HTTP ${r.status}`))))
      .then((b) => [b, readPack(b, file)]);
  }

  function usePack(file, wanted) {
    // The SCORM package leaves the packs out (an LMS's upload limit; its
    // content is served near the learner): each load takes its own file.
    if (env.document?.getElementById(ids.scorm_marker)) return;
    const whole = unpack(file);
    whole.catch(() => {});
    for (const load of new Set(wanted)) {
      const part = whole.then(([b, files]) => {
        const [at, size] = files.get(load.file) ?? [];
        return size === undefined ? Promise.reject(new Error(`${file}: no ${load.file}`)) : env.WebAssembly.compile(new Uint8Array(b, at, size));
      });
      part.catch(() => {});
      load.fromPack(part);
    }
  }

  // A split point's first load takes its files as one pack when most are
  // not here yet (in-app navigation on a first visit).
  function packFor(name, load) {
    const missing = tree(load).filter((l) => l.idle());
    if (!env.navigator?.serviceWorker?.controller && missing.length > 2 && missing.length * 2 >= tree(load).length) {
      usePack(`pack_${name.replace(/_\d+$/, '')}-${hash}.bin`, missing);
    }
  }

  // Loads that wait for missing code, until the app says try again.
  let waiting = [];
  env[ids.retry_code] = () => waiting.splice(0).forEach((retry) => retry());
  async function untilLoaded(load) {
    for (;;) {
      try {
        return await load();
      } catch (e) {
        env.console?.warn(e);
        await new Promise((retry) => {
          waiting.push(retry);
          env.dispatchEvent?.(new Event(ids.code_missing_event));
        });
      }
    }
  }

  /** The export for a split point: what the main module calls. */
  function point(name) {
    const load = points.get(name);
    if (!load) throw new Error(`no split point ${name}`);
    return async (callbackIndex, callbackData) => {
      let success;
      try {
        packFor(name, load);
        await untilLoaded(load);
        success = true;
      } catch (e) {
        env.console?.error(e);
        success = false;
      } finally {
        getSharedImports().__wasm_split.__indirect_function_table.get(callbackIndex)(callbackData, success);
      }
    };
  }

  /** The deep link's screen of `hash` and its course id, or undefined. */
  function deepLink(address) {
    const parts = address.replace(/^#\/?/, '').split('/').filter(Boolean);
    for (const link of deepLinks) {
      if (link.path.length === parts.length && link.path.every((p, i) => p === ':id' || p === parts[i])) {
        return { link, id: parts[link.path.indexOf(':id')] };
      }
    }
    return undefined;
  }

  const byPrefix = (prefix) => [...points].find(([name]) => name.replace(/_\d+$/, '') === prefix)?.[1];

  /**
   * From the page's address, fetches at once what that screen will need:
   * its chunks (as the route's pack on a first visit, or under a service
   * worker that keeps it) and its course files (preload links).
   */
  function start(address = env.location?.hash ?? '') {
    const found = deepLink(address);
    if (!found) return;
    const { link, id } = found;
    const loads = link.split_points.map(byPrefix).filter(Boolean);
    if (!env.navigator?.serviceWorker?.controller || precachedPacks.includes(link.screen)) {
      usePack(`pack_${link.screen}-${hash}.bin`, loads.flatMap(tree));
    }
    for (const load of loads) load.prefetch();
    const files = link.reads === 'one' ? [courses[id]] : link.reads === 'all' ? Object.values(courses) : [];
    for (const href of files) {
      if (href) env.document.head.append(Object.assign(env.document.createElement('link'), { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href }));
    }
  }

  return { point, start, deepLink, points };
}
