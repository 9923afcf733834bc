# Verbal Voyager: `make run` to try it, `make test` to test it. See README.md.
SHELL := /bin/bash
# Local settings, if any (see .env.example), are exported to every command.
-include .env
export
export UV_PYTHON_DOWNLOADS := never
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
HOST ?= 127.0.0.1:8000

.PHONY: run test setup uv browser lint format messages dictionary openmoji

# Install everything, migrate, load the demo data and serve the app.
run: setup
	DEBUG=true $(UV) run python manage.py migrate --no-input
	DEBUG=true $(UV) run python manage.py seed_demo
	DEBUG=true $(UV) run python manage.py runserver $(HOST)

# The full dictionary (≈75,000 entries) from Debian's dictionary packages; safe to run again.
# Needs: sudo apt-get install dict-freedict-fra-rus dict-freedict-fra-eng dict-freedict-eng-fra \
#   mueller7-dict wordnet-base python3-grammalecte. Pass options with DICTIONARY_ARGS="--limit 300".
dictionary: setup openmoji
	DEBUG=$${DEBUG:-true} $(UV) run python manage.py migrate --no-input
	DEBUG=$${DEBUG:-true} $(UV) run python manage.py import_dictionary $(DICTIONARY_ARGS)

# OpenMoji's pictures and emojibase's emoji names for the dictionary: data files from npm, pinned
# in data/openmoji/package-lock.json (no JavaScript runs). Without npm the import skips them.
openmoji:
	@if command -v npm >/dev/null; then \
	  npm ci --prefix data/openmoji --ignore-scripts --no-audit --no-fund; \
	else \
	  echo "npm not found: the dictionary gets no OpenMoji pictures. Install npm (sudo apt-get install npm), then run make dictionary again."; \
	fi

# The whole suite: unit tests and end-to-end tests in a real Chromium.
test: setup browser
	$(UV) run pytest $(PYTEST_ARGS)

setup: uv
	$(UV) sync --locked

# uv, the installer: taken from PATH, or installed into .tools/ with the machine's Python 3.11.
uv:
	@if [ ! -x "$(UV)" ]; then \
	  echo "uv is missing: installing it into .tools/"; \
	  python3 -m venv .tools && .tools/bin/pip install --quiet uv || { \
	    echo "Could not install uv. Install it yourself: python3 -m pip install --user uv (or see https://docs.astral.sh/uv/)"; exit 1; }; \
	fi

# A Chromium for the end-to-end tests: Debian's /usr/bin/chromium, or Playwright's own download.
browser: setup
	@if [ -n "$$CHROMIUM_PATH" ] || [ -x /usr/bin/chromium ] || ls ~/.cache/ms-playwright/chromium-* >/dev/null 2>&1 \
	    || ls ~/Library/Caches/ms-playwright/chromium-* >/dev/null 2>&1; then :; \
	else \
	  echo "No Chromium found: asking Playwright to download one."; \
	  $(UV) run playwright install chromium || { \
	    echo "Install Chromium yourself: on Debian/Ubuntu 'sudo apt-get install chromium', then run make test again."; exit 1; }; \
	fi

lint:
	$(UV) run ruff check .
	$(UV) run ruff format --check .

format:
	$(UV) run ruff check --fix .
	$(UV) run ruff format .

# Update the Russian catalogue after changing UI text, then translate the new entries.
messages:
	DEBUG=true $(UV) run python manage.py makemessages -l ru --no-obsolete --ignore=.venv --ignore=.tools --ignore=staticfiles
	DEBUG=true $(UV) run python manage.py compilemessages --ignore=.venv --ignore=.tools
