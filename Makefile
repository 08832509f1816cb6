# The book's build. `make help` lists the targets.
#
# Every Sphinx run is strict: warnings are errors, every reference must resolve,
# and all problems are reported before failing (-n -W --keep-going).

SHELL        := /bin/bash
# This file, for the sub-make that runs the editions' builders side by side (also
# when it is run as `make -f <path>/Makefile` from another folder).
SELF         := $(abspath $(firstword $(MAKEFILE_LIST)))
VENV         ?= .venv
PYTHON       := $(VENV)/bin/python
SPHINXBUILD  := $(VENV)/bin/sphinx-build
SPHINXOPTS   ?=
STRICT       := -n -W --keep-going
SOURCEDIR    := docs
BUILDDIR     ?= _build
BOOK         := geniac-rakuten-book
# `make stale` lists the facts of data/facts.yaml last checked more than this many
# months ago (the one place that sets it; `make stale STALE_MONTHS=3` to try another).
STALE_MONTHS ?= 6
# Each builder keeps its own environment (doctrees). A shared one would let
# `make pdf` absorb a data change and then `make html` see nothing to rewrite.
SPHINX       = $(SPHINXBUILD) $(STRICT) -c . $(SPHINXOPTS)
# Reproducible output: the commit's date, unless the caller sets one.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1751328000)
export SOURCE_DATE_EPOCH
export FORCE_SOURCE_DATE := 1

.DEFAULT_GOAL := help
.PHONY: help venv node-deps system-deps web-deps html pdf epub all check test snapshots livehtml gettext update-po linkcheck stale bench page-weight proof lock clean

help:  ## this list
	@echo "Targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  \1\t\2/' | expand -t 14
	@echo "One edition (LANGUAGES=\"$(LANGUAGES)\"): html-ja, pdf-ja, epub-ja, all-ja, html-en ..."

# The virtual environment is (re)made whenever requirements.txt changes.
$(VENV)/.installed: requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

venv: $(VENV)/.installed  ## create the Python environment from requirements.txt

# Node tools (textlint, axe-core, Lighthouse), exactly as package-lock.json pins them.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

node-deps: node_modules/.installed  ## install the pinned npm tools

system-deps:  ## install Debian packages (TeX Live, poppler, epubcheck, Chromium) if missing
	@bash tools/system-deps.sh

# A web build draws the charts with one package of the list, their font: without it a first
# `make html` on a fresh machine stopped at the font (found 2026-12-07).  Only that one, so
# that a contributor without TeX Live or Chromium can still build and preview the site
# (tests/test_build.py checks it is the package the charts name, FONT_PACKAGE).
WEB_PACKAGES := fonts-ipaexfont-gothic
web-deps:  ## install the charts' font (all a web build needs from Debian) if missing
	@bash tools/system-deps.sh $(WEB_PACKAGES)

# ------------------------------------------------------------------------------
# The editions: every language of LANGUAGES, from the one Japanese source
# ------------------------------------------------------------------------------
# The Japanese edition is the site root (canonical); each other edition is built
# with BOOK_LANGUAGE=<lang> from the PO files in locales/<lang>/ into its own folders:
#
#   ja   html/       latex/       epub/       doctrees/<builder>
#   en   html/en/    latex-en/    epub-en/    doctrees/<builder>-en
#
# `make all LANGUAGES=ja` is the Japanese book alone (no language switcher).
# conf.py reads the list (BOOK_EDITIONS) to link the editions to each other.
LANGUAGES    ?= ja en
export BOOK_EDITIONS := $(LANGUAGES)
# Parallel builders for `make all` when the caller gave no -j (the machine's cores).
JOBS         ?= $(shell nproc 2>/dev/null || echo 2)

# $(call sfx,en) = "-en"; $(call sfx,ja) = "" (folders and file names of an edition)
sfx          = $(if $(filter ja,$(1)),,-$(1))
htmldir      = $(BUILDDIR)/html$(if $(filter ja,$(1)),,/$(1))
latexdir     = $(BUILDDIR)/latex$(call sfx,$(1))
epubdir      = $(BUILDDIR)/epub$(call sfx,$(1))
bookfile     = $(BOOK)$(call sfx,$(1))

