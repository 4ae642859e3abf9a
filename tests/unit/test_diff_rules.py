"""The change rules of `diff`, one test each, read as what a change means for a client.

Every spec here is one 3.0 document from the server's side: channel `c` at `/c`, where the
client sends `up` (the server `receive`s it) and the server sends `down`. A test changes one
thing in it and names the rule that change is, and what the same change is the other way.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import pytest

from asyncapi_ws_docs.changes import CHANGE_RULES, Severity, changes_between, version_gate
from asyncapi_ws_docs.changes.revision import read_revision
from asyncapi_ws_docs.document.diagnostics import RULES, Diagnostics
from asyncapi_ws_docs.document.readers import build_spec
from asyncapi_ws_docs.document.refs import Workspace
from tests.conftest import CORPUS_DIR

if TYPE_CHECKING:
    from pathlib import Path

    from asyncapi_ws_docs.changes import Change
    from asyncapi_ws_docs.changes.revision import Revision
    from asyncapi_ws_docs.document.conversation import Side
    from asyncapi_ws_docs.document.model import Spec

OBJECT = "{type: object, properties: {a: {type: string}}}"


def spec(  # noqa: PLR0913 (each part of the skeleton, by keyword)
    *,
    up: str = OBJECT,
    down: str = OBJECT,
    ws: str = "{method: GET}",
    version: str = "1.0.0",
    server: str = "{host: api.example.com, protocol: wss}",
    channel: str = "",
    more_channels: str = "",
    more_messages: str = "",
    more_operations: str = "",
) -> str:
    """The skeleton, with `up` (client sends) and `down` (server sends) payloads and more."""
    return textwrap.dedent(f"""\
        asyncapi: 3.0.0
        info: {{title: T, version: '{version}'}}
        servers:
          prod: {server}
        channels:
          c:
            address: /c
            {channel}
            messages:
              up: {{payload: {up}}}
              down: {{payload: {down}}}
              {more_messages}
            bindings:
              ws: {ws}
          {more_channels}
        operations:
          toServer:
            action: receive
            channel: {{$ref: '#/channels/c'}}
            messages: [{{$ref: '#/channels/c/messages/up'}}]
          toClient:
            action: send
            channel: {{$ref: '#/channels/c'}}
            messages: [{{$ref: '#/channels/c/messages/down'}}]
          {more_operations}
        components:
          securitySchemes:
            key: {{type: httpApiKey, name: X-Key, in: header}}
        """)


def revision(folder: Path, name: str, text: str, application: Side | None = None) -> Revision:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    found, _ = read_revision(path, roots=[folder], display_base=folder, application=application)
    return found


def changes(tmp_path: Path, old: str, new: str, **options: object) -> list[Change]:
    application = options.pop("application", None)
    before = revision(tmp_path, "old.yaml", old, application)  # type: ignore[arg-type]
    after = revision(tmp_path, "new.yaml", new, application)  # type: ignore[arg-type]
    return changes_between(before, after, **options)  # type: ignore[arg-type]


def codes(tmp_path: Path, old: str, new: str, **options: object) -> list[str]:
    """`breaking AWD611` for each change, worst first."""
    return [f"{c.severity} {c.code}" for c in changes(tmp_path, old, new, **options)]


def required(field: str, kind: str = "string") -> str:
    return f"{{type: object, required: [{field}], properties: {{a: {{type: string}}, {field}: {{type: {kind}}}}}}}"


def test_the_same_spec_has_no_changes(tmp_path: Path) -> None:
    assert codes(tmp_path, spec(), spec()) == []


# -- Channels, addresses, servers ----------------------------------------------------------


def test_a_removed_channel_breaks_clients_and_is_placed_in_the_old_file(tmp_path: Path) -> None:
    other = "d: {address: /d}"
    found = changes(tmp_path, spec(more_channels=other), spec())
    assert [(str(c.severity), c.code) for c in found] == [("breaking", "AWD601")]
    assert str(found[0].place) == "old.yaml:15:3"
    assert found[0].message == "Channel `d` was removed: clients that connect to it fail."


def test_a_new_channel_is_info(tmp_path: Path) -> None:
    assert codes(tmp_path, spec(), spec(more_channels="d: {address: /d}")) == ["info AWD630"]


def test_a_changed_address_breaks_clients(tmp_path: Path) -> None:
    found = changes(tmp_path, spec(), spec().replace("address: /c", "address: /v2/c"))
    assert [c.code for c in found] == ["AWD602"]
    assert found[0].message.startswith("Channel `c` moved from `/c` to `/v2/c`")


def test_a_removed_address_says_it_was_removed(tmp_path: Path) -> None:
    found = changes(tmp_path, spec(), spec().replace("address: /c", "address: null"))
    assert [c.code for c in found] == ["AWD602"]
    assert found[0].message == (
        "Channel `c` no longer has an address (it was `/c`): clients connecting to the old "
        "address fail."
    )
    back = changes(tmp_path, spec().replace("address: /c", "address: null"), spec())
    assert back[0].message.startswith("Channel `c` now has the address `/c` (it had none)")


def test_a_removed_server_breaks_clients_a_new_one_is_info(tmp_path: Path) -> None:
    two = spec().replace("servers:\n", "servers:\n  dev: {host: dev.example.com, protocol: ws}\n")
    assert codes(tmp_path, two, spec()) == ["breaking AWD603"]
    assert codes(tmp_path, spec(), two) == ["info AWD630"]


def test_a_server_that_moved_breaks_clients(tmp_path: Path) -> None:
    moved = spec(server="{host: new.example.com, protocol: wss}")
    assert codes(tmp_path, spec(), moved) == ["breaking AWD604"]


def test_a_new_security_requirement_breaks_clients_dropping_it_does_not(tmp_path: Path) -> None:
    secured = spec(
        server="{host: api.example.com, protocol: wss, "
        "security: [{$ref: '#/components/securitySchemes/key'}]}"
    )
    assert codes(tmp_path, spec(), secured) == ["breaking AWD609"]
    assert codes(tmp_path, secured, spec()) == ["info AWD632"]


# -- The handshake ---------------------------------------------------------------------------


def test_a_changed_handshake_method_breaks_clients(tmp_path: Path) -> None:
    assert codes(tmp_path, spec(), spec(ws="{method: POST}")) == ["breaking AWD605"]
    assert codes(tmp_path, spec(ws="{}"), spec(ws="{method: GET}")) == []  # GET is the default


HEADER = "{{headers: {{type: object, {required}properties: {{X-Token: {{type: string}}}}}}}}"


def test_a_new_required_handshake_header_breaks_clients_an_optional_one_is_info(
    tmp_path: Path,
) -> None:
    with_required = spec(ws=HEADER.format(required="required: [X-Token], "))
    with_optional = spec(ws=HEADER.format(required=""))
    found = changes(tmp_path, spec(ws="{}"), with_required)
    assert [(str(c.severity), c.code) for c in found] == [("breaking", "AWD606")]
    assert found[0].message == (
        "Handshake header `X-Token` of channel `c` is now required: clients that do not send "
        "it are refused."
    )
    assert codes(tmp_path, spec(ws="{}"), with_optional) == ["info AWD631"]
    assert codes(tmp_path, with_optional, with_required) == ["breaking AWD606"]
    assert codes(tmp_path, with_required, with_optional) == ["info AWD632"]


def test_a_removed_handshake_header_breaks_clients(tmp_path: Path) -> None:
    with_header = spec(ws=HEADER.format(required=""))
    assert codes(tmp_path, with_header, spec(ws="{}")) == ["breaking AWD607"]


QUERY = "{{query: {{type: object, properties: {{depth: {{type: string, enum: [{values}]}}}}}}}}"


def test_a_value_removed_from_a_query_parameter_breaks_clients_a_new_one_is_info(
    tmp_path: Path,
) -> None:
    two, three = spec(ws=QUERY.format(values="a, b")), spec(ws=QUERY.format(values="a, b, c"))
    found = changes(tmp_path, three, two)
    assert [c.code for c in found] == ["AWD608"]
    assert "query parameter `depth`" in found[0].message
    assert 'no longer allows `"c"`' in found[0].message
    assert codes(tmp_path, two, three) == ["info AWD631"]


def test_a_new_required_query_parameter_breaks_clients(tmp_path: Path) -> None:
    query = "{query: {type: object, required: [key], properties: {key: {type: string}}}}"
    found = changes(tmp_path, spec(ws="{}"), spec(ws=query))
    assert [c.code for c in found] == ["AWD606"]
    assert found[0].where.part == "ws-query"


def test_a_value_removed_from_an_address_parameter_breaks_clients(tmp_path: Path) -> None:
    def room(values: str) -> str:
        return spec(channel=f"parameters: {{room: {{enum: [{values}]}}}}").replace(
            "address: /c", "address: /c/{room}"
        )

    assert codes(tmp_path, room("red, blue"), room("red")) == ["breaking AWD608"]
    assert codes(tmp_path, room("red"), room("red, blue")) == ["info AWD631"]


# -- Messages the client sends ---------------------------------------------------------------


def test_a_removed_message_the_client_sends_breaks_clients(tmp_path: Path) -> None:
    extra = "bye: {payload: {type: string}}"
    operation = (
        "toServerBye: {action: receive, channel: {$ref: '#/channels/c'}, "
        "messages: [{$ref: '#/channels/c/messages/bye'}]}"
    )
    before = spec(more_messages=extra, more_operations=operation)
    found = changes(tmp_path, before, spec())
    assert [c.code for c in found] == ["AWD610"]
    assert found[0].place.file == "old.yaml"


def test_a_new_required_field_breaks_clients_only_in_what_they_send(tmp_path: Path) -> None:
    found = changes(tmp_path, spec(), spec(up=required("id")))
    assert [(str(c.severity), c.code) for c in found] == [("breaking", "AWD611")]
    assert found[0].where.field == "id"
    assert found[0].message.startswith("Payload field `id` of message `up` of channel `c`")
    # The server sending a new field it always fills in asks nothing of clients.
    assert codes(tmp_path, spec(), spec(down=required("id"))) == ["info AWD636"]


def test_a_field_removed_from_what_clients_send_is_info_from_what_they_read_a_warning(
    tmp_path: Path,
) -> None:
    assert codes(tmp_path, spec(up=required("id")), spec()) == ["info AWD636"]
    assert codes(tmp_path, spec(down=required("id")), spec()) == ["warning AWD622"]


def test_a_field_no_longer_required_is_info_for_clients_a_warning_for_servers(
    tmp_path: Path,
) -> None:
    optional = "{type: object, properties: {a: {type: string}, id: {type: string}}}"
    assert codes(tmp_path, spec(up=required("id")), spec(up=optional)) == ["info AWD632"]
    assert codes(tmp_path, spec(down=required("id")), spec(down=optional)) == ["warning AWD622"]


def field(schema: str) -> str:
    return f"{{type: object, properties: {{a: {schema}}}}}"


@pytest.mark.parametrize(
    ("wider", "narrower"),
    [
        ("{type: number}", "{type: integer}"),
        ("{type: string, enum: [x, y]}", "{type: string, enum: [x]}"),
        ("{type: string}", "{type: string, maxLength: 8}"),
        ("{type: string, maxLength: 8}", "{type: string, maxLength: 4}"),
        ("{type: number, minimum: 1}", "{type: number, minimum: 2}"),
        ("{type: string}", "{type: string, pattern: '^[a-z]+$'}"),
        ("{type: number}", "{type: number, maximum: 10}"),
    ],
)
def test_a_tightened_constraint_breaks_clients_a_loosened_one_is_info(
    tmp_path: Path, wider: str, narrower: str
) -> None:
    assert codes(tmp_path, spec(up=field(wider)), spec(up=field(narrower))) == ["breaking AWD612"]
    back = codes(tmp_path, spec(up=field(narrower)), spec(up=field(wider)))
    assert back in (["info AWD632"], ["info AWD632", "info AWD632"])


def test_a_tightened_constraint_in_what_the_server_sends_is_info(tmp_path: Path) -> None:
    before, after = field("{type: string}"), field("{type: string, maxLength: 8}")
    assert codes(tmp_path, spec(down=before), spec(down=after)) == ["info AWD636"]


# -- Messages the server sends ---------------------------------------------------------------


def test_a_new_enum_value_the_server_sends_is_a_warning(tmp_path: Path) -> None:
    before, after = field("{type: string, enum: [x]}"), field("{type: string, enum: [x, y]}")
    found = changes(tmp_path, spec(down=before), spec(down=after))
    assert [(str(c.severity), c.code) for c in found] == [("warning", "AWD620")]
    assert 'now also allows `"y"`' in found[0].message
    assert codes(tmp_path, spec(up=before), spec(up=after)) == ["info AWD632"]


def test_a_widened_type_the_server_sends_is_a_warning(tmp_path: Path) -> None:
    before, after = field("{type: integer}"), field("{type: [integer, string]}")
    assert codes(tmp_path, spec(down=before), spec(down=after)) == ["warning AWD621"]
    assert codes(tmp_path, spec(up=before), spec(up=after)) == ["info AWD632"]


def test_a_new_message_on_a_channel_clients_read_is_a_warning(tmp_path: Path) -> None:
    extra = "news: {payload: {type: string}}"

    def sent_by(action: str) -> str:
        operation = (
            f"news: {{action: {action}, channel: {{$ref: '#/channels/c'}}, "
            "messages: [{$ref: '#/channels/c/messages/news'}]}"
        )
        return spec(more_messages=extra, more_operations=operation)

    assert codes(tmp_path, spec(), sent_by("send")) == ["warning AWD623", "info AWD630"]
    assert codes(tmp_path, spec(), sent_by("receive")) == ["info AWD630", "info AWD630"]


def test_a_message_that_changes_hands_is_reported(tmp_path: Path) -> None:
    """`up` was the client's to send; now the server sends it (the operation's action flipped)."""
    flipped = spec().replace("action: receive", "action: send")
    found = changes(tmp_path, spec(), flipped)
    assert [(str(c.severity), c.code) for c in found] == [
        ("breaking", "AWD610"),
        ("warning", "AWD623"),
    ]
    assert found[0].message == (
        "Message `up` of channel `c`, which clients sent, is no longer one they send: the "
        "server no longer accepts it."
    )
    # The other way clients that read `up` wait for it in vain; sending it is theirs to choose.
    found = changes(tmp_path, flipped, spec())
    assert [(str(c.severity), c.code) for c in found] == [("warning", "AWD625")]
    assert found[0].message == (
        "Message `up` of channel `c`, which the server sent, is no longer one it sends: "
        "clients that wait for it will not receive it."
    )


def test_a_message_nobody_is_said_to_send_any_more_is_not_a_change_of_hands(
    tmp_path: Path,
) -> None:
    """Without an operation a message is read both ways (the careful reading): no flip."""
    unsent = spec().replace(
        "  toClient:\n    action: send\n    channel: {$ref: '#/channels/c'}\n"
        "    messages: [{$ref: '#/channels/c/messages/down'}]\n",
        "",
    )
    assert unsent != spec()
    assert "AWD625" not in codes(tmp_path, spec(), unsent)


def test_direction_comes_from_the_conversation_model(tmp_path: Path) -> None:
    """Read as a client's document, `up` is what the server sends: the same edit is info."""
    assert codes(tmp_path, spec(), spec(up=required("id")), application="client") == ["info AWD636"]


