#!/usr/bin/env bash
# Restore a folder written by deploy/backup.sh:
#   deploy/restore.sh /var/backups/verbal-voyager/2027-01-04T021500Z
# Stop the web and Celery services first.
#
# The database named in DATABASE_URL (postgres://…) must exist; the tables, sequences etc. in
# it are dropped and recreated from the dump, owned by DATABASE_URL's user, in one transaction.
# The files from the backup are unpacked into MEDIA_ROOT, replacing those with the same names;
# other files there are left alone.
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: $0 BACKUP_FOLDER" >&2
    exit 2
fi
source_dir="$1"
: "${DATABASE_URL:?DATABASE_URL is not set}"
: "${MEDIA_ROOT:?MEDIA_ROOT is not set}"

case "$DATABASE_URL" in
postgres://* | postgresql://*) ;;
*)
    echo "restore.sh: DATABASE_URL must be a postgres:// URL" >&2
    exit 2
    ;;
esac
for file in database.dump media.tar.gz; do
    if [ ! -f "$source_dir/$file" ]; then
        echo "restore.sh: $source_dir/$file is missing" >&2
        exit 2
    fi
done

pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
    --dbname="$DATABASE_URL" "$source_dir/database.dump"
echo "restored the database from $source_dir/database.dump"

mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -xzf "$source_dir/media.tar.gz"
echo "restored $MEDIA_ROOT from $source_dir/media.tar.gz"
