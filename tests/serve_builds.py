"""``mkdocs serve --dirty``'s builds without its server: one build, then one more per line on stdin.

Each build is made as ``mkdocs serve``'s builder makes it (a fresh configuration, the
serve address as ``site_url``, a dirty build into the same folder), in one process, so
the hook keeps its state between builds as it does while serving. Prints ``built`` or
``failed`` after each build. Used by ``tests/test_buildcache.py``.

    python tests/serve_builds.py PROJECT SITE_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

SERVE_URL = "http://127.0.0.1:8000/"


def main(project: Path, site_dir: Path) -> None:
    def configuration() -> MkDocsConfig:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir))
        config.site_url = SERVE_URL
        return config

    config = configuration()
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        while True:
            try:
                build(config, serve_url=SERVE_URL, dirty=True)
            except Exception as exc:  # serve logs a failed build and goes on serving
                print("failed", type(exc).__name__, flush=True)
            else:
                print("built", flush=True)
            if not sys.stdin.readline():
                return
            config = configuration()
    finally:
        config.plugins.on_shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
