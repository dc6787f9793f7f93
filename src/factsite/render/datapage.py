"""The "Downloads and feeds" page, generated from the same code and schema as the files it describes.

It is written in every edition, its interface text translated (`factsite.i18n`); the files
are made once, at the site's root, and so are the same for every edition.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from babel.lists import format_list

from factsite.i18n import _, active
from factsite.model import Fact
from factsite.render import GeneratedFile
from factsite.render.claimreview import CLAIM_REVIEWED_MAX, rating_range
from factsite.render.datasets import (
    CSV_COLUMNS,
    DATA_PACKAGE,
    DATASET_SCHEMA_URI,
    DERIVED_FIELDS,
    FACTS_CSV,
    FACTS_JSON,
    LIST_DELIMITER,
    RELATED_CSV,
    TIMELINE_JSON,
    Column,
    dataset_schema_uri,
    fact_path,
    published,
    translation_languages,
)
from factsite.render.feeds import (
    FEED_ENTRIES,
    SITE_FEED,
    entry_id,
    listed,
    site_feed_id,
    tag_feed_id,
    tag_feed_path,
)
from factsite.render.pages import DATA_PAGE_URI, front_matter
from factsite.render.reference import (
    FACT_FORMAT_URI,
    SCHEMA_URI,
    _cell,
    _field_table,
    schema_uri,
)
from factsite.render.siteinfo import SiteInfo, tagging_entity
from factsite.render.sitemeta import ROBOTS_URI
from factsite.schema import PAST_VERSIONS, fact_schema, schema_version


def render_data_page(facts: Sequence[Fact], site: SiteInfo) -> GeneratedFile:
    """The page in the edition being rendered (`factsite.i18n`); the files it describes are the same for every
    edition, made once at the site's root, so an edition below the root links them there."""
    data = published(facts)
    example = fact_path(data[0].id) if data else fact_path("<id>")
    worst, best = rating_range()
    entity = tagging_entity(site, facts)
    tags = sorted({tag.id: tag for fact in listed(facts) for tag in fact.tags}.values(), key=lambda t: t.id)
    schema = fact_schema()
    record_schema = {
        "required": [*DERIVED_FIELDS, *schema["required"]],
        "properties": {**DERIVED_FIELDS, **{k: v for k, v in schema["properties"].items() if k != "notes"}},
    }

    def file(path: str) -> str:
        """A link to a download or a schema: relative in the root edition, else absolute at the root, where the
        one copy is (each edition has its own feeds and pages)."""
        return site.root_url + path if site.prefix else path

    out = [
        front_matter(
            title=_("Downloads and feeds"), description=_("Every fact as data: JSON, CSV, TimelineJS and feeds.")
        ),
        "# " + _("Downloads and feeds") + "\n",
        _(
            "Every published entry (%(count)d now: claims with their verdicts, and events) is also published as "
            "data, generated from the same files as the pages on every build. Withdrawn facts keep their page but "
            "are left out of all data and structured markup; the feeds keep one last entry for each, "
            '"Withdrawn: …", dated when it was withdrawn, so subscribers learn of it. Nothing here carries a build '
            "time: the same facts (and, for the feeds, the same git history) always give the same files."
        )
        % {"count": len(data)}
        + "\n",
        *(
            [_("The files are the same for every edition of the site: they are published once, at its root.") + "\n"]
            if site.prefix
            else []
        ),
        _heading(_("Files")),
        _row(_("File"), _("Format"), _("What it holds")),
        "| --- | --- | --- |",
        _row(
            f"[`{FACTS_JSON}`]({file(FACTS_JSON)})",
            "JSON",
            _("All published facts, oldest first, with the schema version."),
        ),
        _row(f"[`{FACTS_CSV}`]({file(FACTS_CSV)})", "CSV", _("One row per published fact (columns below).")),
        _row(f"[`{RELATED_CSV}`]({file(RELATED_CSV)})", "CSV", _("One row per link from a fact to a related fact.")),
        _row(
            f"[`{DATA_PACKAGE}`]({file(DATA_PACKAGE)})",
            "Data Package",
            _("Describes the two CSV files and `facts.json` for data tools ([below](#datapackage))."),
        ),
        _row(
            "`data/facts/<id>.json`, " + _("e.g.") + f" [`{example}`]({file(example)})",
            "JSON",
            _("One published fact (a record)."),
        ),
        _row(f"[`{TIMELINE_JSON}`]({file(TIMELINE_JSON)})", "JSON", _("The timeline in TimelineJS 3 format.")),
        _row(
            f"[`{SCHEMA_URI}`]({file(SCHEMA_URI)})",
            "JSON Schema",
            _("The fact format ([described here](%(url)s)).") % {"url": FACT_FORMAT_URI},
        ),
        _row(
            f"[`{DATASET_SCHEMA_URI}`]({file(DATASET_SCHEMA_URI)})",
            "JSON Schema",
            _("The format of `facts.json`; `#/$defs/record` is the format of one per-fact file."),
        ),
        _row(f"[`{SITE_FEED}`]({SITE_FEED})", "Atom", _("New and corrected facts, newest first.")),
        _row("`feed-<tag>.atom`", "Atom", _("The same, for one tag (list below).")),
        _row("`sitemap.xml`, `sitemap.xml.gz`", "Sitemap", _("Every page; fact pages dated as below.")),
        _row(f"`{ROBOTS_URI}`", _("Text"), _("Allows all crawlers and names the sitemap.")),
        "",
        _(
            "The schema URLs contain the schema version (now %(version)d); a version keeps its URL for good, and a "
            "change that breaks readers gets a new version. Version 2 tells claims from events (`kind`) and gives "
            "the claimant as fields. The current schemas compile in strict JSON Schema tools (Ajv's strict mode, "
            "for example): they leave out the keywords of the project's own (`x-message` and the like) that the "
            "checker reads from its copy, and spell out a `type` or a `properties` entry where strict mode asks "
            "for one, without changing what validates. The version 1 schemas stay published exactly as they "
            "always were, keywords and all, at %(schemas)s."
        )
        % {
            "version": schema_version(),
            "schemas": ", ".join(f"[`{uri}`]({file(uri)})" for uri in _past_schema_uris()),
        }
        + "\n",
        _heading(_("Dates: published and modified"), "dates"),
        _(
            "A fact file records when its evidence was last checked (`checked`) and a dated log of corrections; it "
            "has no separate publication date. The data therefore derives two dates, never from the build time or "
            "from version control (only the feeds' `updated` times come from git, [below](#feeds)):"
        )
        + "\n",
        "- "
        + _(
            "**`first_published`**: the earliest of `checked` and the correction dates. A fact goes online once "
            "it is checked, and can only be corrected after that."
        ),
        "- " + _("**`last_modified`**: the latest of `checked` and the correction dates.") + "\n",
        _(
            "They are days (`YYYY-MM-DD`). ClaimReview uses them as `datePublished` and `dateModified`. If an "
            "editor moves `checked` forward when re-checking a fact that has no correction, its `first_published` "
            "moves with it."
        )
        + "\n",
        _heading(_("Languages"), "languages"),
        _(
            "The data is in English, the language the entries are written in, with our translations beside it: "
            "each record's `translations` in `facts.json`, and the columns %(columns)s of `facts.csv`, hold the "
            "entry's text in %(languages)s, translated by the editors. The data package gives every column of text "
            "its language (`x-language`). `claim` keeps the original wording: its translation is given only where "
            "the claimant's own words in that language are not on record, and it is ours, never a quote. "
            "Verdicts, dates, sources, tags and ids are not translated."
        )
        % {
            "columns": ", ".join(f"`{column.name}`" for column in CSV_COLUMNS if column.translates),
            "languages": format_list(
                [active().language_name(c) for c in translation_languages()], locale=active().code
            ),
        }
        + "\n",
        _heading(_("facts.json and the per-fact files"), "json"),
        _(
            "`facts.json` is an object with `schema_version`, `schema` (the dataset schema's URL), `fact_schema`, "
            "`count` and `facts`, the list of records in chronological order. A record is the fact as its author "
            "wrote it, in the [fact format](%(url)s), without the internal `notes`, plus four derived fields. "
            "Optional fields are left out when empty; `related` and `corrections` are always lists. Dates keep "
            "their own precision (`1992`, `1992-04` or `1992-04-08`), and a source with no date has "
            '`published: "undated"`. `tags` and `actors` are vocabulary ids.'
        )
        % {"url": FACT_FORMAT_URI}
        + "\n",
        _field_table(record_schema).replace("mapping (below)", "mapping"),
        _(
            "Objects inside a record (appearance, sources, corrections) have the fields listed on the "
            "[fact format](%(url)s) page."
        )
        % {"url": FACT_FORMAT_URI}
        + "\n",
        "## facts.csv {#csv}\n",
        _(
            "UTF-8 without a byte-order mark, comma-separated, a header row, fields quoted when they contain a "
            "comma, a quote or a line break (RFC 4180), lines ending in CRLF. An empty cell is a missing value. "
            "The items of a list (type `list` below) are separated by %(delimiter)s (ids and URLs contain none); "
            "the data package declares this delimiter. %(related)s repeats the `related` lists one link per row "
            "(columns `id` and `related`), so that a database or a validator can hold each link to an existing "
            "fact."
        )
        % {"delimiter": _delimiter_words(), "related": f"[`{RELATED_CSV}`]({file(RELATED_CSV)})"}
        + "\n",
        _(
            "**Formula protection.** A spreadsheet treats a cell that starts with `=`, `+`, `-`, `@`, a tab or a "
            "carriage return as a formula. Any cell whose text, after its leading apostrophes, starts with one of "
            "these gets one apostrophe (`'`) added in front. To get the exact text back, remove one leading "
            "apostrophe from a cell that starts with an apostrophe followed by (more apostrophes and) one of "
            "those characters."
        )
        + "\n",
        _row(_("Column"), _("Type"), _("What it holds")),
        "| --- | --- | --- |",
        *(f"| `{c.name}` | {_column_type(c)} | {_cell(c.describe(active()))} |" for c in CSV_COLUMNS),
        "",
        _heading(_("Data package"), "datapackage"),
        _(
            "%(package)s describes the data as a Frictionless Data Package (version 2.0), so that data tools can "
            "load and check it without reading this page: `frictionless validate %(path)s` checks every file "
            "against it. It holds:"
        )
        % {"package": f"[`{DATA_PACKAGE}`]({file(DATA_PACKAGE)})", "path": DATA_PACKAGE}
        + "\n",
        "- "
        + _(
            "`facts`: `facts.csv` with its Table Schema, made from the same column definitions that write the "
            "file: each column's type, the required ones, the patterns of ids and dates, the verdicts, the list "
            "columns with their delimiter, and `id` as the primary key;"
        ),
        "- "
        + _(
            "`related`: `related.csv`, whose `id` and `related` columns are foreign keys to `id` in `facts.csv` "
            "(validators such as frictionless cannot hold a list cell to a foreign key, so the links are rows "
            "here);"
        ),
        "- " + _("`facts-json`: `facts.json`, whose format is the dataset schema above;"),
        "- "
        + _("`version`: `%(version)s`, whose first number is the fact format's version;")
        % {"version": f"{schema_version()}.0.0"},
        "- " + _("`sources`: the fact files the data is built from; each fact's own sources are in the data;"),
        "- "
        + (
            _("`licenses`: %(licence)s.") % {"licence": _cell(site.data_license.title)}
            if site.data_license
            else _(
                "`licenses`: none yet. The maintainers have not chosen a licence for the data; until they do, "
                "ask them before reusing it."
            )
        ),
        "",
        "## TimelineJS {#timelinejs}\n",
        _(
            "`%(path)s` follows the TimelineJS 3 JSON format: one slide per fact with `unique_id` (the fact id), "
            "`start_date` (and `end_date` for periods) at the fact's own precision, `display_date`, the title as "
            "`headline`, the verdict, conclusion and a link to the fact page as `text` (HTML, escaped), and the "
            "first tag as `group`. To embed it, host TimelineJS yourself and pass the file's URL:"
        )
        % {"path": TIMELINE_JSON}
        + "\n",
        '```html\n<div id="timeline-embed" style="height: 600px"></div>\n'
        f"<script>new TL.Timeline('timeline-embed', '{site.root_url + TIMELINE_JSON}');</script>\n```\n",
        _heading(_("Atom feeds"), "feeds"),
        _(
            "%(feed)s holds the %(count)d facts most recently published, corrected or withdrawn, newest first "
            "(the downloads above hold them all); each tag has its own feed, whose `alternate` link is the "
            "tag's page. Every page links the site feed in its head; tag pages and fact pages also link their "
            "tags' feeds."
        )
        % {"feed": f"[`{SITE_FEED}`]({SITE_FEED})", "count": FEED_ENTRIES}
        + "\n",
        "- "
        + _(
            "**Ids** are `tag:` URIs (RFC 4151), which do not change when the site moves: `%(fact)s` for a fact, "
            "`%(site)s` for the site feed and `%(tag)s` for a tag's."
        )
        % {
            "fact": entry_id(entity, "<id>"),
            "site": site_feed_id(entity),
            "tag": tag_feed_id(entity, "<tag>"),
        },
        "- "
        + _(
            "**`updated`** is when the fact's file last changed: the time of the last git commit that changed it. "
            "Entries that changed in the same second, as one commit often changes several files, are told apart "
            "by a fraction of a second added in id order (none for the first, then .001, .002…), which stays "
            "within that second. A build without git (or a fact not yet committed) uses midnight UTC of "
            "`last_modified` instead. Entries are ordered by `updated`, newest first, so a correction moves its "
            "entry up; the correction note heads its summary."
        ),
        "- " + _("**`published`** is `first_published`, at midnight UTC.") + "\n",
        *(f"- [{_link_text(tag.label)}]({tag_feed_path(tag.id)}): `{tag_feed_path(tag.id)}`" for tag in tags),
        "",
        _heading(_("Structured data on fact pages"), "claimreview"),
        _("Each published fact page carries one schema.org `ClaimReview` in JSON-LD, for fact-check aggregators:")
        + "\n",
        "- "
        + _(
            "`claimReviewed`: `claim_short`, or the claim itself when it is %(max)d characters or fewer. A longer "
            "claim without `claim_short` is used whole (never cut), and the checker warns."
        )
        % {"max": CLAIM_REVIEWED_MAX},
        "- "
        + _(
            "`reviewRating.alternateName`: the verdict exactly as shown on the page. Ordinal verdicts also carry "
            "`ratingValue` with `bestRating` %(best)s and `worstRating` %(worst)s; the others carry no number."
        )
        % {"best": best, "worst": worst},
        "- "
        + _(
            "`itemReviewed`: a `Claim` with its `author` (the claimant), `datePublished` and `appearance` (the "
            "appearance URL, publisher, headline and date)."
        ),
        "- "
        + _(
            "`author`: this site, as an organisation; `url`: the page's canonical URL; `datePublished` and "
            "`dateModified` as [above](#dates)."
        )
        + "\n",
        _(
            "Fact pages also carry Open Graph and Twitter card tags (title, verdict and conclusion as description, "
            "canonical URL). The sitemap dates each fact page with the latest of its `checked`, correction and "
            "withdrawal dates, and the other generated pages (timeline, reference and data pages) with the latest "
            "of those over all facts; hand-written pages have no date."
        )
        + "\n",
    ]
    return GeneratedFile(DATA_PAGE_URI, "\n".join(out))


def _heading(text: str, anchor: str | None = None) -> str:
    """A second-level heading, with its anchor when it has a fixed one (the same in every edition)."""
    return f"## {text}" + (f" {{#{anchor}}}" if anchor else "") + "\n"


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _link_text(label: str) -> str:
    """A vocabulary label as Markdown link text: HTML escaped (Markdown passes HTML through), brackets kept literal."""
    return html.escape(label).replace("[", "\\[").replace("]", "\\]")


def _past_schema_uris() -> list[str]:
    return [uri for version in PAST_VERSIONS for uri in (schema_uri(version), dataset_schema_uri(version))]


def _column_type(column: Column) -> str:
    """A column's type as the data package gives it, and whether every row has a value."""
    return f"`{column.type}`" + (", " + _("required") if column.required else "")


def _delimiter_words() -> str:
    return _("single spaces") if LIST_DELIMITER == " " else f"`{LIST_DELIMITER}`"
