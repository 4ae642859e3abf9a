"""The measurements that run inside a fresh process, started by `bench/run.py`.

Each mode prints one JSON object on its last line of stdout; `max_rss_kb` is the process's
peak resident set (`getrusage(RUSAGE_SELF).ru_maxrss`, KiB on Linux). Times come in pairs:
`*_s` is wall time, `*_cpu_s` the CPU time of this process (user + system), which other work on
a busy machine disturbs much less.

    python bench/child.py plugin SPEC        # load_spec + spec_pages, cold
    python bench/child.py parse SPEC         # PyYAML's C loader alone
    python bench/child.py hooks MKDOCS_YML   # two builds in one process, as `mkdocs serve` does
    python bench/child.py serve LOG -- ARGS  # `mkdocs ARGS`, logging every spec file opened
"""

from __future__ import annotations

import functools
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

Result = dict[str, Any]


def _max_rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _now() -> tuple[float, float]:
    """Wall clock and this process's CPU time."""
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float], end: tuple[float, float]) -> tuple[float, float]:
    return end[0] - start[0], end[1] - start[1]


def plugin(spec_path: Path) -> Result:
    """The plugin's own work on one spec, as in one build: load + resolve + model, then render."""
    start = _now()
    from asyncapi_ws_docs.document.readers import load_spec  # noqa: PLC0415 (the import is timed)
    from asyncapi_ws_docs.page.pages import spec_pages  # noqa: PLC0415
    from asyncapi_ws_docs.page.render import PageRenderer  # noqa: PLC0415
    from asyncapi_ws_docs.page.text import TextRenderer  # noqa: PLC0415

    imported = _now()
    folder = spec_path.parent
    spec, diagnostics = load_spec(spec_path, roots=[folder], display_base=folder)
    loaded = _now()
    if spec is None:
        raise SystemExit(f"{spec_path}: the plugin could not read it: {list(diagnostics)}")
    # What the plugin's on_config prepares, then what its on_files renders.
    pages = spec_pages(
        spec, output="reference/api", renderer=PageRenderer(), text=TextRenderer(sanitize=True)
    )
    rendered = _now()
    result: Result = {}
    for key, begin, end in (
        ("import", start, imported),
        ("load", imported, loaded),
        ("render", loaded, rendered),
        ("total", imported, rendered),
    ):
        result[f"{key}_s"], result[f"{key}_cpu_s"] = _since(begin, end)
    return {
        **result,
        "pages": len(pages),
        "markdown_bytes": sum(len(page.markdown.encode()) for page in pages),
        "diagnostics": len(list(diagnostics)),
        "package": str(Path(sys.modules["asyncapi_ws_docs"].__file__ or "?").parent),
        "max_rss_kb": _max_rss_kb(),
    }


def parse(spec_path: Path) -> Result:
    """Reading the file and parsing it with PyYAML's C loader: the floor for any YAML plugin."""
    import yaml  # noqa: PLC0415

    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        raise SystemExit("PyYAML was built without libyaml: no CSafeLoader to compare with")
    start = _now()
    text = spec_path.read_text("utf-8")
    data = yaml.load(text, Loader=loader)  # noqa: S506 (CSafeLoader is the safe loader)
    wall, cpu = _since(start, _now())
    return {"parse_s": wall, "parse_cpu_s": cpu, "keys": len(data), "max_rss_kb": _max_rss_kb()}


def _time_plugin_events(timings: dict[str, list[float]]) -> None:
    """Wrap every `on_*` event handler of the plugin class: `timings[name]` = [wall, CPU]."""
    from asyncapi_ws_docs.site.plugin import AsyncAPIWebSocketPlugin  # noqa: PLC0415

    def timed(name: str, method: Any) -> Any:
        @functools.wraps(method)  # keeps `mkdocs_priority` and friends
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = _now()
            try:
                return method(*args, **kwargs)
            finally:
                wall, cpu = _since(start, _now())
                total = timings.setdefault(name, [0.0, 0.0])
                total[0] += wall
                total[1] += cpu

        return wrapper

    for cls in AsyncAPIWebSocketPlugin.__mro__:
        if cls.__module__.startswith("mkdocs"):
            break
        for name, value in list(vars(cls).items()):
            if name.startswith("on_") and callable(value):
                setattr(AsyncAPIWebSocketPlugin, name, timed(name, value))


