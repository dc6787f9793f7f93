"""The broken-source report: each dead link, the entries that cite it, and their archived copies.

`factsite.sourcecheck.sources` reports a failure at every place that cites a URL, which suits
a contributor fixing a file. A maintainer deciding what to do about link rot needs the
other view: one section per dead URL, listing every entry that cites it, each with its
archived copy when the source has one (readers can still see the page there) or a note
that it has none (``factsite archive`` looks for one). ``check-sources --format markdown``
prints it, and the weekly workflow opens or updates an issue with it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from factsite.model import Fact, Source
from factsite.problems import Level, Problem
from factsite.review.summary import LinkPattern
from factsite.review.summary import _code as code  # the review summary's Markdown escaping, shared
from factsite.review.summary import _md as text
from factsite.sourcecheck.sources import RULE, SourceReport

TITLE = "Broken source links"

_SOURCE_FIELD = re.compile(r"sources\[([0-9]+)\]\.(url|archive_url)")


@dataclass(frozen=True)
class Citing:
    """One entry citing a dead URL: where, and the archived copy of that source if it has one."""

    fact: Fact
    problem: Problem
    source: Source | None
    """The source whose ``url`` or ``archive_url`` failed; ``None`` for the appearance."""


def dead_links(report: SourceReport, facts: Sequence[Fact]) -> dict[str, list[Citing]]:
    """Each failed URL, with the entries citing it, in file order."""
    by_path = {fact.path: fact for fact in facts}
    dead: dict[str, list[Citing]] = {}
    for problem in report.report:
        fact = by_path.get(problem.path)
        if fact is None or problem.rule != RULE:  # a redirect to another site is not a dead link
            continue
        match = _SOURCE_FIELD.fullmatch(problem.field)
        source = fact.sources[int(match.group(1))] if match else None
        url = (
            (source.url if match.group(2) == "url" else source.archive_url or "")
            if match and source
            else _appearance_url(fact)
        )
        dead.setdefault(url, []).append(Citing(fact, problem, source))
    return dead


def _appearance_url(fact: Fact) -> str:
    appearance = getattr(fact, "appearance", None)  # events (format v2) have none
    return str(getattr(appearance, "url", "")) if appearance is not None else ""


def format_markdown(
    report: SourceReport, facts: Sequence[Fact], *, today: dt.date, links: LinkPattern | None = None
) -> str:
    """The report as GitHub Markdown, errors first, each URL once; the same input gives the same bytes."""
    dead = dead_links(report, facts)
    entries = {citing.fact.id for citings in dead.values() for citing in citings}
    out = [f"## {TITLE}", ""]
    if not dead:
        out += [f"Checked on {today.isoformat()}: all {report.urls_checked} cited URLs answered.", ""]
        return "\n".join(out)
    errors = sum(1 for citings in dead.values() if citings[0].problem.level is Level.ERROR)
    out += [
        f"Checked on {today.isoformat()}: {len(dead)} of {report.urls_checked} cited URLs need a look, "
        f"cited by {len(entries)} {'entry' if len(entries) == 1 else 'entries'}: {errors} failed (errors), "
        f"{len(dead) - errors} only warned about (a host that blocks automated checks, a rate limit, "
        "or another warning the check gives).",
        "",
    ]

    def order(item: tuple[str, list[Citing]]) -> tuple[int, str]:
        return (0 if item[1][0].problem.level is Level.ERROR else 1, item[0])

    for url, citings in sorted(dead.items(), key=order):
        first = citings[0].problem
        failure = first.message[len(url) :].strip() if first.message.startswith(url) else first.message
        out += [f"### {code(url)}", "", f"**{first.level}**: {text(failure)}", ""]
        out += [_entry_line(citing, links, dead) for citing in citings]
        out.append("")
    return "\n".join(out)


def _autolink(url: str) -> str:
    """A clickable URL, or the URL as code when it holds a character that would end the link."""
    return f"<{url}>" if re.fullmatch(r"https?://[^\s<>`]+", url) else code(url)


def _entry_line(citing: Citing, links: LinkPattern | None, dead: dict[str, list[Citing]]) -> str:
    fact, problem, source = citing.fact, citing.problem, citing.source
    label = code(fact.id)
    if links:
        label = f"[{label}](<{links.link(fact.id, fact.path)}>)"
    where = f"{code(problem.field)}, line {problem.line}"
    if source is None:
        copy = "the claim's appearance (no archived copy is kept for it)"
    elif problem.field.endswith(".archive_url"):
        copy = "the archived copy itself failed; find another in the Wayback Machine"
    elif source.archive_url and source.archive_url in dead:
        copy = f"its archived copy {code(source.archive_url)} failed too"
    elif source.archive_url:
        day = f" (archived {source.archived.isoformat()})" if source.archived else ""
        copy = f"archived copy: {_autolink(source.archive_url)}{day}"
    else:
        copy = "no archived copy yet (`factsite archive` looks for one)"
    return f"- {label} {text(fact.title)}: {where}; {copy}"
