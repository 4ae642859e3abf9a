"""`asyncapi-ws-docs mock` as a user runs it: a real process, stopped with Ctrl-C (SIGINT).

The tests wait for the "serving" line the command prints once it listens, never a fixed time,
and every wait is bounded.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
from typing import TYPE_CHECKING

import pytest
from websockets.sync.client import connect

from asyncapi_ws_docs.cli import main
from tests.conftest import REPO_ROOT

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

WAIT_S = 10.0
REALTIME = REPO_ROOT / "docs" / "asyncapi" / "realtime.yaml"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Running:
    """The command in a subprocess; its output lines are read as they come."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "asyncapi_ws_docs.cli", "mock", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO_ROOT,
        )
        self.lines: list[str] = []
        self._new = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self._new:
                self.lines.append(line.rstrip("\n"))
                self._new.notify_all()

    def wait_for(self, text: str) -> str:
        """The first output line holding `text`; fails after `WAIT_S` seconds."""
        with self._new:
            found = self._new.wait_for(
                lambda: next((line for line in self.lines if text in line), None), WAIT_S
            )
        if found is None:
            pytest.fail(f"the mock never printed {text!r}; it printed {self.lines}", pytrace=False)
        return found

    def stop(self) -> tuple[int, str]:
        """Ctrl-C, as a terminal sends it: the exit status and what went to stderr."""
        self.process.send_signal(signal.SIGINT)
        status = self.process.wait(timeout=WAIT_S)
        self._reader.join(WAIT_S)  # every line read (stdout is the reader's alone)
        assert self.process.stderr is not None
        return status, self.process.stderr.read()


@pytest.fixture
def running() -> Iterator[Running]:
    port = free_port()
    command = Running(
        "docs/asyncapi/realtime.yaml", "--port", str(port), "--interval", "0", "--seed", "1"
    )
    yield command
    if command.process.poll() is None:
        command.process.kill()
        command.process.wait(timeout=WAIT_S)
    command._reader.join(WAIT_S)
    for pipe in (command.process.stdout, command.process.stderr):
        if pipe is not None:
            pipe.close()


def test_the_command_prints_its_urls_logs_frames_and_stops_cleanly_on_ctrl_c(
    running: Running,
) -> None:
    serving = running.wait_for("serving on")
    base = serving.split("serving on ", 1)[1].split()[0]
    assert running.lines[0].split() == [
        "realTimeUpdates",
        f"{base}/v1/updates",
        "(docs/asyncapi/realtime.yaml)",
    ]
    url = f"{base}/v1/updates?clientId=3f2c8a4e-9b1d-4c7e-8f6a-2d5b9e0c1a47"
    with connect(url, additional_headers={"Authorization": "Bearer x"}) as ws:
        ws.send(json.dumps({"type": "subscribe", "requestId": "r1", "widgets": ["w-1a2b3c4d"]}))
        assert json.loads(ws.recv(timeout=WAIT_S))["requestId"] == "r1"
    received = running.wait_for("subscribe")
    assert " in " in received
    assert "B text" in received
    assert " out " in running.wait_for("subscribed")

    status, stderr = running.stop()
    assert status == 0
    assert "Traceback" not in stderr
    assert running.lines[-1] == "Mock server stopped."


def main_in_its_own_thread(args: list[str]) -> int:
    """Run the command as its process would, on a thread with no event loop yet.

    The browser tests' Playwright (sync API) keeps an event loop running on the main thread for
    the whole session, and `asyncio.run` refuses to start beside it.
    """
    status: list[int] = []
    worker = threading.Thread(target=lambda: status.append(main(args)))
    worker.start()
    worker.join(WAIT_S)
    assert status, "the command did not return"
    return status[0]


def test_a_port_in_use_is_said_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main_in_its_own_thread(["mock", str(REALTIME), "--port", str(port)]) == 2
    assert f"cannot listen on ws://127.0.0.1:{port}: the port is in use" in capsys.readouterr().err


def test_a_spec_without_websocket_channels_is_said_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "kafka.yaml"
    spec.write_text(
        "asyncapi: 3.0.0\ninfo: {title: K, version: '1'}\n"
        "servers: {broker: {host: 'k:9092', protocol: kafka}}\n"
        "channels: {orders: {address: orders}}\n",
        encoding="utf-8",
    )
    assert main(["mock", str(spec)]) == 2
    assert "no WebSocket channel to serve" in capsys.readouterr().err


def test_an_unreadable_spec_is_said_with_its_file_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "broken.yaml"
    spec.write_text("asyncapi: 1.2.0\ninfo: {title: Old, version: '1'}\n", encoding="utf-8")
    assert main(["mock", str(spec)]) == 2
    err = capsys.readouterr().err
    assert "broken.yaml:1:" in err
    assert "1.2.0" in err
    assert "Traceback" not in err
