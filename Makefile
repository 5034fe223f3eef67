# Flask Interview Lab: `make lab` to practise or interview, `make test` to check everything.
# Both create .venv and install the pinned packages on first use.

VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8888
WORK   ?= work
PIP_PIN := pip==26.3

# The supported Pythons are those with a lock, constraints/py3.X.txt
# (pyproject.toml's requires-python admits exactly these; tests/test_environment.py checks).
SUPPORTED := $(sort $(patsubst constraints/py%.txt,%,$(wildcard constraints/py3.*.txt)))
VERSION_OF := import sys; print("%d.%d" % sys.version_info[:2])

# The interpreter: PYTHON when given (make lab PYTHON=python3.12). Otherwise the
# Python of an existing .venv when it still runs and is supported (no surprise
# rebuild), else the first supported one of python3 (the system's own), then the
# newest python3.X. One that cannot make venvs (Debian's python3.X without the
# python3.X-venv package) is passed over while another can, and named in the
# message when it is the only one.
comma := ,
space := $() $()
CANDIDATES := $(addprefix python,$(shell printf '%s\n' $(SUPPORTED) | sort -t. -k2,2nr))
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell \
	v=$$($(PY) -c '$(VERSION_OF)' 2>/dev/null) && case " $(SUPPORTED) " in (*" $$v "*) echo $(PY); exit 0;; esac; \
	fallback=; \
	for p in python3 $(CANDIDATES); do \
		v=$$($$p -c '$(VERSION_OF)' 2>/dev/null) || continue; \
		case " $(SUPPORTED) " in (*" $$v "*) ;; (*) continue;; esac; \
		$$p -c 'import ensurepip' 2>/dev/null && { echo $$p; exit 0; }; \
		fallback=$${fallback:-$$p}; \
	done; echo $$fallback)
endif
PYVER := $(if $(PYTHON),$(shell $(PYTHON) -c '$(VERSION_OF)' 2>/dev/null))
PYOK  := $(filter $(SUPPORTED),$(PYVER))
LOCK  := $(if $(PYOK),constraints/py$(PYVER).txt)
# One stamp per Python: a venv of another version, or a changed lock, installs again.
STAMP := $(VENV)/.installed-py$(PYVER)
WANTED := Python $(if $(word 2,$(SUPPORTED)),$(subst $(space),$(comma)$(space),$(filter-out $(lastword $(SUPPORTED)),$(SUPPORTED))) or )$(lastword $(SUPPORTED))

.PHONY: check-python install install-hub build lab lab-port hub test lint smoke lock bench bench-grade bench-feedback bench-hub sandbox clean

# Says what to install, and stops, before anything is created.
check-python:
ifeq ($(PYTHON),)
	@v=$$(python3 -c '$(VERSION_OF)' 2>/dev/null) && v="python3 is Python $$v" || v="no python3 runs"; \
	echo "No supported Python found ($$v; none of $(subst $(space),$(comma)$(space),$(CANDIDATES)) runs)." >&2
	@echo "Flask Interview Lab needs $(WANTED). Install one (Debian/Ubuntu: apt-get install python3.12-venv;" >&2
	@echo "Fedora: dnf install python3.13), then run make again, or name it: make lab PYTHON=/path/to/python3.12" >&2
	@exit 1
else ifeq ($(PYVER),)
	@echo "PYTHON=$(PYTHON) does not run. Flask Interview Lab needs $(WANTED): install one or name another," >&2
	@echo "e.g. make lab PYTHON=python3.12" >&2
	@exit 1
else ifeq ($(PYOK),)
	@echo "$(PYTHON) is Python $(PYVER); Flask Interview Lab needs $(WANTED)." >&2
	@echo "Install one (Debian/Ubuntu: apt-get install python3.12-venv; Fedora: dnf install python3.13)," >&2
	@echo "then run make again, or name it: make lab PYTHON=/path/to/python3.12" >&2
	@exit 1
