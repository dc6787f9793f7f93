"""The review summary, in Markdown (a pull-request comment or job summary) or plain text.

It answers a reviewer's three questions: what changes on the site, is it sourced, and
what must I check by hand. A table gives the change at a glance; then one section per
fact: a verdict or kind change first, as badges; the fields that changed, in words (a
new correction quoted, a new date with the entry's move on the timeline); the sources
added, removed or changed, whole, with a note on hosts no fact cited before; the pages
on which the change shows; and the file's problems. Problems in files the pull request
does not touch are one line per rule.

Contributor text is escaped for Markdown (and ``@``/``#`` are kept from becoming
mentions or issue links) or made printable for a terminal. The Markdown form stays under
GitHub's job summary limit: beyond it, the last sections are left out and it says so.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from factsite.dates import PartialDate
from factsite.hosts import url_host
from factsite.problems import Problem, plural, printable
from factsite.render.urls import page_url
from factsite.review.check import Review
from factsite.review.diff import ChangeKind, FactChange, FieldChange, SourceChange, show
from factsite.review.pages import Page, SitePages
from factsite.review.placement import Placement, Spot
from factsite.schema import verdict_scale

PLACEHOLDERS = ("id", "path", "url")

SUMMARY_LIMIT = 1024 * 1024 - 64 * 1024
"""Bytes of Markdown at most. GitHub refuses a job summary over 1 MiB per step; the rest
is left for whatever else the step appends."""

QUOTE_LIMIT = 600
"""Characters of a source's quote shown in the summary; the file has the rest."""


class LinkPatternError(ValueError):
    """A link pattern with an unknown placeholder; adapters report it as a usage error."""


@dataclass(frozen=True)
class LinkPattern:
    """Where a fact's preview is, e.g. ``https://preview.example/{url}``.

    ``{id}`` is the fact id, ``{path}`` its file (``facts/<id>.yml``) and ``{url}`` its
    page, relative to the site root (``facts/<id>/``).
    """

    pattern: str

    def __post_init__(self) -> None:
        unknown = sorted(set(re.findall(r"\{([^{}]*)\}", self.pattern)) - set(PLACEHOLDERS))
        if unknown:
            names = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
            raise LinkPatternError(f"unknown placeholder {{{unknown[0]}}} in the link pattern; use {names}")

    def link(self, fact_id: str, path: str) -> str:
        values = {"id": fact_id, "path": path, "url": page_url(f"facts/{fact_id}.md")}
        return re.sub(r"\{(id|path|url)\}", lambda m: urllib.parse.quote(values[m.group(1)], safe="/"), self.pattern)

    def page(self, url: str) -> str | None:
        """A link to any page of the preview, when the pattern is made of ``{url}`` alone."""
        if "{url}" not in self.pattern or "{id}" in self.pattern or "{path}" in self.pattern:
            return None
        return self.pattern.replace("{url}", urllib.parse.quote(url, safe="/"))


_HEADINGS = {
    ChangeKind.ADDED: "Added",
    ChangeKind.CHANGED: "Changed",
    ChangeKind.WITHDRAWN: "Withdrawn",
    ChangeKind.REINSTATED: "Reinstated",
    ChangeKind.RENAMED: "Renamed",
    ChangeKind.DELETED: "Deleted",
}

SHOWN_FIRST = ("kind", "verdict")
"""Fields whose change is the headline of a section, not one line among the others."""


def counts_line(review: Review) -> str:
    counts = review.diff.counts()
    facts = ", ".join(f"{n} {kind.value}" for kind, n in counts.items()) or "no fact changed"
    return f"{facts}; {review.result.report.summary()}"


# --- the two formats --------------------------------------------------------------------


@dataclass(frozen=True)
class _Style:
    """How one output format marks things up: the only difference between them."""

    text: Callable[[str], str]
    code: Callable[[str], str]
    item: Callable[[str], str]
    strong: Callable[[str], str]
    deleted: Callable[[str], str]
    inserted: Callable[[str], str]
    badge: Callable[[str], str]
    quote: Callable[[str], str]
    """A quoted text inside a line."""
    bullet: Callable[[int], str]
    """The start of a list item at a nesting depth (0 for the fact's own lines)."""
    block_quote: Callable[[int], str]
    """The start of a quoted line under an item of that depth."""
    problem: Callable[[Problem], str]


