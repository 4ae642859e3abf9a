"""Real MkDocs builds of the imperfect specs of `tests/data/imperfect/`: nothing dropped, no link
that MkDocs cannot resolve, generated or embedded."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup

from tests.conftest import REPO_ROOT

if TYPE_CHECKING:
    import pytest

DATA = REPO_ROOT / "tests" / "data" / "imperfect"
SPECS = ("unlisted-replies", "no-address", "server-query")
CONFIG = (
    "site_name: Imperfect\ntheme: {name: mkdocs}\n"
    "validation:\n  links: {not_found: warn, anchors: warn, unrecognized_links: warn}\n"
    "markdown_extensions: [toc, tables, pymdownx.superfences, asyncapi_ws_docs.markdown]\n"
    "plugins:\n  - asyncapi-ws-docs:\n      clients: [websocat]\n      specs:\n"
    + "".join(f"        - {{path: asyncapi/{name}.yaml, output: {name}}}\n" for name in SPECS)
)
EMBEDDED = "# Embedded\n\n" + "\n".join(
    f"```asyncapi-ws\nspec: asyncapi/unlisted-replies.yaml\n{options}\n```\n"
    for options in (
        "show: spec",
        "show: operation\noperation: placeOrder",
        "show: message\nchannel: orders\nmessage: orderRejected",
        "show: channel\nchannel: orders",
    )
)


def test_imperfect_specs_build_with_every_link_resolved(
    build_site, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="mkdocs")
    files = {f"asyncapi/{name}.yaml": (DATA / f"{name}.yaml").read_text() for name in SPECS}
    site = build_site(CONFIG, {**files, "docs/embedded.md": EMBEDDED})
    problems = [r.getMessage() for r in caplog.records if "link" in r.getMessage()]
    assert problems == []
    orders = BeautifulSoup(
        (site / "unlisted-replies" / "channels" / "orders" / "index.html").read_text(),
        "html.parser",
    )
    headings = [h.get_text(" ", strip=True) for h in orders.select("h3")]
    assert headings[-4:] == ["placeOrder", "orderAccepted", "orderRejected", "cancelOrder"]
    reply_cell = orders.find(id="operation-place-order")
    assert reply_cell is not None
    row_links = [a["href"] for a in reply_cell.find_parent("tr").select("a[href]")]
    assert row_links == [
        "#message-place-order",
        "#message-order-accepted",
        "#message-order-rejected",
    ]
