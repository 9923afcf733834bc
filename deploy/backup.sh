#!/usr/bin/env bash
# Back up the database and the uploaded files into a new folder under BACKUP_DIR:
#   BACKUP_DIR/2027-01-04T021500Z/database.dump   (pg_dump --format=custom)
#   BACKUP_DIR/2027-01-04T021500Z/media.tar.gz    (the contents of MEDIA_ROOT)
# and delete all but the newest BACKUP_KEEP (default 14) such folders.
#
# Reads the app's own settings from the environment, as in /etc/verbal-voyager.env:
#   DATABASE_URL  postgres://user:password@host:port/name   (required)
#   MEDIA_ROOT    the uploaded files                        (required)
#   BACKUP_DIR    where the folders go                      (required)
#   BACKUP_KEEP   how many folders to keep                  (default 14)
# Restore one with deploy/restore.sh.
set -euo pipefail

: "${DATABASE_URL:?DATABASE_URL is not set}"
: "${MEDIA_ROOT:?MEDIA_ROOT is not set}"
: "${BACKUP_DIR:?BACKUP_DIR is not set}"
keep="${BACKUP_KEEP:-14}"

case "$DATABASE_URL" in
postgres://* | postgresql://*) ;;
*)
    echo "backup.sh: DATABASE_URL must be a postgres:// URL" >&2
    exit 2
    ;;
esac
case "$keep" in
'' | *[!0-9]* | 0)
    echo "backup.sh: BACKUP_KEEP must be a positive whole number" >&2
    exit 2
    ;;
esac
if [ ! -d "$MEDIA_ROOT" ]; then
    echo "backup.sh: MEDIA_ROOT $MEDIA_ROOT is not a directory" >&2
    exit 2
fi

umask 077
mkdir -p "$BACKUP_DIR"
name="$(date -u +%Y-%m-%dT%H%M%SZ)"
target="$BACKUP_DIR/$name"
if [ -e "$target" ]; then
    echo "backup.sh: $target already exists" >&2
    exit 1
fi
# Written under a temporary name and renamed when complete, so a failed run leaves no
# folder that looks like a backup (and is never counted as one of the BACKUP_KEEP).
partial="$BACKUP_DIR/.partial-$name"
trap 'rm -rf "$partial"' EXIT
mkdir "$partial"

pg_dump --format=custom --dbname="$DATABASE_URL" --file="$partial/database.dump"
tar -C "$MEDIA_ROOT" -czf "$partial/media.tar.gz" .
mv "$partial" "$target"
trap - EXIT

echo "wrote $target/database.dump ($(du -h "$target/database.dump" | cut -f1))"
echo "wrote $target/media.tar.gz ($(du -h "$target/media.tar.gz" | cut -f1))"

# Folder names sort by time; drop all but the newest $keep.
find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d \
    -name '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9][0-9][0-9][0-9][0-9]Z' |
    sort | head -n "-$keep" |
    while IFS= read -r old; do
        rm -rf -- "$old"
        echo "deleted $old"
    done
