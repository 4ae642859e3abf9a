"""One version of a spec, as `diff` compares it: the model, its conversation, and its file.

The model says what the API is; the loaded file says where each thing is written, so every
change can name a file, line and column (in the new version, or in the old one for a removal).
A version read from git (`changes.git`) shows its places as `REF:PATH`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from asyncapi_ws_docs.document.conversation import Conversation, Side, conversation
from asyncapi_ws_docs.document.diagnostics import Diagnostics
from asyncapi_ws_docs.document.readers import build_spec
from asyncapi_ws_docs.document.refs import Workspace, unescape_pointer_token

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path

    from asyncapi_ws_docs.document.loader import LoadedFile, SpecMap
    from asyncapi_ws_docs.document.model import Channel, Message, Operation, Spec


@dataclass(frozen=True)
class Place:
    """Where something is written: file, 1-based line and column (0: unknown)."""

    file: str
    line: int = 0
    column: int = 0
    ref: str = ""
    """The git revision the file was read from (`file` is then `REF:PATH`), "" for a file on
    disk: a line of a past revision is not a line of the working tree."""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}" if self.line else self.file

    @property
    def path(self) -> str:
        """The file's path without its revision: the file the working tree has."""
        return self.file.removeprefix(f"{self.ref}:") if self.ref else self.file


@dataclass(frozen=True)
class Revision:
    """A spec at one version: `label` names it (a file, `v1.2.0`, `HEAD~1:asyncapi.yaml`)."""

    label: str
    spec: Spec
    conversation: Conversation
    root: SpecMap
    workspace: Workspace
    file: str
    """The spec file as places show it (`asyncapi.yaml`, `v1.2.0:asyncapi.yaml`)."""
    ref: str = ""
    """The git revision it was read from, "" for a file on disk."""

    @property
    def name(self) -> str:
        """The version as readers know it: `info.version`, else the label."""
        return self.spec.info.version or self.label

    def place(self, node: Any, key: str | int | None = None) -> Place:
        """The place of a loaded mapping or list, or of its entry `key`."""
        if not hasattr(node, "position_of"):
            return Place(self.file, ref=self.ref)
        file, line, column, _ = node.position_of(key)
        return Place(file, line, column, self.ref)

    def channel_place(self, channel: Channel) -> Place:
        """Where a channel is defined (its key under `channels`)."""
        return self.place(self.root.get("channels", self.root), channel.id)

    def server_place(self, name: str) -> Place:
        """Where a server is defined (its key under `servers`)."""
        return self.place(self.root.get("servers", self.root), name)

    def operation_place(self, operation: Operation) -> Place:
        """Where an operation is defined (3.x `operations`, or its channel's 2.x keyword)."""
        operations = self.root.get("operations")
        if isinstance(operations, dict) and operation.id in operations:
            return self.place(operations, operation.id)
        channels = self.root.get("channels")
        channel = channels.get(operation.channel_id) if isinstance(channels, dict) else None
        if isinstance(channel, dict) and operation.keyword in channel:
            return self.place(channel, operation.keyword)
        return self.place(self.root, "channels")

    def message_place(self, message: Message) -> Place:
        """Where a message is defined (`Message.origin`: its file and pointer)."""
        display, _, pointer = message.origin.partition("#")
        for loaded in self.workspace.files.values():
            if loaded.source.display == display:
                parent, key = _parent_of(loaded.root, pointer)
                return self.place(parent, key)
        return self.place(self.root)

    def senders(self, channel: Channel, key: str) -> tuple[Side, ...]:
        """Who sends message `key` on `channel`, as the conversation model says."""
        return self.conversation.of(channel.id).senders_of(key)


def _parent_of(root: Any, pointer: str) -> tuple[Any, str | int | None]:
    """The node holding the pointer's last token, and that token (for `position_of`)."""
    tokens = [unescape_pointer_token(t) for t in pointer.split("/")[1:]] if pointer else []
    node: Any = root
    for token in tokens[:-1]:
        if isinstance(node, dict):
            node = node.get(token)
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return root, None
    if not tokens:
        return root, None
    last = tokens[-1]
    return node, int(last) if isinstance(node, list) and last.isdigit() else last


def read_revision(  # noqa: PLR0913 (where the file is, and how to show it, by keyword)
    path: Path,
    *,
    roots: Iterable[Path],
    display_base: Path,
    label: str = "",
    ref: str = "",
    application: Side | None = None,
    loader: Callable[[Path, str], LoadedFile] | None = None,
) -> tuple[Revision, Diagnostics]:
    """Read one version of a spec; `SpecError` when it cannot be read at all.

    `ref` and `loader` are for a version read from git: its revision, and what fetches its files.
    """
    diagnostics = Diagnostics()
    workspace = Workspace(
        roots=roots, diagnostics=diagnostics, display_base=display_base, loader=loader
    )
    # The examples are `check`'s to judge; a comparison needs only the model.
    spec = build_spec(workspace, path, check_examples=False)
    root = workspace.load(path)
    file = root.source.display
    revision = Revision(
        label or file, spec, conversation(spec, application), root, workspace, file, ref
    )
    return revision, diagnostics
