"""The site's editions: English, and Russian translated by us.

Interface text (headings, labels, notices) is translated with gettext: templates and
renderers mark it with ``_()`` / ``ngettext()``, and ``locale/<code>/LC_MESSAGES/
messages.po`` holds our translation, read with Babel when first needed (no compiled
``.mo`` in the repository, so the ``.po`` is the one copy). Entry text is translated in
the entry files (``translations:``), verdict names in the schema; `factsite.model`
reads those. Dates are written by Babel in each language's own way ("1 сентября
2022 г.").

Rendering happens in one edition at a time, so the edition in use is context, like a
locale: `using` sets it for a block of work (one MkDocs build), and every ``_()``
reads it. A thread that renders (social cards) is handed the edition explicitly.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).with_name("locale")


@dataclass(frozen=True)
class Language:
    """One edition of the site."""

    code: str
    """The BCP 47 tag: ``en``, ``ru``."""
    name: str
    """The language's name in itself, as the language switch shows it."""
    prefix: str
    """Where the edition lives below the site's address: ``""`` or ``"ru/"``."""

    @property
    def is_default(self) -> bool:
        return self.prefix == ""

    @property
    def translations(self) -> NullTranslations:
        return _translations(self.code)

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def date(self, year: int, month: int | None = None, day: int | None = None) -> str:
        """A date at its own precision, as the language writes it: "1 September 2022",
        "1 сентября 2022 г.", "сентябрь 2022 г.", "2022"."""
        return _date(self.code, self.day_format, year, month, day)

    @property
    def day_format(self) -> str:
        """Babel's name or pattern for a day: English keeps the site's day-first style."""
        return "d MMMM y" if self.code == "en" else "long"

    def language_name(self, code: str) -> str:
        """The name of language `code` in this language ("ru" → "Russian", "русский"), or the code."""
        return _language_name(self.code, code)


ENGLISH = Language("en", "English", "")
RUSSIAN = Language("ru", "Русский", "ru/")
EDITIONS = (ENGLISH, RUSSIAN)
"""Every edition, the default first."""


def edition(code: str) -> Language:
    """The edition for language `code`."""
    for language in EDITIONS:
        if language.code == code:
            return language
    raise KeyError(f"no {code!r} edition: the site is published in {', '.join(e.code for e in EDITIONS)}")


@functools.cache
def _translations(code: str) -> NullTranslations:
    """The interface text of `code` from its ``.po`` file; English is the source text itself."""
    path = LOCALE_DIR / code / "LC_MESSAGES" / "messages.po"
    if code == "en" or not path.is_file():
        return NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=code)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled)


@functools.lru_cache(maxsize=65536)
def _date(code: str, day_format: str, year: int, month: int | None, day: int | None) -> str:
    """Babel is exact but slow, and a build writes the same few thousand dates many times over."""
    if month is None:
        return str(year)
    if day is None:
        return format_skeleton("yMMMM", dt.date(year, month, 1), locale=code)
    return format_date(dt.date(year, month, day), format=day_format, locale=code)


@functools.cache
def _language_name(locale: str, code: str) -> str:
    names = Locale(locale).languages
    name = names.get(code) or names.get(code.split("-")[0].lower())
    return str(name) if name else code


_ACTIVE: contextvars.ContextVar[Language] = contextvars.ContextVar("factsite_language", default=ENGLISH)


def active() -> Language:
    """The edition being rendered (English outside `using`)."""
    return _ACTIVE.get()


@contextlib.contextmanager
def using(language: Language) -> Iterator[Language]:
    """Render in `language` inside the block."""
    token = _ACTIVE.set(language)
    try:
        yield language
    finally:
        _ACTIVE.reset(token)


def gettext(message: str) -> str:
    """`message` in the active edition's language."""
    return _ACTIVE.get().gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    return _ACTIVE.get().ngettext(singular, plural, n)
