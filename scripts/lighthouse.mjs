// Runs Lighthouse (the npm package) headless against Debian's Chromium on
// the served release build, writes the report to test-results/, and prints
// the category scores. Usage: node scripts/lighthouse.mjs [dist]
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const dist = process.argv[2] ?? 'dist';
const port = 4199;
const server = spawn(process.execPath, ['scripts/serve-dist.mjs', dist, String(port)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync'],
});
try {
  const result = await lighthouse(`http://127.0.0.1:${port}/`, {
    port: chrome.port, output: 'html', logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
  });
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/lighthouse.html', result.report);
  const scores = Object.fromEntries(Object.entries(result.lhr.categories).map(([k, v]) => [k, Math.round(v.score * 100)]));
  console.log(`lighthouse (mobile, simulated throttling): ${JSON.stringify(scores)}; report in test-results/lighthouse.html`);
  const failing = Object.values(result.lhr.audits)
    .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
    .map((a) => `${a.id} (${a.displayValue ?? a.score})`);
  if (failing.length) console.log(`lighthouse audits below 90: ${failing.join(', ')}`);
} finally {
  await chrome.kill();
  server.kill();
}
