# Tafelronde — the two commands: `make run` and `make test`.
# Both install what is missing first (.ci/toolchain.sh) and print what they do.
.PHONY: run test toolchain site lint bench-seating

SHELL := /bin/bash
MAILDEV_SMTP ?= 1025
MAILDEV_WEB ?= 1080

## Build the release site and serve it on http://127.0.0.1:3000 (SQLite in data/, demo
## event loaded into an empty database, mail to a local maildev, listed at http://127.0.0.1:1080/api/email).
run: toolchain site
	@echo "[run] cargo build --release -p server"
	cargo build --release -p server
	@echo "[run] maildev: SMTP 127.0.0.1:$(MAILDEV_SMTP), mails listed at http://127.0.0.1:$(MAILDEV_WEB)/api/email"
	@(end2end/node_modules/.bin/maildev -s $(MAILDEV_SMTP) -w $(MAILDEV_WEB) --ip 127.0.0.1 --web-ip 127.0.0.1 >/dev/null 2>&1 &) || true
	@echo "[run] http://127.0.0.1:3000"
	SMTP_PORT=$(MAILDEV_SMTP) ./target/release/tafelronde serve

## Run every test suite: formatting, clippy (server and wasm), unit, integration on SQLite
## and PostgreSQL, end-to-end in Chromium on SQLite and PostgreSQL.
test:
	bash .ci/test.sh

toolchain:
	bash .ci/toolchain.sh

site: toolchain
	bash .ci/build-site.sh

## Seating benchmark over ../shared/bench/tables/instances plus generated instances.
bench-seating:
	cargo run --release -p server -- bench-seating
