"""The small pieces of markup that every listing repeats: dates, verdict and event badges.

They are Python functions rather than Jinja macros because a build calls them tens of
thousands of times, and a macro call costs many times a function call. Templates get
them as globals; every value is escaped (``escape``; f-strings cost a fraction of
``Markup.format``).
"""

from __future__ import annotations

import datetime as dt
import re

from markupsafe import Markup, escape

from factsite.dates import PartialDate
from factsite.i18n import _, active
from factsite.model import Fact
from factsite.schema import Verdict

VERDICT_ICONS = {
    "accurate": "✓",
    "mostly-accurate": "≈",
    "needs-context": "!",
    "inaccurate": "✗",
    "unverified": "?",
    "not-checkable": "–",
}


def verdict_icon(verdict: Verdict) -> Markup:
    icon = escape(VERDICT_ICONS.get(verdict.id, "•"))
    return Markup(f'<span class="fs-verdict__icon" aria-hidden="true">{icon}</span>')


EVENT_ICON = "◆"
"""The mark of an event (an entry with no verdict), beside the word "Event" like a verdict's icon."""


def verdict_badge(verdict: Verdict, size: str = "") -> Markup:
    """The verdict's icon and word in its colour; `size` ``"large"`` for the fact page's verdict card."""
    label = escape(verdict.label)
    large = " fs-verdict--large" if size == "large" else ""
    return Markup(
        f'<span class="fs-verdict fs-verdict--{escape(verdict.id)}{large}">{verdict_icon(verdict)} {label}</span>'
    )


def event_badge(label: str | None = None, size: str = "") -> Markup:
    """What an event shows where a claim shows its verdict: the word and its icon, never colour
    alone, in a neutral square badge, since an event carries no verdict."""
    large = " fs-verdict--large" if size == "large" else ""
    icon = f'<span class="fs-kind__icon" aria-hidden="true">{EVENT_ICON}</span>'
    word = escape(label if label is not None else _("Event"))
    return Markup(f'<span class="fs-kind fs-kind--event fs-verdict--event{large}">{icon} {word}</span>')


def entry_badge(fact: Fact) -> Markup:
    """A claim's verdict badge, or an event's badge."""
    return verdict_badge(fact.verdict) if fact.verdict is not None else event_badge()


def verdict_link(verdict: Verdict, href: str, size: str = "") -> Markup:
    title = _("What %(verdict)s means on our rating scale") % {"verdict": quoted(verdict.label)}
    badge = verdict_badge(verdict, size)
    return Markup(f'<a class="fs-verdict-link" href="{escape(href)}" title="{escape(title)}">{badge}</a>')


def date_tag(date: PartialDate) -> Markup:
    return Markup(f'<time datetime="{escape(date.iso())}">{escape(date.display())}</time>')


def day_text(day: dt.date) -> str:
    return PartialDate(day.year, day.month, day.day).display()


def day_tag(day: dt.date) -> Markup:
    return Markup(f'<time datetime="{escape(day.isoformat())}">{escape(day_text(day))}</time>')


def fact_dates(fact: Fact) -> Markup:
    """The date of `fact`, or its span: ``<time>…</time> – <time>…</time>``."""
    if fact.end_date:
        return Markup(f"{date_tag(fact.date)} – {date_tag(fact.end_date)}")
    return date_tag(fact.date)


_PLACEHOLDER = re.compile(r"headline not recorded|\[our description", re.IGNORECASE)
"""What the research wrote where it did not read a page's title: never shown as if it were one."""


def recorded_title(title: str | None) -> str | None:
    """A page title as recorded, or None when it is empty or our placeholder for a title we did not read."""
    if not title or not title.strip() or _PLACEHOLDER.search(title):
        return None
    return title


def language_name(code: str) -> str:
    """The name of language `code` in the edition's language ("ru" → "Russian", "русский"), or the code."""
    return active().language_name(code)


def quoted(text: str) -> str:
    """`text` in the edition's quotation marks: “…” in English, «…» in Russian."""
    return _("“%(text)s”") % {"text": text}


def source_kind(kind: str) -> str:
    """ "Primary source" or "Secondary source", in the edition's language."""
    return {"primary": _("Primary source"), "secondary": _("Secondary source")}.get(kind, kind)


def english_only() -> Markup:
    """`` lang="en"`` on English text shown in another edition (correction notes, quoted translations)."""
    return Markup(' lang="en"') if active().code != "en" else Markup("")


def in_english(text: str, element: str = "span") -> Markup:
    """English `text` (escaped unless it is markup) marked ``lang="en"`` in another edition, as it is in English."""
    if active().code == "en":
        return escape(text)
    return Markup(f'<{element} lang="en">{escape(text)}</{element}>')


def english_if(fact: Fact, field: str) -> Markup:
    """`` lang="en"`` on a field of `fact` shown in English because it has no translation yet."""
    return Markup(' lang="en"') if field in fact.untranslated else Markup("")


def untranslated_notice(fact: Fact) -> Markup:
    """A visible notice on an entry whose translation is missing or incomplete: never silently English."""
    if not fact.untranslated:
        return Markup("")
    note = escape(_("Part of this entry has not been translated yet and is shown in English."))
    return Markup(f'<p class="fs-untranslated" role="note">{note}</p>')


def entry_claim(fact: Fact) -> tuple[str, str]:
    """(who, what) for a listing: the claimant and the claim as said, or for an event no one and its summary."""
    if fact.claimant is not None:
        return fact.claimant.display, fact.headline_claim or ""
    return "", fact.summary or ""


GLOBALS = {
    "entry_badge": entry_badge,
    "event_badge": event_badge,
    "verdict_icon": verdict_icon,
    "verdict_badge": verdict_badge,
    "recorded_title": recorded_title,
    "language_name": language_name,
    "quoted": quoted,
    "source_kind": source_kind,
    "english_only": english_only,
    "english_if": english_if,
    "in_english": in_english,
    "untranslated_notice": untranslated_notice,
    "verdict_link": verdict_link,
    "date_tag": date_tag,
    "day_tag": day_tag,
    "fact_dates": fact_dates,
}
