#!/usr/bin/env bash
# Public endpoint benchmark: OCSP, CRL and CA certificate downloads, enrollment, start-up and memory
# of a packaged PumpPKI, each figure beside a peer measured in the same run on the same machine:
# `openssl ocsp -multi N` and `cfssl ocspserve` serving the same certificates, and the Bouncy
# Castle P-256 signing and verification ceiling (JMH, as many threads as cores).
#
# Builds nothing. First:
#   ./mvnw -B -ntp -q package -DskipTests -Dfuzz.skip=true -pl server -am   # the server
#   ./mvnw -B -ntp -q -Pbench -pl benchmarks -am package -DskipTests        # the crypto ceiling (optional)
#
# It starts the server on a fresh, temporary data directory and free ports, enrolls PUMPS pumps
# through the API (keys and CSRs made ahead of time with openssl), exports the certificates to an
# OpenSSL index and PumpPKI's pre-signed answers to a cfssl responses file, makes the OCSP requests
# ahead of time with openssl, runs wrk against each endpoint and peer, then restarts the server on
# the same data directory to time start-up, and once more with Ed25519 OCSP responder keys to
# measure OCSP with nonce again (against openssl signing with an Ed25519 key, and the Bouncy Castle
# Ed25519 signing ceiling). The server and the peers are stopped and the data directory removed at
# the end, also on failure or Ctrl-C.
#
# Needs java 17, curl, psql, awk, openssl (3.x, for -multi), wrk; cfssl (Debian golang-cfssl) for
# the pre-signed OCSP peer: without it those rows say "not measured". Settings (environment):
#   PUMPS=200        pumps to enroll
#   DURATION=10s     each wrk run
#   THREADS=2 CONNECTIONS=16   wrk settings (the same for PumpPKI and its peers)
#   JMH_TIME=1s JMH_ITERATIONS=3   warm-up and measured iterations of the crypto ceiling, each
#   RESULTS=file     also write the table (Markdown) to this file
#   UPDATE_DOCS=1    replace the table between the public-endpoints markers in benchmarks/RESULTS.md
#                    and docs/performance.md
#   PROFILE=dir      write a CPU flame graph of the server during each PumpPKI wrk run, made by
#                    async-profiler (tools.profiler:async-profiler:4.2:jar:linux-x64 from Maven Central;
#                    ASYNC_PROFILER=jar or .so names another copy; PROFILE_EVENT=wall samples waiting
#                    threads too, e.g. to see what enrollment waits for)
#   SMOKE=1          a seconds-long run that checks every step works (PUMPS=5, DURATION=1s, no JMH)
#   SERVER_JAVA_OPTS="-Xmx256m"   the server's JVM options; the heap is bounded as a replica's is in
#                    production (unbounded, the JVM sizes it to a quarter of the machine's memory and
#                    the resident memory shows garbage not yet collected rather than what is needed)
#   WARMUP=2s        each warm-up wrk run before the figures
#   ED25519=0        skip the run with Ed25519 responder keys (a build without pki.ocsp.responder-key)
#   SERVER_JAR=file  another build's quarkus-run.jar, to compare two builds in one session
#   KEEP_DATA=1      keep the work directory (its path is printed)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
jar=${SERVER_JAR:-$root/server/target/quarkus-app/quarkus-run.jar}
bench_jar=$root/benchmarks/target/benchmarks.jar
cores=$(nproc)
if [[ "${SMOKE:-}" == 1 ]]; then
    pumps=${PUMPS:-5}; duration=${DURATION:-1s}; bench_jar=/nonexistent
else
    pumps=${PUMPS:-200}; duration=${DURATION:-10s}
fi
threads=${THREADS:-2}
connections=${CONNECTIONS:-16}
admin_password="public-bench-$RANDOM$RANDOM"
biomed_password="public-bench-biomed-$RANDOM$RANDOM"

# shellcheck source=SCRIPTDIR/../lib.sh
source "$here/../lib.sh"
require_tools java curl psql awk openssl wrk
make_work_dir public
mkdir -p "$work/req" "$work/csr"

