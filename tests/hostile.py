"""A fact whose every text field is an attack, and checks that a built site shows it only as text.

`add_hostile_fact` puts it (and vocabulary terms with hostile labels and descriptions)
into a project; `site_problems` walks every file of a built site, whatever its format,
so outputs added later are covered without changing the test.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from factsite.characters import BIDI_CONTROLS, describe

HOSTILE_ID = "2022-09-05--hostile-text"
HOSTILE_EVENT_ID = "2022-09-06--hostile-event"


def attack(marker: str) -> str:
    """Text that runs script if any output forgets to escape it; `marker` finds it again."""
    return f'{marker} <script>alert("x")</script><img src="x" onerror="y"></script><img src=x onerror=z//> & co'


TEXT_FIELDS = {
    "title": "Mtitle",
    "claim": "Mclaim text",
    "claim_short": "Mshort",
    "claimant.name": "Mclaimant",
    "claimant.role": "Mrole",
    "conclusion": "Mconclusion",
    "appearance.publisher": "Mappearancepub",
    "appearance.title": "Mappearancetitle",
    "sources[0].publisher": "Msourcepub",
    "sources[0].title": "Msourcetitle",
    "sources[0].quote": "Mquote",
    "sources[0].quote_translation": "Mtranslation",
    "corrections[0].note": "Mcorrection",
    "tag.label": "Mtaglabel",
    "tag.description": "Mtagdesc",
    "actor.label": "Mactorlabel",
    "actor.description": "Mactordesc",
}
ANALYSIS = (
    "Manalysis paragraph with [a script link](javascript:alert(1)), [a data link](data:text/html;base64,PHNjcmlwdD4=)"
    ', <iframe src="https://example.org/"></iframe> and <b onclick="alert(1)">bold</b>.\n\n'
    '<script>alert("x")</script>\n'
)
FORMULA = '=HYPERLINK("https://evil.example/","click") '
"""How the claimant starts: a spreadsheet would run it as a formula if a CSV cell started with it."""

RAW_ATTACKS = ('<script>alert("x")', '<img src="x"', "<img src=x", "</script><img", "<iframe", "<b onclick")
"""What must never appear byte for byte in HTML or XML: each is markup there, and none survives escaping."""

MARKUP = ("<script", "<img", "<iframe", "<b onclick")
"""What a string must not hold once decoded, where a reader (a browser script, a feed reader) shows it as HTML."""

KINDS = {
    ".html": "html", ".htm": "html", ".json": "json", ".jsonld": "json", ".geojson": "json",
    ".xml": "xml", ".atom": "xml", ".rss": "xml", ".csv": "csv", ".tsv": "csv", ".txt": "text",
}  # fmt: skip
STATIC = {".js", ".css", ".map", ".png", ".jpg", ".gif", ".webp", ".svg", ".ico", ".woff", ".woff2"}
"""Files the build copies from the theme or docs/assets, never written from contributor text."""

TEXT_JSON = ("data/facts.json", "data/facts/", "timeline/filter-index.json", "schema/", "search/")
"""JSON whose strings are data shown as text (downloads; the timeline filter and the search box set
textContent), so raw text is right there. Any other JSON (TimelineJS data) is read as HTML by its consumer."""


def text_of(field: str) -> str:
    """The exact text of `field` in the hostile fact."""
    return (FORMULA if field == "claimant.name" else "") + attack({**TEXT_FIELDS, **EVENT_FIELDS}[field])


def _value(field: str) -> str:
    return json.dumps(text_of(field), ensure_ascii=False)


EVENT_FIELDS = {"event.title": "Meventtitle", "summary": "Msummary"}
"""The text fields of the hostile event, which a claim does not have."""


def hostile_event() -> str:
    return f"""\
kind: event
title: {_value("event.title")}
date: "2022-09-06"
summary: {_value("summary")}
sources:
  - url: https://gov.example.org/statement?event=<b>
    publisher: Example Ministry
    title: A statement
    published: "2022-09-06"
    accessed: "2026-11-28"
    archive_url: https://web.archive.example.org/2022/https://gov.example.org/statement
tags: [hostile-tag]
actors: [hostile-actor]
related: [{HOSTILE_ID}]
checked: "2026-11-28"
status: published
translations:
  ru:
    title: {json.dumps(attack("Mru-event-title"), ensure_ascii=False)}
    summary: {json.dumps(attack("Mru-summary"), ensure_ascii=False)}
"""


def hostile_fact() -> str:
    return f"""\
kind: claim
title: {_value("title")}
date: "2022-09-05"
claim: {_value("claim")}
claim_short: {json.dumps('Mshort <script>alert("x")</script>')}
claimant:
  name: {_value("claimant.name")}
  role: {_value("claimant.role")}
appearance:
  url: https://news.example.org/2022/09/05/hostile?q=<script>&x="y"
  publisher: {_value("appearance.publisher")}
  title: {_value("appearance.title")}
  date: "2022-09-05"
