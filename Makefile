# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEV_ENV := DEBUG=true
MANAGE := $(BIN)/python manage.py

.PHONY: install run test lint format assets serve bench messages clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

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

test: install
	./scripts/ensure-system-packages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest $(PYTEST_ARGS)

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

messages: install
	$(DEV_ENV) $(MANAGE) makemessages -l cy --ignore=.venv --ignore=assets

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles sent_emails