def hooks(config_file: Path) -> Result:
    """A cold build, then a rebuild with nothing changed, in one process, like `mkdocs serve`.

    `mkdocs serve` calls `load_config` again for every rebuild; MkDocs keeps the plugin instance
    between the two when the plugin has `on_startup`/`on_shutdown`. The plugin's event handlers
    are timed; `warm` is what the plugin costs a rebuild where no spec changed.
    """
    import logging  # noqa: PLC0415

    from mkdocs.commands.build import build  # noqa: PLC0415
    from mkdocs.config import load_config  # noqa: PLC0415

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    timings: dict[str, list[float]] = {}
    _time_plugin_events(timings)
    serve_url = "http://127.0.0.1:8000/"
    result: Result = {}
    with tempfile.TemporaryDirectory(prefix="bench-hooks-") as site_dir:
        config = load_config(config_file=str(config_file), site_dir=site_dir)
        config.plugins.on_startup(command="serve", dirty=False)
        for phase in ("cold", "warm"):
            timings.clear()
            if phase == "warm":
                config = load_config(config_file=str(config_file), site_dir=site_dir)
            config.site_url = serve_url
            start = _now()
            build(config, serve_url=serve_url)
            result[f"{phase}_build_s"], result[f"{phase}_build_cpu_s"] = _since(start, _now())
            result[f"{phase}_plugin_s"] = sum(wall for wall, _ in timings.values())
            result[f"{phase}_plugin_cpu_s"] = sum(cpu for _, cpu in timings.values())
            result[f"{phase}_events"] = dict(timings)
            if phase == "cold":
                result["cold_max_rss_kb"] = _max_rss_kb()
        config.plugins.on_shutdown()
    result["max_rss_kb"] = _max_rss_kb()
    return result


def _opener() -> str:
    """Who opens the file: the innermost frame of the plugin, else of MkDocs, else `other`."""
    frame = sys._getframe(2)  # noqa: SLF001 (above the audit hook)
    mkdocs = ""
    while frame is not None:
        filename = frame.f_code.co_filename.replace("\\", "/")
        if "/asyncapi_ws_docs/" in filename:
            module = filename.rsplit("/", 1)[-1].removesuffix(".py")
            return f"plugin {module}.{frame.f_code.co_name}"
        if not mkdocs and "/mkdocs/" in filename:
            mkdocs = f"mkdocs {frame.f_code.co_name}"
        frame = frame.f_back  # type: ignore[assignment]
    return mkdocs or "other"


def serve(log_path: Path, mkdocs_args: list[str]) -> None:
    """Run `mkdocs <args>`, logging each YAML/JSON file opened: `<time>\t<opener>\t<path>`."""
    log = log_path.open("a", buffering=1, encoding="utf-8")  # opened before the hook exists

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event == "open" and args and isinstance(args[0], (str, Path)):
            path = str(args[0])
            if path.endswith((".yaml", ".yml", ".json")):
                log.write(f"{time.time():.6f}\t{_opener()}\t{path}\n")

    sys.addaudithook(hook)
    from mkdocs.__main__ import cli  # noqa: PLC0415

    cli(mkdocs_args, prog_name="mkdocs")


def main(argv: list[str]) -> int:
    """Dispatch on the mode; print the result as JSON."""
    if len(argv) < 2:
        raise SystemExit(__doc__)
    mode, target = argv[0], Path(argv[1])
    if mode == "serve":
        serve(target, argv[3:] if argv[2:3] == ["--"] else argv[2:])
        return 0
    measures = {"plugin": plugin, "parse": parse, "hooks": hooks}
    if mode not in measures:
        raise SystemExit(f"unknown mode {mode!r}: one of {', '.join([*measures, 'serve'])}")
    print(json.dumps(measures[mode](target)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
