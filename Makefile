# Werkplaats portal. `make run` to try it, `make test` before every commit.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
DEV := DJANGO_DEBUG=true

.PHONY: install run test lint format serve migrate demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(DEV) $(BIN)/python manage.py migrate --noinput

demo: migrate
	$(DEV) $(BIN)/python manage.py load_demo

## Development server with demo content on http://127.0.0.1:8000 (SQLite unless DATABASE_URL).
run: migrate
	$(DEV) $(BIN)/python manage.py load_demo --if-empty
	$(DEV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates */templates --lint

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Lint, migrations in sync, and the whole pytest suite (browser tests included).
test: lint
	$(DEV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

## Production settings under gunicorn, on plain http://127.0.0.1:8000 for a local try.
serve: install
	@export DJANGO_DEBUG=false DJANGO_ALLOW_PLAIN_HTTP=true \
		DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost} \
		DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')} && \
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0 && \
	$(BIN)/python manage.py migrate --noinput && \
	$(BIN)/python manage.py load_demo --if-empty && \
	$(BIN)/gunicorn werkplaats.wsgi --bind $(HOST):$(PORT) --workers 2 --access-logfile -

clean:
	rm -rf staticfiles var .pytest_cache
