#!/usr/bin/env bash
# Inventory query benchmark: how fast the admin API answers filtered pages of a 100,000-device
# inventory. Builds nothing: run `./mvnw -B -ntp install -DskipTests` first, so that
# server/target/quarkus-app/quarkus-run.jar exists.
#
# It starts the packaged server on a fresh, temporary data directory and free ports, seeds the
# devices and their certificates with SQL straight into the embedded PostgreSQL (seed.sql), and times
# GET /api/v1/devices over HTTPS (the API is served on the HTTPS port only) for a set of filtered
# pages. Each query is reported against two baselines measured in the same run: the unfiltered first
# page through the API, and the same query's own SQL (count and page) as PostgreSQL executes it. Each
# timed request is a new curl, so every figure includes a TLS handshake, the baseline's too. The
# server is stopped with SIGTERM and the data directory removed at the end, also on failure or Ctrl-C.
#
# Needs java 17, curl, psql and awk. Settings (environment):
#   DEVICES=100000   devices to seed
#   REQUESTS=30      timed requests per query
#   WARMUP=30        untimed requests per query before any is timed, so that the server is warm
#   RESULTS=file     also write the result table (Markdown) to this file
#   PLANS=file       also write the EXPLAIN (ANALYZE, BUFFERS) of every count and page query to this file
#   KEEP_DATA=1      keep the work directory with the data directory and the server log (its path is printed)
#   SERVER_JAR=file  another build's quarkus-run.jar (a copy of its whole quarkus-app directory), to
#                    compare two builds in one session
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
jar=${SERVER_JAR:-$root/server/target/quarkus-app/quarkus-run.jar}
devices=${DEVICES:-100000}
requests=${REQUESTS:-30}
warmup=${WARMUP:-30}
admin_password="inventory-bench-$RANDOM$RANDOM"

# shellcheck source=SCRIPTDIR/../lib.sh
source "$here/../lib.sh"
require_tools java curl psql awk
make_work_dir inventory
first_start
embedded_postgres
psql_cmd=(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -X -q -v ON_ERROR_STOP=1)
issuer_id=$("${psql_cmd[@]}" -At -c \
    "select id from certificate_authority where role = 'issuing' and is_default")
[[ -n "$issuer_id" ]] || { echo "run.sh: no default issuing CA in the database" >&2; exit 1; }

log "seeding $devices devices (issuing CA id $issuer_id, PostgreSQL on port $pg_port)"
seed_start=$(date +%s)
"${psql_cmd[@]}" -v devices="$devices" -v issuer_id="$issuer_id" -f "$here/seed.sql"
log "seeded in $(( $(date +%s) - seed_start )) s: $("${psql_cmd[@]}" -At -c \
    "select count(*) || ' devices, ' || (select count(*) from certificate) || ' certificates' from device")"

# The queries. Each has a name, the API query string, and the same query in SQL as Hibernate sends
# it for DeviceRepository.search: the FROM and WHERE clauses, the ORDER BY, the page offset, and the
# parameter types and values (the request's clock becomes now()). Keep them in step with
# DeviceRepository; QUARKUS_HIBERNATE_ORM_LOG_SQL=true makes the server log what it sends.
queries=()
separator=$'\x1f'
add_query() { # name, query string, from, where, order by, offset, parameter types, parameter values
    local IFS=$separator
    queries+=("$*")
}
devices_only="from device d"
with_certificate="from device d left join certificate c on c.id = d.current_certificate_id"
expiring="c.status = \$1 and c.not_after > \$2 and c.not_after <= \$3"
expiring_values="'valid', now(), now() + interval '30 days'"

add_query "unfiltered, first page (baseline)" "" \
    "$devices_only" "" "d.created_at, d.id" 0 "" ""
add_query "kind=pump & state=quarantined" "kind=pump&state=quarantined" \
    "$devices_only" "d.kind = \$1 and d.state = \$2" "d.created_at, d.id" 0 "varchar, varchar" "'pump', 'quarantined'"
add_query "certificateStatus=expiring" "certificateStatus=expiring" \
    "$with_certificate" "$expiring" "d.created_at, d.id" 0 "varchar, timestamptz, timestamptz" "$expiring_values"
add_query "certificateStatus=none" "certificateStatus=none" \
    "$devices_only" "d.current_certificate_id is null" "d.created_at, d.id" 0 "" ""
add_query "location=ICU-3 West" "location=ICU-3%20West" \
    "$devices_only" "d.location = \$1" "d.created_at, d.id" 0 "varchar" "'ICU-3 West'"
add_query "q=pcu-00421 (serial fragment)" "q=pcu-00421" \
    "$devices_only" "d.search_text like \$1 escape '\\'" "d.created_at, d.id" 0 "varchar" "'%pcu-00421%'"
add_query "q=oncology (ward name)" "q=oncology" \
    "$devices_only" "d.search_text like \$1 escape '\\'" "d.created_at, d.id" 0 "varchar" "'%oncology%'"
add_query "kind=pump & certificateStatus=expiring & sort=location" "kind=pump&certificateStatus=expiring&sort=location" \
    "$with_certificate" "d.kind = \$4 and $expiring" "d.location, d.id" 0 \
    "varchar, timestamptz, timestamptz, varchar" "$expiring_values, 'pump'"
add_query "sort=-createdAt, page 1000" "sort=-createdAt&page=1000" \
    "$devices_only" "" "d.created_at desc, d.id desc" 50000 "" ""