profiler_lib=""
if [[ -n "${PROFILE:-}" ]]; then
    profiler=${ASYNC_PROFILER:-$HOME/.m2/repository/tools/profiler/async-profiler/4.2/async-profiler-4.2-linux-x64.jar}
    [[ -f "$profiler" ]] || { echo "run.sh: PROFILE needs async-profiler: ./mvnw dependency:get -Dartifact=tools.profiler:async-profiler:4.2:jar:linux-x64" >&2; exit 1; }
    if [[ "$profiler" == *.jar ]]; then
        unzip -q -o "$profiler" '*/libasyncProfiler.so' -d "$work/async-profiler"
        profiler_lib=$(find "$work/async-profiler" -name libasyncProfiler.so | head -n 1)
    else
        profiler_lib=$profiler
    fi
fi

peer_pid=""

# A peer and its workers (openssl ocsp -multi forks them).
stop_peer() {
    if [[ -n "$peer_pid" ]]; then
        pkill -KILL -P "$peer_pid" 2>/dev/null || true
        kill -KILL "$peer_pid" 2>/dev/null || true
        wait "$peer_pid" 2>/dev/null || true
    fi
    peer_pid=""
}
exit_hooks+=(stop_peer)

http_port=$(free_port)
ssl_port=$(free_port)
base="http://127.0.0.1:$http_port"

# One wrk run; prints "requests/s p50-ms p99-ms errors" (errors: socket errors plus non-2xx answers).
measure() { # label, then wrk arguments
    local label=$1 out
    shift
    out=$(wrk -t "$threads" -c "$connections" -d "$duration" --latency "$@" 2>&1) || { echo "$out" >&2; exit 1; }
    echo "== $label" >>"$work/wrk.log"
    echo "$out" >>"$work/wrk.log"
    awk -v label="$label" '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /Requests\/sec:/ { rps = $2 }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        /Non-2xx or 3xx responses:/ { errors += $NF }
        /Socket errors:/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
        END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, errors }' <<<"$out"
}

# CPU profiles of the server by async-profiler (loaded into the running JVM with jcmd), when PROFILE
# is set: a flame graph in PROFILE/<name>.html, and its collapsed stacks in the work directory.
profile_start() {
    [[ -n "${PROFILE:-}" ]] || return 0
    mkdir -p "$PROFILE"
    # jcmd splits its arguments at '=': the agent's options go through quoted.
    jcmd "$server_pid" JVMTI.agent_load "$profiler_lib" "\"start,event=${PROFILE_EVENT:-cpu},interval=1ms\"" >/dev/null
}

profile_stop() { # name
    [[ -n "${PROFILE:-}" ]] || return 0
    jcmd "$server_pid" JVMTI.agent_load "$profiler_lib" "\"dump,file=$work/$1.collapsed\"" >/dev/null
    jcmd "$server_pid" JVMTI.agent_load "$profiler_lib" "\"stop,file=$(cd "$PROFILE" && pwd)/$1.html,title=$1\"" >/dev/null
}

# A wrk run, profiled when PROFILE is set.
profiled() { # name, label, wrk arguments...
    local name=$1
    shift
    profile_start
    measure "$@"
    profile_stop "$name"
}

load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# 1. The crypto ceiling, before the server runs, so that the two do not compete.
sign_rate=""; verify_rate=""; ed25519_sign_rate=""
if [[ -f "$bench_jar" ]]; then
    log "crypto ceiling: Bouncy Castle EC P-256 sign and verify, $cores threads"
    java -jar "$bench_jar" 'RawSignatureBenchmark\.(sign|verify)$' -p preset=EC_P256_SHA256 -p provider=BC \
        -t "$cores" -bm thrpt -tu s -f 1 -wi "${JMH_ITERATIONS:-3}" -w "${JMH_TIME:-1s}" -i "${JMH_ITERATIONS:-3}" \
        -r "${JMH_TIME:-1s}" -rf csv -rff "$work/jmh.csv" >"$work/jmh.log" 2>&1
    sign_rate=$(awk -F, '$1 ~ /\.sign"$/ { printf "%.0f", $5 }' "$work/jmh.csv")
    verify_rate=$(awk -F, '$1 ~ /\.verify"$/ { printf "%.0f", $5 }' "$work/jmh.csv")
    log "ceiling: $sign_rate signatures/s, $verify_rate verifications/s"
    java -jar "$bench_jar" 'RawSignatureBenchmark\.sign$' -p preset=ED25519 -p provider=BC \
        -t "$cores" -bm thrpt -tu s -f 1 -wi "${JMH_ITERATIONS:-3}" -w "${JMH_TIME:-1s}" -i "${JMH_ITERATIONS:-3}" \
        -r "${JMH_TIME:-1s}" -rf csv -rff "$work/jmh-ed25519.csv" >>"$work/jmh.log" 2>&1
    ed25519_sign_rate=$(awk -F, '$1 ~ /\.sign"$/ { printf "%.0f", $5 }' "$work/jmh-ed25519.csv")
    log "Ed25519 ceiling: $ed25519_sign_rate signatures/s"
