# Set-up and checks; the README's two commands are `make install` and `make test`.
PYTHON ?= python3

.PHONY: install test lint train bench screenshots constraints

install:
	$(PYTHON) -m pip install --upgrade pip
	$(PYTHON) -m pip install torch==2.13.0
	$(PYTHON) -m pip install -c constraints.txt -e '.[dev]'
	@if ! command -v chromium >/dev/null 2>&1; then \
		if command -v apt-get >/dev/null 2>&1; then (apt-get update -q && apt-get install -y -q chromium) >/dev/null \
		|| echo "warning: could not install Debian's chromium; browser tests will be skipped"; fi; fi

test:
	$(PYTHON) -m ruff check presswatch tests bench
	$(PYTHON) -m pytest

train:
	presswatch train

bench:
	$(PYTHON) bench/run.py

screenshots:  # refresh docs/screenshots from the browser tests
	PRESSWATCH_SCREENSHOTS=1 $(PYTHON) -m pytest -q -m browser tests/web

constraints:  # pin what make install resolved today (run after a green fresh-clone .ci/run)
	{ echo "# Versions make install was last verified with (pip constraints: they pin only what presswatch's dependencies pull in)."; \
	  echo "# Refresh after a verified fresh-clone CI run: make constraints"; \
	  $(PYTHON) -m pip freeze | grep -v -E "^(#|-e |torch==|presswatch)" | sort -f; } > constraints.txt
