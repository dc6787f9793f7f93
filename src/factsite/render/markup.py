"""The small pieces of markup that every listing repeats: dates, verdict and event badges.

They are Python functions rather than Jinja macros because a build calls them tens of
thousands of times, and a macro call costs many times a function call. Templates get
them as globals; every value is escaped (``escape``; f-strings cost a fraction of
``Markup.format``).
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup, escape

from factsite.dates import PartialDate
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


def verdict_badge(verdict: Verdict) -> Markup:
    label = escape(verdict.label)
    return Markup(f'<span class="fs-verdict fs-verdict--{escape(verdict.id)}">{verdict_icon(verdict)} {label}</span>')


def verdict_link(verdict: Verdict, href: str) -> Markup:
    title = f"What “{verdict.label}” means on our rating scale"
    return Markup(
        f'<a class="fs-verdict-link" href="{escape(href)}" title="{escape(title)}">{verdict_badge(verdict)}</a>'
    )


EVENT_ICON = "◆"


def event_badge(label: str = "Event") -> Markup:
    """What an event shows where a claim shows its verdict: the word, never colour alone."""
    icon = f'<span class="fs-kind__icon" aria-hidden="true">{EVENT_ICON}</span>'
    return Markup(f'<span class="fs-kind fs-kind--event">{icon} {escape(label)}</span>')


def entry_badge(fact: Fact) -> Markup:
    """A claim's verdict badge, or an event's badge."""
    return verdict_badge(fact.verdict) if fact.verdict is not None else event_badge()


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


GLOBALS = {
    "entry_badge": entry_badge,
    "event_badge": event_badge,
    "verdict_icon": verdict_icon,
    "verdict_badge": verdict_badge,
    "verdict_link": verdict_link,
    "date_tag": date_tag,
    "day_tag": day_tag,
    "fact_dates": fact_dates,
}
