# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The address emailed links use: the port the site is served on, unless SITE_URL is set.
LINK_URL = $(or $(SITE_URL),http://127.0.0.1:$(PORT))
DEV_ENV = DEBUG=true SITE_URL="$(LINK_URL)"
MANAGE := $(BIN)/python manage.py

.PHONY: install lock lock-upgrade run test lint typecheck format assets serve bench messages clean

install: $(VENV)/.installed

# Installs exactly the versions pinned in requirements-dev.lock, each checked against its
# hash, so two fresh installs are the same; then the project itself. pyproject.toml keeps
# the ranges the code supports; `make lock` turns them into pins.
$(VENV)/.installed: pyproject.toml requirements-dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip setuptools
	$(BIN)/python -m pip install -q --require-hashes -r requirements-dev.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

# After changing dependencies in pyproject.toml: pins what is new, keeps every other pin.
# requirements.lock (runtime only) is what a production image installs.
LOCK = $(BIN)/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 \
	--python-platform linux -q --custom-compile-command "make lock"
lock: install
	$(LOCK) $(LOCK_ARGS) -o requirements.lock
	$(LOCK) $(LOCK_ARGS) --extra dev -o requirements-dev.lock

# Moves every pin to the newest version pyproject.toml allows (then run make test).
lock-upgrade:
	$(MAKE) lock LOCK_ARGS=--upgrade

# Set up the database with content and demo data, then serve the site and run the task
# worker (emails) until Ctrl+C stops both.
run: install
	$(DEV_ENV) $(MANAGE) migrate --noinput
	$(DEV_ENV) $(MANAGE) createcachetable
	$(DEV_ENV) $(MANAGE) setup_site --demo
	@echo "Serving on http://127.0.0.1:$(PORT) (emails are written to sent_emails/)"
	trap 'kill 0' INT TERM EXIT; \
	$(DEV_ENV) $(MANAGE) db_worker --interval 1 & \
	$(DEV_ENV) $(MANAGE) runserver 127.0.0.1:$(PORT)

test: install typecheck
	./scripts/ensure-system-packages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest --cov $(PYTEST_ARGS)

# mypy, strict, over the modules listed in pyproject.toml ([tool.mypy] files). The
# django-stubs plugin reads the test settings, so the project root must be importable.
typecheck: install
	PYTHONPATH=. $(BIN)/mypy

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Rebuilds static/css/app.css and static/js/app.js from assets/ (needs Node and npm).
# The output is committed, so only people changing styles or scripts need this.
assets:
	cd assets && npm ci --no-audit --no-fund && npm run build

# Production settings on this machine: DEBUG off, static files collected (WhiteNoise serves
# them), granian (victims_service/serve.py) and the task worker. SECURE=false only because
# this is plain HTTP on localhost: with it on, cookies are HTTPS-only (browsers drop them
# over http://) and every request redirects to https://. Real deployments keep SECURE on
# (docs/operations.md).
# SECRET_KEY comes from the environment or is generated once into .secret_key (untracked).
# Its own database file, db-serve.sqlite3, unless DATABASE_URL is set: `make run`'s
# db.sqlite3 holds demo accounts with printed passwords, which production settings must
# never serve.
SERVE_ENV = DEBUG=false SECURE=false ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	DATABASE_URL="$${DATABASE_URL:-sqlite:///$(CURDIR)/db-serve.sqlite3}" \
	SECRET_KEY="$${SECRET_KEY:-$$(cat .secret_key)}" CONN_MAX_AGE="$${CONN_MAX_AGE:-60}" \
	PORT=$(PORT) SITE_URL="$(LINK_URL)"

serve: install .secret_key
	$(SERVE_ENV) $(MANAGE) collectstatic --noinput -v0
	$(SERVE_ENV) $(MANAGE) migrate --noinput
	$(SERVE_ENV) $(MANAGE) createcachetable
	$(SERVE_ENV) $(MANAGE) setup_site
	@echo "Serving production settings on http://127.0.0.1:$(PORT)"
	trap 'kill 0' INT TERM EXIT; \
	$(SERVE_ENV) $(MANAGE) db_worker --interval 1 & \
	$(SERVE_ENV) $(BIN)/python -m victims_service.serve

.secret_key:
	umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@

# Benchmarks against production settings on PostgreSQL (database victims_bench); writes
# bench/RESULTS.md. Needs wrk (apt-get install -y wrk). See bench/README.md.
bench: install
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	$(BIN)/python bench/run.py $(BENCH_ARGS)

messages: install
	$(DEV_ENV) $(MANAGE) makemessages -l cy --no-location
	$(DEV_ENV) $(MANAGE) makemessages -l cy --no-location -d djangojs --ignore=node_modules
	$(DEV_ENV) $(MANAGE) compilemessages -l cy --ignore=.venv --ignore=node_modules

clean:
	rm -rf $(VENV) db.sqlite3 db-serve.sqlite3 staticfiles sent_emails
