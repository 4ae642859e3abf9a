"""Traits applied to operations and messages, by JSON Merge Patch (RFC 7386).

Both versions merge traits the same way and differ only in who wins a conflict: in 2.x a
trait's fields override the object's, in 3.x the object's own fields win. The merged objects
are new mappings, so each copy keeps the position of the object it describes: a diagnostic
about a merged message still points at the message as written.
"""

from __future__ import annotations

from asyncapi_ws_docs.document.loader import SpecMap


def apply_traits(obj: SpecMap, traits: list[SpecMap], *, trait_wins: bool) -> SpecMap:
    """`obj` without its `traits` field, each of `traits` merged into it in order."""
    if not traits:
        return obj
    merged = copy_node(obj)
    del merged["traits"]
    for trait in traits:
        merged = (
            merge_patch(merged, trait) if trait_wins else merge_patch(trait, merged, like=merged)
        )
    return merged


def copy_node(obj: SpecMap) -> SpecMap:
    """A shallow copy that keeps the original's place in its file, for diagnostics."""
    copied = SpecMap(obj)
    copied.source, copied.pointer = obj.source, obj.pointer
    copied.line, copied.column, copied.marks = obj.line, obj.column, obj.marks
    copied.yaml11_keys = obj.yaml11_keys
    return copied


def merge_patch(target: SpecMap, patch: SpecMap, *, like: SpecMap | None = None) -> SpecMap:
    """RFC 7386 JSON Merge Patch: objects merge deeply, `null` deletes, anything else replaces.

    The result reports its position as `like` (default: `target`), the object being described.
    """
    merged = copy_node(like if like is not None else target)
    merged.clear()
    merged.update(target)
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, SpecMap) and isinstance(merged.get(key), SpecMap):
            merged[key] = merge_patch(merged[key], value)
        else:
            merged[key] = value
    return merged
