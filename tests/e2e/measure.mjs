// Load measurements for the report specs (perf.spec.mjs,
// routes-report.spec.mjs): throttling through the DevTools protocol, what
// the page fetched before a moment, and the report files. Figures are
// reported, never asserted: timings on a shared machine are no pass/fail
// matter.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results');

/** Network and CPU profiles. */
export const PROFILES = {
  // DevTools' "Fast 3G": 1.44 Mbps down, 675 kbps up, 562.5 ms round trip.
  fast3g: { cpu: 4, latency: 562.5, down: (1.44 * 1024 * 1024) / 8, up: (675 * 1024) / 8 },
  // The speed issue's profile: a slow office line, about 1.4 Mbps each way,
  // 150 ms round trip.
  office: { cpu: 4, latency: 150, down: 1_400_000 / 8, up: 1_400_000 / 8 },
};

/** Disables the HTTP cache and applies `profile` to `page`; returns the CDP session. */
export async function throttle(page, profile) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: profile.latency, downloadThroughput: profile.down, uploadThroughput: profile.up,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  return cdp;
}

/** Writes test-results/NAME.json and prints it on one line. */
export function report(name, data) {
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, `${name}.json`), JSON.stringify(data, null, 2));
  console.log(`REPORT ${name}: ${JSON.stringify(data)}`);
}

/**
 * Every request of the page so far (the document first), from the Resource
 * Timing entries: name, start and end (ms since navigation) and encoded bytes
 * transferred (headers included; 0 when served from a cache).
 */
export function requests(page) {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return [nav, ...performance.getEntriesByType('resource')].map((e) => ({
      name: new URL(e.name).pathname.split('/').pop() || 'index.html',
      start: e === nav ? 0 : e.startTime,
      end: e.responseEnd,
      bytes: e.transferSize,
    }));
  });
}

/**
 * The critical path of a load, estimated from the requests' timing: from
 * the last request that arrived before `at`, each step back is the request
 * that arrived last before this one started (what it waited for), down to
 * the document. Only requests that can start others count (the document,
 * scripts, wasm, course files and lists; styles and images never do), and
 * of those only what `waited` says the moment waited for.
 */
export function criticalPath(reqs, at, waited = () => true) {
  const able = reqs.filter((r) => r.end <= at && waited(r.name) && (r.start === 0 || /\.(js|wasm|toml|json)$/.test(r.name)));
  const lastBefore = (t) => able.filter((r) => r.end <= t).reduce((m, r) => (m && m.end >= r.end ? m : r), null);
  const path = [];
  for (let r = lastBefore(at); r; r = r.start > 0 ? lastBefore(r.start) : null) path.unshift(r);
  if (path[0]?.start !== 0) path.unshift(reqs[0]);
  return path.map((r) => r.name);
}

/** The median of finite numbers. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
