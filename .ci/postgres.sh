# Helpers for CI: make sure a PostgreSQL server answers on 127.0.0.1:5432, installing and
# starting it when this machine has none, and print a URL for a fresh database.
PG_HOST=127.0.0.1
PG_PORT=5432
PG_PASSWORD_FILE=/tmp/egov-ci-pg-password

pg_answers() {
  command -v pg_isready >/dev/null 2>&1 && pg_isready -h "$PG_HOST" -p "$PG_PORT" -q
}

ensure_postgres() {
  if pg_answers; then
    return 0
  fi
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    echo "PostgreSQL is not installed: installing it from the distribution's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "Starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do
    pg_answers && break
    sleep 1
  done
  pg_answers || { echo "PostgreSQL did not start" >&2; return 1; }
}

# Trust authentication on this kind of machine; a fresh install asks for a password instead,
# so give the postgres role one and use it.
postgres_url() {
  local db="$1" auth=""
  if ! psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -w -c "SELECT 1" postgres >/dev/null 2>&1; then
    local password
    password=$(cat "$PG_PASSWORD_FILE" 2>/dev/null || head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
    echo "$password" >"$PG_PASSWORD_FILE"
    su postgres -c "psql -q -c \"ALTER ROLE postgres PASSWORD '$password'\"" >/dev/null
    export PGPASSWORD="$password"
    auth=":$password"
  fi
  psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -q -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" postgres >/dev/null
  psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -q -c "DROP DATABASE IF EXISTS test_$db WITH (FORCE)" postgres >/dev/null
  psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -q -c "CREATE DATABASE $db" postgres >/dev/null
  echo "postgres://postgres${auth}@${PG_HOST}:${PG_PORT}/${db}"
}
