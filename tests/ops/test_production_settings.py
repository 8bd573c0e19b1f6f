"""Production settings: refuse to start without a secret, pass Django's deployment checks."""

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


def test_gunicorn_lets_the_app_refuse_a_long_address_as_a_problem(tmp_path):
    # gunicorn's default limit (4094 bytes) would answer an HTML 414 before the app saw it.
    env = production_env(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    with gunicorn(env) as base:
        answer = get(base + "/api/v1/agencies/?search=" + "x" * 9000)

    assert answer.status == 414
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert answer.headers["X-Request-ID"]
