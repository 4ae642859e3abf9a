"""The reader of AsyncAPI 3.x documents.

In 3.x channels list their messages by key, and operations are top-level: each references its
channel, the messages of it that it sends or receives, and perhaps a reply. References are
followed to the same Python objects, so the reader remembers each channel's id and each
message's key by object identity, and finds them again from any reference to that object.

An operation or reply may name a message its channel does not list. The message is still
shown on that channel, after its own ones, and a warning says to list it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from asyncapi_ws_docs.document import checks
from asyncapi_ws_docs.document.loader import SpecMap
from asyncapi_ws_docs.document.model import MISSING, Channel, Message, Operation, Reply, Schema
from asyncapi_ws_docs.document.readers.fields import as_list, entries, field_text, list_field
from asyncapi_ws_docs.document.readers.reader import SpecReader
from asyncapi_ws_docs.document.readers.servers import ServerLocation, split_query
from asyncapi_ws_docs.document.schemas import ref_name, scalar_text

if TYPE_CHECKING:
    from asyncapi_ws_docs.document.model import SecurityScheme
    from asyncapi_ws_docs.document.refs import Workspace


class V3Reader(SpecReader):
    """Reads a 3.0.0 or 3.1.0 document."""

    traits_win: ClassVar[bool] = False
    query_field: ClassVar[str] = "pathname"

    def __init__(self, workspace: Workspace, root: SpecMap, *, check_examples: bool = True) -> None:
        """A reader of `root`, with nothing yet known of its channels and messages."""
        super().__init__(workspace, root, check_examples=check_examples)
        self._channel_ids: dict[int, str] = {}
        """The id of each channel read, by the identity of its mapping."""
        self._message_keys: dict[int, dict[int, str]] = {}
        """Per channel: the key of each message it lists, by the identity of the message."""
        self._unlisted: dict[int, dict[int, Message]] = {}
        """Per channel: messages its operations or replies name but its `messages` do not list."""

    def channels_and_operations(self) -> tuple[tuple[Channel, ...], tuple[Operation, ...]]:
        """The `channels` (with unlisted messages added) and the `operations`."""
        # Channels first: operations find their channels and messages by what these record.
        channels = self.channels()
        operations = self.operations()
        return self.with_unlisted_messages(channels), operations

    # -- channels ----------------------------------------------------------------------------------

    def channels(self) -> tuple[Channel, ...]:
        """The `channels`, each remembered by identity for the operations that reference it."""
        channels = []
        channels_map = self.resolve(self.root.get("channels"))
        for channel_id, raw in entries(channels_map):
            channel = self.resolve(raw)
            if channel is None:
                continue
            self._channel_ids[id(channel)] = channel_id
            model = self.channel(channel_id, channel)
            channels.append(model)
            if channels_map is not None:
                checks.no_messages(channels_map, channel_id, model, self.workspace)
        return tuple(channels)

    def channel(self, channel_id: str, channel: SpecMap) -> Channel:
        """One channel and the messages it lists, their keys remembered by identity."""
        keys = self._message_keys.setdefault(id(channel), {})
        messages = []
        for key, message_raw in entries(channel.get("messages")):
            message = self.resolve(message_raw)
            if message is not None:
                keys[id(message)] = key
                messages.append(self.message(key, message))
        address = channel.get("address")
        if address is not None:
            checks.channel_address(channel, "address", address, self.workspace)
            self.address_places[channel_id] = (channel, "address")
            checks.address_parameters(
                channel, scalar_text(address), channel.get("parameters"), self.workspace
            )
        # A null address is a channel whose address is only known at runtime; say which it was.
        missing: Literal["", "absent", "null"] = (
            "" if address is not None else "null" if "address" in channel else "absent"
        )
        return Channel(
            id=channel_id,
            address=scalar_text(address) if address is not None else None,
            address_missing=missing,
            title=field_text(channel, "title"),
            summary=field_text(channel, "summary"),
            description=field_text(channel, "description"),
            parameters=self.parameters(channel.get("parameters")),
            server_names=tuple(
                ref_name(s["$ref"])
                for s in list_field(channel, "servers")
                if self.workspace.is_ref(s)
            ),
            messages=tuple(messages),
            ws=self.ws_binding(channel),
            protocols=self.protocols(channel),
            deprecated=channel.get("deprecated") is True,
        )

    def unlisted_message(self, channel: SpecMap, name: str, message: SpecMap) -> str:
        """Keep a message the channel does not list, to show it there all the same.

        Its key is the name it is referenced by, made distinct from the channel's own keys.
        """
        unlisted = self._unlisted.setdefault(id(channel), {})
        known = unlisted.get(id(message))
        if known is not None:
            return known.key
        taken = {*self._message_keys.get(id(channel), {}).values()}
        taken |= {m.key for m in unlisted.values()}
        key, number = name, 1
        while key in taken:
            number += 1
            key = f"{name}-{number}"
        unlisted[id(message)] = replace(self.message(key, message), listed=False)
        return key

    def with_unlisted_messages(self, channels: tuple[Channel, ...]) -> tuple[Channel, ...]:
        """The channels, each with the messages named on it but not listed after its own."""
        by_channel_id = {
            self._channel_ids[channel]: tuple(messages.values())
            for channel, messages in self._unlisted.items()
            if channel in self._channel_ids
        }
        if not by_channel_id:
            return channels
        return tuple(
            replace(c, messages=c.messages + by_channel_id[c.id]) if c.id in by_channel_id else c
            for c in channels
        )

    # -- operations --------------------------------------------------------------------------------

    def operations(self) -> tuple[Operation, ...]:
        """The top-level `operations`, in the order written."""
        operations = []
        for op_id, raw in entries(self.root.get("operations")):
            resolved = self.resolve(raw)
            if resolved is not None:
                operations.append(self.operation(op_id, resolved))
        return tuple(operations)

    def operation(self, op_id: str, raw: SpecMap) -> Operation:
        """One operation: its channel, action, messages and reply."""
        operation = self.with_traits(raw)
        self.reserved_bindings(operation, "operation")
        channel_id, channel = self.channel_ref(operation.get("channel"))
        action = field_text(operation, "action")
        if action not in ("send", "receive"):
            self.diagnostics.report(
                operation,
                f"operation action '{action}' is neither `send` nor `receive`",
                key="action" if "action" in operation else None,
                hint="3.x replaced 2.x `subscribe`/`publish` with `send`/`receive`"
                " (2.x `subscribe` is 3.x `send`)",
                code="AWD110",
            )
        messages = operation.get("messages")
        return Operation(
            id=op_id,
            # a 2.x word by mistake still reads with its 2.x meaning
            action="send" if action in ("send", "subscribe") else "receive",
            keyword=action or "receive",
            channel_id=channel_id,
            title=field_text(operation, "title"),
            summary=field_text(operation, "summary"),
            description=field_text(operation, "description"),
            message_keys=self.message_keys(messages, channel),
            reply=self.reply(operation.get("reply"), channel),
            deprecated=operation.get("deprecated") is True,
            security=self.security(operation.get("security")),
        )

    def channel_ref(self, raw: Any) -> tuple[str, SpecMap | None]:
        """The id of the channel an operation or reply points at."""
        name = ref_name(raw["$ref"]) if self.workspace.is_ref(raw) else ""
        channel = self.resolve(raw)
        if channel is None:
            return name, None
        return self._channel_ids.get(id(channel), name), channel

    def message_keys(self, messages: Any, channel: SpecMap | None) -> tuple[str, ...]:
        """The keys of the `messages` an operation or reply names; none named: all the channel's."""
        if messages is not None:
            return self.message_refs(messages, channel)
        return tuple(self._message_keys.get(id(channel), {}).values())

    def message_refs(self, raw: Any, channel: SpecMap | None) -> tuple[str, ...]:
        """The keys of the messages `raw` references, on `channel`; unlisted ones are kept."""
        keys = self._message_keys.get(id(channel), {}) if channel is not None else {}
        result = []
        for ref in as_list(raw):
            message = self.resolve(ref)
            if message is None:
                continue
            key = keys.get(id(message))
            if key is None:
                key = ref_name(ref["$ref"]) if self.workspace.is_ref(ref) else "message"
                if channel is not None and isinstance(ref, SpecMap):
                    key = self.unlisted_message(channel, key, message)
                    self._warn_unlisted(ref, key, channel)
            result.append(key)
        return tuple(result)

    def _warn_unlisted(self, ref: SpecMap, key: str, channel: SpecMap) -> None:
        self.diagnostics.report(
            ref,
            f"message '{key}' is not one of the messages of channel "
            f"'{self._channel_ids.get(id(channel), '?')}'",
            key="$ref" if "$ref" in ref else None,
            hint="reference the message through the channel, as "
            "`#/channels/<channel>/messages/<message>`, and list it in the "
            "channel's `messages`",
            code="AWD111",
        )

    def reply(self, raw: Any, channel: SpecMap | None) -> Reply | None:
        """An operation's reply; without a `channel` of its own it uses the operation's."""
        reply = self.resolve(raw)
        if reply is None:
            return None
        address = self.resolve(reply.get("address"))
        reply_channel_id, reply_channel = (
            self.channel_ref(reply["channel"]) if "channel" in reply else (None, channel)
        )
        return Reply(
            channel_id=reply_channel_id,
            address_location=field_text(address, "location"),
            address_description=field_text(address, "description"),
            message_keys=self.message_keys(reply.get("messages"), reply_channel),
        )

    # -- what 3.x writes its own way ---------------------------------------------------------------

    def server_location(self, server: SpecMap, protocol: str) -> ServerLocation:
        """The URL composed of `protocol`, `host` and `pathname`."""
        checks.server_host(server, self.workspace)
        host = field_text(server, "host")
        pathname, query = split_query(field_text(server, "pathname"))
        if "://" in host:  # generator's rule: a scheme in `host` is not added twice
            host = host.split("://", 1)[1]
        return ServerLocation(f"{protocol}://{host}{pathname}", host, pathname, query)

    def security_entry(
        self,
        item: Any,
        declared: SpecMap | None,  # noqa: ARG002 (3.x entries never name a declared scheme)
    ) -> list[SecurityScheme]:
        """3.x lists the schemes themselves (usually references), not names of them."""
        return self.scheme_itself(item)

    def parameter_schema(self, name: str, parameter: SpecMap) -> Schema | None:
        """3.x parameters carry `enum`, `default` and `examples` themselves, always strings."""
        self.example_checks.values_as_string(parameter, f"/parameters/{name}")
        return Schema(
            type="string",
            enum=tuple(list_field(parameter, "enum")),
            default=parameter.get("default", MISSING),
            examples=tuple(list_field(parameter, "examples")),
        )

    def unwrap_multi_format(self, value: Any) -> tuple[Any, str]:
        """A Multi Format Schema Object `{schemaFormat, schema}`: the schema and its format."""
        resolved = self.resolve(value)
        if resolved is not None and "schema" in resolved and "schemaFormat" in resolved:
            return resolved["schema"], field_text(resolved, "schemaFormat")
        return value, ""