def _md(text: str) -> str:
    """Plain text that renders as itself in GitHub Markdown, on one line."""
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(printable(text).split()))
    return text.replace("@", "@\u2060")  # a word joiner: shown as "@", never a mention


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~!#])")


def _code(text: str) -> str:
    text = printable(text)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _md_item(item: str) -> str:
    """An id or a URL as code; a longer text (a correction, a term) as escaped text."""
    return _md(item) if " " in item else _code(item)


def _md_problem(problem: Problem) -> str:
    where = f"{problem.path}:{problem.line}:{problem.column}"
    what = f"{problem.field}: " if problem.field else ""
    return f"**{problem.level}** {_code(where)} {_md(what + problem.message)} [{_code(problem.rule)}]"


def _plain(text: str) -> str:
    return " ".join(printable(text).split())


_MARKDOWN = _Style(
    text=_md,
    code=_code,
    item=_md_item,
    strong=lambda s: f"**{s}**",
    deleted=lambda s: f"~~{s}~~",
    inserted=lambda s: f"**{s}**",
    badge=lambda s: f"<kbd>{s}</kbd>",
    quote=lambda s: f"“{s}”",
    bullet=lambda depth: "  " * depth + "- ",
    block_quote=lambda depth: "  " * (depth + 1) + "> ",
    problem=_md_problem,
)
_PLAIN = _Style(
    text=_plain,
    code=printable,
    item=printable,
    strong=lambda s: s,
    deleted=lambda s: f"[-{s}-]",
    inserted=lambda s: f"{{+{s}+}}",
    badge=lambda s: f"[{s}]",
    quote=lambda s: f"“{s}”",
    bullet=lambda depth: "  " * (depth + 1),
    block_quote=lambda depth: "  " * (depth + 2) + "> ",
    problem=lambda p: p.format(),
)


# --- Markdown ---------------------------------------------------------------------------


def format_markdown(review: Review, links: LinkPattern | None = None, *, limit: int = SUMMARY_LIMIT) -> str:
    """The summary in GitHub Markdown, at most `limit` bytes in UTF-8."""
    diff = review.diff
    head = [f"## Fact changes against {_code(diff.base.label)}", "", counts_line(review) + ".", ""]
    rows = [
        f"| {_HEADINGS[c.kind]} | {_md_link(c, links)} | {_md(_date(c.current.data.get('date')))} "
        f"| {_md(_verdict_of(c.current.data))} | {_problem_count(review.problems_of(c.path))} |"
        for c in diff.changes
    ]
    table = (
        ["| Change | Fact | Date | Verdict | Problems |", "| --- | --- | --- | --- | --- |", *rows, ""] if rows else []
    )
    pages = SitePages(diff, review.blocks)
    checklist = _by_hand(review, _MARKDOWN)
    by_hand = ["### Check by hand", "", *checklist, ""] if checklist else []
    tail = _vocabularies(review, _MARKDOWN, heading=["### Vocabularies", ""]) + _elsewhere(review, _MARKDOWN)
    sections = [_md_section(review, change, links, pages) for change in diff.changes]
    return _fit([*head, *table, *by_hand], sections, tail, limit)


def _md_section(review: Review, change: FactChange, links: LinkPattern | None, pages: SitePages) -> list[str]:
    out = [f"### {_HEADINGS[change.kind]}: {_code(change.id)}", ""]
    out += _headline(change, _MARKDOWN)
    if (title := _text(change.current.data, "title")) is not None:
        out += [f"**{_md(title)}**", ""]
    out += _body(review, change, _MARKDOWN, links, pages)
    return [*out, ""]


def _fit(head: list[str], sections: list[list[str]], tail: list[str], limit: int) -> str:
    """Head, sections and tail, leaving out the last sections (then the table) when too long."""
    text = "\n".join([*head, *(line for section in sections for line in section), *tail])
    if len(text.encode("utf-8")) <= limit:
        return text
    note = (
        "**This summary is shortened** to stay under GitHub's job summary limit of 1 MiB: the sections of the last "
        "{left} of {total} facts are left out. Run `make review` for the whole summary; the check above lists "
        "every problem."
    )
    budget = limit - len("\n".join([*head, *tail]).encode("utf-8")) - len(note.encode("utf-8")) - 64
    kept: list[str] = []
    used = count = 0
    for section in sections:
        size = len("\n".join(section).encode("utf-8")) + 1
        if used + size > budget:
            break
        kept += section
        used, count = used + size, count + 1
    left = len(sections) - count
    shortened = [note.format(left=left, total=len(sections)), ""]
    text = "\n".join([*head, *shortened, *kept, *tail])
    if len(text.encode("utf-8")) > limit:  # even the table is too long: keep the counts and the note
        shortened = [note.format(left=len(sections), total=len(sections)) + " So is the table.", ""]
        text = "\n".join([*head[:4], *shortened, *tail])
    return text[: _cut(text, limit)]


