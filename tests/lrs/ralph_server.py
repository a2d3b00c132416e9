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
APPEND instead, the workaround recorded in the project's LMS notes. Its query
compares the `verb` and `activity` filters, which the router hands over as IRI
objects, with the stored strings, so they never match; they are handed over
as strings. Ralph's authentication, validation, duplicate-id handling and
query API are its own.

Test hooks, for the failures a learner's browser meets (only on loopback, for
the tests): `POST /__test__/mode` with JSON
  {"mode": "normal" | "hang" | "store-then-drop" | "429" | "500" | "503" | "401",
   "count": n (then back to normal; absent: until changed),
   "retry_after": "3" (sent with 429 and 503),
   "get_fail_after": n (GET statements: the pages after the n-th answer 500)}
applies to `POST …/statements`: "hang" never answers, "store-then-drop" lets
Ralph store the batch and then cuts the reply off, the others answer that
status (with the CORS headers a browser needs to read it). `GET
/__test__/log` lists the statement POSTs seen ({at, mode, statements}).
"""

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

STATE = {"mode": "normal", "count": None, "retry_after": None, "get_fail_after": None, "gets": 0}
LOG = []


def hooks(app, origin):
    """Wraps Ralph's ASGI app with the test hooks."""

    cors = [
        (b"access-control-allow-origin", origin.encode()),
        (b"access-control-allow-credentials", b"true"),
        (b"access-control-expose-headers", b"Retry-After"),
        (b"vary", b"Origin"),
    ]

    async def respond(send, status, body=b"", headers=()):
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"application/json"), *cors, *headers],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def read_body(receive):
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                return body

    async def wrapped(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)
        path, method = scope["path"], scope["method"]
        if path == "/__test__/mode" and method == "POST":
            STATE.update(json.loads(await read_body(receive) or b"{}"))
            STATE["gets"] = 0
            return await respond(send, 200, json.dumps(STATE).encode())
        if path == "/__test__/log":
            return await respond(send, 200, json.dumps(LOG).encode())
        if path.endswith("/statements") and method == "GET" and STATE["get_fail_after"] is not None:
            STATE["gets"] += 1
            if STATE["gets"] > STATE["get_fail_after"]:
                return await respond(send, 500, b'{"detail": "test: failing mid-way"}')
        if not (path.endswith("/statements") and method == "POST"):
            return await app(scope, receive, send)

        body = await read_body(receive)
        try:
            count = len(json.loads(body)) if body.startswith(b"[") else 1
        except ValueError:
            count = 0
        mode = STATE["mode"]
        if STATE["count"] is not None:
            STATE["count"] -= 1
            if STATE["count"] <= 0:
                STATE.update(mode="normal", count=None)
        LOG.append({"at": time.time(), "mode": mode, "statements": count})

        sent = False

        async def replay():
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        retry_after = [(b"retry-after", str(STATE["retry_after"]).encode())] if STATE["retry_after"] else []
        if mode == "hang":
            await asyncio.sleep(3600)
            return None
        if mode in ("429", "500", "503", "401"):
            extra = retry_after if mode in ("429", "503") else [(b"www-authenticate", b"Basic")] if mode == "401" else []
            return await respond(send, int(mode), json.dumps({"detail": f"test: {mode}"}).encode(), extra)
        if mode == "store-then-drop":
            stored = {}

            async def swallow(message):
                if message["type"] == "http.response.start":
                    stored["status"] = message["status"]

            await app(scope, replay, swallow)
            LOG[-1]["stored_status"] = stored.get("status")
            # A reply cut off mid-way: the browser sees a network error.
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", b"1000"), *cors],
                }
            )
            await send({"type": "http.response.body", "body": b"[", "more_body": False})
            return None
        return await app(scope, replay, send)

    return wrapped


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

    query = FSLRSBackend.query_statements

    def query_with_strings(self, params, target=None):
        update = {k: str(getattr(params, k)) for k in ("verb", "activity") if getattr(params, k, None)}
        return query(self, params.model_copy(update=update), target)

    FSLRSBackend.query_statements = query_with_strings

    import uvicorn
    from ralph.api import app

    uvicorn.run(hooks(app, origin), host="127.0.0.1", port=port, log_level="critical")


if __name__ == "__main__":
    main()
