# Kollega — the two commands a new user needs are `make demo` and `make test`.
# Each creates .venv with Python >= 3.12 and installs the project into it when needed.

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install lint typecheck format messages check-migrations test-sqlite test-postgres test-browser test-api-fuzz clean

demo: $(STAMP)
	$(BIN)/kollega demo

test: $(STAMP)
	scripts/run-tests

install: $(STAMP)

$(STAMP): pyproject.toml scripts/find-python
	@PY=$$(scripts/find-python) || exit 1; \
	if [ ! -x $(BIN)/python ]; then echo "Creating $(VENV) with $$PY"; "$$PY" -m venv $(VENV) || exit 1; fi
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

format: $(STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy src

check-migrations: $(STAMP)
	$(BIN)/kollega manage makemigrations --check --dry-run

messages: $(STAMP)
	cd src/kollega && ../../$(BIN)/kollega manage makemessages -l nb -l da -l sv --no-obsolete --no-location
	$(BIN)/kollega manage compilemessages --ignore=.venv

test-sqlite: $(STAMP)
	$(BIN)/pytest -m "not browser"

test-postgres: $(STAMP)
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/test $(BIN)/pytest -m "not browser"

test-browser: $(STAMP)
	$(BIN)/pytest -m browser

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache demo.sqlite3*
