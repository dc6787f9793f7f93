"""Social cards: the 1200×630 PNG a shared link shows, one per entry and one for the site.

An entry's card shows the claim as said (or an event's title), the verdict badge (or
"Event", or "Withdrawn") and the site name, so a shared link carries the verdict. Cards
are drawn at build time with Pillow, in Noto Sans from the ``fontpkg-noto-sans``
package: nothing is downloaded, and the same text gives the same bytes (PNG without
time stamps). Icons the font lacks (✓, ✗, ≈, ◆) are drawn as shapes.

Drawing a card costs milliseconds, which thousands of entries turn into most of a
build, so each card carries a hash of everything drawn on it and `CardCache` takes
the published card whose hash matches: a rebuild, and every ``serve`` reload, draws
only the cards whose text changed.
"""

from __future__ import annotations

import functools
import hashlib
import io
import multiprocessing
import os
import posixpath
import shutil
import signal
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import fontpkg_noto_sans
from PIL import Image, ImageDraw, ImageFont, PngImagePlugin

from factsite.i18n import _, ngettext
from factsite.model import Fact
from factsite.render import BinaryFile
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


class CardCache:
    """Cards drawn before: in memory (``serve`` rebuilds), and the cards of the last published build.

    Each card carries its key in a PNG text chunk, so a card of the site already published
    (`previous`, its ``assets/cards`` folder) is taken as it is when its key matches; nothing
    is written outside the site being built.
    """

    def __init__(self, previous: Path | None = None, *, seed: Path | None = None, remember: bool = True) -> None:
        self.previous = previous
        self.seed = seed
        """Looked in after `previous`: under ``serve``, whose own folder starts empty, the cards
        of the site ``mkdocs build`` published, so its first build draws only what changed since."""
        self.remember = remember
        """Keep every card drawn here in memory (``serve``); a build reads the published ones when needed."""
        self._memory: dict[str, bytes] = {}

    def get(self, card: Card, name: str = "") -> bytes:
        """The PNG of `card`, published under file `name` (in `CARD_DIR`)."""
        key = card.key()
        data = self.lookup(key, name)
        if data is None:
            data = draw_card(card)
            self.store(key, data)
        return data

    def find(self, key: str, name: str = "") -> bytes | Path | None:
        """The card whose `Card.key` is `key` if it was drawn before: its bytes (in memory) or
        its published file, else None."""
        if key in self._memory:
            return self._memory[key]
        for folder in (self.previous, self.seed):
            if folder is not None and name and _key_of(folder / name) == key:
                return folder / name
        return None

    def lookup(self, key: str, name: str = "", *, keep: bool = True) -> bytes | None:
        """The PNG of the card whose `Card.key` is `key` if it was drawn before, else None."""
        found = self.find(key, name)
        data = found.read_bytes() if isinstance(found, Path) else found
        if data is not None and keep:
            self.store(key, data)
        return data

    def store(self, key: str, data: bytes) -> None:
        if self.remember:
            self._memory[key] = data

    @staticmethod
    def place(found: bytes | Path, target: Path) -> None:
        """Put the card `find` found at `target`, as a new file.

        A published card becomes a second name of that file (a hard link): at 100,000
        entries a build reuses 200,000 cards, and copying their bytes took about a minute.
        Where the system cannot link (another file system), the bytes are copied. Every
        card is written as a new file (`write_new`), so a card drawn anew later never
        changes the published file it was linked to.
        """
        if isinstance(found, bytes):
            write_new(target, found)
        elif found != target:  # (serve) a card of the last rebuild is already in place
            temporary = _temporary(target)
            try:
                os.link(found, temporary)
            except OSError:
                shutil.copyfile(found, temporary)
            os.replace(temporary, target)


def _key_of(path: Path) -> str | None:
    """The key a card file carries, read from its header: None for a missing or damaged file."""
    try:
        with Image.open(path) as image:
            found = image.info.get(KEY_CHUNK)
    except (OSError, ValueError):
        return None
    return found if isinstance(found, str) else None


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.part")


def write_new(path: Path, data: bytes) -> None:
    """Write `data` at `path` as a new file, in one step: a half-written card is never seen,
    and a file that `path` named before, perhaps a published card (`CardCache.place`), keeps its bytes."""
    temporary = _temporary(path)
    temporary.write_bytes(data)
    os.replace(temporary, path)


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


def generate_cards(facts: Sequence[Fact], site: SiteInfo, cache: CardCache | None = None) -> Iterator[BinaryFile]:
    """Every entry's card and the site card, as files at `card_path` and `SITE_CARD`, drawn here and now."""
    get = (cache or CardCache()).get
    for path, card in all_cards(facts, site):
        yield BinaryFile(path, get(card, posixpath.basename(path)))


POOL_FROM = 200
"""Cards to draw from which `CardJob` draws in other processes; fewer are drawn in this one."""

