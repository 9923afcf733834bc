#!/bin/sh
# manage.py on the server, as the service user and with the services' environment file:
#
#   sudo /srv/verbal-voyager/deploy/manage.sh migrate --no-input
#
# systemd reads /etc/verbal-voyager.env exactly as for the units. A shell cannot source it:
# values such as DEFAULT_FROM_EMAIL=Verbal Voyager <noreply@example.com> are not quoted.
set -eu

app=/srv/verbal-voyager
# A terminal for interactive commands (createsuperuser, shell), plain pipes for scripts and cron.
if [ -t 0 ] && [ -t 1 ]; then io=--pty; else io=--pipe; fi

exec systemd-run --quiet --wait --collect "$io" \
    --uid=verbal-voyager --gid=verbal-voyager \
    --working-directory="$app" \
    --property=EnvironmentFile=/etc/verbal-voyager.env \
    "$app/.venv/bin/python" manage.py "$@"
