"""Generated files as MkDocs takes them: held compressed, and told whether a ``--dirty`` build must write them."""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from factsite.render import GeneratedFile


class TrackedFile(File):
    """A file whose `is_modified` (asked only by ``--dirty`` builds) is decided by the hook."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


class PackedFile(TrackedFile):
    """A generated file held compressed until it is written: `prefix`, then the packed `body`.

    A page's file is never copied (its `HtmlPage` is written instead); its content is
    there for any plugin that reads the source, as it would be for a Markdown file.
    """

    prefix = ""
    packed = b""

    @classmethod
    def of(cls, config: MkDocsConfig, src_uri: str, body: str | GeneratedFile, prefix: str = "") -> PackedFile:
        file = cast(PackedFile, cls.generated(config, src_uri, content=b""))  # MkDocs needs content; `packed` holds it
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