CHUNK = 64
"""Cards sent to another process at a time."""

CHUNK_IN_BACKGROUND = 4
"""`CHUNK` while the server answers: stopping the drawing (`stop_drawing`) waits for the
cards each process has in hand, at about 10 ms a card."""


def _leave_interrupts_to_the_server() -> None:
    """Ctrl-C reaches every process of the terminal's group: ``serve`` stops its drawers itself
    (`stop_drawing`), which then finish the cards in hand, with no traceback of their own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _draw_to(card: Card, path: str) -> None:
    """Draw `card` into file `path` (in a worker process: its bytes never travel back)."""
    write_new(Path(path), draw_card(card))


class CardJob:
    """Every card written into the site being built: the published ones reused, the rest drawn.

    On a machine with more than one core, the build runs in one process and thousands of
    cards are drawn in others, started from a fresh interpreter ("spawn", so they do not
    carry a copy of the build's memory), each writing its card straight into the site:
    the build holds no card while it writes its pages (`start_cards`).

    Under ``serve`` (`background`), the build does not wait for them: the pages are served
    while the cards are drawn, and the next rebuild, or the server's end, stops the drawing
    (`stop_drawing`) and the next build draws what is still missing.
    """

    def __init__(
        self, cards: Iterable[tuple[str, Card]], cache: CardCache, out: Path, workers: int, *, background: bool = False
    ) -> None:
        self._out = out
        self._background = background
        self._paths: list[str] = []
        """Every card's path in the site, in order."""
        self._drawn_before: list[tuple[str, bytes | Path]] = []
        """(path, what `CardCache.find` found) of each card drawn before, put in place by
        `finish`: a file or a few cards' bytes, never the cards themselves (at 100,000
        entries the cards' texts held to the end took about 100 MB an edition)."""
        self._cache = cache
        todo: list[tuple[Card, str]] = []
        for path, card in cards:
            self._paths.append(path)
            found = cache.find(card.key(), posixpath.basename(path))
            if found is None:
                todo.append((card, str(out / path)))
            else:
                self._drawn_before.append((path, found))
        self._pool: ProcessPoolExecutor | None = None
        self._drawn: Iterator[None] = iter(())
        self._todo: list[tuple[Card, str]] = []
        (out / CARD_DIR).mkdir(parents=True, exist_ok=True)
        if workers > 0 and len(todo) >= POOL_FROM:
            context = multiprocessing.get_context("spawn")
            # A build that is interrupted ends its drawers with it; a server stops them itself.
            quiet = _leave_interrupts_to_the_server if background else None
            self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=quiet)
            if background:
                _DRAWING.append(self)
            cards_, paths = zip(*todo, strict=True)
            del todo  # the pool holds each card until it is drawn, and no longer
            chunk = CHUNK_IN_BACKGROUND if background else CHUNK
            self._drawn = self._pool.map(_draw_to, cards_, paths, chunksize=chunk)
            del cards_, paths
        else:
            self._todo = todo  # few: drawn in `finish`

    def finish(self) -> None:
        """Put the cards drawn before in place, draw the few left here, and wait for the other
        processes, or under ``serve`` leave them drawing (`stop_drawing`)."""
        try:
            for path, found in self._drawn_before:
                self._cache.place(found, self._out / path)
            for card, destination in self._todo:
                data = draw_card(card)
                self._cache.store(card.key(), data)
                write_new(Path(destination), data)
            if not self._background:
                for _ in self._drawn:  # raises a worker's error here
                    pass
            self._remove_stale()
        except BaseException:
            self.cancel()
            raise
        if not self._background:
            self.cancel()

    def _remove_stale(self) -> None:
        """Remove the cards of entries that are gone: a fresh site has none, but ``serve --dirty``
        rebuilds into the last site, where a renamed or deleted entry's card would linger."""
        wanted = {posixpath.basename(path) for path in self._paths}
        for card in sorted((self._out / CARD_DIR).glob("*.png")):
            if card.name not in wanted:
                card.unlink()

    def cancel(self) -> None:
        """Stop drawing: the cards the other processes have in hand are finished, the rest are not started."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self in _DRAWING:
            _DRAWING.remove(self)


_DRAWING: list[CardJob] = []
"""The ``serve`` builds' jobs that are drawing cards in other processes, every edition's."""


def stop_drawing() -> None:
    """Stop the cards ``serve`` is drawing: before the next build starts, and when the server stops."""
    while _DRAWING:
        _DRAWING[-1].cancel()


def start_cards(
    facts: Sequence[Fact], site: SiteInfo, cache: CardCache, out: Path, *, background: bool = False
) -> CardJob:
    """Start drawing every card that `cache` lacks into site folder `out`, on every core but the build's."""
    workers = (os.cpu_count() or 1) - 1
    return CardJob(all_cards(facts, site), cache, out, workers, background=background)
