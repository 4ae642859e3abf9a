"""The mock for client developers' own tests, and what the command shares with it.

```python
from asyncapi_ws_docs.mock import mock_server

def test_my_client_subscribes():
    with mock_server("asyncapi.yaml") as url:       # ws://127.0.0.1:<a free port>
        client = MyClient(url + "/v1/updates?clientId=3f2c8a4e-9b1d-4c7e-8f6a-2d5b9e0c1a47")
        ...
```

The server runs in a thread with its own event loop, on a free port of 127.0.0.1, and stops
when the block ends.
"""

from __future__ import annotations

import asyncio
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from asyncapi_ws_docs.document.conversation import conversation
from asyncapi_ws_docs.document.diagnostics import Diagnostics, SpecError
from asyncapi_ws_docs.document.readers import build_spec
from asyncapi_ws_docs.document.refs import Workspace
from asyncapi_ws_docs.mock.routes import LoadedSpec
from asyncapi_ws_docs.mock.server import MockServer

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from asyncapi_ws_docs.document.conversation import Side

START_TIMEOUT = 10.0
"""Seconds the thread has to start listening before `mock_server` gives up."""


class MockError(Exception):
    """A spec the mock cannot serve, or a port it cannot listen on: said in one line each."""


def load(
    paths: Iterable[str | Path], *, application: Side | None = None, roots: Iterable[Path] = ()
) -> list[LoadedSpec]:
    """Read the specs; a `MockError` names the file, line and problem of one that cannot be.

    `$ref`s may reach the current folder, each spec's own folder and `roots`.
    """
    loaded = []
    problems = []
    for raw in paths:
        path = Path(raw)
        workspace = Workspace(
            roots=[Path.cwd(), path.resolve().parent, *roots],
            diagnostics=Diagnostics(),
            display_base=Path.cwd(),
        )
        try:
            spec = build_spec(workspace, path.resolve())
        except SpecError as error:
            problems.append(error.diagnostic.format())
            continue
        loaded.append(LoadedSpec(str(raw), spec, conversation(spec, application), workspace))
    if problems:
        raise MockError("\n".join(problems))
    return loaded


@contextmanager
def mock_server(  # noqa: PLR0913 (the command's options, by keyword)
    *specs: str | Path,
    application: Side | None = None,
    interval: float = 3.0,
    seed: int | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    log: Callable[[str], None] | None = None,
) -> Iterator[str]:
    """Serve `specs` while the block runs; yields the base URL, `ws://127.0.0.1:PORT`.

    Append a channel's path (the pages' handshake section shows it) to connect. `log` gets
    one line per connection and frame (none by default: a test reads its own assertions).
    """
    server = MockServer(
        load(specs, application=application),
        interval=interval,
        seed=seed,
        log=log or (lambda _line: None),
    )
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    stop = asyncio.Event()
    found: dict[str, object] = {}

    async def run() -> None:
        try:
            listening = await server.start(host, port)
        except OSError as error:
            found["error"] = error
            ready.set()
            return
        found["port"] = listening.sockets[0].getsockname()[1]
        ready.set()
        await stop.wait()
        listening.close()
        await listening.wait_closed()

    thread = threading.Thread(target=loop.run_until_complete, args=(run(),), daemon=True)
    thread.start()
    try:
        if not ready.wait(START_TIMEOUT):
            message = f"the mock server did not start within {START_TIMEOUT:.0f} s"
            raise MockError(message)
        if "error" in found:
            message = f"cannot listen on {host}:{port}: {found['error']}"
            raise MockError(message)
        yield f"ws://{host}:{found['port']}"
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(START_TIMEOUT)
        loop.close()
