"""Index and term pages for every taxonomy."""

from __future__ import annotations

from itertools import groupby

from pelican.generators import Generator

from .taxonomy import TAXONOMIES, build_taxonomies, sources_by_kind


def index_groups(name: str, terms) -> list[tuple[str | None, list]]:
    """How an index page lays out its terms: sources by kind, months by year, others in one list."""
    if name == "sources":
        return sources_by_kind(terms)
    if name == "months":
        return [(str(year), list(members)) for year, members in groupby(terms, key=lambda term: term.details.year)]
    return [(None, list(terms))]


class TaxonomyGenerator(Generator):
    """Groups the published items into terms, then writes index and term pages."""

    def generate_context(self):
        items = self.context["articles"]
        registry = self.context["SOURCE_REGISTRY"]
        self.terms, problems = build_taxonomies(items, registry, self.settings)
        self.context.setdefault("CONTENT_PROBLEMS", []).extend(problems)
        self.context["TAXONOMIES"] = {taxonomy.name: taxonomy for taxonomy in TAXONOMIES}
        self.context["TERMS"] = self.terms

    def generate_output(self, writer):
        relative = self.settings["RELATIVE_URLS"]
        for taxonomy in TAXONOMIES:
            terms = self.terms[taxonomy.name]
            writer.write_file(
                taxonomy.index_url + "index.html",
                self.get_template("taxonomy"),
                self.context,
                relative_urls=relative,
                url=taxonomy.index_url,
                taxonomy=taxonomy,
                groups=index_groups(taxonomy.name, terms),
                terms=terms,
            )
            template = self.get_template("term")
            for term in terms:
                writer.write_file(
                    term.url + "index.html",
                    template,
                    self.context,
                    relative_urls=relative,
                    paginated={"articles": term.items},
                    template_name="term",
                    url=term.url,
                    taxonomy=taxonomy,
                    term=term,
                )
