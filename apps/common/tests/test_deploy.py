"""The production configuration in deploy/ loads, and its parts agree with each other and the app."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
NGINX_SITE = DEPLOY / "nginx" / "verbal-voyager.conf"
CERTIFICATE = "/etc/letsencrypt/live/example.com/fullchain.pem"
CERTIFICATE_KEY = "/etc/letsencrypt/live/example.com/privkey.pem"
SELF_SIGNED = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
SELF_SIGNED += ["-subj", "/CN=localhost"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SECRET_KEY": "tests-only-not-a-secret"}
    env.pop("GUNICORN_BIND", None)
    env.pop("GUNICORN_WORKERS", None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "gunicorn",
            *args,
            "-c",
            "deploy/gunicorn.conf.py",
            "verbal_voyager.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_gunicorn_config_loads_the_app():
    result = gunicorn("--check-config")
    assert result.returncode == 0, result.stdout + result.stderr


def test_gunicorn_settings_take_effect():
    # Gunicorn skips names it does not know, so a misspelt setting would pass --check-config.
    result = gunicorn("--print-config")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = (line.partition("=") for line in result.stdout.splitlines())
    resolved = {name.strip(): value.strip() for name, _, value in lines}
    assert resolved["bind"] == "['unix:/run/verbal-voyager/gunicorn.sock']"
    assert resolved["timeout"] == "30"
    assert resolved["accesslog"] == "-"
    assert resolved["control_socket_disable"] == "True"


def test_nginx_matches_gunicorn_and_the_app():
    site = NGINX_SITE.read_text()
    assert "server unix:/run/verbal-voyager/gunicorn.sock" in site
    body_limit = re.search(r"client_max_body_size (\d+)m;", site)
    assert body_limit, "client_max_body_size is missing"
    assert int(body_limit[1]) * 1024 * 1024 == settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def test_nginx_config_is_valid(tmp_path):
    if shutil.which("nginx") is None:
        pytest.skip("nginx not installed")
    assert shutil.which("openssl"), "openssl is needed to make a certificate for the check"

    # The Let's Encrypt certificate does not exist here: a throwaway one takes its place.
    certificate, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [*SELF_SIGNED, "-keyout", str(key), "-out", str(certificate)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    site = NGINX_SITE.read_text()
    assert CERTIFICATE in site
    assert CERTIFICATE_KEY in site
    site = site.replace(CERTIFICATE, str(certificate)).replace(CERTIFICATE_KEY, str(key))
    # nginx -t binds the listening sockets too, and ports 80 and 443 need root.
    ports = {"80": str(free_port()), "443": str(free_port())}
    site, listens = re.subn(r"(listen (?:\[::\]:)?)(80|443)\b", lambda m: m[1] + ports[m[2]], site)
    assert listens >= 4
    site_copy = tmp_path / "verbal-voyager.conf"
    site_copy.write_text(site)

    # Like Debian's nginx.conf, which includes the sites inside http {}, with every path that
    # nginx writes moved into tmp_path.
    temp = tmp_path / "temp"
    temp.mkdir()
    wrapper = tmp_path / "nginx.conf"
    wrapper.write_text(
        f"""
        pid {tmp_path / "nginx.pid"};
        error_log {tmp_path / "error.log"};
        events {{}}
        http {{
            access_log off;
            client_body_temp_path {temp / "body"};
            proxy_temp_path {temp / "proxy"};
            fastcgi_temp_path {temp / "fastcgi"};
            uwsgi_temp_path {temp / "uwsgi"};
            scgi_temp_path {temp / "scgi"};
            include {site_copy};
        }}
        """
    )
    result = subprocess.run(
        ["nginx", "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(wrapper)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
