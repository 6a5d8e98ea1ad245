"""The handbook's publishing recipe (handbook/docs/publishing.md), tested as written: Debian's
nginx on 127.0.0.1 with the handbook's server block serves the participant edition to anyone and
the facilitator edition only with the staff password."""

from __future__ import annotations

import base64
import os
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from helpers import REPO

NGINX = "/usr/sbin/nginx"
PASSWORD = "correct horse battery"


def readme_block(language: str) -> str:
    page = (REPO / "handbook/docs/publishing.md").read_text()
    return re.search(rf"```{language}\n(.*?)```", page, re.S).group(1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def bilingual_site(tmp_path_factory) -> Path:
    """The mini program with its Spanish edition (es/), built without PDFs."""
    from helpers import built_mini
    from test_spanish import lay_spanish

    return built_mini(tmp_path_factory, "publish", "--no-pdf", prepare=lay_spanish)


@pytest.fixture(scope="module")
def nginx(bilingual_site, tmp_path_factory):
    mini_site = bilingual_site
    if not Path(NGINX).exists():
        message = f"{NGINX} is missing: run `make test`, which installs Debian's nginx-light"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    tmp = tmp_path_factory.mktemp("nginx")
    hashed = subprocess.run(
        ["openssl", "passwd", "-apr1", PASSWORD], capture_output=True, text=True, check=True
    ).stdout.strip()
    (tmp / "htpasswd").write_text(f"staff:{hashed}\n")
    port = free_port()
    server = readme_block("nginx")
    for old, new in (
        ("listen 80;", f"listen 127.0.0.1:{port};"),
        ("/var/www/psychoed/", f"{mini_site / 'site'}/"),
        ("/etc/nginx/psychoed.htpasswd", str(tmp / "htpasswd")),
    ):
        assert old in server, old
        server = server.replace(old, new)
    temp_paths = "\n".join(
        f"  {kind}_temp_path {tmp}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the test's private tmp folder
    (tmp / "nginx.conf").write_text(
        f"{user}worker_processes 1;\npid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  access_log off;\n{temp_paths}\n{server}\n}}\n"
    )
    process = subprocess.Popen(
        [NGINX, "-p", str(tmp), "-e", str(tmp / "error.log"), "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            if process.poll() is not None:
                pytest.fail(
                    f"nginx did not start: {process.stdout.read().decode()} "
                    f"{(tmp / 'error.log').read_text() if (tmp / 'error.log').exists() else ''}"
                )
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


def get(url: str, user: str | None = None, password: str = PASSWORD):
    request = urllib.request.Request(url)
    if user:
        request.add_header("Authorization", "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, ""


def test_the_participant_site_is_public(nginx):
    status, _, html = get(f"{nginx}/")
    assert status == 200 and "Mini Test Program" in html
    assert get(f"{nginx}/lessons/rp-alpha/")[0] == 200


@pytest.mark.parametrize(
    "path", ["/staff/", "/staff/tracks/mini-track/session-01/", "/staff/assets/stylesheets/psychoed.css"]
)
def test_the_facilitator_site_needs_the_password(nginx, path):
    status, headers, _ = get(nginx + path)
    assert status == 401 and 'Basic realm="Facilitator edition (staff only)"' in headers["WWW-Authenticate"]
    assert get(nginx + path, "staff", "wrong password")[0] == 401
    status, headers, body = get(nginx + path, "staff")
    assert status == 200 and body
    assert headers["X-Robots-Tag"] == "noindex, nofollow"


def test_staff_without_the_slash_leads_to_the_password(nginx):
    request = urllib.request.Request(f"{nginx}/staff")
    opener = urllib.request.build_opener(_NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as answer:
        opener.open(request, timeout=10)
    assert answer.value.code == 301 and answer.value.headers["Location"] == "/staff/"
    assert get(f"{nginx}/staff", "staff")[0] == 200  # followed: the facilitator home page


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.parametrize("path, lang", [("/no-such-page", "en"), ("/es/no-existe/", "es")])
def test_a_missing_page_gets_the_error_page_of_its_language(nginx, path, lang):
    status, _, html = get_error(nginx + path)
    assert status == 404 and f'<html lang="{lang}"' in html, html[:300]


def get_error(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


def test_with_the_password_the_session_plan_is_served(nginx):
    status, _, html = get(f"{nginx}/staff/tracks/mini-track/session-01/", "staff")
    assert status == 200 and "Facilitator edition: not for group members" in html


def test_the_apache_recipe_asks_for_a_valid_user():
    htaccess = readme_block("apache")
    assert "AuthType Basic" in htaccess and "Require valid-user" in htaccess and "AuthUserFile /" in htaccess
