"""The cards as files of the site: the published ones reused, as the same files; the rest drawn
beside the build, in other processes, and under ``serve`` behind the served pages."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import TODAY, mkdocs_build
from mkdocs.config import load_config
from PIL import Image, PngImagePlugin
from sitecase import site_catalog
from test_cards import picture

from factsite.mkdocsadapter import hook
from factsite.render import cardfiles, cards
from factsite.render.cardfiles import CardCache, generate_cards
from factsite.render.cards import fact_card
from factsite.render.siteinfo import SiteInfo

SITE = SiteInfo()


def test_a_build_reuses_the_published_card_only_when_its_key_matches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = fact_card(site_catalog().by_id["1992-04-08--relations"], SITE.name)
    drawn = CardCache().get(card, "x.png")
    assert picture(drawn).info["factsite-card"] == card.key()
    (tmp_path / "x.png").write_bytes(drawn)  # the last build's published card
    monkeypatch.setattr(cardfiles, "draw_card", lambda card: pytest.fail("drew a published card again"))
    assert CardCache(tmp_path).get(card, "x.png") == drawn
    changed = dataclasses.replace(card, text="Another claim")
    with pytest.raises(pytest.fail.Exception):
        CardCache(tmp_path).get(changed, "x.png")  # a changed text is drawn anew
    (tmp_path / "y.png").write_bytes(b"not a png")
    with pytest.raises(pytest.fail.Exception):
        CardCache(tmp_path).get(card, "y.png")  # a damaged file is never published again


def _cards_in(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*.png")}


@pytest.mark.parametrize("pool_from", [1, 10_000])
def test_a_build_writes_the_same_cards_drawn_here_in_other_processes_or_copied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pool_from: int
) -> None:
    """The build draws many cards in other processes (CardJob), a few in its own: the same files either way."""
    facts = site_catalog().facts
    here = {f.src_uri: f.data for f in generate_cards(facts, SITE)}
    monkeypatch.setattr(cardfiles, "POOL_FROM", pool_from)
    out = tmp_path / "site"
    job = cardfiles.CardJob(cards.all_cards(facts, SITE), CardCache(remember=False), out, workers=1)
    assert (job._pool is not None) == (pool_from == 1)
    job.finish()
    assert job._pool is None, "the processes are stopped once every card is written"
    written = _cards_in(out)
    assert written == here
    # The next build takes the published cards: nothing is drawn again.
    monkeypatch.setattr(cardfiles, "draw_card", lambda card: pytest.fail("drew a published card again"))
    again = tmp_path / "again"
    cardfiles.CardJob(cards.all_cards(facts, SITE), CardCache(out / cards.CARD_DIR), again, workers=1).finish()
    assert _cards_in(again) == here


@pytest.mark.parametrize("can_link", [True, False])
def test_a_build_reuses_a_published_card_as_the_same_file_or_a_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, can_link: bool
) -> None:
    """A build (which keeps no card in memory) gives a published card a second name in the new
    site instead of copying its bytes; where the system cannot link, it copies them."""
    facts = site_catalog().facts[:3]
    published = tmp_path / "published"
    cardfiles.CardJob(cards.all_cards(facts, SITE), CardCache(remember=False), published, workers=0).finish()
    monkeypatch.setattr(cardfiles, "draw_card", lambda card: pytest.fail("drew a published card again"))
    if not can_link:

        def refuse(source: Path, target: Path) -> None:
            raise OSError(18, "Invalid cross-device link")

        monkeypatch.setattr(cardfiles.os, "link", refuse)
    site = tmp_path / "site"
    cache = CardCache(published / cards.CARD_DIR, remember=False)
    cardfiles.CardJob(cards.all_cards(facts, SITE), cache, site, workers=0).finish()
    names = sorted(path.name for path in (published / cards.CARD_DIR).glob("*.png"))
    assert names == sorted(path.name for path in (site / cards.CARD_DIR).glob("*.png"))
    assert len(names) == 4  # the site card and one per entry
    for name in names:
        old, new = published / cards.CARD_DIR / name, site / cards.CARD_DIR / name
        assert new.read_bytes() == old.read_bytes()
        assert new.samefile(old) == can_link


def test_serve_links_the_built_site_s_cards_and_a_redrawn_card_never_changes_them(tmp_path: Path) -> None:
    """``serve`` builds into a folder of its own: its first build takes the cards of the site
    ``mkdocs build`` wrote (`CardCache.seed`) as second names of the same files, and a card
    drawn anew there is a new file, so the built site keeps its bytes."""
    facts = site_catalog().facts[:3]
    built = tmp_path / "site"
    cardfiles.CardJob(cards.all_cards(facts, SITE), CardCache(remember=False), built, workers=0).finish()
    published = _cards_in(built / cards.CARD_DIR)
    served = tmp_path / "served"
    cache = CardCache(served / cards.CARD_DIR, seed=built / cards.CARD_DIR)
    cardfiles.CardJob(cards.all_cards(facts, SITE), cache, served, workers=0, background=True).finish()
    for name in published:
        assert (served / cards.CARD_DIR / name).samefile(built / cards.CARD_DIR / name), name
    assert cache._memory == {}, "a linked card is not held in memory"
    edited = dataclasses.replace(SITE, description="Edited while serving")  # a new site card, the same others
    cardfiles.CardJob(cards.all_cards(facts, edited), cache, served, workers=0, background=True).finish()
    name = "site.png"
    redrawn = served / cards.CARD_DIR / name
    assert not redrawn.samefile(built / cards.CARD_DIR / name)
    assert redrawn.read_bytes() != published[name]
    assert _cards_in(built / cards.CARD_DIR) == published
    assert sorted(path.name for path in (served / cards.CARD_DIR).iterdir()) == sorted(published), "no part files"


@pytest.fixture
def drawing_stopped() -> Iterator[None]:
    """Whatever a test leaves drawing is stopped: the interpreter would otherwise wait for it at exit."""
    yield
    cardfiles.stop_drawing()


def _wait_for_a_card(folder: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not any(folder.glob("*.png")):
        assert time.monotonic() < deadline, "no card was drawn"
        time.sleep(0.05)


def test_under_serve_the_pages_are_served_while_the_cards_are_drawn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, drawing_stopped: None
) -> None:
    """A ``serve`` build leaves its other processes drawing (`stop_drawing` stops them before the
    next build); that build draws only what is still missing, and the cards are whole."""
    facts = site_catalog().facts
    here = {f.src_uri: f.data for f in generate_cards(facts, SITE)}
    monkeypatch.setattr(cardfiles, "POOL_FROM", 1)
    out = tmp_path / "served"
    cache = CardCache(out / cards.CARD_DIR)
    job = cardfiles.CardJob(cards.all_cards(facts, SITE), cache, out, workers=1, background=True)
    assert job._pool is not None

    def never_awaited() -> Iterator[None]:
        pytest.fail("the build waited for the cards")
        yield

    job._drawn = never_awaited()
    job.finish()
    assert [job] == cardfiles._DRAWING
    _wait_for_a_card(out / cards.CARD_DIR)  # the other process draws on after the build
    cardfiles.stop_drawing()
    assert cardfiles._DRAWING == [] and job._pool is None
    drawn_behind = _cards_in(out)
    assert drawn_behind and all(here[path] == data for path, data in drawn_behind.items())
    drawn_next: list[str] = []
    draw = cardfiles.draw_card
    monkeypatch.setattr(cardfiles, "draw_card", lambda card: drawn_next.append(card.key()) or draw(card))
    cardfiles.CardJob(cards.all_cards(facts, SITE), cache, out, workers=0).finish()
    assert len(drawn_next) == len(here) - len(drawn_behind), "the next build draws only what is missing"
    assert _cards_in(out) == here


ORPHAN = """
import os, sys, time
from pathlib import Path
sys.path.insert(0, {tests!r})
from sitecase import site_catalog
from mkdocs.config import load_config

