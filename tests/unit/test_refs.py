"""`$ref`s: local pointers, relative files, chains, cycles, and the ones never followed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .helpers import V3, load, messages_of

if TYPE_CHECKING:
    from pathlib import Path


def channel_with_binding(binding: str) -> str:
    return V3 + "channels:\n  c:\n    address: /c\n    bindings:\n" + binding


def test_local_pointer_with_escaped_slash_and_tilde(tmp_path: Path) -> None:
    spec, diagnostics = load(
        tmp_path,
        V3
        + """\
channels:
  c:
    address: /c
    bindings: {ws: {headers: {$ref: '#/components/schemas/a~1b~0c'}}}
components:
  schemas:
    a/b~c: {type: object, properties: {X-Token: {type: string}}}
""",
    )
    assert messages_of(diagnostics) == []
    ws = spec.channels[0].ws
    assert ws is not None
    assert ws.headers is not None
    assert [p.name for p in ws.headers.properties] == ["X-Token"]


def test_relative_file_refs_resolve_against_the_file_that_holds_them(tmp_path: Path) -> None:
    spec, diagnostics = load(
        tmp_path,
        channel_with_binding("      ws: {query: {$ref: './shared/schemas.yaml#/Query'}}\n"),
        shared__schemas="""\
            Query:
              type: object
              properties:
                token: {$ref: './more/token.yaml#/Token'}
            """,
        shared__more__token="Token: {type: string, description: from a nested file}\n",
    )
    assert messages_of(diagnostics, ignore=("AWD502", "AWD503")) == []  # `token` in the query
    ws = spec.channels[0].ws
    assert ws is not None
    assert ws.query is not None
    (token,) = ws.query.properties
    assert token.schema.description == "from a nested file"


def test_refs_to_refs_and_bindings_that_are_refs(tmp_path: Path) -> None:
    spec, diagnostics = load(
        tmp_path,
        V3
        + """\
channels:
  c:
    address: /c
    bindings: {$ref: '#/components/channelBindings/auth'}
components:
  channelBindings:
    auth: {$ref: '#/components/channelBindings/real'}
    real: {ws: {method: POST}}
""",
    )
    assert [d.code for d in diagnostics] == ["AWD503", "AWD204"]  # no messages; the POST note
    ws = spec.channels[0].ws
    assert ws is not None
    assert ws.method == "POST"
    assert ws.snippet == {"method": "POST"}


def test_recursive_schema_is_cut_where_it_loops(tmp_path: Path) -> None:
    spec, diagnostics = load(
        tmp_path,
        V3
        + """\
channels:
  c:
    address: /c
    messages:
      tree: {payload: {$ref: '#/components/schemas/Node'}}
components:
  schemas:
    Node:
      type: object
      properties:
        children: {type: array, items: {$ref: '#/components/schemas/Node'}}
""",
    )
    assert not diagnostics
    payload = spec.channels[0].messages[0].payload
    assert payload is not None
    children = payload.properties[0].schema
    assert children.items is not None
    assert children.items.recursive_ref == "Node"


def test_a_ref_to_itself_is_reported_not_followed(tmp_path: Path) -> None:
    spec, diagnostics = load(
        tmp_path,
        channel_with_binding("      ws: {headers: {$ref: '#/components/schemas/Loop'}}\n")
        + "components: {schemas: {Loop: {$ref: '#/components/schemas/Loop'}}}\n",
    )
    assert spec.channels[0].ws is not None
    assert any("circular $ref" in m for m in messages_of(diagnostics))


def test_remote_refs_are_never_fetched(tmp_path: Path) -> None:
    _, diagnostics = load(
        tmp_path,
        channel_with_binding("      ws: {headers: {$ref: 'https://example.com/h.yaml#/H'}}\n"),
    )
    (message,) = messages_of(diagnostics)
    assert "spec.yaml:7:22: warning[AWD102]: /channels/c/bindings/ws/headers/$ref" in message
    assert "remote $ref 'https://example.com/h.yaml#/H' is not followed" in message


def test_refs_outside_the_allowed_folders_are_refused(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "secret.yaml").write_text("H: {type: object}\n")
    _, diagnostics = load(
        project, channel_with_binding("      ws: {headers: {$ref: '../secret.yaml#/H'}}\n")
    )
    (message,) = messages_of(diagnostics)
    assert "reaches outside the allowed folders" in message


def test_a_missing_pointer_target_says_which_ref_and_where(tmp_path: Path) -> None:
    _, diagnostics = load(
        tmp_path, channel_with_binding("      ws: {headers: {$ref: '#/components/schemas/Nope'}}\n")
    )
    (message,) = messages_of(diagnostics)
    assert message.startswith(
        "spec.yaml:7:22: warning[AWD104]: /channels/c/bindings/ws/headers/$ref:"
    )
    assert "'#/components/schemas/Nope' does not resolve: nothing at '/components'" in message


def test_a_missing_file_is_reported_at_the_ref(tmp_path: Path) -> None:
    _, diagnostics = load(
        tmp_path, channel_with_binding("      ws: {headers: {$ref: 'nope.yaml#/H'}}\n")
    )
    (message,) = messages_of(diagnostics)
    assert "'nope.yaml#/H' names a file that cannot be read" in message
