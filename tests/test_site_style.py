"""The verdict colours meet WCAG 2.1 AA (4.5:1 for normal text) in both colour schemes.

The badge text is bold but small, so the normal-text threshold applies. Backgrounds are
Material's: white in the light scheme, hsl(225deg 15% 14%) in the dark ("slate") one.
"""

from __future__ import annotations

import colorsys
import re
from pathlib import Path

import pytest

from factsite.schema import verdict_scale

CSS = Path(__file__).resolve().parent.parent / "docs" / "assets" / "facts.css"
LIGHT_BACKGROUND = (255, 255, 255)
DARK_BACKGROUND = tuple(round(c * 255) for c in colorsys.hls_to_rgb(225 / 360, 0.14, 0.15))
AA_NORMAL_TEXT = 4.5


def luminance(rgb: tuple[int, ...]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def verdict_colours(dark: bool) -> dict[str, tuple[int, ...]]:
    prefix = r'\[data-md-color-scheme="slate"\] ' if dark else r"^"
    pattern = prefix + r"\.fs-verdict--([a-z-]+) \{ --fs-verdict: #([0-9a-f]{6}); \}"
    found = re.findall(pattern, CSS.read_text(encoding="utf-8"), flags=re.M)
    return {name: tuple(int(hex_[i : i + 2], 16) for i in (0, 2, 4)) for name, hex_ in found}


def test_contrast_formula_matches_known_values() -> None:
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast((0x76, 0x76, 0x76), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)
    assert DARK_BACKGROUND == (30, 33, 41)


@pytest.mark.parametrize(("dark", "background"), [(False, LIGHT_BACKGROUND), (True, DARK_BACKGROUND)])
def test_every_verdict_has_an_aa_colour_in_each_scheme(dark: bool, background: tuple[int, ...]) -> None:
    colours = verdict_colours(dark)
    assert sorted(colours) == sorted([*(v.id for v in verdict_scale()), "event"])  # events: a neutral badge
    for name, colour in colours.items():
        ratio = contrast(colour, background)
        assert ratio >= AA_NORMAL_TEXT, f"{name}: {ratio:.2f}:1"
