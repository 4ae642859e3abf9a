"""Generate synthetic AsyncAPI WebSocket specs for the benchmark.

    python bench/generate.py                       # 2.6.0 and 3.0.0 at 100, 500, 2000 channels
    python bench/generate.py --channels 50 --versions 3.0.0 --check

Writes `bench/specs/<version>-<channels>.yaml` (a gitignored folder). The output is
deterministic: channel `i` depends only on `--seed` and `i`, so the first 100 channels of the
500-channel spec are the 100-channel spec's channels.

Every channel looks like a channel of a real market-data API: an id such as
`marketData.btcusd.trades`, an address such as `/v1/market/{venue}/btcusd/trades` whose
parameter is a shared `$ref`, a `ws` binding with 3 headers and 3 query parameters (each with a
description, examples and mostly an enum), 2 operations (the server's updates, the client's
control commands) and 2 messages whose payloads have about 15 properties (a nested object and
an array of objects, shared `components.schemas` through `$ref`), message and operation traits,
a correlation id and examples.

This module puts a document together (`build_spec`), writes it as YAML and checks it with the
plugin; a channel's parts are `spec_channel.py`'s, the parts all channels share
`spec_shared.py`'s, the names and sentences they are made of `spec_words.py`'s.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml
from spec_channel import Channel
from spec_shared import components_object, info_object, servers_object
from spec_words import MAX_CHANNELS, Obj

BENCH = Path(__file__).resolve().parent
SPECS = BENCH / "specs"
VERSIONS = ("2.6.0", "3.0.0")
DEFAULT_CHANNELS = (100, 500, 2000)
DEFAULT_SEED = 20240601


def build_spec(version: str, channels: int, *, seed: int = DEFAULT_SEED) -> Obj:
    """The spec as plain data."""
    if not 1 <= channels <= MAX_CHANNELS:
        raise ValueError(f"channels must be between 1 and {MAX_CHANNELS}")
    major = int(version.split(".", 1)[0])
    components = components_object(major)
    messages: Obj = {}
    spec: Obj = {
        "asyncapi": version,
        "id": "urn:example:market-streams",
        "info": info_object(channels, version),
        "defaultContentType": "application/json",
        "servers": servers_object(major),
        "channels": {},
    }
    operations: Obj = {}
    for index in range(channels):
        # The order of the calls is the order of the channel's random draws: keep it.
        ch = Channel(index, seed)
        messages[f"{ch.key}Update"] = ch.update_message(major)
        messages[f"{ch.key}Control"] = ch.control_message(major)
        bindings = {"ws": ch.ws_binding()}
        if major == 2:
            spec["channels"][ch.address] = _channel_v2(ch, bindings)
            continue
        spec["channels"][ch.id] = _channel_v3(ch, bindings)
        operations.update(_operations_v3(ch))
    if major == 3:
        spec["operations"] = operations
    components["messages"] = messages
    spec["components"] = components
    return spec


def _message_ref(ch: Channel, kind: str) -> Obj:
    return {"$ref": f"#/components/messages/{ch.key}{kind}"}


def _trait(ch: Channel) -> list[Obj]:
    return [{"$ref": f"#/components/operationTraits/{ch.area}"}]


def _parameters() -> Obj:
    return {"venue": {"$ref": "#/components/parameters/venue"}}


def _channel_v2(ch: Channel, bindings: Obj) -> Obj:
    """An AsyncAPI 2 channel (keyed by its address), with its two operations."""
    trait = _trait(ch)
    return {
        "description": ch.description(),
        "parameters": _parameters(),
        "bindings": bindings,
        "subscribe": {
            "operationId": f"send{ch.key[:1].upper()}{ch.key[1:]}Update",
            "summary": f"{ch.what.capitalize()} the server pushes.",
            "traits": trait,
            "message": _message_ref(ch, "Update"),
        },
        "publish": {
            "operationId": f"receive{ch.key[:1].upper()}{ch.key[1:]}Control",
            "summary": "Control commands from the client.",
            "traits": trait,
            "message": _message_ref(ch, "Control"),
        },
    }


def _channel_v3(ch: Channel, bindings: Obj) -> Obj:
    """An AsyncAPI 3 channel (keyed by its id); its operations are `_operations_v3`."""
    return {
        "address": ch.address,
        "title": f"{ch.symbol.upper()} {ch.what}",
        "summary": f"{ch.what.capitalize()} of `{ch.symbol}`.",
        "description": ch.description(),
        "parameters": _parameters(),
        "messages": {"update": _message_ref(ch, "Update"), "control": _message_ref(ch, "Control")},
        "bindings": bindings,
    }


def _operations_v3(ch: Channel) -> Obj:
    """The channel's two operations in AsyncAPI 3's `operations`, by operation id."""
    channel_ref = {"$ref": f"#/channels/{ch.id}"}
    trait = _trait(ch)
    cap = ch.key[:1].upper() + ch.key[1:]
    return {
        f"send{cap}Update": {
            "action": "send",
            "channel": channel_ref,
            "summary": f"{ch.what.capitalize()} the server pushes.",
            "messages": [{"$ref": f"#/channels/{ch.id}/messages/update"}],
            "traits": trait,
        },
        f"receive{cap}Control": {
            "action": "receive",
            "channel": dict(channel_ref),
            "summary": "Control commands from the client.",
            "messages": [{"$ref": f"#/channels/{ch.id}/messages/control"}],
            "traits": [dict(t) for t in trait],
        },
    }


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Block-style YAML without anchors, like a hand-written file."""

    def ignore_aliases(self, data: Any) -> bool:  # noqa: ARG002
        return True