# -- Deprecation, texts, versions ------------------------------------------------------------


def test_removing_what_was_deprecated_is_a_warning_not_breaking(tmp_path: Path) -> None:
    other = "d: {address: /d, deprecated: true}"
    assert codes(tmp_path, spec(more_channels=other), spec()) == ["warning AWD624"]
    old_field = (
        "{type: object, properties: {a: {type: string}, b: {type: string, deprecated: true}}}"
    )
    assert codes(tmp_path, spec(down=old_field), spec()) == ["warning AWD624"]


def test_deprecating_is_info(tmp_path: Path) -> None:
    deprecated = field("{type: string, deprecated: true}")
    assert codes(tmp_path, spec(), spec(down=deprecated)) == ["info AWD634"]


def test_descriptions_and_versions_are_info(tmp_path: Path) -> None:
    described = spec(up="{type: object, description: Hello, properties: {a: {type: string}}}")
    found = changes(tmp_path, spec(), described)
    assert [(str(c.severity), c.code) for c in found] == [("info", "AWD633")]
    assert found[0].message == "Payload of message `up` of channel `c`: description changed."
    header = HEADER.format(required="")
    described_header = header.replace("{type: string}", "{type: string, title: Token}")
    found = changes(tmp_path, spec(ws=header), spec(ws=described_header))
    assert [c.message for c in found] == [
        "Handshake header `X-Token` of channel `c`: title changed."
    ]
    titled = spec().replace("up: {payload", "up: {title: Up, payload")
    assert codes(tmp_path, spec(), titled) == ["info AWD633"]
    assert codes(tmp_path, spec(), spec(version="1.1.0")) == ["info AWD635"]