else
    log "no $bench_jar: the crypto ceiling is not measured (build it with -Pbench)"
fi

log "starting the server on port $http_port, work directory $work"
start_server ${SERVER_JAVA_OPTS--Xmx256m}
first_start_ms=$ready_ms
log "server ready after $first_start_ms ms (fresh data directory)"

# The API is served over HTTPS only; the server was started here a moment ago, so its self-issued
# TLS certificate is not checked.
api_base="https://127.0.0.1:$ssl_port"
api() { curl -fsSk -u "$1" -H 'Content-Type: application/json' "${@:2}"; }
admin="admin:$admin_password"
biomed="bench-biomed:$biomed_password"
api "$admin" -o /dev/null "$api_base/api/v1/users" \
    -d "{\"username\": \"bench-biomed\", \"password\": \"$biomed_password\", \"roles\": [\"biomed\"]}"

# 2. Enrollment: devices registered and CSRs made first; only the certificate requests are timed.
log "registering $pumps pumps and making their keys and CSRs"
for i in $(seq 1 "$pumps"); do
    serial=$(printf 'BENCH-%06d' "$i")
    id=$(api "$biomed" "$api_base/api/v1/devices" -d "{\"kind\": \"pump\", \"serial\": \"$serial\", \"manufacturer\": \"Acme Infusion\", \"model\": \"Alaris 8015\"}" \
        | sed -n 's/.*"id" *: *"\([^"]*\)".*/\1/p')
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/csr/$i.key" \
        -subj "/CN=$serial" -out "$work/csr/$i.csr" 2>/dev/null
    awk 'BEGIN { printf "{\"csr\": \"" } { printf "%s\\n", $0 } END { printf "\", \"profile\": \"pump\"}" }' \
        "$work/csr/$i.csr" >"$work/csr/$i.json"
    echo "$i $id" >>"$work/devices.txt"
done
log "enrolling $pumps pumps, $((cores * 2)) requests at a time"
# One curl process, 2 × cores requests at a time over kept-alive connections, so that the figure is the
# server's and not the cost of starting a client and a TLS handshake per certificate.
awk -v work="$work" -v base="$api_base" -v user="$biomed" '{
        if (NR > 1) print "next"
        printf "url = \"%s/api/v1/devices/%s/certificates\"\n", base, $2
        printf "data-binary = \"@%s/csr/%s.json\"\noutput = \"%s/csr/%s.out\"\n", work, $1, work, $1
        printf "user = \"%s\"\nheader = \"Content-Type: application/json\"\ninsecure\nfail\n", user
    }' "$work/devices.txt" >"$work/enroll.curl"
profile_start
enroll_start=$(date +%s%N)
curl -sS --parallel --parallel-max $((cores * 2)) -K "$work/enroll.curl"
enroll_ms=$(( ($(date +%s%N) - enroll_start) / 1000000 ))
profile_stop enrollment
enroll_rate=$(awk -v n="$pumps" -v ms="$enroll_ms" 'BEGIN { printf "%.1f", n * 1000 / ms }')
log "enrolled $pumps pumps in $enroll_ms ms: $enroll_rate certificates/s"

# The certificates, the issuing CA and its name.
for i in $(seq 1 "$pumps"); do
    sed -n 's/.*"certificate" *: *"\([^"]*\)".*/\1/p' "$work/csr/$i.out" | sed 's/\\n/\n/g' >"$work/csr/$i.pem"
done
first_serial=$(sed -n 's/.*"serial" *: *"\([^"]*\)".*/\1/p' "$work/csr/1.out")
ca_name=$(curl -fsSk -u "$admin" "$api_base/api/v1/certificates/$first_serial" | sed -n 's/.*"issuer" *: *"\([^"]*\)".*/\1/p')
curl -fsS -o "$work/ca.der" "$base/ca/$ca_name.crt"
openssl x509 -inform DER -in "$work/ca.der" -out "$work/ca.pem"
log "issuing CA: $ca_name"

