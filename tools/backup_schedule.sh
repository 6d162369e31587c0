#!/usr/bin/env bash
# Scheduled backups of an OA database: every day at OA_BACKUP_AT, a dump in
# Odoo's format (tools/backup.sh: database + filestore) into OA_BACKUP_DIR,
# keeping the OA_BACKUP_KEEP newest ones.  The `backup` service of
# docker-compose.prod.yml runs it; on a bare machine, run it from systemd or
# call it with --once from cron.
#
#   tools/backup_schedule.sh [--once] DB
#
# Environment: OA_BACKUP_DIR (default /var/backups/oa), OA_BACKUP_KEEP (14),
# OA_BACKUP_AT (02:30, local time), and those of tools/backup.sh (PGHOST,
# PGPORT, PGUSER, PGPASSWORD, ODOO_DATA_DIR, PYTHON).
# Restore one with: tools/backup.sh restore FILE DB  (see README).
set -euo pipefail

HERE=$(cd -- "$(dirname -- "$0")" && pwd)
ONCE=0
if [ "${1:-}" = "--once" ]; then ONCE=1; shift; fi
DB="${1:?usage: backup_schedule.sh [--once] DB}"
DIR="${OA_BACKUP_DIR:-/var/backups/oa}"
KEEP="${OA_BACKUP_KEEP:-14}"
AT="${OA_BACKUP_AT:-02:30}"

log() { echo "backup-schedule: $(date '+%F %T') $*" >&2; }

[[ "$KEEP" =~ ^[1-9][0-9]*$ ]] || { log "OA_BACKUP_KEEP must be a positive number"; exit 2; }
[[ "$AT" =~ ^([01][0-9]|2[0-3]):[0-5][0-9]$ ]] || { log "OA_BACKUP_AT must be HH:MM"; exit 2; }
mkdir -p "$DIR"

backup_once() {
    local file
    file="$DIR/$DB-$(date '+%Y%m%d-%H%M%S').zip"
    "$HERE/backup.sh" backup "$DB" "$file"   # atomic: dumped aside, then renamed
    log "wrote $file ($(du -h "$file" | cut -f1))"
    # Retention: the newest $KEEP dumps of this database stay.
    find "$DIR" -maxdepth 1 -name "$DB-*.zip" -printf '%f\n' | sort -r \
        | tail -n +"$((KEEP + 1))" | while read -r old; do
            rm -f -- "$DIR/$old"
            log "removed $DIR/$old (keeping $KEEP)"
        done
}

if [ "$ONCE" = 1 ]; then
    backup_once
    exit 0
fi

log "daily backups of '$DB' at $AT into $DIR, keeping $KEEP"
while true; do
    now=$(date +%s)
    next=$(date -d "today $AT" +%s)
    [ "$next" -le "$now" ] && next=$(date -d "tomorrow $AT" +%s)
    sleep $((next - now))
    backup_once || log "backup failed; next try tomorrow at $AT"
done