@pytest.mark.parametrize(
    ("before", "after", "asked"),
    [
        ("1.4.0", "1.5.0", True),
        ("1.4.0", "2.0.0", False),
        ("0.4.0", "0.5.0", False),
        ("0.4.0", "0.4.1", True),
        ("v1", "v2", False),
    ],
)
def test_breaking_changes_ask_for_a_new_major_version(
    tmp_path: Path, before: str, after: str, asked: bool
) -> None:
    old = revision(tmp_path, "old.yaml", spec(version=before))
    new = revision(tmp_path, "new.yaml", spec(version=after, ws="{method: POST}"))
    gate = version_gate(old, new, changes_between(old, new))
    assert (gate is not None) is asked
    if gate is not None:
        assert gate.code == "AWD640"
        assert gate.severity is Severity.BREAKING
        assert f"from {before} to {after}" in gate.message


def test_no_version_is_asked_for_without_breaking_changes(tmp_path: Path) -> None:
    old, new = revision(tmp_path, "a.yaml", spec()), revision(tmp_path, "b.yaml", spec())
    assert version_gate(old, new, changes_between(old, new)) is None


# -- Policy -----------------------------------------------------------------------------------


def test_a_rule_can_be_ignored_or_given_another_severity(tmp_path: Path) -> None:
    moved = spec(ws="{method: POST}", version="1.1.0")
    assert codes(tmp_path, spec(), moved, ignore=["AWD605"]) == ["info AWD635"]
    severities = {"AWD605": Severity.INFO}
    assert codes(tmp_path, spec(), moved, severities=severities) == ["info AWD635", "info AWD605"]


