"""What ``mkdocs serve`` shows while an entry is broken, instead of hanging.

MkDocs' live-reload server holds every request while the last build failed ("The server
will appear stuck until build errors are resolved"). So under ``serve`` a failed fact
check does not fail the build: the site is built from the last good facts, every page
carries a banner listing the problems (``overrides/main.html``), and a broken entry that
was never good gets a page of its own that lists them. The build completes, so the
browser reloads, and reloads again once the file is fixed. ``mkdocs build`` still fails.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Iterator, Sequence
from pathlib import PurePosixPath

from factsite.problems import Problem
from factsite.render import GeneratedPage

_PAGE_NAME = re.compile(r"[0-9a-z][0-9a-z-]*")
"""A name that can be a page address; other broken files (strays, hidden, hostile names) are in the banner only."""

BANNER_KEY = "factsite_problems"
"""The ``config.extra`` entry the theme reads: the problem lines, empty when all is well."""


def problem_pages(problems: Sequence[Problem], known: Collection[str]) -> Iterator[GeneratedPage]:
    """A page at ``facts/<id>/`` for each broken fact file whose id has no page from the last good build."""
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        path = PurePosixPath(problem.path)
        if (
            path.parent == PurePosixPath("facts")
            and path.suffix == ".yml"
            and _PAGE_NAME.fullmatch(path.stem)
            and path.stem not in known
        ):
            by_file.setdefault(problem.path, []).append(problem)
    for shown, found in sorted(by_file.items()):
        items = "".join(f"<li><code>{html.escape(problem.format())}</code></li>" for problem in found)
        yield GeneratedPage(
            src_uri=f"facts/{PurePosixPath(shown).stem}.md",
            title=f"Problems in {shown}",
            description=f"{shown} has problems; this page is replaced by the fact once they are fixed.",
            html=f'<p>Fix these and this page reloads with the fact:</p>\n<ul class="fs-problems">{items}</ul>\n',
            search={"exclude": True},
        )
