// Starts the sheet worker (workers/sheet/, built by Trunk beside the app).
// Trunk names a worker's files without a content hash, so the app adds its
// build id as a query; it is passed on here, so an HTTP cache never mixes
// two releases' files. A wasm that cannot be fetched is said to the app
// (a failed promise in a worker never reaches the page's error handler).
const query = self.location.search;
importScripts('./sheet_worker.js' + query);
wasm_bindgen('./sheet_worker_bg.wasm' + query).catch((error) => {
  self.postMessage({ kind: 'unavailable', value: String(error) });
});
