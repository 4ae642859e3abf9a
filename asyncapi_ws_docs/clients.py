"""Ready-to-run connection snippets for a channel, in the clients developers reach for.

Every snippet opens the same handshake (`handshake.connection`: URL with the query filled in,
the declared headers, credentials as placeholders) and sends a first message taken from the
examples of a message the application receives. Strings are written as JSON string literals,
which JavaScript, Python, Go, Java and C# all read as the same text.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from asyncapi_ws_docs.handshake import ClientSnippet, Connection, connection
from asyncapi_ws_docs.model import MISSING
from asyncapi_ws_docs.text import code_html

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from asyncapi_ws_docs.model import Channel, Spec

CLIENTS = ("websocat", "javascript", "nodejs", "python", "go", "java", "csharp")
"""Every client a page can show, in the order of its tabs."""

BINARY_TYPES = ("octet-stream", "msgpack", "protobuf", "x-protobuf", "avro", "cbor", "bson")


def frame_of(content_type: str) -> str:
    """`text` or `binary`: which WebSocket frame a message of this content type travels in."""
    kind = content_type.lower()
    if any(marker in kind for marker in BINARY_TYPES) or kind.startswith(("image/", "audio/")):
        return "binary"
    if not kind or "json" in kind or "xml" in kind or "yaml" in kind or kind.startswith("text/"):
        return "text"
    return ""


def wire_text(content_type: str, payload: Any) -> str:
    """An example payload as it travels, in the form the page shows it.

    JSON text for JSON messages, a string payload as written, anything else as JSON.
    """
    if "json" in content_type.lower() or not isinstance(payload, str):
        return json.dumps(payload, indent=2, ensure_ascii=False)
    return payload


def first_message(spec: Spec, channel: Channel) -> tuple[str, bool]:
    """A message a client would send first (JSON text), and whether it is a binary frame."""
    received = [
        k for op in spec.operations_of(channel) if op.action == "receive" for k in op.message_keys
    ]
    candidates = sorted(channel.messages, key=lambda m: m.key not in received)
    for message in candidates:
        payload = next((e.payload for e in message.examples if e.payload is not MISSING), MISSING)
        if payload is not MISSING:
            text = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
            return text, frame_of(message.content_type) == "binary"
    return "", False


def client_snippets(
    spec: Spec, channel: Channel, *, clients: Iterable[str] = CLIENTS
) -> tuple[ClientSnippet, ...]:
    """The snippets for the chosen clients (unknown names are ignored)."""
    handshake = connection(spec, channel)
    message, binary = first_message(spec, channel)
    if binary:
        message = ""  # a binary example cannot be pasted as text
    builders: dict[str, tuple[str, str, Callable[[Connection, str], str]]] = {
        "websocat": ("websocat", "bash", _websocat),
        "javascript": ("JavaScript (browser)", "javascript", _browser),
        "nodejs": ("Node.js (ws)", "javascript", _node),
        "python": ("Python (websockets)", "python", _python),
        "go": ("Go (coder/websocket)", "go", _go),
        "java": ("Java (java.net.http)", "java", _java),
        "csharp": ("C# (ClientWebSocket)", "csharp", _csharp),
    }
    snippets = []
    for key in clients:
        if key not in builders:
            continue
        label, language, build = builders[key]
        if key == "javascript" and handshake.required_headers:
            snippets.append(ClientSnippet(key, label, language, "", _browser_note(handshake)))
            continue
        snippets.append(ClientSnippet(key, label, language, build(handshake, message)))
    return tuple(snippets)


def _browser_note(handshake: Connection) -> str:
    names = ", ".join(code_html(name) for name in handshake.required_headers)
    return (
        f"Browsers cannot send custom handshake headers, and this handshake requires {names}. "
        "`new WebSocket(url, protocols)` can only send a query string and "
        "`Sec-WebSocket-Protocol`: use a server-side client, or an alternative "
        "the API documents (a token in the query, a subprotocol)."
    )


def _js_message(message: str) -> str:
    """JSON text as a JavaScript expression: `JSON.stringify({...})`, else a string literal."""
    try:
        json.loads(message)
    except ValueError:
        return _s(message)
    return f"JSON.stringify({message})"


def _s(text: str) -> str:
    """A double-quoted string literal (JSON escaping, valid in every language here)."""
    return json.dumps(text, ensure_ascii=False)


def _shell(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def _websocat(handshake: Connection, message: str) -> str:
    headers = "".join(f" \\\n  -H {_shell(f'{n}: {v}')}" for n, v in handshake.headers)
    command = f"websocat{headers} \\\n  {_shell(handshake.url)}"
    if message:
        return f"# Type messages after it connects, for example:\n# {message}\n{command}"
    return command


def _browser(handshake: Connection, message: str) -> str:
    lines = [f"const socket = new WebSocket({_s(handshake.url)});"]
    if message:
        lines.append(f'socket.addEventListener("open", () => socket.send({_js_message(message)}));')
    lines.append('socket.addEventListener("message", (event) => console.log(event.data));')
    return "\n".join(lines)


def _node(handshake: Connection, message: str) -> str:
    headers = ", ".join(f"{_s(n)}: {_s(v)}" for n, v in handshake.headers)
    lines = [
        'import WebSocket from "ws";',
        "",
        f"const socket = new WebSocket({_s(handshake.url)}, {{ headers: {{ {headers} }} }});"
        if headers
        else f"const socket = new WebSocket({_s(handshake.url)});",
    ]
    if message:
        lines.append(f'socket.on("open", () => socket.send({_js_message(message)}));')
    lines.append('socket.on("message", (data) => console.log(data.toString()));')
    return "\n".join(lines)


def _python(handshake: Connection, message: str) -> str:
    headers = ", ".join(f"{_s(n)}: {_s(v)}" for n, v in handshake.headers)
    arguments = [f"        {_s(handshake.url)},"]
    if headers:
        arguments.append(f"        additional_headers={{{headers}}},")
    body = [f"        await websocket.send({message!r})"] if message else []
    return "\n".join(
        [
            "import asyncio",
            "",
            "from websockets.asyncio.client import connect",
            "",
            "",
            "async def main() -> None:",
            "    async with connect(",
            *arguments,
            "    ) as websocket:",
            *body,
            "        async for frame in websocket:",
            "            print(frame)",
            "",
            "",
            "asyncio.run(main())",
        ]
    )


def _go(handshake: Connection, message: str) -> str:
    headers = [f"\theader.Set({_s(n)}, {_s(v)})" for n, v in handshake.headers]
    send = (
        [
            (
                f"\tif err := conn.Write(ctx, websocket.MessageText, []byte({_s(message)}));"
                " err != nil {"
            ),
            "\t\tlog.Fatal(err)",
            "\t}",
        ]
        if message
        else []
    )
    return "\n".join(
        [
            "package main",
            "",
            "import (",
            '\t"context"',
            '\t"log"',
            '\t"net/http"',
            "",
            '\t"github.com/coder/websocket"',
            ")",
            "",
            "func main() {",
            "\tctx := context.Background()",
            "\theader := http.Header{}",
            *headers,
            (
                f"\tconn, _, err := websocket.Dial(ctx, {_s(handshake.url)}, "
                "&websocket.DialOptions{HTTPHeader: header})"
            ),
            "\tif err != nil {",
            "\t\tlog.Fatal(err)",
            "\t}",
            "\tdefer conn.CloseNow()",
            *send,
            "\tfor {",
            "\t\t_, data, err := conn.Read(ctx)",
            "\t\tif err != nil {",
            "\t\t\tlog.Fatal(err)",
            "\t\t}",
            '\t\tlog.Printf("%s", data)',
            "\t}",
            "}",
        ]
    )


def _java(handshake: Connection, message: str) -> str:
    headers = [f"            .header({_s(n)}, {_s(v)})" for n, v in handshake.headers]
    send = [f"        socket.sendText({_s(message)}, true).join();"] if message else []
    return "\n".join(
        [
            "import java.net.URI;",
            "import java.net.http.HttpClient;",
            "import java.net.http.WebSocket;",
            "import java.util.concurrent.CompletionStage;",
            "",
            "public class Connect {",
            "    public static void main(String[] args) throws Exception {",
            "        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()",
            *headers,
            f"            .buildAsync(URI.create({_s(handshake.url)}), new WebSocket.Listener() {{",
            "                @Override",
            "                public CompletionStage<?> onText(",
            "                        WebSocket ws, CharSequence data, boolean last) {",
            "                    System.out.println(data);",
            "                    return WebSocket.Listener.super.onText(ws, data, last);",
            "                }",
            "            })",
            "            .join();",
            *send,
            "        Thread.currentThread().join();",
            "    }",
            "}",
        ]
    )


def _csharp(handshake: Connection, message: str) -> str:
    headers = [f"socket.Options.SetRequestHeader({_s(n)}, {_s(v)});" for n, v in handshake.headers]
    send = (
        [
            (
                f"await socket.SendAsync(Encoding.UTF8.GetBytes({_s(message)}), "
                "WebSocketMessageType.Text, true, CancellationToken.None);"
            )
        ]
        if message
        else []
    )
    return "\n".join(
        [
            "using System.Net.WebSockets;",
            "using System.Text;",
            "",
            "using var socket = new ClientWebSocket();",
            *headers,
            f"await socket.ConnectAsync(new Uri({_s(handshake.url)}), CancellationToken.None);",
            *send,
            "var buffer = new byte[64 * 1024];",
            "while (socket.State == WebSocketState.Open)",
            "{",
            "    var result = await socket.ReceiveAsync(buffer, CancellationToken.None);",
            "    Console.WriteLine(Encoding.UTF8.GetString(buffer, 0, result.Count));",
            "}",
        ]
    )
