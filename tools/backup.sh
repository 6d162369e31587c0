#!/usr/bin/env bash
# Back up and restore an OA (Odoo 18) database together with its filestore,
# in Odoo's own dump format: a zip holding dump.sql, manifest.json and
# filestore/, the same file the web database manager produces and accepts.
#
#   tools/backup.sh backup  DB FILE             dump database DB into FILE
#   tools/backup.sh restore [-f] [--copy] FILE DB
#                                               load FILE into new database DB
#       -f, --force  drop DB (and its filestore) first if it exists
#       --copy       restore as a copy, like `odoo db load`: the database gets
#                    a new database.uuid/secret/create_date and web.base.url is
#                    reset; use it for test/staging copies running next to
#                    the original.  Without it the restore is exact.
#
# Environment:
#   PGHOST (default 127.0.0.1)  PGPORT (5432)  PGUSER (oa)  PGPASSWORD
#   ODOO_DATA_DIR     Odoo data dir holding filestore/<db> (default: Odoo's
#                     own default, ~/.local/share/Odoo)
#   ODOO_ADDONS_PATH  addons path used to load the restored database
#                     (default: this repository, then Odoo's own addons)
#   PYTHON            interpreter that imports odoo (default: python3)
#
# In the docker-compose setup, for instance:
#   docker compose exec -e PGHOST=db -e PGUSER=odoo -e PGPASSWORD=odoo \
#       -e ODOO_DATA_DIR=/var/lib/odoo odoo \
#       /mnt/oa-addons/tools/backup.sh backup oa /var/lib/odoo/oa.zip
set -euo pipefail

PROG=$(basename "$0")
REPO_ROOT=$(cd -- "$(dirname -- "$0")/.." && pwd)

usage() {
    cat >&2 <<EOF
usage: $PROG backup DB FILE
       $PROG restore [-f|--force] [--copy] FILE DB
EOF
    exit 2
}

die() {
    echo "$PROG: error: $*" >&2
    exit 1
}

PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-oa}"
PYTHON="${PYTHON:-python3}"

# Odoo options shared by every call.  PGPASSWORD, if any, is read from the
# environment by libpq, psql and pg_dump: it is not put on the command line.
odoo_options() {
    ODOO_OPTS=(--db_host "$PGHOST" --db_port "$PGPORT" -r "$PGUSER")
    if [ -n "${ODOO_DATA_DIR:-}" ]; then
        ODOO_OPTS+=(-D "$ODOO_DATA_DIR")
    fi
}

psql_q() {
    psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -tAX -v ON_ERROR_STOP=1 "$@"
}

db_exists() {
    echo "SELECT 1 FROM pg_database WHERE datname = :'name'" \
        | psql_q -v name="$1" 2>/dev/null | grep -qx 1
}

check_tools() {
    command -v psql >/dev/null || die "psql not found (install the PostgreSQL client)"
    command -v pg_dump >/dev/null || die "pg_dump not found (install the PostgreSQL client)"
    "$PYTHON" -c 'import odoo.release; assert odoo.release.version_info[0] == 18' 2>/dev/null \
        || die "'$PYTHON' cannot import Odoo 18 (set PYTHON to the interpreter of your Odoo install)"
    psql_q -c 'SELECT 1' >/dev/null 2>&1 \
        || die "cannot connect to PostgreSQL at $PGHOST:$PGPORT as role '$PGUSER' (check PGHOST/PGPORT/PGUSER/PGPASSWORD)"
    if [ -n "${ODOO_DATA_DIR:-}" ] && [ ! -d "$ODOO_DATA_DIR" ]; then
        die "ODOO_DATA_DIR '$ODOO_DATA_DIR' is not a directory"
    fi
}

is_odoo_dump() {
    "$PYTHON" - "$1" <<'PY' 2>/dev/null
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    names = set(z.namelist())
    sys.exit(0 if {"dump.sql", "manifest.json"} <= names else 1)
PY
}

