# tusoi — the two commands a newcomer needs: `make run` and `make test`.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/tusoi
export DJANGO_SETTINGS_MODULE ?= tusoi.settings.dev

.PHONY: setup system run test lint types checks test-sqlite test-postgres test-browser postgres messages lock bench faults

## setup: the environment only (system packages if missing, virtualenv, pinned dependencies, messages)
setup: system $(BIN)/.installed
	$(BIN)/python scripts/i18n.py compile

$(BIN)/.installed: requirements/dev.txt requirements/base.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements/dev.txt
	touch $@

## system: Debian packages the tests need (Chromium for browser tests, gettext for messages)
system:
	@command -v chromium >/dev/null && command -v msgfmt >/dev/null && test -f /usr/lib/chromium/locales/vi.pak || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-l10n gettext fonts-liberation >/dev/null; \
	  else echo "Install Debian packages: sudo apt-get install chromium chromium-l10n gettext fonts-liberation"; exit 1; fi; }

## run: migrate, load the demo province, serve it at http://127.0.0.1:8000 on SQLite with a background-job worker
run: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py loaddemo --accounts-file var/demo-accounts.json
	$(BIN)/python manage.py run_worker & pid=$$!; trap 'kill $$pid 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver 127.0.0.1:8000

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types:
	$(BIN)/mypy tusoi

## checks: migrations, message catalogue, deploy check on production settings
checks:
	DJANGO_SETTINGS_MODULE=tusoi.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python scripts/i18n.py check
	$(BIN)/python scripts/build_css.py --check
	DJANGO_SETTINGS_MODULE=tusoi.settings.production DEBUG=0 ALLOWED_HOSTS=tusoi.example.vn \
	  SECRET_KEY=deploy-check-only-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ \
	  $(BIN)/python manage.py check --deploy --fail-level WARNING

postgres:
	@pg_isready -h 127.0.0.1 -p 5432 -q || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@for i in 1 2 3 4 5 6 7 8 9 10; do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done

test-sqlite:
	DJANGO_SETTINGS_MODULE=tusoi.settings.test $(BIN)/pytest -m "not browser"

test-postgres: postgres
	DJANGO_SETTINGS_MODULE=tusoi.settings.test DATABASE_URL=$(PG_URL) $(BIN)/pytest -m "not browser"

test-browser:
	DJANGO_SETTINGS_MODULE=tusoi.settings.test DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest -m browser

## test: everything CI runs — lint, types, checks, the suite on SQLite and PostgreSQL, browser tests
test: setup lint types checks test-sqlite test-postgres test-browser

## bench: the benchmark of issue 9 on SQLite and PostgreSQL (gunicorn on 127.0.0.1, stops by itself);
## writes docs/performance.md, .json and scaling.md. Sizes and lengths: make bench BENCH_ARGS="--members 20000 --rollup 5000,50000"
bench: setup postgres
	$(BIN)/python -m bench $(BENCH_ARGS)

## faults: the fault and load run of issue 8 on gunicorn + PostgreSQL (restarts PostgreSQL once; under
## ~8 minutes); writes docs/reliability.md and .json. Options: make faults FAULTS_ARGS="--seconds 30"
faults: setup postgres
	$(BIN)/python -m bench.faults $(FAULTS_ARGS)

messages: setup
	$(BIN)/python scripts/i18n.py update

## lock: re-pin requirements/*.txt from requirements/*.in in throwaway environments
lock:
	rm -rf /tmp/tusoi-lock && $(PY) -m venv /tmp/tusoi-lock && /tmp/tusoi-lock/bin/pip install -q -r requirements/base.in
	/tmp/tusoi-lock/bin/pip freeze --exclude pip > requirements/base.txt
	/tmp/tusoi-lock/bin/pip install -q -r requirements/dev.in
	(echo "-r base.txt"; /tmp/tusoi-lock/bin/pip freeze --exclude pip | grep -v -x -F -f requirements/base.txt) > requirements/dev.txt
