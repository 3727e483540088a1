# SPDX-License-Identifier: AGPL-3.0-or-later
# `make run` and `make test` are the README's two commands: each creates .venv and
# installs the locked dependencies by itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APPS := core directory accounts alliances events competitions mobility library resources forum talent observatory portal

.PHONY: run test check lint format messages vendor clean bench scaleout

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

run: $(STAMP)
	AMUR_DEBUG=$${AMUR_DEBUG:-1} $(BIN)/amur up

test: $(STAMP)
	AMUR_DEBUG=1 $(BIN)/amur compilemessages_amur
	$(BIN)/python -m pytest -n auto -p no:cacheprovider $(PYTEST_ARGS)

check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	AMUR_DEBUG=1 $(BIN)/amur makemigrations --check --dry-run
	AMUR_DEBUG=1 $(BIN)/amur compilemessages_amur
	AMUR_DEBUG=1 $(BIN)/amur check

lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the .po catalogues of every app after adding UI strings; then translate them.
messages: $(STAMP)
	for app in $(APPS); do \
	  mkdir -p amur/$$app/locale; \
	  (cd amur/$$app && AMUR_DEBUG=1 ../../$(BIN)/python -P -m django makemessages \
	     --settings=amur.settings -l zh_Hans -l ru --no-obsolete --no-location >/dev/null) || exit 1; \
	done

# The benchmark (issue 19): a throwaway PostgreSQL database bench_amur, rebuilt unless
# BENCH_ARGS has --reuse-dataset; needs Debian's hey (apt-get install -y hey). The report
# goes to bench/results/. A quick run: BENCH_ARGS="--scale 2 --people 0 --mobilities 0
# --library-records 2000 --seconds 2 --rush-online 200 --rush-in-person 20".
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/bench_amur
bench: $(STAMP)
	AMUR_DEBUG=1 $(BIN)/amur compilemessages_amur
	AMUR_DATABASE_URL=$(BENCH_DATABASE_URL) AMUR_DEBUG= \
	  AMUR_SECRET_KEY=$${AMUR_SECRET_KEY:-bench-only-not-a-secret} $(BIN)/amur bench $(BENCH_ARGS)

vendor:
	scripts/vendor-assets

# Two app servers behind Debian's nginx, a task worker, a rush with one server killed, and a
# PostgreSQL streaming replica, all on loopback, all stopped afterwards (scripts/scaleout.py).
scaleout: $(STAMP)
	AMUR_DEBUG=1 $(BIN)/amur compilemessages_amur
	$(BIN)/python scripts/scaleout.py

clean:
	rm -rf $(VENV) var staticfiles
