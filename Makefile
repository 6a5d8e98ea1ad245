# psychoed: `make site` builds the bundled curriculum; `make test` runs every test.
# Both set up what they need on a fresh Debian machine: system packages, a virtualenv, pip packages.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: setup system system-browser vendor site test check bench clean

$(STAMP): pyproject.toml vendor/assets.json
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

setup: system $(STAMP)

site: setup
	$(VENV)/bin/psychoed build

check: setup
	$(VENV)/bin/psychoed check --strict

test: system-browser $(STAMP)
	$(PY) -m pytest -q

bench: system-browser $(STAMP)
	$(PY) scripts/bench.py

clean:
	rm -rf site .pytest_cache .hypothesis
