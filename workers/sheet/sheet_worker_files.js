// The sheet worker's files as Trunk names them (a debug build). A release
// build writes this file again with the content-named files (scripts/post-build.mjs).
self.SHEET_WORKER_FILES = { glue: './sheet_worker.js', wasm: './sheet_worker_bg.wasm' };
