"""Page blocks: generated listings inside hand-written pages.

A hand-written page asks for one with a line that is exactly an HTML comment,
``<!-- factsite: NAME key=value ... -->``; the line is replaced by HTML rendered from
the facts (values may be quoted, shell style). Lines inside fenced code blocks are left
alone, so a page can show the syntax. An unknown block or a bad argument is a `Problem`
at the comment's line, and the build fails naming it.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from factsite.catalog import Catalog
from factsite.problems import Problem, closest
from factsite.render.environment import render_template
from factsite.render.pages import RATING_SCALE_URI, TIMELINE_URI
from factsite.render.timeline import render_overview_chart

RULE = "page-block"
_BLOCK = re.compile(r"^ {0,3}<!--\s*factsite:(?P<rest>.*?)\s*$")
_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")


@dataclass(frozen=True)
class BlockContext:
    """What a block needs to render: every fact, and the page it is placed on."""

    catalog: Catalog
    here: str
    """The page's path in the docs tree (``index.md``), for relative links."""
    directory_urls: bool = True
    pages: frozenset[str] = frozenset()
    """The site's pages (``corrections.md``, ...), so a block links only to pages that exist."""


CORRECTIONS_URI = "corrections.md"


class BlockError(ValueError):
    """A block's arguments are wrong; the message is for the page's author."""


