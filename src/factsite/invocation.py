"""How a contributor can run ``factsite`` from where they are, for hints printed to them.

A hint must work as printed: ``factsite`` is on PATH only inside an activated virtual
environment, so otherwise the hint names the installed script (``.venv/bin/factsite``).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path


def factsite_command(cwd: Path) -> str:
    """``factsite`` when that runs this installation, else its script's path relative to `cwd` when inside it."""
    script = Path(sys.executable).parent / "factsite"
    if not script.is_file():
        return "factsite"
    found = shutil.which("factsite")
    if found and os.path.samefile(found, script):
        return "factsite"
    return shown_path(script, cwd)


def shown_path(path: Path, cwd: Path) -> str:
    """`path` relative to `cwd` when inside it or one level up (``../.venv/bin/factsite``), else absolute."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute, os.path.abspath(cwd))
    return absolute if relative.startswith(os.path.join(os.pardir, os.pardir)) else Path(relative).as_posix()
