"""Data downloads made a piece at a time: the same bytes as the whole document, and the build writes them."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sitebuild import OUTPUTS, SITE_NAME, SITE_URL, model

from factsite.model import Fact
from factsite.render import StreamedFile
from factsite.render.datasets import FACTS_CSV, FACTS_JSON, TIMELINE_JSON, generate_datasets, published
from factsite.render.siteinfo import SiteInfo

SITE = SiteInfo(SITE_URL, SITE_NAME)
STREAMED = (FACTS_JSON, FACTS_CSV, TIMELINE_JSON)


def streamed(facts: list[Fact]) -> dict[str, StreamedFile]:
    files = {file.src_uri: file for file in generate_datasets(facts, SITE) if isinstance(file, StreamedFile)}
    assert sorted(files) == sorted(STREAMED)
    return files


def whole_json(text: str) -> str:
    """The document as one ``json.dumps`` call writes it."""
    return json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


def whole_csv(text: str) -> str:
    """The rows as one writer writes them in one go."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerows(csv.reader(io.StringIO(text)))
    return out.getvalue()


@pytest.mark.parametrize("count", [0, 1, 3, None])
def test_pieces_join_to_the_whole_document(count: int | None) -> None:
    facts = model(OUTPUTS)
    files = streamed(facts if count is None else published(facts)[:count])
    for src_uri, file in files.items():
        parts = list(file.parts())
        assert "".join(parts) == file.content, src_uri
        whole = whole_csv(file.content) if src_uri == FACTS_CSV else whole_json(file.content)
        assert file.content == whole, src_uri


def test_a_piece_holds_one_record_of_json() -> None:
    facts = published(model(OUTPUTS))
    assert len(facts) > 1
    for src_uri in (FACTS_JSON, TIMELINE_JSON):
        parts = list(streamed(facts)[src_uri].parts())
        assert len(parts) == len(facts) + 1, src_uri
        assert all(part.count('\n    {\n      "') <= 1 for part in parts), src_uri


def test_whole_json_check_can_fail() -> None:
    assert whole_json('{"a": [1]}') != '{"a": [\n    1\n]}\n'


def test_csv_comes_in_pieces_of_rows() -> None:
    from factsite.render.datasets import _csv_parts

    facts = published(model(OUTPUTS))
    parts = list(_csv_parts(facts, SITE, rows=2))
    assert len(parts) == len(facts) // 2 + 1
    assert "".join(parts) == streamed(facts)[FACTS_CSV].content


def test_the_build_writes_the_streamed_bytes(tmp_path_factory: pytest.TempPathFactory) -> None:
    from sitebuild import outputs_site

    site: Path = outputs_site(tmp_path_factory)
    for src_uri, file in streamed(model(OUTPUTS)).items():
        assert (site / src_uri).read_bytes() == file.content.encode("utf-8"), src_uri


def test_a_packed_download_goes_to_the_spool_a_piece_at_a_time(tmp_path: Path) -> None:
    """MkDocs holds every file to the end: a large download is packed into the spool as its pieces come."""
    from mkdocs.config import load_config

    from factsite.mkdocsadapter.files import PackedFile, PageSpool

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(f"site_name: {SITE_NAME}\n", encoding="utf-8")
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    config.plugins._current_plugin = "facts"  # as while the hook's on_files runs
    pieces = [f"{hashlib.sha256(str(index).encode()).hexdigest()} ёж\n" for index in range(5000)]
    spooled_before_the_end: list[int] = []

    def parts() -> Iterator[str]:
        start = PageSpool.current()._end
        yield from pieces
        spooled_before_the_end.append(PageSpool.current()._end - start)

    large = PackedFile.of(config, "large.txt", StreamedFile("large.txt", parts))
    small = PackedFile.of(config, "small.txt", StreamedFile("small.txt", lambda: iter(["tiny"])))
    assert spooled_before_the_end[0] > 64 * 1024, "packed pieces were written while later ones were still to come"
    assert isinstance(large._held, tuple) and isinstance(small._held, bytes)
    assert large.content_string == "".join(pieces) and small.content_string == "tiny"
    large.copy_file()
    assert Path(large.abs_dest_path).read_text(encoding="utf-8") == "".join(pieces)
