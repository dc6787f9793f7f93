"""Bytes kept in an unnamed temporary file instead of memory, read back by position.

A build holds every fact, and MkDocs every page, from start to end, though each is read
only a few times. At 100,000 entries what they hold is gigabytes; spooled, each holds a
position and a length, and the bytes wait in the file and the system's file cache, which
the system may give back (and which is no process's memory). Reads and writes are by
position (``pread``, ``pwrite``), so threads may share a spool and a forked process
reads what its parent spooled; it writes into a spool of its own (`current`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator

CAN_SPOOL = hasattr(os, "pwrite") and hasattr(os, "pread")
"""False where the system lacks positioned reads and writes: callers then keep their bytes."""


class Spool:
    """One temporary file of spooled bytes; `current` is this process's spool of its kind.

    Each subclass that sets its own ``_current`` is a kind of spool with a life of its own:
    the build's pages are spooled anew for each build (`restart`), the checked facts' long
    texts for as long as the facts are held.
    """

    _current: Spool | None = None

    def __init__(self) -> None:
        self.pid = os.getpid()
        self._file = tempfile.TemporaryFile(prefix="factsite-spool-")  # noqa: SIM115 (lives as long as what it holds)
        self._end = 0

    @classmethod
    def current(cls) -> Spool:
        """This process's spool of this kind (a forked process starts its own)."""
        if cls._current is None or cls._current.pid != os.getpid():
            cls._current = cls()
        return cls._current

    @classmethod
    def restart(cls) -> None:
        """Drop what earlier builds spooled (``serve`` rebuilds in one process): a new build begins."""
        if cls._current is not None and cls._current.pid == os.getpid():
            cls._current._file.close()
        cls._current = None

    def put(self, data: bytes) -> tuple[Spool, int, int]:
        offset = self._end
        os.pwrite(self._file.fileno(), data, offset)
        self._end += len(data)
        return self, offset, len(data)

    def put_parts(self, parts: Iterable[bytes]) -> tuple[Spool, int, int]:
        """`put` of the joined `parts`, written as they come, never held joined."""
        start = self._end
        for data in parts:
            os.pwrite(self._file.fileno(), data, self._end)
            self._end += len(data)
        return self, start, self._end - start

    def get(self, offset: int, length: int) -> bytes:
        return os.pread(self._file.fileno(), length, offset)

    def pieces(self, offset: int, length: int, size: int) -> Iterator[bytes]:
        """`get` a piece of `size` bytes at a time: the data files of a large site are hundreds of MB."""
        for start in range(offset, offset + length, size):
            yield os.pread(self._file.fileno(), min(size, offset + length - start), start)
