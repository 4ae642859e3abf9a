"""Reading mkdocs.yml without MkDocs: custom tags are data, never code."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from asyncapi_ws_docs.site.siteconfig import SiteConfigError, read_site_config

if TYPE_CHECKING:
    from pathlib import Path

CONFIG = """\
site_name: Tags
docs_dir: pages
markdown_extensions:
  - toc
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:os.system
  - asyncapi_ws_docs.markdown:
      base_dir: !relative $config_dir
extra_css: [a.css]
extra_javascript:
  - b.js
  - {path: c.js, type: module}
watch: [specs]
plugins:
  - search
  - asyncapi-ws-docs:
      enabled: !ENV [ASYNCAPI_TEST_FLAG, true]
      clients: !ENV ASYNCAPI_TEST_CLIENTS
"""


def test_tags_are_read_as_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASYNCAPI_TEST_CLIENTS", "[websocat, go]")
    monkeypatch.delenv("ASYNCAPI_TEST_FLAG", raising=False)
    (tmp_path / "mkdocs.yml").write_text(CONFIG)
    site = read_site_config(tmp_path / "mkdocs.yml")
    assert site.docs_dir == (tmp_path / "pages").resolve()
    assert list(site.extensions) == ["toc", "pymdownx.emoji", "asyncapi_ws_docs.markdown"]
    emoji = site.extensions["pymdownx.emoji"]
    assert emoji["emoji_generator"] == "os.system"  # a name, never imported nor called
    assert site.extra_css == ("a.css",)
    assert site.extra_javascript == ("b.js", "c.js")
    assert site.watch == ("specs",)
    assert site.plugin == {"enabled": True, "clients": ["websocat", "go"]}


def test_a_missing_config_says_where_to_run(tmp_path: Path) -> None:
    with pytest.raises(SiteConfigError, match=r"run the command in the folder of mkdocs\.yml"):
        read_site_config(tmp_path / "mkdocs.yml")


def test_a_config_that_is_no_mapping_is_refused(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("- a list\n")
    with pytest.raises(SiteConfigError, match="expected a mapping"):
        read_site_config(tmp_path / "mkdocs.yml")
