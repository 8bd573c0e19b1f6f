#!/usr/bin/env bash
# Schema fuzzing: schemathesis against a real server (gunicorn, PostgreSQL, production
# settings), read endpoints anonymously and write endpoints with an agency key. The settings
# are .ci/schemathesis.toml plus real codes from the seeded database (.ci/fuzz_config.py).
# Usage: .ci/fuzz.sh DATABASE_URL [SECONDS_PER_RUN]
set -euo pipefail
cd "$(dirname "$0")/.."
database_url="$1"
budget="${2:-90}"
bin=.venv/bin
port=$($bin/python -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")

export DATABASE_URL="$database_url"
export DJANGO_DEBUG=false
export DJANGO_SECRET_KEY="fuzz-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_SECURE_SSL_REDIRECT=false
export DJANGO_BEHIND_TLS_PROXY=false
# Figures cached in Redis, as in production (the app answers without it if none runs here).
export REDIS_URL="${FUZZ_REDIS_URL:-redis://127.0.0.1:6379/14}"
export EGOV_CACHE_PREFIX="fuzz-$$"
# The fuzzer is one client sending thousands of requests: rate limits would answer most of them.
export EGOV_THROTTLE_ANON="" EGOV_THROTTLE_KEY=""
export EGOV_LOG_FORMAT=text DJANGO_LOG_LEVEL=WARNING

$bin/python manage.py migrate --noinput >/dev/null
$bin/python manage.py collectstatic --noinput --verbosity 0
$bin/python manage.py seed_demo --verbosity 0
key=$($bin/python manage.py create_api_key --agency ssc --name fuzzing | tail -n 1)
config=$(mktemp --suffix .toml)
server=""
trap 'rm -f "$config"; [ -z "$server" ] || { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; } || true' EXIT
$bin/python .ci/fuzz_config.py ssc >"$config"

$bin/gunicorn -c egov_api/gunicorn.conf.py --bind "127.0.0.1:$port" --workers 2 \
  egov_api.wsgi >/tmp/egov-fuzz-server.log 2>&1 &
server=$!
$bin/python - "$port" <<'PY'
import sys, time, urllib.request
for _ in range(100):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/healthz", timeout=2)
        break
    except OSError:
        time.sleep(0.2)
else:
    sys.exit("the server did not start")
PY

schema="http://127.0.0.1:$port/api/schema/"
# A fixed seed: CI replays the same cases, so a red run can be reproduced (FUZZ_SEED to vary).
common=(--checks all --phases examples,coverage,fuzzing --max-time "$budget" --seed "${FUZZ_SEED:-20220101}"
  --request-timeout 20 --workers 2 --suppress-health-check all)

status=0
echo "--- read endpoints, anonymous"
$bin/schemathesis --config-file "$config" run "$schema" "${common[@]}" --include-method GET || status=1

echo "--- write endpoints, agency key"
$bin/schemathesis --config-file "$config" run "$schema" "${common[@]}" \
  --include-path-regex '^/api/v1/transactions/' --exclude-method GET \
  -H "Authorization: Api-Key $key" || status=1
exit $status
