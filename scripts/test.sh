#!/usr/bin/env bash
# Installs what is missing, then runs every check and test:
#   formatting and lints (native and wasm), native tests of the core and the
#   CLI (property tests included), the question files through quizcheck,
#   browser tests (wasm-bindgen-test in headless Chromium), the release build
#   with its size report, and end-to-end tests (Playwright + Debian's Chromium).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/scripts/setup.sh"
cd "$root"
step() { printf '\n=== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy (native: core, CLI, tests)"
cargo clippy --workspace --all-targets --locked -- -D warnings
step "clippy (wasm: the app)"
cargo clippy -p kenshu --target wasm32-unknown-unknown --all-targets --locked -- -D warnings
step "clippy (wasm: the sheet worker, workers/sheet/)"
cargo clippy -p sheet-worker --target wasm32-unknown-unknown --all-targets --locked -- -D warnings

step "docs (cargo doc: a warning fails)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --workspace --locked -q
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p kenshu --target wasm32-unknown-unknown --locked -q

step "sourcing setup.sh leaves the shell as it was"
bash -c 'cd /tmp && . "$0/scripts/setup.sh" 2>/dev/null && [[ $- != *e* ]] && [ "$PWD" = /tmp ]' "$root" \
  || { echo "sourcing scripts/setup.sh changed the shell (set -e or the directory)"; exit 1; }

step "native tests"
cargo test --workspace --locked

step "script tests (node --test: the build and test scripts' own logic)"
node --test tests/scripts/

step "question files (quizcheck --strict --no-advice: item-writing warnings, wording cues and stale dates fail)"
cargo run -q -p quiz-core --bin quizcheck --locked -- --strict --no-advice quizzes

step "guessing report (not a test: chance that one attempt passes with no knowledge, per course and policy; aim 1 %)"
# Its own lines are on stdout; the check's lines were printed just above.
cargo run -q -p quiz-core --bin quizcheck --locked -- --guess quizzes 2>/dev/null

step "browser tests (wasm-bindgen-test, headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver cargo test -p kenshu --target wasm32-unknown-unknown --locked

step "release build (Trunk + wasm-opt) and the single-file build"
trunk build --release
node scripts/build-single.mjs
# A second single-file build with another course set, for the test that two builds keep apart.
node scripts/build-single.mjs --quizzes tests/e2e/fixtures/single-alt --out target/single-alt/kenshu.html
# The SCORM 1.2 package of every course, from dist/ (the end-to-end test packs its own copy).
node scripts/build-scorm.mjs

step "size report (fails when the first load grows past size-budget.json + 5 %)"
node scripts/size-report.mjs dist --budget size-budget.json --single dist-single/kenshu.html

step "end-to-end tests (Playwright, Debian's Chromium)"
npx playwright test -c tests/e2e/playwright.config.mjs

step "Lighthouse report (scores printed; report in test-results/lighthouse.html)"
node scripts/lighthouse.mjs dist
