"""ClaimReview JSON-LD on claim pages: one per published claim, valid, and saying what the page says; none on events."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import CASES, TODAY, CliRunner, write
from sitebuild import OUTPUTS, REPO, SITE_NAME, SITE_URL, model, outputs_site, page, repository_site

from factsite.model import Fact
from factsite.render.claimreview import claim_review, json_for_script
from factsite.render.siteinfo import SiteInfo
from factsite.schema import verdict_scale

HOSTILE = "2022-09-05--hostile-text"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return outputs_site(tmp_path_factory)


def reviews(site: Path, fact_id: str) -> list[dict[str, Any]]:
    found = [json.loads(text) for text in page(site, fact_id).json_ld]
    return [item for item in found if item.get("@type") == "ClaimReview"]


def assert_review_matches_page(site: Path, fact: Fact, site_url: str) -> None:
    shown = page(site, fact.id)
    assert len(shown.json_ld) == 1, f"{fact.id}: expected exactly one JSON-LD block"
    review = json.loads(shown.json_ld[0])
    url = f"{site_url}facts/{fact.id}/"
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["url"] == shown.canonical == url
    assert review["claimReviewed"] == (fact.claim_short or fact.claim)
    assert review["claimReviewed"] and "Accurate" not in review["claimReviewed"].split()
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating"
    assert shown.verdicts, "the page shows a verdict"
    assert set(shown.verdicts) == {rating["alternateName"]}, "every verdict badge on the page says the same"
    assert rating["alternateName"] == fact.verdict.label
    ordinal = fact.verdict.ordinal
    if ordinal is None:
        assert not {"ratingValue", "bestRating", "worstRating"} & rating.keys()
    else:
        assert rating["worstRating"] <= rating["ratingValue"] == ordinal <= rating["bestRating"]
        assert rating["worstRating"] >= 1 and rating["bestRating"] > rating["worstRating"]
    assert review["author"] == {"@type": "Organization", "name": SITE_NAME, "url": site_url}
    assert review["datePublished"] <= review["dateModified"]
    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert claim["author"]["name"] == fact.claimant.name
    assert claim["author"]["@type"] in ("Person", "Organization")
    assert claim["appearance"]["url"] == fact.appearance.url
    if fact.appearance.date is None:
        assert "datePublished" not in claim and "datePublished" not in claim["appearance"]
    else:
        assert claim["datePublished"] == claim["appearance"]["datePublished"] == fact.appearance.date.iso()


def assert_event_page_has_no_verdict(site: Path, fact: Fact) -> None:
    shown = page(site, fact.id)
    assert shown.json_ld == [], f"{fact.id}: an event carries no ClaimReview"
    assert shown.verdicts == [], f"{fact.id}: an event shows no verdict badge"
    assert "fs-kind--event" in (site / "facts" / fact.id / "index.html").read_text(encoding="utf-8")


def test_every_published_claim_page_has_one_claimreview_and_no_event_page_has_one(site: Path) -> None:
    facts = [fact for fact in model(OUTPUTS) if fact.is_published]
    assert sorted(fact.kind for fact in facts) == ["claim", "claim", "claim", "claim", "event"]
    for fact in facts:
        if fact.is_claim:
            assert_review_matches_page(site, fact, SITE_URL)
        else:
            assert_event_page_has_no_verdict(site, fact)


def test_repository_fact_pages_have_one_claimreview_matching_the_page(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    built = repository_site(tmp_path_factory)
    facts = [fact for fact in model(REPO) if fact.is_published]
    assert any(fact.is_claim for fact in facts) and any(fact.is_event for fact in facts)
    for fact in facts:
        if fact.is_claim:
            assert_review_matches_page(built, fact, SITE_URL)
        else:
            assert_event_page_has_no_verdict(built, fact)


def test_withdrawn_fact_and_other_pages_carry_no_claimreview(site: Path) -> None:
    assert page(site, "2023--withdrawn").json_ld == []
    for other in ("timeline", "data", "rating-scale"):
        assert "application/ld+json" not in (site / other / "index.html").read_text(encoding="utf-8")


def test_short_claim_is_used_and_fits(site: Path) -> None:
    (review,) = reviews(site, "1992-04-08--relations")
    assert review["claimReviewed"] == "The two countries mark 30 years of diplomatic relations in 2022"
    assert len(review["claimReviewed"]) <= 75
    assert review["datePublished"] == "2026-11-20" and review["dateModified"] == "2026-11-27"
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Accurate",
        "ratingValue": 4,
        "bestRating": 4,
        "worstRating": 1,
    }
    assert review["itemReviewed"]["appearance"]["headline"] == "Ministers to meet"


def test_claimant_who_is_an_actor_is_typed_and_linked(site: Path) -> None:
    (review,) = reviews(site, "2022-09--schools")
    assert review["itemReviewed"]["author"] == {
        "@type": "Person",
        "name": "Ana Example",
        "jobTitle": "minister of education",
        "sameAs": "https://www.wikidata.org/wiki/Q4115189",
    }
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Unverified"}


def test_script_in_text_cannot_break_out_of_the_json_ld(site: Path) -> None:
    html = (site / "facts" / HOSTILE / "index.html").read_text(encoding="utf-8")
    benign = (site / "facts" / "1992-04-08--relations" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    assert page(site, HOSTILE).scripts == page(site, "1992-04-08--relations").scripts, "no script element added"
    assert html.count("</script>") == benign.count("</script>")
    (block,) = page(site, HOSTILE).json_ld
    assert "<" not in block and ">" not in block and "&" not in block
    review = json.loads(block)
    assert review["name"] == '+Script </script><script>alert(1)</script> & "quotes"'
    assert review["claimReviewed"] == "=1+1 </script><script>alert(1)</script> & more"
    assert review["itemReviewed"]["appearance"]["headline"] == "</script><!-- & -->"


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "a\u2028b\u2029c", "<!-- & -->", "ü “x”"])
def test_json_for_script_escapes_and_round_trips(text: str) -> None:
    encoded = json_for_script({"t": text})
    assert not set("<>&\u2028\u2029") & set(encoded)
    assert json.loads(encoded) == {"t": text}


def test_ordinal_values_come_from_the_schema(site: Path) -> None:
    fact = next(f for f in model(OUTPUTS) if f.id == "1992-04-08--relations")
    ordinals = [v.ordinal for v in verdict_scale() if v.ordinal is not None]
    rating = claim_review(fact, SiteInfo(SITE_URL))["reviewRating"]
    assert (rating["worstRating"], rating["bestRating"]) == (min(ordinals), max(ordinals))


def test_fact_page_has_open_graph_and_twitter_card(site: Path) -> None:
    shown = page(site, "1992-04-08--relations")
    url = f"{SITE_URL}facts/1992-04-08--relations/"
    assert shown.meta["og:url"] == [url]
    assert shown.meta["og:type"] == ["article"]
    assert shown.meta["og:title"] == ["Diplomatic relations are established"]
    description = "Accurate: The protocol was signed on 8 April 1992, so 2022 was the 30th anniversary."
    assert shown.meta["og:description"] == [description]
    assert shown.meta["twitter:card"] == ["summary_large_image"]
    assert (
        shown.meta["og:image"] == shown.meta["twitter:image"] == [f"{SITE_URL}assets/cards/1992-04-08--relations.png"]
    )
    assert shown.meta["twitter:description"] == [description]
    hostile = page(site, HOSTILE)
    assert hostile.meta["og:title"] == ['+Script </script><script>alert(1)</script> & "quotes"']


@pytest.mark.parametrize(("length", "short", "warned"), [(75, False, False), (76, False, True), (76, True, False)])
def test_claim_short_rule_warns_only_for_long_claims_without_a_short_form(
    run_cli: CliRunner, tmp_path: Path, length: int, short: bool, warned: bool
) -> None:
    case = CASES / "invalid" / "claim-short"
    text = (case / "facts" / "1992-04-08--relations.yml").read_text(encoding="utf-8")
    claim = "x" * length
    lines = [f"claim: {claim}" if line.startswith("claim:") else line for line in text.splitlines()]
    if short:
        lines.insert(4, "claim_short: A short form of the claim")
    write(tmp_path / "facts" / "1992-04-08--relations.yml", "\n".join(lines) + "\n")
    shutil.copytree(CASES / "vocab", tmp_path / "vocab")
    code, output = run_cli("check", "--root", tmp_path, "--today", TODAY.isoformat())
    assert code == 0, output
    assert ("[claim-short]" in output) is warned


def test_claimant_type_comes_from_its_fields_never_from_prose() -> None:
    from factsite.model import Claimant
    from factsite.render.claimreview import claimant
    from factsite.vocab import Term

    person = Term("ana", "Ana Example", "A minister.", kind="person", wikidata="Q4115189")
    ministry = Term("ministry", "The Ministry", "A ministry.", kind="institution")
    assert claimant(Claimant("Ana Example", actor=person)) == {
        "@type": "Person",
        "name": "Ana Example",
        "sameAs": "https://www.wikidata.org/wiki/Q4115189",
    }
    assert claimant(Claimant("Ana Example", role="spokesperson")) == {
        "@type": "Person",
        "name": "Ana Example",
        "jobTitle": "spokesperson",
    }
    # The actor's kind decides over a role: an institution's "role" is no job title.
    assert claimant(Claimant("The Ministry", role="the press office", actor=ministry)) == {
        "@type": "Organization",
        "name": "The Ministry",
    }
    # A name that reads like a person's is not guessed at.
    assert claimant(Claimant("Ana Example, spokesperson of the ministry")) == {
        "@type": "Organization",
        "name": "Ana Example, spokesperson of the ministry",
    }


def test_undated_appearance_has_no_date_in_the_claimreview() -> None:
    import dataclasses

    from factsite.model import Appearance

    fact = next(f for f in model(OUTPUTS) if f.id == "1992-04-08--relations")
    assert fact.appearance is not None
    undated = dataclasses.replace(fact, appearance=dataclasses.replace(fact.appearance, date=None))
    claim = claim_review(undated, SiteInfo(SITE_URL))["itemReviewed"]
    assert "datePublished" not in claim and "datePublished" not in claim["appearance"]
    assert isinstance(undated.appearance, Appearance)
