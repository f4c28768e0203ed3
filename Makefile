# Gongkai — the two commands of the README.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export GONGKAI_DEBUG ?= 1

.PHONY: run test lint venv clean messages

# setup.py and the .pyx: the compiled line pass of the privacy scanner is rebuilt with them.
$(BIN)/gongkai: pyproject.toml setup.py gongkai/core/privacy/_linepass.pyx
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Gongkai needs Python 3.11 or newer"; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { echo "cannot create .venv: on Debian run 'apt-get install python3-venv'"; exit 1; }
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

venv: $(BIN)/gongkai

run: venv
	$(BIN)/gongkai demo
	@echo ""
	@echo "Gongkai is serving http://$(HOST):$(PORT)/  (console: http://$(HOST):$(PORT)/console/)"
	$(BIN)/gongkai runserver $(HOST):$(PORT)

test: venv
	GONGKAI_SECRET_KEY=test-only-secret-key $(BIN)/python -m pytest -q $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy gongkai/core
	$(BIN)/gongkai makemigrations --check --dry-run

clean:
	rm -rf $(VENV) var build *.egg-info

# Refresh the zh-hans catalogue after changing UI text, translate the new entries in
# gongkai/locale/zh_Hans/LC_MESSAGES/django.po, then compile (needs Debian's gettext).
messages: venv
	cd gongkai && ../$(BIN)/gongkai makemessages -l zh_Hans --no-location --no-obsolete
	cd gongkai && ../$(BIN)/gongkai compilemessages -l zh_Hans
