# shellcheck shell=bash
# Shared by the benchmark scripts (source it, do not run it): a packaged PumpPKI started on a
# temporary work directory and free ports, waited for, and stopped again, also on failure or Ctrl-C.
#
# A script sets `jar` and `admin_password`, then calls, in this order:
#   require_tools TOOL...       exits unless every tool is on the PATH and the server jar exists
#   make_work_dir NAME          sets work, data_dir (the server's pki.data-dir) and server_log, and the
#                               exit trap that stops the server and removes the work directory
#                               (KEEP_DATA=1 keeps it)
#   first_start [JAVA OPTION...]   picks free ports (http_port, ssl_port, api_base) and starts the
#                               server on them; or, to choose when each happens:
#   http_port=$(free_port); ssl_port=$(free_port)
#   start_server [JAVA OPTION...]   sets server_pid, and ready_ms to the milliseconds from launch to ready
# and may add commands to `exit_hooks`, run at exit before the server is stopped (peers, for instance).
# The admin API is served over HTTPS only, at https://127.0.0.1:$ssl_port; the server issues its own
# TLS certificate at its first start, so a benchmark's clients do not check it (curl -k). Plain HTTP
# on $http_port serves OCSP, CRLs, CA certificates and health.

log() { printf '%s %s\n' "$(date +%T)" "$*" >&2; }

require_tools() { # tool...
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "run.sh: $tool is required" >&2; exit 1; }
    done
    [[ -f "$jar" ]] || { echo "run.sh: $jar is missing; build first (see the top of this script)" >&2; exit 1; }
}

# A port nobody listens on, below the kernel's ephemeral range, so that no outgoing connection
# (wrk's, curl's) takes it between this check and the listener's bind.
free_port() {
    local port low
    low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range)
    for _ in $(seq 1 50); do
        port=$((10000 + RANDOM % (low - 10000)))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    echo "run.sh: no free port found" >&2
    exit 1
}

server_pid=""
exit_hooks=()

make_work_dir() { # name
    work=$(mktemp -d "${TMPDIR:-/tmp}/pumppki-$1.XXXXXX")
    data_dir=$work/data
    server_log=$work/server.log
    mkdir -p "$data_dir"
    trap clean_up EXIT
    trap 'exit 130' INT TERM
}

# Starts the server in the background with these JVM options; sets server_pid, and ready_ms to the
# milliseconds from launch to ready. (Not in a subshell: the pid must reach clean_up.)
start_server() { # java option...
    local started
    started=$(date +%s%N)
    PKI_DATA_DIR="$data_dir" QUARKUS_HTTP_PORT="$http_port" QUARKUS_HTTP_SSL_PORT="$ssl_port" \
        PKI_BOOTSTRAP_ADMIN_PASSWORD="$admin_password" java "$@" -jar "$jar" >>"$server_log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 1800); do
        if curl -fs -o /dev/null "http://127.0.0.1:$http_port/q/health/ready"; then
            ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
            return
        fi
        if ! kill -0 "$server_pid" 2>/dev/null; then
            echo "run.sh: the server exited during start-up; its log:" >&2
            tail -n 40 "$server_log" >&2
            exit 1
        fi
        sleep 0.1
    done
    echo "run.sh: the server was not ready within 180 s" >&2
    exit 1
}

# Free ports and the server's first start on them; sets http_port, ssl_port and api_base (the admin
# API's HTTPS base URL) as well as what start_server sets.
first_start() { # java option...
    http_port=$(free_port)
    ssl_port=$(free_port)
    api_base="https://127.0.0.1:$ssl_port"
    log "starting the server on ports $http_port (HTTP) and $ssl_port (HTTPS), work directory $work"
    start_server "$@"
    log "server ready after $ready_ms ms"
}

# SIGTERM, then up to 60 s for the server to finish its shutdown (it stops its embedded PostgreSQL).
stop_server() {
    local pid=$server_pid
    server_pid=""
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid"
        for _ in $(seq 1 600); do
            kill -0 "$pid" 2>/dev/null || return 0
            sleep 0.1
        done
        log "server did not stop within 60 s"
    fi
}

clean_up() {
    local hook
    for hook in "${exit_hooks[@]}"; do
        "$hook"
    done
    stop_server
    if [[ "${KEEP_DATA:-}" == 1 ]]; then
        log "work directory kept in $work"
    else
        rm -rf "$work"
    fi
}

# The embedded PostgreSQL of the running server: sets pg_port and exports PGPASSWORD (the owner's
# password, kept beside its directory), for psql.
embedded_postgres() {
    local pid_file=$data_dir/postgres/postmaster.pid
    # PostgreSQL writes its port on the fourth line of postmaster.pid.
    pg_port=$(sed -n 4p "$pid_file" 2>/dev/null | tr -d '[:space:]')
    [[ -n "$pg_port" ]] || { echo "run.sh: cannot find the embedded PostgreSQL port in $pid_file" >&2; exit 1; }
    # Builds from before password authentication (SERVER_JAR) have no credentials file and need none.
    if [[ -f "$data_dir/postgres.credentials" ]]; then
        PGPASSWORD=$(sed -n 's/^superuser\.password=//p' "$data_dir/postgres.credentials")
        export PGPASSWORD
    fi
}
