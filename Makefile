# The two set-up commands of the README: `make demo` and `make test`.
# Each bootstraps the pinned environment itself, so it works on a fresh clone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export MPO_HOME ?= $(CURDIR)/mpo_home

.PHONY: bootstrap browser demo test test-reliability bench dagster dashboard lint clean

bootstrap: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# Debian's Chromium for the browser test; needs root (CI and the dev machines run as root).
browser:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

demo: bootstrap
	$(BIN)/mpo demo

test: bootstrap browser
	$(BIN)/python -m pytest -q -m "not slow"

test-reliability: bootstrap browser
	$(BIN)/python -m pytest -q -m slow --durations=15

bench: bootstrap
	$(BIN)/mpo bench

dagster: bootstrap
	$(BIN)/mpo init && DAGSTER_HOME=$(MPO_HOME)/dagster $(BIN)/dagster dev -w workspace.yaml

dashboard: bootstrap
	$(BIN)/mpo dashboard

lint: bootstrap
	$(BIN)/ruff check mpo pipelines schemas dashboards tests

clean:
	rm -rf $(VENV) dbt_project/target dbt_project/logs
