"""The local server for tests that open the built site (kept for test_browser's import)."""

from factsite.quality.serving import serve

__all__ = ["serve"]
