"""The review summary, in Markdown (a pull-request comment or job summary) or plain text.

A table gives the change at a glance; then one section per fact with its date, verdict,
conclusion, the field-by-field changes and its problems, and a link to its preview when
a link pattern is given. Contributor text is escaped for Markdown (and ``@``/``#`` are
kept from becoming mentions or issue links) or made printable for a terminal.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass

from factsite.dates import PartialDate
from factsite.problems import Problem, plural, printable
from factsite.render.urls import page_url
from factsite.review.check import Review
from factsite.review.diff import ChangeKind, FactChange, FieldChange, show
from factsite.schema import verdict_scale

PLACEHOLDERS = ("id", "path", "url")


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


_HEADINGS = {
    ChangeKind.ADDED: "Added",
    ChangeKind.CHANGED: "Changed",
    ChangeKind.WITHDRAWN: "Withdrawn",
    ChangeKind.REINSTATED: "Reinstated",
    ChangeKind.RENAMED: "Renamed",
    ChangeKind.DELETED: "Deleted",
}


def counts_line(review: Review) -> str:
    counts = review.diff.counts()
    facts = ", ".join(f"{n} {kind.value}" for kind, n in counts.items()) or "no fact changed"
    return f"{facts}; {review.result.report.summary()}"


# --- Markdown ---------------------------------------------------------------------------


def format_markdown(review: Review, links: LinkPattern | None = None) -> str:
    diff = review.diff
    out = [f"## Fact changes against {_code(diff.base.label)}", "", counts_line(review) + ".", ""]
    if diff.changes:
        out += ["| Change | Fact | Date | Verdict | Problems |", "| --- | --- | --- | --- | --- |"]
        for change in diff.changes:
            data = change.current.data
            out.append(
                f"| {_HEADINGS[change.kind]} | {_md_link(change, links)} | {_md(_date(data.get('date')))} "
                f"| {_md(_verdict(data.get('verdict')))} | {_problem_count(review.problems_of(change.path))} |"
            )
        out.append("")
    for change in diff.changes:
        out += _md_fact(review, change, links)
    if diff.vocabularies:
        out += ["### Vocabularies", ""]
        out += [f"- {_md_field(field)}" for field in diff.vocabularies]
        out.append("")
    shown = {change.path for change in diff.changes}
    others = [p for p in review.result.report if p.path not in shown]
    if others:
        out += ["### Other problems", ""]
        out += [f"- {_md_problem(first)}{_more(rest)}" for first, rest in _grouped(others)]
        out.append("")
    return "\n".join(out)


def _md_fact(review: Review, change: FactChange, links: LinkPattern | None) -> list[str]:
    data = change.current.data
    out = [f"### {_HEADINGS[change.kind]}: {_code(change.id)}", ""]
    if (title := _text(data, "title")) is not None:
        out += [f"**{_md(title)}**", ""]
    if change.renamed_from:
        out.append(f"- Renamed from {_code(change.renamed_from)} ({change.similarity:.0f}% the same content)")
    out.append(
        f"- Date: {_md(_date(data.get('date')))} · Verdict: **{_md(_verdict(data.get('verdict')))}**"
        f" · Checked: {_md(show(data.get('checked', '—')))} · File: {_code(change.path)}"
    )
    if change.kind is ChangeKind.ADDED and (claim := _text(data, "claim")) is not None:
        out.append(f"- Claim: {_md(show(claim))} ({_md(show(_claimant_name(data)))})")
    if (conclusion := _text(data, "conclusion")) is not None:
        out.append(f"- Conclusion: {_md(show(conclusion))}")
    if change.base and change.head and not change.comparable:
        out.append("- Fields not compared: a version of the file does not load (see its problems)")
    out += [f"- {_md_field(field)}" for field in change.fields]
    out += [f"- {_md_problem(first)}{_more(rest)}" for first, rest in _grouped(review.problems_of(change.path))]
    if links and change.head:
        out.append(f"- Preview: [{_md(change.id)}](<{links.link(change.id, change.path)}>)")
    return [*out, ""]


def _md_item(item: str) -> str:
    """An id or a URL as code; a longer text (a correction, a term) as escaped text."""
    return _md(item) if " " in item else _code(item)


def _md_problem(problem: Problem) -> str:
    where = f"{problem.path}:{problem.line}:{problem.column}"
    what = f"{problem.field}: " if problem.field else ""
    return f"**{problem.level}** {_code(where)} {_md(what + problem.message)} [{_code(problem.rule)}]"


def _md_link(change: FactChange, links: LinkPattern | None) -> str:
    label = _code(change.id)
    if links and change.head:
        label = f"[{label}](<{links.link(change.id, change.path)}>)"
    title = _text(change.current.data, "title")
    return label + (f"<br>{_md(title)}" if title is not None else "")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~!#])")


def _md(text: str) -> str:
    """Plain text that renders as itself in GitHub Markdown, on one line."""
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(printable(text).split()))
    return text.replace("@", "@\u2060")  # a word joiner: shown as "@", never a mention


def _code(text: str) -> str:
    text = printable(text)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


# --- plain text -------------------------------------------------------------------------


def format_text(review: Review, links: LinkPattern | None = None) -> str:
    diff = review.diff
    out = [f"Fact changes against {printable(diff.base.label)}: {counts_line(review)}"]
    for change in diff.changes:
        data = change.current.data
        title = f": {printable(text)}" if (text := _text(data, "title")) is not None else ""
        out.append("")
        out.append(f"{change.kind.value} {printable(change.id)}{title}")
        if change.renamed_from:
            out.append(f"  renamed from {change.renamed_from} ({change.similarity:.0f}% the same content)")
        out.append(
            f"  date {_date(data.get('date'))} · verdict {_verdict(data.get('verdict'))}"
            f" · checked {printable(show(data.get('checked', '—')))} · {printable(change.path)}"
        )
        if change.kind is ChangeKind.ADDED and (claim := _text(data, "claim")) is not None:
            out.append(f"  claim: {printable(show(claim))} ({printable(show(_claimant_name(data)))})")
        if (conclusion := _text(data, "conclusion")) is not None:
            out.append(f"  conclusion: {printable(show(conclusion))}")
        if change.base and change.head and not change.comparable:
            out.append("  fields not compared: a version of the file does not load (see its problems)")
        out += [f"  {_text_field(field)}" for field in change.fields]
        out += [f"  {first.format()}{_more(rest)}" for first, rest in _grouped(review.problems_of(change.path))]
        if links and change.head:
            out.append(f"  preview: {links.link(change.id, change.path)}")
    if diff.vocabularies:
        out += ["", "vocabularies", *(f"  {_text_field(field)}" for field in diff.vocabularies)]
    shown = {change.path for change in diff.changes}
    others = [p for p in review.result.report if p.path not in shown]
    if others:
        out += ["", "other problems", *(f"  {first.format()}{_more(rest)}" for first, rest in _grouped(others))]
    return "\n".join(out) + "\n"


# --- shared -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Style:
    """How one output format marks up a field change: the only difference between them."""

    text: Callable[[str], str]
    code: Callable[[str], str]
    item: Callable[[str], str]
    strong: Callable[[str], str]
    deleted: Callable[[str], str]
    inserted: Callable[[str], str]
    list_item: str


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
            lines = [f"{style.list_item}{sign} {style.item(_short(item))}" for sign, item in _signed(field)]
            return "\n".join([f"{name}: {_item_counts(field)}", *lines])
        return f"{name}: " + "; ".join(_items(field, style.item))
    return f"{name}: reordered"


def _md_field(field: FieldChange) -> str:
    return _field(field, _MARKDOWN)


def _text_field(field: FieldChange) -> str:
    return _field(field, _PLAIN)


def _text(data: dict[str, object], name: str) -> str | None:
    """A text field that is filled in, else ``None`` (a new skeleton has empty values)."""
    value = data.get(name)
    return value if isinstance(value, str) and value.strip() else None


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
    return _verdict(value) if field == "verdict" else value


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


_MARKDOWN = _Style(
    text=_md,
    code=_code,
    item=_md_item,
    strong=lambda s: f"**{s}**",
    deleted=lambda s: f"~~{s}~~",
    inserted=lambda s: f"**{s}**",
    list_item="  - ",
)
_PLAIN = _Style(
    text=printable,
    code=printable,
    item=printable,
    strong=lambda s: s,
    deleted=lambda s: f"[-{s}-]",
    inserted=lambda s: f"{{+{s}+}}",
    list_item="    ",
)


def _claimant_name(data: dict[str, object]) -> object:
    """The claimant's name (a claim's claimant is a mapping), or a dash."""
    claimant = data.get("claimant")
    return claimant.get("name", "—") if isinstance(claimant, dict) else "—"
