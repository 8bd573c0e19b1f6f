# Helpers for CI: make sure a Redis server answers on 127.0.0.1:6379 (the shared-cache tests
# use its database 15), installing and starting one when this machine has none.
REDIS_HOST=127.0.0.1
REDIS_PORT=6379

redis_answers() {
  local reply="" fd
  { exec {fd}<>"/dev/tcp/$REDIS_HOST/$REDIS_PORT"; } 2>/dev/null || return 1
  printf 'PING\r\n' >&"$fd"
  read -r -t 2 reply <&"$fd" || true
  exec {fd}>&-
  [[ "$reply" == +PONG* ]]
}

ensure_redis() {
  if redis_answers; then
    return 0
  fi
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "Redis is not installed: installing it from the distribution's packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
  echo "Starting Redis"
  # A cache only: nothing is written to disk.
  redis-server --daemonize yes --bind "$REDIS_HOST" --port "$REDIS_PORT" --save '' --appendonly no
  for _ in $(seq 1 30); do
    redis_answers && return 0
    sleep 1
  done
  echo "Redis did not start" >&2
  return 1
}
