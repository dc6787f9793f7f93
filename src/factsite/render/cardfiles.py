"""The social cards as files of the site: those drawn before reused, the rest drawn beside the build.

A card carries its key (`Card.key`, in a PNG text chunk), so the card of the site already
published is taken as it is when its key matches (`CardCache`), as a second name of the
same file. The rest are drawn in other processes while the build writes its pages
(`CardJob`); under ``serve`` the pages are served before the drawing ends. Every card is
written as a new file (`write_new`).
"""

from __future__ import annotations

import multiprocessing
import os
import posixpath
import shutil
import signal
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import Image

from factsite.model import Fact
from factsite.render import BinaryFile
from factsite.render.cards import CARD_DIR, KEY_CHUNK, Card, all_cards, draw_card
from factsite.render.siteinfo import SiteInfo


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
        """The PNG of `card`, published under file `name` (in `CARD_DIR`): drawn before, or drawn now."""
        key = card.key()
        found = self.find(key, name)
        data = found.read_bytes() if isinstance(found, Path) else found
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


def _serve_drawer() -> None:
    """Set up a process that draws cards behind ``serve``. Ctrl-C reaches every process of the
    terminal's group, and the server stops its drawers itself (`stop_drawing`), which then
    finish the cards in hand with no traceback of their own. A server ended otherwise (a
    SIGTERM) never stops them, so each also ends once its server is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    server = os.getppid()

    def end_with_the_server() -> None:
        while os.getppid() == server:
            time.sleep(ORPHAN_CHECK_S)
        os._exit(0)

    threading.Thread(target=end_with_the_server, name="end-with-the-server", daemon=True).start()


ORPHAN_CHECK_S = 1.0
"""How often a drawer behind ``serve`` checks that its server is still there."""


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
            setup = _serve_drawer if background else None
            self._pool = ProcessPoolExecutor(workers, mp_context=context, initializer=setup)
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
