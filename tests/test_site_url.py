"""The site's address: a warning without FACTSITE_SITE_URL, advice under a sub-path, clear errors for a bad one."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import mkdocs_build
from sitebuild import OUTPUTS, make_project

from factsite.siteconfig import (
    ConfigurationError,
    DataLicense,
    PublisherSettings,
    TaggingEntity,
    check_site_url,
    tagging_from_settings,
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("site-url") / "project", OUTPUTS)


def build(project: Path, site: Path, **env: str) -> tuple[int, str]:
    result = mkdocs_build(project, site, unset=("FACTSITE_SITE_URL", "FACTSITE_REQUIRE_SITE_URL"), NO_COLOR="1", **env)
    return result.returncode, result.stdout + result.stderr


def warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("WARNING")]


def test_a_build_without_the_address_warns_once_naming_the_variable(project: Path, tmp_path: Path) -> None:
    code, output = build(project, tmp_path / "site")
    assert code == 0, output  # a preview: the warning does not fail --strict
    (warning,) = warnings(output)
    assert "FACTSITE_SITE_URL is not set" in warning and "http://127.0.0.1:8000/" in warning
    assert "Set FACTSITE_SITE_URL to the site's public address" in warning
    robots = (tmp_path / "site" / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in robots, "consistent: every address is the preview's"


def test_a_public_address_at_the_host_root_gives_no_warning(project: Path, tmp_path: Path) -> None:
    code, output = build(project, tmp_path / "site", FACTSITE_SITE_URL="https://facts.example.org/")
    assert code == 0, output
    assert warnings(output) == []


def test_under_a_sub_path_the_build_warns_that_robots_txt_goes_unread(project: Path, tmp_path: Path) -> None:
    code, output = build(
        project, tmp_path / "site", FACTSITE_SITE_URL="https://owner.github.io/repo/", FACTSITE_REQUIRE_SITE_URL="1"
    )
    assert code == 0, output  # GitHub project Pages always has a sub-path: advice, not a failure
    (warning,) = warnings(output)
    assert "crawlers read robots.txt only at https://owner.github.io/robots.txt" in warning
    assert "https://owner.github.io/repo/sitemap.xml" in warning and "Deploying" in warning


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "https://facts.example.org/sub",
            "must end in '/', the folder the site is served from: write https://facts.example.org/sub/",
        ),
        ("https://facts.example.org", "must end in '/'"),
        ("https://facts.example.org/#top", "has a fragment (#…): leave it out"),
        ("https://facts.example.org/?x=1", "has a query (?…): leave it out"),
        ("ftp://facts.example.org/", "is not a web address: start it with https://"),
    ],
)
def test_a_malformed_address_fails_the_build_with_the_fix(
    project: Path, tmp_path: Path, url: str, message: str
) -> None:
    code, output = build(project, tmp_path / "site", FACTSITE_SITE_URL=url)
    assert code == 1
    assert f"FACTSITE_SITE_URL={url!r}" in output and message in output, output
    assert "Traceback" not in output
    assert not (tmp_path / "site").exists(), "nothing is built"


def test_an_address_without_a_scheme_is_refused_before_the_build(project: Path, tmp_path: Path) -> None:
    code, output = build(project, tmp_path / "site", FACTSITE_SITE_URL="facts.example.org/")
    assert code == 1
    assert "site_url" in output and "http://" in output and "Traceback" not in output  # MkDocs' own check
    with pytest.raises(ConfigurationError, match="is not a web address"):
        check_site_url("facts.example.org/")


def test_a_build_for_publishing_fails_without_a_public_address(project: Path, tmp_path: Path) -> None:
    code, output = build(project, tmp_path / "site", FACTSITE_REQUIRE_SITE_URL="1")
    assert code == 1 and "FACTSITE_SITE_URL is not set, and FACTSITE_REQUIRE_SITE_URL says" in output, output
    code, output = build(
        project, tmp_path / "site", FACTSITE_SITE_URL="http://127.0.0.1:8000/", FACTSITE_REQUIRE_SITE_URL="1"
    )
    assert code == 1 and "is an address on this machine" in output, output
    assert "Traceback" not in output


@pytest.mark.parametrize(
    "url",
    ["https://facts.example.org/", "http://127.0.0.1:8000/", "https://owner.github.io/repo/", "https://x.org/a/b/"],
)
def test_good_addresses_pass_unchanged(url: str) -> None:
    assert check_site_url(url) == url


@pytest.mark.parametrize("url", ["https://user@facts.example.org/", "https://facts.example.org/ x/", " https://a.org/"])
def test_user_names_and_spaces_are_refused(url: str) -> None:
    with pytest.raises(ConfigurationError, match="FACTSITE_SITE_URL"):
        check_site_url(url)


@pytest.mark.parametrize(
    ("authority", "date"),
    [
        ("facts.example.org", "2026-12-01"),
        ("editor@example.org", "2026"),
        ("Example.ORG", "2026-02"),
        ("a-b.c9", "2000"),
    ],
)
def test_tag_authorities_and_dates_of_rfc_4151_are_accepted(authority: str, date: str) -> None:
    entity = TaggingEntity.of(authority, date)
    assert entity.tag("facts/x") == f"tag:{authority.lower()},{date}:facts/x"


@pytest.mark.parametrize(
    ("authority", "date", "message"),
    [
        ("https://facts.example.org/", "2026", "is not a tag: authority"),
        ("-bad.org", "2026", "is not a tag: authority"),
        ("bad_.org", "2026", "is not a tag: authority"),
        ("facts example.org", "2026", "is not a tag: authority"),
        ("facts.example.org", "2026-02-30", "is not a tag: date"),
        ("facts.example.org", "26", "is not a tag: date"),
        ("facts.example.org", "2026-13", "is not a tag: date"),
    ],
)
def test_a_malformed_tag_authority_or_date_is_a_configuration_error(authority: str, date: str, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        TaggingEntity.of(authority, date)


def test_the_tagging_entity_needs_both_settings_or_neither() -> None:
    assert tagging_from_settings(None, None) is None
    with pytest.raises(ConfigurationError, match=r"extra\.feed_tag_date: set it too"):
        tagging_from_settings("facts.example.org", None)


def test_a_malformed_feed_authority_fails_the_build(project: Path, tmp_path: Path) -> None:
    config = project / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    config.write_text(original + "extra:\n  feed_tag_authority: not a domain\n  feed_tag_date: 2026\n", "utf-8")
    try:
        code, output = build(project, tmp_path / "site", FACTSITE_SITE_URL="https://facts.example.org/")
    finally:
        config.write_text(original, encoding="utf-8")
    assert code == 1 and "extra.feed_tag_authority: 'not a domain' is not a tag: authority" in output, output
    assert "Traceback" not in output


def test_a_data_licence_needs_a_title_and_the_address_of_its_text() -> None:
    assert DataLicense.of(None) is None
    licence = DataLicense.of(
        {"title": "Open Data Commons Attribution", "path": "https://x.org/l/", "name": "ODC-By-1.0"}
    )
    assert licence is not None and licence.descriptor()["name"] == "ODC-By-1.0"
    for bad in (
        "CC-BY-4.0",
        {"title": "T"},
        {"title": "T", "path": "x.org"},
        {"title": "T", "path": "https://x/", "u": 1},
    ):
        with pytest.raises(ConfigurationError, match=r"extra\.data_license"):
            DataLicense.of(bad)


def test_the_export_reads_the_same_publisher_settings_from_mkdocs_yml(tmp_path: Path) -> None:
    from conftest import REPO

    assert PublisherSettings.read(REPO / "mkdocs.yml") == PublisherSettings(), "the repository sets none yet"
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_url: !ENV [FACTSITE_SITE_URL, 'http://127.0.0.1:8000/']\n"
        "extra:\n  feed_tag_authority: facts.example.org\n  feed_tag_date: '2026-11-01'\n"
        "  data_license: {title: Some licence, path: 'https://licences.example.org/1/'}\n",
        encoding="utf-8",
    )
    settings = PublisherSettings.read(config)
    assert settings.tagging == TaggingEntity("facts.example.org", "2026-11-01")
    assert settings.data_license == DataLicense("Some licence", "https://licences.example.org/1/")
    config.write_text("extra:\n  feed_tag_authority: facts.example.org\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match=r"extra\.feed_tag_date: set it too"):
        PublisherSettings.read(config)
