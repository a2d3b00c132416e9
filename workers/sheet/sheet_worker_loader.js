// Starts the sheet worker (workers/sheet/, built by Trunk beside the app).
// Trunk names a worker's files without a content hash; a release build
// renames the glue and the wasm after their contents and writes their names
// into sheet_worker_files.js (scripts/post-build.mjs writes that file whole,
// as data), so a cached loader can only ever start the pair it was built
// with (or fail plainly), never mix releases. The app adds its build id as a
// query, passed on here.
const query = self.location.search;
importScripts('./sheet_worker_files.js' + query);
const { glue, wasm } = self.SHEET_WORKER_FILES;
importScripts(glue + query);
// A wasm that cannot be fetched is said to the app (a failed promise in a
// worker never reaches the page's error handler).
wasm_bindgen(wasm + query).catch((error) => {
  self.postMessage({ kind: 'unavailable', value: String(error) });
});
