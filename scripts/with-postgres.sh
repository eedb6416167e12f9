#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server: started in a temporary directory on
# loopback with a free port, stopped and removed afterwards. Usage: scripts/with-postgres.sh CMD...
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
dir=$(mktemp -d /tmp/gongkai-pg.XXXXXX)
chmod 755 "$dir"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -ne 0 ] || chown postgres "$dir"
as_pg "$bin/initdb" -D "$dir/data" -U gongkai --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
stop() { as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap stop EXIT
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" start >/dev/null
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') 已在 127.0.0.1:$port 启动（临时目录 $dir）"
DATABASE_URL="postgres://gongkai@127.0.0.1:$port/gongkai" "$@"