# The editions' builders run side by side (each writes its own folders): with the
# caller's -jN, or else on every core, each builder's output kept together in the
# log (-Otarget).
PARALLEL      = $(if $(filter -j%,$(MAKEFLAGS)),,-j$(JOBS) -Otarget)

html:  ## the web site: every edition (ja in _build/html, en in _build/html/en)
	+@$(MAKE) --no-print-directory -f $(SELF) $(PARALLEL) $(addprefix html-,$(LANGUAGES))

pdf:  ## the PDF of every edition (uplatex + dvipdfmx via latexmk) in _build/latex*
	+@$(MAKE) --no-print-directory -f $(SELF) $(PARALLEL) $(addprefix pdf-,$(LANGUAGES))

epub:  ## the EPUB of every edition in _build/epub*
	+@$(MAKE) --no-print-directory -f $(SELF) $(PARALLEL) $(addprefix epub-,$(LANGUAGES))

all:  ## html + pdf + epub of every edition, each with its PDF and EPUB inside its site
	+@$(MAKE) --no-print-directory -f $(SELF) $(PARALLEL) $(addprefix publish-,$(LANGUAGES))

# One edition's targets (html-ja, pdf-en, all-en ...), for contributors.
define EDITION
.PHONY: html-$(1) pdf-$(1) epub-$(1) all-$(1) publish-$(1)
html-$(1): venv web-deps
	BOOK_LANGUAGE=$(1) $$(SPHINX) -b html -d $$(BUILDDIR)/doctrees/html$(call sfx,$(1)) \
	  $$(SOURCEDIR) $(call htmldir,$(1))

pdf-$(1): venv system-deps
	BOOK_LANGUAGE=$(1) $$(SPHINX) -b latex -d $$(BUILDDIR)/doctrees/latex$(call sfx,$(1)) \
	  $$(SOURCEDIR) $(call latexdir,$(1))
	make -C $(call latexdir,$(1)) LATEXMKOPTS="-silent -halt-on-error" all-pdf \
	  >$(call latexdir,$(1))/make.log 2>&1 \
	  || { tail -40 $(call latexdir,$(1))/$(call bookfile,$(1)).log; \
	       echo "PDF build failed: see $(call latexdir,$(1))/$(call bookfile,$(1)).log"; exit 1; }
	$$(PYTHON) tools/check_latex_log.py $(call latexdir,$(1))/$(call bookfile,$(1)).log

epub-$(1): venv system-deps
	BOOK_LANGUAGE=$(1) $$(SPHINX) -b epub -d $$(BUILDDIR)/doctrees/epub$(call sfx,$(1)) \
	  $$(SOURCEDIR) $(call epubdir,$(1))

# The edition's site with its own PDF and EPUB inside.  (Starting the PDFs first,
# the longest jobs, was tried: no faster on two cores, 34.6-35.6 s against 32.2-34.0 s.)
publish-$(1): html-$(1) pdf-$(1) epub-$(1)
	cp $(call latexdir,$(1))/$(call bookfile,$(1)).pdf $(call epubdir,$(1))/$(call bookfile,$(1)).epub \
	  $(call htmldir,$(1))/

all-$(1):
	+@$(MAKE) --no-print-directory -f $(SELF) $$(PARALLEL) publish-$(1)
endef
$(foreach lang,$(sort ja $(LANGUAGES)),$(eval $(call EDITION,$(lang))))

# Two tiers of tests (CONTRIBUTING.md): `make check` after editing a page or the data,
# `make test` before a pull request. The pytest markers pdf, browser and slow (pytest.ini)
# are what `make check` leaves out.
check: venv node-deps system-deps  ## quick: ruff format+check on changed Python, strict HTML build, textlint on changed pages, HTML-only tests
	$(PYTHON) tools/check.py --builddir $(BUILDDIR)

# pytest-xdist: a worker per core, each test file kept on one worker (its module-wide
# fixtures, such as the contributor-error builds, are made once); the first worker builds
# the book once for all, before any test is handed out (tests/conftest.py).
test: venv node-deps system-deps  ## the whole test suite (builds the book once, then checks it)
	$(VENV)/bin/pytest -q -n auto --dist loadfile tests

