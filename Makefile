# The two everyday commands set everything up on a fresh machine:
#   make serve   build the site and serve it on http://127.0.0.1:8000 with live reload
#   make test    run the whole test suite
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: install serve build test check check-sources review lock clean chromium java bench messages

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# The Node tools of the quality gate (vnu-jar, lighthouse), pinned in package-lock.json: only
# `make test` and `make bench` need them. --ignore-scripts: vnu-jar's only install script
# fetches a Java runtime, which ensure-java provides.
NODE_STAMP := node_modules/.installed-stamp
$(NODE_STAMP): package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make test needs Node 20 and npm for the HTML and Lighthouse checks (install, serve, build and check do not): install Node 20 with npm, then run make test again" >&2; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NODE_STAMP)

install: $(STAMP)  ## set up .venv with the pinned packages (Python only; make test adds node_modules)

serve: $(STAMP)  ## live-reloading site on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000  # rebuilds only what an edit changes (hooks/facts.py)

build: $(STAMP)  ## the static site in site/, failing on any warning; FACTSITE_SITE_URL=https://… for the public address (unset: a local preview, with a warning)
	$(BIN)/mkdocs build --strict

test: $(STAMP) $(NODE_STAMP) chromium java  ## the whole test suite
	$(BIN)/python -m pytest

SIZES ?= 1000,10000,100000
bench: $(STAMP) $(NODE_STAMP) chromium  ## the performance benchmark (SIZES=100,1000 for a quick run; BENCH_ARGS=--help)
	$(BIN)/python -m benchmarks --sizes $(SIZES) $(BENCH_ARGS)

chromium:  ## Debian's Chromium for the browser tests, installed when missing (as root)
	@sh scripts/ensure-chromium

java:  ## a Java runtime for the HTML check (vnu.jar), installed when missing (as root)
	@sh scripts/ensure-java

check: $(STAMP)  ## validate facts/: errors and your own files' problems first (ARGS=--all lists every warning)
	@$(BIN)/factsite check $(ARGS)

check-sources: $(STAMP)  ## fetch every URL the facts cite (needs network; never part of make test)
	$(BIN)/factsite check-sources

BASE ?= origin/main
review: $(STAMP)  ## what a pull request changes against BASE (default origin/main), then the check against it
	$(BIN)/factsite diff --base $(BASE)
	$(BIN)/factsite check --base $(BASE)

LOCALE := src/factsite/locale
messages: $(STAMP)  ## refresh the interface text to translate: $(LOCALE)/messages.pot, then each language's messages.po
	$(BIN)/pybabel --quiet extract --mapping-file babel.cfg --add-location file --sort-output --omit-header --width 120 --output-file $(LOCALE)/messages.pot .
	$(BIN)/pybabel --quiet update --input-file $(LOCALE)/messages.pot --output-dir $(LOCALE) --locale ru --init-missing --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date --width 120

lock: $(STAMP)  ## re-pin requirements.txt from the installed environment
	{ head -n 2 requirements.txt; $(BIN)/python -m pip freeze --exclude-editable | grep -v '^factsite'; } > requirements.tmp
	mv requirements.tmp requirements.txt

clean:
	rm -rf $(VENV) node_modules site .pytest_cache
