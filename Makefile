# Group OA suite for Odoo 18 — developer and operator commands.
PYTHON ?= python3
DB ?= oa
PGHOST ?= 127.0.0.1
PGPORT ?= 5432
PGUSER ?= oa
ODOO_DATA_DIR ?= $(HOME)/.local/share/Odoo
HTTP_PORT ?= 8069
SERVE_PORT ?= 8080
NODES ?= 1
WORKERS ?= auto
export PGHOST PGPORT PGUSER ODOO_DATA_DIR

# product addons at the root, shared and glue addons under addons/
ADDONS := $(shell ls -d oa_*/ addons/oa_*/ 2>/dev/null | xargs -n1 basename | paste -sd, -)

.PHONY: test run serve install backup restore lint pot help

help:
	@echo "make test                   install what is missing, run every test, print 'N passed, N failed'"
	@echo "make run [DB=oa]            Odoo 18 on http://localhost:$(HTTP_PORT) with the suite and demo data"
	@echo "make serve [DB=oa] [NODES=1] [WORKERS=auto] [SERVE_PORT=8080]"
	@echo "                            production layout: nginx + prefork Odoo node(s), no Docker"
	@echo "make backup [DB=oa] FILE=x  dump a database with its filestore (Odoo's zip format)"
	@echo "make restore FILE=x [DB=oa] restore such a dump"
	@echo "make lint                   pre-commit on every file"

test:
	$(PYTHON) tools/run_tests.py

run:
	$(PYTHON) tools/run_server.py --db $(DB) --http-port $(HTTP_PORT)

serve:
	$(PYTHON) tools/run_serve.py --db $(DB) --port $(SERVE_PORT) --nodes $(NODES) --workers $(WORKERS)

backup:
	@test -n "$(FILE)" || { echo "usage: make backup DB=oa FILE=oa.zip"; exit 2; }
	bash tools/backup.sh backup $(DB) $(FILE)

restore:
	@test -n "$(FILE)" || { echo "usage: make restore FILE=oa.zip DB=oa"; exit 2; }
	bash tools/backup.sh restore $(FILE) $(DB)

lint:
	pre-commit run --all-files

pot:
	$(PYTHON) tools/export_pot.py $(ADDONS)
