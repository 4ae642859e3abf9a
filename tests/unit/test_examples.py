"""Examples checked against their schemas: one small spec per pattern, the exact warning."""

from __future__ import annotations

from typing import TYPE_CHECKING

from asyncapi_ws_docs.document.examplechecks import MAX_EXAMPLE_WARNINGS, dialect_of
from asyncapi_ws_docs.document.readers import load_spec

from .helpers import CHANNEL_C, V2, V3, load, messages_of

if TYPE_CHECKING:
    from pathlib import Path

HINT = " Hint: readers copy examples: correct the value, or the schema if the value is right"


def found(tmp_path: Path, text: str, **more_files: str) -> list[str]:
    _, diagnostics = load(tmp_path, text, **more_files)
    return messages_of(diagnostics)


def test_a_message_example_that_breaks_its_payload_schema(tmp_path: Path) -> None:
    spec = (
        V3
        + """\
channels:
  orders:
    address: /orders
    messages:
      order:
        payload:
          type: object
          properties:
            qty: {type: integer}
        examples:
          - name: three
            payload:
              qty: three
"""
    )
    assert found(tmp_path, spec) == [
        "spec.yaml:15:15: warning[AWD401]: /channels/orders/messages/order/examples/0/payload/qty:"
        " example 'three' does not match its schema: /payload/qty: 'three' is not of type 'integer'"
        + HINT
    ]


def test_message_headers_examples_are_checked_too(tmp_path: Path) -> None:
    spec = (
        V3
        + CHANNEL_C
        + """\
    messages:
      m:
        headers: {type: object, required: [X-Id], properties: {X-Id: {type: string}}}
        payload: {type: string}
        examples:
          - headers: {Other: 1}
            payload: fine
"""
    )
    assert found(tmp_path, spec) == [
        "spec.yaml:11:13: warning[AWD401]: /channels/c/messages/m/examples/0/headers: example 1 "
        "does not match its schema: /headers: 'X-Id' is a required property" + HINT
    ]


def test_schema_level_default_examples_const_and_enum_values(tmp_path: Path) -> None:
    spec = (
        V3
        + CHANNEL_C
        + """\
    bindings:
      ws:
        query:
          type: object
          properties:
            depth: {type: integer, default: ten, examples: [5, '6'], enum: [5, 6, x]}
            mode: {type: string, const: 3}
"""
    )
    assert found(tmp_path, spec) == [
        "spec.yaml:11:36: warning[AWD401]: /channels/c/bindings/ws/query/properties/depth/default:"
        " `default` does not match its schema: /query/depth: 'ten' is not of type 'integer'" + HINT,
        "spec.yaml:11:64: warning[AWD401]: /channels/c/bindings/ws/query/properties/depth/examples/1:"
        " `examples[1]` does not match its schema: /query/depth: '6' is not of type 'integer'"
        + HINT,
        "spec.yaml:11:83: warning[AWD401]: /channels/c/bindings/ws/query/properties/depth/enum/2:"
        " `enum[2]` does not match its schema: /query/depth: 'x' is not of type 'integer'" + HINT,
        "spec.yaml:12:34: warning[AWD401]: /channels/c/bindings/ws/query/properties/mode/const:"
        " `const` does not match its schema: /query/mode: 3 is not of type 'string'" + HINT,
    ]


def test_refs_are_followed_through_the_workspace_and_other_files(tmp_path: Path) -> None:
    spec = (
        V2
        + """\
channels:
  /c:
    subscribe:
      message:
        payload: {$ref: 'schemas.yaml#/Order'}
        examples:
          - payload: {side: sideways}
"""
    )
    schemas = (
        "Order: {type: object, properties: {side: {$ref: '#/Side'}}}\nSide: {enum: [buy, sell]}\n"
    )
    assert found(tmp_path, spec, schemas=schemas) == [
        "spec.yaml:9:23: warning[AWD401]: /channels/~1c/subscribe/message/examples/0/payload/side:"
        " example 1 does not match its schema: /payload/side: 'sideways' is not one of "
        "['buy', 'sell']" + HINT
    ]


def test_a_ref_outside_the_allowed_folders_is_not_followed(tmp_path: Path) -> None:
    (tmp_path.parent / "outside.yaml").write_text("X: {type: integer}\n", encoding="utf-8")
    spec = (
        V2
        + """\
channels:
  /c:
    subscribe:
      message:
        payload: {type: object, properties: {n: {$ref: '../outside.yaml#/X'}}}
        examples:
          - payload: {n: not a number}
"""
    )
    messages = found(tmp_path, spec)
    assert not any("AWD401" in m for m in messages)
    assert any("reaches outside the allowed folders" in m for m in messages)


