"""The flow as Mermaid `sequenceDiagram` source, for readers who paste it elsewhere."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from asyncapi_ws_docs.document.conversation import other
from asyncapi_ws_docs.page.diagram.flow import message_list

if TYPE_CHECKING:
    from asyncapi_ws_docs.page.diagram.flow import Arrow, Flow


_MERMAID_ESCAPES = {
    "#": "#35;",
    ";": "#59;",
    "<": "#60;",
    ">": "#62;",
    "&": "#38;",
    '"': "#34;",
    "%": "#37;",
    "{": "#123;",
    "}": "#125;",
    "`": "#96;",
}
_MERMAID_SPECIAL = re.compile("[" + re.escape("".join(_MERMAID_ESCAPES)) + "]")


def _mermaid_text(text: str) -> str:
    """Text for a Mermaid label: one line, with Mermaid's `#code;` entities for its syntax."""
    one_line = " ".join(text.split())
    return _MERMAID_SPECIAL.sub(lambda match: _MERMAID_ESCAPES[match[0]], one_line)


def mermaid(flow: Flow) -> str:
    """The same diagram as Mermaid `sequenceDiagram` source."""
    app = flow.perspective.application
    say = flow.labels
    names = {side: say[f"diagram_{side}"] for side in ("client", "server")}
    names[app] += f" ({flow.application_name})" if flow.application_name else ""
    lines = [
        "sequenceDiagram",
        f"    title {_mermaid_text(say.fill('mermaid_title', title=flow.title))}",
        f"    participant client as {_mermaid_text(names['client'])}",
        f"    participant server as {_mermaid_text(names['server'])}",
    ]
    shake = flow.handshake
    request = shake.request_line()
    if shake.headers:
        request += f" ({say.fill('headers_list', headers=', '.join(shake.headers))})"
    lines += [
        f"    client->>server: {_mermaid_text(request)}",
        "    server-->>client: 101 Switching Protocols",
        f"    Note over client,server: {_mermaid_text(say.websocket_open)}",
    ]
    lines += _mermaid_rows(flow.exchanges, "    ")
    if flow.streams:
        repeats = _mermaid_text(say.repeats)
        lines += [f"    loop {repeats}", *_mermaid_rows(flow.streams, "        "), "    end"]
    if flow.undirected:
        names_ = message_list(flow.undirected)
        lines.append(
            f"    Note over client,server: {_mermaid_text(say.direction_not_declared)}: "
            f"{_mermaid_text(names_)}"
        )
    return "\n".join(lines)


def _mermaid_rows(rows: tuple[Arrow, ...], indent: str) -> list[str]:
    lines = []
    for row in rows:
        if row.kind in ("more", "undirected"):
            lines.append(f"{indent}Note over client,server: {_mermaid_text(row.label)}")
            continue
        arrow = "-->>" if row.kind == "reply" else "->>"
        text = f"{row.label} ({row.note})" if row.note else row.label
        lines.append(f"{indent}{row.sender}{arrow}{other(row.sender)}: {_mermaid_text(text)}")
    return lines