from factsite.mkdocsadapter import hook
from factsite.render import cardfiles, cards
from factsite.render.siteinfo import SiteInfo
cardfiles.POOL_FROM = 1
facts = site_catalog().facts * 40  # enough cards to outlive this process
out = Path({out!r})
job = cardfiles.CardJob(cards.all_cards(facts, SiteInfo()), cardfiles.CardCache(), out, workers=1, background=True)
job.finish()
while not any((out / cards.CARD_DIR).glob("*.png")):
    time.sleep(0.05)
Path({pids!r}).write_text(" ".join(str(pid) for pid in job._pool._processes))
os._exit(0)  # as a SIGTERM ends mkdocs serve: no on_shutdown, no stop_drawing
"""


def test_a_server_that_is_killed_leaves_no_drawer_behind(tmp_path: Path) -> None:
    """The drawers behind ``serve`` ignore Ctrl-C (the server stops them), so each also ends by
    itself once its server is gone: a server ended by SIGTERM stops nothing."""
    pids = tmp_path / "drawers"
    code = ORPHAN.format(tests=str(Path(__file__).parent), out=str(tmp_path / "served"), pids=str(pids))
    with (tmp_path / "server.log").open("wb") as log:  # not a pipe, which a drawer left behind would hold open
        server = subprocess.run([sys.executable, "-c", code], stdout=log, stderr=log, timeout=120, check=False)
    assert server.returncode == 0, (tmp_path / "server.log").read_text()
    drawers = [int(pid) for pid in pids.read_text().split()]
    assert drawers
    deadline = time.monotonic() + 10 * cardfiles.ORPHAN_CHECK_S
    try:
        while alive := [pid for pid in drawers if Path(f"/proc/{pid}").exists()]:
            assert time.monotonic() < deadline, f"drawers {alive} outlived their server"
            time.sleep(0.1)
    finally:
        for pid in [pid for pid in drawers if Path(f"/proc/{pid}").exists()]:
            os.kill(pid, signal.SIGKILL)


def test_serve_finds_the_built_site_where_the_configuration_puts_it(tmp_path: Path) -> None:
    """``serve`` replaces ``site_dir`` with its own folder; the built site is read from the
    file, with MkDocs' loader (``INHERIT``, ``!ENV``)."""
    (tmp_path / "base.yml").write_text("site_name: Facts\nsite_dir: !ENV [NO_SUCH_VARIABLE, public]\n")
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\n")
    (tmp_path / "docs").mkdir()
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "served"))
    assert Path(config.site_dir) == tmp_path / "served"
    assert hook._built_site_dir(config) == tmp_path / "public"
    (tmp_path / "mkdocs.yml").write_text("site_name: Facts\n")
    assert hook._built_site_dir(config) == tmp_path / "site"


