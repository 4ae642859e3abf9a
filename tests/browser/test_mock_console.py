"""The console of our own docs talks to `asyncapi-ws-docs mock`, in a real browser.

mkdocs.yml sets `console_mock: ws://127.0.0.1:8765`, so every console offers "Mock server" with
the channel's path. The test's mock listens on a free port (8765 may be taken on a shared
machine), so the reader's step of editing the URL's port is the one thing the test adds.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from asyncapi_ws_docs.mock import mock_server
from tests.conftest import REPO_ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from .conftest import PageProblems

pytestmark = pytest.mark.browser

REALTIME = REPO_ROOT / "docs" / "asyncapi" / "realtime.yaml"
CLIENT_ID = "3f2c8a4e-9b1d-4c7e-8f6a-2d5b9e0c1a47"


def test_the_console_connects_to_the_mock_server_and_sees_the_reply(
    page: Page, docs_site: str, page_problems: PageProblems
) -> None:
    lines: list[str] = []
    with mock_server(REALTIME, interval=0, log=lines.append) as url:
        page.goto(docs_site + "reference/realtime/channels/real-time-updates/")
        page.get_by_label("Server").select_option(label="Mock server (ws)")
        field = page.get_by_label("URL")
        expect(field).to_have_value(f"ws://127.0.0.1:8765/v1/updates?clientId={CLIENT_ID}")
        field.fill(field.input_value().replace("ws://127.0.0.1:8765", url))
        page.get_by_role("button", name="Connect", exact=True).click()
        page.get_by_role("button", name="Send").click()

        received = page.get_by_role("log").locator(".asyncapi-console-received")
        expect(received).to_contain_text("the expected reply to Subscribe request")
        reply = json.loads(received.locator("pre").last.inner_text())
        assert reply["type"] == "subscribed"
        assert reply["requestId"] == "req-42"  # the example's, copied by the mock
    assert any("a browser cannot send Authorization: let in without it" in line for line in lines)
    assert page_problems.console_errors == []
