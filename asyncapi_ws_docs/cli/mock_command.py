"""`asyncapi-ws-docs mock SPEC...`: a WebSocket server that answers as the specs say.

It prints the URLs it serves, then one line per connection and frame, until Ctrl-C. It listens
on 127.0.0.1 unless `--host` says otherwise: a mock accepts any credential, so it should not be
reachable from the network by accident.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import signal
import sys
from typing import TYPE_CHECKING

from asyncapi_ws_docs.cli.shared import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    add_application_option,
    add_command,
    add_spec_files,
)

if TYPE_CHECKING:
    import argparse

    from asyncapi_ws_docs.cli.shared import Subcommands
    from asyncapi_ws_docs.mock.server import MockServer

INSTALL_HINT = "the mock server needs the websockets library: pip install 'asyncapi-ws-docs[mock]'"


def add_parser(commands: Subcommands) -> None:
    """The `mock` command and its options."""
    command = add_command(
        commands,
        "mock",
        summary="serve the specs' WebSocket channels with a mock server",
        description="Run a WebSocket server that answers as the specs say: handshakes checked, "
        "frames validated, requests replied to, the server's messages pushed.",
    )
    add_spec_files(command)
    command.add_argument("--host", default="127.0.0.1", help="default: 127.0.0.1 (this machine)")
    command.add_argument("--port", type=int, default=8765, help="default: 8765")
    command.add_argument(
        "--interval",
        type=float,
        default=3.0,
        metavar="SECONDS",
        help="seconds between pushes of the server's messages (default: 3; 0: no pushes)",
    )
    command.add_argument("--seed", type=int, help="make generated values the same every run")
    add_application_option(command)


def run(args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    """Serve until Ctrl-C; exit 2 for a spec without WebSocket channels or a port in use."""
    try:
        from asyncapi_ws_docs.mock.api import MockError, load  # noqa: PLC0415 (needs websockets)
        from asyncapi_ws_docs.mock.routes import served_urls, shadowed  # noqa: PLC0415
        from asyncapi_ws_docs.mock.server import MockServer  # noqa: PLC0415
    except ImportError:
        print(f"asyncapi-ws-docs mock: {INSTALL_HINT}", file=sys.stderr)  # noqa: T201
        return EXIT_BAD_INPUT
    try:
        server = MockServer(
            load(args.specs, application=args.application),
            interval=args.interval,
            seed=args.seed,
            log=lambda line: print(line, flush=True),  # noqa: T201 (the command's output)
        )
    except MockError as error:
        print(error, file=sys.stderr)  # noqa: T201
        return EXIT_BAD_INPUT
    if not server.routes:
        names = ", ".join(str(s) for s in args.specs)
        print(  # noqa: T201
            f"{names}: no WebSocket channel to serve: no channel is on a ws or wss server. "
            "Add `protocol: ws` (or wss) to a server of the channels, or leave `servers` out.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    base = f"ws://{args.host}:{args.port}"
    table = served_urls(server.routes, base)
    width = max(len(channel) for _, channel, _ in table)
    url_width = max(len(url) for _, _, url in table)
    for spec, channel, url in table:
        print(f"  {channel:<{width}}  {url:<{url_width}}  ({spec})")  # noqa: T201
    for note in shadowed(server.routes):
        print(f"note: {note}", file=sys.stderr)  # noqa: T201
    try:
        return asyncio.run(_serve(server, args.host, args.port))
    except KeyboardInterrupt:  # where the loop could not take the signal itself
        return EXIT_OK
    except OSError as error:
        reason = (
            "the port is in use (another server, or a mock already running): choose another "
            "with --port"
            if error.errno == errno.EADDRINUSE
            else str(error)
        )
        print(f"asyncapi-ws-docs mock: cannot listen on {base}: {reason}", file=sys.stderr)  # noqa: T201
        return EXIT_BAD_INPUT


async def _serve(server: MockServer, host: str, port: int) -> int:
    """Listen until SIGINT or SIGTERM, then close every connection (1001) and stop."""
    listening = await server.start(host, port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # Windows: KeyboardInterrupt
            loop.add_signal_handler(signal_number, stop.set)
    print(f"Mock server serving on ws://{host}:{port} (Ctrl-C stops it)", flush=True)  # noqa: T201
    await stop.wait()
    listening.close()
    await listening.wait_closed()
    print("Mock server stopped.", flush=True)  # noqa: T201
    return EXIT_OK
