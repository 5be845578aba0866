"""A Pelican writer that renders and writes a page only when what it shows has changed.

It writes into a persistent copy of the site (the mirror, kept in the cache folder) and
keeps a manifest of every output file with the fingerprint it was made from. A page whose
fingerprint is in the manifest and whose file is still there is left alone. Files are
replaced, never rewritten in place, because the published output folder shares them.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from pelican import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

from .fingerprints import Unknown, describe, site_salt, template_globals
from .output import load_manifest, make_folder_of, manifest_path
from .pagination import StablePaginator


def replace_file(path: str, text: str, folders: set[str]) -> None:
    """Write ``text`` to ``path`` through a new file, so other links to the old one keep it.
    ``folders`` are the folders known to exist (see ``make_folder_of``)."""
    make_folder_of(path, folders)
    if not os.path.exists(path):
        # Nothing links to a file that is not there yet (and a build that fails before it
        # is whole empties the mirror), so it is written in place.
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        return
    temporary = f"{path}.writing"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temporary, path)


def held_back_until(context) -> float:
    """When the earliest future-dated item is due: a build after that has work to do."""
    now = time.time()
    due = [item.date.timestamp() for item in context.get("drafts", []) if item.date.timestamp() > now]
    return min(due, default=float("inf"))


class IncrementalWriter(Writer):
    """Writer whose pages are skipped when their fingerprint has not changed."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        previous = load_manifest(settings)
        self.previous = previous["pages"]
        self.previous_outputs = {*previous["pages"], *previous["static"]}
        self.produced: dict[str, str | None] = {}  # output path -> fingerprint (None: always rendered)
        self.rendered: list[str] = []
        self.memo: dict = {}
        self.salt: str | None = None
        self.template_reads: dict = {}
        self.context: dict = {}
        self.folders: set[str] = set()  # output folders known to exist
        signals.finalized.connect(self.save_manifest)

    def write_text(self, name: str, render, fingerprint: str | None = None) -> None:
        """Write the text ``render()`` returns to ``name``, unless ``fingerprint`` says it is unchanged."""
        path = sanitised_join(self.output_path, name)
        if name in self.produced:
            raise RuntimeError(f"two pages would be written to {name}")
        if fingerprint is not None:
            fingerprint = hashlib.sha1(fingerprint.encode("utf-8", "surrogatepass")).hexdigest()
        self.produced[name] = fingerprint
        if fingerprint is not None and self.previous.get(name) == fingerprint and os.path.isfile(path):
            return
        replace_file(path, render(), self.folders)
        self.rendered.append(name)

    def fingerprint(self, context, maker: str, name: str, values: dict, reads=()) -> str | None:
        """What the page ``name`` made by ``maker`` from ``values`` and the context variables
        ``reads`` depends on; None when that cannot be told."""
        if self.salt is None:
            self.salt = site_salt(self.settings)
        # Settings are in the salt; other context variables (made by plugins) are described.
        shared = {
            variable: context[variable]
            for variable in reads
            if variable in context and variable not in values and context[variable] is not self.settings.get(variable)
        }
        try:
            return f"{self.salt}|{maker}|{name}|{describe(values, self.memo)}|{self._describe_shared(shared)}"
        except Unknown:
            return None

    def _describe_shared(self, shared: dict) -> str:
        """``describe(shared)``, once per set of context variables: thousands of pages read the
        same ones (the navigation's pages, the feeds), which live as long as the build."""
        key = ("shared", *((variable, id(value)) for variable, value in sorted(shared.items())))
        if key not in self.memo:
            self.memo[key] = (list(shared.values()), describe(shared, self.memo))
        return self.memo[key][1]

    def _page(self, template, context, name, values, relative_urls):
        local = context.copy()
        local["localsiteurl"] = local.get("localsiteurl", None)
        if relative_urls:
            relative = path_to_url(get_relative_path(name))
            local["SITEURL"] = local["localsiteurl"] = relative
        local["output_file"] = name
        local.update(values)
        reads = template_globals(template.environment, template.name, self.template_reads)
        # Only what the template reads: Pelican passes every list page all the items it
        # paginates, though the template shows only the page's own.
        shown = {key: value for key, value in values.items() if key in reads}
        fingerprint = self.fingerprint(context, template.name, name, shown, reads)
        self.write_text(name, lambda: template.render(local), fingerprint)
        # Sent for unchanged pages too: listeners such as the sitemap need every page of the site.
        if signals.content_written.receivers:
            signals.content_written.send(sanitised_join(self.output_path, name), context=local)

    def write_file(
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ):
        if not name:
            return
        self.context = context
        if paginated is None:
            paginated = {key: value for key, value in kwargs.items() if key in ("articles", "dates")}
        if not (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            self._page(template, context, name, kwargs, relative_urls)
            return
        per_page = self.settings["PAGINATED_TEMPLATES"][template_name] or self.settings["DEFAULT_PAGINATION"]
        paginators = {
            key: StablePaginator(name, url, value, self.settings, per_page) for key, value in paginated.items()
        }
        for number in range(1, next(iter(paginators.values())).last + 1):
            values = dict(kwargs)
            if number > 1:
                # What only a list's first page shows: later pages must not depend on it.
                values.update(dict.fromkeys(self.settings.get("FIRST_PAGE_ONLY", ())))
            for key, paginator in paginators.items():
                page = paginator.page(number)
                values[f"{key}_paginator"] = paginator
                values[f"{key}_page"] = page
                values[f"{key}_previous_page"] = paginator.newer(page)
                values[f"{key}_next_page"] = paginator.older(page)
            self._page(template, context, page.save_as, values, relative_urls)

    def static_outputs(self) -> list[str]:
        """Files the static generator copies: content's static files and the theme's."""
        names = [static.save_as for static in self.context.get("staticfiles", [])]
        theme_static = Path(self.settings["THEME"]) / "static"
        names += [
            os.path.join(self.settings["THEME_STATIC_DIR"], str(path.relative_to(theme_static)))
            for path in theme_static.rglob("*")
            if path.is_file()
        ]
        return names

    def save_manifest(self, pelican=None) -> None:
        """At the end of a build: delete what the last build made and this one did not, and
        record what this one made, for the next build and for copying to the output folder."""
        signals.finalized.disconnect(self.save_manifest)
        static = self.static_outputs()
        removed = sorted(self.previous_outputs - {*self.produced, *static})
        for name in removed:
            Path(self.output_path, name).unlink(missing_ok=True)
        manifest = {
            "pages": self.produced,
            "static": static,
            "rendered": self.rendered,
            "removed": removed,
            "valid_until": held_back_until(self.context),
        }
        path = manifest_path(self.settings)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