def _cut(text: str, limit: int) -> int:
    """Where to cut `text` so that it is at most `limit` bytes (only if the tail alone is too long)."""
    encoded = text.encode("utf-8")
    return len(text) if len(encoded) <= limit else len(encoded[:limit].decode("utf-8", errors="ignore"))


def _md_link(change: FactChange, links: LinkPattern | None) -> str:
    label = _code(change.id)
    if links and change.head:
        label = f"[{label}](<{links.link(change.id, change.path)}>)"
    title = _text(change.current.data, "title")
    return label + (f"<br>{_md(title)}" if title is not None else "")


# --- plain text -------------------------------------------------------------------------


def format_text(review: Review, links: LinkPattern | None = None) -> str:
    diff = review.diff
    pages = SitePages(diff, review.blocks)
    out = [f"Fact changes against {printable(diff.base.label)}: {counts_line(review)}"]
    if checklist := _by_hand(review, _PLAIN):
        out += ["", "check by hand:", *checklist]
    for change in diff.changes:
        title = f": {printable(text)}" if (text := _text(change.current.data, "title")) is not None else ""
        out += ["", f"{change.kind.value} {printable(change.id)}{title}"]
        out += ["  " + line for line in _headline(change, _PLAIN) if line]
        out += _body(review, change, _PLAIN, links, pages)
    out += _vocabularies(review, _PLAIN, heading=["", "vocabularies"])
    elsewhere = _elsewhere(review, _PLAIN)
    out += ["", *elsewhere[:-1]] if elsewhere else []
    return "\n".join(out) + "\n"


# --- what the checks cannot do ----------------------------------------------------------


def _by_hand(review: Review, style: _Style) -> list[str]:
    """What this change leaves to the reviewer, counted from it: the checks cannot read a page."""
    changes = review.diff.changes
    sources = [source for change in changes for source in change.sources]
    opened = sum(1 for source in sources if source.kind != "removed")
    removed = len(sources) - opened
    hosts = sorted({url_host(source.url) for source in sources if source.new_host} - {""})
    verdicts = sum(1 for change in changes if _headline(change, _PLAIN))
    duplicates = sum(1 for problem in review.result.report if problem.rule == "possible-duplicate")
    stale = sum(1 for problem in review.result.report if problem.rule == "translation-stale")
    item = style.bullet(0)
    out = []
    if opened:
        out.append(f"{item}Open {plural(opened, 'new or changed source')}: each says what the entry says it says.")
    if hosts:
        names = ", ".join(style.code(host) for host in hosts)
        out.append(f"{item}{plural(len(hosts), 'new site')} ({names}): is each the publisher's own site?")
    if removed:
        out.append(f"{item}{plural(removed, 'removed source')}: a correction says which, and why.")
    if verdicts:
        out.append(
            f"{item}{plural(verdicts, 'verdict or kind change')}: the verdict follows the rating scale, and the "
            "correction says what changed and why."
        )
    if duplicates:
        out.append(f"{item}{plural(duplicates, 'possible duplicate')}: is it really a new entry?")
    if stale:
        out.append(
            f"{item}{plural(stale, 'possibly outdated translation')}: does each still say what the English says?"
        )
    if changes:
        out.append(f"{item}The preview renders each entry, and the pages it shows on, as expected.")
    return out


# --- one fact ---------------------------------------------------------------------------


def _headline(change: FactChange, style: _Style) -> list[str]:
    """The kind and verdict changes, as badges, before anything else."""
    if change.base is None or change.head is None or not change.comparable:
        return []
    old, new = change.base.data, change.head.data
    out = []
    if old.get("kind") != new.get("kind") and "kind" in old | new:
        out.append(f"{style.strong('Kind change:')} {_badges(style, _kind(old), _kind(new))}")
    if old.get("verdict") != new.get("verdict"):
        out.append(f"{style.strong('Verdict change:')} {_badges(style, _verdict_of(old), _verdict_of(new))}")
    return [line for entry in out for line in (entry, "")] if style is _MARKDOWN else out


