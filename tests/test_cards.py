"""Social cards: valid 1200×630 PNGs, the same bytes every time, cached, and named by every page's head."""

from __future__ import annotations

import dataclasses
import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import TODAY, mkdocs_build
from PIL import Image, PngImagePlugin
from sitebuild import SITE_URL, repository_site
from sitecase import site_catalog
from test_site_style import CSS

from factsite.render import cards
from factsite.render.cards import COLOURS, HEIGHT, WIDTH, CardCache, draw_card, fact_card, generate_cards
from factsite.render.siteinfo import SiteInfo

SITE = SiteInfo()


def picture(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()  # reads every pixel: a truncated or corrupt file fails here
    return image


def test_every_card_is_a_1200_by_630_png_and_the_same_bytes_twice() -> None:
    facts = site_catalog().facts
    first = list(generate_cards(facts, SITE))
    second = list(generate_cards(facts, SITE))
    assert [f.src_uri for f in first] == ["assets/cards/site.png", *(f"assets/cards/{f.id}.png" for f in facts)]
    for one, two in zip(first, second, strict=True):
        assert one.data == two.data, one.src_uri
        image = picture(one.data)
        assert (image.format, image.size) == ("PNG", (WIDTH, HEIGHT)), one.src_uri
        assert len(one.data) < 60_000, "cards stay small"


def test_a_card_shows_the_claim_and_its_verdict_an_event_or_a_withdrawal() -> None:
    catalog = site_catalog()
    claim = fact_card(catalog.by_id["1992-04-08--relations"], SITE.name)
    assert (claim.text, claim.badge, claim.kind) == (
        "The two countries celebrate 30 years of diplomatic relations this year.",
        "Accurate",
        "accurate",
    )
    assert claim.kicker == "Fact check · 8 April 1992" and claim.site_name == SITE.name
    withdrawn = fact_card(catalog.by_id["2022-10--teachers"], SITE.name)
    assert (withdrawn.badge, withdrawn.kind) == ("Withdrawn", "withdrawn"), (
        "a shared link never shows a verdict we took back"
    )
    treaty = catalog.by_id["1992--treaty"]
    as_event = dataclasses.replace(treaty, kind="event", verdict=None, claim=None, claimant=None, summary="Signed.")
    event = fact_card(as_event, SITE.name)
    assert (event.text, event.badge, event.kind) == ("A treaty of friendship is signed", "Event", "event")


def test_each_verdict_draws_a_different_card() -> None:
    fact = site_catalog().by_id["1992-04-08--relations"]
    card = fact_card(fact, SITE.name)
    drawn = {kind: draw_card(dataclasses.replace(card, kind=kind, badge=kind)) for kind in COLOURS}
    assert len(set(drawn.values())) == len(COLOURS)
    # The verdict's colour is on the card: the accent bar at the left edge.
    for kind, data in drawn.items():
        rgb = picture(data).convert("RGB").getpixel((5, HEIGHT // 2))
        assert "#{:02x}{:02x}{:02x}".format(*rgb) == COLOURS[kind], kind


def test_card_colours_are_the_badge_colours_of_the_light_scheme() -> None:
    css = CSS.read_text(encoding="utf-8")
    found = dict(re.findall(r"^\.fs-verdict--([a-z-]+) \{ --fs-verdict: (#[0-9a-f]{6}); \}", css, flags=re.M))
    assert {kind: colour for kind, colour in COLOURS.items() if kind != "withdrawn"} == found


def test_a_long_claim_shrinks_to_fit_and_is_never_cut_when_it_fits(monkeypatch: pytest.MonkeyPatch) -> None:
    card = fact_card(site_catalog().by_id["1992-04-08--relations"], SITE.name)
    words = " ".join(["Tajikistan"] * 25)
    font, lines, _ = cards._fit(words, WIDTH - 2 * cards.MARGIN, cards.TEXT_BOTTOM - cards.TEXT_TOP)
    assert font.size < cards.SIZES[0] and " ".join(lines) == words
    endless = " ".join(["Tajikistan"] * 400)
    _, lines, _ = cards._fit(endless, WIDTH - 2 * cards.MARGIN, cards.TEXT_BOTTOM - cards.TEXT_TOP)
    assert lines[-1].endswith(" …")
    assert picture(draw_card(dataclasses.replace(card, text=endless))).size == (WIDTH, HEIGHT)


def test_a_build_reuses_the_published_card_only_when_its_key_matches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = fact_card(site_catalog().by_id["1992-04-08--relations"], SITE.name)
    drawn = CardCache().get(card, "x.png")
    assert picture(drawn).info["factsite-card"] == card.key()
    (tmp_path / "x.png").write_bytes(drawn)  # the last build's published card
    monkeypatch.setattr(cards, "draw_card", lambda card: pytest.fail("drew a published card again"))
    assert CardCache(tmp_path).get(card, "x.png") == drawn
    changed = dataclasses.replace(card, text="Another claim")
    with pytest.raises(pytest.fail.Exception):
        CardCache(tmp_path).get(changed, "x.png")  # a changed text is drawn anew
    (tmp_path / "y.png").write_bytes(b"not a png")
    with pytest.raises(pytest.fail.Exception):
        CardCache(tmp_path).get(card, "y.png")  # a damaged file is never published again


def test_every_page_has_open_graph_tags_and_its_card_exists(tmp_path_factory: pytest.TempPathFactory) -> None:
    site = repository_site(tmp_path_factory)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    missing = []
    images = set()
    for path in pages:
        text = path.read_text(encoding="utf-8")
        tags = dict(re.findall(r'<meta property="(og:[a-z]+)" content="([^"]*)"', text))
        if not {"og:title", "og:description", "og:url", "og:image"} <= tags.keys() or not all(tags.values()):
            missing.append(str(path.relative_to(site)))
        elif text.count('property="og:title"') != 1:
            missing.append(f"{path.relative_to(site)}: og:title twice")
        else:
            images.add(tags["og:image"])
    assert missing == []
    assert f"{SITE_URL}assets/cards/site.png" in images
    assert len(images) > 40, "fact pages name their own card"
    for url in images:
        assert url.startswith(SITE_URL)
        assert picture((site / url.removeprefix(SITE_URL)).read_bytes()).size == (WIDTH, HEIGHT), url


@pytest.mark.parametrize("pool_from", [1, 10_000])
def test_a_build_writes_the_same_cards_drawn_here_in_other_processes_or_copied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pool_from: int
) -> None:
    """The build draws many cards in other processes (CardJob), a few in its own: the same files either way."""
    facts = site_catalog().facts
    here = {f.src_uri: f.data for f in generate_cards(facts, SITE)}
    monkeypatch.setattr(cards, "POOL_FROM", pool_from)
    out = tmp_path / "site"
    job = cards.CardJob(cards.all_cards(facts, SITE), CardCache(remember=False), out, workers=1)
    assert (job._pool is not None) == (pool_from == 1)
    job.finish()
    assert job._pool is None, "the processes are stopped once every card is written"
    written = {path.relative_to(out).as_posix(): path.read_bytes() for path in out.rglob("*.png")}
    assert written == here
    # The next build takes the published cards: nothing is drawn again.
    monkeypatch.setattr(cards, "draw_card", lambda card: pytest.fail("drew a published card again"))
    again = tmp_path / "again"
    cards.CardJob(cards.all_cards(facts, SITE), CardCache(out / cards.CARD_DIR), again, workers=1).finish()
    assert {path.relative_to(again).as_posix(): path.read_bytes() for path in again.rglob("*.png")} == here


@pytest.mark.parametrize("can_link", [True, False])
def test_a_build_reuses_a_published_card_as_the_same_file_or_a_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, can_link: bool
) -> None:
    """A build (which keeps no card in memory) gives a published card a second name in the new
    site instead of copying its bytes; where the system cannot link, it copies them."""
    facts = site_catalog().facts[:3]
    published = tmp_path / "published"
    cards.CardJob(cards.all_cards(facts, SITE), CardCache(remember=False), published, workers=0).finish()
    monkeypatch.setattr(cards, "draw_card", lambda card: pytest.fail("drew a published card again"))
    if not can_link:

        def refuse(source: Path, target: Path) -> None:
            raise OSError(18, "Invalid cross-device link")

        monkeypatch.setattr(cards.os, "link", refuse)
    site = tmp_path / "site"
    cache = CardCache(published / cards.CARD_DIR, remember=False)
    cards.CardJob(cards.all_cards(facts, SITE), cache, site, workers=0).finish()
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
    cards.CardJob(cards.all_cards(facts, SITE), CardCache(remember=False), built, workers=0).finish()
    published = {path.name: path.read_bytes() for path in (built / cards.CARD_DIR).glob("*.png")}
    served = tmp_path / "served"
    cache = CardCache(served / cards.CARD_DIR, seed=built / cards.CARD_DIR)
    cards.CardJob(cards.all_cards(facts, SITE), cache, served, workers=0, background=True).finish()
    for name in published:
        assert (served / cards.CARD_DIR / name).samefile(built / cards.CARD_DIR / name), name
    assert cache._memory == {}, "a linked card is not held in memory"
    edited = dataclasses.replace(SITE, description="Edited while serving")  # a new site card, the same others
    cards.CardJob(cards.all_cards(facts, edited), cache, served, workers=0, background=True).finish()
    name = "site.png"
    redrawn = served / cards.CARD_DIR / name
    assert not redrawn.samefile(built / cards.CARD_DIR / name)
    assert redrawn.read_bytes() != published[name]
    assert {path.name: path.read_bytes() for path in (built / cards.CARD_DIR).glob("*.png")} == published
    assert sorted(path.name for path in (served / cards.CARD_DIR).iterdir()) == sorted(published), "no part files"


def test_under_serve_the_pages_are_served_while_the_cards_are_drawn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ``serve`` build leaves its other processes drawing (`stop_drawing` stops them before the
    next build); that build draws only what is still missing, and the cards are whole."""
    facts = site_catalog().facts
    here = {f.src_uri: f.data for f in generate_cards(facts, SITE)}
    monkeypatch.setattr(cards, "POOL_FROM", 1)
    out = tmp_path / "served"
    cache = CardCache(out / cards.CARD_DIR)
    job = cards.CardJob(cards.all_cards(facts, SITE), cache, out, workers=1, background=True)
    assert job._pool is not None

    def never_awaited() -> Iterator[None]:
        pytest.fail("the build waited for the cards")
        yield

    job._drawn = never_awaited()
    job.finish()
    assert [job] == cards._DRAWING
    cards.stop_drawing()
    assert cards._DRAWING == [] and job._pool is None
    cards.CardJob(cards.all_cards(facts, SITE), cache, out, workers=0).finish()
    assert {path.relative_to(out).as_posix(): path.read_bytes() for path in out.rglob("*.png")} == here


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