def test_the_declared_dialect_is_used(tmp_path: Path) -> None:
    # Draft 4: exclusiveMinimum is a boolean next to minimum; 0 is then out of range.
    spec = (
        V2
        + """\
channels:
  /c:
    subscribe:
      message:
        schemaFormat: application/schema+json;version=draft-04
        payload: {type: integer, minimum: 0, exclusiveMinimum: true}
        examples:
          - payload: 0
"""
    )
    assert found(tmp_path, spec) == [
        "spec.yaml:10:13: warning[AWD401]: /channels/~1c/subscribe/message/examples/0/payload: "
        "example 1 does not match its schema: /payload: 0 is less than or equal to the minimum of 0"
        + HINT
    ]
    assert dialect_of("application/vnd.apache.avro;version=1.9.0") is None


def test_a_payload_that_is_not_json_schema_is_skipped_with_an_info(tmp_path: Path) -> None:
    spec = (
        V2
        + """\
channels:
  /c:
    subscribe:
      message:
        schemaFormat: application/vnd.apache.avro;version=1.9.0
        payload: {type: record, name: R, fields: [{name: a, type: int}]}
        examples:
          - payload: {a: not an int}
"""
    )
    assert found(tmp_path, spec) == [
        "spec.yaml:9:9: info[AWD402]: /channels/~1c/subscribe/message/examples: the examples are "
        "not checked: the payload's schema format 'application/vnd.apache.avro;version=1.9.0' is "
        "not JSON Schema Hint: only JSON Schema payloads (AsyncAPI's default format) are checked"
    ]


def test_parameters_are_checked(tmp_path: Path) -> None:
    spec = (
        V3
        + """\
channels:
  c:
    address: /rooms/{room}
    parameters:
      room: {enum: [a, b], default: c}
"""
    )
    assert found(tmp_path, spec) == [
        "spec.yaml:7:28: warning[AWD401]: /channels/c/parameters/room/default: `default` does not "
        "match its schema: /parameters/room: 'c' is not one of ['a', 'b']" + HINT
    ]


def test_a_shared_example_is_reported_once(tmp_path: Path) -> None:
    spec = (
        V2
        + """\
channels:
  /a:
    subscribe: {message: {$ref: '#/components/messages/M'}}
  /b:
    subscribe: {message: {$ref: '#/components/messages/M'}}
components:
  messages:
    M:
      payload: {type: integer}
      examples: [{payload: x}]
"""
    )
    assert len([m for m in found(tmp_path, spec) if "AWD401" in m]) == 1


def test_past_the_cap_one_warning_counts_the_rest(tmp_path: Path) -> None:
    count = MAX_EXAMPLE_WARNINGS + 5
    properties = "\n".join(f"            p{i}: {{type: integer, default: x}}" for i in range(count))
    spec = (
        V3
        + f"""\
channels:
  c:
    address: /c
    bindings:
      ws:
        query:
          type: object
          properties:
{properties}
"""
    )
    mismatches = [m for m in found(tmp_path, spec) if "AWD401" in m]
    assert len(mismatches) == MAX_EXAMPLE_WARNINGS + 1
    assert (
        "5 more value(s) do not match their schemas; only the first 20 are reported"
        in mismatches[-1]
    )


def test_a_schema_that_cannot_check_is_reported(tmp_path: Path) -> None:
    spec = (
        V3
        + CHANNEL_C
        + """\
    bindings:
      ws:
        query:
          type: object
          properties:
            p: {type: strin, default: x}
"""
    )
    (message,) = found(tmp_path, spec)
    assert message.startswith(
        "spec.yaml:11:16: warning[AWD403]: /channels/c/bindings/ws/query/properties/p: this "
        "schema cannot check its examples: UnknownType: Unknown type 'strin' for validator with "
        "schema:"
    )


def test_valid_examples_say_nothing(tmp_path: Path) -> None:
    spec = (
        V3
        + CHANNEL_C
        + """\
    messages:
      m:
        payload:
          type: object
          properties:
            price: {type: number, examples: [1.5, 2]}
            side: {type: string, enum: [buy, sell], default: buy}
        examples:
          - payload: {price: 10, side: sell}
"""
    )
    assert found(tmp_path, spec) == []


def test_a_spec_outside_the_folders_refs_may_reach_is_still_checked(tmp_path: Path) -> None:
    """The spec itself may lie anywhere (the plugin names it by path); only `$ref`s are bound."""
    spec_folder, project = tmp_path / "specs", tmp_path / "project"
    spec_folder.mkdir()
    project.mkdir()
    (spec_folder / "spec.yaml").write_text(
        V3
        + """\
channels:
  orders:
    address: /orders
    messages:
      order:
        payload: {$ref: '#/components/schemas/Order'}
        examples: [{payload: {qty: three}}]
components:
  schemas:
    Order: {type: object, properties: {qty: {type: integer}}}
""",
        encoding="utf-8",
    )
    _, diagnostics = load_spec(spec_folder / "spec.yaml", roots=[project], display_base=tmp_path)
    assert [d.code for d in diagnostics if d.code != "AWD503"] == ["AWD401"]
