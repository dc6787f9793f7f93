"""Generated files as MkDocs takes them: held compressed, and told whether a ``--dirty`` build must write them."""

from __future__ import annotations

import functools
import itertools
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from factsite.render import GeneratedFile
from factsite.spool import CAN_SPOOL, Spool


class TrackedFile(File):
    """A file whose `is_modified` (asked only by ``--dirty`` builds) is decided by the hook."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


class PageSpool(Spool):
    """The generated files of one build: MkDocs reads every page before it writes any, so
    whatever a page holds is held for every page at once. Started anew by each build of
    the first edition (`restart`); a forked edition build spools into its own."""

    _current: Spool | None = None


_SPOOL_FROM = 512
"""Packed data of fewer bytes stays in memory: the spool's bookkeeping would cost as much."""

Held = bytes | tuple[Spool, int, int]
"""Bytes as a generated file holds them: in memory when short (`_SPOOL_FROM`), else where they are in the spool."""


def hold(data: bytes) -> Held:
    return PageSpool.current().put(data) if CAN_SPOOL and len(data) >= _SPOOL_FROM else data


def unhold(held: Held) -> bytes:
    if isinstance(held, bytes):
        return held
    spool, offset, length = held
    return spool.get(offset, length)


def unhold_pieces(held: Held, size: int) -> Iterator[bytes]:
    """`unhold` a piece of `size` bytes at a time, never the whole of a spooled file at once."""
    if isinstance(held, bytes):
        view = memoryview(held)
        for start in range(0, len(view), size):
            yield bytes(view[start : start + size])
    else:
        spool, offset, length = held
        yield from spool.pieces(offset, length, size)


@dataclass(frozen=True)
class Destination:
    """Where a build puts its generated files, and who made them: one, shared by every `PackedFile` of the build."""

    dest_dir: str
    use_directory_urls: bool
    generated_by: str

    @classmethod
    def of(cls, config: MkDocsConfig) -> Destination:
        return _destination(config.site_dir, config.use_directory_urls, config.plugins._current_plugin or "<unknown>")


@functools.lru_cache(maxsize=8)
def _destination(dest_dir: str, use_directory_urls: bool, generated_by: str) -> Destination:
    return Destination(dest_dir, use_directory_urls, generated_by)


class PackedFile(TrackedFile):
    """A generated file held compressed until it is written: `prefix`, then the packed `body`.

    The packed bytes wait in this process's `PageSpool`, not in memory. A page's file is never
    copied (its `HtmlPage` is written instead); its content is there for any plugin that
    reads the source, as it would be for a Markdown file.

    A build holds every one of these to its end (two per entry at 100,000 entries), so each
    is lean: slots, no attribute dict, and its `Destination` shared. What MkDocs caches on a
    file (destination, URL, absolute path, name) is worked out each time it is asked, from
    `src_uri`, as MkDocs works it out.
    """

    __slots__ = ("_held", "_to", "changed", "page", "prefix", "src_uri")
    src_dir = None
    abs_src_path = None  # generated: no source file
    _held: Held

    def __init__(self, src_uri: str, to: Destination) -> None:  # not File's, which fills an attribute dict
        self.src_uri, self._to = src_uri, to
        self.page, self.changed, self.prefix, self._held = None, True, "", b""

    @property
    def dest_dir(self) -> str:  # type: ignore[override]
        return self._to.dest_dir

    @property
    def use_directory_urls(self) -> bool:  # type: ignore[override]
        return self._to.use_directory_urls

    @property
    def generated_by(self) -> str:  # type: ignore[override]
        return self._to.generated_by

    @property
    def name(self) -> str:  # type: ignore[override]
        return self._get_stem()

    @property
    def dest_uri(self) -> str:  # type: ignore[override]
        return self._get_dest_path()

    @property
    def url(self) -> str:  # type: ignore[override]
        return self._get_url()

    @property
    def abs_dest_path(self) -> str:
        return os.path.normpath(os.path.join(self.dest_dir, self.dest_uri))

    @property
    def packed(self) -> bytes:
        return unhold(self._held)

    @packed.setter
    def packed(self, value: bytes) -> None:
        self._held = hold(value)

    @classmethod
    def of(cls, config: MkDocsConfig, src_uri: str, body: str | GeneratedFile, prefix: str = "") -> Self:
        file = cls(src_uri, Destination.of(config))
        file.prefix = prefix
        if isinstance(body, str):
            file.packed = pack(body)
        else:
            file._held = _packed_parts(body.parts())
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
        # Read and unpacked a piece at a time: at 100,000 entries facts.json is 650 MB, and
        # reading its packed bytes whole raised the build's memory by some 200 MB.
        with path.open("wb") as out:
            out.write(self.prefix.encode("utf-8"))
            unpacker = zlib.decompressobj()
            for piece in unhold_pieces(self._held, _PIECE):
                out.write(unpacker.decompress(piece))
            out.write(unpacker.flush())


_PIECE = 1 << 18
"""Bytes of packed data unpacked at a time when a file is written."""


def pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), 1)


def _packed_parts(parts: Iterable[str]) -> Held:
    """`pack` of the joined `parts` as a `PackedFile` holds it, never holding them joined:
    past `_SPOOL_FROM` bytes, packed pieces go to the spool as they come."""
    chunks = _packed_chunks(parts)
    head = b""
    for chunk in chunks:
        head += chunk
        if CAN_SPOOL and len(head) >= _SPOOL_FROM:
            return PageSpool.current().put_parts(itertools.chain((head,), chunks))
    return head


def _packed_chunks(parts: Iterable[str]) -> Iterator[bytes]:
    packer = zlib.compressobj(1)
    for part in parts:
        chunk = packer.compress(part.encode("utf-8"))
        if chunk:
            yield chunk
    yield packer.flush()


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
