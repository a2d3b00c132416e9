// The test server serves its folder and nothing beside it, and a malformed
// escape gets 400 without stopping it (node --test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const base = mkdtempSync(join(tmpdir(), 'serve-dist-'));
mkdirSync(join(base, 'dist'));
mkdirSync(join(base, 'dist-single'));
writeFileSync(join(base, 'dist', 'index.html'), '<p>site</p>');
writeFileSync(join(base, 'dist-single', 'secret.html'), '<p>sibling</p>');

async function withServer(run) {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = spawn(process.execPath, ['scripts/serve-dist.mjs', join(base, 'dist'), String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((ok) => server.stdout.once('data', ok));
  try {
    await run(`http://127.0.0.1:${port}`);
  } finally {
    server.kill();
  }
}

test('serves the folder, refuses a sibling through ..%2F, answers 400 to a bad escape and stays up', async () => {
  await withServer(async (origin) => {
    const home = await fetch(`${origin}/`);
    assert.equal(home.status, 200);
    assert.equal(await home.text(), '<p>site</p>');
    for (const path of ['/..%2Fdist-single/secret.html', '/%2E%2E/dist-single/secret.html', '/..%2F..%2Fetc%2Fpasswd']) {
      const res = await fetch(`${origin}${path}`);
      assert.notEqual(res.status, 200, path);
      assert.doesNotMatch(await res.text(), /sibling|root:/, path);
    }
    assert.equal((await fetch(`${origin}/%E0%A4%A`)).status, 400);
    assert.equal((await fetch(`${origin}/%`)).status, 400);
    assert.equal((await fetch(`${origin}/index.html`)).status, 200, 'still serving');
  });
});
