# Two entry points for a fresh machine: `make site` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: site test system-packages schema clean

site: $(STAMP)
	$(BIN)/kb build

test: $(STAMP) system-packages
	$(BIN)/python -m pytest

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	touch $@

# Debian packages the tests drive (browser, web server); installed when missing and we are root.
system-packages:
	@sh tools/system-packages.sh chromium:/usr/bin/chromium nginx:/usr/sbin/nginx firefox-esr:/usr/bin/firefox-esr

schema: $(STAMP)
	$(BIN)/kb schema --out schema

clean:
	rm -rf $(VENV) docs site dist
