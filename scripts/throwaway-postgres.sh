#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for SpeedLab's tests and prints its URL.
#
#   scripts/throwaway-postgres.sh start DIR   # initdb in DIR, start on a free port, print the URL
#   scripts/throwaway-postgres.sh start-tls DIR # the same, serving TLS with a self-signed certificate
#                                               # for `localhost` made by openssl (DIR/server.crt)
#   scripts/throwaway-postgres.sh stop DIR    # stop it (DIR can then be removed)
#   scripts/throwaway-postgres.sh restart DIR # start a stopped cluster again, on the port in DIR/port
#
# The cluster listens on 127.0.0.1 only, asks TCP clients for a password (scram-sha-256, so
# the tests can check that a wrong one is refused) and trusts its own Unix socket in DIR.
# PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user.
# Installs nothing: `.ci/run` installs Debian's `postgresql` package when it is missing.
set -euo pipefail
command=${1:?usage: throwaway-postgres.sh start|stop|restart DIR}
dir=${2:?usage: throwaway-postgres.sh start|stop|restart DIR}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 69; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Starts the cluster in DIR/data on port $1 and prints its URL.
serve() {
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $1 -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
  echo "postgres://speedlab:$(cat "$dir/password")@127.0.0.1:$1/postgres?sslmode=disable"
}

case "$command" in
start | start-tls)
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
  echo "$password" >"$dir/password"
  [ "$(id -u)" = 0 ] && chown postgres "$dir/password"
  as_owner "$bin/initdb" -D "$dir/data" -U speedlab --auth-local=trust --auth-host=scram-sha-256 \
    --pwfile="$dir/password" >"$dir/initdb.log" 2>&1
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  echo "$port" >"$dir/port"
  if [ "$command" = start-tls ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -addext subjectAltName=DNS:localhost \
      -keyout "$dir/server.key" -out "$dir/server.crt" >/dev/null 2>&1
    chmod 600 "$dir/server.key"
    [ "$(id -u)" = 0 ] && chown postgres "$dir/server.key" "$dir/server.crt"
    printf "ssl = on\nssl_cert_file = '%s'\nssl_key_file = '%s'\n" "$dir/server.crt" "$dir/server.key" \
      >>"$dir/data/postgresql.conf"
  fi
  serve "$port"
  ;;
restart)
  [ -d "$dir/data" ] && [ -f "$dir/port" ] || { echo "no cluster in $dir (start one first)" >&2; exit 66; }
  serve "$(cat "$dir/port")"
  ;;
stop)
  [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
  ;;
*)
  echo "usage: throwaway-postgres.sh start|start-tls|stop|restart DIR" >&2
  exit 64
  ;;
esac