def _badges(style: _Style, old: str, new: str) -> str:
    return f"{style.badge(style.text(old))} → {style.badge(style.text(new))}"


def _body(review: Review, change: FactChange, style: _Style, links: LinkPattern | None, pages: SitePages) -> list[str]:
    data = change.current.data
    item = style.bullet(0)
    out = []
    if change.renamed_from:
        out.append(f"{item}Renamed from {style.code(change.renamed_from)} ({change.similarity:.0f}% the same content)")
    out.append(
        f"{item}Date: {style.text(_date(data.get('date')))} · Verdict: {style.strong(style.text(_verdict_of(data)))}"
        f" · Checked: {style.text(show(data.get('checked', '—')))} · File: {style.code(change.path)}"
    )
    if change.kind is ChangeKind.ADDED and (claim := _text(data, "claim")) is not None:
        out.append(f"{item}Claim: {style.text(claim)} ({style.text(_claimant(data.get('claimant')))})")
    if change.kind is ChangeKind.ADDED and (summary := _text(data, "summary")) is not None:
        out.append(f"{item}Summary: {style.text(summary)}")
    if (conclusion := _text(data, "conclusion")) is not None:
        out.append(f"{item}Conclusion: {style.text(conclusion)}")
    if change.base and change.head and not change.comparable:
        out.append(f"{item}Fields not compared: a version of the file does not load (see its problems)")
    for field in change.fields:
        if field.field not in SHOWN_FIRST:
            line = _field(field, style)
            if field.field == "date" and change.kind is not ChangeKind.ADDED:
                line += "; " + _move(change.placement, style)
            out.append(item + line)
    if change.kind is ChangeKind.ADDED and change.placement is not None:
        out.append(f"{item}On the timeline: {_spot(change.placement.new, style)}")
    for correction in change.corrections:
        out += _correction(correction, style)
    out += _sources(change.sources, style, added=change.kind is ChangeKind.ADDED)
    out += _pages(pages.showing(change), style, links)
    out += [f"{item}{style.problem(first)}{_more(rest)}" for first, rest in _grouped(review.problems_of(change.path))]
    if links and change.head:
        target = links.link(change.id, change.path)
        out.append(
            f"{item}Preview: [{_md(change.id)}](<{target}>)" if style is _MARKDOWN else f"{item}preview: {target}"
        )
    return out


def _move(placement: Placement | None, style: _Style) -> str:
    """Whether a new date moves the entry on the timeline, and where to."""
    if placement is None or placement.old is None:
        return "not on the timeline (withdrawn)" if placement is None else ""
    old, new = placement.old, placement.new
    if not placement.moved:
        return f"stays in its place on the timeline ({_spot(new, style)})"
    if old.year != new.year:
        return f"moves on the timeline from {old.year} to {_spot(new, style)}"
    return f"moves on the timeline within {_spot(new, style)} (it was {_neighbours(old, style)})"


def _spot(spot: Spot, style: _Style) -> str:
    return f"{spot.year}, {_neighbours(spot, style)}"


def _neighbours(spot: Spot, style: _Style) -> str:
    before = f"after {style.code(spot.before)}" if spot.before else "at the start"
    after = f"before {style.code(spot.after)}" if spot.after else "at the end"
    return f"{before}, {after}"


def _correction(entry: Any, style: _Style) -> list[str]:
    """A new correction quoted as text, with its date in words."""
    if not isinstance(entry, dict):
        return [f"{style.bullet(0)}New correction: {style.text(show(entry))}"]
    note = style.text(show(entry.get("note", "")))
    when = _date(entry.get("date"))
    if style is _PLAIN:
        return [f"{style.bullet(0)}New correction, {when}: {style.quote(note)}"]
    return [f"{style.bullet(0)}New correction, {style.text(when)}:", f"{style.block_quote(0)}{note}"]