else
	@[ "$$($(PY) -c '$(VERSION_OF)' 2>/dev/null)" = "$(PYVER)" ] || $(PYTHON) -c 'import ensurepip' 2>/dev/null || { \
		echo "$(PYTHON) (Python $(PYVER)) cannot make a venv: install its venv module" >&2; \
		echo "(Debian/Ubuntu: apt-get install python$(PYVER)-venv), then run make again." >&2; exit 1; }
endif

$(STAMP): pyproject.toml $(LOCK) | check-python
	@if [ -e $(VENV)/pyvenv.cfg ] && [ "$$($(PY) -c '$(VERSION_OF)' 2>/dev/null)" != "$(PYVER)" ]; then \
		echo "$(VENV) is not a Python $(PYVER) venv: making it again with $(PYTHON)"; rm -rf $(VENV); fi
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }
	$(PY) -m pip install --quiet --disable-pip-version-check $(PIP_PIN)
	$(PY) -m pip install --quiet --disable-pip-version-check -c $(LOCK) -e '.[dev]'
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
	@rm -f $(VENV)/.installed $(VENV)/.installed-py*
	@touch $(STAMP)

# Defaults for every JupyterLab and Notebook 7 started from the venv (make lab, the
# tests, flasklab's own): no news or update checks, whose "get notified about
# official Jupyter news?" pop-up covers the notebook on first open.
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.json

$(LAB_OVERRIDES): config/jupyterlab-overrides.json $(STAMP)
	@mkdir -p $(dir $@)
	cp $< $@

install: $(STAMP) $(LAB_OVERRIDES)

build: $(STAMP)
	$(VENV)/bin/flasklab build

# Candidates work on a copy of release/ in $(WORK)/: a rebuild never touches their
# notebooks (cp -n keeps every file that is already there). The port is checked
# before the build, so a taken one stops at once with a message naming a free one;
# flasklab lab prints the address once JupyterLab answers on it (flasklab/lab.py). One person,
# one browser: real-time collaboration (jupyter-collaboration, for flasklab interview) stays off.
LAB_PORT_HINT := make lab PORT={port}

lab-port: $(STAMP)
	@$(VENV)/bin/flasklab lab --check-port --port $(PORT) --port-hint '$(LAB_PORT_HINT)'

lab: lab-port build $(LAB_OVERRIDES)
	@mkdir -p $(WORK)
	@cp -rn release/. $(WORK)/
	@exec $(VENV)/bin/flasklab lab --port $(PORT) --work $(WORK) --port-hint '$(LAB_PORT_HINT)'

# JupyterHub for many candidates (docs/hub.md): its proxy, configurable-http-proxy, is an npm
# package pinned by config/hub/package-lock.json, installed with npm ci into the venv (ignored by
# git). The hub runs as root: it starts each person's server as their own system user.
HUB_NODE  := $(VENV)/hub-node
HUB_PROXY := $(HUB_NODE)/node_modules/.bin/configurable-http-proxy
HUB_STATE ?= hub
HUB_PORT  ?= 8000

$(HUB_PROXY): config/hub/package.json config/hub/package-lock.json | $(STAMP)
	@command -v npm >/dev/null 2>&1 || { echo "npm is missing: install Node.js 20 or newer with npm (Debian: apt-get install nodejs npm)" >&2; exit 1; }
	@mkdir -p $(HUB_NODE)
	cp config/hub/package.json config/hub/package-lock.json $(HUB_NODE)/
	npm ci --prefix $(HUB_NODE) --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

install-hub: install $(HUB_PROXY)

hub: install-hub build sandbox
	@exec $(VENV)/bin/flasklab hub --state $(HUB_STATE) --port $(HUB_PORT)

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

# Workers grade their exercises with real nbgrader in parallel. Three on two cores: a
# worker spends about a fifth of its time waiting (kernels starting and stopping,
# servers and browsers answering), which a third worker fills; a fourth gains nothing
# beyond the machine's noise (27:34 against 28:16). make test WORKERS=2.
WORKERS ?= 3
test: $(STAMP) $(LAB_OVERRIDES) $(HUB_PROXY) sandbox lint
	PYTHONDONTWRITEBYTECODE=1 $(PY) -m pytest -n $(WORKERS) --dist loadgroup

