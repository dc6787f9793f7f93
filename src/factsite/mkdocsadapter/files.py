"""Generated files as MkDocs takes them: held compressed, and told whether a ``--dirty`` build must write them."""

from __future__ import annotations

import os
import tempfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Self, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from factsite.render import GeneratedFile


class TrackedFile(File):
    """A file whose `is_modified` (asked only by ``--dirty`` builds) is decided by the hook."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


class Spool:
    """Packed bytes kept in an unnamed temporary file instead of memory, read back by position.

    MkDocs reads every page before it writes any, so whatever a generated page holds is
    held for every page at once: at 100,000 entries even packed HTML is hundreds of MB
    per edition. Spooled, a page holds three numbers; the bytes wait in the file (and the
    system's file cache) until the page is written. One spool per process (a forked
    edition build opens its own), started anew by each build of the first edition.
    """

    _current: Spool | None = None

    def __init__(self) -> None:
        self.pid = os.getpid()
        self._file = tempfile.TemporaryFile(prefix="factsite-spool-")  # noqa: SIM115 (lives as long as the build)
        self._end = 0

    @classmethod
    def current(cls) -> Spool:
        """This process's spool."""
        if cls._current is None or cls._current.pid != os.getpid():
            cls._current = Spool()
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

    def get(self, offset: int, length: int) -> bytes:
        return os.pread(self._file.fileno(), length, offset)


_SPOOL_FROM = 512
"""Packed data of fewer bytes stays in memory: the spool's bookkeeping would cost as much."""
_CAN_SPOOL = hasattr(os, "pwrite") and hasattr(os, "pread")


class PackedFile(TrackedFile):
    """A generated file held compressed until it is written: `prefix`, then the packed `body`.

    The packed bytes wait in this process's `Spool`, not in memory. A page's file is never
    copied (its `HtmlPage` is written instead); its content is there for any plugin that
    reads the source, as it would be for a Markdown file.
    """

    prefix = ""
    _held: bytes | tuple[Spool, int, int] = b""

    @property
    def packed(self) -> bytes:
        held = self._held
        if isinstance(held, bytes):
            return held
        spool, offset, length = held
        return spool.get(offset, length)

    @packed.setter
    def packed(self, value: bytes) -> None:
        self._held = Spool.current().put(value) if _CAN_SPOOL and len(value) >= _SPOOL_FROM else value

    @classmethod
    def of(cls, config: MkDocsConfig, src_uri: str, body: str | GeneratedFile, prefix: str = "") -> Self:
        file = cast(Self, cls.generated(config, src_uri, content=b""))  # MkDocs needs content; `packed` holds it
        file.prefix = prefix
        file.packed = pack(body) if isinstance(body, str) else _pack_parts(body.parts())
        return file

    def body(self) -> str:
        return zlib.decompress(self.packed).decode("utf-8")

    @property
    def content_bytes(self) -> bytes:
        return self.prefix.encode("utf-8") + zlib.decompress(self.packed)

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self.prefix, self.packed = "", zlib.compress(value, 1)

    @property
    def content_string(self) -> str:
        return self.prefix + self.body()

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.prefix, self.packed = "", pack(value)

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        path = Path(self.abs_dest_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as out:  # unpacked a piece at a time: data downloads are tens of MB
            out.write(self.prefix.encode("utf-8"))
            unpacker = zlib.decompressobj()
            packed = memoryview(self.packed)
            for start in range(0, len(packed), _PIECE):
                out.write(unpacker.decompress(packed[start : start + _PIECE]))
            out.write(unpacker.flush())


_PIECE = 1 << 18
"""Bytes of packed data unpacked at a time when a file is written."""


def pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 1)


def _pack_parts(parts: Iterable[str]) -> bytes:
    """`pack` of the joined `parts`, never holding them joined."""
    packer = zlib.compressobj(1)
    packed = [packer.compress(part.encode("utf-8")) for part in parts]
    packed.append(packer.flush())
    return b"".join(packed)


def always_built(file: File) -> File:
    """A copy of `file` that every ``--dirty`` build writes (hand-written pages: their page blocks list facts)."""
    copy = TrackedFile(
        file.src_path,
        file.src_dir,
        file.dest_dir,
        file.use_directory_urls,
        dest_uri=file.dest_uri,
        inclusion=file.inclusion,
    )
    copy.generated_by = file.generated_by
    return copy
