"""The quick judge never calls a value valid that jsonschema calls invalid.

`QuickJudge.certainly_valid` lets the example checks skip jsonschema for values it is sure
of; a wrong "certain" would hide a mismatch from every reader. Schemas are drawn from the
keywords it judges, mixed with those it must leave to jsonschema (`multipleOf`, `if`,
`patternProperties`...), settings of the wrong type, `$ref`s into `definitions`, boolean
schemas, and every dialect the checks use; values are JSON with the edges of equality
(`true` and `1`, `1` and `1.0`, a string that looks like a number).
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft4Validator, Draft6Validator, Draft7Validator, Draft202012Validator

from asyncapi_ws_docs.document.quickvalid import QuickJudge

DIALECTS = (Draft4Validator, Draft6Validator, Draft7Validator, Draft202012Validator)
NAMES = ("a", "b", "id", "1")
DEFINITIONS = ("x", "y")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from([0, 1, -1, 2, 1.0, 1.5, 0.0, 10**20, "", "a", "1", "true", "ab", "é"]),
    st.text(max_size=4),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(NAMES), inner, max_size=3)
    ),
    max_leaves=6,
)
numbers = st.sampled_from([0, 1, 2, -1, 1.5, True, "1"])
counts = st.sampled_from([0, 1, 2, 1.0, True, -1, "2"])
types = st.sampled_from(
    ["string", "number", "integer", "boolean", "null", "object", "array", "any", "date"]
)


def keywords(schemas: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """One keyword and its setting, valid or not."""
    return st.one_of(
        st.fixed_dictionaries({"type": st.one_of(types, st.lists(types, max_size=3))}),
        st.fixed_dictionaries({"enum": st.one_of(st.lists(values, max_size=3), scalars)}),
        st.fixed_dictionaries({"const": values}),
        st.fixed_dictionaries({"minimum": numbers}),
        st.fixed_dictionaries({"maximum": numbers}),
        st.fixed_dictionaries({"exclusiveMinimum": st.one_of(numbers, st.booleans())}),
        st.fixed_dictionaries({"exclusiveMaximum": st.one_of(numbers, st.booleans())}),
        st.fixed_dictionaries({"minLength": counts}),
        st.fixed_dictionaries({"maxLength": counts}),
        st.fixed_dictionaries({"pattern": st.sampled_from(["^a", "b$", "[", "\\d", 5])}),
        st.fixed_dictionaries({"format": st.sampled_from(["date-time", "uuid", "email"])}),
        st.fixed_dictionaries({"required": st.one_of(st.lists(st.sampled_from(NAMES)), scalars)}),
        st.fixed_dictionaries(
            {"properties": st.dictionaries(st.sampled_from(NAMES), schemas, max_size=2)}
        ),
        st.fixed_dictionaries({"additionalProperties": st.one_of(st.booleans(), schemas)}),
        st.fixed_dictionaries({"minProperties": counts}),
        st.fixed_dictionaries({"maxProperties": counts}),
        st.fixed_dictionaries({"items": st.one_of(schemas, st.lists(schemas, max_size=2))}),
        st.fixed_dictionaries({"minItems": counts}),
        st.fixed_dictionaries({"maxItems": counts}),
        st.fixed_dictionaries({"uniqueItems": st.booleans()}),
        st.fixed_dictionaries({"allOf": st.lists(schemas, max_size=2)}),
        st.fixed_dictionaries({"anyOf": st.lists(schemas, max_size=2)}),
        st.fixed_dictionaries({"oneOf": st.lists(schemas, max_size=2)}),
        st.fixed_dictionaries({"not": schemas}),
        st.fixed_dictionaries(
            {"$ref": st.sampled_from([f"#/definitions/{d}" for d in DEFINITIONS])}
        ),
        # left to jsonschema
        st.fixed_dictionaries({"multipleOf": st.sampled_from([2, 0.5])}),
        st.fixed_dictionaries({"patternProperties": st.just({"^a": {"type": "string"}})}),
        st.fixed_dictionaries({"if": schemas, "then": schemas}),
        st.fixed_dictionaries({"prefixItems": st.lists(schemas, max_size=2)}),
        st.fixed_dictionaries({"$id": st.just("http://example.com/s")}),
        st.fixed_dictionaries({"description": st.just("words"), "x-extra": values}),
    )


def merged(parts: list[dict[str, Any]]) -> dict[str, Any]:
    schema: dict[str, Any] = {}
    for part in parts:
        schema.update(part)
    return schema


schema_trees = st.recursive(
    st.one_of(st.booleans(), st.just({})),
    lambda inner: st.lists(keywords(inner), min_size=1, max_size=3).map(merged),
    max_leaves=8,
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(
    dialect=st.sampled_from(DIALECTS),
    schema=schema_trees,
    definitions=st.fixed_dictionaries(dict.fromkeys(DEFINITIONS, schema_trees)),
    value=values,
)
def test_a_value_certainly_valid_is_valid_to_jsonschema(
    dialect: type[Any], schema: Any, definitions: dict[str, Any], value: Any
) -> None:
    root = {**schema, "definitions": definitions} if isinstance(schema, dict) else schema

    def follow(reference: Any) -> Any:
        """The end of the chain, as `Workspace.deref` gives it; None for a loop."""
        seen: set[str] = set()
        target = reference
        while isinstance(target, dict) and "$ref" in target:
            name = target["$ref"].rpartition("/")[2]
            if name in seen:
                return None
            seen.add(name)
            target = definitions[name]
        return target

    judge = QuickJudge(dialect, follow)
    try:
        certain = judge.certainly_valid(root, value)
    except RecursionError:
        certain = False  # a `$ref` loop deeper than the judge's bound is left to jsonschema
    if certain:
        assert dialect(root).is_valid(value), (root, value)