def _sources(changes: tuple[SourceChange, ...], style: _Style, *, added: bool) -> list[str]:
    """Each added, removed or changed source, whole: what a reviewer opens and compares."""
    if not changes:
        return []
    kinds = [kind for kind in ("added", "changed", "removed") if any(c.kind == kind for c in changes)]
    counts = ", ".join(f"{sum(1 for c in changes if c.kind == kind)} {kind}" for kind in kinds)
    out = [f"{style.bullet(0)}Sources: {plural(len(changes), 'source') if added else counts}"]
    for change in changes:
        out.append(f"{style.bullet(1)}{style.strong(change.kind.capitalize())} {_source_line(change.source, style)}")
        if not any(field.field.startswith("quote") for field in change.fields):  # else shown as its edits, below
            out += _quotes(change.source, style)
        if change.new_host:
            host = url_host(change.url)
            out.append(
                f"{style.bullet(2)}{style.strong('New host')} {style.code(host)}: no fact on the base branch cites "
                "it; check that it is the publisher's own site"
            )
        out += [f"{style.bullet(2)}{_field(field, style)}" for field in change.fields]
    return out


def _quotes(source: dict[str, Any], style: _Style) -> list[str]:
    """A source's quote and our translation, each its own quoted paragraph."""
    quotes = [
        ("our translation: " if name == "quote_translation" else "") + _short(show(text), QUOTE_LIMIT)
        for name in ("quote", "quote_translation")
        if isinstance(text := source.get(name), str) and text.strip()
    ]
    between = [style.block_quote(1).rstrip()] if style is _MARKDOWN else []
    out = []
    for number, quote in enumerate(quotes):
        out += [*between * bool(number), f"{style.block_quote(1)}{style.text(quote)}"]
    return out


def _source_line(source: dict[str, Any], style: _Style) -> str:
    """URL · publisher · title · date · kind · archive, in words."""
    published = source.get("published")
    parts = [
        style.code(show(source.get("url", "—"))),
        style.text(show(source.get("publisher", "no publisher"))),
        style.quote(style.text(show(source["title"]))) if "title" in source else "title not recorded",
        "undated" if published == "undated" else f"published {style.text(_date(published))}",
        f"{style.text(show(source['kind']))} source" if "kind" in source else "kind not given",
        _archived(source, style),
    ]
    if "language" in source:
        parts.append(f"in {style.code(show(source['language']))}")
    return " · ".join(parts)


def _archived(source: dict[str, Any], style: _Style) -> str:
    if not source.get("archive_url"):
        return "no archived copy"
    day = source.get("archived")
    return f"archived {style.text(_date(day))}" if isinstance(day, str) else "archived"


def _pages(pages: list[Page], style: _Style, links: LinkPattern | None) -> list[str]:
    if not pages:
        return []
    out = [f"{style.bullet(0)}Shows on the site:"]
    for page in pages:
        where = "/" + page.url
        target = links.page(page.url) if links else None
        shown = f"[{style.code(where)}](<{target}>)" if target and style is _MARKDOWN else style.code(where)
        out.append(f"{style.bullet(1)}{style.text(page.title)} {shown}: {page.how}")
    return out


# --- shared -----------------------------------------------------------------------------


def _vocabularies(review: Review, style: _Style, *, heading: list[str]) -> list[str]:
    if not review.diff.vocabularies:
        return []
    lines = [f"{style.bullet(0)}{_field(field, style)}" for field in review.diff.vocabularies]
    return [*heading, *lines, ""] if style is _MARKDOWN else [*heading, *lines]


def _elsewhere(review: Review, style: _Style) -> list[str]:
    """Problems in files the pull request does not touch: one line per rule, with a count."""
    touched = {change.path for change in review.diff.changes}
    touched |= {f"vocab/{field.field.split('.')[0]}.yml" for field in review.diff.vocabularies}
    others = [p for p in review.result.report if p.path not in touched]
    if not others:
        return []
    rules: dict[tuple[str, str], list[Problem]] = {}
    for problem in others:
        rules.setdefault((problem.rule, str(problem.level)), []).append(problem)
    lines = [
        f"{style.bullet(0)}{style.code(rule)}: {plural(len(found), level)} in {_files(found)}"
        for (rule, level), found in sorted(rules.items())
    ]
    intro = "Files this pull request does not touch (not its doing; `make check` lists them):"
    if style is _MARKDOWN:
        return ["### Elsewhere", "", intro, "", *lines, ""]
    return ["elsewhere: " + intro.replace("`", ""), *lines, ""]


def _files(problems: list[Problem]) -> str:
    return plural(len({problem.path for problem in problems}), "file")


