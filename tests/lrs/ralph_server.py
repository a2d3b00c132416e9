"""A real LRS for the end-to-end tests: Ralph (PyPI ralph-malph) on its
filesystem store, on loopback.

Usage: ralph_server.py DATA_DIR PORT ALLOWED_ORIGIN

Two accounts, as a deployment would have them:
  learner / learner-pass  scope statements/write only (what the site carries)
  trainer / trainer-pass  scope statements/read (typed in on the trainer screen)
Scopes are enforced (RALPH_LRS_RESTRICT_BY_SCOPES, which Ralph allows only with
RALPH_LRS_RESTRICT_BY_AUTHORITY), so the learner account
cannot read anything back.

Ralph 5.1.0's filesystem store fails every write after the first (it writes
with the CREATE operation onto an existing file); its write is started with
APPEND instead, the workaround recorded in the project's LMS notes. Ralph's
authentication, validation, duplicate-id handling and query API are its own.
"""

import os
import subprocess
import sys
from pathlib import Path


def main() -> None:
    data_dir, port, origin = Path(sys.argv[1]).resolve(), int(sys.argv[2]), sys.argv[3]
    app_dir = data_dir / "app"
    store_dir = data_dir / "store"
    app_dir.mkdir(parents=True, exist_ok=True)
    store_dir.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        {
            "RALPH_APP_DIR": str(app_dir),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(store_dir),
            "RALPH_RUNSERVER_CORS_ALLOW_ORIGINS": f'["{origin}"]',
            "RALPH_LRS_RESTRICT_BY_SCOPES": "True",
            "RALPH_LRS_RESTRICT_BY_AUTHORITY": "True",
        }
    )
    ralph = str(Path(sys.executable).with_name("ralph"))
    if not (app_dir / "auth.json").exists():
        for user, password, scope, mbox in [
            ("learner", "learner-pass", "statements/write", "mailto:learner@example.org"),
            ("trainer", "trainer-pass", "statements/read", "mailto:trainer@example.org"),
        ]:
            subprocess.run(
                [ralph, "auth", "-u", user, "-p", password, "-s", scope, "-M", mbox, "-w"],
                check=True,
                stdout=subprocess.DEVNULL,
            )

    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.fs import FSLRSBackend

    write = FSLRSBackend.write

    def append(self, data, target=None, chunk_size=None, ignore_errors=False, operation_type=None):
        return write(self, data, target, chunk_size, ignore_errors, operation_type or BaseOperationType.APPEND)

    FSLRSBackend.write = append

    import uvicorn

    uvicorn.run("ralph.api:app", host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    main()
