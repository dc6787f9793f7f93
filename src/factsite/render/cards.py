"""Social cards: the 1200×630 PNG a shared link shows, one per entry and one for the site.

An entry's card shows the claim as said (or an event's title), the verdict badge (or
"Event", or "Withdrawn") and the site name, so a shared link carries the verdict. Cards
are drawn at build time with Pillow, in Noto Sans from the ``fontpkg-noto-sans``
package: nothing is downloaded, and the same text gives the same bytes (PNG without
time stamps). Icons the font lacks (✓, ✗, ≈, ◆) are drawn as shapes.

Drawing a card costs milliseconds, which thousands of entries turn into most of a
build, so each card carries a hash of everything drawn on it (`Card.key`), and a build
takes the published card whose hash matches instead of drawing it again (`cardfiles`).
"""

from __future__ import annotations

import functools
import hashlib
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import fontpkg_noto_sans
from PIL import Image, ImageDraw, ImageFont, PngImagePlugin

from factsite.i18n import _, ngettext
from factsite.model import Fact
from factsite.render.markup import day_text
from factsite.render.siteinfo import SiteInfo

WIDTH, HEIGHT = 1200, 630
CARD_DIR = "assets/cards"
SITE_CARD = f"{CARD_DIR}/site.png"
FONT = Path(fontpkg_noto_sans.ROOT) / "files" / "NotoSans[wdth,wght].ttf"
KEY_CHUNK = "factsite-card"
VERSION = "1"
"""Part of every cache key: change it when the drawing changes."""

BACKGROUND = "#ffffff"
TEXT = "#1f2329"
MUTED = "#53575e"
SITE_COLOUR = "#303fa1"
COLOURS = {
    "accurate": "#1b5e20",
    "mostly-accurate": "#33691e",
    "needs-context": "#8a4b00",
    "inaccurate": "#b71c1c",
    "unverified": "#455a64",
    "not-checkable": "#455a64",
    "event": "#3949ab",
    "withdrawn": "#53575e",
}
"""The light scheme's badge colours (docs/assets/facts.css; a test keeps them equal)."""

MARGIN = 72
ACCENT = 20
TEXT_TOP, TEXT_BOTTOM = 268, 590
SIZES = (60, 54, 48, 42, 38, 34, 30)
"""Claim text sizes, largest first: the largest at which the whole text fits."""


@dataclass(frozen=True, slots=True)
class Card:
    """What one card shows."""

    text: str
    badge: str
    """The verdict's label, "Event", "Withdrawn", or "" for the site card."""
    kind: str
    """A key of `COLOURS`, or "" for the site card."""
    kicker: str
    site_name: str

    def key(self) -> str:
        """A hash of everything drawn, the drawing's version and the font's, for the cache."""
        parts = (VERSION, _font_version(), self.text, self.badge, self.kind, self.kicker, self.site_name)
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


@functools.cache
def _font_version() -> str:
    """The font file's size, as part of each card's key: a new release of the font draws the cards anew."""
    return str(FONT.stat().st_size)


def fact_card(fact: Fact, site_name: str) -> Card:
    """The card of `fact`: a claim with its verdict, an event, or a withdrawn entry, in the edition being rendered."""
    if fact.withdrawal is not None:
        badge, kind = _("Withdrawn"), "withdrawn"
    elif fact.verdict:
        badge, kind = fact.verdict.label, fact.verdict.id
    else:
        badge, kind = _("Event"), "event"
    text = fact.headline_claim if fact.is_claim and fact.headline_claim else fact.title
    when = fact.date.display()
    # Marked text stays outside f-strings, where the catalogue's extractor cannot see it.
    kicker = _("Fact check") + f" · {when}" if fact.verdict else when
    return Card(text=text, badge=badge, kind=kind, kicker=kicker, site_name=site_name)


def site_card(site_name: str, description: str, facts: int, latest: str) -> Card:
    entries = ngettext("%(num)d entry", "%(num)d entries", facts) % {"num": facts}
    updated = _("updated %(date)s") % {"date": latest}
    kicker = f"{entries} · {updated}" if latest else ""
    return Card(text=description, badge="", kind="", kicker=kicker, site_name=site_name)


@functools.cache
def _font(size: int, weight: int) -> ImageFont.FreeTypeFont:
    font = ImageFont.truetype(str(FONT), size)
    font.set_variation_by_axes([weight, 100])
    return font


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if line and font.getlength(candidate) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        if line:
            lines.append(line)
    return lines


def _fit(text: str, width: int, height: int) -> tuple[ImageFont.FreeTypeFont, list[str], int]:
    """The largest size at which `text` fits the box; at the smallest, the lines that fit, the last ending in "…"."""
    for size in SIZES:
        font = _font(size, 700)
        lines = _wrap(text, font, width)
        step = round(size * 1.22)
        if len(lines) * step <= height:
            return font, lines, step
    room = height // step
    kept = lines[:room]
    if len(lines) > room:
        last = kept[-1]
        while last and font.getlength(last + " …") > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        kept[-1] = last + " …"
    return font, kept, step


