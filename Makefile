# Each target creates .venv and installs kgbuild from pyproject.toml when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint install clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,lint]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/kgbuild build seeds/ -o out
	@for q in who-said-what what-did-entity denials-and-negations; do \
		echo; echo "== queries/$$q.rq"; \
		$(BIN)/kgbuild query out -f queries/$$q.rq; \
	done

# the tests and the doctests of kgbuild/ (pyproject.toml: testpaths, --doctest-modules)
test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) out build *.egg-info
