"""Production settings: refuse to start without a secret, pass Django's deployment checks."""

import json
import subprocess
import sys

from tests.ops.servers import PROJECT, get, gunicorn, manage, production_env


def run_manage(env, *args):
    return manage(env, *args, check=False, timeout=120)


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env("sqlite:///:memory:")
    del env["DJANGO_SECRET_KEY"]

    result = run_manage(env, "check")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_check_deploy_passes_with_production_settings():
    env = production_env("sqlite:///:memory:", DJANGO_SECURE_SSL_REDIRECT="true")
    env["DJANGO_SECRET_KEY"] = "a-long-random-production-secret-" + "k3y" * 20

    result = run_manage(env, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr


def test_browsable_api_is_off_in_production():
    env = production_env("sqlite:///:memory:")
    code = (
        "import django; django.setup();"
        "from rest_framework.settings import api_settings;"
        "print([r.__name__ for r in api_settings.DEFAULT_RENDERER_CLASSES])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**env, "DJANGO_SETTINGS_MODULE": "egov_api.settings"},
    )
    assert result.returncode == 0, result.stderr
    assert "BrowsableAPIRenderer" not in result.stdout


def test_too_long_addresses_and_headers_are_refused_as_problems_under_gunicorn(tmp_path):
    env = production_env(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    with gunicorn(env) as base:
        # Over the app's limit (8000) but within gunicorn's line: the app's own answer.
        by_app = get(base + "/api/v1/agencies/?search=" + "x" * 8100)
        # Over gunicorn's line (8190): gunicorn answers, in the same format.
        by_server = get(base + "/api/v1/agencies/?search=" + "x" * 9000)
        # A header over gunicorn's field limit.
        big_header = get(base + "/healthz", headers={"X-Padding": "x" * 9000})
        still_up = get(base + "/healthz")

    for answer, status in ((by_app, 414), (by_server, 414), (big_header, 431)):
        assert answer.status == status
        assert answer.headers["Content-Type"] == "application/problem+json"
        body = json.loads(answer.body)
        assert body["status"] == status
        assert "xxxx" not in answer.body.decode()
    assert "8000" in json.loads(by_app.body)["detail"]
    assert by_app.headers["X-Request-ID"]
    assert still_up.status == 200