def test_change_codes_are_their_own_and_every_sentence_fills_in() -> None:
    assert not set(CHANGE_RULES) & set(RULES)
    names = [rule.name for rule in CHANGE_RULES.values()]
    assert len(names) == len(set(names))
    for rule in CHANGE_RULES.values():
        sentence = rule.template.format(where="Channel `c`", old="a", new="b", detail="d")
        assert sentence.endswith("."), rule.code
        assert rule.summary, rule.code


# -- The same API in another version of AsyncAPI -----------------------------------------------

V26 = """\
asyncapi: 2.6.0
info: {title: T, version: '1.0.0'}
servers:
  prod: {url: 'wss://api.example.com', protocol: wss}
channels:
  /c:
    bindings:
      ws:
        query: {type: object, required: [key], properties: {key: {type: string, enum: [a, b]}}}
    publish:
      message: {name: up, payload: {type: object, required: [id], properties: {id: {type: integer}}}}
    subscribe:
      message:
        name: down
        payload: {type: object, properties: {kind: {type: string, enum: [x, y]}}}
"""
V30 = """\
asyncapi: 3.0.0
info: {title: T, version: '1.0.0'}
servers:
  prod: {host: api.example.com, protocol: wss}
channels:
  main:
    address: /c
    bindings:
      ws:
        query: {type: object, required: [key], properties: {key: {type: string, enum: [a, b]}}}
    messages:
      up: {name: up, payload: {type: object, required: [id], properties: {id: {type: integer}}}}
      down: {name: down, payload: {type: object, properties: {kind: {type: string, enum: [x, y]}}}}
operations:
  takeUp: {action: receive, channel: {$ref: '#/channels/main'}, messages: [{$ref: '#/channels/main/messages/up'}]}
  giveDown: {action: send, channel: {$ref: '#/channels/main'}, messages: [{$ref: '#/channels/main/messages/down'}]}
"""


