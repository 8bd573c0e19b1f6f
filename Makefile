# egov-stats: `make run` serves the API with demo data; `make test` runs the whole suite.
# Both create the virtual environment and install what is missing first.
# DATABASE_URL selects the database (default: SQLite file db.sqlite3 in this folder).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test lint format migrate seed schema bench serve fuzz messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files: reinstall only when a requirements file changes.
$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

migrate: $(VENV)/.runtime
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo

run: seed
	@echo "Serving http://$(HOST):$(PORT)/api/v1/  (docs: http://$(HOST):$(PORT)/api/docs/)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

schema: $(VENV)/.runtime
	$(BIN)/python manage.py spectacular --validate --fail-on-warn --file schema.yml

# Production server: gunicorn with egov_api/gunicorn.conf.py (settings from the environment;
# DJANGO_DEBUG=false needs DJANGO_SECRET_KEY). Static files are collected for whitenoise.
serve: migrate
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/gunicorn -c egov_api/gunicorn.conf.py egov_api.wsgi

# Schema fuzzing against a live server: DATABASE_URL must name a PostgreSQL database to use.
fuzz: $(VENV)/.dev
	.ci/fuzz.sh "$(DATABASE_URL)" $(or $(SECONDS),60)

# Arabic messages: extract, then compile (needs GNU gettext).
messages: $(VENV)/.dev
	$(BIN)/python manage.py makemessages -l ar --ignore=.venv --ignore=bench --ignore=tests --no-location
	$(BIN)/python manage.py compilemessages -l ar

# Benchmark against PostgreSQL: SCALE=tiny|national|stress (default national).
bench: $(VENV)/.dev
	$(BIN)/python -m bench $(if $(SCALE),--scale $(SCALE))

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .hypothesis