cmd_backup() {
    [ $# -eq 2 ] || usage
    local db=$1 file=$2 dir tmp
    check_tools
    odoo_options
    db_exists "$db" || die "database '$db' does not exist on $PGHOST:$PGPORT"
    if [ -n "${ODOO_DATA_DIR:-}" ] && [ ! -d "$ODOO_DATA_DIR/filestore/$db" ]; then
        echo "$PROG: warning: no filestore at $ODOO_DATA_DIR/filestore/$db; the dump holds the database only" >&2
    fi
    dir=$(dirname -- "$file")
    [ -d "$dir" ] || die "directory '$dir' does not exist"
    [ -w "$dir" ] || die "directory '$dir' is not writable"
    # Dump next to FILE, then rename: no half-written FILE if anything fails.
    tmp=$(mktemp "$dir/.$(basename -- "$file").XXXXXX")
    trap 'rm -f -- "$tmp"' EXIT
    "$PYTHON" -m odoo db "${ODOO_OPTS[@]}" dump "$db" "$tmp" \
        || die "dump of database '$db' failed (see the messages above)"
    is_odoo_dump "$tmp" || die "dump of database '$db' is not a valid Odoo dump"
    chmod 600 -- "$tmp"
    mv -f -- "$tmp" "$file"
    trap - EXIT
    echo "$PROG: database '$db' backed up to $file ($(du -h -- "$file" | cut -f1))" >&2
}

cmd_restore() {
    local force=0 copy=0
    while [ $# -gt 0 ]; do
        case "$1" in
            -f|--force) force=1; shift ;;
            --copy) copy=1; shift ;;
            --) shift; break ;;
            -*) echo "$PROG: unknown option '$1'" >&2; usage ;;
            *) break ;;
        esac
    done
    [ $# -eq 2 ] || usage
    local file=$1 db=$2
    [ -f "$file" ] || die "backup file '$file' does not exist"
    [ -r "$file" ] || die "backup file '$file' is not readable"
    is_odoo_dump "$file" || die "'$file' is not an Odoo dump (zip with dump.sql and manifest.json)"
    check_tools
    odoo_options
    if [ "$force" = 0 ] && db_exists "$db"; then
        die "database '$db' already exists; drop it first or use: $PROG restore -f $file $db"
    fi
    # Odoo's own restore_db (what `odoo db load` and the web database manager
    # call), with copy=False unless --copy: `odoo db load` always restores as
    # a copy, which would replace database.uuid/secret and web.base.url.
    OA_RESTORE_DB="$db" OA_RESTORE_FILE="$file" OA_RESTORE_FORCE="$force" \
    OA_RESTORE_COPY="$copy" OA_REPO_ROOT="$REPO_ROOT" \
    "$PYTHON" - "${ODOO_OPTS[@]}" <<'PY' || die "restore of '$file' into database '$db' failed (see the messages above)"
import os, sys

import odoo
from odoo.tools import config

db = os.environ["OA_RESTORE_DB"]
dump_file = os.environ["OA_RESTORE_FILE"]
force = os.environ["OA_RESTORE_FORCE"] == "1"
copy = os.environ["OA_RESTORE_COPY"] == "1"

addons_path = os.environ.get("ODOO_ADDONS_PATH")
if not addons_path:
    # This repository, then the addons Odoo uses by default.
    root = os.path.dirname(os.path.abspath(odoo.__file__))
    repo = os.environ["OA_REPO_ROOT"]
    paths = [os.path.join(repo, "addons"), repo, os.path.join(root, "addons")]
    main_addons = os.path.abspath(os.path.join(root, "..", "addons"))
    if os.path.isdir(main_addons):
        paths.append(main_addons)
    addons_path = ",".join(paths)

config.parse_config(sys.argv[1:] + ["--addons-path", addons_path], setup_logging=True)
config["list_db"] = True  # database management, as `odoo db` does

from odoo.service import db as db_service

if db_service.exp_db_exist(db):
    if not force:
        sys.exit(f"database {db!r} already exists")
    db_service.exp_drop(db)
filestore = config.filestore(db)
if os.path.exists(filestore):
    # Left over by a database dropped outside Odoo: restore_db would move
    # the dump's filestore *inside* it.
    if not force:
        sys.exit(f"filestore {filestore} exists but database {db!r} does not; "
                 "remove it or restore with -f")
    import shutil
    shutil.rmtree(filestore)

db_service.restore_db(db, dump_file, copy=copy)
PY
    db_exists "$db" || die "restore reported success but database '$db' does not exist"
    echo "$PROG: $file restored into database '$db'$([ "$copy" = 1 ] && echo ' (as a copy)')" >&2
}

[ $# -ge 1 ] || usage
action=$1
shift
case "$action" in
    backup) cmd_backup "$@" ;;
    restore) cmd_restore "$@" ;;
    -h|--help|help) usage ;;
    *) echo "$PROG: unknown action '$action'" >&2; usage ;;
esac
