"""Open a kgbuild page in headless Chromium, offline, and record what it tried to do.

Reusable by any test that checks a page kgbuild wrote (the seed graph's too):

    from render.browser import open_page, wait_until_drawn   # tests/ on sys.path
    with open_page(html_path) as (page, requests, console_errors, dialogs):
        wait_until_drawn(page)
        assert requests == [] and console_errors == [] and dialogs == []

Every request that is not a file:// URL is aborted and recorded, so a page that would
load something from the network fails the test instead of silently working online.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import pytest

CHROMIUM = os.environ.get("KGBUILD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1440, "height": 900}
INSTALL_HINT = (
    "install with: apt-get install chromium chromium-driver "
    "(and pip install playwright, which kgbuild's [test] extra includes)"
)


class PageSession(NamedTuple):
    """An open page and what it did so far; unpacks as (page, requests, errors, dialogs)."""

    page: Any  # playwright.sync_api.Page
    requests: list[str]  # non-file URLs the page tried to load (all aborted)
    console_errors: list[str]  # console.error messages and uncaught exceptions
    dialogs: list[str]  # alert/confirm/prompt messages: a script from the data ran


def require_browser() -> None:
    """Skip the test when Chromium or Playwright is missing; fail instead when CI=true."""
    problem = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problem = "Playwright for Python is not installed"
    if problem is None and not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        problem = f"Chromium is not at {CHROMIUM}"
    if problem is None:
        return
    message = f"{problem}; the browser test needs headless Chromium: {INSTALL_HINT}."
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def open_page(html_path: str | os.PathLike[str]) -> Iterator[PageSession]:
    """Open an HTML file from a file:// URL in headless Chromium with the network cut off.

    Args:
        html_path: The page to open.

    Yields:
        The page and the lists of blocked requests, console errors and dialogs, which
        keep filling while the page is used.
    """
    require_browser()
    from playwright.sync_api import sync_playwright

    url = Path(html_path).resolve().as_uri()
    requests: list[str] = []
    console_errors: list[str] = []
    dialogs: list[str] = []

    def route(route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    def console(message: Any) -> None:
        if message.type == "error":
            console_errors.append(message.text)

    def dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=VIEWPORT)
            context.route("**/*", route)
            page = context.new_page()
            page.on("console", console)
            page.on("pageerror", lambda error: console_errors.append(f"uncaught: {error}"))
            page.on("dialog", dialog)
            page.goto(url, wait_until="load")
            yield PageSession(page, requests, console_errors, dialogs)
        finally:
            browser.close()


def wait_until_drawn(page: Any, timeout_ms: float = 15_000) -> None:
    """Wait until vis-network has drawn the canvas once (the page sets `kgDrawn`)."""
    page.wait_for_function("() => window.kgDrawn === true", timeout=timeout_ms)


def screenshot_if_requested(page: Any, name: str = "") -> Path | None:
    """Save a PNG to $KGBUILD_SCREENSHOT (with `name` before the suffix) when it is set."""
    target = os.environ.get("KGBUILD_SCREENSHOT")
    if not target:
        return None
    path = Path(target)
    if name:
        path = path.with_name(f"{path.stem}-{name}{path.suffix or '.png'}")
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    return path
