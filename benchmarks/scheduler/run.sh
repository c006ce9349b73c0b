#!/usr/bin/env bash
# Scheduler scan benchmark: how long the expiry, sightings and inventory scans take over about
# 1,000,000 certificates. Builds nothing: run `./mvnw -B -ntp install -DskipTests` (or a reactor
# `verify -pl server -am`) first, so that server/target/quarkus-app/quarkus-run.jar exists.
#
# Starts the packaged server on a temporary data directory with every scheduler job switched off,
# seeds devices and certificates with the inventory benchmark's seed (../inventory/seed.sql) and OCSP
# lookups (lookups.sql) straight into the embedded PostgreSQL, then runs each scan through
# POST /api/v1/scheduler/jobs/{job}/run, twice (the first raises the flags, the second refreshes
# them), and reports the run records: duration, rows examined, flags raised and resolved, and the
# server's heap after each run. Stops the server and removes the data directory at the end.
#
# Needs java 17, curl, psql and awk. Settings (environment):
#   DEVICES=810000   devices to seed (about 1.24 certificates each: 810,000 make 1,000,000)
#   RESULTS=file     also write the result table (Markdown) to this file
#   KEEP_DATA=1      keep the work directory with the data directory and the server log (its path is printed)
#   SERVER_JAR=file  another build's quarkus-run.jar (a copy of its whole quarkus-app directory)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
jar=${SERVER_JAR:-$root/server/target/quarkus-app/quarkus-run.jar}
devices=${DEVICES:-810000}
admin_password="scan-bench-$RANDOM$RANDOM"

# shellcheck source=SCRIPTDIR/../lib.sh
source "$here/../lib.sh"
require_tools java curl psql awk
make_work_dir scans

jobs_off=()
for job in expiry-scan sightings-scan inventory-scan infrastructure-scan crl-freshness notification-delivery notification-digest; do
    jobs_off+=("-Dpki.scheduler.$job.cron=off")
done
first_start "${jobs_off[@]}"
api="$api_base/api/v1"
embedded_postgres
psql_cmd=(psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -X -q -v ON_ERROR_STOP=1)
issuer_id=$("${psql_cmd[@]}" -At -c "select id from certificate_authority where role = 'issuing' and is_default")

log "seeding $devices devices and their certificates"
seed_start=$(date +%s)
"${psql_cmd[@]}" -v devices="$devices" -v issuer_id="$issuer_id" -f "$root/benchmarks/inventory/seed.sql"
"${psql_cmd[@]}" -v issuer_id="$issuer_id" -f "$here/lookups.sql"
certificates=$("${psql_cmd[@]}" -At -c 'select count(*) from certificate')
lookups=$("${psql_cmd[@]}" -At -c 'select count(*) from ocsp_lookup')
log "seeded in $(( $(date +%s) - seed_start )) s: $certificates certificates, $lookups OCSP lookup rows"

heap_mb() {
    jcmd "$server_pid" GC.heap_info 2>/dev/null | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub("K,?", "", v); print int(v / 1024); exit } }'
}

rows=()
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for job in expiry-scan sightings-scan inventory-scan; do
    for pass in first second; do
        run=$(curl -fsS -k -u "admin:$admin_password" -H 'X-Requested-By: bench' -X POST "$api/scheduler/jobs/$job/run")
        field() { grep -o "\"$1\":[^,}]*" <<<"$run" | head -n 1 | cut -d: -f2 | tr -d '"'; }
        rows+=("| $job | $pass | $(field durationMs) | $(field examined) | $(field raised) | $(field resolved) | $(heap_mb) |")
        log "$job ($pass run): $(field durationMs) ms, $(field examined) examined, $(field raised) raised, $(field resolved) resolved"
    done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

{
    echo "Scheduler scan benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $load_before (start) / $load_after (end)"
    echo "$devices devices, $certificates certificates, $lookups OCSP lookup rows; server heap limit: JVM default"
    echo
    echo "| Job | Run | Duration (ms) | Rows examined | Flags raised | Flags resolved | Heap used after (MB) |"
    echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
    printf '%s\n' "${rows[@]}"
} | tee "${RESULTS:-/dev/null}"
