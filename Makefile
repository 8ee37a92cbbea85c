# Two commands: `make run` (demo site on SQLite) and `make test` (everything,
# on a throwaway PostgreSQL and S3). Both set themselves up from the lock files.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .make
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test checks bench stack lint format install install-dev clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMPS)/runtime: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@mkdir -p $(STAMPS) && touch $@ $(STAMPS)/runtime

# The Nu HTML checker (vnu-jar from npm, run with Java) for the HTML validity tests.
$(STAMPS)/node: package.json
	@if command -v npm >/dev/null 2>&1; then npm install --no-package-lock --no-audit --no-fund --silent; \
	else echo "npm not found: the Nu HTML checker tests will be skipped (CI fails them)"; fi
	@mkdir -p $(STAMPS) && touch $@

install: $(STAMPS)/runtime
install-dev: $(STAMPS)/dev $(STAMPS)/node

run: $(STAMPS)/runtime
	$(PY) manage.py compile_catalogues
	$(PY) manage.py migrate --noinput
	TASKS_BACKEND=immediate $(PY) manage.py load_demo_data
	$(PY) manage.py ensure_local_admin
	@echo "Serving the toolkit at http://localhost:8000/ (admin at http://localhost:8000/admin/), with the task worker"
	$(PY) manage.py devserver 8000

test: $(STAMPS)/dev $(STAMPS)/node
	$(PY) -m tests.services --non-durable -- $(MAKE) --no-print-directory checks

# Run by `make test` inside the services; DATABASE_URL and AWS_* are set. The
# test database is migrated and the demo loaded while the linters run
# (tests/prepared_database.py); each pytest worker then clones it.
checks:
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py compile_catalogues
	export TEST_DATABASE_RUN=run-$$$$-$$(date +%s); \
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) -m tests.prepared_database & prepared=$$!; \
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check . \
	&& DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py check \
	&& DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) manage.py makemigrations --check --dry-run \
	|| { kill $$prepared; exit 1; }; \
	$(PY) -m pytest $(PYTEST_ARGS); status=$$?; kill $$prepared 2>/dev/null; wait $$prepared; \
	DJANGO_SETTINGS_MODULE=cms.settings.test $(PY) -m tests.prepared_database --clean; exit $$status

# The production topology on this machine (PostgreSQL, Redis, S3, two gunicorn
# app servers, the task worker, Varnish); Ctrl-C stops it all. See deploy/.
stack: $(STAMPS)/dev
	$(PY) -m deploy.stack

bench: $(STAMPS)/dev
	$(PY) -m tests.services -- $(PY) -m bench $(BENCH_ARGS)

format: $(STAMPS)/dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) $(STAMPS)
