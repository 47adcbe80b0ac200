# The README's commands, and the maintainers' (handbook/tests.md). Each target sets up
# what it needs: a virtual environment with the pinned packages (requirements.txt) and
# the Debian packages (scripts/system-packages.sh).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed-requirements
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test check handbook serve serve-nginx bench forms import-reports lint format system-packages clean

site: $(INSTALLED) system-packages
	$(BIN)/python scripts/build_site.py

# Every test, in three workers on the two cores (the browser tests wait on chromium
# part of the time); a worker that runs out of tests takes some of another's (one file's
# keyboard walks alone took five minutes). The slowest are listed at the end.
test: $(INSTALLED) system-packages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n 3 --dist worksteal --durations=15

# The loop while editing: no browser, no build of a copy (handbook/tests.md).
check: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 --dist loadfile -m "not browser and not slow" --durations=5

# The handbook's tables that are written from the tests' own cases.
handbook: $(INSTALLED)
	PLANSITE_WRITE_HANDBOOK=1 $(BIN)/python -m pytest -q tests/test_bad_input.py -k handbook

serve: $(INSTALLED) system-packages
	$(BIN)/python scripts/serve.py

# site/ (built by make site) served by nginx as a web server publishes it (deploy/nginx/)
serve-nginx: $(INSTALLED) system-packages
	$(BIN)/python scripts/serve_nginx.py

bench: $(INSTALLED) system-packages
	$(BIN)/python scripts/bench.py

# every department's report form into build/forms/, to send out
forms: $(INSTALLED)
	$(BIN)/python scripts/build_forms.py

# the filled forms that came back into data/progress/: make import-reports FILES="a.xlsx b.xlsx"
import-reports: $(INSTALLED)
	$(BIN)/python scripts/import_reports.py $(FILES)

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

system-packages:
	@sh scripts/system-packages.sh

# The project is installed editable as a path entry (compat mode): setuptools' default
# import finder took 10 ms of every Python start, a twenty-fifth of the generator's run.
$(INSTALLED): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps \
		--no-build-isolation --editable . --config-settings editable_mode=compat
	touch $@

clean:
	rm -rf site .cache build
