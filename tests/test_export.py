"""``factsite export-markdown``: the docs tree with every generated page, for a build without hooks."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, TODAY, CliRunner, mkdocs_build
from sitecase import site_catalog
from test_render import assert_golden

from benchmarks.projects import english_only_config
from factsite.catalog import Catalog
from factsite.export import ExportError, build_export, check_destination, write_export
from factsite.pipeline import Layout, check_project
from factsite.render.site import render_site
from factsite.render.siteinfo import SiteInfo
from factsite.render.sitemeta import common_head
from factsite.render.urls import page_url


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog(check_project(Layout.of(REPO), today=TODAY).facts)


def _handwritten() -> set[str]:
    """The English edition's hand-written files (``docs/ru/`` is the Russian edition's)."""
    docs = REPO / "docs"
    return {
        path.relative_to(docs).as_posix()
        for path in docs.rglob("*")
        if path.is_file() and docs / "ru" not in path.parents
    }


def test_the_export_holds_every_generated_file_and_every_handwritten_one(catalog: Catalog) -> None:
    export = build_export(REPO, catalog)
    generated = {file.src_uri for file in render_site(catalog)}
    assert export.problems == []
    assert set(export.files) == generated | _handwritten()
    assert not generated & _handwritten()
    # One Markdown file per page, at the path the site builds it from: facts/<id>.md -> facts/<id>/.
    pages = {uri for uri in export.files if uri.endswith(".md")}
    assert {f"facts/{fact.id}.md" for fact in catalog.facts} <= pages
    assert {"timeline.md", "verdicts/index.md", "tags/index.md", "actors/index.md", "rating-scale.md"} <= pages
    assert {"fact-format.md", "data.md"} <= pages
    # Hand-written pages keep their text; their page blocks are expanded and the site head joins the front matter.
    corrections = export.files["corrections.md"].decode()
    front = yaml.safe_load(corrections.removeprefix("---\n").split("\n---\n")[0])
    assert front["title"] == "Corrections"
    assert 'type="application/atom+xml"' in front["factsite_head"]
    written = (REPO / "docs/corrections.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    assert written.split("<!-- factsite:")[0] in corrections
    assert "<!-- factsite:" not in corrections
    assert 'class="fs-block fs-block--corrections-log"' in corrections
    assert export.files["assets/facts.css"] == (REPO / "docs/assets/facts.css").read_bytes()


def test_a_fact_page_carries_the_theme_values_the_hook_would_pass(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    site = SiteInfo("https://facts.example.org/")
    export = build_export(tmp_path, site_catalog(), site=site)
    page = export.files["facts/2022-09-01--schools.md"].decode()
    assert_golden("export-fact-page.md", page)
    front, _, body = page.removeprefix("---\n").partition("\n---\n")
    meta = yaml.safe_load(front)
    assert meta["factsite_lastmod"] == "2026-11-27"  # its correction
    assert '"@type":"ClaimReview"' in meta["factsite_head"]
    assert 'href="../../rating-scale/#' in body


def test_write_refuses_contributors_folders_and_folders_with_files(tmp_path: Path) -> None:
    for folder in ("docs", "facts", "vocab", "overrides"):
        (tmp_path / folder).mkdir()
    for out in ("docs", "docs/export", "facts/x", "vocab", ".", "overrides/y"):
        with pytest.raises(ExportError, match="contributors' files"):
            check_destination(tmp_path / out, tmp_path)
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "keep.md").write_text("mine", encoding="utf-8")
    with pytest.raises(ExportError, match="not empty"):
        write_export(build_export(tmp_path, site_catalog()), taken, tmp_path)
    assert [p.name for p in taken.iterdir()] == ["keep.md"]
    check_destination(tmp_path / "new" / "folder", tmp_path)  # a new folder is fine


def test_the_command_writes_the_export_and_refuses_to_overwrite(tmp_path: Path, run_cli: CliRunner) -> None:
    out = tmp_path / "export"
    code, output = run_cli("export-markdown", out, "--root", REPO, "--today", TODAY.isoformat())
    assert code == 0, output
    written = {path.relative_to(out).as_posix() for path in out.rglob("*") if path.is_file()}
    assert output == f"wrote {len(written)} files to {out}\n"
    assert "facts/2022-09-01--russian-language-schools-opened.md" in written
    code, _ = run_cli("export-markdown", out, "--root", REPO, "--today", TODAY.isoformat())
    assert code == 2
    code, _ = run_cli("export-markdown", REPO / "docs" / "export", "--root", REPO)
    assert code == 2
    assert not (REPO / "docs" / "export").exists()


def test_the_command_refuses_facts_that_fail_the_check(project_copy: Path, run_cli: CliRunner) -> None:
    bad = project_copy / "facts" / "2022-09-01--russian-language-schools-opened.yml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("verdict: accurate", "verdict: acurate"), encoding="utf-8")
    code, output = run_cli("export-markdown", project_copy / "out", "--root", project_copy, "--today", "2026-11-28")
    assert code == 1
    assert "verdict" in output
    assert not (project_copy / "out").exists()


def _plain_config(export: Path, config: Path) -> None:
    """The repository's mkdocs.yml without hooks or watched folders, building from `export`."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    settings = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    for key in ("hooks", "watch", "repo_url"):
        settings.pop(key)
    settings["docs_dir"] = str(export)
    settings["site_url"] = "http://127.0.0.1:8000/"
    settings["theme"]["custom_dir"] = str(REPO / "overrides")
    settings["extra"] = {"factsite_head": common_head(SiteInfo(settings["site_url"]))}  # for 404.html
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_plain_mkdocs_without_hooks_builds_the_export_into_the_same_site(tmp_path: Path, catalog: Catalog) -> None:
    """The migration path: Material and the export folder alone, no factsite code in the build."""
    export = build_export(REPO, catalog)
    write_export(export, tmp_path / "export", REPO)
    config = tmp_path / "mkdocs.yml"
    _plain_config(tmp_path / "export", config)
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "--site-dir", str(tmp_path / "site")],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "hooks" not in config.read_text(encoding="utf-8")
    site = tmp_path / "site"
    for uri in (uri for uri in export.files if uri.endswith(".md")):
        assert (site / page_url(uri) / "index.html").is_file(), uri
    fact = (site / "facts/2022-09-01--russian-language-schools-opened/index.html").read_text(encoding="utf-8")
    assert '"@type":"ClaimReview"' in fact  # the overrides read the head from the front matter
    about = (site / "about/index.html").read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in about  # hand-written pages get the site feed link too
    assert "<lastmod>2026-11-28</lastmod>" in (site / "sitemap.xml").read_text(encoding="utf-8")

    # The same site as the build with hooks, but for blank lines around the generated pages'
    # headings (Markdown headings there, HTML the hook passes through here), the order of
    # files, which MkDocs takes from the docs folder (generated pages came after the
    # hand-written ones), and the gzip header of sitemap.xml.gz, which plain MkDocs dates
    # with the build time.
    # The export is the English edition: it is compared with the hooked build of that edition alone.
    project = tmp_path / "project"  # a clone, for the history the feeds date their entries from
    subprocess.run(["git", "clone", "--quiet", "--shared", str(REPO), str(project)], check=True)
    for name in ("facts", "vocab", "docs", "hooks", "overrides"):  # as they are in the working tree
        shutil.rmtree(project / name)
        shutil.copytree(REPO / name, project / name)
    (project / "mkdocs.yml").write_text(english_only_config((REPO / "mkdocs.yml").read_text("utf-8")), "utf-8")
    hooked = tmp_path / "hooked"
    assert mkdocs_build(project, hooked, FACTSITE_SITE_URL="http://127.0.0.1:8000/").returncode == 0
    # Search is the hook's own index (the site has no search plugin), which a plain build of the
    # export does not make.
    ours = {name: data for name, data in _files(hooked).items() if not name.startswith("search/")}
    theirs = _files(site)
    assert any(name.startswith("search/") for name in _files(hooked))
    assert sorted(ours) == sorted(theirs)
    differ = sorted(name for name in ours if ours[name] != theirs[name])
    assert differ == ["sitemap.xml", "sitemap.xml.gz"]
    assert _urls(ours["sitemap.xml"]) == _urls(theirs["sitemap.xml"])
    assert gzip.decompress(theirs["sitemap.xml.gz"]) == theirs["sitemap.xml"]


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): _no_blank_lines(path) for path in site.rglob("*") if path.is_file()}


def _no_blank_lines(path: Path) -> bytes:
    data = path.read_bytes()
    return re.sub(rb"\n\s*\n", b"\n", data) if path.suffix == ".html" else data


def _urls(sitemap: bytes) -> list[bytes]:
    return sorted(re.findall(rb"<url>.*?</url>", sitemap, re.DOTALL))
