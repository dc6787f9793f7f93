"""ClaimReview JSON-LD for a fact page, and the rest of its ``<head>``: social cards and feeds.

One published fact = one page = one ClaimReview (schema.org, following Google's
fact-check guidelines). The markup is built from the same `Fact` as the visible page,
so the rating text, the claim and the URL cannot disagree with what readers see.
Withdrawn facts carry no ClaimReview: their verdict no longer stands.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from factsite.model import Fact
from factsite.render.cards import HEIGHT, WIDTH, card_path
from factsite.render.siteinfo import SiteInfo, first_published, last_modified
from factsite.schema import verdict_scale

CLAIM_REVIEWED_MAX = 75
"""Google: "Try to keep this less than 75 characters"; the schema limits claim_short to it."""

_ACTOR_TYPES = {"person": "Person", "organisation": "Organization", "institution": "Organization"}
_JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def claim_reviewed(fact: Fact) -> str:
    """``claim_short`` when given, else the claim as worded (never a machine-cut quote)."""
    return fact.claim_short or fact.claim


def rating_range() -> tuple[int, int]:
    """(worst, best) ordinal values of the rating scale, read from the schema."""
    ordinals = [v.ordinal for v in verdict_scale() if v.ordinal is not None]
    return min(ordinals), max(ordinals)


def claim_review(fact: Fact, site: SiteInfo) -> dict[str, Any]:
    """The ClaimReview of `fact` as a JSON-LD object."""
    url = site.page(fact.src_uri)
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": fact.verdict.label}
    if fact.verdict.ordinal is not None:
        worst, best = rating_range()
        rating |= {"ratingValue": fact.verdict.ordinal, "bestRating": best, "worstRating": worst}
    appearance: dict[str, Any] = {
        "@type": "CreativeWork",
        "url": fact.appearance.url,
        "publisher": {"@type": "Organization", "name": fact.appearance.publisher},
        "datePublished": fact.appearance.date.iso(),
    }
    if fact.appearance.title:
        appearance["headline"] = fact.appearance.title
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
        "inLanguage": "en",
        "author": {"@type": "Organization", "name": site.name, "url": site.url},
        "itemReviewed": {
            "@type": "Claim",
            "author": claimant(fact),
            "datePublished": fact.appearance.date.iso(),
            "appearance": appearance,
        },
        "reviewRating": rating,
    }


def claimant(fact: Fact) -> dict[str, Any]:
    """Who made the claim, typed from the fact's actor whose name the claimant starts with.

    "Maria Zakharova, Russian Foreign Ministry spokesperson" is the person Maria Zakharova;
    "TASS, citing unnamed statements" is the agency TASS. A claimant that names no actor is
    an Organization: the claimants of this site are agencies, ministries and governments,
    and a person is always an actor.
    """
    name = fact.claimant.casefold()
    named = [
        actor
        for actor in fact.actors
        if actor.kind in _ACTOR_TYPES
        and name.startswith(actor.label.casefold())
        and name[len(actor.label) : len(actor.label) + 1] in ("", ",", " ", ";", "(")
    ]
    if named:
        actor = max(named, key=lambda a: len(a.label))
        found: dict[str, Any] = {"@type": _ACTOR_TYPES.get(actor.kind or "", "Organization"), "name": fact.claimant}
        if actor.wikidata:
            found["sameAs"] = f"https://www.wikidata.org/wiki/{actor.wikidata}"
        return found
    return {"@type": "Organization", "name": fact.claimant}


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
        ("property", "og:locale", "en_GB"),
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
    lines = [Markup('<meta {}="{}" content="{}">').format(attr, key, value) for attr, key, value in meta]
    for tag in fact.tags:
        if tag.id in tag_feeds:
            lines.append(
                Markup('<link rel="alternate" type="application/atom+xml" title="{}" href="{}">').format(
                    f"{tag.label}: new and corrected facts", site.file(tag_feeds[tag.id])
                )
            )
    if fact.is_published:
        script = json_for_script(claim_review(fact, site))
        lines.append(Markup('<script type="application/ld+json">\n') + Markup(script) + Markup("\n</script>"))
    return str(Markup("\n").join(lines)) + "\n"
