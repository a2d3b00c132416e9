// The Digital Agency design tokens the app's stylesheets use, and only
// those: `@digital-go-jp/design-tokens` defines about 200 custom
// properties; every page carries the ones the styles name (and the ones
// those name in turn), in the package's order and wording.

/** `--name` of every `var(--name` in `text`. */
export function tokenReferences(text) {
  return new Set([...text.matchAll(/var\(\s*(--[a-z0-9-]+)/g)].map((m) => m[1]));
}

/** Custom properties `text` itself defines (`--name:` at the start of a declaration). */
export function tokenDefinitions(text) {
  return new Set([...text.matchAll(/(?:^|[;{\s"'])(--[a-z0-9-]+)\s*:/g)].map((m) => m[1]));
}

/**
 * The package's `tokens.css` cut down to `used` and everything they refer
 * to. Returns `{ css, missing }`: `missing` lists names used but defined
 * neither by the package nor locally (`localNames`), a typo the browser
 * would silently ignore.
 */
export function pruneTokens(packageCss, used, localNames = new Set(), header = '') {
  const declarations = new Map();
  for (const m of packageCss.matchAll(/^\s*(--[a-z0-9-]+)\s*:\s*([^;]*);\s*$/gm)) declarations.set(m[1], m[2]);
  const keep = new Set();
  const missing = [];
  const visit = (name) => {
    if (keep.has(name)) return;
    const value = declarations.get(name);
    if (value === undefined) {
      if (!localNames.has(name)) missing.push(name);
      return;
    }
    keep.add(name);
    for (const inner of tokenReferences(value)) visit(inner);
  };
  for (const name of [...used].sort()) visit(name);
  const lines = [...declarations].filter(([name]) => keep.has(name)).map(([name, value]) => `  ${name}: ${value};`);
  return { css: `${header}:root {\n${lines.join('\n')}\n}\n`, missing: missing.sort() };
}
