"""Where the third-party AIF and arg-microtexts samples are: ``$ARGMAP_SHARED`` or
``../shared`` beside the repository (tests skip with the reason when they are absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

__all__ = ["shared_dir"]

ROOT = Path(__file__).resolve().parent.parent


def shared_dir(name: str) -> Path:
    """The folder ``name`` of the shared data, or a skip saying where it was looked for."""
    base = Path(os.environ.get("ARGMAP_SHARED") or ROOT.parent / "shared")
    folder = base / name
    if not folder.is_dir():
        pytest.skip(f"third-party samples not found at {folder} (set ARGMAP_SHARED)")
    return folder
