"""Real-browser fixtures: the project's docs site, served on loopback, in headless Chromium.

- ``chromium``: one Playwright browser per session, Debian's ``/usr/bin/chromium`` started with
  the flags in ``scripts/screenshot.py`` (the one place that says how Chromium starts here).
- ``docs_site``: ``mkdocs.yml`` at the repository root, built once per session with real MkDocs
  and served by ``http.server`` on ``127.0.0.1``; the fixture's value is the base URL.
- ``page``: a fresh browser context (1280x900) per test. ``page_problems`` holds what went wrong
  while it ran: console errors, uncaught exceptions and failed requests.

Requests to any host but loopback are blocked, never sent (the machines have no network), and
are reported as failed requests: a page that needs one would be broken for an offline reader.
Every wait is bounded by the timeouts below.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NoReturn
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.browser.server import LoopbackSite

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path
    from types import ModuleType

    from playwright.sync_api import (
        Browser,
        ConsoleMessage,
        Page,
        Request,
        Response,
        Route,
        ViewportSize,
    )

#: Milliseconds any one action or assertion may wait (clicks, locators, ``expect``).
ACTION_TIMEOUT_MS = 5_000
#: Milliseconds a page may take to load.
NAVIGATION_TIMEOUT_MS = 10_000
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def _load_launch_settings(repo_root: Path) -> ModuleType:
    """Import ``scripts/screenshot.py``, which is a script and not in a package."""
    path = repo_root / "scripts" / "screenshot.py"
    spec = importlib.util.spec_from_file_location("asyncapi_ws_docs_screenshot", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def chromium(repo_root: Path, missing_prerequisite: Callable[[str], NoReturn]) -> Iterator[Browser]:
    """Debian's headless Chromium, driven by Playwright, shared by the whole session."""
    launch = _load_launch_settings(repo_root)
    if not launch.CHROMIUM_PATH.exists():
        missing_prerequisite(
            f"{launch.CHROMIUM_PATH} is missing: browser tests use Debian's chromium package "
            "(bash .ci/run installs it with apt-get install chromium)"
        )
    expect.set_options(timeout=ACTION_TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = launch.launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def docs_site(
    repo_root: Path,
    tmp_path_factory: pytest.TempPathFactory,
    mkdocs_build: Callable[..., Path],
) -> Iterator[str]:
    """The project's own docs, built once with real MkDocs and served; yields the base URL.

    The URL ends with ``/``, so ``docs_site + "reference/..."`` is a page's address.
    """
    config_file = repo_root / "mkdocs.yml"
    if not config_file.is_file():
        pytest.fail(f"{config_file} is missing: there is no docs site to test", pytrace=False)
    # Strict, as the project publishes it: a broken link or anchor in docs/ fails here.
    site_dir = mkdocs_build(config_file, tmp_path_factory.mktemp("docs-site"), strict=True)

    with LoopbackSite(site_dir) as url:
        yield url


@dataclass
class PageProblems:
    """What went wrong in the browser during one test; each entry is a readable line."""

    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)


@pytest.fixture
def page_problems() -> PageProblems:
    """Console errors and failed requests of the ``page`` of this test."""
    return PageProblems()


@pytest.fixture
def page(chromium: Browser, page_problems: PageProblems) -> Iterator[Page]:
    """A new tab in a fresh context (no cookies, storage or permissions from other tests)."""
    context = chromium.new_context(viewport=VIEWPORT)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)

    def keep_on_loopback(route: Route, request: Request) -> None:
        if urlsplit(request.url).hostname in LOOPBACK_HOSTS:
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.route(lambda url: urlsplit(url).scheme in {"http", "https"}, keep_on_loopback)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            location = message.location
            page_problems.console_errors.append(
                f"{message.text} ({location.get('url')}:{location.get('lineNumber')})"
            )

    def on_page_error(error: Exception) -> None:
        page_problems.console_errors.append(f"uncaught {error!r}")

    def on_request_failed(request: Request) -> None:
        failure = request.failure or "failed"
        if "ERR_BLOCKED_BY_CLIENT" in failure:
            failure = "blocked, not on loopback: an offline reader could not load it either"
        page_problems.failed_requests.append(f"{request.url}: {failure}")

    def on_response(response: Response) -> None:
        if response.status >= 400:
            page_problems.failed_requests.append(f"{response.url}: HTTP {response.status}")

    tab = context.new_page()
    tab.on("console", on_console)
    tab.on("pageerror", on_page_error)
    tab.on("requestfailed", on_request_failed)
    tab.on("response", on_response)
    yield tab
    context.close()


def wait_for_instant_navigation(page: Page) -> None:
    """Wait (bounded) until Material's instant navigation has taken over the page's links.

    It takes a link only once it has read `sitemap.xml` (the site's own URLs); a click before
    that is a plain page load, so a test that clicks at once passes on an idle machine and
    reloads on a busy one. The sign is the sitemap's response, seen by the page itself.
    """
    page.wait_for_function(
        "performance.getEntriesByType('resource')"
        ".some(entry => entry.name.endsWith('/sitemap.xml') && entry.responseEnd > 0)",
        timeout=NAVIGATION_TIMEOUT_MS,
    )
    # The sitemap is parsed in the task after its response: one frame later it is in use.
    page.evaluate("new Promise(done => requestAnimationFrame(() => setTimeout(done)))")


def save_full_page_screenshot(page: Page, path: Path) -> bytes:
    """Save the whole page as a PNG at `path` (replacing an older one) and return its bytes.

    The picture is for reviewers, not an assertion. A full-page shot lays the page out at its
    whole height and encodes a large image: on a loaded 2-core machine that took over the
    5 s an action may wait, so it gets the navigation bound instead.
    """
    path.unlink(missing_ok=True)
    page.screenshot(path=path, full_page=True, animations="disabled", timeout=NAVIGATION_TIMEOUT_MS)
    return path.read_bytes()
