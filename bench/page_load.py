"""How fast the pages of a built site load in a browser, and how big their DOM is.

    python bench/page_load.py SITE_DIR                 # a site built already
    python bench/page_load.py --channels 500           # builds the 500-channel benchmark site
    python bench/page_load.py --spec path/to/spec.yaml # builds a site around any spec

Serves the site folder on 127.0.0.1 and opens every page (every `index.html`, or only those
under `--under`) one after another in Debian's headless Chromium, started as the browser tests
start it (`scripts/screenshot.py`). One browser, one context and one tab for the whole run, as a
reader who clicks from page to page: the theme's CSS and JavaScript come from the cache after
the first page. For each page it records, from the Navigation Timing entry
(`performance.getEntriesByType("navigation")[0]`), the time from the start of the navigation to
the end of the `load` event (`loadEventEnd`) and to `DOMContentLoaded`, the HTML's size, and
the number of elements in the DOM (in the whole page, in the article, in the navigation).

Writes a Markdown summary (median, p95, slowest page, largest DOM, pages over the 1 s target)
to `bench/results/page-load.md` (`--out`) and prints it; `--json FILE` keeps every page's
numbers, and `--report-from FILE` writes the summary again from them without measuring. A
page over the target is loaded a second time, so a hiccup of a busy machine shows as one.

With `--channels N` the site is built from `bench/specs/<version>-<N>.yaml` (made by
`bench/generate.py` when missing) with the same `mkdocs.yml` as `bench/run.py`'s plugin site;
its pages are `reference/api/...`. Exits 1 when a page failed to load or stayed over the target
on its second load.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import ModuleType

    from playwright.sync_api import ConsoleMessage, Page, Request

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DEFAULT_OUT = BENCH / "results" / "page-load.md"
OUTPUT = "reference/api"
TARGET_MS = 1000.0
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

#: What the page says about itself once `load` has fired.
MEASURE_JS = """() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const count = (selector) => {
        const root = document.querySelector(selector);
        return root ? root.getElementsByTagName("*").length + 1 : 0;
    };
    return {
        load_ms: nav.loadEventEnd,
        dcl_ms: nav.domContentLoadedEventEnd,
        response_ms: nav.responseEnd,
        html_bytes: nav.decodedBodySize,
        dom_elements: document.getElementsByTagName("*").length,
        article_elements: count("article"),
        nav_elements: count("nav.md-nav--primary"),
    };
}"""


# -- the site --------------------------------------------------------------------------------


def _mkdocs_yml(spec_path: str) -> str:
    """The plugin site's `mkdocs.yml` of `bench/run.py`: Material, common extensions, no nav."""
    from projects import site_config  # noqa: PLC0415 (bench/ is a folder of scripts, run from there)

    return site_config("Benchmark", specs=[(spec_path, OUTPUT)], nav=None, extra_css=[])


def benchmark_spec(version: str, channels: int, timeout: float) -> Path:
    """`bench/specs/<version>-<channels>.yaml`, generated first when it is missing."""
    spec = BENCH / "specs" / f"{version}-{channels}.yaml"
    if not spec.is_file():
        print(f"generating {spec.relative_to(REPO)} ...", flush=True)
        command = [sys.executable, str(BENCH / "generate.py"), "--channels", str(channels)]
        command += ["--versions", version]
        subprocess.run(command, check=True, timeout=timeout)
    return spec