# The smoke subset on another supported Python, away from the checkout: a copy of
# the working tree (git's tracked and untracked files, not the ignored ones) and a
# venv installed by the same recipe with that Python's lock, both in SMOKE_DIR:
#   make smoke PYTHON=python3.12
# .ci/run runs it on each supported Python the full suite did not use. The build
# and environment tests run beside 01_routing's fairness on two workers; a
# selection that no longer finds a fairness test fails, as does pytest's exit 5.
SMOKE_DIR ?= $(HOME)/.cache/flask-interview-lab/smoke-py$(PYVER)
SMOKE_TESTS ?= tests/test_build.py tests/test_environment.py
SMOKE_FAIRNESS ?= 01_routing
SMOKE_PYTEST = cd $(SMOKE_DIR)/src && $(SMOKE_DIR)/venv/bin/python -m pytest

smoke: check-python
	@rm -rf $(SMOKE_DIR)/src && mkdir -p $(SMOKE_DIR)/src
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
		git ls-files -z --cached --others --exclude-standard | tar --null -T - --ignore-failed-read -cf - 2>/dev/null; \
	else tar --exclude=./$(VENV) --exclude=./$(WORK) -cf - .; fi | tar -xf - -C $(SMOKE_DIR)/src
	@# (make -n runs this line too, but copies nothing: then there is no copy to install.)
	@[ ! -d $(SMOKE_DIR)/src ] || $(MAKE) --no-print-directory -C $(SMOKE_DIR)/src install VENV=$(SMOKE_DIR)/venv \
		PYTHON=$(if $(findstring /,$(PYTHON)),$(abspath $(PYTHON)),$(PYTHON))
	@echo "== smoke on Python $(PYVER) in $(SMOKE_DIR)"
	@out=$$($(SMOKE_PYTEST) --collect-only -q tests/test_fairness.py -k '$(SMOKE_FAIRNESS)' 2>&1); rc=$$?; \
		if [ $$rc = 5 ]; then echo "smoke: no fairness test matches -k '$(SMOKE_FAIRNESS)'" >&2; exit 1; \
		elif [ $$rc != 0 ]; then echo "$$out" >&2; exit 1; fi
	$(SMOKE_PYTEST) -q -n 2 --dist loadgroup $(SMOKE_TESTS) tests/test_fairness.py -k '$(SMOKE_FAIRNESS) or not test_fairness'

# Writes constraints/py3.X.txt again (constraints/lock.py says how) for each
# supported Python found: python3.X on PATH, else pyenv's. After a pin changes in
# pyproject.toml, or to move packages on: make lock UPGRADE="jinja2 tornado".
lock: check-python
	@pythons=; for v in $(SUPPORTED); do found=; \
		for p in python$$v $(HOME)/.pyenv/versions/$$v.*/bin/python$$v; do \
			[ "$$($$p -c '$(VERSION_OF)' 2>/dev/null)" = "$$v" ] && { found=$$p; break; }; done; \
		if [ -n "$$found" ]; then pythons="$$pythons $$found"; \
		else echo "lock: no Python $$v here: constraints/py$$v.txt is left as it is" >&2; fi; \
	done; \
	set -x; $(PYTHON) constraints/lock.py --pip $(PIP_PIN) $(if $(UPGRADE),--upgrade '$(UPGRADE)') $$pythons

bench: $(STAMP)
	$(PY) bench/autograde.py

bench-grade: $(STAMP) sandbox
	$(PY) bench/grade_batch.py

bench-feedback: $(STAMP)
	$(PY) bench/feedback.py

bench-hub: install-hub sandbox
	$(PY) bench/hub_spawn.py

clean:
	rm -rf $(VENV) $(WORK) .pytest_cache
