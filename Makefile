# Two commands on a fresh machine:  `make demo`  and  `make test`  (see README).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SELARAS := $(VENV)/bin/selaras
# Never reach for a model hub at run time; everything the model needs ships with the project.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test install lint bench fuzz clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# the CPU wheel first: a plain `torch` requirement would pull gigabytes of CUDA
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# The main job on the bundled corpus, offline, with the embedded model. The demo corpus has
# real drift, so `selaras check` would exit 1; --fail-on never keeps `make` going.
demo: install
	$(SELARAS) check examples/ --fail-on never
	@mkdir -p out
	$(SELARAS) check examples/ --format html --output out/selaras-report.html --fail-on never --quiet
	@echo "HTML report: out/selaras-report.html"

test: install
	$(PY) -m pytest

# ruff for lint and format, mypy for types; .ci/run runs this before the tests.
lint: install
	$(VENV)/bin/ruff check claims checker tests benchmarks
	$(VENV)/bin/ruff format --check claims checker tests benchmarks
	$(VENV)/bin/mypy claims checker

# Quality and speed figures (README, Figures): the pytest-benchmark suites, then the
# real-coverage benchmark (14 stories with gold; corpus and draft mode).
bench: install
	$(PY) -m pytest benchmarks --benchmark-enable
	$(PY) benchmarks/coverage_benchmark.py --draft

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache

# The long fuzzing run (about 20,000 generated inputs over the six fuzz tests); CI runs 2,000 each.
fuzz: install
	SELARAS_FUZZ_EXAMPLES=3400 $(PY) -m pytest tests/claims/test_bad_inputs_fuzz.py -q