def build_site(spec: Path, workdir: Path, timeout: float) -> Path:
    """A Material site around `spec`, built with `mkdocs build` in `workdir`; its site folder."""
    project = workdir / "project"
    (project / "docs").mkdir(parents=True, exist_ok=True)
    (project / "docs" / "index.md").write_text("# Benchmark site\n", "utf-8")
    (project / "specs").mkdir(exist_ok=True)
    shutil.copyfile(spec, project / "specs" / spec.name)
    (project / "mkdocs.yml").write_text(_mkdocs_yml(f"specs/{spec.name}"), "utf-8")
    site = project / "site"
    shutil.rmtree(site, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    print(f"building the site of {spec.name} in {project} ...", flush=True)
    started = time.perf_counter()
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", "mkdocs.yml", "-d", "site"]
    subprocess.run(command, cwd=project, check=True, timeout=timeout, env=env)
    print(f"built in {time.perf_counter() - started:.1f} s", flush=True)
    return site


def site_pages(site: Path, under: str) -> list[str]:
    """The pages of `site` (folders with an `index.html`) under `under`, as URL paths."""
    pages = []
    for html in site.rglob("index.html"):
        relative = html.parent.relative_to(site).as_posix()
        path = "" if relative == "." else relative + "/"
        if path.startswith(("assets/", "search/")):
            continue
        if path.startswith(under):
            pages.append(path)
    # Home first, then each folder before what it holds.
    return sorted(pages, key=lambda path: (path.count("/"), path))


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002  (the base's name)
        pass


class _QuietServer(ThreadingHTTPServer):
    """Says nothing when the browser drops a response it no longer wants (it moved on)."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@functools.lru_cache(maxsize=1)
def _launch_settings() -> ModuleType:
    """`scripts/screenshot.py`: the one place that says how Chromium starts here."""
    path = REPO / "scripts" / "screenshot.py"
    spec = importlib.util.spec_from_file_location("asyncapi_ws_docs_screenshot", path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """`site` served on 127.0.0.1 (any free port) in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, name="page-load-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


# -- measuring -------------------------------------------------------------------------------


class Problems:
    """Console errors, uncaught exceptions and failed or off-loopback requests of one tab.

    Listeners stay on the tab for the whole run; `now` is the list of the page being measured.
    """

    def __init__(self, page: Page) -> None:
        self.now: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.now.append(f"uncaught: {error}"))
        page.on("request", self._request)
        page.on("requestfailed", self._failed)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.now.append(f"console: {message.text}")

    def _request(self, request: Request) -> None:
        if urlsplit(request.url).hostname not in LOOPBACK_HOSTS:
            self.now.append(f"request off loopback: {request.url}")

    def _failed(self, request: Request) -> None:
        # The theme's requests after `load` (search index, worker, favicon) are cancelled when
        # the tab moves on to the next page: that is the measurement's doing, not the site's.
        if request.failure != "net::ERR_ABORTED":
            self.now.append(f"request failed: {request.url}: {request.failure}")


def measure_page(page: Page, url: str, timeout_ms: float) -> dict[str, Any]:
    """Load `url` in `page` and read its timings and DOM size."""
    try:
        response = page.goto(url, wait_until="load", timeout=timeout_ms)
        # `loadEventEnd` is set once the load handlers have run: wait for it, briefly.
        page.wait_for_function(
            "performance.getEntriesByType('navigation')[0].loadEventEnd > 0", timeout=timeout_ms
        )
        found: dict[str, Any] = page.evaluate(MEASURE_JS)
    except PlaywrightError as error:
        return {"error": str(error).splitlines()[0]}
    found["status"] = response.status if response else None
    return found


def measure_site(
    base: str, pages: list[str], *, timeout_ms: float, target_ms: float
) -> dict[str, Any]:
    """Open each page in one tab of one context, in order.

    Then each page over `target_ms` once more in the same tab (`again_ms`: a slow first load
    that is fast the second time was the machine's hiccup), and the slowest page in a new
    context, with nothing cached (`cold`).
    """
    results: list[dict[str, Any]] = []
    viewport: Any = {"width": 1280, "height": 900}
    with sync_playwright() as playwright:
        browser = _launch_settings().launch_chromium(playwright)
        try:
            context = browser.new_context(viewport=viewport)
            page = context.new_page()
            problems = Problems(page)
            started = time.perf_counter()
            for number, path in enumerate(pages, start=1):
                problems.now = []
                found = measure_page(page, base + path, timeout_ms)
                found["path"] = path
                found["problems"] = problems.now
                results.append(found)
                if number % 50 == 0 or number == len(pages):
                    elapsed = time.perf_counter() - started
                    print(f"  {number}/{len(pages)} pages, {elapsed:.0f} s", flush=True)
            slow = [r for r in results if r.get("load_ms", 0) > target_ms]
            if slow:
                print(f"  {len(slow)} pages over {target_ms:.0f} ms: once more", flush=True)
            for result in slow:
                again = measure_page(page, base + result["path"], timeout_ms)
                result["again_ms"] = again.get("load_ms")
            context.close()
            timed = [r for r in results if "load_ms" in r]
            cold = None
            if timed:
                slowest = max(timed, key=lambda r: r["load_ms"])
                context = browser.new_context(viewport=viewport)
                cold = measure_page(context.new_page(), base + slowest["path"], timeout_ms)
                cold["path"] = slowest["path"]
                context.close()
            version = browser.version
        finally:
            browser.close()
    return {"pages": results, "cold": cold, "chromium": version, "target_ms": target_ms}


# -- the report ------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value at or above `share` of the values."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))  # ceil without floats' surprises
    return ordered[int(rank) - 1]


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text("utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ms(value: float) -> str:
    return f"{value:.0f} ms"


def _where(path: str) -> str:
    return f"`{path or '/'}`"


def _summary_rows(measured: dict[str, Any], timed: list[dict[str, Any]]) -> list[tuple[str, str]]:
    target = measured["target_ms"]
    loads = [p["load_ms"] for p in timed]
    slowest = max(timed, key=lambda p: p["load_ms"])
    largest = max(timed, key=lambda p: p["dom_elements"])
    over = [p for p in timed if p["load_ms"] > target]
    retried = [p for p in over if "again_ms" in p]
    still = [p for p in retried if (p["again_ms"] or target + 1) > target]
    sizes = [p["html_bytes"] for p in timed]
    rows = [
        ("pages measured", f"{len(timed)} of {len(measured['pages'])}"),
        ("median load", _ms(statistics.median(loads))),
        ("p95 load", _ms(percentile(loads, 0.95))),
        ("slowest load", f"{_ms(slowest['load_ms'])} ({_where(slowest['path'])})"),
        ("median DOMContentLoaded", _ms(statistics.median(p["dcl_ms"] for p in timed))),
        (f"pages over the {target:.0f} ms target", str(len(over))),
        (
            "... still over it when loaded a second time",
            f"{len(still)} of {len(retried)}" if retried else "not measured",
        ),
        (
            "largest DOM",
            (
                f"{largest['dom_elements']} elements ({_where(largest['path'])}): "
                f"{largest['article_elements']} in the article, "
                f"{largest['nav_elements']} in the navigation"
            ),
        ),
        ("median DOM", f"{statistics.median(p['dom_elements'] for p in timed):.0f} elements"),
        (
            "median navigation",
            f"{statistics.median(p['nav_elements'] for p in timed):.0f} elements",
        ),
        (
            "largest HTML",
            f"{max(sizes) / 1024:.0f} KiB (median {statistics.median(sizes) / 1024:.0f} KiB)",
        ),
    ]
    cold = measured.get("cold") or {}
    if "load_ms" in cold:
        rows.append(("slowest page again, new context (cold cache)", _ms(cold["load_ms"])))
    if measured.get("search_index_bytes") is not None:
        size = measured["search_index_bytes"] / 2**20
        rows.append(("search index (fetched by a worker after `load`)", f"{size:.1f} MiB"))
    return rows


def report(measured: dict[str, Any]) -> str:
    """The Markdown summary of one run."""
    pages = measured["pages"]
    timed = [p for p in pages if "load_ms" in p]
    failed = [p for p in pages if "error" in p or p.get("status") != 200]
    troubled = [p for p in pages if p.get("problems")]
    machine = measured["machine"]
    lines = [
        "# Page load in the browser",
        "",
        (
            f"{measured['what']}: {len(pages)} pages of `{measured['site']}`, opened one after "
            f"another in one tab of headless Chromium {measured['chromium']} (one context, so "
            "the theme's assets come from the cache after the first page), served by Python's "
            "`http.server` on 127.0.0.1. *Load* is the time from the start of the navigation "
            "to the end of the `load` event (`loadEventEnd` of the Navigation Timing entry)."
        ),
        "",
        (
            f"Machine: {machine['cpu']}, {machine['cores']} cores, Python {machine['python']}; "
            f"1-minute load average {machine['load_before']:.2f} before, "
            f"{machine['load_after']:.2f} after ({measured['seconds']:.0f} s); {measured['when']}."
        ),
        "",
    ]
    if not timed:
        return "\n".join([*lines, "No page loaded.", ""])
    lines += ["| measure | value |", "| --- | --- |"]
    lines += [f"| {name} | {value} |" for name, value in _summary_rows(measured, timed)]
    lines += [
        f"| pages with an HTTP error or a failed load | {len(failed)} |",
        f"| pages with console errors or failed requests | {len(troubled)} |",
        "",
        "The 10 slowest pages (*again*: loaded a second time, when over the target):",
        "",
        "| page | load | again | DOMContentLoaded | DOM elements | HTML |",
        "| --- | --: | --: | --: | --: | --: |",
    ]
    for p in sorted(timed, key=lambda p: p["load_ms"], reverse=True)[:10]:
        again = _ms(p["again_ms"]) if p.get("again_ms") is not None else ""
        lines.append(
            f"| {_where(p['path'])} | {_ms(p['load_ms'])} | {again} | {_ms(p['dcl_ms'])} "
            f"| {p['dom_elements']} | {p['html_bytes'] / 1024:.0f} KiB |"
        )
    if failed or troubled:
        lines += ["", "Problems (the first 10 pages):", ""]
        for p in (failed + troubled)[:10]:
            detail = p.get("error") or (p.get("problems") or [f"HTTP {p.get('status')}"])[0]
            lines.append(f"- {_where(p['path'])}: {detail}")
    return "\n".join([*lines, ""])


# -- the command line ------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("site", nargs="?", type=Path, help="a built site folder")
    source.add_argument("--channels", type=int, help="build the benchmark site of N channels")
    source.add_argument("--spec", type=Path, help="build a site around this spec")
    source.add_argument("--report-from", type=Path, help="write the summary of a --json file")
    parser.add_argument("--version", default="2.6.0", choices=["2.6.0", "3.0.0"])
    parser.add_argument("--under", default="", help="only pages whose path starts with this")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the Markdown summary")
    parser.add_argument(
        "--docs-page",
        type=Path,
        default=BENCH.parent / "docs" / "performance.md",
        help="docs page whose page-load section is rewritten (default: docs/performance.md)",
    )
    parser.add_argument(
        "--no-docs-page", dest="docs_page", action="store_const", const=None, help="leave it"
    )
    parser.add_argument("--json", type=Path, help="also write every page's numbers here")
    parser.add_argument("--workdir", type=Path, help="build here and keep it (default: temp)")
    parser.add_argument("--target-ms", type=float, default=TARGET_MS, help="default 1000")
    parser.add_argument("--timeout-ms", type=float, default=15_000, help="per page (default 15 s)")
    parser.add_argument("--build-timeout", type=float, default=1800, help="seconds (default 1800)")
    return parser


def _built(args: argparse.Namespace, workdir: Path) -> tuple[Path, str]:
    if args.site is not None:
        return args.site.resolve(), "Site"
    if args.channels is not None:
        spec = benchmark_spec(args.version, args.channels, args.build_timeout)
        what = f"The benchmark site of `{spec.name}` ({args.channels} channels)"
    else:
        spec = args.spec.resolve()
        what = f"The site of `{spec.name}`"
    return build_site(spec, workdir, args.build_timeout), what


@contextlib.contextmanager
def _workdir(args: argparse.Namespace) -> Iterator[Path]:
    """`--workdir`, kept; else a temporary folder, removed at the end."""
    if args.workdir is not None:
        args.workdir.mkdir(parents=True, exist_ok=True)
        yield args.workdir.resolve()
        return
    with tempfile.TemporaryDirectory(prefix="page-load-") as folder:
        yield Path(folder)


def run(args: argparse.Namespace) -> dict[str, Any] | None:
    """Build or take the site and measure it; None when there is nothing to measure."""
    with _workdir(args) as workdir:
        site, what = _built(args, workdir)
        pages = site_pages(site, args.under) if site.is_dir() else []
        if not pages:
            print(f"error: no index.html in {site} under {args.under!r}", file=sys.stderr)
            return None
        index = site / "search" / "search_index.json"
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        with served(site) as url:
            print(f"measuring {len(pages)} pages at {url} ...", flush=True)
            measured = measure_site(
                url, pages, timeout_ms=args.timeout_ms, target_ms=args.target_ms
            )
    measured.update(
        what=what,
        site=str(site),
        search_index_bytes=index.stat().st_size if index.is_file() else None,
        seconds=time.perf_counter() - started,
        when=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        machine={
            "cpu": _cpu(),
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "load_before": load_before,
            "load_after": os.getloadavg()[0],
        },
    )
    return measured


def main(argv: list[str] | None = None) -> int:
    """Measure (or read earlier numbers), write and print the summary.

    Exits 1 when a page failed to load or stayed over the target on its second load too, 2
    when there was no page to measure.
    """
    args = _parser().parse_args(argv)
    if args.report_from is not None:
        measured = json.loads(args.report_from.read_text("utf-8"))
    else:
        found = run(args)
        if found is None:
            return 2
        measured = found
        if args.json is not None:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(measured, indent=1), "utf-8")
    text = report(measured)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, "utf-8")
    if args.docs_page is not None:
        from docs_page import publish  # noqa: PLC0415 (bench/ is a folder of scripts, run from there)

        # The docs page has its own heading for this section.
        publish(
            text.split("\n", 1)[1], args.docs_page, "<!-- bench/page_load.py writes from here -->"
        )
    print(text)
    print(f"wrote {args.out}")
    target = measured["target_ms"]
    pages = measured["pages"]
    slow = [p for p in pages if (p.get("again_ms") or p.get("load_ms", 0)) > target]
    broken = [p for p in pages if "error" in p or p.get("status") != 200]
    return 1 if slow or broken else 0


if __name__ == "__main__":
    sys.exit(main())