def _count(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise BlockError(f"count must be a whole number of at least 1, not {value!r}")
    return int(value)


def _url(value: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise BlockError(f"appearance must be the http(s) URL of an appearance, not {value!r}")
    return value


@dataclass(frozen=True)
class BlockType:
    template: str
    arguments: dict[str, Callable[[str], object]]
    required: frozenset[str] = frozenset()
    defaults: tuple[tuple[str, object], ...] = ()


BLOCKS: dict[str, BlockType] = {
    "verdict-counts": BlockType("block-verdict-counts.html.j2", {}),
    "overview-chart": BlockType("", {}),
    "latest-checks": BlockType("block-latest-checks.html.j2", {"count": _count}, defaults=(("count", 5),)),
    "latest-corrections": BlockType("block-latest-corrections.html.j2", {"count": _count}, defaults=(("count", 5),)),
    "corrections-log": BlockType("block-corrections-log.html.j2", {}),
    "findings": BlockType("block-findings.html.j2", {"appearance": _url}, required=frozenset({"appearance"})),
}
"""Every block a page may ask for, with the arguments it takes."""


def expand_blocks(markdown: str, *, path: str, context: BlockContext, first_line: int = 1) -> tuple[str, list[Problem]]:
    """`markdown` with every block comment replaced by its HTML, and the problems found.

    `first_line` is the file line of the first line of `markdown` (after front matter),
    so that problems point at the line in the file the author edits.
    """
    out: list[str] = []
    problems: list[Problem] = []
    for number, line, rest in _lines(markdown, first_line):
        if rest is None:
            out.append(line)
            continue
        try:
            name, values = parse_block(rest)
            out.append("\n" + _render(name, values, context) + "\n")
        except BlockError as exc:
            column = line.index("factsite:") + 1
            problems.append(Problem(path, number, column, RULE, "", str(exc)))
            out.append(line)
    return "\n".join(out), problems


def page_blocks(markdown: str) -> list[tuple[str, dict[str, object]]]:
    """The blocks a page asks for, each as its name and arguments; malformed ones left out
    (the build reports them). The review summary uses this to tell which pages list a fact."""
    found = []
    for _, _, rest in _lines(markdown, 1):
        if rest is not None:
            try:
                found.append(parse_block(rest))
            except BlockError:
                continue
    return found


def _lines(markdown: str, first_line: int) -> Iterator[tuple[int, str, str | None]]:
    """Each line with its number, and what follows ``factsite:`` when it is a block comment
    (``None`` for other lines and for lines inside fenced code)."""
    fence = ""
    for number, line in enumerate(markdown.split("\n"), start=first_line):
        if fence_match := _FENCE.match(line):
            marker = fence_match.group("fence")
            if not fence:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence) and not line.strip()[len(marker) :].strip():
                fence = ""
        match = None if fence else _BLOCK.match(line)
        yield number, line, match.group("rest") if match else None


def parse_block(rest: str) -> tuple[str, dict[str, object]]:
    """A block comment's name and its arguments with defaults filled in; `BlockError` if wrong."""
    if not rest.endswith("-->"):
        raise BlockError("a page block is one line that ends with '-->'")
    try:
        words = shlex.split(rest[: -len("-->")])
    except ValueError as exc:
        raise BlockError(f"cannot read the block's arguments: {exc}") from None
    if not words:
        raise BlockError(f"name the block: one of {', '.join(BLOCKS)}")
    name, *arguments = words
    block = BLOCKS.get(name)
    if block is None:
        hint = closest(name, BLOCKS)
        known = f"did you mean '{hint}'?" if hint else f"known blocks: {', '.join(BLOCKS)}"
        raise BlockError(f"unknown page block '{name}'; {known}")
    values = dict(block.defaults)
    given: set[str] = set()
    for argument in arguments:
        key, equals, value = argument.partition("=")
        if not equals:
            raise BlockError(f"{name}: argument '{argument}' is not written key=value")
        if key not in block.arguments:
            takes = f"it takes {', '.join(block.arguments)}" if block.arguments else "it takes no arguments"
            raise BlockError(f"{name}: unknown argument '{key}'; {takes}")
        if key in given:
            raise BlockError(f"{name}: argument '{key}' is given twice")
        given.add(key)
        values[key] = block.arguments[key](value)
    missing = sorted(block.required - given)
    if missing:
        raise BlockError(f"{name}: missing argument {', '.join(f'{m}=…' for m in missing)}")
    return name, values


def _render(name: str, values: dict[str, object], context: BlockContext) -> str:
    html = _render_block(name, BLOCKS[name], values, context).strip()
    # A listing's facts are found through their own pages, not through every page that lists them.
    return f'<div class="fs-block fs-block--{name}" data-search-exclude>\n{html}\n</div>'


def _render_block(name: str, block: BlockType, values: dict[str, object], context: BlockContext) -> str:
    catalog = context.catalog
    data: dict[str, object] = {}
    if name == "overview-chart":
        return str(render_overview_chart(catalog, context.here, directory_urls=context.directory_urls))
    if name == "verdict-counts":
        data = {
            "verdicts": catalog.by_verdict(),
            "total": len(catalog.published),
            "claims": len(catalog.claims),
            "events": len(catalog.events),
        }
    elif name == "latest-checks":
        data = {"facts": catalog.latest_checks(_int(values["count"]))}
    elif name == "latest-corrections":
        data = {
            "entries": catalog.corrections_log()[: _int(values["count"])],
            "corrections_page": CORRECTIONS_URI if CORRECTIONS_URI in context.pages else None,
        }
    elif name == "corrections-log":
        data = {"entries": catalog.corrections_log()}
    elif name == "findings":
        # No match is not an error: the same page is built with other facts (tests, forks).
        groups = catalog.findings(str(values["appearance"]))
        data = {"groups": groups, "total": sum(len(g) for _, g in groups)}
    return render_template(
        block.template,
        **data,
        rating_scale=RATING_SCALE_URI,
        timeline=TIMELINE_URI,
        here=context.here,
        directory_urls=context.directory_urls,
    )


def _int(value: object) -> int:
    assert isinstance(value, int)
    return value


def line_offset(source: str, markdown: str) -> int:
    """The file line on which `markdown` starts, when it is `source` without its front matter."""
    source = source.replace("\r\n", "\n")
    if not markdown or not source.endswith(markdown):
        return 1
    return source[: len(source) - len(markdown)].count("\n") + 1
