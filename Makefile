# psychoed: `make site` builds the bundled curriculum; `make test` runs the tests, `make test-fast`
# the fast ones (no PDFs, whole builds or browser: the edit loop); `make audit` audits the whole
# bundled library (axe on every page, every PDF, the engines and export compared) and holds the
# built pages to Lighthouse and the Nu HTML Checker.
# Both set up what they need on a fresh Debian machine: system packages, a virtualenv, pip packages.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: setup system system-browser system-audit vendor site test test-fast lint audit check bench wheel docs clean
AUDIT_TOOLS := audit/node_modules/.installed-stamp

$(STAMP): pyproject.toml vendor/assets.json
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and f"psychoed needs Python 3.11 or later; $(PYTHON) is {sys.version.split()[0]}: run make PYTHON=python3.11")'
	$(PYTHON) scripts/vendor.py
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

vendor:
	$(PYTHON) scripts/vendor.py

system:
	bash scripts/setup-system.sh

system-browser:
	bash scripts/setup-system.sh --browser

system-audit:
	bash scripts/setup-system.sh --audit

# Lighthouse and vnu-jar at the versions pinned in audit/package-lock.json (no install scripts:
# vnu-jar's would download a Java runtime; Debian's default-jre-headless runs it).
$(AUDIT_TOOLS): audit/package.json audit/package-lock.json
	npm ci --prefix audit --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(AUDIT_TOOLS)

setup: system $(STAMP)

site: setup
	$(VENV)/bin/psychoed build

check: setup
	$(VENV)/bin/psychoed check --strict

# All run on every core (pytest-xdist); a file's tests stay on one worker, and the groups that
# take minutes start first, in the order conftest.py gives them (--no-loadscope-reorder).
# `vendor` first: a build copies reveal.js and the iframe-worker shim (cheap when they are there).
# The audits of the whole bundled library (axe on every page, every PDF through pdfua, the engines
# and the export compared on it) are tests too, marked `audit`: `make audit` runs them, and CI.
PYTEST := $(PY) -m pytest -q -n auto --dist loadgroup --no-loadscope-reorder

test: system-browser $(STAMP) vendor
	$(PYTEST) -m "not audit"

test-fast: $(STAMP) vendor
	$(PYTEST) -m "not e2e"

# The package's types: mypy with the settings in pyproject.toml ([tool.mypy]).
# ruff (pyproject's [tool.ruff]: style, common mistakes, one formatting) and mypy ([tool.mypy]).
lint: $(STAMP)
	$(VENV)/bin/ruff check src tests scripts handbook
	$(VENV)/bin/ruff format --check src tests scripts handbook
	$(PY) -m mypy

# psychoed's handbook (handbook/), built with psychoed's own stack in strict mode; its references
# are made from the code by handbook/hooks/reference.py. No -q: it would hide the warnings strict
# mode fails on.
docs: $(STAMP)
	$(VENV)/bin/mkdocs build --strict -f handbook/mkdocs.yml -d ../site-handbook

audit: system-browser system-audit $(STAMP) $(AUDIT_TOOLS) vendor
	$(PYTEST) -m audit
	$(PY) scripts/audit.py

# The wheel directors install (handbook/docs/director.md, "Installing psychoed from its wheel"): lessons, theme, vendored
# assets and the stock history inside.
wheel: $(STAMP)
	$(PY) -m pip wheel -q --no-deps --no-build-isolation -w dist .

bench: system-browser $(STAMP)
	$(PY) scripts/bench.py

clean:
	rm -rf site site-handbook .pytest_cache .hypothesis
