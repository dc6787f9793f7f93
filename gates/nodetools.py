"""Where the gate finds its Node tools and browser, so each failure says how to install what is missing.

The Node tools are pinned in the repository's ``package-lock.json`` and installed into
``node_modules/`` by ``make install`` (``npm ci``); the browser is the system's Chromium.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path


class ToolMissing(RuntimeError):
    """A tool the gate needs is not installed; the message says how to install it."""


@dataclass(frozen=True)
class NodeTools:
    """The Node tools installed under `root` (the folder holding ``package-lock.json``)."""

    root: Path

    @property
    def vnu_jar(self) -> Path:
        return self._installed(self.root / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar")

    @property
    def lighthouse(self) -> Path:
        return self._installed(self.root / "node_modules" / ".bin" / "lighthouse")

    @property
    def ajv(self) -> Path:
        """ajv-cli, which checks the published JSON Schemas in strict mode (with ajv-formats beside it)."""
        return self._installed(self.root / "node_modules" / ".bin" / "ajv")

    def _installed(self, path: Path) -> Path:
        if not path.exists():
            raise ToolMissing(f"{path} is missing: run `make install` (npm ci from package-lock.json) in {self.root}")
        return path


def java() -> str:
    """The ``java`` command (11 or later runs vnu.jar)."""
    found = shutil.which("java")
    if not found:
        raise ToolMissing(
            "java is missing: the HTML check needs Java 11 or later "
            "(`apt-get install --no-install-recommends openjdk-17-jre-headless`, which `make test` does as root)"
        )
    return found


CHROMIUM_FLAGS = (
    "--no-sandbox",  # we run as root in CI; Chromium refuses to start sandboxed as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # no update or safe-browsing requests on a closed network
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)
"""How every checker starts Chromium: Lighthouse, axe and the browser tests, the benchmark."""


def chromium() -> str:
    """The system Chromium: ``CHROME_PATH`` if set, else ``chromium`` on the PATH."""
    found = os.environ.get("CHROME_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found or not Path(found).exists():
        raise ToolMissing(
            "Chromium is missing: install Debian's chromium (`apt-get install --no-install-recommends chromium`, "
            "which `make test` does as root) or set CHROME_PATH to a Chromium binary"
        )
    return found
