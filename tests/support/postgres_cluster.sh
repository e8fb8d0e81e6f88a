#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: initdb in a new temporary directory, listening
# on a Unix socket in that directory only (no TCP), stopped and deleted afterwards. It never
# touches a system cluster.
#
#   postgres_cluster.sh start STATE_FILE   start one; STATE_FILE gets its directory and the
#                                          connection string the tests use (KEY=VALUE lines)
#   postgres_cluster.sh stop STATE_FILE    stop it and delete its directory
#
# The server runs as the invoking user, or as `postgres` when that is root (PostgreSQL refuses
# to run as root). Two roles: the superuser (trust on the socket), and kpproc_secret, which
# logs in with a password only, for the tests of authentication failures.
set -euo pipefail

action=${1:-}
state=${2:-}
if [ -z "$action" ] || [ -z "$state" ]; then
    echo "usage: postgres_cluster.sh start|stop STATE_FILE" >&2
    exit 2
fi

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "postgres_cluster.sh: no PostgreSQL server (Debian's postgresql package) is installed" >&2
    exit 1
fi

as_owner=()
if [ "$(id -u)" -eq 0 ]; then
    as_owner=(runuser -u postgres --)
fi

stop_cluster() {
    [ -f "$state" ] || return 0
    local dir
    dir=$(sed -n 's/^DIR=//p' "$state")
    if [ -n "$dir" ] && [ -d "$dir/data" ]; then
        "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    [ -n "$dir" ] && rm -rf "$dir"
    rm -f "$state"
}

case "$action" in
    start)
        stop_cluster  # a cluster a killed run left behind
        dir=$(mktemp -d "${TMPDIR:-/tmp}/kpproc-pg.XXXXXX")
        chmod 755 "$dir"
        [ ${#as_owner[@]} -eq 0 ] || chown postgres "$dir"
        user=$("${as_owner[@]}" id -un)
        "${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -U "$user" -A trust -E UTF8 \
            --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
        # Password logins for kpproc_secret, trust for everyone else; the socket only.
        cat >"$dir/data/pg_hba.conf" <<EOF
local all kpproc_secret scram-sha-256
local all all trust
EOF
        "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
            -o "-c listen_addresses='' -k $dir -c fsync=off -c max_connections=60" \
            start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
        "${as_owner[@]}" "$bindir/psql" -h "$dir" -U "$user" -d postgres -q -v ON_ERROR_STOP=1 \
            -c "CREATE ROLE kpproc_secret LOGIN PASSWORD 'right-password-1234'" \
            -c "CREATE DATABASE kpproc_secret OWNER kpproc_secret" >/dev/null
        {
            echo "DIR=$dir"
            echo "CONNINFO=host=$dir user=$user dbname=postgres"
            echo "SOCKET_DIR=$dir"
            echo "SUPERUSER=$user"
        } >"$state"
        ;;
    stop)
        stop_cluster
        ;;
    *)
        echo "usage: postgres_cluster.sh start|stop STATE_FILE" >&2
        exit 2
        ;;
esac
