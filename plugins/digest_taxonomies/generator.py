"""Index and term pages for every taxonomy."""

from __future__ import annotations

from itertools import groupby

from .claims import CLAIMS_URL
from .taxonomy import sources_by_kind


def index_groups(name: str, terms) -> list[tuple[str | None, list]]:
    """How an index page lays out its terms: sources by kind, months by year, others in one list."""
    if name == "sources":
        return sources_by_kind(terms)
    if name == "months":
        return [(str(year), list(members)) for year, members in groupby(terms, key=lambda term: term.details.year)]
    return [(None, list(terms))]


def write_taxonomies(writer, digest, context, get_template, relative_urls: bool) -> None:
    """Each taxonomy's index page and its terms' paginated pages, through ``writer``."""
    for name, taxonomy in digest.taxonomies.items():
        terms = list(digest.terms[name])
        writer.write_file(
            taxonomy.index_url + "index.html",
            get_template("taxonomy"),
            context,
            relative_urls=relative_urls,
            url=taxonomy.index_url,
            taxonomy=taxonomy,
            groups=index_groups(name, terms),
            terms=terms,
        )
        template = get_template("term")
        for term in terms:
            writer.write_file(
                term.url + "index.html",
                template,
                context,
                relative_urls=relative_urls,
                paginated={"articles": term.items},
                template_name="term",
                url=term.url,
                taxonomy=taxonomy,
                term=term,
            )


def write_claims(writer, digest, context, get_template, relative_urls: bool) -> None:
    """``/claims/``, the claims counted by status, and each status's paginated list: every
    status has its page, which says so when no claim stands so now (an address readers keep,
    whose last claim may change its standing)."""
    writer.write_file(
        CLAIMS_URL + "index.html",
        get_template("claims"),
        context,
        relative_urls=relative_urls,
        url=CLAIMS_URL,
        standings=digest.claims,
    )
    template = get_template("claim_list")
    for standing in digest.claims:
        writer.write_file(
            standing.url + "index.html",
            template,
            context,
            relative_urls=relative_urls,
            paginated={"claims": standing.claims},
            template_name="claim_list",
            url=standing.url,
            standing=standing,
        )