# The small books' snapshot files (tests/test_snapshots_slow.py), rewritten after a change of
# output made on purpose, then checked again; `git diff tests/snapshots` shows what changed.
snapshots: venv web-deps  ## rewrite tests/snapshots/ after an intended change of output
	$(VENV)/bin/pytest -q -p no:cacheprovider tests/test_snapshots_slow.py --force-regen \
	  || $(VENV)/bin/pytest -q -p no:cacheprovider tests/test_snapshots_slow.py

# One edition (BOOK_LANGUAGE=en make livehtml for the English one): no switcher to
# an edition the preview does not have.
livehtml: export BOOK_EDITIONS = $(or $(BOOK_LANGUAGE),ja)
livehtml: venv web-deps  ## live preview at http://127.0.0.1:8000, rebuilt on every save
	$(VENV)/bin/sphinx-autobuild $(STRICT) -c . --watch data --watch _ext --watch conf.py \
	  $(SOURCEDIR) $(BUILDDIR)/livehtml

# Translations: after editing a Japanese page, `make gettext` extracts its messages
# (_build/gettext/*.pot) and `make update-po` merges them into locales/en/.  (The
# words of the extensions are not messages: data/labels.yaml, one block per edition.)
# A changed message keeps its old translation, marked fuzzy until a translator checks
# it; a message gone from the pages is dropped (--no-obsolete).  tests/test_translations.py
# fails on untranslated, fuzzy, obsolete and stale entries.
gettext: venv  ## extract the translatable messages of every page (_build/gettext)
	$(SPHINX) -b gettext -d $(BUILDDIR)/doctrees/gettext $(SOURCEDIR) $(BUILDDIR)/gettext

update-po: gettext  ## merge new and changed messages into locales/en/LC_MESSAGES/*.po
	$(VENV)/bin/sphinx-intl update -p $(BUILDDIR)/gettext -d locales -l en -w 0 --no-obsolete

linkcheck: venv  ## check external links (needs the internet)
	$(SPHINX) -b linkcheck -d $(BUILDDIR)/doctrees/linkcheck $(SOURCEDIR) $(BUILDDIR)/linkcheck

stale: venv  ## facts not compared with their sources for over STALE_MONTHS months (fails if any)
	$(PYTHON) tools/stale.py --months $(STALE_MONTHS)

# `make bench FULL=1` also times the whole `make test`, and the suite as it was before
# the test tiers (its commit checked out with its own venv) in the same run: about
# fifteen minutes more.
bench: venv node-deps system-deps  ## build times, make check vs make html, sizes, page weight
	$(PYTHON) tools/bench.py $(if $(FULL),--full)
	$(MAKE) --no-print-directory page-weight

page-weight: html node-deps system-deps  ## bytes, requests and Lighthouse scores of every web page
	$(PYTHON) tools/page_weight.py $(BUILDDIR)/html

# Before a release: the whole book at a glance (tools/proof.py).  Every PDF page and a
# full-page screenshot of every web page of every edition (375 and 1280 px, light and
# dark, in Debian's Chromium, offline), tiled into contact sheets; open
# _build/proof/index.html.  Five to ten minutes after the build on this 2-core machine.
proof: all system-deps  ## contact sheets of every PDF and web page (375/1280 px, light/dark): _build/proof
	$(PYTHON) tools/proof.py --builddir $(BUILDDIR) --editions $(LANGUAGES)

lock:  ## re-pin requirements.txt from requirements.in in a fresh venv
	rm -rf $(BUILDDIR)/lockenv && python3 -m venv $(BUILDDIR)/lockenv
	$(BUILDDIR)/lockenv/bin/pip install --quiet -r requirements.in
	{ echo "# Generated from requirements.in by 'make lock'. Do not edit by hand."; \
	  $(BUILDDIR)/lockenv/bin/pip freeze; } > requirements.txt

clean:  ## remove build output
	rm -rf $(BUILDDIR)
