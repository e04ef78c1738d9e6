"""Shared fixtures: the shipped content, loaded once per test session."""

from __future__ import annotations

import os
import tempfile

import pytest

from tui.model import Content, default_root, load

# Snapshots and pilots must not depend on the developer's terminal.
os.environ.pop("NO_COLOR", None)
# Tests keep the validated-file cache to themselves, not the user's cache folder.
os.environ["BOLIVIA_EXPLAINER_CACHE"] = tempfile.mkdtemp(prefix="bolivia-explainer-test-cache-")


@pytest.fixture(scope="session")
def content() -> Content:
    return load(default_root())


@pytest.fixture(scope="session")
def spanish() -> Content:
    return load(default_root(), lang="es")