page_columns="d.id, d.created_at, d.current_certificate_id, d.firmware, d.hostnames, d.kind, d.location, d.mac_address,
    d.manufacturer, d.model, d.search_text, d.serial, d.state, d.udi, d.updated_at, d.version"

# Milliseconds PostgreSQL spends executing a prepared statement: the median "Execution Time" of five
# EXPLAIN ANALYZE runs (without per-node timing, which would inflate it), after five plain executions. That is the state a pooled JDBC connection
# reaches: the driver prepares a statement on the server from its fifth use, and PostgreSQL may
# switch to a generic plan from the sixth execution.
sql_ms() { # sql, parameter types, parameter values
    local prepare="prepare q${2:+($2)} as $1;" execute="execute q${3:+($3)};"
    {
        echo "$prepare"
        echo '\o /dev/null'
        for _ in 1 2 3 4 5; do echo "$execute"; done
        echo '\o'
        for _ in 1 2 3 4 5; do echo "explain (analyze, timing off) $execute"; done
    } | "${psql_cmd[@]}" -At | awk '/^Execution Time:/ { print $3 }' \
        | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# The plan of the page query, as the last EXPLAIN ANALYZE above saw it.
sql_plan() { # sql, parameter types, parameter values
    {
        echo "prepare q${2:+($2)} as $1;"
        echo '\o /dev/null'
        for _ in 1 2 3 4 5; do echo "execute q${3:+($3)};"; done
        echo '\o'
        echo "explain (analyze, buffers) execute q${3:+($3)};"
    } | "${psql_cmd[@]}" -At
}

# Median and 95th percentile (nearest rank) of the request times in milliseconds.
http_ms() {
    local url="$api_base/api/v1/devices${1:+?$1}"
    for _ in $(seq 1 "$requests"); do
        curl -fsSk -o /dev/null -u "admin:$admin_password" -w '%{time_total}\n' "$url"
    done | sort -g | awk '{ v[NR] = $1 * 1000 }
        END { n = NR; p95 = int(0.95 * n + 0.999); if (p95 > n) p95 = n; printf "%.1f %.1f\n", v[int((n + 1) / 2)], v[p95] }'
}

total_of() {
    curl -fsSk -u "admin:$admin_password" "$api_base/api/v1/devices${1:+?$1}" | grep -o '"total":[0-9]*' | cut -d: -f2
}

if [[ -n "${PLANS:-}" ]]; then
    : >"$PLANS"
fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
log "warming up: $warmup requests of each query"
for entry in "${queries[@]}"; do
    IFS=$separator read -r name query _ <<<"$entry"
    for _ in $(seq 1 "$warmup"); do
        curl -fsSk -o /dev/null -u "admin:$admin_password" "$api_base/api/v1/devices${query:+?$query}"
    done
done

# The baseline is measured first and once more at the end; the two show how much the machine drifted.
log "measuring ${#queries[@]} queries, $requests requests each"
rows=()
baseline_ms=""
for entry in "${queries[@]}" "${queries[0]/(baseline)/(baseline, again at the end)}"; do
    IFS=$separator read -r name query from where order offset types values <<<"$entry"
    where_clause=${where:+ where $where}
    count_sql="select count(*) $from$where_clause"
    page_types="${types:+$types, }int, int"
    first=$(( $(tr -cd '$' <<<"$where" | wc -c) + 1 ))
    page_sql="select $page_columns $from$where_clause order by $order offset \$$first rows fetch first \$$((first + 1)) rows only"
    page_values="${values:+$values, }$offset, 50"
    total=$(total_of "$query")
    read -r median p95 < <(http_ms "$query")
    count_ms=$(sql_ms "$count_sql" "$types" "$values")
    page_ms=$(sql_ms "$page_sql" "$page_types" "$page_values")
    [[ -n "$baseline_ms" ]] || baseline_ms=$median
    rows+=("$(awk -v name="$name" -v total="$total" -v median="$median" -v p95="$p95" -v base="$baseline_ms" \
        -v count_ms="$count_ms" -v page_ms="$page_ms" 'BEGIN {
            sql = count_ms + page_ms
            printf "| %s | %d | %.1f | %.1f | %.2f | %.2f + %.2f = %.2f | %.0f |\n",
                name, total, median, p95, median / base, count_ms, page_ms, sql, median / sql }')")
    if [[ -n "${PLANS:-}" ]]; then
        {
            echo "== $name: count"
            sql_plan "$count_sql" "$types" "$values"
            echo "== $name: page"
            sql_plan "$page_sql" "$page_types" "$page_values"
            echo
        } >>"$PLANS"
    fi
    log "$name: $total matches, median $median ms, p95 $p95 ms, SQL $count_ms + $page_ms ms"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

{
    echo "Inventory query benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $load_before (start) / $load_after (end)"
    echo "$devices devices, $("${psql_cmd[@]}" -At -c 'select count(*) from certificate') certificates; $requests requests per query after $warmup warm-up requests of each, page size 50, HTTPS with a new connection per request, HTTP Basic as admin"
    echo
    echo "| Query | Matches | HTTP median (ms) | HTTP p95 (ms) | x baseline | SQL count + page (ms) | HTTP / SQL |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    printf '%s\n' "${rows[@]}"
} | tee "${RESULTS:-/dev/null}"
