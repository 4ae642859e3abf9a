"""Rendering a changed spec from its previous version gives exactly the pages of a full render.

Under `mkdocs serve`, `spec_pages(previous=...)` reuses the pages of the channels
`same_pages` finds unchanged. Whatever is changed in a corpus spec (one channel's text, its
title or address, its messages, the spec's info, a server), every page must be what rendering
the new version from scratch gives.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from typing import TYPE_CHECKING

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asyncapi_ws_docs.document.readers import load_spec
from asyncapi_ws_docs.page.pages import same_pages, spec_pages
from asyncapi_ws_docs.page.render import PageRenderer
from asyncapi_ws_docs.page.text import TextRenderer

if TYPE_CHECKING:
    from asyncapi_ws_docs.document.model import Spec

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
NAMES = [
    "exchange-collection__krakenfutures_ws_asyncapi.yaml",
    "spec-examples__kraken-websocket-request-reply-multiple-channels-asyncapi.yml",
    "spec-examples__slack-rtm.yml",
    "glee-examples__dummy__asyncapi.yaml",
]
RENDERER = PageRenderer()
TEXT = TextRenderer()


@functools.cache
def corpus_spec(name: str) -> Spec:
    spec, _ = load_spec(CORPUS / name, roots=[CORPUS], display_base=CORPUS)
    assert spec is not None
    return spec


def render(spec: Spec, previous: tuple[Spec, list] | None = None) -> list:  # type: ignore[type-arg]
    return spec_pages(spec, output="api", renderer=RENDERER, text=TEXT, previous=previous)


def mutate(spec: Spec, index: int, kind: str) -> Spec:
    channels = list(spec.channels)
    channel = channels[index % len(channels)]
    if kind == "info":
        return dataclasses.replace(spec, info=dataclasses.replace(spec.info, title="Renamed"))
    if kind == "servers":
        return dataclasses.replace(spec, servers=spec.servers[1:])
    if kind == "messages":
        channel = dataclasses.replace(channel, messages=channel.messages[1:])
    elif kind == "operations":
        operations = tuple(op for op in spec.operations if op.channel_id != channel.id)
        return dataclasses.replace(spec, operations=operations)
    else:
        channel = dataclasses.replace(channel, **{kind: f"CHANGED {kind}"})
    channels[index % len(channels)] = channel
    return dataclasses.replace(spec, channels=tuple(channels))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(NAMES),
    index=st.integers(min_value=0, max_value=50),
    kind=st.sampled_from(
        ["description", "summary", "title", "address", "messages", "operations", "info", "servers"]
    ),
)
def test_incremental_render_equals_full_render(name: str, index: int, kind: str) -> None:
    old = corpus_spec(name)
    new = mutate(old, index, kind)
    assert render(new, previous=(old, render(old))) == render(new)


def test_an_edited_description_rerenders_one_channel() -> None:
    old = corpus_spec(NAMES[0])
    new = mutate(old, 0, "description")
    assert same_pages(old, new) == {c.id for c in old.channels} - {old.channels[0].id}
    assert same_pages(old, mutate(old, 0, "title")) == set()  # other pages link to it
