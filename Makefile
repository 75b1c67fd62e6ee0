# Tafelronde — the two commands: `make run` and `make test`.
# Both install what is missing first (.ci/toolchain.sh) and print what they do.
.PHONY: run test toolchain site lint bench-seating bench-mail bench-planner bench-planner-browser

SHELL := /bin/bash
MAILDEV_SMTP ?= 1025
MAILDEV_WEB ?= 1080

## Build the release site and serve it on http://127.0.0.1:3000 (SQLite in data/, demo
## event loaded into an empty database, mail to a local maildev, listed at http://127.0.0.1:1080/api/email).
run: site
	@echo "[run] cargo build --release -p server"
	cargo build --release -p server
	@echo "[run] maildev: SMTP 127.0.0.1:$(MAILDEV_SMTP), mails listed at http://127.0.0.1:$(MAILDEV_WEB)/api/email"
	@(end2end/node_modules/.bin/maildev -s $(MAILDEV_SMTP) -w $(MAILDEV_WEB) --ip 127.0.0.1 --web-ip 127.0.0.1 >/dev/null 2>&1 &) || true
	@echo "[run] http://127.0.0.1:3000"
	TAFELRONDE_DEMO=true SMTP_PORT=$(MAILDEV_SMTP) ./target/release/tafelronde serve

## Run every test suite: formatting, clippy (server and wasm), unit, integration on SQLite
## and PostgreSQL, end-to-end in Chromium on SQLite and PostgreSQL.
test:
	bash .ci/test.sh

toolchain:
	bash .ci/toolchain.sh

site:
	bash .ci/toolchain.sh run
	bash .ci/build-site.sh

## Seating benchmark over ../shared/bench/tables/instances plus generated instances.
bench-seating:
	cargo run --release -p server -- bench-seating

## Table planner benchmark: registrations -> plan -> seating chart for 120 and 600 people.
bench-planner:
	cargo run --release -p server -- bench-planner

## The planner in Chromium: plan on screen and hand moves with the keyboard, timed inside
## the page (end2end/measure/planner-panel.spec.ts), for events of 120 and 600 people.
bench-planner-browser: toolchain site
	cargo build -p server
	cd end2end && E2E_SERVER_BIN=../target/debug/tafelronde npx playwright test -c measure.config.ts planner-panel

## Mail delivery benchmark: BENCH_MAIL_COUNT mails queued in a fresh SQLite outbox and
## delivered by the real worker, once to maildev and once to a minimal SMTP sink (Python
## aiosmtpd, which shows what the worker does when the SMTP server is not the bottleneck).
BENCH_MAIL_COUNT ?= 2000
BENCH_MAIL_SMTP ?= 2525
BENCH_MAIL_WEB ?= 2580
BENCH_MAIL_SINK ?= 2526
bench-mail: toolchain
	@echo "[bench-mail] cargo build --release -p server"
	cargo build --release -p server
	@python3 -c 'import aiosmtpd' 2>/dev/null || { echo "[bench-mail] python3 -m pip install aiosmtpd (the SMTP sink)"; python3 -m pip install -q aiosmtpd; }
	@set -e; dir=$$(mktemp -d); pids=""; \
	trap 'kill $$pids 2>/dev/null; rm -rf "$$dir"' EXIT; \
	up() { for i in $$(seq 300); do (exec 3<>/dev/tcp/127.0.0.1/$$1) 2>/dev/null && return 0; sleep 0.1; done; echo "[bench-mail] nothing listens on $$1"; return 1; }; \
	end2end/node_modules/.bin/maildev -s $(BENCH_MAIL_SMTP) -w $(BENCH_MAIL_WEB) --ip 127.0.0.1 --web-ip 127.0.0.1 --mail-directory "$$dir" >/dev/null 2>&1 & pids="$$pids $$!"; \
	python3 -m aiosmtpd -n -l 127.0.0.1:$(BENCH_MAIL_SINK) -c aiosmtpd.handlers.Sink >/dev/null 2>&1 & pids="$$pids $$!"; \
	up $(BENCH_MAIL_SMTP); up $(BENCH_MAIL_SINK); \
	echo "[bench-mail] to maildev on 127.0.0.1:$(BENCH_MAIL_SMTP)"; \
	cargo run -q --release -p server -- bench-mail --count $(BENCH_MAIL_COUNT) --smtp-port $(BENCH_MAIL_SMTP); \
	echo "[bench-mail] to the aiosmtpd sink on 127.0.0.1:$(BENCH_MAIL_SINK)"; \
	cargo run -q --release -p server -- bench-mail --count $(BENCH_MAIL_COUNT) --smtp-port $(BENCH_MAIL_SINK)