def _represent_text(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    """Multi-line descriptions as literal blocks (`|`), the way people write them."""
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_text)


def spec_yaml(version: str, channels: int, *, seed: int = DEFAULT_SEED) -> str:
    """The spec as YAML text."""
    header = (
        f"# Synthetic AsyncAPI {version} document with {channels} WebSocket channels.\n"
        f"# Generated by bench/generate.py (seed {seed}); do not edit by hand.\n"
    )
    body = yaml.dump(
        build_spec(version, channels, seed=seed),
        Dumper=_Dumper,
        sort_keys=False,
        default_flow_style=False,
        allow_unicode=True,
        width=100,
    )
    return header + body


def spec_path(version: str, channels: int, folder: Path = SPECS) -> Path:
    """Where the spec of this version and size is written."""
    return folder / f"{version}-{channels}.yaml"


def write_spec(
    version: str, channels: int, *, folder: Path = SPECS, seed: int = DEFAULT_SEED
) -> Path:
    """Write the spec (skipped when the file already holds the same text); return its path."""
    path = spec_path(version, channels, folder)
    text = spec_yaml(version, channels, seed=seed)
    folder.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8")
    return path


def check_spec(path: Path) -> list[str]:
    """Problems the plugin's loader and `asyncapi-ws-docs check` report; empty when clean."""
    from asyncapi_ws_docs.cli import main as cli_main  # noqa: PLC0415
    from asyncapi_ws_docs.document.readers import load_spec  # noqa: PLC0415 (generation alone needs no plugin)

    folder = path.parent
    spec, diagnostics = load_spec(path, roots=[folder], display_base=folder)
    # The sandbox is plain `ws://` on purpose, with the channels' Authorization header: the
    # plaintext-credentials advice (AWD501) is expected there.
    problems = [d.format() for d in diagnostics if d.code != "AWD501"]
    if spec is None:
        problems.append(f"{path}: the plugin could not read the spec")
    status = cli_main(["check", "--strict", "--ignore", "AWD501", "--root", str(folder), str(path)])
    if status != 0:
        problems.append(f"{path}: `asyncapi-ws-docs check --strict` exited with {status}")
    return problems


def main(argv: list[str] | None = None) -> int:
    """Generate (and optionally check) the specs; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--channels", type=int, nargs="+", default=list(DEFAULT_CHANNELS))
    parser.add_argument("--versions", nargs="+", default=list(VERSIONS), choices=VERSIONS)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=SPECS, help="folder (default bench/specs)")
    parser.add_argument(
        "--check", action="store_true", help="load each spec with the plugin and fail on problems"
    )
    args = parser.parse_args(argv)
    failed = False
    for version in args.versions:
        for channels in args.channels:
            path = write_spec(version, channels, folder=args.out, seed=args.seed)
            size = path.stat().st_size / 1e6
            print(f"{path}: {channels} channels, {size:.1f} MB", flush=True)
            if args.check:
                problems = check_spec(path)
                for problem in problems:
                    print(f"  {problem}")
                failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
