// The build scripts' one way to the Rust side: `quizcheck`, run as this
// checkout's app would check (a built binary newer than the core's sources,
// else through cargo, which builds it). `release` gives the build manifest
// (quiz_core::release): the courses in listing order with their digests,
// pass marks and compiled files, the deep links with their split points, the
// page's ids and the boot course list. No script holds a copy of these.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The newest modification time under `path` (a file or a folder). */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** How to run quizcheck: [command, leading arguments]. */
export function quizcheckCommand() {
  const target = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
  const sources = Math.max(newest(join(root, 'core', 'src')), newest(join(root, 'core', 'Cargo.toml')));
  for (const profile of ['release', 'debug']) {
    const bin = join(target, profile, 'quizcheck');
    if (existsSync(bin) && statSync(bin).mtimeMs >= sources) return [bin, []];
  }
  return ['cargo', ['run', '-q', '--manifest-path', join(root, 'Cargo.toml'), '-p', 'quiz-core', '--bin', 'quizcheck', '--']];
}

/** Runs quizcheck with `args`; its status and output (stderr passed through). */
export function quizcheck(args) {
  const [command, lead] = quizcheckCommand();
  const run = spawnSync(command, [...lead, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20 });
  if (run.error) throw new Error(`build: could not run quizcheck (${command}): ${run.error.message}`);
  return run;
}

/**
 * The build manifest of the question files in `folder` (checked as the app's
 * build checks them); with `out`, the shipped question files and their
 * compiled forms are written there.
 */
export function release(folder, out) {
  const run = quizcheck(['release', folder, ...(out ? ['--out', out] : [])]);
  if (run.status !== 0) throw new Error(`build: quizcheck release ${folder} failed (exit ${run.status}; see above)`);
  const manifest = JSON.parse(run.stdout);
  if (manifest.format !== 'kenshu-build' || manifest.version !== 1) throw new Error(`build: quizcheck release gave a manifest of another format (${manifest.format} ${manifest.version})`);
  return manifest;
}
