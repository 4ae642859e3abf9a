"""Ready-to-run connection snippets for a channel, in the clients developers reach for.

Every snippet opens the same handshake (`handshake.connection`: URL with the query filled in,
the declared headers, credentials as placeholders) and sends a first message taken from the
examples of a message the application receives. Strings are written as JSON string literals,
which JavaScript, Python, Go, Java and C# all read as the same text.
"""

from __future__ import annotations

import dataclasses
import json
import re
from functools import partial
from typing import TYPE_CHECKING, Any

from asyncapi_ws_docs.document.model import MISSING
from asyncapi_ws_docs.page.handshake import ClientSnippet, Connection, connection
from asyncapi_ws_docs.page.labels import ENGLISH_LABELS, Labels
from asyncapi_ws_docs.page.text import code_html, escape_html

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from asyncapi_ws_docs.document.conversation import ChannelConversation
    from asyncapi_ws_docs.document.model import Channel, Spec

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


def wire_text(content_type: str, payload: Any, *, indent: int | None = 2) -> str:
    """An example payload as it travels, in the form the page shows it.

    JSON text for JSON messages, a string payload as written, anything else as JSON.
    `indent=None` writes the JSON compact, as the mock server sends it.
    """
    if "json" in content_type.lower() or not isinstance(payload, str):
        return json.dumps(payload, indent=indent, ensure_ascii=False)
    return payload


def first_message(channel: Channel, traffic: ChannelConversation) -> tuple[str, bool]:
    """A message a client would send first (JSON text), and whether it is a binary frame.

    One the client sends (`traffic`, the channel's conversation) when one has an example, else
    any message of the channel with one.
    """
    sent = set(traffic.sends("client"))
    candidates = sorted(channel.messages, key=lambda m: m.key not in sent)
    for message in candidates:
        payload = next((e.payload for e in message.examples if e.payload is not MISSING), MISSING)
        if payload is not MISSING:
            text = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
            return text, frame_of(message.content_type) == "binary"
    return "", False


def client_snippets(
    spec: Spec,
    channel: Channel,
    traffic: ChannelConversation,
    *,
    clients: Iterable[str] = CLIENTS,
    labels: Labels = ENGLISH_LABELS,
) -> tuple[ClientSnippet, ...]:
    """The snippets for the chosen clients (unknown names are ignored)."""
    message, binary = first_message(channel, traffic)
    # a binary example cannot be pasted as text
    return snippets_for(
        connection(spec, channel), "" if binary else message, clients=clients, labels=labels
    )