def _field(field: FieldChange, style: _Style) -> str:
    name = style.code(field.field)
    if field.kind == "set":
        return f"{name}: set to {style.text(_short(_value(field.field, field.new)))}"
    if field.kind == "unset":
        return f"{name}: removed (was {style.text(_short(_value(field.field, field.old)))})"
    if field.kind == "changed":
        old, new = (style.strong(style.text(_value(field.field, v))) for v in (field.old, field.new))
        return f"{name}: from {old} to {new}"
    if field.kind == "edited":
        edits = " · ".join(
            f"…{style.text(e.before)} {style.deleted(style.text(e.removed)) + ' ' if e.removed else ''}"
            f"{style.inserted(style.text(e.added)) + ' ' if e.added else ''}{style.text(e.after)}…"
            for e in field.edits
        )
        more = f" (and {plural(field.more_edits, 'more edit')})" if field.more_edits else ""
        return f"{name}: edited: {edits}{more}"
    if field.kind == "items":
        if _long_list(field):
            lines = [f"{style.bullet(1)}{sign} {style.item(_short(item))}" for sign, item in _signed(field)]
            return "\n".join([f"{name}: {_item_counts(field)}", *lines])
        return f"{name}: " + "; ".join(_items(field, style.item))
    return f"{name}: reordered"


def _text(data: dict[str, object], name: str) -> str | None:
    """A text field that is filled in, else ``None`` (a new skeleton has empty values)."""
    value = data.get(name)
    return value if isinstance(value, str) and value.strip() else None


def _claimant(value: object) -> str:
    """Who made the claim: ``name, role`` (format v2), or the name (v1)."""
    return show(value) if value is not None else "—"


def _kind(data: dict[str, object]) -> str:
    kind = data.get("kind")
    return kind if isinstance(kind, str) else "not given"


def _grouped(problems: list[Problem]) -> list[tuple[Problem, list[Problem]]]:
    """Problems of one file with the same rule and message collapsed: the first, and the rest like it."""
    groups: dict[tuple[object, ...], list[Problem]] = {}
    for problem in problems:
        groups.setdefault((problem.path, problem.level, problem.rule, problem.message), []).append(problem)
    return [(group[0], group[1:]) for group in groups.values()]


def _more(rest: list[Problem]) -> str:
    if not rest:
        return ""
    lines = ", ".join(str(p.line) for p in rest[:8]) + (", …" if len(rest) > 8 else "")
    return f" (and {len(rest)} more like it, on line{'s' if len(rest) > 1 else ''} {lines})"


LIST_ON_ONE_LINE = 3
"""Up to this many added and removed items share one line; more get a line each."""


def _long_list(field: FieldChange) -> bool:
    return len(field.added) + len(field.removed) > LIST_ON_ONE_LINE


def _signed(field: FieldChange) -> list[tuple[str, str]]:
    return [("added", item) for item in field.added] + [("removed", item) for item in field.removed]


def _item_counts(field: FieldChange) -> str:
    parts = [f"{len(field.added)} added"] * bool(field.added) + [f"{len(field.removed)} removed"] * bool(field.removed)
    return ", ".join(parts)


def _items(field: FieldChange, render: Callable[[str], str]) -> list[str]:
    parts = []
    if field.added:
        parts.append("added " + ", ".join(render(_short(item)) for item in field.added))
    if field.removed:
        parts.append("removed " + ", ".join(render(_short(item)) for item in field.removed))
    return parts


def _value(field: str, value: str) -> str:
    return _verdict(value) if field == "verdict" else _date(value) if field in ("date", "end_date") else value


def _verdict_of(data: dict[str, object]) -> str:
    """The verdict's label; an event has none."""
    if data.get("kind") == "event" and data.get("verdict") is None:
        return "none (event)"
    return _verdict(data.get("verdict"))


def _verdict(value: object) -> str:
    labels = {v.id: v.label for v in verdict_scale()}
    return labels.get(value, show(value)) if isinstance(value, str) and value.strip() else "—"


def _date(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        return "—"
    try:
        return PartialDate.parse(value).display()
    except ValueError:
        return value


def _short(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _problem_count(problems: list[Problem]) -> str:
    errors = sum(1 for p in problems if str(p.level) == "error")
    warnings = len(problems) - errors
    parts = [plural(errors, "error")] * bool(errors) + [plural(warnings, "warning")] * bool(warnings)
    return ", ".join(parts) or "none"


FORMATS: dict[str, Callable[[Review, LinkPattern | None], str]] = {"markdown": format_markdown, "text": format_text}
