"""Shared fixtures: the shipped content, loaded once per test session."""

from __future__ import annotations

import os

import pytest

from tui.model import Content, default_root, load

# Snapshots and pilots must not depend on the developer's terminal.
os.environ.pop("NO_COLOR", None)


@pytest.fixture(scope="session")
def content() -> Content:
    return load(default_root())