def _icon(draw: ImageDraw.ImageDraw, kind: str, x: float, y: float, size: float, colour: int) -> float:
    """Draw the badge icon with its box's top left at (x, y); return its width."""
    s = size
    w = round(s * 0.13)
    if kind == "accurate":
        draw.line([(x, y + s * 0.55), (x + s * 0.35, y + s * 0.88), (x + s * 0.95, y + s * 0.15)], colour, w, "curve")
    elif kind == "inaccurate":
        draw.line([(x + s * 0.1, y + s * 0.15), (x + s * 0.85, y + s * 0.9)], colour, w)
        draw.line([(x + s * 0.85, y + s * 0.15), (x + s * 0.1, y + s * 0.9)], colour, w)
    elif kind == "mostly-accurate":
        for top in (0.38, 0.7):
            wave = [(x + s * i / 12, y + s * (top - 0.08 * _sine(i / 12))) for i in range(13)]
            draw.line(wave, colour, w, "curve")
    elif kind == "event":
        draw.polygon(
            [
                (x + s * 0.5, y + s * 0.1),
                (x + s * 0.92, y + s * 0.52),
                (x + s * 0.5, y + s * 0.94),
                (x + s * 0.08, y + s * 0.52),
            ],
            fill=colour,
        )
    else:
        glyph = {"needs-context": "!", "unverified": "?", "not-checkable": "–", "withdrawn": "–"}.get(kind, "•")
        font = _font(round(s), 800)
        draw.text((x + s * 0.1, y - s * 0.18), glyph, font=font, fill=colour)
        return font.getlength(glyph) + s * 0.1
    return s


def _sine(t: float) -> float:
    """A wave for "≈", from a fixed table so that no floating-point library differs between machines."""
    table = (0, 0.5, 0.87, 1, 0.87, 0.5, 0, -0.5, -0.87, -1, -0.87, -0.5, 0)
    return table[round(t * 12)]


def draw_card(card: Card) -> bytes:
    """The card as PNG bytes.

    Each part has one colour and its own band of the card, so everything is drawn once as
    coverage (greyscale) and each band is then mapped onto a 16-step ramp from the
    background to its colour: a palette image, which PNG encodes several times faster
    and smaller than full colour, with the same antialiased edges.
    """
    mask = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(mask)
    colour = COLOURS.get(card.kind, SITE_COLOUR)
    draw.rectangle([0, 0, ACCENT - 1, HEIGHT], fill=255)
    mask.paste(_site_name(card.site_name), (0, 0))
    if card.kicker:
        draw.text((MARGIN, 104), card.kicker, font=_font(28, 500), fill=255)
    bands = [
        ((0, 0, ACCENT, HEIGHT), colour),
        ((ACCENT, 0, WIDTH, 100), SITE_COLOUR),
        ((ACCENT, 100, WIDTH, 150), MUTED),
    ]
    if card.badge:
        mask.paste(_badge(card.kind, card.badge), (0, 150))
        bands.append(((ACCENT, 150, WIDTH, 256), colour))
        text_top = TEXT_TOP
    else:
        text_top = 180
    bands.append(((ACCENT, bands[-1][0][3] if card.badge else 150, WIDTH, HEIGHT), TEXT))
    font, lines, step = _fit(card.text, WIDTH - MARGIN * 2, TEXT_BOTTOM - text_top)
    for number, line in enumerate(lines):
        draw.text((MARGIN, text_top + number * step), line, font=font, fill=255)
    image = Image.new("P", (WIDTH, HEIGHT), 0)
    palette = list(_rgb(BACKGROUND))
    for index, (box, band_colour) in enumerate(bands):
        base = 1 + index * _STEPS
        palette += [value for step in range(1, _STEPS + 1) for value in _blend(band_colour, step / _STEPS)]
        ramp = [0] + [base + (coverage * _STEPS - 1) // 256 for coverage in range(1, 256)]
        image.paste(mask.crop(box).point(ramp), box[:2])
    image.putpalette(palette)
    info = PngImagePlugin.PngInfo()
    info.add_text(KEY_CHUNK, card.key())  # lets a later build reuse the published card (CardCache)
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=3, pnginfo=info)
    return out.getvalue()


_STEPS = 16


@functools.cache
def _site_name(name: str) -> Image.Image:
    """The top band with the site name, drawn once per build: every card has it."""
    band = Image.new("L", (WIDTH, 100), 0)
    ImageDraw.Draw(band).text((MARGIN, 52), name, font=_font(34, 700), fill=255)
    band.paste(255, (0, 0, ACCENT, 100))
    return band


@functools.cache
def _badge(kind: str, text: str) -> Image.Image:
    """The band with a verdict's badge (rows 150 to 256 of the card), drawn once per verdict."""
    band = Image.new("L", (WIDTH, 106), 0)
    draw = ImageDraw.Draw(band)
    band.paste(255, (0, 0, ACCENT, 106))
    label = _font(50, 800)
    left, top, height = MARGIN, 12, 82
    icon_size = 40
    width = 30 + icon_size + 18 + label.getlength(text) + 34
    draw.rounded_rectangle([left, top, left + width, top + height], radius=height // 2, outline=255, width=5)
    icon_width = _icon(draw, kind, left + 30, top + (height - icon_size) / 2, icon_size, 255)
    draw.text((left + 30 + icon_width + 18, top + height / 2), text, font=label, fill=255, anchor="lm")
    return band


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _blend(colour: str, share: float) -> tuple[int, ...]:
    """`colour` laid over the background at `share` opacity."""
    return tuple(round(b + (c - b) * share) for b, c in zip(_rgb(BACKGROUND), _rgb(colour), strict=True))


def card_path(fact: Fact) -> str:
    return f"{CARD_DIR}/{fact.id}.png"


def all_cards(facts: Sequence[Fact], site: SiteInfo) -> Iterator[tuple[str, Card]]:
    """(site path, card) of the site card and every entry's card, one at a time.

    Each `Card` holds all its text, written here in the edition being rendered: the other
    processes that draw cards (`CardJob`) never need to know the edition.
    """
    published = [fact for fact in facts if fact.is_published]
    latest = max((fact.checked for fact in published), default=None)
    yield SITE_CARD, site_card(site.name, site.description, len(published), day_text(latest) if latest else "")
    for fact in facts:
        yield card_path(fact), fact_card(fact, site.name)
