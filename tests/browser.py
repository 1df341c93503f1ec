"""Headless Chromium for the explorer's tests and benchmark: Debian's chromium and
chromium-driver (``make chromium`` installs them), driven by selenium, never a download."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["FLAGS", "browser_paths", "start_chrome", "stop_chrome"]

#: Flags that keep Chromium quiet on a machine without network (no background connections).
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def browser_paths() -> tuple[str, str] | None:
    """The Chromium binary and its chromedriver ($ARGMAP_CHROMIUM, $ARGMAP_CHROMEDRIVER or
    PATH), or ``None`` when either is missing."""
    browser = os.environ.get("ARGMAP_CHROMIUM") or next(
        (p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None
    )
    driver = os.environ.get("ARGMAP_CHROMEDRIVER") or shutil.which("chromedriver")
    if not browser or not driver:
        return None
    return browser, driver


def start_chrome(width: int = 1600, height: int = 1000) -> tuple[Any, Path]:
    """A selenium Chrome session on the system Chromium, and its fresh profile folder."""
    os.environ.setdefault("SE_OFFLINE", "true")  # selenium must not look for downloads
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    paths = browser_paths()
    if paths is None:
        raise RuntimeError("Chromium or chromedriver not found: make chromium")
    browser, driver = paths
    profile = Path(tempfile.mkdtemp(prefix="argmap-chromium-"))
    options = webdriver.ChromeOptions()
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    options.add_argument(f"--user-data-dir={profile}")
    options.binary_location = browser
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(options=options, service=Service(driver)), profile


def stop_chrome(session: Any, profile: Path) -> None:
    session.quit()
    shutil.rmtree(profile, ignore_errors=True)
