"""Shared fixtures: the real Argdown CLI, our conformance oracle."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the property tests with a fixed seed, so a submission's result does not depend on
# luck; developers' runs stay random and find new cases.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def argdown_cli_path() -> str | None:
    """The Argdown CLI from $ARGDOWN (``make test`` installs it) or from PATH."""
    given = os.environ.get("ARGDOWN")
    if given and Path(given).is_file():
        return given
    return shutil.which("argdown")


@pytest.fixture
def argdown_cli() -> str:
    """The CLI's path. In CI it must be there (the test fails); elsewhere the test is skipped
    with the reason, so a developer without npm can still run the rest of the suite."""
    path = argdown_cli_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("CI must provide the Argdown CLI: run `make test` (it installs it)")
        pytest.skip("the Argdown CLI is not installed: `make argdown-cli` or set ARGDOWN")
    return path
