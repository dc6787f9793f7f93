"""A build that reuses the last build's work (`BuildCache`, held by the hook under ``mkdocs serve``)
gives exactly what a fresh build gives, through edits, additions, deletions, renames,
vocabulary changes and a failed check.

Each step changes the project, then builds twice: with the cache that saw every earlier
step, and from nothing. Every generated page (HTML, front matter, headings, meta and
head) and file must be the same, and so must the report. Each step also checks that
the cache did reuse something, so the comparison is not between two fresh builds.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import jinja2
import pytest
from conftest import TODAY, mkdocs_build

from factsite.buildcache import NO_CACHE, BuildCache, CacheStats, CompiledTemplates
from factsite.catalog import Catalog
from factsite.pipeline import Layout, check_project
from factsite.render import GeneratedPage
from factsite.render.repository import Repository
from factsite.render.site import generate_site
from factsite.render.siteinfo import SiteInfo
from factsite.render.sitemeta import PageMetas
from factsite.reporters import format_text

EDITED = "1992-04-08--diplomatic-relations"
LONE_TAG_FACT = "2022-09-05--lavrov-ukraine-briefing"
"""The only fact tagged ukraine-war."""
DELETED = "2022-10--days-of-tajik-culture-in-russia"
RENAMED = ("2022--tajik-migrants-1-1-5m", "2022--tajik-migrants-estimate")
WITHDRAWN = "2022-09-06--withdrawn-ukraine-remark"
ADDED = "2022-09-07--added-while-serving"
MOVED = "2013-08-01--shoigu-rearmament-plan"

SITE = SiteInfo()
REPOSITORY = Repository("https://github.com/example/facts")


def outputs(root: Path, cache: BuildCache | None) -> tuple[str, dict[str, Any]]:
    """The report and every generated output, as the hook gets them, with or without the cache."""
    result = check_project(Layout.of(root), today=TODAY, cache=cache or NO_CACHE)
    found: dict[str, Any] = {}
    if not result.facts:
        return format_text(result.report), found
    catalog = Catalog(result.facts)
    metas = PageMetas(catalog.facts, SITE, cache)
    for item in generate_site(catalog, site=SITE, repository=REPOSITORY, cache=cache):
        if isinstance(item, GeneratedPage):
            meta = metas.page(item.src_uri)
            found[item.src_uri] = (item.front_matter, item.html, item.headings, dict(item.meta), meta)
        else:
            found[item.src_uri] = item.content
    return format_text(result.report), found


def fact(root: Path, fact_id: str) -> Path:
    return root / "facts" / f"{fact_id}.yml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def drop_related(root: Path, fact_id: str, new_id: str | None = None) -> None:
    """Remove (or rename) `fact_id` in every related list that names it."""
    for path in (root / "facts").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        if fact_id in text:
            replaced = re.sub(rf",? ?{re.escape(fact_id)}", f", {new_id}" if new_id else "", text)
            path.write_text(replaced.replace("[, ", "["), encoding="utf-8")


def add_withdrawn(root: Path) -> None:
    text = fact(root, LONE_TAG_FACT).read_text(encoding="utf-8")
    text = text.replace('date: "2022-09-05"', 'date: "2022-09-06"', 1)
    withdrawal = 'status: withdrawn\nwithdrawal:\n  date: "2026-11-28"\n  reason: Withdrawn for the cache test.'
    text = text.replace("status: published", withdrawal)
    text = re.sub(r"^title: .*$", "title: A withdrawn remark", text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^related: .*$", "related: []", text, count=1, flags=re.MULTILINE)
    fact(root, WITHDRAWN).write_text(text, encoding="utf-8")


def add_published(root: Path) -> None:
    text = fact(root, EDITED).read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", "title: Added while serving", text, count=1, flags=re.MULTILINE)
    text = text.replace('date: "1992-04-08"', 'date: "2022-09-07"', 1)
    text = re.sub(r"^related: .*$", f"related: [{EDITED}, {MOVED}]", text, count=1, flags=re.MULTILINE)
    fact(root, ADDED).write_text(text, encoding="utf-8")


def rename(root: Path) -> None:
    old, new = RENAMED
    fact(root, old).rename(fact(root, new))
    drop_related(root, old, new)


def move(root: Path) -> None:
    """Give a fact another date, so its neighbours change: a new id, so a rename too."""
    moved = MOVED.replace("2013-08-01", "1992-04-09")
    edit(fact(root, MOVED), 'date: "2013-08-01"', 'date: "1992-04-09"')
    fact(root, MOVED).rename(fact(root, moved))
    drop_related(root, MOVED, moved)


def delete(root: Path) -> None:
    fact(root, DELETED).unlink()
    drop_related(root, DELETED)


STEPS = [
    ("edit a title", lambda root: edit(fact(root, EDITED), "title: Russia and", "title: Edited, Russia and")),
    ("add a withdrawn and a published fact", lambda root: (add_withdrawn(root), add_published(root))),
    (
        "drop the last published use of a tag a withdrawn fact shows",
        lambda root: edit(fact(root, LONE_TAG_FACT), "tags: [ukraine-war, diplomacy]", "tags: [diplomacy]"),
    ),
    ("delete a fact", delete),
    ("rename a fact", rename),
    ("relabel a tag", lambda root: edit(root / "vocab" / "tags.yml", "label: Diplomacy", "label: Diplomacy, protocol")),
    ("break a fact", lambda root: edit(fact(root, EDITED), 'date: "1992-04-08"', 'date: "1992-02-30"')),
    ("mend it", lambda root: edit(fact(root, EDITED), 'date: "1992-02-30"', 'date: "1992-04-08"')),
    ("move a fact in time", lambda root: move(root)),
]


@pytest.fixture(scope="module")
def steps(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Any, Any, CacheStats]]:
    """(step, cached build, fresh build, what the cache reused) after each step, in order, from one cache."""
    root = tmp_path_factory.mktemp("project")
    repo = Path(__file__).resolve().parent.parent
    for name in ("facts", "vocab"):
        shutil.copytree(repo / name, root / name)
    cache = BuildCache()
    results = [("start", outputs(root, cache), outputs(root, None), replace(cache.stats))]
    for name, change in STEPS:
        change(root)
        cached = outputs(root, cache)
        results.append((name, cached, outputs(root, None), replace(cache.stats)))
    return results


@pytest.mark.parametrize("index", range(len(STEPS) + 1), ids=["start", *(name for name, _ in STEPS)])
def test_a_cached_build_gives_what_a_fresh_build_gives(
    steps: list[tuple[str, Any, Any, CacheStats]], index: int
) -> None:
    name, (cached_report, cached), (fresh_report, fresh), stats = steps[index]
    assert fresh or name == "break a fact", f"{name}: the check failed:\n{fresh_report}"
    if index:
        assert stats.files_reused, "the cache was used"
        assert stats.outputs_reused or not fresh, "the cache was used"
    assert cached_report == fresh_report
    assert sorted(cached) == sorted(fresh)
    for uri in fresh:
        assert cached[uri] == fresh[uri], f"{name}: {uri} differs from a fresh build"


def test_the_steps_change_what_they_should(steps: list[tuple[str, Any, Any, CacheStats]]) -> None:
    by_step = {name: fresh for name, _, (_, fresh), _ in steps}
    assert "Edited, Russia and" in by_step["edit a title"][f"facts/{EDITED}.md"][1]
    assert by_step["break a fact"] == {}, "a failed check publishes nothing"
    # The withdrawn fact's file never changed after it was added, but its page did:
    # its tag lost its page when the only published fact with it dropped the tag.
    before = by_step["add a withdrawn and a published fact"][f"facts/{WITHDRAWN}.md"][1]
    after = by_step["drop the last published use of a tag a withdrawn fact shows"][f"facts/{WITHDRAWN}.md"][1]
    assert 'href="../../tags/ukraine-war/"' in before
    assert "tags/ukraine-war" not in after
    assert f"facts/{RENAMED[1]}.md" in by_step["rename a fact"]
    assert f"facts/{RENAMED[0]}.md" not in by_step["rename a fact"]


def test_the_cache_reuses_unchanged_work() -> None:
    """Not a timing: counts of what was loaded and rendered again, one edit after a build."""
    repo = Path(__file__).resolve().parent.parent
    cache = BuildCache()
    outputs(repo, cache)
    loaded = cache.stats.files_loaded
    assert loaded == len(list((repo / "facts").glob("*.yml")))
    outputs(repo, cache)
    assert cache.stats.files_loaded == 0
    assert cache.stats.files_reused == loaded
    assert cache.stats.outputs_made == 0, "nothing changed, so nothing is rendered again"
    assert cache.stats.outputs_reused >= 2 * loaded, "every fact page and fact head"


def _tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def test_serve_rebuilds_write_what_a_fresh_build_writes(
    project_copy: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """``make serve``'s dirty builds, one process through several saves, against ``mkdocs build`` of each state."""
    sites = tmp_path_factory.mktemp("sites")
    env = {**os.environ, "FACTSITE_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    script = Path(__file__).with_name("serve_builds.py")
    server = subprocess.Popen(
        [sys.executable, str(script), str(project_copy), str(sites / "served")],
        cwd=project_copy,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert server.stdin is not None and server.stdout is not None
    saves = [
        ("edit, add, delete, rename", lambda root: [change(root) for _, change in STEPS[:5]]),
        ("break a fact", STEPS[6][1]),
        ("mend it and relabel a tag", lambda root: (STEPS[7][1](root), STEPS[5][1](root))),
    ]
    try:
        assert server.stdout.readline().strip() == "built"
        for number, (name, change) in enumerate(saves):
            change(project_copy)
            server.stdin.write("\n")
            server.stdin.flush()
            status = server.stdout.readline().strip()
            if name == "break a fact":
                # serve never fails on a broken entry: the last good site, with the problem on every page
                assert status == "built", status
                home = (sites / "served" / "index.html").read_text(encoding="utf-8")
                assert f"facts/{EDITED}.yml:4:7: error: date: &#39;1992-02-30&#39; is not a calendar date" in home
                continue
            assert status == "built", f"{name}: {status}"
            fresh = sites / f"fresh-{number}"
            result = mkdocs_build(project_copy, fresh)
            assert result.returncode == 0, result.stderr
            served, built = _tree(sites / "served"), _tree(fresh)
            assert sorted(served) == sorted(built), name
            differ = [path for path in built if served[path] != built[path]]
            assert not differ, f"{name}: served pages differ from a fresh build: {differ[:10]}"
    finally:
        server.stdin.close()
        server.wait(timeout=60)
        server.stdout.close()


def test_compiled_templates_follow_the_source_and_the_settings() -> None:
    """A template's kept code serves only the same source in an environment with the same settings."""
    templates = CompiledTemplates()
    sources = {"page.html": "{% if true %}\n<p>{{ word | upper }}</p>\n{% endif %}\n"}

    def render(**settings: Any) -> str:
        env = jinja2.Environment(loader=jinja2.DictLoader(sources), bytecode_cache=templates, **settings)
        return env.get_template("page.html").render(word="kept")

    assert render() == "\n<p>KEPT</p>\n"
    assert render() == "\n<p>KEPT</p>\n"  # from the kept code
    assert render(trim_blocks=True) == "<p>KEPT</p>\n", "other settings compile afresh"
    sources["page.html"] = "<p>{{ word }}</p>"
    assert render() == "<p>kept</p>", "a changed source compiles afresh"


def test_past_its_limit_the_cache_makes_the_rest_again() -> None:
    """Memory stays bounded while serving a large archive: beyond `kept` files, each rebuild loads the rest anew."""
    repo = Path(__file__).resolve().parent.parent
    files = len(list((repo / "facts").glob("*.yml")))
    cache = BuildCache(kept=10)
    fresh = outputs(repo, None)
    assert outputs(repo, cache) == fresh
    assert outputs(repo, cache) == fresh, "the same outputs, kept or not"
    assert (cache.stats.files_reused, cache.stats.files_loaded) == (10, files - 10)
    assert cache.stats.outputs_reused == 10


def test_a_quick_look_at_saved_files_keeps_the_cache_for_the_full_check(project_copy: Path) -> None:
    """``serve``'s preview checks the saved file alone (``across=False``): other files are not
    loaded, and the full check after it still reuses every file."""
    cache = BuildCache()
    files = len(list((project_copy / "facts").glob("*.yml")))
    check_project(Layout.of(project_copy), today=TODAY, cache=cache)
    edited = project_copy / "facts" / f"{EDITED}.yml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: Edited ", 1), encoding="utf-8")
    (project_copy / "facts" / f"{MOVED}.yml").write_text("title: [unclosed\n", encoding="utf-8")
    loaded = cache.stats.files_loaded
    quick = check_project(Layout.of(project_copy, facts=[edited]), today=TODAY, cache=cache, across=False)
    assert [fact.id for fact in quick.facts] == [EDITED] and quick.facts[0].title.startswith("Edited ")
    assert {problem.path for problem in quick.report} == {f"facts/{EDITED}.yml"}, "another file's are not this look's"
    assert cache.stats.files_loaded - loaded == 1, "the saved file alone is loaded"
    full = check_project(Layout.of(project_copy), today=TODAY, cache=cache)
    assert full.report.errors and not full.facts, "the full check reads every file"
    assert cache.stats.files_loaded == 1 and cache.stats.files_reused == files - 1, "only the broken one anew"


def test_the_cache_calls_its_checkpoint_before_each_file() -> None:
    """Where ``serve`` stops a rebuild that a newer save made stale (factsite.mkdocsadapter.liveedit)."""
    repo = Path(__file__).resolve().parent.parent
    calls: list[int] = []
    check_project(Layout.of(repo), today=TODAY, cache=BuildCache(checkpoint=lambda: calls.append(1)))
    assert len(calls) == len(list((repo / "facts").glob("*.yml")))

    def stop() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        check_project(Layout.of(repo), today=TODAY, cache=BuildCache(checkpoint=stop))
