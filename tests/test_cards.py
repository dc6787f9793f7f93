"""Social cards: valid 1200×630 PNGs, the same bytes every time, and named by every page's head
(reused and drawn beside the build: tests/test_cardfiles.py)."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from PIL import Image
from sitebuild import SITE_URL, repository_site
from sitecase import site_catalog
from test_site_style import CSS

from factsite.render import cards
from factsite.render.cardfiles import generate_cards
from factsite.render.cards import COLOURS, HEIGHT, WIDTH, draw_card, fact_card
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
