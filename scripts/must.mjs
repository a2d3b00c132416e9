// Text edits for the build scripts that fail loudly: a pattern that is not
// found stops the build with a message naming what was looked for, so a
// release can never ship half-edited (say, without its CSP) in silence.
//
// A replacement string is inserted exactly as it is: never read for
// String.replace's `$$`, `$&`, `$'` or `` $` `` patterns, so a password or
// a trainer's title with a `$` in it survives byte for byte. Where a
// capture is wanted, pass a function (it gets the match and the groups).

/** `text` with `pattern` (string or RegExp) replaced; throws if absent. */
export function mustReplace(text, pattern, replacement, what) {
  if (!found(text, pattern)) throw new Error(`build: ${what}: pattern not found: ${pattern}`);
  return text.replace(pattern, literal(replacement));
}

/** `text` with every `pattern` (a string, or a RegExp with `g`) replaced; throws if absent. */
export function mustReplaceAll(text, pattern, replacement, what) {
  if (!found(text, pattern)) throw new Error(`build: ${what}: pattern not found: ${pattern}`);
  return text.replaceAll(pattern, literal(replacement));
}

/** The match of `regex` in `text`; throws if absent. */
export function mustMatch(text, regex, what) {
  const m = text.match(regex);
  if (!m) throw new Error(`build: ${what}: pattern not found: ${regex}`);
  return m;
}

/** A replacer that returns `replacement` as it is (a function's result is never expanded). */
function literal(replacement) {
  return typeof replacement === 'function' ? replacement : () => replacement;
}

function found(text, pattern) {
  return typeof pattern === 'string' ? text.includes(pattern) : new RegExp(pattern.source, pattern.flags.replace('g', '')).test(text);
}
