"""Accessibility of the site's pages with axe-core, run inside Chromium through Playwright.

axe-core comes inside the ``axe-playwright-python`` package, so nothing is fetched: the
script is injected into a page that a Playwright browser has open (the site served on
127.0.0.1), and each violated rule becomes an `AxeFinding` that names the page, the rule
id, the elements and why they fail. The rules are WCAG 2.0-2.2 A and AA plus axe's best
practices.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from playwright.sync_api import Page

AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
_RUN = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
_ALL_RENDERED = "* { content-visibility: visible !important; }"
_MAX_ELEMENTS = 5
"""Elements named per finding: enough to find the pattern without flooding the report."""


@cache
def axe_script() -> str:
    """axe-core's minified script, as shipped in the ``axe-playwright-python`` wheel."""
    return files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")


@dataclass(frozen=True)
class AxeFinding:
    """One violated rule on one page."""

    page: str
    """The page as the reader reaches it, e.g. ``fact facts/x/ (phone, light)``."""
    rule: str
    """axe's rule id, e.g. ``color-contrast``."""
    impact: str
    help: str
    elements: tuple[str, ...]
    """CSS selectors of the first failing elements."""
    why: str
    """axe's failure summary for the first element (a contrast ratio, a missing name)."""

    def format(self) -> str:
        where = ", ".join(self.elements)
        return f"{self.page}: {self.rule} ({self.impact}): {self.help}; at {where}: {' '.join(self.why.split())}"


def _selector(target: Any) -> str:
    # A target is a list of selectors, one per frame or shadow root.
    return " >> ".join(map(str, target)) if isinstance(target, list) else str(target)


def render_every_entry(page: Page) -> None:
    """Lay out every element now, entries out of view included (see `axe_findings`).

    Inserted by evaluation rather than Playwright's ``add_style_tag``, which waits for the
    style's load event and so never returns on a page opened with JavaScript off.
    """
    page.evaluate(
        "css => { const s = document.createElement('style'); s.textContent = css; document.head.append(s); }",
        _ALL_RENDERED,
    )


def axe_findings(page: Page, where: str) -> list[AxeFinding]:
    """Run axe-core on what `page` shows now; `where` names the page in every finding."""
    page.mouse.move(0, 0)  # off the link just clicked: axe measures colours as shown, hover included
    # Timeline entries out of view skip rendering (content-visibility: auto) until they scroll
    # near; axe scrolls while it measures, and half-rendered entries read as wrong colours.
    # Rendering everything first lets it measure every entry as a reader will see it.
    render_every_entry(page)
    page.add_script_tag(content=axe_script())
    result = page.evaluate(_RUN, list(AXE_TAGS))
    return [
        AxeFinding(
            page=where,
            rule=violation["id"],
            impact=str(violation["impact"]),
            help=violation["help"],
            elements=tuple(_selector(node["target"]) for node in violation["nodes"][:_MAX_ELEMENTS]),
            why=violation["nodes"][0].get("failureSummary", "") if violation["nodes"] else "",
        )
        for violation in result["violations"]
    ]


def report(findings: Iterable[AxeFinding]) -> str:
    """Every finding on its own line, or an empty string."""
    return "\n".join(finding.format() for finding in findings)
