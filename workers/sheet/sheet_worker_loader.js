// Starts the sheet worker (workers/sheet/, built by Trunk beside the app).
// Trunk names a worker's files without a content hash; a release build
// renames the glue and the wasm after their contents and writes the new
// names here (scripts/post-build.mjs), so a cached loader can only ever
// start the pair it was built with (or fail plainly), never mix releases.
// The app adds its build id as a query, passed on here.
const GLUE = './sheet_worker.js';
const WASM = './sheet_worker_bg.wasm';
const query = self.location.search;
importScripts(GLUE + query);
// A wasm that cannot be fetched is said to the app (a failed promise in a
// worker never reaches the page's error handler).
wasm_bindgen(WASM + query).catch((error) => {
  self.postMessage({ kind: 'unavailable', value: String(error) });
});
