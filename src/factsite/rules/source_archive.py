"""source-archive (warning): every source has an archived copy in ``archive_url``.

Web pages change and disappear; an archived copy lets readers see what we saw. Archive
the page (for example with the Wayback Machine) and paste the archive's URL, with
``archived``, the day the copy was made; or let a maintainer run ``factsite archive``,
which finds the Wayback Machine's snapshot and adds both. Never write an archive URL
that you have not opened. An ``archived`` day without an ``archive_url`` is an error.
"""

from __future__ import annotations

from collections.abc import Iterator

from factsite.files import LoadedFact
from factsite.problems import Level, Problem
from factsite.rules.base import RuleContext, mappings

ID = "source-archive"
ELSEWHERE = ("source elsewhere has no archived copy", "sources elsewhere have no archived copy")
"""How a summary line counts this rule's warnings in files the contributor did not change."""
LEVEL = Level.WARNING


def check(fact: LoadedFact, context: RuleContext) -> Iterator[Problem]:
    for index, source in mappings(fact.data.get("sources")):
        if "archived" in source and "archive_url" not in source:
            yield fact.doc.problem(
                ID,
                ("sources", index, "archived"),
                "archived is the day of the copy in archive_url, and there is none; add archive_url or remove archived",
                key=True,
            )
            continue
        url = source.get("url")
        if "archive_url" not in source and isinstance(url, str) and url.strip():  # nothing to archive yet
            yield fact.doc.problem(
                ID,
                ("sources", index),
                "source has no archive_url; archive the page and add the copy's URL",
                level=LEVEL,
            )
