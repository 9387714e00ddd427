# Two commands for everyone: `make build` and `make test`. Each installs what it needs.
PY := .venv/bin/python

help:
	@echo "make build      cài những gì còn thiếu, kiểm tra nội dung, dựng site/ và mọi tệp PDF (EDITION=mã, COMMUNE=mã)"
	@echo "make test       cài những gì còn thiếu (cả Chromium, poppler, zbar), chạy ruff và toàn bộ kiểm thử"
	@echo "make test-fast  các kiểm thử không cần trình duyệt, không dựng cả trang, không dựng PDF (dưới một phút)"
	@echo "make serve      xem trước trên http://127.0.0.1:8000 (PORT=...), tự dựng lại khi lưu tệp"
	@echo "make release    bản công bố: chỉ nội dung đã duyệt (EDITION=mã)"
	@echo "make check      chỉ kiểm tra nội dung, không ghi gì"
	@echo "make lint       chỉ chạy ruff"
	@echo "make weight     dung lượng lần đầu mở trang chủ"
	@echo "make bench      đo tốc độ so với các cách làm khác (docs/BENCHMARKS.md)"
	@echo "make clean      xóa site/, .cache/ và khóa dựng"
	@echo "Các lệnh của công cụ: .venv/bin/python build.py --help"

.PHONY: help build release check serve test test-fast lint report bench weight setup setup-test clean

# make build EDITION=<id> [COMMUNE=<id>]: a local edition (python build.py editions lists them)
build: setup
	$(PY) build.py $(if $(EDITION),--edition $(EDITION)) $(if $(COMMUNE),--commune $(COMMUNE))

release: setup
	$(PY) build.py --release $(if $(EDITION),--edition $(EDITION)) $(if $(COMMUNE),--commune $(COMMUNE))

check: setup
	$(PY) build.py check

PORT ?= 8000
serve: setup
	$(PY) build.py serve --port $(PORT)

test: setup-test
	$(PY) -m ruff check bhxhpub tests scripts build.py
	$(PY) -m pytest -q -n 2 --dist loadfile tests

# No browser, no full builds or PDF renders, no long property tests: well under a minute.
test-fast: setup
	$(PY) -m pytest -q tests -m "not build and not browser and not slow and not cli"

lint: setup
	$(PY) -m ruff check bhxhpub tests scripts build.py

weight: build
	$(PY) scripts/page_weight.py site

# RUNS=3 by default; BENCH_ARGS="--only province" etc. (scripts/bench.py --help)
bench: setup
	@bash scripts/setup.sh bench
	@.venv/bin/pip install -q --disable-pip-version-check -r requirements-bench.txt
	$(PY) scripts/bench.py --runs $(or $(RUNS),3) $(BENCH_ARGS)

setup:
	@bash scripts/setup.sh build

setup-test:
	@bash scripts/setup.sh test

clean:
	rm -rf site .cache .build.lock
