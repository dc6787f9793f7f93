"""Which generated outputs changed since the previous build in the same process.

``mkdocs serve`` rebuilds the whole site on every save. With ``--dirty`` MkDocs skips
the pages it is told are unchanged, so the adapter asks this tracker, which compares
each output with the one of the previous successful build by its digest. Anything
outside the outputs that shapes every page (configuration, theme, hand-written pages)
goes into the build's `context`: when that changes, every output counts as changed.
"""

from __future__ import annotations

import hashlib


def _digest(*parts: str) -> bytes:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.digest()


class ChangeTracker:
    """Digests of the outputs of the last successful build, and of the one under way."""

    def __init__(self) -> None:
        self._built: dict[str, bytes] = {}
        self._built_context: bytes | None = None
        self._building: dict[str, bytes] = {}
        self._context: bytes | None = None

    def begin(self, *context: str) -> None:
        """Start a build; outputs of a previous build with another `context` count as changed."""
        self._context = _digest(*context)
        self._building = {}

    def changed(self, key: str, *content: str) -> bool:
        """Record output `key` of this build; whether it differs from the last build's."""
        digest = _digest(*content)
        self._building[key] = digest
        return self._built_context != self._context or self._built.get(key) != digest

    def commit(self) -> list[str]:
        """The build succeeded: remember its outputs. Returns the keys it no longer has, sorted."""
        gone = sorted(set(self._built) - set(self._building))
        self._built, self._built_context = self._building, self._context
        self._building = {}
        return gone

    def stale(self, key: str) -> None:
        """Output `key` was written outside a build (``serve``'s preview): the next build writes it again."""
        if key in self._built:
            self._built[key] = b""  # equals no digest

    def interrupted(self) -> None:
        """The build was cut short by a newer save (``serve``): what it found changed may be half
        written, so it counts as changed next time; the rest is as the last build left it."""
        if self._built_context != self._context:
            self.forget()
            return
        for key, digest in self._building.items():
            if self._built.get(key) != digest:
                self.stale(key)
        self._building = {}

    def forget(self) -> None:
        """The build failed: the next one compares with nothing."""
        self._built, self._built_context, self._building = {}, None, {}
