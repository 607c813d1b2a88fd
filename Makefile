# Werkplaats portal. `make run` to try it, `make test` before every commit.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
DEV := DJANGO_DEBUG=true

.PHONY: install lock lock-check audit system-packages run test lint format serve migrate demo clean \
	bench bench-search bench-netwerk

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Exactly the versions and files of the lock (requirements/dev.txt: the runtime and the test
# dependencies, each with its hashes), then the portal itself; a changed lock installs again.
$(STAMP): requirements/dev.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

## Pin every dependency of pyproject.toml with the hashes of its files: requirements/dev.txt
## (development, CI) and requirements/prod.txt (the servers; the same versions). Pins stay
## where they are unless asked: LOCK_OPTIONS='--upgrade-package django' moves one,
## LOCK_OPTIONS=--upgrade all.
COMPILE = $(CURDIR)/$(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --universal \
	--python-version 3.11 --custom-compile-command 'make lock'
lock: install
	$(COMPILE) --extra dev $(LOCK_OPTIONS) -o requirements/dev.txt
	$(COMPILE) --constraints requirements/dev.txt -o requirements/prod.txt

## Fails when requirements/ is not what `make lock` makes of pyproject.toml now (asks the index).
lock-check: install
	@tmp=$$(mktemp -d) && mkdir $$tmp/requirements && cp pyproject.toml $$tmp/ && \
	cp requirements/dev.txt requirements/prod.txt $$tmp/requirements/ && \
	(cd $$tmp && $(COMPILE) --extra dev -o requirements/dev.txt && \
		$(COMPILE) --constraints requirements/dev.txt -o requirements/prod.txt) && \
	if diff -u requirements $$tmp/requirements; then rm -rf $$tmp; \
	else rm -rf $$tmp; echo "requirements/ past niet meer bij pyproject.toml: draai make lock."; exit 1; fi

## Known vulnerabilities in the locked packages (pip-audit; status 1 when one is found).
audit: install
	$(BIN)/python .ci/audit.py requirements/dev.txt

## Chromium and Java for the browser tests and the HTML checker: installed with apt-get when
## that needs no password, otherwise the command to run.
system-packages:
	@bash .ci/system-packages

migrate: install
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py setup_roles

demo: migrate
	$(DEV) $(BIN)/python manage.py load_demo

## Development server with demo content on http://127.0.0.1:8000 (SQLite unless DATABASE_URL).
run: migrate
	$(DEV) $(BIN)/python manage.py load_demo --if-empty
	$(DEV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

## ruff, djlint, and the import contract of the floors (pyproject.toml, [tool.importlinter]).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates */templates --lint
	PYTHONPATH=$(CURDIR) $(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Lint, migrations in sync, and the whole pytest suite (browser tests included).
test: system-packages lint
	$(DEV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

## Production settings under gunicorn, on plain http://127.0.0.1:8000 for a local try.
serve: install
	@export DJANGO_DEBUG=false DJANGO_ALLOW_PLAIN_HTTP=true \
		DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost} \
		DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')} && \
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0 && \
	$(BIN)/python manage.py migrate --noinput && \
	$(BIN)/python manage.py setup_roles && \
	$(BIN)/python manage.py load_demo --if-empty && \
	GUNICORN_BIND=$(HOST):$(PORT) WEB_CONCURRENCY=$${WEB_CONCURRENCY:-2} \
		$(BIN)/gunicorn --config gunicorn.conf.py

clean:
	rm -rf staticfiles var .pytest_cache

## Search benchmark on PostgreSQL (50,000 synthetic publicaties in database werkplaats_bench),
## with production settings (debug off, hashed static files).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/werkplaats_bench
bench-search: install
	$(call database,$(BENCH_DATABASE_URL))
	@export DATABASE_URL=$(BENCH_DATABASE_URL) DJANGO_DEBUG=false DJANGO_ALLOW_PLAIN_HTTP=true \
		DJANGO_ALLOWED_HOSTS=localhost DJANGO_STATIC_ROOT=var/bench-static \
		DJANGO_SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') && \
	$(BIN)/python manage.py collectstatic --noinput -v0 && \
	$(BIN)/python manage.py migrate --noinput -v0 && \
	$(BIN)/python -m bench search

## Network picture benchmark (about 500 nodes and 2,000 edges, synthetic) with production
## settings: server time of /netwerk.json and time until /netwerk/ is drawn in headless Chromium.
BENCH_NETWERK_DATABASE_URL ?= sqlite:///$(CURDIR)/var/bench-netwerk.sqlite3
bench-netwerk: install
	@mkdir -p var
	@export DATABASE_URL=$(BENCH_NETWERK_DATABASE_URL) DJANGO_DEBUG=false DJANGO_ALLOW_PLAIN_HTTP=true \
		DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost DJANGO_STATIC_ROOT=var/bench-static \
		DJANGO_SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') && \
	$(BIN)/python manage.py collectstatic --noinput -v0 && \
	$(BIN)/python manage.py migrate --noinput -v0 && \
	$(BIN)/python -m bench netwerk

## Every kind of public page next to a bare Django page: gunicorn (2 sync workers, production
## settings), wrk; first on the demo content (PostgreSQL database werkplaats_bench_demo), then on
## the synthetic network of `manage.py seed_volume --scale $(BENCH_SCALE)` (werkplaats_bench_volume).
BENCH_PAGES_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/werkplaats_bench_demo
BENCH_VOLUME_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/werkplaats_bench_volume
BENCH_SCALE ?= 1
# All load comes from one address: the API's limit per client would answer 429 to most of it.
BENCH_SERVER := DJANGO_DEBUG=false DJANGO_ALLOW_PLAIN_HTTP=true \
	DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost DJANGO_STATIC_ROOT=var/bench-static \
	DJANGO_TASKS_BACKEND=immediate DJANGO_API_RATE=1000000/min
# $(call database,URL): the PostgreSQL database of URL, created when it is missing.
database = psql "$(dir $(1))postgres" -qtc "SELECT 1 FROM pg_database WHERE datname = '$(notdir $(1))'" | grep -q 1 \
	|| psql "$(dir $(1))postgres" -qc "CREATE DATABASE $(notdir $(1))"
bench: install
	@command -v wrk >/dev/null || { echo "wrk ontbreekt: sudo apt-get install wrk"; exit 1; }
	$(call database,$(BENCH_PAGES_DATABASE_URL))
	$(call database,$(BENCH_VOLUME_DATABASE_URL))
	@mkdir -p var
	@export $(BENCH_SERVER) DATABASE_URL=$(BENCH_PAGES_DATABASE_URL) \
		DJANGO_CACHE_DIR=$(CURDIR)/var/bench-cache-demo \
		DJANGO_SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') && \
	$(BIN)/python manage.py collectstatic --noinput -v0 && \
	$(BIN)/python manage.py migrate --noinput -v0 && \
	$(BIN)/python manage.py setup_roles -v0 && \
	DJANGO_DEBUG=true $(BIN)/python manage.py load_demo --if-empty -v0 && \
	echo "== demo" && $(BIN)/python -m bench pages $(BENCH_OPTIONS)
	@export $(BENCH_SERVER) DATABASE_URL=$(BENCH_VOLUME_DATABASE_URL) \
		DJANGO_CACHE_DIR=$(CURDIR)/var/bench-cache-volume \
		DJANGO_SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') && \
	$(BIN)/python manage.py migrate --noinput -v0 && \
	$(BIN)/python manage.py setup_roles -v0 && \
	$(BIN)/python manage.py seed_volume --scale $(BENCH_SCALE) && \
	echo "== volume (scale $(BENCH_SCALE))" && \
	$(BIN)/python -m bench pages --account deelnemer@voorbeeld.test $(BENCH_OPTIONS)
