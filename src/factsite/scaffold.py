"""``factsite new``: start a claim or event file with every required field in place.

The skeleton carries the schema modeline, so editors complete and check it as it is
filled in. Values a contributor must supply are left empty, on purpose: ``factsite
check`` then lists each one with its line, a to-do list that cannot be merged by
mistake. An existing file is never overwritten.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from factsite.dates import PartialDate
from factsite.files import FACT_SUFFIX, ID_PATTERN
from factsite.schema import SCHEMA_PATH, verdict_scale

MODELINE = "# yaml-language-server: $schema=../src/factsite/schema/" + SCHEMA_PATH.name


class ScaffoldError(ValueError):
    """The fact cannot be created as asked; adapters report it as a usage error."""


KINDS = ("claim", "event")


def new_fact(facts_dir: Path, date: str, slug: str, *, today: dt.date, kind: str = "claim") -> Path:
    """Write the skeleton of entry ``<date>--<slug>`` of `kind` into `facts_dir` and return its path."""
    if kind not in KINDS:
        raise ScaffoldError(f"kind '{kind}' is not one of: {', '.join(KINDS)}")
    try:
        parsed = PartialDate.parse(date)
    except ValueError as exc:
        raise ScaffoldError(f"date {exc}") from None
    if parsed.earliest > today:
        raise ScaffoldError(
            f"date '{date}' is in the future (today is {today.isoformat()}); facts record what happened"
        )
    fact_id = f"{date}--{slug}"
    if not ID_PATTERN.match(fact_id):
        raise ScaffoldError(
            f"'{slug}' is not a slug: use lower-case letters and digits joined by single hyphens, "
            "for example russian-language-schools-opened"
        )
    if not facts_dir.is_dir():
        raise ScaffoldError(f"{facts_dir} is not a folder; run this in the project folder or pass --root")
    for existing in sorted(facts_dir.iterdir()):
        if existing.stem.casefold() == fact_id.casefold():
            raise ScaffoldError(f"{existing} already exists; edit it, or choose another slug")
    path = facts_dir / f"{fact_id}{FACT_SUFFIX}"
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(skeleton(fact_id, date, today=today, kind=kind))
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists; edit it, or choose another slug") from None
    return path


def skeleton(fact_id: str, date: str, *, today: dt.date, kind: str = "claim") -> str:
    """The text of a new entry file of `kind`: required fields, with what to write as comments."""
    day = today.isoformat()
    if kind == "event":
        middle = f"""kind: event  # something that happened, reported without a verdict
title: ""  # the headline: what happened
date: "{date}"  # at the precision the sources support; the file name carries the same date
summary: ""  # one to three neutral sentences: what happened, with no rating
"""
    else:
        verdicts = ", ".join(v.id for v in verdict_scale())
        middle = f"""kind: claim  # a statement someone made, which we rate
title: ""  # the headline: what was claimed
date: "{date}"  # the date the claim is about, at the precision the sources support
claim: ""  # the claim as it was made, quoted or closely paraphrased
claimant:  # who made it
  name: ""  # a person's or organisation's name, on its own
appearance:  # where the claim was made
  url: ""
  publisher: ""
  date: ""  # YYYY, YYYY-MM or YYYY-MM-DD, or undated
verdict: ""  # one of: {verdicts}
conclusion: ""  # one or two sentences: why the claim earns the verdict
"""
    return f"""{MODELINE}
# Fill in every empty value, then run: factsite check facts/{fact_id}{FACT_SUFFIX}
# Every field is described on the site's "Fact format" page. Never invent a URL, a quote or a date.
{middle}sources:  # primary sources first; add one block per source
  - url: ""
    publisher: ""
    title: ""  # the page's own title
    published: ""  # YYYY, YYYY-MM, YYYY-MM-DD, or undated when the page shows no date
    accessed: "{day}"
tags: []  # ids from vocab/tags.yml
actors: []  # ids from vocab/actors.yml
checked: "{day}"  # the day the entry is "as of"
status: published
"""
