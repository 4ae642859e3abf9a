"""Two versions of a spec compared by meaning: what a connected client would notice.

Things are matched as readers know them, not by JSON path: channels by id, then by address
(a 2.x channel's id is its address, a 3.x one has a name); messages by key, then by name;
servers by name; operations by id, then by what they do. So a 2.6 document rewritten in 3.0
matches itself.

Direction comes only from the conversation model (`Revision.senders`): a stricter field
breaks clients when clients send it, and worries them when the server sends it more freely.
A message the conversation gives no sender is treated as sent both ways (the careful reading).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from asyncapi_ws_docs.changes.change import Change, Where, change
from asyncapi_ws_docs.changes.rules import CHANGE_RULES
from asyncapi_ws_docs.changes.schemas import SchemaChange, schema_changes
from asyncapi_ws_docs.document.model import Schema

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from typing import TypeVar

    from asyncapi_ws_docs.changes.revision import Place, Revision
    from asyncapi_ws_docs.changes.schemas import Kind
    from asyncapi_ws_docs.document.conversation import Side
    from asyncapi_ws_docs.document.model import (
        Channel,
        Message,
        Operation,
        Parameter,
        SecurityScheme,
        Server,
    )

    T = TypeVar("T")

_CLIENT_SENDS: dict[Kind, str] = {
    "required-added": "AWD611",
    "optional-added": "AWD631",
    "removed": "AWD636",
    "unrequired": "AWD632",
    "enum-removed": "AWD612",
    "enum-added": "AWD632",
    "narrowed": "AWD612",
    "tightened": "AWD612",
    "type-changed": "AWD612",
    "widened": "AWD632",
    "loosened": "AWD632",
    "deprecated": "AWD634",
    "described": "AWD633",
}
"""The rule of each schema change in something clients send."""
_SERVER_SENDS: dict[Kind, str] = {
    "required-added": "AWD636",
    "optional-added": "AWD631",
    "removed": "AWD622",
    "unrequired": "AWD622",
    "enum-removed": "AWD636",
    "enum-added": "AWD620",
    "narrowed": "AWD636",
    "tightened": "AWD636",
    "type-changed": "AWD621",
    "widened": "AWD621",
    "loosened": "AWD621",
    "deprecated": "AWD634",
    "described": "AWD633",
}
"""The rule of each schema change in something the server sends."""
_HANDSHAKE: dict[Kind, str] = _CLIENT_SENDS | {
    "required-added": "AWD606",
    "removed": "AWD607",
    "enum-removed": "AWD608",
    "enum-added": "AWD631",
}
"""The rule of each change of a handshake header, query parameter or address parameter:
the client sends them all, and a missing one refuses the connection."""

_DETAIL: dict[Kind, str] = {
    "required-added": "now required",
    "optional-added": "{new}",
    "removed": "removed",
    "unrequired": "no longer required",
    "enum-removed": "no longer allows {old}",
    "enum-added": "now also allows {new}",
    "described": "{new}",
}


def compare(old: Revision, new: Revision) -> list[Change]:
    """Every change from `old` to `new`, in document order of each part."""
    found: list[Change] = []
    if old.spec.info.version != new.spec.info.version:
        place = new.place(new.root.get("info", new.root), "version")
        found.append(change("AWD635", Where(), place, old.spec.info.version, new.spec.info.version))
    found += _servers(old, new)
    pairs, removed, added = match(
        old.spec.channels, new.spec.channels, (lambda c: c.id, lambda c: c.address or "")
    )
    for channel in removed:
        code = "AWD624" if channel.deprecated else "AWD601"
        found.append(change(code, Where(channel=channel.id), old.channel_place(channel)))
    for channel in added:
        found.append(change("AWD630", Where(channel=channel.id), new.channel_place(channel)))
    for before, after in pairs:
        found += _ChannelComparison(old, new, before, after).changes()
    gone = {channel.id for channel in removed}
    found += _operations(old, new, gone, {channel.id for channel in added})
    return found


def match(
    old: Sequence[T], new: Sequence[T], keys: Sequence[Callable[[T], str]]
) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """Pairs of the same thing in both versions, then what only the old or the new one has.

    Things pair by the first key, then the next...; empty keys never match.
    """
    pairs: list[tuple[T, T]] = []
    left, right = list(old), list(new)
    for key in keys:
        by_key: dict[str, T] = {}
        for item in right:
            by_key.setdefault(key(item), item)
        unmatched: list[T] = []
        for item in left:
            partner = by_key.pop(key(item), None) if key(item) else None
            if partner is None:
                unmatched.append(item)
            else:
                pairs.append((item, partner))
        taken = {id(b) for _, b in pairs}
        left, right = unmatched, [item for item in right if id(item) not in taken]
    return pairs, left, right


def _servers(old: Revision, new: Revision) -> Iterator[Change]:
    pairs, removed, added = match(old.spec.servers, new.spec.servers, (lambda s: s.name,))
    for server in removed:
        yield change("AWD603", Where(server=server.name), old.server_place(server.name))
    for server in added:
        yield change("AWD630", Where(server=server.name), new.server_place(server.name))
    for before, after in pairs:
        where, place = Where(server=after.name), new.server_place(after.name)
        if _url(before) != _url(after):
            yield change("AWD604", where, place, _url(before), _url(after))
        yield from _security(before.security, after.security, where, place)
        yield from _texts(before, after, ("title", "summary", "description"), where, place)


def _url(server: Server) -> str:
    return f"{server.url}" if "://" in server.url else f"{server.protocol}://{server.url}"


def _security(
    before: Sequence[SecurityScheme], after: Sequence[SecurityScheme], where: Where, place: Place
) -> Iterator[Change]:
    """New security requirements break clients; ones dropped let them go on (by name)."""
    old_names = [scheme.name for scheme in before]
    new_names = [scheme.name for scheme in after]
    if added := [n for n in new_names if n not in old_names]:
        yield change("AWD609", where, place, new=", ".join(f"`{n}`" for n in added))
    if dropped := [n for n in old_names if n not in new_names]:
        detail = "no longer requires " + ", ".join(f"`{n}`" for n in dropped)
        yield change("AWD632", where, place, detail=detail)


def _texts(
    before: object, after: object, names: Sequence[str], where: Where, place: Place
) -> Iterator[Change]:
    """One `text-changed` for the descriptive fields that differ (title, description...)."""
    changed = [n for n in names if getattr(before, n) != getattr(after, n)]
    if changed:
        yield change("AWD633", where, place, detail=_and(changed))


def _and(words: Sequence[str]) -> str:
    """`title`, `title and description`, `title, summary and description`."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _operations(
    old: Revision, new: Revision, channels_removed: set[str], channels_added: set[str]
) -> Iterator[Change]:
    """Operations by id, then by what they do: their security and deprecation.

    A 2.x operation often has no id where its 3.x rewrite has one. Their messages count per
    channel, not here.
    """
    keys = (lambda o: o.id, _what_they_do(old, new))
    pairs, removed, added = match(old.spec.operations, new.spec.operations, keys)
    for before, after in pairs:
        where, place = (
            Where(operation=after.id, channel=after.channel_id),
            new.operation_place(after),
        )
        yield from _security(before.security, after.security, where, place)
        if after.deprecated and not before.deprecated:
            yield change("AWD634", where, place)
    names = {name for c in new.spec.channels for m in c.messages for name in (m.key, m.name)}
    for operation in removed:
        # Gone with its channel, or with all its messages: those changes say it already.
        gone = operation.channel_id in channels_removed or names.isdisjoint(operation.message_keys)
        if operation.id and not gone:
            where = Where(operation=operation.id, channel=operation.channel_id)
            code = "AWD624" if operation.deprecated else "AWD636"
            yield change(code, where, old.operation_place(operation), detail="removed")
    for operation in added:
        if operation.id and operation.channel_id not in channels_added:
            where = Where(operation=operation.id, channel=operation.channel_id)
            yield change("AWD630", where, new.operation_place(operation))


