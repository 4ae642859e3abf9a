"""The flow as inline SVG, drawn at build time: no script, no network, the theme's colours.

It scales to its container, draws in `currentColor` so it follows the page's light or dark
palette, and is an image with an accessible name and a description in words (`describe`).
Text is escaped for XML (and against Jinja-running plugins) here; the template only places the
finished markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from asyncapi_ws_docs.document.conversation import SIDES, other
from asyncapi_ws_docs.page.diagram.flow import describe
from asyncapi_ws_docs.page.text import escape_html

if TYPE_CHECKING:
    from asyncapi_ws_docs.document.conversation import Side
    from asyncapi_ws_docs.page.diagram.flow import Arrow, Flow


FONT = 13
SMALL = 11
CHAR = 0.6
"""Width of a character in ems, on the wide side: labels are cut before they could overflow."""
BOX_W = 112
SIDE = 62
"""Distance from the edge of the picture to a lifeline."""
MIN_GAP, MAX_GAP = 216, 260
"""The space between the lifelines: at most 384 units in all, so at 360 px text stays 11 px."""
ROW = 30
SCALE = 1.25
"""The largest scale on wide screens (CSS px per unit): 13-unit text at most about 16 px."""


def _width(text: str, size: int = FONT) -> float:
    return len(text) * size * CHAR


def _cut(text: str, room: float, size: int = FONT) -> tuple[str, bool]:
    """`text` cut with an ellipsis to fit `room` units; and whether it was cut."""
    fits = max(4, int(room / (size * CHAR)))
    return (text, False) if len(text) <= fits else (text[: fits - 1].rstrip() + "…", True)


class _Svg:
    """Writes one flow as SVG, top to bottom."""

    def __init__(self, flow: Flow) -> None:
        self.flow = flow
        rows = [*flow.exchanges, *flow.streams, *flow.undirected]
        shake = flow.handshake
        wanted = max(
            [
                _width(f"{shake.method} {shake.path}"),
                _width(f"?{'&'.join(shake.query)}"),
                *(max(_width(a.label), _width(a.note, SMALL)) for a in rows if a.kind != "more"),
            ]
        )
        self.gap = min(MAX_GAP, max(MIN_GAP, wanted + 40))
        self.width = self.gap + 2 * SIDE
        self.client_x = SIDE
        self.server_x = SIDE + self.gap
        self.y = 8.0
        self.out: list[str] = []

    def x(self, side: Side) -> float:
        return self.client_x if side == "client" else self.server_x

    def text(  # noqa: PLR0913 (keyword-only look of one label)
        self,
        x: float,
        y: float,
        text: str,
        *,
        size: int = FONT,
        room: float | None = None,
        href: str = "",
        extra: str = "",
    ) -> None:
        """A centred label, cut to `room` with the whole text in a `<title>`; linked if `href`."""
        shown, cut = _cut(text, room if room is not None else self.gap - 24, size)
        title = f"<title>{escape_html(text)}</title>" if cut else ""
        size_attr = "" if size == FONT else f' font-size="{size}"'
        element = (
            f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="middle"{size_attr}{extra}>'
            f"{title}{escape_html(shown)}</text>"
        )
        if href:
            # `xlink:href`, not `href`: Material's instant navigation rewrites every `[href]`
            # of a page by assigning to its `href` property, read-only on an SVG link (an
            # error on every page). Chromium then keeps the link focusable but names no role.
            element = f'<a role="link" xlink:href="{escape_html(href)}">{element}</a>'
        self.out.append(element)

    def arrow(self, sender: Side, y: float, *, dashed: bool = False, faint: bool = False) -> None:
        start, end = self.x(sender), self.x(other(sender))
        step = 9 if end > start else -9
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        look = ' class="asyncapi-d-faint" opacity="0.6"' if faint else ""
        self.out.append(
            f'<g{look}><line x1="{_n(start)}" y1="{_n(y)}" x2="{_n(end - step)}" y2="{_n(y)}" '
            f'stroke="currentColor" stroke-width="1.5"{dash}/>'
            f'<path d="M{_n(end)} {_n(y)}l{_n(-step)} -4.5v9z" stroke="none"/></g>'
        )

    def message_row(self, arrow: Arrow) -> None:
        """A labelled arrow; a reply dashed; a `more` or undirected row as centred text."""
        middle = (self.client_x + self.server_x) / 2
        if arrow.kind == "more":
            self.text(
                middle, self.y + 16, arrow.label, href=arrow.href, extra=' font-style="italic"'
            )
            self.y += 24
            return
        if arrow.kind == "undirected":
            self.text(middle, self.y + 16, arrow.label, href=arrow.href)
            self.y += 24
            return
        extra = self.labelled(middle, self.y + 13, arrow)
        faint = arrow.kind == "request" and bool(arrow.note)  # a request on another channel
        self.arrow(arrow.sender, self.y + 20 + extra, dashed=arrow.kind == "reply", faint=faint)
        self.y += ROW + extra

    def labelled(self, x: float, y: float, arrow: Arrow) -> float:
        """An arrow's label, and its note in small type on a line of its own; the height."""
        self.text(x, y, arrow.label, href=arrow.href)
        if not arrow.note:
            return 0
        self.text(x, y + 13, arrow.note, size=SMALL, extra=' opacity="0.8"')
        return 13

    def heads(self) -> None:
        """The two participants, the documented one with its title when that is short."""
        app = self.flow.perspective.application
        for side in SIDES:
            x = self.x(side)
            self.out.append(
                f'<rect class="asyncapi-d-box" x="{_n(x - BOX_W / 2)}" y="{_n(self.y)}" '
                f'width="{BOX_W}" height="40" rx="6" fill="none" stroke="currentColor"/>'
            )
            name = self.flow.labels[f"diagram_{side}"]
            self.text(
                x,
                self.y + (18 if side == app else 25),
                name,
                room=BOX_W - 12,
                extra=' font-weight="bold"',
            )
            if side == app:
                self.text(
                    x,
                    self.y + 33,
                    self.flow.application_name,
                    size=SMALL,
                    room=BOX_W - 12,
                    extra=' opacity="0.8"',
                )
        self.y += 48

    def handshake(self) -> None:
        middle = (self.client_x + self.server_x) / 2
        shake = self.flow.handshake
        lines = [f"{shake.method} {shake.path}"]
        if shake.query:
            lines.append(f"?{'&'.join(shake.query)}")
        for index, line in enumerate(lines):
            self.text(middle, self.y + 13 + 16 * index, line, extra=' font-family="monospace"')
        y = self.y + 13 + 16 * len(lines)
        if shake.headers:
            self.text(
                middle,
                y,
                self.flow.labels.fill("headers_list", headers=", ".join(shake.headers)),
                size=SMALL,
                extra=' opacity="0.8"',
            )
            y += 14
        self.arrow("client", y - 6)
        self.y = y + 2
        self.text(middle, self.y + 13, "101 Switching Protocols")
        self.arrow("server", self.y + 20, dashed=True)
        self.y += ROW
        self.divider(self.flow.labels.websocket_open)

    def divider(self, label: str) -> None:
        """A rule across both lifelines with a label in a gap in its middle."""
        middle = (self.client_x + self.server_x) / 2
        half = _width(label, SMALL) / 2 + 6
        y = self.y + 10
        for x1, x2 in ((8, middle - half), (middle + half, self.width - 8)):
            self.out.append(
                f'<line x1="{_n(x1)}" y1="{_n(y)}" x2="{_n(x2)}" y2="{_n(y)}" '
                'stroke="currentColor" stroke-opacity="0.5" stroke-dasharray="2 3"/>'
            )
        self.text(middle, y + 4, label, size=SMALL, extra=' opacity="0.8"')
        self.y += 22

    def frame(self, label: str, rows: tuple[Arrow, ...]) -> None:
        """Rows inside a box with a tab (`repeats`, as in UML's `loop` fragments)."""
        top = self.y
        self.y += 22
        for row in rows:
            self.message_row(row)
        height = self.y - top + 4
        tab = _width(label, SMALL) + 14
        self.out.insert(
            self.frame_at,
            f'<rect class="asyncapi-d-frame" x="6" y="{_n(top)}" width="{_n(self.width - 12)}" '
            f'height="{_n(height)}" rx="4" fill="none" stroke="currentColor" '
            'stroke-opacity="0.45"/>'
            f'<path d="M6 {_n(top + 16)}h{_n(tab)}l6 -6v-10" fill="none" stroke="currentColor" '
            'stroke-opacity="0.45"/>',
        )
        self.out.append(
            f'<text x="12" y="{_n(top + 12)}" font-size="{SMALL}" font-weight="bold">'
            f"{escape_html(label)}</text>"
        )
        self.y += 10

    def write(self) -> str:
        flow = self.flow
        self.heads()
        lifelines_at = len(self.out)
        self.handshake()
        for row in flow.exchanges:
            self.message_row(row)
        if flow.streams:
            self.frame_at = len(self.out)
            self.frame(flow.labels.repeats, flow.streams)
        if flow.undirected:
            self.frame_at = len(self.out)
            self.frame(flow.labels.direction_not_declared, flow.undirected)
        if not (flow.exchanges or flow.streams or flow.undirected):
            self.text(
                (self.client_x + self.server_x) / 2,
                self.y + 16,
                flow.labels.diagram_no_messages,
                extra=' font-style="italic"',
            )
            self.y += 24
        bottom = self.y + 6
        self.out.insert(
            lifelines_at,
            "".join(
                f'<line class="asyncapi-d-life" x1="{_n(x)}" y1="56" x2="{_n(x)}" '
                f'y2="{_n(bottom)}" stroke="currentColor" stroke-opacity="0.35" '
                'stroke-dasharray="4 4"/>'
                for x in (self.client_x, self.server_x)
            ),
        )
        height = bottom + 8
        ident = escape_html(flow.id)
        svg_open = (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            'class="asyncapi-diagram-svg" '
            f'role="img" aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" '
            f'viewBox="0 0 {_n(self.width)} {_n(height)}" width="100%" '
            f'style="max-width: {_n(self.width * SCALE)}px" font-size="{FONT}" '
            'fill="currentColor">'
        )
        title = escape_html(flow.labels.fill("diagram_title", title=flow.title))
        return "\n".join(
            [
                svg_open,
                f'<title id="{ident}-title">{title}</title>',
                f'<desc id="{ident}-desc">{escape_html(describe(flow))}</desc>',
                *self.out,
                "</svg>",
            ]
        )

    frame_at = 0


def _n(value: float) -> str:
    """A coordinate without needless decimals: `12`, `12.5`."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def svg(flow: Flow) -> str:
    """The flow as an inline SVG element (one line per element, no blank line).

    It scales to its container (`viewBox`, `width="100%"`, a `max-width`), draws in
    `currentColor` so it follows the page's light or dark palette, and is an image with an
    accessible name and description (`role="img"`, `<title>`, `<desc>`, ids from `flow.id`).
    Labels link to the messages' sections on the page.
    """
    return _Svg(flow).write()
