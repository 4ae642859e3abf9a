"""A mock WebSocket server that answers as a spec says: `asyncapi-ws-docs mock`, `mock_server`.

It reads the model and the conversation (`document/`) and the page's URL and credential rules
(`page.handshake`), never the site: one place decides a channel's path, who sends what and what
a credential is, and the pages and the mock read the same answers. `websockets` is needed only
here (the `mock` extra).
"""

from __future__ import annotations

from asyncapi_ws_docs.mock.api import mock_server

__all__ = ["mock_server"]
