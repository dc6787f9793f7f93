"""Helpers for the browser tests: Debian's Chromium under Playwright, axe-core, page watches.

The browser is the system's ``chromium`` (``apt-get install chromium``), never one that
Playwright downloads. If it is missing the tests fail and say how to install it; only
``FACTSITE_SKIP_BROWSER=1`` outside CI turns that into a skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, TODAY, mkdocs_build
from playwright.sync_api import BrowserContext, Page, Request, Response, Route

from gates import nodetools
from gates.axe import axe_findings
from gates.serving import serve

LAUNCH_ARGS = list(nodetools.CHROMIUM_FLAGS)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
ARTIFACTS = Path(__file__).resolve().parent / "artifacts" / "browser"
"""Screenshots of the checked pages, kept after every run (git-ignored)."""


def chromium_path() -> str:
    """The system Chromium, or fail (skip only when asked to, and never in CI)."""
    try:
        return nodetools.chromium()
    except nodetools.ToolMissing as missing:
        message = str(missing)
    if os.environ.get("FACTSITE_SKIP_BROWSER") == "1" and not os.environ.get("CI"):
        pytest.skip(f"{message}; skipped because FACTSITE_SKIP_BROWSER=1")
    pytest.fail(message, pytrace=False)


def build_site(repo: Path, site: Path, site_url: str, today: str) -> None:
    """``mkdocs build --strict`` of the repository into `site`, as it will be served."""
    result = mkdocs_build(repo, site, FACTSITE_TODAY=today, FACTSITE_SITE_URL=site_url)
    assert result.returncode == 0, result.stdout + result.stderr


def served_repository_site(folder: Path) -> Iterator[tuple[Path, str]]:
    """The repository's site built into `folder` for, and served on, 127.0.0.1, as of
    TODAY: yields the folder and its base URL (for a module-scoped fixture)."""
    with serve(folder) as url:
        build_site(REPO, folder, url, TODAY.isoformat())
        yield folder, url


@dataclass
class Watch:
    """What went wrong on a page that a reader would not see: console errors, script
    errors, failed loads, and any request to a host other than the local server."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)

    def attach(self, context: BrowserContext) -> None:
        context.route("**/*", self._route)
        context.on("page", self._attach_page)
        context.on("requestfailed", self._failed)

    def _attach_page(self, page: Page) -> None:
        page.on("console", lambda message: self._console(message.type, message.text))
        page.on("pageerror", lambda error: self.console_errors.append(f"page error: {error}"))
        page.on("response", self._response)

    def _console(self, kind: str, text: str) -> None:
        if kind == "error":
            self.console_errors.append(text)

    def _route(self, route: Route, request: Request) -> None:
        if request.url.startswith(self.origin) or request.url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            self.external_requests.append(request.url)
            route.abort("blockedbyclient")

    def _response(self, response: Response) -> None:
        # The console names no address for a failed load; this does.
        if response.status >= 400:
            self.failed_requests.append(f"{response.url}: HTTP {response.status}")

    def _failed(self, request: Request) -> None:
        # ERR_ABORTED is a load cut short by the next navigation, not a broken page.
        if request.url.startswith(self.origin) and request.failure != "net::ERR_ABORTED":
            self.failed_requests.append(f"{request.url}: {request.failure}")

    def assert_clean(self) -> None:
        assert not self.external_requests, f"requests left 127.0.0.1: {self.external_requests}"
        assert not self.failed_requests, f"failed requests: {self.failed_requests}"
        assert not self.console_errors, f"console errors: {self.console_errors}"


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on what `page` shows now, one short record per rule."""
    return [
        {"id": f.rule, "impact": f.impact, "help": f.help, "targets": list(f.elements), "why": f.why}
        for f in axe_findings(page, page.url)
    ]


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page, animations="disabled")
    return path
