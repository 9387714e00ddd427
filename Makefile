# Two commands for everyone: `make build` and `make test`. Each installs what it needs.
PY := .venv/bin/python

.PHONY: build release check serve test test-fast lint report bench weight setup setup-test clean

# make build EDITION=<id> [COMMUNE=<id>]: a local edition (python build.py editions lists them)
build: setup
	$(PY) build.py $(if $(EDITION),--edition $(EDITION)) $(if $(COMMUNE),--commune $(COMMUNE))

release: setup
	$(PY) build.py --release $(if $(EDITION),--edition $(EDITION))

check: setup
	$(PY) build.py check

PORT ?= 8000
serve: setup
	$(PY) build.py serve --port $(PORT)

test: setup-test
	$(PY) -m ruff check bhxhpub tests scripts build.py
	$(PY) -m pytest -q tests

# No browser, no full builds or PDF renders, no long property tests: well under a minute.
test-fast: setup
	$(PY) -m pytest -q tests -m "not build and not browser and not slow"

lint: setup
	$(PY) -m ruff check bhxhpub tests scripts build.py

weight: build
	$(PY) scripts/page_weight.py site

bench: setup
	@.venv/bin/pip install -q --disable-pip-version-check -r requirements-bench.txt
	$(PY) scripts/bench.py

setup:
	@bash scripts/setup.sh build

setup-test:
	@bash scripts/setup.sh test

clean:
	rm -rf site .cache .build.lock
