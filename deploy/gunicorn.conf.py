"""Gunicorn settings for production (see deploy/README.md).

    gunicorn -c deploy/gunicorn.conf.py verbal_voyager.wsgi:application

The Django settings come from the environment as usual (/etc/verbal-voyager.env under systemd).
"""

import multiprocessing
import os

# nginx proxies to this socket (deploy/nginx/verbal-voyager.conf). For a quick test without
# nginx: GUNICORN_BIND=127.0.0.1:8000.
bind = os.environ.get("GUNICORN_BIND", "unix:/run/verbal-voyager/gunicorn.sock")

# Synchronous workers: the usual 2 × CPUs + 1, fewer on a machine short of memory.
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))

# A request taking over 30 s has its worker killed and answered 502 by nginx (which waits 35 s).
timeout = 30
# On restart or reload, running requests get this long to finish.
graceful_timeout = 30

# Each worker is replaced after about a thousand requests, the jitter keeping them from all
# restarting at once: a cap on slow memory growth.
max_requests = 1000
max_requests_jitter = 100

# Both logs to stdout/stderr, i.e. the journal (systemd) or supervisor's log files. Behind the
# unix socket gunicorn sees no client address, so the log shows the one nginx passes on.
accesslog = "-"
errorlog = "-"
access_log_format = '%({x-real-ip}i)s - %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'

# Gunicorn 25.1+ otherwise opens a control socket for `gunicornc` in $XDG_RUNTIME_DIR or
# ~/.gunicorn/ (the CLI's --no-control-socket). Not wanted here; older versions ignore the name.
control_socket_disable = True