# 3. OCSP requests, one certificate each, with and without a nonce, made ahead of time.
: >"$work/pumppki-get.txt"
for i in $(seq 1 "$pumps"); do
    openssl ocsp -issuer "$work/ca.pem" -cert "$work/csr/$i.pem" -reqout "$work/req/$i-nonce.der" >/dev/null 2>&1
    openssl ocsp -issuer "$work/ca.pem" -cert "$work/csr/$i.pem" -no_nonce -reqout "$work/req/$i.der" >/dev/null 2>&1
    encoded=$(base64 -w0 "$work/req/$i.der" | sed 's/+/%2B/g; s/\//%2F/g; s/=/%3D/g')
    echo "/ocsp/$encoded" >>"$work/pumppki-get.txt"
    done
nonce_bodies=$(ls "$work"/req/*-nonce.der | tr '\n' ' ')
plain_bodies=$(ls "$work"/req/*.der | grep -v nonce | tr '\n' ' ')

# PumpPKI's own pre-signed answers, for cfssl to hold (base64 DER, one a line), checked here.
: >"$work/responses.b64"
for i in $(seq 1 "$pumps"); do
    curl -fsS -H 'Content-Type: application/ocsp-request' --data-binary "@$work/req/$i.der" -o "$work/req/$i.resp" "$base/ocsp"
    openssl ocsp -respin "$work/req/$i.resp" -issuer "$work/ca.pem" -cert "$work/csr/$i.pem" -noverify 2>/dev/null \
        | grep -q ': good' || { echo "run.sh: PumpPKI did not answer good for pump $i" >&2; exit 1; }
    base64 -w0 "$work/req/$i.resp" >>"$work/responses.b64"
    echo >>"$work/responses.b64"
done

# The OpenSSL index of the same certificates, exported from PumpPKI's database.
pg_port=$(sed -n 4p "$data_dir/postgres/postmaster.pid" | tr -d '[:space:]')
PGPASSWORD=$(sed -n 's/^superuser\.password=//p' "$data_dir/postgres.credentials")
export PGPASSWORD
psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -X -q -At -F $'\t' -c \
    "select case c.status when 'valid' then 'V' else 'R' end,
            to_char(c.not_after at time zone 'UTC', 'YYMMDDHH24MISS') || 'Z',
            coalesce(to_char(c.revoked_at at time zone 'UTC', 'YYMMDDHH24MISS') || 'Z', ''),
            upper(c.serial_number), 'unknown', '/CN=' || c.serial_number
       from certificate c join certificate_authority a on a.id = c.issuer_id where a.name = '$ca_name'" \
    | awk -F'\t' -v OFS='\t' '{ if (length($4) % 2) $4 = "0" $4; print }' >"$work/index.txt"
log "exported $(wc -l <"$work/index.txt") certificates to an OpenSSL index"
# The peers sign with their own P-256 key: the same work per answer as PumpPKI's responder key.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/responder.key" \
    -subj "/CN=benchmark OCSP responder" -days 2 -out "$work/responder.pem" 2>/dev/null
openssl req -x509 -newkey ed25519 -nodes -keyout "$work/responder-ed25519.key" \
    -subj "/CN=benchmark OCSP responder" -days 2 -out "$work/responder-ed25519.pem" 2>/dev/null

# Starts a peer and waits until it answers an OCSP request (a bare connection probe would occupy
# one of openssl ocsp's workers for ever).
start_peer() { # port, command...
    local port=$1
    shift
    "$@" >"$work/peer.log" 2>&1 &
    peer_pid=$!
    for _ in $(seq 1 100); do
        curl -fs -o /dev/null -H 'Content-Type: application/ocsp-request' -H 'Connection: close' \
            --data-binary "@$work/req/1.der" "http://127.0.0.1:$port/" && return 0
        sleep 0.1
    done
    echo "run.sh: the peer did not answer: $*" >&2
    cat "$work/peer.log" >&2
    exit 1
}

declare -A result
warm() { wrk -t "$threads" -c "$connections" -d "${WARMUP:-2s}" "$@" >/dev/null 2>&1; }

log "warming the server up"
BODIES=$nonce_bodies warm -s "$here/post.lua" "$base/ocsp"
BODIES=$plain_bodies warm -s "$here/post.lua" "$base/ocsp"
warm "$base/crl/$ca_name.crl"
warm "$base/ca/$ca_name.crt"

log "OCSP with nonce"
result[ocsp_nonce]=$(BODIES=$nonce_bodies profiled ocsp-nonce "PumpPKI OCSP nonce POST" -s "$here/post.lua" "$base/ocsp")
peer_port=$(free_port)
start_peer "$peer_port" openssl ocsp -index "$work/index.txt" -port "$peer_port" -CA "$work/ca.pem" \
    -rsigner "$work/responder.pem" -rkey "$work/responder.key" -multi "$cores" -ignore_err
# openssl ocsp serves one request per connection (with keep-alive its workers wait for ever on a
# connection wrk abandoned at the end of a run, so it gets no warm-up run either): wrk asks it to close.
result[openssl_nonce]=$(CLOSE=1 BODIES=$nonce_bodies measure "openssl ocsp nonce POST" -s "$here/post.lua" "http://127.0.0.1:$peer_port/")
stop_peer

log "OCSP without nonce (pre-signed)"
result[ocsp_post]=$(BODIES=$plain_bodies profiled ocsp-presigned-post "PumpPKI OCSP POST" -s "$here/post.lua" "$base/ocsp")
result[ocsp_get]=$(PATHS=$work/pumppki-get.txt profiled ocsp-presigned-get "PumpPKI OCSP GET" -s "$here/get.lua" "$base")
if command -v cfssl >/dev/null; then
    peer_port=$(free_port)
    start_peer "$peer_port" cfssl ocspserve -address 127.0.0.1 -port "$peer_port" -responses "$work/responses.b64" -loglevel 5
    BODIES=$plain_bodies warm -s "$here/post.lua" "http://127.0.0.1:$peer_port/"
    result[cfssl_post]=$(BODIES=$plain_bodies measure "cfssl ocspserve POST" -s "$here/post.lua" "http://127.0.0.1:$peer_port/")
    # cfssl 1.2.0 (Debian) answers no GET: it base64-decodes the URL path with its leading '/' and
    # answers 400, so PumpPKI's GET is compared with cfssl's POST.
    stop_peer
fi

log "CRL and CA certificate downloads"
result[crl]=$(profiled crl "PumpPKI CRL" "$base/crl/$ca_name.crl")
result[ca]=$(profiled ca-certificate "PumpPKI CA certificate" "$base/ca/$ca_name.crt")
result[live]=$(measure "PumpPKI liveness" "$base/q/health/live")
rss_peak_mb=$(awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$server_pid/status")

log "restarting on the same data directory"
stop_server
start_server ${SERVER_JAVA_OPTS--Xmx256m}
restart_ms=$ready_ms
log "ready after $restart_ms ms"

# OCSP with nonce once more, with Ed25519 responder keys (the responders are replaced at this start),
# against openssl signing with an Ed25519 key of its own.
if [[ "${ED25519:-1}" == 1 ]]; then
    log "restarting with Ed25519 OCSP responders (pki.ocsp.responder-key=ed25519)"
    stop_server
    export PKI_OCSP_RESPONDER_KEY=ed25519
    start_server ${SERVER_JAVA_OPTS--Xmx256m}
    unset PKI_OCSP_RESPONDER_KEY
    BODIES=$nonce_bodies warm -s "$here/post.lua" "$base/ocsp"
    result[ocsp_nonce_ed25519]=$(BODIES=$nonce_bodies profiled ocsp-nonce-ed25519 "PumpPKI OCSP nonce POST, Ed25519" -s "$here/post.lua" "$base/ocsp")
    peer_port=$(free_port)
    start_peer "$peer_port" openssl ocsp -index "$work/index.txt" -port "$peer_port" -CA "$work/ca.pem" \
        -rsigner "$work/responder-ed25519.pem" -rkey "$work/responder-ed25519.key" -multi "$cores" -ignore_err
    result[openssl_nonce_ed25519]=$(CLOSE=1 BODIES=$nonce_bodies measure "openssl ocsp nonce POST, Ed25519" -s "$here/post.lua" "http://127.0.0.1:$peer_port/")
    stop_peer
fi
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# The table. Each result is "requests/s p50 p99 errors".
field() { awk -v n="$2" '{ print $n }' <<<"${result[$1]:-}"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "–"; else printf "%.2f×", a / b }'; }
share() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "–"; else printf "%.0f %%", 100 * a / b }'; }
rate() { # result key: "N/s (p50 x ms, p99 y ms)", with failed answers if any
    [[ -n "${result[$1]:-}" ]] || { echo "not measured"; return; }
    local errors
    errors=$(field "$1" 4)
    awk -v r="$(field "$1" 1)" -v p50="$(field "$1" 2)" -v p99="$(field "$1" 3)" -v e="$errors" \
        'BEGIN { printf "%\047d/s (p50 %s ms, p99 %s ms)%s", r, p50, p99, (e > 0 ? ", " e " failed" : "") }'
}
enroll_ceiling=""
if [[ -n "$sign_rate" ]]; then
    enroll_ceiling=$(awk -v s="$sign_rate" -v v="$verify_rate" 'BEGIN { printf "%.0f", 1 / (1 / s + 1 / v) }')
fi
table() {
    echo "Public endpoints, $(date -u '+%Y-%m-%d %H:%M UTC'), $cores cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), load average $load_start (start) / $load_end (end)."
    echo "wrk $threads threads, $connections connections, $duration per figure after a ${WARMUP:-2s} warm-up; $pumps pumps enrolled; one-certificate OCSP requests from openssl, rotating over the pumps; server JVM options: ${SERVER_JAVA_OPTS--Xmx256m}."
    echo
    echo "| Figure | PumpPKI | Peer, same run | PumpPKI / peer | Share of the crypto ceiling | Cores |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: |"
    echo "| Crypto ceiling: Bouncy Castle EC P-256 sign / verify, $cores threads (JMH) | – | ${sign_rate:-not measured} / ${verify_rate:-not measured} per s | – | 100 % | $cores |"
    echo "| Crypto ceiling: Bouncy Castle Ed25519 sign, $cores threads (JMH) | – | ${ed25519_sign_rate:-not measured} per s | – | 100 % | $cores |"
    echo "| OCSP with nonce, POST (signed per request) | $(rate ocsp_nonce) | \`openssl ocsp -multi $cores\`, one request per connection: $(rate openssl_nonce) | $(ratio "$(field ocsp_nonce 1)" "$(field openssl_nonce 1)") | $(share "$(field ocsp_nonce 1)" "$sign_rate") of signing | $cores |"
    echo "| OCSP with nonce, POST, Ed25519 responder keys (\`pki.ocsp.responder-key=ed25519\`) | $(rate ocsp_nonce_ed25519) | \`openssl ocsp -multi $cores\` with an Ed25519 key, one request per connection: $(rate openssl_nonce_ed25519) | $(ratio "$(field ocsp_nonce_ed25519 1)" "$(field openssl_nonce_ed25519 1)") | $(share "$(field ocsp_nonce_ed25519 1)" "$ed25519_sign_rate") of Ed25519 signing | $cores |"
    echo "| OCSP without nonce (pre-signed), POST | $(rate ocsp_post) | \`cfssl ocspserve\`: $(rate cfssl_post) | $(ratio "$(field ocsp_post 1)" "$(field cfssl_post 1)") | – | $cores |"
    echo "| OCSP without nonce (pre-signed), GET | $(rate ocsp_get) | \`cfssl ocspserve\` POST (it answers no GET): $(rate cfssl_post) | $(ratio "$(field ocsp_get 1)" "$(field cfssl_post 1)") | – | $cores |"
    echo "| \`GET /crl/$ca_name.crl\` | $(rate crl) | \`GET /q/health/live\`: $(rate live) | $(ratio "$(field crl 1)" "$(field live 1)") | – | $cores |"
    echo "| \`GET /ca/$ca_name.crt\` | $(rate ca) | \`GET /q/health/live\`: $(rate live) | $(ratio "$(field ca 1)" "$(field live 1)") | – | $cores |"
    echo "| Enrollment through the API (CSR to certificate, committed), $((cores * 2)) at a time | $enroll_rate certificates/s | ceiling, CSR verify + sign: ${enroll_ceiling:-not measured}/s | – | $(share "$enroll_rate" "$enroll_ceiling") | $cores |"
    echo "| Start to ready, existing data directory | $restart_ms ms | first start, fresh data directory: $first_start_ms ms | – | – | $cores |"
    echo "| Resident memory, peak under this load (VmHWM) | $rss_peak_mb MB | – | – | – | $cores |"
}
table | tee "$work/table.md"
[[ -z "${RESULTS:-}" ]] || cp "$work/table.md" "$RESULTS"

if [[ "${UPDATE_DOCS:-}" == 1 ]]; then
    for doc in "$root/benchmarks/RESULTS.md" "$root/docs/performance.md"; do
        awk -v table="$work/table.md" '
            /<!-- public-endpoints:begin -->/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
            /<!-- public-endpoints:end -->/ { skip = 0 }
            !skip' "$doc" >"$doc.new" && mv "$doc.new" "$doc"
    done
    log "updated benchmarks/RESULTS.md and docs/performance.md"
fi
