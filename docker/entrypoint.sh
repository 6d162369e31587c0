#!/bin/bash
# Entrypoint of the OA suite image.
#
# On the first start (database "$OA_DB" missing or not initialised) it
# installs oa_suite (addons/oa_suite of the repository: it depends on every
# addon of the suite) with demo data and the Simplified Chinese translation,
# then it runs the Odoo server restricted to that one database.
#
#   docker compose up               -> initialise if needed, then serve
#   docker compose run odoo bash    -> any other command is run as is
#   docker compose run odoo odoo shell -d oa   -> odoo sub-commands as is
#
# Environment:
#   OA_DB          database name (default: oa)
#   OA_WITHOUT_DEMO  1: the first start installs without demo data
#   ODOO_WORKERS   prefork HTTP workers: a number or "auto" (2 x cores + 1)
#   OA_ADDONS_DIR  where the repository is mounted (default: /mnt/oa-addons)
#   ODOO_RC        Odoo configuration file (default: /etc/odoo/odoo.conf)
#   HOST, PORT, USER, PASSWORD   database connection, used only when the
#                  configuration file does not set db_host, db_port, db_user,
#                  db_password (same convention as the official image)
set -euo pipefail

OA_DB="${OA_DB:-oa}"
OA_ADDONS_DIR="${OA_ADDONS_DIR:-/mnt/oa-addons}"
ODOO_RC="${ODOO_RC:-/etc/odoo/odoo.conf}"

log() { echo "oa-entrypoint: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[ -r "$ODOO_RC" ] || die "configuration file $ODOO_RC is not readable"

# Value of "key = value" in the [options] section of $ODOO_RC, or "$2".
conf_get() {
    local value
    value=$(sed -n -E "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*(.*[^[:space:]])[[:space:]]*$/\1/p" "$ODOO_RC" | tail -n 1)
    if [ -n "$value" ] && [ "$value" != "False" ]; then
        printf '%s' "$value"
    else
        printf '%s' "$2"
    fi
}

DB_HOST=$(conf_get db_host "${HOST:-db}")
DB_PORT=$(conf_get db_port "${PORT:-5432}")
DB_USER=$(conf_get db_user "${USER:-odoo}")
DB_PASSWORD=$(conf_get db_password "${PASSWORD:-odoo}")
DB_ARGS=(--db_host "$DB_HOST" --db_port "$DB_PORT" --db_user "$DB_USER" --db_password "$DB_PASSWORD")

# Prints "ready" if $OA_DB exists with the base module installed, "absent"
# if the database does not exist, "empty" if it exists but is not an
# initialised Odoo database.  Waits up to 60 s for PostgreSQL.
db_state() {
    DB_HOST="$DB_HOST" DB_PORT="$DB_PORT" DB_USER="$DB_USER" \
    DB_PASSWORD="$DB_PASSWORD" OA_DB="$OA_DB" python3 - <<'PY'
import os, sys, time
import psycopg2

params = dict(host=os.environ["DB_HOST"], port=int(os.environ["DB_PORT"]),
              user=os.environ["DB_USER"], password=os.environ["DB_PASSWORD"])
db = os.environ["OA_DB"]
deadline = time.time() + 60
while True:
    try:
        cnx = psycopg2.connect(dbname="postgres", **params)
        break
    except psycopg2.OperationalError as exc:
        if time.time() > deadline:
            sys.exit(f"cannot connect to PostgreSQL at {params['host']}:{params['port']}: {exc}")
        time.sleep(1)
with cnx, cnx.cursor() as cr:
    cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db])
    exists = cr.fetchone()
cnx.close()
if not exists:
    print("absent")
    sys.exit(0)
cnx = psycopg2.connect(dbname=db, **params)
with cnx, cnx.cursor() as cr:
    cr.execute("SELECT to_regclass('public.ir_module_module') IS NOT NULL")
    ready = cr.fetchone()[0]
    if ready:
        cr.execute("SELECT 1 FROM ir_module_module WHERE name = 'base' AND state = 'installed'")
        ready = cr.fetchone() is not None
cnx.close()
print("ready" if ready else "empty")
PY
}

initialise() {
    [ -e "$OA_ADDONS_DIR/addons/oa_suite/__manifest__.py" ] \
        || die "addons/oa_suite not found in $OA_ADDONS_DIR (is the repository mounted there?)"
    log "initialising database '$OA_DB' with oa_suite (the whole suite, demo data, zh_CN)"
    local demo=()
    [ "${OA_WITHOUT_DEMO:-0}" = "1" ] && demo=(--without-demo=all)
    odoo -c "$ODOO_RC" "${DB_ARGS[@]}" -d "$OA_DB" -i oa_suite "${demo[@]}" \
        --load-language=zh_CN --stop-after-init \
        || die "initialisation of database '$OA_DB' failed; fix the error above, then drop the database (or volume oa-db-data) and restart"
    log "database '$OA_DB' initialised"
}

# --workers from ODOO_WORKERS: a number, or "auto" (2 x cores + 1, Odoo's rule
# of thumb); unset or 0 keeps the configuration file's value.
workers_args() {
    local workers="${ODOO_WORKERS:-}"
    [ "$workers" = "auto" ] && workers=$(( $(nproc) * 2 + 1 ))
    [ -n "$workers" ] && [ "$workers" != "0" ] && printf -- '--workers=%s' "$workers"
    return 0
}

serve() {
    local state
    state=$(db_state) || die "cannot inspect database '$OA_DB'"
    case "$state" in
        ready) log "database '$OA_DB' already initialised" ;;
        absent|empty) initialise ;;
        *) die "unexpected database state '$state'" ;;
    esac
    # the bundles are built before the first person opens the OA (else the
    # first request builds them: 14 s)
    python3 "$OA_ADDONS_DIR/tools/build_assets.py" -c "$ODOO_RC" "${DB_ARGS[@]}" \
        -d "$OA_DB" || log "assets not prebuilt: the first request builds them"
    local workers
    workers=$(workers_args)
    exec odoo -c "$ODOO_RC" "${DB_ARGS[@]}" -d "$OA_DB" --db-filter="^${OA_DB}\$" \
        ${workers:+"$workers"} "$@"
}

case "${1:-odoo}" in
    odoo|--)
        [ $# -gt 0 ] && shift
        # "odoo <subcommand> ..." (shell, scaffold, db, ...) is run as is.
        if [ $# -gt 0 ] && [[ "$1" != -* ]]; then
            exec odoo "$@"
        fi
        serve "$@"
        ;;
    -*)
        serve "$@"
        ;;
    *)
        exec "$@"
        ;;
esac
