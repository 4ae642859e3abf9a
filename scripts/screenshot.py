# ruff: noqa: INP001  (a standalone script, not part of a package)
"""Take a screenshot of a page in Debian's headless Chromium, for the README.

Usage::

    python scripts/screenshot.py URL OUT.png [--width 1280] [--height 900] [--dark]
                                             [--viewport-only]

Serve the site first (``mkdocs serve`` or ``python -m http.server -d site``), then point this at
a page. ``--dark`` switches a Material for MkDocs site to its ``slate`` scheme.

This module is also the one place that says how Chromium starts on this project's machines: the
browser tests (``tests/browser/conftest.py``) load :data:`CHROMIUM_PATH`,
:data:`CHROMIUM_ARGS` and :func:`launch_chromium` from here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import sync_playwright

if TYPE_CHECKING:
    from collections.abc import Sequence

    from playwright.sync_api import Browser, Page, Playwright

#: Debian's ``chromium`` package. ``playwright install`` cannot download its own browser here.
CHROMIUM_PATH = Path("/usr/bin/chromium")

#: Headless, as root, with no GPU, and with nothing that phones home: without the networking
#: flags Chromium floods the machine's closed network with connections that are refused.
CHROMIUM_ARGS: tuple[str, ...] = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

#: Milliseconds Chromium may take to start (it takes well under one second when warm).
LAUNCH_TIMEOUT_MS = 30_000

#: Milliseconds for a page to load.
NAVIGATION_TIMEOUT_MS = 15_000


def launch_chromium(playwright: Playwright) -> Browser:
    """Start Debian's Chromium through Playwright with this project's flags.

    Raises:
        FileNotFoundError: if ``/usr/bin/chromium`` is not installed.
    """
    if not CHROMIUM_PATH.exists():
        raise FileNotFoundError(
            f"{CHROMIUM_PATH} is missing: install Debian's chromium package "
            "(apt-get install chromium), as .ci/run does"
        )
    return playwright.chromium.launch(
        executable_path=CHROMIUM_PATH,
        args=list(CHROMIUM_ARGS),
        headless=True,
        timeout=LAUNCH_TIMEOUT_MS,
    )


def switch_material_to_dark(page: Page) -> None:
    """Select Material's ``slate`` scheme, as a reader clicking the palette toggle would.

    The context already emulates ``prefers-color-scheme: dark``, which is enough for a palette
    that follows the system. A palette with explicit toggles ignores that, so pick the radio
    input of the ``slate`` scheme; Material listens for its ``change`` event.
    """
    slate = 'input[name="__palette"][data-md-color-scheme="slate"]'
    page.evaluate(
        "(selector) => { const input = document.querySelector(selector);"
        " if (input && !input.checked) input.click(); }",
        slate,
    )


def take_screenshot(  # noqa: PLR0913  (each option is a plain CLI flag)
    url: str,
    out: Path,
    *,
    width: int = 1280,
    height: int = 900,
    dark: bool = False,
    full_page: bool = True,
) -> None:
    """Load ``url`` and write a PNG screenshot of it to ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            context = browser.new_context(
                viewport={"width": width, "height": height},
                color_scheme="dark" if dark else "light",
            )
            page = context.new_page()
            page.set_default_timeout(NAVIGATION_TIMEOUT_MS)
            page.goto(url, wait_until="load")
            if dark:
                switch_material_to_dark(page)
            # Let web fonts, the search index and any theme transition settle, but never wait
            # for long: a blocked request would otherwise stall the script.
            try:
                page.wait_for_load_state("networkidle", timeout=5_000)
            except PlaywrightTimeoutError:  # a busy page still makes a useful screenshot
                sys.stderr.write("warning: the page kept loading; taking the screenshot anyway\n")
            page.screenshot(path=out, full_page=full_page, animations="disabled")
        finally:
            browser.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line interface."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="page to load, e.g. http://127.0.0.1:8000/")
    parser.add_argument("out", type=Path, help="PNG file to write")
    parser.add_argument("--width", type=int, default=1280, help="viewport width (default 1280)")
    parser.add_argument("--height", type=int, default=900, help="viewport height (default 900)")
    parser.add_argument("--dark", action="store_true", help="Material's dark (slate) scheme")
    parser.add_argument(
        "--viewport-only", action="store_true", help="only what fits the viewport, not full page"
    )
    args = parser.parse_args(argv)
    try:
        take_screenshot(
            args.url,
            args.out,
            width=args.width,
            height=args.height,
            dark=args.dark,
            full_page=not args.viewport_only,
        )
    except (FileNotFoundError, PlaywrightError) as error:
        sys.stderr.write(f"error: {error}\n")
        return 1
    sys.stdout.write(f"wrote {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
