#!/usr/bin/env bash
# Two stateless app servers behind one nginx, on loopback, and the Playwright test through it.
#
#   deploy/cluster/run.sh [extra pytest arguments]
#
# Makes a scratch PostgreSQL database (vv_cluster_<random>), migrates it and loads the demo data,
# collects the static files into a temporary STATIC_ROOT, starts two gunicorn instances
# (deploy/gunicorn.conf.py, each on its own unix socket) sharing that database, Redis
# (REDIS_URL) and RabbitMQ (CELERY_BROKER_URL), and an nginx as an ordinary user with both in one
# upstream, then runs e2e/test_cluster.py against nginx. Everything is stopped and the database
# dropped on the way out, whatever happens. See deploy/README.md, "More machines".
#
# Needs: uv, nginx, curl, and PostgreSQL's client programs. The services are found through these
# variables (defaults for a local machine or CI):
#   CLUSTER_PG_HOST (127.0.0.1), CLUSTER_PG_PORT (5432), CLUSTER_PG_USER (postgres, trusted)
#   CLUSTER_REDIS_URL (redis://127.0.0.1:6379/13; that Redis database is emptied first and last)
#   CLUSTER_BROKER_URL (amqp://guest:guest@127.0.0.1:5672//)
#   GUNICORN_WORKERS (2 per instance)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

