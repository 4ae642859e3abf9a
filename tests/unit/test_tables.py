"""Property tables as a reader meets them: one entry per property, nested, with labelled facts."""

from __future__ import annotations

from asyncapi_ws_docs.document.model import Property, Schema
from asyncapi_ws_docs.page.render import PageRenderer
from asyncapi_ws_docs.page.tables import MAX_TABLE_ROWS, TableBuilder, list_fact, value_facts
from asyncapi_ws_docs.page.text import TextRenderer, escape_html_wrap
from asyncapi_ws_docs.site.htmlblocks import HTMLBlocks


def obj(**properties: Schema) -> Schema:
    return Schema(
        type="object",
        properties=tuple(Property(n, s, required=n == "type") for n, s in properties.items()),
    )


def builder() -> TableBuilder:
    return TableBuilder(TextRenderer())


WORD = Schema(type="string", enum=tuple(f"lang{i}" for i in range(20)))
BOOK = obj(
    type=Schema(type="string", const="book"),
    data=obj(
        book=obj(bids=Schema(type="array", items=obj(price=Schema(type="number"), lang=WORD)))
    ),
)


def test_nested_properties_are_children_of_their_parent_with_their_full_path() -> None:
    table = builder().table("payload", BOOK)
    assert table is not None

    (kind, data) = table.top_rows
    (book,) = data.children
    (bids,) = book.children
    price, lang = bids.children

    assert [kind.name, data.name, book.path, bids.path, lang.path] == [
        "type",
        "data",
        "data.book",
        "data.book.bids",
        "data.book.bids[].lang",
    ]
    assert [row.depth for row in (data, book, bids, lang)] == [0, 1, 2, 3]
    assert (lang.parent_path, lang.name) == ("data.book.bids[].", "lang")
    assert kind.parent_path == ""
    assert price.children == ()


def test_rows_still_list_every_entry_in_reading_order() -> None:
    table = builder().table("payload", BOOK)
    assert table is not None
    assert [row.path for row in table.rows] == [
        "type",
        "data",
        "data.book",
        "data.book.bids",
        "data.book.bids[].price",
        "data.book.bids[].lang",
    ]


def test_children_say_what_they_are_and_only_the_top_level_s_show_before_a_click() -> None:
    table = builder().table("payload", BOOK)
    assert table is not None
    data = table.top_rows[1]
    book = data.children[0]
    bids = book.children[0]

    assert (data.children_label, data.children_open) == ("1 property", True)
    assert (book.children_label, book.children_open) == ("1 property", False)
    assert (bids.children_label, bids.children_open) == ("2 properties of each item", False)


def test_options_of_a_oneof_are_entries_holding_their_own_properties() -> None:
    schema = Schema(variants=(("oneOf", (obj(a=Schema(type="string")), obj(b=Schema()))),))
    table = builder().table("payload", schema)
    assert table is not None

    first, second = table.top_rows

    assert (first.name, first.children[0].path) == ("oneOf #1", "a")
    assert second.children[0].name == "b"


def test_facts_are_labelled_in_reading_order_and_left_out_when_absent() -> None:
    schema = Schema(
        type="integer", default=10, enum=(10, 20), constraints=(("minimum", 1),), examples=(15,)
    )
    row = builder().row("depth", "depth", 0, schema, required=False)

    assert [(f.label, f.shown_html) for f in row.facts] == [
        ("Default", "<code>10</code>"),
        ("Allowed values", "<code>10</code> <code>20</code>"),
        ("Constraints", "minimum <code>1</code>"),
        ("Examples", "<code>15</code>"),
    ]
    assert builder().row("x", "x", 0, Schema(type="string"), required=False).facts == ()


def test_a_constant_is_the_one_allowed_value() -> None:
    row = builder().row("type", "type", 0, Schema(type="string", const="book"), required=True)
    assert [(f.label, f.shown_html) for f in row.facts] == [("Allowed value", "<code>book</code>")]


def test_a_long_list_shows_its_first_five_values_and_keeps_the_rest_behind_and_n_more() -> None:
    fact = list_fact("Allowed values", tuple(f"<code>v{i}</code>" for i in range(30)))
    assert fact is not None

    assert fact.shown_html == " ".join(f"<code>v{i}</code>" for i in range(5))
    assert fact.more_html.split(" ")[0] == "<code>v5</code>"
    assert (fact.more_count, fact.more_label) == (25, "and 25 more")


def test_a_short_list_shows_whole() -> None:
    (fact,) = value_facts(enum=tuple(range(8)))
    assert (fact.more_html, fact.more_count) == ("", 0)
    assert fact.shown_html.count("<code>") == 8


def test_long_values_may_break_at_their_punctuation_and_stay_escaped() -> None:
    url = "https://hooks.example.org/v1/callbacks?tenant=acme&sig=<x>"

    html = escape_html_wrap(url)

    assert (
        html.replace("<wbr>", "")
        == "https://hooks.example.org/v1/callbacks?tenant=acme&amp;sig=&lt;x&gt;"
    )
    assert "https:<wbr>" not in html
    assert "//<wbr>hooks" in html
    assert "v1/<wbr>callbacks?<wbr>tenant=<wbr>acme&amp;<wbr>sig" in html
    assert escape_html_wrap("short-value") == "short-value"


def test_a_uuid_breaks_at_its_hyphens() -> None:
    uuid = "9b2d7c3e-5f1a-4e8b-a6c0-2d4f6e8a0b1c"
    assert escape_html_wrap(uuid).split("<wbr>") == [
        "9b2d7c3e-",
        "5f1a-",
        "4e8b-",
        "a6c0-",
        "2d4f6e8a0b1c",
    ]


def test_a_huge_schema_is_cut_at_the_row_limit_in_reading_order() -> None:
    schema = obj(**{f"p{i}": obj(q=Schema(type="string")) for i in range(300)})
    table = builder().table("payload", schema)
    assert table is not None

    assert len(table.rows) == MAX_TABLE_ROWS
    assert table.note == f"Only the first {MAX_TABLE_ROWS} rows are shown."
    assert [row.path for row in table.rows[:3]] == ["p0", "p0.q", "p1"]


def test_a_rendered_table_is_one_html_block_the_plugin_sets_aside_whole() -> None:
    table = builder().table("payload", BOOK)
    html = PageRenderer().render("partials/property_table.html.jinja", table=table)

    kept = HTMLBlocks("nonce").set_aside("Before.\n\n" + html + "\nAfter.\n")

    assert len(kept.blocks) == 1
    assert "asyncapi-prop" not in kept.markdown  # no tag left for Python-Markdown to parse
    assert kept.blocks[0].count("<details") == 4  # data, book, bids, and the 20 languages
