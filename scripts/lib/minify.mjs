// Minifies the JavaScript modules the build writes (wasm-bindgen's glue,
// the split loader) with terser: whitespace, comments and local names go;
// every name a module imports or exports, and every property, stays as it
// was, so the wasm's imports and the loaders' imports still meet.
import { minify } from 'terser';

/** `code` (an ES module) minified; `what` names it in an error. */
export async function minifyModule(code, what) {
  const out = await minify(code, {
    module: true,
    ecma: 2020,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
  });
  if (typeof out.code !== 'string' || !out.code) throw new Error(`build: could not minify ${what}`);
  return out.code;
}
