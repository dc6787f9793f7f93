"""The site fixture in tests/site: six facts over three years, every date precision, a
correction, a withdrawal, a tag only a withdrawn fact uses, and one appearance with
several checked claims. Index, block and page tests render from it."""

from __future__ import annotations

import functools
from pathlib import Path

from conftest import TODAY

from factsite.catalog import Catalog
from factsite.pipeline import Layout, check_project

SITE_CASE = Path(__file__).parent / "site"
PREVIEW_URL = "https://news.example.org/2022/preview"


@functools.cache
def site_catalog() -> Catalog:
    result = check_project(Layout.of(SITE_CASE), today=TODAY)
    assert not result.report.problems, [p.format() for p in result.report]
    return Catalog(result.facts)
