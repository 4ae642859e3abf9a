"""The reader of AsyncAPI 2.x documents.

In 2.x operations sit inside their channel, as `subscribe` and `publish`, and are named from
the client's side: `subscribe` means the application sends. Each operation carries its
message (or a `oneOf` of them), which becomes one of the channel's messages. A server is one
`url`, a `security` entry names schemes of `components`, and parameters carry a `schema`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from asyncapi_ws_docs.document import checks
from asyncapi_ws_docs.document.model import Action, Channel, Message, Operation
from asyncapi_ws_docs.document.readers.fields import entries, field_text, list_field
from asyncapi_ws_docs.document.readers.reader import SpecReader
from asyncapi_ws_docs.document.readers.servers import ServerLocation, security_scheme, split_query
from asyncapi_ws_docs.document.schemas import ref_name, scalar_text

if TYPE_CHECKING:
    from asyncapi_ws_docs.document.loader import SpecMap
    from asyncapi_ws_docs.document.model import Schema, SecurityScheme


class V2Reader(SpecReader):
    """Reads a 2.0.0 to 2.6.0 document."""

    traits_win: ClassVar[bool] = True
    query_field: ClassVar[str] = "url"

    def channels_and_operations(self) -> tuple[tuple[Channel, ...], tuple[Operation, ...]]:
        """Each channel, and its `subscribe` and `publish` operations in that order."""
        channels: list[Channel] = []
        operations: list[Operation] = []
        channels_map = self.resolve(self.root.get("channels"))
        for address, raw in entries(channels_map):
            item = self.resolve(raw)
            if item is None or channels_map is None:
                continue
            checks.channel_address(channels_map, address, address, self.workspace)
            self.address_places[address] = (channels_map, address)
            checks.address_parameters(item, address, item.get("parameters"), self.workspace)
            messages: dict[str, Message] = {}  # filled by the channel's operations, in order
            for keyword in ("subscribe", "publish"):
                operation = self.resolve(item.get(keyword))
                if operation is not None:
                    operations.append(self.operation(address, keyword, operation, messages))
            channels.append(
                channel := Channel(
                    id=address,
                    address=address,
                    description=field_text(item, "description"),
                    parameters=self.parameters(item.get("parameters")),
                    server_names=tuple(scalar_text(s) for s in list_field(item, "servers")),
                    messages=tuple(messages.values()),
                    ws=self.ws_binding(item),
                    protocols=self.protocols(item),
                    deprecated=item.get("deprecated") is True,
                )
            )
            checks.no_messages(channels_map, address, channel, self.workspace)
        return tuple(channels), tuple(operations)

    def operation(
        self, address: str, keyword: str, raw: SpecMap, messages: dict[str, Message]
    ) -> Operation:
        """The `subscribe` or `publish` operation of a channel; its messages join `messages`."""
        operation = self.with_traits(raw)
        self.reserved_bindings(operation, "operation")
        op_id = field_text(operation, "operationId")
        keys: list[str] = []
        declared = self.resolve(operation.get("message")) if "message" in operation else None
        candidates = (
            list_field(declared, "oneOf")
            if declared and "oneOf" in declared
            else ([operation["message"]] if declared is not None else [])
        )
        for index, candidate in enumerate(candidates):
            fallback = f"{op_id or keyword}Message{index + 1 if len(candidates) > 1 else ''}"
            key, message = self.named_message(candidate, fallback)
            messages.setdefault(key, message)
            keys.append(key)
        # 2.x names the operation from the client's side: `subscribe` is what the app sends.
        action: Action = "send" if keyword == "subscribe" else "receive"
        return Operation(
            id=op_id,
            action=action,
            keyword=keyword,
            channel_id=address,
            summary=field_text(operation, "summary"),
            description=field_text(operation, "description"),
            message_keys=tuple(keys),
            deprecated=operation.get("deprecated") is True,
            security=self.security(operation.get("security")),
        )

    def named_message(self, raw: Any, fallback: str) -> tuple[str, Message]:
        """An operation's message and its key: `messageId`, ref name, `name` or `fallback`."""
        name = ref_name(raw["$ref"]) if self.workspace.is_ref(raw) else ""
        message = self.resolve(raw)
        if message is None:
            return name or fallback, Message(key=name or fallback)
        key = field_text(message, "messageId") or name or field_text(message, "name") or fallback
        return key, self.message(key, message)

    def server_location(self, server: SpecMap, protocol: str) -> ServerLocation:
        """The server's `url`, the scheme taken from `protocol` when the URL has none."""
        url, query = split_query(field_text(server, "url"))
        if "://" not in url:  # `url: localhost` is common; the protocol says the scheme
            url = f"{protocol}://{url}" if protocol else url
        host, _, pathname = url.partition("://")[2].partition("/")
        return ServerLocation(url, host, f"/{pathname}" if pathname else "", query)

    def security_entry(self, item: Any, declared: SpecMap | None) -> list[SecurityScheme]:
        """A requirement map: each key names a scheme of `components.securitySchemes`."""
        if not isinstance(item, dict):
            return self.scheme_itself(item)
        schemes = []
        for name in item:
            scheme = self.resolve(declared.get(name)) if declared else None
            if scheme is not None:
                checks.scheme_in_query(scheme, self.workspace)
                schemes.append(security_scheme(str(name), scheme))
        return schemes

    def parameter_schema(self, name: str, parameter: SpecMap) -> Schema | None:
        """The parameter's `schema`, its example values checked; `None` without one."""
        if "schema" not in parameter:
            return None
        schema = self.schema(parameter["schema"])
        self.example_checks.schema_values(parameter["schema"], f"/parameters/{name}")
        return schema
