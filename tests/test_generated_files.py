"""Generated files as MkDocs holds them to the end of a build: lean, and where MkDocs would put them."""

from __future__ import annotations

import hashlib
import tracemalloc
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from factsite.mkdocsadapter.files import PackedFile
from factsite.mkdocsadapter.pagefiles import PageFile, PageWriter, written_by_hook
from factsite.mkdocsadapter.shell import ShellRenderer
from factsite.mkdocsadapter.theme import nav_pages
from factsite.render import GeneratedPage, Heading, StreamedFile


def config_of(tmp_path: Path, directory_urls: bool) -> MkDocsConfig:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Test\nuse_directory_urls: {str(directory_urls).lower()}\n", encoding="utf-8"
    )
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    config.plugins._current_plugin = "facts"  # as while the hook's on_files runs
    return config


@pytest.mark.parametrize("directory_urls", [True, False])
def test_a_generated_file_is_where_mkdocs_would_put_it_and_holds_no_attribute_dict(
    tmp_path: Path, directory_urls: bool
) -> None:
    config = config_of(tmp_path, directory_urls)
    page = GeneratedPage("facts/2022-09-05--x.md", "A <title>", "About it", "<p>body</p>", (Heading(2, "a", "A"),))
    meta = {"title": "A &lt;title&gt;", "factsite_lastmod": "2022-09-05"}
    files = [
        (PageFile.of_page(config, page, meta, PageWriter(ShellRenderer())), "facts/2022-09-05--x.md"),
        (PackedFile.of(config, "data/facts/2022-09-05--x.json", "{}\n"), "data/facts/2022-09-05--x.json"),
        (PackedFile.of(config, "timeline.md", "<p>t</p>", prefix="---\n---\n"), "timeline.md"),
        (PackedFile.of(config, "index.md", "<p>home</p>"), "index.md"),
    ]
    for file, src_uri in files:
        mkdocs = File.generated(config, src_uri, content="")  # what MkDocs makes of a page or file there
        for name in ("src_uri", "dest_uri", "url", "abs_dest_path", "name", "dest_dir", "use_directory_urls"):
            assert getattr(file, name) == getattr(mkdocs, name), (src_uri, name)
        assert file.generated_by == "facts" and file.abs_src_path is None and file.edit_uri is None
        assert file.url_relative_to(mkdocs) == mkdocs.url_relative_to(mkdocs)
        assert "__dict__" not in dir(file) or not vars(file), "nothing cached on the file: slots only"
    fact_page = files[0][0]
    assert isinstance(fact_page, PageFile)
    assert fact_page.details == (page.title, page.headings, meta), "read back from where it waits"
    assert fact_page.body() == "<p>body</p>" and files[2][0].content_string == "---\n---\n<p>t</p>"


def test_the_hook_writes_every_generated_page_the_nav_does_not_list() -> None:
    config = load_config(config_file=str(Path(__file__).parents[1] / "mkdocs.yml"))
    in_nav = nav_pages(config.nav)
    facts = {"facts/2022-09-05--x.md"}
    for src_uri in ("facts/2022-09-05--x.md", "tags/education.md", "verdicts/accurate/page/2.md", "timeline/2022.md"):
        assert written_by_hook(src_uri, facts, in_nav), src_uri
    for src_uri in ("timeline.md", "verdicts/index.md", "tags/index.md", "rating-scale.md", "data.md"):
        assert not written_by_hook(src_uri, facts, in_nav), f"{src_uri} is in the nav: a MkDocs page"
    assert not written_by_hook("tags/education.md", facts, None), "without a nav setting, only facts"
    assert written_by_hook("facts/2022-09-05--x.md", facts, None)


def test_a_spooled_file_is_read_back_and_written_a_piece_at_a_time(tmp_path: Path) -> None:
    config = config_of(tmp_path, True)
    rows = [f"{hashlib.sha256(str(n).encode()).hexdigest()}\n" for n in range(200_000)]  # 13 MB, packs to half
    file = PackedFile.of(config, "data/big.csv", StreamedFile("data/big.csv", lambda: iter(rows)))
    tracemalloc.start()
    try:
        file.copy_file()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert Path(file.abs_dest_path).read_text(encoding="utf-8") == "".join(rows)
    assert peak < 3_000_000, f"{peak} bytes held while writing: the packed file was read whole"
