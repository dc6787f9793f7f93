"""ClaimReview JSON-LD for a claim's page, and the rest of an entry's ``<head>``: social cards and feeds.

One published claim = one page = one ClaimReview (schema.org, following Google's
fact-check guidelines). The markup is built from the same `Fact` as the visible page,
so the rating text, the claim and the URL cannot disagree with what readers see.
Events carry none: the guidelines keep the markup for a specific claim someone made.
Withdrawn claims carry none either: their verdict no longer stands.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import escape

from factsite import i18n
from factsite.model import Claimant, Fact
from factsite.render.cards import HEIGHT, WIDTH, card_path
from factsite.render.feeds import tag_feed_link
from factsite.render.siteinfo import SiteInfo, first_published, last_modified
from factsite.schema import verdict_scale

CLAIM_REVIEWED_MAX = 75
"""Google: "Try to keep this less than 75 characters"; the schema limits claim_short to it."""

OG_LOCALES = {"en": "en_GB", "ru": "ru_RU"}
"""Open Graph's ``language_TERRITORY`` of each edition (the English text is British)."""

_JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def claim_reviewed(fact: Fact) -> str:
    """``claim_short`` when given, else the claim as worded (never a machine-cut quote)."""
    assert fact.headline_claim is not None, "only claims are reviewed"
    return fact.headline_claim


def rating_range() -> tuple[int, int]:
    """(worst, best) ordinal values of the rating scale, read from the schema."""
    ordinals = [v.ordinal for v in verdict_scale() if v.ordinal is not None]
    return min(ordinals), max(ordinals)


def claim_review(fact: Fact, site: SiteInfo) -> dict[str, Any]:
    """The ClaimReview of the claim `fact` as a JSON-LD object, in the edition being rendered:
    its language is ``inLanguage``, and the rating's name is the verdict's in that language.

    Dates are written at the precision the entry knows ("2022-09" stays a month), and an
    undated appearance has no ``datePublished`` rather than one borrowed from elsewhere.
    """
    assert fact.verdict is not None and fact.appearance is not None and fact.claimant is not None, fact.id
    url = site.page(fact.src_uri)
    code = i18n.active().code
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": fact.verdict.in_language(code).label}
    if fact.verdict.ordinal is not None:
        worst, best = rating_range()
        rating |= {"ratingValue": fact.verdict.ordinal, "bestRating": best, "worstRating": worst}
    appearance: dict[str, Any] = {
        "@type": "CreativeWork",
        "url": fact.appearance.url,
        "publisher": {"@type": "Organization", "name": fact.appearance.publisher},
    }
    claim: dict[str, Any] = {"@type": "Claim", "author": claimant(fact.claimant)}
    if fact.appearance.date is not None:
        appearance["datePublished"] = claim["datePublished"] = fact.appearance.date.iso()
    if fact.appearance.title:
        appearance["headline"] = fact.appearance.title
    claim["appearance"] = appearance
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "@id": f"{url}#claim-review",
        "url": url,
        "name": fact.title,
        "claimReviewed": claim_reviewed(fact),
        "reviewBody": fact.conclusion,
        "datePublished": first_published(fact).isoformat(),
        "dateModified": last_modified(fact).isoformat(),
        "inLanguage": code,
        "author": {"@type": "Organization", "name": site.name, "url": site.url},
        "itemReviewed": claim,
        "reviewRating": rating,
    }


def claimant(who: Claimant) -> dict[str, Any]:
    """Who made the claim, from the structured claimant alone, never from prose.

    A Person when the claimant's actor is a person, or when a role is given (a role is a
    person's ``jobTitle``); otherwise an Organization. The actor's Wikidata item, when
    known, is its ``sameAs``.
    """
    found: dict[str, Any] = {"@type": "Person" if who.is_person else "Organization", "name": who.name}
    if who.role and who.is_person:
        found["jobTitle"] = who.role
    if who.actor is not None and who.actor.wikidata:
        found["sameAs"] = f"https://www.wikidata.org/wiki/{who.actor.wikidata}"
    return found


def json_for_script(data: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>`` or ``&`` can end the element.

    The characters are written as ``\\u`` escapes, which every JSON parser reads back
    unchanged; U+2028 and U+2029 are escaped too, for older JavaScript parsers.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_JSON_ESCAPES)


def fact_head(fact: Fact, site: SiteInfo, tag_feeds: dict[str, str]) -> str:
    """The extra ``<head>`` of a fact page: ClaimReview, Open Graph, Twitter card, tag feeds.

    `tag_feeds` maps a tag id to the site path of its Atom feed.
    """
    url = site.page(fact.src_uri)
    description = fact.description
    meta = [
        ("property", "og:type", "article"),
        ("property", "og:site_name", site.name),
        ("property", "og:title", fact.title),
        ("property", "og:description", description),
        ("property", "og:url", url),
        ("property", "og:locale", OG_LOCALES.get(i18n.active().code, i18n.active().code)),
        ("property", "article:published_time", first_published(fact).isoformat()),
        ("property", "article:modified_time", last_modified(fact).isoformat()),
        *(("property", "article:tag", tag.label) for tag in fact.tags),
        ("property", "og:image", site.file(card_path(fact))),
        ("property", "og:image:width", str(WIDTH)),
        ("property", "og:image:height", str(HEIGHT)),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", fact.title),
        ("name", "twitter:description", description),
        ("name", "twitter:image", site.file(card_path(fact))),
    ]
    # escape() of each value, not Markup.format: the same bytes, made several times faster (a head per page).
    lines = [f'<meta {attr}="{key}" content="{escape(value)}">' for attr, key, value in meta]
    lines += [str(tag_feed_link(tag, site)) for tag in fact.tags if tag.id in tag_feeds]
    if fact.is_published and fact.is_claim:
        lines.append(f'<script type="application/ld+json">\n{json_for_script(claim_review(fact, site))}\n</script>')
    return "\n".join(lines) + "\n"
