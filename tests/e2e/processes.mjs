// The test-only servers the LRS specs start (the site server, Ralph): up
// when they answer, and stopped for certain, so none outlives its spec.

/** Waits until `url` answers OK (`up`), or stops answering (`!up`). */
export async function waitFor(url, up = true) {
  for (let i = 0; i < 150; i++) {
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok === up) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come ${up ? 'up' : 'down'}`);
}

/**
 * Stops a child process: SIGTERM, and SIGKILL if it has not exited after
 * `graceMs` (a server waiting on a browser's kept-alive connection may
 * never finish a graceful shutdown).
 */
export async function stop(child, graceMs = 5000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = new Promise((r) => setTimeout(() => r('timeout'), graceMs));
  if ((await Promise.race([exited, timer])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}
