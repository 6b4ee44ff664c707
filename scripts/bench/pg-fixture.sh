# Shared by the backup and restore benchmarks (sourced): builds dbctl (release), starts a
# throwaway PostgreSQL 15 on a free port, and generates the `bench` database with realistic mixed
# data (text, numbers, timestamps, jsonb) of $ROWS orders; makes an age key ($KEY, recipient $R).
# Provides run LABEL COMMAND, which prints "label<TAB>seconds<TAB>peak KiB<TAB>extra<TAB>cpu" (extra:
# the difference of `extra_metric`, if defined, before and after the command; cpu: the CPU seconds
# of the command and every process it waited for).

PG_BIN=/usr/lib/postgresql/15/bin
scripts/setup --test
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null
cargo build --locked --release --quiet
DBCTL="$PWD/target/release/dbctl"

WORK="$(mktemp -d /tmp/dbctl-bench-XXXXXX)"
chmod 755 "$WORK"
PGDATA="$WORK/pg"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
MOTO_PID=""
cleanup() {
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true
    [ -n "$MOTO_PID" ] && kill "$MOTO_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
mkdir "$PGDATA"
[ "$(id -u)" -eq 0 ] && chown postgres: "$PGDATA"
as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres -A trust --no-sync -E UTF8 --locale=C >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/log" -w \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PGDATA -c fsync=off" start >/dev/null
URL="postgres://postgres@127.0.0.1:$PORT/bench"
psql_() { psql -X -q -h 127.0.0.1 -p "$PORT" -U postgres "$@"; }
psql_ -d postgres -c "CREATE DATABASE bench"

echo "generating $ROWS rows…" >&2
psql_ -d bench -v ON_ERROR_STOP=1 <<SQL
CREATE TABLE customers (id int PRIMARY KEY, name text, email text, country text, created_at timestamptz);
INSERT INTO customers
SELECT g, 'Customer ' || g, 'c' || g || '@example.com',
       (ARRAY['DE','FR','US','JP','BR','IN','NG','SE'])[1 + g % 8],
       timestamptz '2020-01-01' + (g || ' minutes')::interval
FROM generate_series(1, $ROWS / 20) g;
CREATE TABLE orders (
    id bigint PRIMARY KEY, customer_id int REFERENCES customers, placed_at timestamptz,
    status text, total numeric(12,2), items jsonb, note text);
INSERT INTO orders
SELECT g, 1 + g % ($ROWS / 20), timestamptz '2021-01-01' + (g * 37 || ' seconds')::interval,
       (ARRAY['new','paid','shipped','delivered','refunded'])[1 + g % 5],
       round((random() * 500)::numeric, 2),
       jsonb_build_object('sku', 'SKU-' || (g % 9973), 'qty', 1 + g % 7, 'gift', g % 11 = 0,
                          'tags', jsonb_build_array('t' || g % 13, 't' || g % 17)),
       CASE WHEN g % 3 = 0 THEN NULL ELSE md5(g::text) || ' ' || substr(md5((g * 7)::text), 1, 12 + g % 20) END
FROM generate_series(1, $ROWS) g;
SQL
KEY="$WORK/key.txt"
age-keygen -o "$KEY" 2>/dev/null
R=$(age-keygen -y "$KEY")
export PGPASSWORD=""

run() {
    local out before
    before=$(declare -F extra_metric >/dev/null && extra_metric || echo 0)
    out=$( { /usr/bin/time -f "%e %M %U %S" sh -c "$2" >/dev/null; } 2>&1 | tail -1 )
    local after wall kib user sys
    after=$(declare -F extra_metric >/dev/null && extra_metric || echo 0)
    read -r wall kib user sys <<< "$out"
    printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$wall" "$kib" "$(echo "$after - $before" | bc -l)" \
        "$(echo "$user + $sys" | bc -l)"
}