def _what_they_do(*revisions: Revision) -> Callable[[Operation], str]:
    """An operation's key by what it does: who sends which messages (by name) to which address.

    The same in a 2.x document and its 3.x rewrite, whatever the ids.
    """
    keys: dict[int, str] = {}
    for revision in revisions:
        spec = revision.spec
        for operation in spec.operations:
            channel = spec.channel(operation.channel_id)
            if channel is None:
                continue
            names = sorted(
                m.name or m.key for m in channel.messages if m.key in operation.message_keys
            )
            sender = revision.conversation.sender(operation)
            keys[id(operation)] = f"{sender} {channel.address} {' '.join(names)}"
    return lambda operation: keys.get(id(operation), "")


class _ChannelComparison:
    """One channel in both versions."""

    def __init__(self, old: Revision, new: Revision, before: Channel, after: Channel) -> None:
        self.old, self.new = old, new
        self.before, self.after = before, after
        self.where = Where(channel=after.id)
        self.place = new.channel_place(after)

    def changes(self) -> list[Change]:
        found: list[Change] = []
        before, after = self.before, self.after
        if (before.address or "") != (after.address or ""):
            old, new = before.address or "", after.address or ""
            found.append(
                change("AWD602", self.where, self.place, old, new, detail=_moved(old, new))
            )
        if after.deprecated and not before.deprecated:
            found.append(change("AWD634", self.where, self.place))
        found += _texts(before, after, ("title", "summary", "description"), self.where, self.place)
        found += self._parameters()
        found += self._handshake()
        found += self._messages()
        return found

    def _parameters(self) -> Iterator[Change]:
        def name(parameter: Parameter) -> str:
            return parameter.name

        pairs, removed, added = match(self.before.parameters, self.after.parameters, (name,))
        for parameter in removed:
            where = self.where.inside(part="parameter", field=parameter.name)
            yield change("AWD607", where, self.old.channel_place(self.before))
        for parameter in added:
            where = self.where.inside(part="parameter", field=parameter.name)
            yield change("AWD606", where, self.place)
        for was, now in pairs:
            where = self.where.inside(part="parameter", field=now.name)
            for found in schema_changes(
                _or_empty(was.schema, now.schema), _or_empty(now.schema, was.schema)
            ):
                yield self._schema_change(found, where, _HANDSHAKE)

    def _handshake(self) -> Iterator[Change]:
        was, now = self.before.ws, self.after.ws
        old_method = (was.method if was else None) or "GET"
        new_method = (now.method if now else None) or "GET"
        if old_method.upper() != new_method.upper():
            yield change("AWD605", self.where, self.place, old_method, new_method)
        for part, pick in (("ws-header", "headers"), ("ws-query", "query")):
            before = getattr(was, pick, None) if was else None
            after = getattr(now, pick, None) if now else None
            if before is None and after is None:
                continue
            before, after = _or_empty(before, after), _or_empty(after, before)
            for found in schema_changes(before, after):
                yield self._schema_change(found, self.where.inside(part=part), _HANDSHAKE)

    def _messages(self) -> Iterator[Change]:
        pairs, removed, added = match(
            self.before.messages, self.after.messages, (lambda m: m.key, lambda m: m.name)
        )
        for message in removed:
            sides = self._sides(message, None)
            where = self.where.inside(message=message.key)
            code = "AWD624" if message.deprecated else "AWD610" if "client" in sides else "AWD636"
            yield change(code, where, self.old.message_place(message), detail="removed")
        for message in added:
            sides = self._sides(None, message)
            code = "AWD623" if "server" in sides else "AWD630"
            where = self.where.inside(message=message.key)
            yield change(code, where, self.new.message_place(message))
        for was, now in pairs:
            yield from self._message(was, now)

    def _sides(self, was: Message | None, now: Message | None) -> set[Side]:
        """Who sends the message, in either version; nobody named means both (careful)."""
        sides: set[Side] = set()
        if was is not None:
            sides.update(self.old.senders(self.before, was.key))
        if now is not None:
            sides.update(self.new.senders(self.after, now.key))
        return sides or {"client", "server"}

    def _message(self, was: Message, now: Message) -> Iterator[Change]:
        where = self.where.inside(message=now.key)
        place = self.new.message_place(now)
        if now.deprecated and not was.deprecated:
            yield change("AWD634", where, place)
        texts = ("title", "summary", "description", "examples", "payload_source")
        yield from _texts(was, now, texts, where, place)
        yield from self._senders(was, now, where, place)
        rules = _worst(self._sides(was, now))
        for part in ("payload", "headers"):
            before, after = getattr(was, part), getattr(now, part)
            if before is None and after is None:
                continue
            for found in schema_changes(_or_empty(before, after), _or_empty(after, before)):
                yield self._schema_change(found, where.inside(part=part), rules)

    def _senders(self, was: Message, now: Message, where: Where, place: Place) -> Iterator[Change]:
        """A message that changed hands: one clients sent and no longer may, one they now read.

        Only when the old version names a sender: a message nobody sent is read both ways.
        """
        before = set(self.old.senders(self.before, was.key))
        after = set(self.new.senders(self.after, now.key))
        if not before:
            return
        if "client" in before and "client" not in after:
            yield change("AWD610", where, place)
        if "server" in after and "server" not in before:
            yield change("AWD623", where, place)
        # A message clients read, now theirs to send: they wait for it in vain. Sending it is
        # theirs to choose (nothing in AsyncAPI makes a client send a message), so that half
        # is news, as a new message clients may send is (`AWD630`): the warning says it all.
        if "server" in before and after and "server" not in after:
            yield change("AWD625", where, place)

    def _schema_change(self, found: SchemaChange, where: Where, rules: dict[Kind, str]) -> Change:
        """A schema change read as a rule, for what `where` is (its sender, the handshake)."""
        if found.path:
            field = f"{where.field}.{found.path}" if where.field else found.path
            where = where.inside(field=field)
        code = rules[found.kind]
        if found.kind == "removed" and found.was_deprecated and code != "AWD636":
            code = "AWD624"
        revision = self.old if found.in_old else self.new
        detail = _DETAIL.get(found.kind, "{old} → {new}").format(old=found.old, new=found.new)
        place = revision.place(found.node, found.key)
        return change(code, where, place, found.old, found.new, detail=detail)


def _moved(old: str, new: str) -> str:
    """What happened to an address, for `AWD602`: moved, removed, or given where none was."""
    if not new:
        return f"no longer has an address (it was `{old}`)"
    if not old:
        return f"now has the address `{new}` (it had none)"
    return f"moved from `{old}` to `{new}`"


def _worst(sides: set[Side]) -> dict[Kind, str]:
    """The rules of schema changes for a message sent by `sides`.

    For one sent both ways, each change counts at its worse reading.
    """
    if sides == {"client"}:
        return _CLIENT_SENDS
    if sides == {"server"}:
        return _SERVER_SENDS
    return {
        kind: max(
            (_CLIENT_SENDS[kind], _SERVER_SENDS[kind]), key=lambda c: CHANGE_RULES[c].severity
        )
        for kind in _CLIENT_SENDS
    }


def _or_empty(schema: Schema | None, other: Schema | None) -> Schema:
    """`schema`, or for none an empty one of the other's type.

    Headers that were not there at all read as headers without properties, not as a type
    that changed.
    """
    if schema is not None:
        return schema
    return Schema(type=other.type if other is not None else "")
