"""What the readers of AsyncAPI 2.x and 3.x share: the base class `SpecReader`.

Most of a document reads the same in both versions: `info`, servers (all but their URL),
messages and their payloads, headers and examples, traits, channel parameters and bindings.
`SpecReader` reads those, and leaves to `V2Reader` and `V3Reader` the parts that differ: where
channels and operations live, how a server's URL is written, what a `security` entry is, how a
parameter gives its values, and which side wins when traits are merged.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any, ClassVar

from asyncapi_ws_docs.document import checks
from asyncapi_ws_docs.document.examplechecks import ExampleChecker, ExamplesLeftUnchecked
from asyncapi_ws_docs.document.model import (
    MISSING,
    CorrelationId,
    Info,
    Message,
    MessageExample,
    Parameter,
    Schema,
    SecurityScheme,
    Server,
    ServerVariable,
    Spec,
    WsBinding,
)
from asyncapi_ws_docs.document.readers import bindings
from asyncapi_ws_docs.document.readers.fields import (
    as_list,
    as_map,
    entries,
    field_text,
    list_field,
)
from asyncapi_ws_docs.document.readers.servers import security_scheme
from asyncapi_ws_docs.document.readers.traits import apply_traits
from asyncapi_ws_docs.document.schemas import (
    SchemaBuilder,
    TooLargeError,
    bounded_copy,
    ref_name,
    scalar_text,
    to_plain,
)

if TYPE_CHECKING:
    from asyncapi_ws_docs.document.loader import SpecMap
    from asyncapi_ws_docs.document.model import Channel, Operation
    from asyncapi_ws_docs.document.readers.servers import ServerLocation
    from asyncapi_ws_docs.document.refs import Workspace

_JSON_SCHEMA_FORMATS = ("application/vnd.aai.asyncapi", "application/schema+", "")
"""Schema formats shown as property tables; any other payload (Avro...) is shown as written."""


class SpecReader(ABC):
    """Reads one document into a `Spec`; a subclass per major version fills in the rest."""

    traits_win: ClassVar[bool]
    """Whether a trait's fields override the object's own (2.x) or the object's win (3.x)."""

    query_field: ClassVar[str]
    """The server field whose query string `checks.server_query` reports."""

    def __init__(self, workspace: Workspace, root: SpecMap, *, check_examples: bool = True) -> None:
        """A reader of `root`, the document's root mapping, loaded through `workspace`.

        `check_examples=False` leaves the examples' checks out (the model is the same).
        """
        self.workspace = workspace
        self.diagnostics = workspace.diagnostics
        self.root = root
        self.schemas = SchemaBuilder(workspace)
        checker = ExampleChecker if check_examples else ExamplesLeftUnchecked
        self.example_checks = checker(workspace)
        self.default_content_type = field_text(root, "defaultContentType")
        self.address_places: dict[str, tuple[SpecMap, str]] = {}
        """Where each channel's address is written (its node and key), by channel id."""

    def resolve(self, value: Any) -> SpecMap | None:
        """Follow references; anything that is not a mapping counts as absent."""
        return as_map(self.workspace.deref(value))

    # -- what each version reads its own way -------------------------------------------------

    @abstractmethod
    def channels_and_operations(self) -> tuple[tuple[Channel, ...], tuple[Operation, ...]]:
        """Every channel and every operation of the document."""

    @abstractmethod
    def server_location(self, server: SpecMap, protocol: str) -> ServerLocation:
        """The server's URL, host, pathname and stray query string."""

    @abstractmethod
    def security_entry(self, item: Any, declared: SpecMap | None) -> list[SecurityScheme]:
        """The schemes one entry of a `security` list names (`declared`: the components')."""

    @abstractmethod
    def parameter_schema(self, name: str, parameter: SpecMap) -> Schema | None:
        """The schema of a channel parameter's values."""

    def unwrap_multi_format(self, value: Any) -> tuple[Any, str]:
        """A payload or headers schema and its own format ("" if it names none).

        2.x has only the message's `schemaFormat`; 3.x overrides this for its wrapper.
        """
        return value, ""

    # -- the document --------------------------------------------------------------------------

    def spec(self, version: str) -> Spec:
        """The whole document. Servers come first, then channels: diagnostics keep that order."""
        server_nodes = [
            (server, node)
            for name, raw in entries(self.root.get("servers"))
            if (node := self.resolve(raw)) is not None
            and (server := self.server(name, node)) is not None
        ]
        servers = tuple(server for server, _ in server_nodes)
        channels, operations = self.channels_and_operations()
        self.example_checks.finish()
        spec = Spec(
            source=self.root.source.display,
            version=version,
            info=self.info(),
            servers=servers,
            channels=channels,
            operations=operations,
            default_content_type=self.default_content_type,
        )
        checks.plaintext_credentials(server_nodes, spec, self.workspace)
        checks.relative_addresses(spec, self.address_places, self.workspace)
        return spec

    def info(self) -> Info:
        """The `info` object; a warning if it is missing (the title is then the file's name)."""
        info = self.resolve(self.root.get("info"))
        if info is None:
            self.diagnostics.report(
                self.root,
                "the document has no `info` object",
                hint="add `info: {title, version}`",
                code="AWD101",
            )
        contact = self.resolve(info.get("contact")) if info else None
        license_ = self.resolve(info.get("license")) if info else None
        return Info(
            title=field_text(info, "title") or self.root.source.path.stem,
            version=field_text(info, "version"),
            description=field_text(info, "description"),
            terms_of_service=field_text(info, "termsOfService"),
            contact=tuple(
                (key, field_text(contact, key))
                for key in ("name", "url", "email")
                if field_text(contact, key)
            ),
            license_name=field_text(license_, "name"),
            license_url=field_text(license_, "url"),
        )

    # -- servers and security --------------------------------------------------------------------

    def server(self, name: str, raw: Any) -> Server | None:
        """One entry of `servers`; `None` if it is not a mapping."""
        server = self.resolve(raw)
        if server is None:
            return None
        protocol = field_text(server, "protocol")
        self.reserved_bindings(server, "server")
        location = self.server_location(server, protocol)
        checks.server_query(server, self.query_field, location.query, self.workspace)
        return Server(
            name=name,
            protocol=protocol,
            url=location.url,
            host=location.host,
            pathname=location.pathname,
            query=location.query,
            title=field_text(server, "title"),
            summary=field_text(server, "summary"),
            description=field_text(server, "description"),
            protocol_version=field_text(server, "protocolVersion"),
            variables=tuple(
                self.server_variable(n, v) for n, v in entries(server.get("variables"))
            ),
            security=self.security(server.get("security")),
        )

    def server_variable(self, name: str, raw: Any) -> ServerVariable:
        """One of a server's `variables`."""
        variable = self.resolve(raw)
        return ServerVariable(
            name=name,
            default=field_text(variable, "default") if variable and "default" in variable else None,
            enum=tuple(scalar_text(v) for v in list_field(variable, "enum")),
            description=field_text(variable, "description"),
            examples=tuple(scalar_text(v) for v in list_field(variable, "examples")),
        )

    def security(self, raw: Any) -> tuple[SecurityScheme, ...]:
        """The schemes of a server's or operation's `security` list."""
        components = self.resolve(self.root.get("components"))
        declared = self.resolve(components.get("securitySchemes")) if components else None
        schemes: list[SecurityScheme] = []
        for item in as_list(self.workspace.deref(raw)):
            schemes += self.security_entry(item, declared)
        return tuple(schemes)

    def scheme_itself(self, item: Any) -> list[SecurityScheme]:
        """A `security` entry that is the scheme (usually a reference, named by it)."""
        name = ref_name(item["$ref"]) if self.workspace.is_ref(item) else ""
        scheme = self.resolve(item)
        if scheme is None:
            return []
        checks.scheme_in_query(scheme, self.workspace)
        return [security_scheme(name or field_text(scheme, "type"), scheme)]

    # -- messages --------------------------------------------------------------------------------

    def with_traits(self, obj: SpecMap) -> SpecMap:
        """`obj` with its `traits` applied (see `traits`), the side `traits_win` says winning."""
        traits = [t for t in (self.resolve(t) for t in list_field(obj, "traits")) if t is not None]
        return apply_traits(obj, traits, trait_wins=self.traits_win)

    def message(self, key: str, raw: SpecMap) -> Message:
        """The message `raw`, traits applied, its examples checked against its schemas."""
        message = self.with_traits(raw)
        self.reserved_bindings(message, "message")
        payload, schema_format, payload_source = self.payload(message)
        headers = message.get("headers")
        self.example_checks.message(
            message,
            payload=self._schema_and_format(
                message.get("payload"), field_text(message, "schemaFormat")
            ),
            headers=self._schema_and_format(headers, ""),
        )
        correlation = self.resolve(message.get("correlationId"))
        return Message(
            key=key,
            origin=f"{raw.source.display}#{raw.pointer}",
            name=field_text(message, "name"),
            title=field_text(message, "title"),
            summary=field_text(message, "summary"),
            description=field_text(message, "description"),
            content_type=field_text(message, "contentType") or self.default_content_type,
            headers=self.schema(self.unwrap_multi_format(headers)[0]) if headers else None,
            payload=payload,
            schema_format=schema_format,
            payload_source=payload_source,
            correlation_id=CorrelationId(
                field_text(correlation, "location"), field_text(correlation, "description")
            )
            if correlation
            else None,
            examples=self.examples(message),
            deprecated=message.get("deprecated") is True,
        )

    def payload(self, message: SpecMap) -> tuple[Schema | None, str, Any]:
        """The payload schema, its format, and its source when it is not a JSON Schema."""
        if "payload" not in message:
            return None, field_text(message, "schemaFormat"), None
        value, schema_format = self.unwrap_multi_format(message["payload"])
        schema_format = schema_format or field_text(message, "schemaFormat")
        if not schema_format.startswith(_JSON_SCHEMA_FORMATS):
            # Avro, Protobuf, RAML...: shown as written, not as a property table.
            return None, schema_format, to_plain(self.workspace.deref(value))
        return self.schema(value), schema_format, None

    def _schema_and_format(self, value: Any, default_format: str) -> tuple[Any, str]:
        """A message's payload or headers as written, and its schema format."""
        schema, schema_format = self.unwrap_multi_format(value)
        return schema, schema_format or default_format

    def schema(self, value: Any) -> Schema:
        """A JSON Schema as a `Schema` tree."""
        return self.schemas.build(value)

    def examples(self, message: SpecMap) -> tuple[MessageExample, ...]:
        """A message's examples, as written (refs inside kept), too large ones only named."""
        result = []
        for raw in list_field(message, "examples"):
            example = self.resolve(raw)
            if example is None:
                continue
            try:
                source, _ = bounded_copy(example)
            except TooLargeError:
                result.append(MessageExample(name=field_text(example, "name"), too_large=True))
                continue
            if "payload" in example or "headers" in example:
                result.append(
                    MessageExample(
                        name=field_text(example, "name"),
                        summary=field_text(example, "summary"),
                        headers=source.get("headers", MISSING),
                        payload=source.get("payload", MISSING),
                        source=source,
                    )
                )
            else:  # 2.0.0 examples were bare payloads
                result.append(MessageExample(payload=source, source=source))
        return tuple(result)

    # -- channels ----------------------------------------------------------------------------------

    def parameters(self, raw: Any) -> tuple[Parameter, ...]:
        """A channel's `parameters`; one that is not a mapping is kept by name."""
        result = []
        for name, value in entries(self.resolve(raw)):
            parameter = self.resolve(value)
            if parameter is None:
                result.append(Parameter(name=name))
                continue
            result.append(
                Parameter(
                    name=name,
                    description=field_text(parameter, "description"),
                    schema=self.parameter_schema(name, parameter),
                    location=field_text(parameter, "location"),
                )
            )
        return tuple(result)

    def reserved_bindings(self, obj: SpecMap, kind: str) -> None:
        """Report content in the reserved `ws` binding of a server, operation or message."""
        bindings.check_reserved_bindings(obj, kind, self.workspace)

    def protocols(self, channel: SpecMap) -> tuple[str, ...]:
        """The protocols the channel has bindings for."""
        return bindings.protocols(channel, self.workspace)

    def ws_binding(self, channel: SpecMap) -> WsBinding | None:
        """The channel's `ws` binding (or a mis-keyed one), if it has one."""
        return bindings.ws_binding(channel, self.workspace, self.schemas, self.example_checks)