PG_HOST=${CLUSTER_PG_HOST:-127.0.0.1}
PG_PORT=${CLUSTER_PG_PORT:-5432}
PG_USER=${CLUSTER_PG_USER:-postgres}
REDIS_URL=${CLUSTER_REDIS_URL:-redis://127.0.0.1:6379/13}
BROKER_URL=${CLUSTER_BROKER_URL:-amqp://guest:guest@127.0.0.1:5672//}
INSTANCES=(app1 app2)

WORK=$(mktemp -d -t vv-cluster.XXXXXX)
DB_NAME="vv_cluster_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
DB_CREATED=false
GUNICORN_PIDS=()
NGINX_STARTED=false

log() { printf '== %s\n' "$*" >&2; }

flush_redis() {
    if command -v redis-cli >/dev/null; then
        redis-cli -u "$REDIS_URL" flushdb >/dev/null || log "could not empty $REDIS_URL"
    fi
}

# shellcheck disable=SC2317  # called by the trap
teardown() {
    local status=$?
    trap - EXIT INT TERM
    log "tearing down"
    if [[ $NGINX_STARTED == true && -s $WORK/nginx.pid ]]; then
        nginx -p "$WORK" -e "$WORK/nginx-error.log" -c "$WORK/nginx.conf" -s stop 2>/dev/null \
            || kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
    fi
    local name pid
    for name in "${INSTANCES[@]}"; do
        # The gunicorn master's own pid (the processes started here are uv's).
        if [[ -s $WORK/$name.pid ]]; then
            kill -TERM "$(cat "$WORK/$name.pid")" 2>/dev/null || true
        fi
    done
    for pid in "${GUNICORN_PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${GUNICORN_PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    if [[ $DB_CREATED == true ]]; then
        dropdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" --if-exists --force "$DB_NAME" \
            || log "could not drop database $DB_NAME"
    fi
    flush_redis
    if [[ $status -ne 0 ]]; then
        local file
        for file in "$WORK"/*.log; do
            [[ -s $file ]] || continue
            log "last lines of $(basename "$file")"
            tail -n 30 "$file" >&2
        done
    fi
    rm -rf "$WORK"
    exit "$status"
}
trap teardown EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
    uv run python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until something answers HTTP at a unix socket ($1) or URL ($2).
wait_for() {
    local socket=$1 url=$2
    for _ in $(seq 1 120); do
        if curl --silent --output /dev/null --max-time 2 ${socket:+--unix-socket "$socket"} "$url"; then
            return 0
        fi
        sleep 0.5
    done
    log "nothing answers at ${socket:-$url} after 60 s"
    return 1
}

PORT=$(free_port)
URL="http://127.0.0.1:$PORT"
STATIC_ROOT="$WORK/staticfiles"
MEDIA_ROOT="$WORK/media"
mkdir -p "$STATIC_ROOT" "$MEDIA_ROOT" "$WORK/nginx-temp"

# The environment file every app server would share (deploy/README.md, step 3).
# shellcheck disable=SC2054  # the commas are inside values
APP_ENV=(
    DEBUG=false
    "SECRET_KEY=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"
    ALLOWED_HOSTS=localhost,127.0.0.1
    "SITE_URL=$URL"
    "DATABASE_URL=postgres://$PG_USER@$PG_HOST:$PG_PORT/$DB_NAME"
    "REDIS_URL=$REDIS_URL"
    "CELERY_BROKER_URL=$BROKER_URL"
    HTTPS=false
    "STATIC_ROOT=$STATIC_ROOT"
    "MEDIA_ROOT=$MEDIA_ROOT"
    GUNICORN_WORKERS="${GUNICORN_WORKERS:-2}"
)
manage() { env "${APP_ENV[@]}" uv run python manage.py "$@"; }

log "database $DB_NAME"
createdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$DB_NAME"
DB_CREATED=true
flush_redis
manage migrate --no-input >"$WORK/migrate.log"
manage seed_demo >"$WORK/seed.log"
log "collectstatic into $STATIC_ROOT"
manage collectstatic --no-input >"$WORK/collectstatic.log"

for name in "${INSTANCES[@]}"; do
    log "gunicorn $name on $WORK/$name.sock"
    env "${APP_ENV[@]}" GUNICORN_BIND="unix:$WORK/$name.sock" \
        uv run gunicorn -c deploy/gunicorn.conf.py --no-control-socket \
        --pid "$WORK/$name.pid" --name "verbal-voyager-$name" \
        verbal_voyager.wsgi:application >"$WORK/$name.log" 2>&1 &
    GUNICORN_PIDS+=("$!")
done
for name in "${INSTANCES[@]}"; do
    wait_for "$WORK/$name.sock" http://localhost/healthz
done

# The site file's proxy settings, in plain HTTP on a high port, as an ordinary user. The upstream
# address each request went to comes back in X-Upstream, for the test to see both servers.
# As root (a container, CI), nginx's workers would otherwise run as nobody, who may not enter
# the temporary directory; as anyone else they run as that user anyway.
NGINX_USER=""
if [[ $EUID -eq 0 ]]; then
    NGINX_USER="user $(id -un) $(id -gn);"
fi
cat >"$WORK/nginx.conf" <<EOF
$NGINX_USER
daemon on;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events {}
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $WORK/nginx-access.log;
    client_body_temp_path $WORK/nginx-temp/body;
    proxy_temp_path $WORK/nginx-temp/proxy;
    fastcgi_temp_path $WORK/nginx-temp/fastcgi;
    uwsgi_temp_path $WORK/nginx-temp/uwsgi;
    scgi_temp_path $WORK/nginx-temp/scgi;

    upstream verbal_voyager {
$(for name in "${INSTANCES[@]}"; do printf '        server unix:%s fail_timeout=0;\n' "$WORK/$name.sock"; done)
    }

    server {
        listen 127.0.0.1:$PORT;
        server_name 127.0.0.1 localhost;
        client_max_body_size 10m;

        location /static/ {
            alias $STATIC_ROOT/;
            expires 1h;
            access_log off;
        }

        location /media/ {
            alias $MEDIA_ROOT/;
            add_header X-Content-Type-Options nosniff;
        }

        location / {
            proxy_pass http://verbal_voyager;
            # \$http_host, not the site file's \$host: on a port other than 80/443 the browser's
            # Origin carries the port, and Django's CSRF check compares it with Host.
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_set_header X-Real-IP \$remote_addr;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_set_header X-Request-ID \$request_id;
            proxy_redirect off;
            proxy_connect_timeout 5s;
            proxy_send_timeout 35s;
            proxy_read_timeout 35s;
            add_header X-Upstream \$upstream_addr always;
        }
    }
}
EOF
log "nginx on $URL"
nginx -p "$WORK" -e "$WORK/nginx-error.log" -c "$WORK/nginx.conf"
NGINX_STARTED=true
wait_for "" "$URL/healthz"

log "e2e/test_cluster.py against $URL"
CLUSTER_URL="$URL" uv run pytest e2e/test_cluster.py "$@"
