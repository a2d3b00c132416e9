// Prints raw, gzip and brotli bytes of every file in a built site, and the
// totals; with --budget FILE, also the first load (what a first visit
// fetches before the app is usable: everything but the service worker, its
// install-time icons and the question files, each fetched when its course
// is opened) against the goal, failing when it grows more than
// 5 % past the figure recorded in FILE.
// Usage: node scripts/size-report.mjs [dist] [--budget size-budget.json]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const args = process.argv.slice(2);
const budgetAt = args.indexOf('--budget');
const budgetFile = budgetAt >= 0 ? args.splice(budgetAt, 2)[1] : null;
const singleAt = args.indexOf('--single');
const singleFile = singleAt >= 0 ? args.splice(singleAt, 2)[1] : null;
const root = args[0] ?? 'dist';
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else files.push(path);
  }
})(root);

const rows = files.map((path) => {
  const bytes = readFileSync(path);
  return {
    file: relative(root, path),
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length,
  };
});
const total = rows.reduce(
  (t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
  { raw: 0, gzip: 0, brotli: 0 },
);
const width = Math.max(5, ...rows.map((r) => r.file.length));
const line = (name, r) =>
  `${name.padEnd(width)}  ${String(r.raw).padStart(9)}  ${String(r.gzip).padStart(9)}  ${String(r.brotli).padStart(9)}`;
console.log(`size report for ${root}/ (bytes)`);
console.log(`${'file'.padEnd(width)}  ${'raw'.padStart(9)}  ${'gzip'.padStart(9)}  ${'brotli'.padStart(9)}`);
for (const r of rows) console.log(line(r.file, r));
console.log(line('total', total));

if (budgetFile) {
  const { readFileSync: read } = await import('node:fs');
  const budget = JSON.parse(read(budgetFile, 'utf8'));
  const later = (f) => f === 'sw.js' || f.endsWith('.png') || f === 'static/app.webmanifest' || f === 'icon.svg' || f.startsWith('courses/') || f.startsWith('split_') || f.startsWith('chunk_') || f.startsWith('pack_') || f.endsWith('.xlsx') || f.startsWith('sheet_worker');
  const first = rows.filter((r) => !later(r.file)).reduce((t, r) => t + r.brotli, 0);
  const limit = Math.round(budget.first_load_brotli_bytes * 1.05);
  console.log(`first load, brotli: ${first} bytes (goal ${budget.goal_brotli_bytes}, recorded ${budget.first_load_brotli_bytes}, fails above ${limit})`);
  // The trainer's .xlsx reader and writer: its own wasm, fetched only when
  // a trainer picks an .xlsx or exports one; never part of the first load.
  const worker = rows.filter((r) => r.file.startsWith('sheet_worker'));
  if (worker.length) {
    const sum = (key) => worker.reduce((t, r) => t + r[key], 0);
    console.log(`sheet worker (trainer's .xlsx, fetched on demand), brotli: ${sum('brotli')} bytes (${sum('raw')} raw)`);
  }
  // The trainer's screens, each fetched as one pack on a first visit
  // (split-wasm.mjs): what the trainer waits for after the first load.
  for (const screen of ['trainer_screen_view', 'editor_screen_view']) {
    const pack = rows.find((r) => r.file.startsWith(`pack_${screen}-`));
    const own = rows.find((r) => r.file.startsWith(`split_${screen}_`));
    if (pack && own) {
      console.log(`${screen.replace('_screen_view', '')} screen (on demand), brotli: its pack ${pack.brotli} bytes (${pack.raw} raw), its own chunk ${own.brotli} bytes`);
    }
  }
  if (first > limit) {
    console.error(`size budget exceeded: ${first} > ${limit} bytes brotli. Make it smaller, or raise the figure in ${budgetFile} with a reason in the README.`);
    process.exit(1);
  }
}

if (singleFile) {
  const bytes = readFileSync(singleFile);
  const ratio = (bytes.length / total.brotli).toFixed(2);
  console.log(`single file ${singleFile}: ${bytes.length} bytes raw, ${gzipSync(bytes, { level: 9 }).length} gzip; ${ratio}× the normal build's brotli total (${total.brotli}; goal at most 2.5×)`);
}
