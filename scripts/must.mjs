// Text edits for the build scripts that fail loudly: a pattern that is not
// found stops the build with a message naming what was looked for, so a
// release can never ship half-edited (say, without its CSP) in silence.

/** `text` with `pattern` (string or RegExp) replaced; throws if absent. */
export function mustReplace(text, pattern, replacement, what) {
  if (!found(text, pattern)) throw new Error(`build: ${what}: pattern not found: ${pattern}`);
  return text.replace(pattern, replacement);
}

/** `text` with every `pattern` (a string) replaced; throws if absent. */
export function mustReplaceAll(text, pattern, replacement, what) {
  if (!found(text, pattern)) throw new Error(`build: ${what}: pattern not found: ${pattern}`);
  return text.replaceAll(pattern, replacement);
}

/** The match of `regex` in `text`; throws if absent. */
export function mustMatch(text, regex, what) {
  const m = text.match(regex);
  if (!m) throw new Error(`build: ${what}: pattern not found: ${regex}`);
  return m;
}

function found(text, pattern) {
  return typeof pattern === 'string' ? text.includes(pattern) : new RegExp(pattern.source, pattern.flags.replace('g', '')).test(text);
}