def test_a_2_6_document_rewritten_in_3_0_has_no_changes(tmp_path: Path) -> None:
    assert codes(tmp_path, V26, V30) == []
    assert codes(tmp_path, V30, V26) == []


def test_the_rewrite_still_sees_a_real_change(tmp_path: Path) -> None:
    stricter = V30.replace("enum: [a, b]", "enum: [a]")
    assert codes(tmp_path, V26, stricter) == ["breaking AWD608"]


GEMINI = (
    "spec-examples-2.0.0__websocket-gemini.yml",
    "spec-examples__websocket-gemini.yml",
    "spec-examples__websocket-gemini-asyncapi.yml",
)


@pytest.mark.parametrize(
    ("old", "new"), [(a, b) for a in GEMINI for b in GEMINI if a != b], ids=str
)
def test_the_corpus_gemini_versions_break_no_client(old: str, new: str) -> None:
    """The AsyncAPI examples' Gemini API in 2.0, 2.6 and 3.0: one API, so nothing breaks.

    2.0 → 2.6 is not a pure rewrite: the 2.6 example changed `timestamp` and `timestampms`
    from strings to numbers, which the server sends (a warning one way, info the other).
    """
    paths = [CORPUS_DIR / name for name in (old, new)]
    if not all(path.is_file() for path in paths):
        pytest.skip(f"the spec corpus is missing: {CORPUS_DIR}")
    before, after = (
        read_revision(p, roots=[CORPUS_DIR], display_base=CORPUS_DIR)[0] for p in paths
    )
    found = changes_between(before, after)
    assert [c for c in found if c.severity is Severity.BREAKING] == []
    if "2.0.0" not in old + new:
        assert found == []


# -- Reading for a comparison ----------------------------------------------------------------

CORPUS_NAMES = sorted(
    p.name for p in CORPUS_DIR.glob("*") if p.suffix in {".yaml", ".yml", ".json"}
)


@pytest.mark.parametrize("name", CORPUS_NAMES or ["(no corpus)"])
def test_the_model_is_the_same_without_the_examples_checks(name: str) -> None:
    """`diff` reads without judging examples (a third of a large spec's reading): that may
    leave out diagnostics, never a part of the model."""
    path = CORPUS_DIR / name
    if not path.is_file():
        pytest.skip(f"the spec corpus is missing: {CORPUS_DIR}")

    def built(*, check_examples: bool) -> Spec:
        workspace = Workspace(
            roots=[CORPUS_DIR], diagnostics=Diagnostics(), display_base=CORPUS_DIR
        )
        return build_spec(workspace, path, check_examples=check_examples)

    assert built(check_examples=False) == built(check_examples=True)
