#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for SpeedLab's tests and prints its URL.
#
#   scripts/throwaway-postgres.sh start DIR   # initdb in DIR, start on a free port, print the URL
#   scripts/throwaway-postgres.sh stop DIR    # stop it (DIR can then be removed)
#
# The cluster listens on 127.0.0.1 only, asks TCP clients for a password (scram-sha-256, so
# the tests can check that a wrong one is refused) and trusts its own Unix socket in DIR.
# PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user.
# Installs nothing: `.ci/run` installs Debian's `postgresql` package when it is missing.
set -euo pipefail
command=${1:?usage: throwaway-postgres.sh start|stop DIR}
dir=${2:?usage: throwaway-postgres.sh start|stop DIR}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 69; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command" in
start)
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  echo "$password" >"$dir/password"
  [ "$(id -u)" = 0 ] && chown postgres "$dir/password"
  as_owner "$bin/initdb" -D "$dir/data" -U speedlab --auth-local=trust --auth-host=scram-sha-256 \
    --pwfile="$dir/password" >"$dir/initdb.log" 2>&1
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  echo "$port" >"$dir/port"
  echo "postgres://speedlab:$password@127.0.0.1:$port/postgres?sslmode=disable"
  ;;
stop)
  [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  ;;
*)
  echo "usage: throwaway-postgres.sh start|stop DIR" >&2
  exit 64
  ;;
esac
