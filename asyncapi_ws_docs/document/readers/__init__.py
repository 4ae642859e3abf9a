"""Turn a loaded AsyncAPI 2.x or 3.x document into the version-neutral model.

The two major versions differ in where things live (2.x operations sit inside channels and are
named from the other side; 3.x operations are top-level and reference their channel and
messages), so each has its own reader, `V2Reader` (`v2`) and `V3Reader` (`v3`). What both
read the same way (info, servers, messages, schemas, traits, the `ws` binding) is in their
base class, `reader.SpecReader`, and the small modules it uses. This module loads the file,
checks its version and picks the reader.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from typing import TYPE_CHECKING

from asyncapi_ws_docs.document.diagnostics import Diagnostic, Diagnostics, Level, SpecError
from asyncapi_ws_docs.document.readers.bindings import MISKEYED_WS
from asyncapi_ws_docs.document.readers.v2 import V2Reader
from asyncapi_ws_docs.document.readers.v3 import V3Reader
from asyncapi_ws_docs.document.refs import Workspace
from asyncapi_ws_docs.document.schemas import scalar_text

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

    from asyncapi_ws_docs.document.loader import SpecMap
    from asyncapi_ws_docs.document.model import Spec
    from asyncapi_ws_docs.document.readers.reader import SpecReader

__all__ = ["MISKEYED_WS", "SUPPORTED_VERSIONS", "build_spec", "load_spec"]

SUPPORTED_VERSIONS = re.compile(r"^(2\.[0-6]|3\.[01])\.\d+$")

_READERS: dict[str, type[SpecReader]] = {"2": V2Reader, "3": V3Reader}
"""The reader of each major version, by the version's first character."""


def load_spec(
    path: Path, *, roots: Iterable[Path], display_base: Path
) -> tuple[Spec | None, Diagnostics]:
    """Load and build one spec; `None` (with the reason in the diagnostics) if unreadable."""
    diagnostics = Diagnostics()
    workspace = Workspace(roots=roots, diagnostics=diagnostics, display_base=display_base)
    try:
        return build_spec(workspace, path), diagnostics
    except SpecError as error:
        diagnostics.add(error.diagnostic)
        return None, diagnostics


def build_spec(workspace: Workspace, path: Path, *, check_examples: bool = True) -> Spec:
    """Load the spec at `path` and build its model. Raises `SpecError` if it cannot be read.

    `check_examples=False` builds the same model without judging the examples, for a reader
    that needs only the model (`diff`): that is most of a large spec's checking time.
    """
    with _cyclic_gc_paused():
        root = workspace.load(path)
        version = _check_version(root)
        reader = _READERS[version[0]](workspace, root, check_examples=check_examples)
        return reader.spec(version)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a spec is read and built.

    Reading creates hundreds of thousands of containers that all live on, and few if any
    reference cycles (aliases share nodes; cyclic aliases are refused). Each full collection
    walks all of them again: on the benchmark's 2000-channel spec that was 2.9 of 7.6 s, and
    what made loading grow faster than the spec. Reference counting still frees as usual, and
    collection resumes when the model is built.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check_version(root: SpecMap) -> str:
    """The `asyncapi` version, or a `SpecError` saying why this file is not one we read."""
    value = root.get("asyncapi")
    text = scalar_text(value)
    if "asyncapi" not in root:
        problem = "this file has no `asyncapi` field, so it is not an AsyncAPI document"
    elif not isinstance(value, str):
        problem = f"`asyncapi: {text}` must be a version string such as '3.0.0' (quote it)"
    elif SUPPORTED_VERSIONS.match(value):
        return value
    else:
        problem = f"AsyncAPI version '{text}' is not supported (2.0.0 to 2.6.0, 3.0.0, 3.1.0 are)"
    file, line, column, pointer = root.position_of("asyncapi" if "asyncapi" in root else None)
    raise SpecError(
        Diagnostic(
            Level.ERROR,
            file,
            line,
            column,
            pointer,
            problem,
            "write e.g. `asyncapi: 3.0.0` on the first line; 1.x documents need converting",
            "AWD002",
        )
    )
