"""Golden files for the message-flow diagram of the corpus' shapes: SVG and Mermaid, byte for byte.

The shapes the diagram must draw well: 2.x publish/subscribe with `oneOf` over 47 messages
(grouped), 3.x send/receive with a reply on the same channel and on another one, a stream, and
a channel with no operations. Regenerate with `UPDATE_GOLDEN=1 python -m pytest tests/golden`
after an intended change, and review the diff (open the `.svg` files in a browser).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from asyncapi_ws_docs.document.conversation import conversation
from asyncapi_ws_docs.document.readers import load_spec
from asyncapi_ws_docs.page.diagram import channel_flow, mermaid, svg
from asyncapi_ws_docs.page.links import Linker
from tests.conftest import CORPUS_DIR, REPO_ROOT

EXPECTED = Path(__file__).parent / "expected" / "diagrams"
NO_OPERATIONS = REPO_ROOT / "tests" / "data" / "diagrams" / "no-operations.yaml"
KRAKEN = CORPUS_DIR / "spec-examples__kraken-websocket-request-reply-multiple-channels-asyncapi.yml"

CASES = {
    "slack-rtm": (CORPUS_DIR / "spec-examples__slack-rtm.yml", "/"),
    "postman-echo": (CORPUS_DIR / "generator-ws-fixtures__asyncapi-postman-echo.yml", "echo"),
    "kraken-ping": (KRAKEN, "ping"),
    "kraken-currency-info": (KRAKEN, "currencyInfo"),
    "kraken-heartbeat": (KRAKEN, "heartbeat"),
    "firezone-client-ctl": (CORPUS_DIR / "firezone__asyncapi.yml", "/v1/client-ctl"),
    "no-operations": (NO_OPERATIONS, "notifications"),
}


@pytest.mark.parametrize("name", CASES)
def test_the_diagram_matches_its_golden_files(name: str) -> None:
    path, channel_id = CASES[name]
    if not path.is_file():
        pytest.skip(f"the spec corpus is missing: {path}")
    spec, diagnostics = load_spec(path, roots=[path.parent], display_base=path.parent)
    assert spec is not None, [d.format() for d in diagnostics]
    channel = spec.channel(channel_id)
    assert channel is not None
    links = Linker(
        [c.id for c in spec.channels], {c.id: [m.key for m in c.messages] for c in spec.channels}
    )
    flow = channel_flow(spec, channel, links, conversation(spec))
    rendered = {f"{name}.svg": svg(flow) + "\n", f"{name}.mmd": mermaid(flow) + "\n"}
    if os.environ.get("UPDATE_GOLDEN"):
        EXPECTED.mkdir(parents=True, exist_ok=True)
        for file, text in rendered.items():
            (EXPECTED / file).write_text(text, encoding="utf-8")
    for file, text in rendered.items():
        assert text == (EXPECTED / file).read_text(encoding="utf-8"), f"{file} differs"
