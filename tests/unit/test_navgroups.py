"""Grouping the channel pages of large specs into navigation sections."""

from __future__ import annotations

from asyncapi_ws_docs.site.navgroups import NavGroup, group_pages, segments

DASH = "\N{EN DASH}"


def pages(*addresses: str) -> list[tuple[str, str]]:
    return [(f"page-{index}", address) for index, address in enumerate(addresses)]


def shape(members: list[str | NavGroup] | tuple[str | NavGroup, ...]) -> list[object]:
    """Groups as (title, [members]) and pages as their keys, for readable assertions."""
    return [
        (member.title, shape(member.members)) if isinstance(member, NavGroup) else member
        for member in members
    ]


def test_addresses_split_on_slashes_dots_and_colons() -> None:
    assert segments("/v1/market/{venue}/btcusd") == ("v1", "market", "{venue}", "btcusd")
    assert segments("marketData.btcusd:trades") == ("marketData", "btcusd", "trades")


def test_a_spec_within_the_size_keeps_a_flat_list() -> None:
    assert group_pages(pages("/a/x", "/b/y", "/c/z"), size=3) == ["page-0", "page-1", "page-2"]


def test_size_zero_never_groups() -> None:
    assert group_pages(pages(*(f"/a/{i}" for i in range(100))), size=0)[:2] == ["page-0", "page-1"]


def test_pages_group_by_the_first_segment_the_addresses_do_not_share() -> None:
    grouped = group_pages(
        pages("/v1/orders/a", "/v1/orders/b", "/v1/trades/a", "/v1/trades/b", "/v1/trades/c"),
        size=3,
    )
    assert shape(grouped) == [
        ("orders", ["page-0", "page-1"]),
        ("trades", ["page-2", "page-3", "page-4"]),
    ]


def test_groups_are_sorted_by_title_and_keep_the_page_order_inside() -> None:
    grouped = group_pages(pages("/zeta/2", "/Alpha/1", "/zeta/1", "/Alpha/2"), size=2)
    assert shape(grouped) == [("Alpha", ["page-1", "page-3"]), ("zeta", ["page-0", "page-2"])]


def test_a_group_of_one_page_is_the_page_itself() -> None:
    grouped = group_pages(pages("/status", "/trades/a", "/trades/b", "/trades/c"), size=3)
    assert shape(grouped) == ["page-0", ("trades", ["page-1", "page-2", "page-3"])]


def test_an_address_that_is_the_shared_prefix_stays_outside_the_groups() -> None:
    grouped = group_pages(pages("/v1", "/v1/a/1", "/v1/a/2", "/v1/b/1", "/v1/b/2"), size=3)
    assert shape(grouped) == ["page-0", ("a", ["page-1", "page-2"]), ("b", ["page-3", "page-4"])]


def test_a_group_larger_than_the_size_is_grouped_again_by_its_next_segment() -> None:
    addresses = [
        f"/v1/{area}/{{venue}}/{symbol}/{stream}"
        for area in ("market", "orders")
        for symbol in ("btcusd", "ethusd")
        for stream in ("book", "trades")
    ]
    grouped = group_pages(pages(*addresses), size=3)
    assert shape(grouped) == [
        ("market", [("btcusd", ["page-0", "page-1"]), ("ethusd", ["page-2", "page-3"])]),
        ("orders", [("btcusd", ["page-4", "page-5"]), ("ethusd", ["page-6", "page-7"])]),
    ]


def test_too_many_groups_become_even_runs_named_by_first_and_last_address() -> None:
    grouped = group_pages(pages(*(f"/ch{index:02}" for index in range(10))), size=4)
    assert shape(grouped) == [
        (f"ch00 {DASH} ch03", ["page-0", "page-1", "page-2", "page-3"]),
        (f"ch04 {DASH} ch06", ["page-4", "page-5", "page-6"]),
        (f"ch07 {DASH} ch09", ["page-7", "page-8", "page-9"]),
    ]


def test_runs_of_identical_addresses_are_numbered() -> None:
    grouped = group_pages(pages(*["/same"] * 5), size=2)
    assert [group.title for group in grouped if isinstance(group, NavGroup)] == [
        f"1 {DASH} 2",
        f"3 {DASH} 4",
        "5",
    ]


def test_every_page_appears_exactly_once_and_no_section_exceeds_the_size() -> None:
    addresses = [
        f"/v1/{a}/{{venue}}/{s}/{t}" for a in "abcdefgh" for s in range(21) for t in range(12)
    ]
    grouped = group_pages(pages(*addresses), size=50)
    keys: list[str] = []

    def walk(members: list[str | NavGroup] | tuple[str | NavGroup, ...]) -> None:
        assert len(members) <= 50
        for member in members:
            if isinstance(member, NavGroup):
                walk(member.members)
            else:
                keys.append(member)

    walk(grouped)
    assert sorted(keys) == sorted(key for key, _ in pages(*addresses))