verdict: inaccurate
conclusion: {_value("conclusion")}
analysis: {json.dumps(ANALYSIS)}
sources:
  - url: https://gov.example.org/statement
    publisher: {_value("sources[0].publisher")}
    title: {_value("sources[0].title")}
    published: "2022-09-05"
    accessed: "2026-11-28"
    archive_url: https://web.archive.example.org/2022/https://gov.example.org/statement
    kind: primary
    language: ru
    quote: {_value("sources[0].quote")}
    quote_translation: {_value("sources[0].quote_translation")}
tags: [hostile-tag]
actors: [hostile-actor]
checked: "2026-11-28"
corrections:
  - date: "2026-11-28"
    note: {_value("corrections[0].note")}
status: published
translations:
  ru:
    title: {json.dumps(attack("Mru-title"), ensure_ascii=False)}
    claim: {json.dumps(attack("Mru-claim"), ensure_ascii=False)}
    claim_short: {json.dumps('Mru-short <script>alert("x")</script>')}
    conclusion: {json.dumps(attack("Mru-conclusion"), ensure_ascii=False)}
    analysis: {json.dumps(ANALYSIS.replace("Manalysis", "Mru-analysis"))}
    claimant: {{role: {json.dumps(attack("Mru-role"), ensure_ascii=False)}}}
"""


def _term(term_id: str, label: str, description: str) -> str:
    short = f'{label} <b onclick="x">"</b>'
    return f"{term_id}:\n  label: {json.dumps(short)}\n  description: {json.dumps(attack(description))}\n"


def add_hostile_fact(root: Path) -> None:
    """Write the hostile claim and event into `root`/facts and their terms into `root`/vocab."""
    (root / "facts" / f"{HOSTILE_ID}.yml").write_text(hostile_fact(), encoding="utf-8")
    (root / "facts" / f"{HOSTILE_EVENT_ID}.yml").write_text(hostile_event(), encoding="utf-8")
    for name, term, label, description in (
        ("tags", "hostile-tag", "Mtaglabel", "Mtagdesc"),
        ("actors", "hostile-actor", "Mactorlabel", "Mactordesc"),
    ):
        path = root / "vocab" / f"{name}.yml"
        path.write_text(path.read_text(encoding="utf-8") + _term(term, label, description), encoding="utf-8")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag}> has an event handler {name}={value!r}")
            if name in ("href", "src", "action", "formaction") and value:
                scheme = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if scheme.startswith(("javascript:", "data:", "vbscript:")):
                    self.problems.append(f"<{tag} {name}={value!r}>")
            if name in ("content", "title", "alt", "value") and value:
                self.text.append(value)
        if tag in ("iframe", "object", "embed"):
            self.problems.append(f"<{tag}> element")
        if tag == "script":
            self._script = dict(attrs).get("type") or "text/javascript"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            if "Mtitle" in data or "Mclaim" in data:
                if "json" not in self._script:
                    self.problems.append(f"contributor text inside a {self._script} script")
                else:
                    _check_json(data, self.problems)
        else:
            self.text.append(data)


def _check_json(text: str, problems: list[str]) -> None:
    try:
        json.loads(text)
    except ValueError as exc:
        problems.append(f"embedded JSON does not parse: {exc}")


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def file_text(path: Path) -> str:
    """What a file says, with gzip undone."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def output_kind(path: Path) -> str | None:
    """The format of an output file (``html``, ``json``, ``xml``, ``csv``, ``text``), ``static`` or ``None``."""
    suffix = Path(path.name.removesuffix(".gz")).suffix.lower()
    return KINDS.get(suffix) or ("static" if suffix in STATIC else None)


def file_problems(path: Path, site: Path) -> list[str]:
    """How the contributor text in one output file could run as script or formula, if at all."""
    kind = output_kind(path)
    text = file_text(path)
    problems = [f"unescaped {raw!r}" for raw in RAW_ATTACKS if raw in text] if kind in ("html", "xml") else []
    problems += [f"bidirectional control {describe(char)}" for char in sorted(BIDI_CONTROLS) if char in text]
    if kind == "html":
        parser = _Tags()
        parser.feed(text)
        problems += parser.problems
    elif kind == "json":
        try:
            data = json.loads(text)
        except ValueError as exc:
            return [*problems, f"does not parse as JSON: {exc}"]
        if not path.relative_to(site).as_posix().removeprefix("ru/").startswith(TEXT_JSON):  # in every edition
            for string in _strings(data):
                problems += [f"a string holds markup {raw!r}" for raw in MARKUP if raw in string]
    elif kind == "xml":
        try:
            root = ET.fromstring(text)
        except ET.ParseError as exc:
            return [*problems, f"does not parse as XML: {exc}"]
        for element in root.iter():
            if element.get("type") == "html" or element.tag.endswith("description"):
                content = element.text or ""
                problems += [f"feed HTML holds markup {raw!r}" for raw in MARKUP if raw in content]
    elif kind == "csv":
        for row in csv.reader(io.StringIO(text)):
            problems += [
                f"CSV cell starts a formula: {cell[:30]!r}"
                for cell in row
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r")
            ]
    return problems


def site_files(site: Path) -> list[Path]:
    """Every output file the build writes from data: all files but the static ones (theme, docs/assets)."""
    return sorted(p for p in site.rglob("*") if p.is_file() and output_kind(p) != "static")
