"""Built sites for the output tests: the fixture project in tests/sites/outputs and the repository.

Each is built once per test session (a build takes a second or two) with a site URL
that has a path, so that every absolute URL is checked against ``FACTSITE_SITE_URL``.
"""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, TODAY, mkdocs_build

from factsite.model import Fact
from factsite.pipeline import Layout, check_project

OUTPUTS = REPO / "tests" / "sites" / "outputs"
SITE_URL = "https://facts.example.org/sub/"
SITE_NAME = "Russia–Tajikistan relations, fact-checked"

FEED_TAG = "tag:facts.example.org,2026-11-01:"
"""The fixture's feed ids start so (its ``extra.feed_tag_*``); the repository's use the fallback."""

FIXTURE_CONFIG = """\
INHERIT: mkdocs.base.yml
validation:
  links:
    not_found: info
extra:
  feed_tag_authority: facts.example.org
  feed_tag_date: "2026-11-01"
"""

_built: dict[str, Path] = {}


def make_project(dest: Path, facts_from: Path) -> Path:
    """A project with the repository's site configuration and the facts and vocabularies of `facts_from`."""
    for name in ("docs", "hooks", "overrides"):
        shutil.copytree(REPO / name, dest / name)
    if facts_from == REPO:
        shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    else:
        # Hand-written pages link to the repository's own facts, which a fixture project
        # lacks; the repository build checks those links, so here they only inform.
        shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.base.yml")
        (dest / "mkdocs.yml").write_text(FIXTURE_CONFIG, encoding="utf-8")
    for name in ("facts", "vocab"):
        shutil.copytree(facts_from / name, dest / name)
    return dest


def build(project: Path, site: Path, **env: str) -> None:
    result = mkdocs_build(project, site, **{"FACTSITE_SITE_URL": SITE_URL, **env})
    assert result.returncode == 0, result.stdout + result.stderr


def built(name: str, factory: pytest.TempPathFactory, facts_from: Path, **env: str) -> Path:
    """The site of `facts_from`, built once per session under `name`."""
    if name not in _built:
        root = factory.mktemp(name)
        project = make_project(root / "project", facts_from)
        build(project, root / "site", **env)
        _built[name] = root / "site"
    return _built[name]


def outputs_site(factory: pytest.TempPathFactory) -> Path:
    return built("outputs", factory, OUTPUTS)


def repository_site(factory: pytest.TempPathFactory) -> Path:
    return built("repository", factory, REPO)


def model(facts_from: Path) -> list[Fact]:
    """The facts of a project, as the build sees them."""
    result = check_project(Layout.of(facts_from), today=TODAY)
    assert not result.report.errors
    return result.facts


def published(facts_from: Path) -> list[Fact]:
    return [fact for fact in model(facts_from) if fact.is_published]


class Page(HTMLParser):
    """The parts of a built page the output tests look at."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.json_ld: list[str] = []
        self.canonical: str | None = None
        self.meta: dict[str, list[str]] = {}
        self.feeds: list[str] = []
        self.verdicts: list[str] = []
        """The text of each verdict badge of the fact itself (icons left out)."""
        self.scripts = 0
        self._related = False
        """Inside the list of related facts, whose badges are other facts' verdicts."""
        self._in: str | None = None
        self._depth = 0
        self._text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "script":
            self.scripts += 1
            if a.get("type") == "application/ld+json":
                self._in, self._text = "json", []
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        elif tag == "link" and a.get("rel") == "alternate" and a.get("type") == "application/atom+xml":
            self.feeds.append(a["href"])
        elif tag == "meta" and ("property" in a or "name" in a):
            self.meta.setdefault(a.get("property") or a["name"], []).append(a.get("content", ""))
        elif tag == "ul" and "fs-related" in a.get("class", "").split():
            self._related = True
        elif tag == "span" and "fs-verdict" in a.get("class", "").split() and not self._related:
            self._in, self._text, self._depth = "verdict", [], 1
        elif tag == "span" and self._in == "verdict":
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul":
            self._related = False
        if tag == "script" and self._in == "json":
            self.json_ld.append("".join(self._text))
            self._in = None
        elif tag == "span" and self._in == "verdict":
            self._depth -= 1
            if not self._depth:
                self.verdicts.append("".join(self._text).strip())
                self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "json" or (self._in == "verdict" and self._depth == 1):
            self._text.append(data)


def page(site: Path, fact_id: str) -> Page:
    return Page((site / "facts" / fact_id / "index.html").read_text(encoding="utf-8"))