def test_both_editions_reuse_their_published_cards(project_copy: Path, tmp_path: Path) -> None:
    """A rebuild takes each edition's published card whose key matches, the Russian ones too
    (the Russian edition builds into a staging folder: its published cards are elsewhere),
    and so does ``serve``, whose folder is its own, from the site ``mkdocs build`` wrote."""
    site = project_copy / "site"
    assert mkdocs_build(project_copy, site).returncode == 0
    marked = {}
    for edition in (site, site / "ru"):
        path = sorted((edition / cards.CARD_DIR).glob("2*.png"))[0]
        with Image.open(path) as image:
            key = image.info[cards.KEY_CHUNK]
            copy = image.copy()
        copy.putpixel((600, 600), 1)  # a published card that differs from what a redraw would give
        info = PngImagePlugin.PngInfo()
        info.add_text(cards.KEY_CHUNK, key)
        copy.save(path, format="PNG", pnginfo=info)
        marked[path.relative_to(site)] = path.read_bytes()
    result = mkdocs_build(project_copy, site)
    assert result.returncode == 0, result.stderr
    for relative, data in marked.items():
        assert (site / relative).read_bytes() == data, f"{relative} was drawn again"
    served = tmp_path / "served"
    script = Path(__file__).with_name("serve_builds.py")
    env = {**os.environ, "FACTSITE_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(
        [sys.executable, str(script), str(project_copy), str(served)],
        cwd=project_copy,
        env=env,
        input="",  # one build, then stop
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.stdout.split() == ["built"], run.stderr
    for edition in ("", "ru/"):
        names = sorted(path.name for path in (site / edition / cards.CARD_DIR).glob("*.png"))
        assert len(names) > 40
        for name in names:
            card = f"{edition}{cards.CARD_DIR}/{name}"
            assert (served / card).samefile(site / card), f"serve drew {card} again"
