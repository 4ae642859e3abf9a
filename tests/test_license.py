"""The LICENSE file says what pyproject.toml declares: MIT, held by the authors it names."""

from __future__ import annotations

import tomllib

from tests.conftest import REPO_ROOT


def test_the_license_file_matches_the_declared_licence() -> None:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    text = (REPO_ROOT / "LICENSE").read_text(encoding="utf-8")
    assert project["license"] == "MIT"
    assert text.startswith("MIT License\n")
    holder = project["authors"][0]["name"]
    assert f"Copyright (c) 2026 {holder}\n" in text
    assert "Permission is hereby granted, free of charge" in text
