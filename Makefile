# Flask Interview Lab: `make lab` to practise or interview, `make test` to check everything.
# Both create .venv and install the pinned packages on first use.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PORT   ?= 8888
WORK   ?= work
PIP_PIN := pip==26.3

# Extra root flag: JupyterLab refuses to run as root without it.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: install build lab test lint bench bench-grade sandbox clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check $(PIP_PIN)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@# jsonschema pulls rfc3987-syntax in as an optional format checker; it builds
	@# Lark parsers at import and costs every Jupyter process about a second
	@# (docs/grading-traps.md; bench/autograde.py measures it).
	$(PY) -m pip uninstall --quiet --yes rfc3987-syntax
	@# Candidates get nbgrader's assignment list and Validate button, not the
	@# instructor's formgrader, course list or Create Assignment tools.
	@for ext in formgrader create-assignment course-list; do \
		$(VENV)/bin/jupyter labextension disable --level=sys_prefix @jupyter/nbgrader:$$ext >/dev/null 2>&1; \
		$(VENV)/bin/jupyter labextension lock --level=sys_prefix @jupyter/nbgrader:$$ext >/dev/null 2>&1; \
	done
	$(VENV)/bin/jupyter server extension disable --sys-prefix nbgrader.server_extensions.formgrader >/dev/null
	$(VENV)/bin/jupyter server extension disable --sys-prefix nbgrader.server_extensions.course_list >/dev/null
	@touch $(STAMP)

install: $(STAMP)

build: $(STAMP)
	$(VENV)/bin/flasklab build

# Candidates work on a copy of release/ in $(WORK)/: a rebuild never touches their
# notebooks (cp -n keeps every file that is already there).
lab: build
	@mkdir -p $(WORK)
	@cp -rn release/. $(WORK)/
	@TOKEN=$$($(PY) -c 'import secrets; print(secrets.token_hex(24))'); \
	echo ""; \
	echo "  Flask Interview Lab is starting. Open:"; \
	echo "  http://127.0.0.1:$(PORT)/lab?token=$$TOKEN"; \
	echo ""; \
	exec $(VENV)/bin/jupyter lab --no-browser --ip 127.0.0.1 --port $(PORT) $(ROOT_FLAG) \
		--IdentityProvider.token=$$TOKEN --ServerApp.root_dir=$(WORK)

# flasklab grade runs every candidate's kernel in bubblewrap (Debian package
# bubblewrap). Installed here when missing and apt-get can run; otherwise the
# grading tests say what to install.
sandbox:
	@command -v bwrap >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null; } || \
		echo "bubblewrap is missing: install it (sudo apt-get install bubblewrap) to grade sandboxed."

# ruff and mypy keep their caches out of the checkout.
lint: $(STAMP)
	$(VENV)/bin/ruff check --no-cache .
	$(VENV)/bin/mypy --cache-dir "$${TMPDIR:-/tmp}/flasklab-mypy-cache"

# Two workers: each grades its exercises with real nbgrader in parallel.
test: $(STAMP) sandbox lint
	PYTHONDONTWRITEBYTECODE=1 $(PY) -m pytest -n 2 --dist loadgroup

bench: $(STAMP)
	$(PY) bench/autograde.py

bench-grade: $(STAMP) sandbox
	$(PY) bench/grade_batch.py

clean:
	rm -rf $(VENV) $(WORK) .pytest_cache