def snippets_for(
    handshake: Connection,
    message: str,
    *,
    clients: Iterable[str] = CLIENTS,
    labels: Labels = ENGLISH_LABELS,
) -> tuple[ClientSnippet, ...]:
    """The snippets that open `handshake` and send `message` ("" for none) first."""
    builders: dict[str, tuple[str, str, Callable[[Connection, str], str]]] = {
        "websocat": ("websocat", "bash", partial(_websocat, hint=labels.websocat_type_messages)),
        "javascript": (labels.client_browser, "javascript", _browser),
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
            names = ", ".join(code_html(name) for name in handshake.required_headers)
            note = labels.fill("browser_snippet_note", names=names)
            snippets.append(
                ClientSnippet(key, label, language, "", note, note_html=_browser_note_html(note))
            )
            continue
        code = build(handshake, message)
        template = _template(build, handshake, message, code)
        snippets.append(ClientSnippet(key, label, language, code, template=template))
    return tuple(snippets)


SLOT = "zzAsyncapiWsSlot{}zz"
"""A spec value's place in a template: letters and digits, which every quoting here keeps."""


def _template(
    build: Callable[[Connection, str], str], handshake: Connection, message: str, code: str
) -> str:
    """The snippet with the spec's values (URL, header values, message) as placeholders.

    The message stays literal where the snippet does not quote it as a string (JavaScript's
    `JSON.stringify({...})`): a template is usable only if filling its placeholders with the
    values, quoted as the snippet quotes them, gives back `code` (`SnippetHTML` checks).
    """
    slots = dataclasses.replace(
        handshake,
        url=SLOT.format(0),
        headers=tuple((name, SLOT.format(i + 1)) for i, (name, _) in enumerate(handshake.headers)),
    )
    last = SLOT.format(len(handshake.headers) + 1)
    values = [handshake.url, *(value for _, value in handshake.headers)]
    if any("zzAsyncapiWsSlot" in value for value in [*values, message]):
        return ""  # a spec quoting our placeholder: highlight it whole
    with_message = build(slots, last) if message else ""
    for candidate in (with_message, build(slots, message)):
        if candidate and slot_values(template_parts(candidate), code) is not None:
            return candidate
    return ""


SLOT_PATTERN = re.compile(r"zzAsyncapiWsSlot(\d+)zz")


def template_parts(template: str) -> tuple[str, ...]:
    """The template split at its placeholders: text, slot number, text, ..., text."""
    return tuple(SLOT_PATTERN.split(template))  # split, not a pattern compiled per snippet


def slot_values(parts: tuple[str, ...], code: str) -> list[tuple[str, str]] | None:
    """The (slot, text) pairs that make the template's `parts` give `code`; None if none do.

    Each text ends where its next literal part is first found: a miss is only highlighted whole.
    """
    if len(parts) == 1:
        return [] if code == parts[0] else None
    head, tail = parts[0], parts[-1]
    if len(code) < len(head) + len(tail) or not code.startswith(head) or not code.endswith(tail):
        return None
    position, end = len(head), len(code) - len(tail)
    values: list[tuple[str, str]] = []
    for index in range(1, len(parts) - 1, 2):
        literal = parts[index + 1]
        found = end if index + 2 == len(parts) else code.find(literal, position, end)
        if found < 0:
            return None
        values.append((parts[index], code[position:found]))
        position = found + len(literal)
    return values


# What a value may hold, once quoted as the snippet quotes it, for its highlighted text to be
# the value itself inside the string (or comment) token of the template: every lexer here
# reads such text as one token of the type around it. Anything else is highlighted whole.
# tests/property/test_snippet_html.py checks, over the corpus and hostile strings, that the
# HTML is byte-identical to highlighting the final code.
_JSON_STRING = r"(?:[^\"\\\r\n]|\\[^\r\n])*"
_INERT = {
    # single-quoted shell words and a `#` comment line
    "bash": re.compile(r"[^'\\\r\n]*"),
    # Python `repr`: no escapes, no `%` or `{...}` formatting
    "python": re.compile(r"(?:[^\\%{'\r\n]|\{(?=\"))*"),
    # JSON string literals
    "javascript": re.compile(_JSON_STRING),
    "go": re.compile(_JSON_STRING),
    "java": re.compile(_JSON_STRING),
    "csharp": re.compile(_JSON_STRING),
}
CHECKED = ' checked="checked"'
_LINE_BREAKS = re.compile("[\v\f\x1c-\x1e\x85\u2028\u2029]")


class SnippetHTML:
    """The "Try it" section as HTML: a tab set (Material's content tabs) or titled blocks.

    `highlight(code, language)` gives a code block's HTML as the site's fences would
    (`highlight.CodeHighlighter.html`). Each snippet's template is highlighted once, and the
    values of each channel go into its string tokens, HTML-escaped as Pygments escapes them:
    a channel page costs string replacements instead of a Pygments run per client.
    """

    def __init__(
        self,
        highlight: Callable[[str, str], str],
        *,
        tabbed: bool,
        substitute: bool = True,
        search_exclude: bool = True,
    ) -> None:
        """`tabbed`: content tabs (pymdownx.tabbed, alternate style) rather than titled blocks.

        `substitute`: fill highlighted templates (False: highlight every snippet whole).
        `search_exclude`: mark the code blocks `data-search-exclude` (Material's search).
        """
        self.highlight = highlight
        self.tabbed = tabbed
        self.substitute = substitute
        self.search_exclude = search_exclude
        self._templates: dict[tuple[str, str], tuple[str, tuple[str, ...]] | None] = {}
        self._escape = _escaping(highlight) if substitute else escape_html
        self.highlighted = 0
        """Pygments runs (templates and whole snippets), for tests and the benchmark."""

    def code_html(self, snippet: ClientSnippet) -> str:
        """One snippet's highlighted code block."""
        if self.substitute and snippet.template:
            filled = self._filled(snippet)
            if filled is not None:
                return filled
        self.highlighted += 1
        return self.highlight(snippet.code, snippet.language)

    def _filled(self, snippet: ClientSnippet) -> str | None:
        key = (snippet.language, snippet.template)
        if key not in self._templates:
            if len(self._templates) > 4096:  # many specs under `mkdocs serve`: start afresh
                self._templates.clear()
            self.highlighted += 1
            html = self.highlight(snippet.template, snippet.language)
            slots = SLOT_PATTERN.findall(snippet.template)
            intact = all(html.count(SLOT.format(slot)) == slots.count(slot) for slot in set(slots))
            self._templates[key] = (html, template_parts(snippet.template)) if intact else None
        entry = self._templates[key]
        inert = _INERT.get(snippet.language)
        if entry is None or inert is None:
            return None
        html, parts = entry
        found = slot_values(parts, snippet.code)
        if found is None:
            return None
        values: dict[str, str] = {}
        for slot, text in found:
            if values.setdefault(slot, text) != text or not inert.fullmatch(text):
                return None
            # Pygments expands tabs by their column (`tabsize`): only the whole text knows it.
            if _LINE_BREAKS.search(text) or "\t" in text:
                return None
        for slot, text in values.items():
            html = html.replace(SLOT.format(slot), self._escape(text))
        return html

    def section(self, snippets: tuple[ClientSnippet, ...], *, anchor: str) -> str:
        """The section's HTML below its heading; `anchor` makes the tabs' ids unique."""
        bodies = [
            self._exclude(self.code_html(s)) if s.code else f"<p>{s.note_html}</p>"
            for s in snippets
        ]
        if not self.tabbed:
            return "\n\n".join(
                f'<p class="asyncapi-subheading"><strong>{escape_html(s.label)}</strong></p>\n'
                f"{body}"
                for s, body in zip(snippets, bodies, strict=True)
            )
        # pymdownx.tabbed's alternate markup, which Material styles and scripts.
        ids = [f"{anchor}-{index}" for index in range(1, len(snippets) + 1)]
        inputs = "".join(
            f'<input{CHECKED if index == 0 else ""} id="{tab}" name="{anchor}" type="radio" />'
            for index, tab in enumerate(ids)
        )
        labels = "".join(
            f'<label for="{tab}">{escape_html(s.label)}</label>'
            for tab, s in zip(ids, snippets, strict=True)
        )
        blocks = "\n".join(f'<div class="tabbed-block">\n{body}\n</div>' for body in bodies)
        return (
            f'<div class="tabbed-set tabbed-alternate" data-tabs="1:{len(snippets)}">'
            f'{inputs}<div class="tabbed-labels">{labels}</div>\n'
            f'<div class="tabbed-content">\n{blocks}\n</div>\n</div>'
        )

    def _exclude(self, code: str) -> str:
        """Keep a code block out of Material's search index.

        On the block's outer `<div>`, which holds no other `<div>`: Material's search parser
        compares elements by tag, and the first `</div>` inside an excluded `<div>` would end
        the exclusion.
        """
        if not self.search_exclude or not code.startswith("<div "):
            return code
        return "<div data-search-exclude " + code[len("<div ") :]


def _escaping(highlight: Callable[[str, str], str]) -> Callable[[str], str]:
    """HTML escaping as the highlighter's Pygments does it in code.

    Pygments escapes `&`, `<` and `>` in code; versions before 2.18 quotes as well. One plain
    text block says which.
    """
    probe = highlight("\"'", "text")
    quote = "&quot;" if "&quot;" in probe else '"'
    apostrophe = "&#39;" if "&#39;" in probe else "'"

    def escape(text: str) -> str:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return text.replace('"', quote).replace("'", apostrophe)

    return escape


def _browser_note_html(note: str) -> str:
    """The browser note (Markdown with code spans and `<code>` HTML) as HTML."""
    return re.sub(r"`([^`]+)`", lambda match: code_html(match[1]), note)


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


def _websocat(handshake: Connection, message: str, *, hint: str) -> str:
    headers = "".join(f" \\\n  -H {_shell(f'{n}: {v}')}" for n, v in handshake.headers)
    command = f"websocat{headers} \\\n  {_shell(handshake.url)}"
    return f"# {hint}\n# {message}\n{command}" if message else command


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
