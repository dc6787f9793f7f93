"""The Nu HTML checker (vnu.jar) over every page of a built site, in one Java start.

Starting the JVM costs more than checking a page, so the whole folder goes to one call.
Messages on mkdocs-material's own markup are dropped by the exact patterns in
``nuhtml-theme.yml``, each with its reason; everything else is a `Problem` naming the
page (relative to the site), line and column. Errors and warnings both count: our
markup has neither, and a warning is as cheap to fix as an error when it appears.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from factsite.problems import Level, Problem, printable
from gates import nodetools

RULE = "nu-html"
JAVA_OPTIONS = ("-Xss16m", "-XX:TieredStopAtLevel=1")
"""The quick compiler only: a one-shot run of the checker then needs about half the CPU
time. That compiler's deeper stack frames need more than the default 1 MB of stack
(2 MB was enough for our pages); 16 MB leaves room for deeper markup."""
THEME_MESSAGES = Path(__file__).with_name("nuhtml-theme.yml")
MARKUP_SHOWN = 160
"""Characters of the offending element quoted in a problem; enough to find it in the page."""


@dataclass(frozen=True)
class ThemeMessage:
    """One message the checker gives on the theme's markup, matched exactly."""

    message: str
    """The checker's whole message."""
    markup: re.Pattern[str]
    """Must match the whole element the checker points at."""
    reason: str

    def matches(self, message: str, markup: str) -> bool:
        return message == self.message and self.markup.fullmatch(markup) is not None


def theme_messages(path: Path = THEME_MESSAGES) -> tuple[ThemeMessage, ...]:
    """The filter list; an entry without a reason is refused, so none is added unexplained."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for entry in entries:
        if not str(entry.get("reason", "")).strip():
            raise ValueError(f"{path}: the entry for {entry.get('message')!r} gives no reason")
        out.append(ThemeMessage(str(entry["message"]), re.compile(str(entry["markup"])), str(entry["reason"])))
    return tuple(out)


@dataclass(frozen=True)
class NuReport:
    """What the checker said about one site, after the theme filter."""

    pages: int
    """HTML files checked."""
    problems: tuple[Problem, ...]
    """Errors and warnings left, in page order."""
    filtered: tuple[int, ...]
    """How many messages each theme pattern dropped, in the order of the filter list."""
    theme: tuple[ThemeMessage, ...] = field(repr=False)

    @property
    def unused(self) -> tuple[ThemeMessage, ...]:
        """Theme patterns that matched nothing: stale, to be removed."""
        return tuple(entry for entry, count in zip(self.theme, self.filtered, strict=True) if not count)

    def summary(self) -> str:
        lines = [f"Nu HTML checker: {self.pages} pages, {len(self.problems)} problems"]
        lines += [problem.format() for problem in self.problems]
        for entry, count in zip(self.theme, self.filtered, strict=True):
            lines.append(f"  theme markup, filtered {count}x: {entry.message}")
        return "\n".join(lines)


def check_site(
    site: Path, jar: Path, *, java: str | None = None, theme: Sequence[ThemeMessage] | None = None
) -> NuReport:
    """Run vnu.jar once over every HTML file under `site` and return what is left after the theme filter."""
    site = site.resolve()
    command = [
        java or nodetools.java(),
        *JAVA_OPTIONS,
        "-jar",
        str(jar),
        "--skip-non-html",
        "--format",
        "json",
        "--stdout",
        str(site),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        raise RuntimeError(f"vnu.jar gave no JSON report (exit {result.returncode}): {result.stderr[-2000:]}") from None
    pages = sum(1 for path in site.rglob("*") if path.suffix in (".html", ".htm") and path.is_file())
    return read_report(report, site, pages, theme_messages() if theme is None else tuple(theme))


def read_report(report: dict[str, Any], site: Path, pages: int, theme: tuple[ThemeMessage, ...]) -> NuReport:
    """Turn the checker's JSON into problems; info messages that are not warnings are dropped."""
    filtered = [0] * len(theme)
    problems = []
    for message in report.get("messages", []):
        level = _level(message)
        if level is None:
            continue
        markup = _markup(message)
        text = str(message.get("message", ""))
        hit = next((index for index, entry in enumerate(theme) if entry.matches(text, markup)), None)
        if hit is not None:
            filtered[hit] += 1
            continue
        shown = markup if len(markup) <= MARKUP_SHOWN else markup[:MARKUP_SHOWN] + "…"
        problems.append(
            Problem(
                path=_page(str(message.get("url", "")), site),
                line=int(message.get("firstLine", message.get("lastLine", 1))),
                column=int(message.get("firstColumn", message.get("lastColumn", 1))),
                rule=RULE,
                field="",
                message=f"{text} At: {printable(shown)}" if shown else text,
                level=level,
            )
        )
    return NuReport(pages, tuple(sorted(problems)), tuple(filtered), theme)


def _level(message: dict[str, Any]) -> Level | None:
    kind = message.get("type")
    if kind == "info":
        return Level.WARNING if message.get("subType") == "warning" else None
    return Level.ERROR  # "error", and "non-document-error" (a page the checker could not read)


def _markup(message: dict[str, Any]) -> str:
    """The part of the page the checker points at (usually one start tag)."""
    extract = str(message.get("extract", ""))
    start, length = message.get("hiliteStart"), message.get("hiliteLength")
    if isinstance(start, int) and isinstance(length, int):
        return extract[start : start + length].strip()
    return extract.strip()


def _page(url: str, site: Path) -> str:
    """``file:/…/site/facts/x/index.html`` as ``facts/x/index.html``."""
    path = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else Path(url)
    try:
        return path.relative_to(site).as_posix()
    except ValueError:
        return url or str(site)


def problem_lines(problems: Iterable[Problem]) -> str:
    return "\n".join(problem.format() for problem in problems)
