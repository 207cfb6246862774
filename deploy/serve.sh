#!/usr/bin/env bash
# Serve the dashboard to many visitors: Debian's nginx in front of N `streamlit run` replicas on
# loopback ports, in the foreground; Ctrl-C or SIGTERM stops all of it.
#   bash deploy/serve.sh [--replicas N] [--port P] [--host ADDRESS]
# Defaults: one replica per core, port 8080, every interface (0.0.0.0). nginx (and Debian's brotli
# module, where the package exists) is installed with apt-get if missing. The nginx configuration
# is deploy/nginx.conf.template; see the README's "On your own server".
set -euo pipefail
cd "$(dirname "$0")/.."

replicas=$(nproc 2>/dev/null || echo 2)
port=8080
host=0.0.0.0
while [ $# -gt 0 ]; do
  case "$1" in
    --replicas) replicas="${2:?--replicas needs a number}"; shift 2 ;;
    --port) port="${2:?--port needs a number}"; shift 2 ;;
    --host) host="${2:?--host needs an address}"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "serve.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$replicas" in ''|*[!0-9]*|0) echo "serve.sh: --replicas must be a whole number >= 1" >&2; exit 2 ;; esac
case "$port" in ''|*[!0-9]*) echo "serve.sh: --port must be a number" >&2; exit 2 ;; esac

[ -x .venv/bin/python ] || bash scripts/bootstrap.sh

if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  echo "serve.sh: installing Debian's nginx" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx >/dev/null
fi
brotli_so=/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so
if [ ! -f "$brotli_so" ] && apt-cache show libnginx-mod-http-brotli-filter >/dev/null 2>&1; then
  echo "serve.sh: installing Debian's brotli module for nginx" >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libnginx-mod-http-brotli-filter \
    libnginx-mod-http-brotli-static >/dev/null || echo "serve.sh: no brotli module; gzip only" >&2
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

run=$(mktemp -d /tmp/lima-serve.XXXXXX)
mkdir -p "$run"/{client_body,proxy,fastcgi,uwsgi,scgi,cache}
user_line=""
if [ "$(id -u)" = 0 ]; then
  # Workers drop root; they write only the proxy's temporary files and cache.
  user_line="user www-data;"
  chown -R www-data "$run"
  chmod 755 "$run"
fi

pids=()
stopping=0
stop_all() {
  [ $stopping = 1 ] && return
  stopping=1
  echo "serve.sh: stopping nginx and the replicas" >&2
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 50); do  # up to 10 s, then whatever is left is killed
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break
    sleep 0.2
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  rm -rf "$run"
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT

free_port() {
  .venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
healthy() {  # does $1/_stcore/health answer "ok"?
  .venv/bin/python - "$1" <<'PY' 2>/dev/null
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1] + "/_stcore/health", timeout=2) as r:
    sys.exit(0 if r.read().strip() == b"ok" else 1)
PY
}

upstreams="" ports=()
for i in $(seq "$replicas"); do
  rport=$(free_port)
  .venv/bin/python -m streamlit run dashboard/app.py --server.headless true \
    --server.address 127.0.0.1 --server.port "$rport" --browser.gatherUsageStats false \
    --server.fileWatcherType none --server.runOnSave false >"$run/replica-$i.log" 2>&1 &
  pids+=("$!") ports+=("$rport")
  echo "serve.sh: replica $i pid $! on 127.0.0.1:$rport"
  upstreams+="        server 127.0.0.1:$rport max_fails=1 fail_timeout=10s;"$'\n'
done

for i in $(seq "$replicas"); do
  up=0
  for _ in $(seq 120); do  # up to 60 s each
    healthy "http://127.0.0.1:${ports[$((i - 1))]}" && { up=1; break; }
    kill -0 "${pids[$((i - 1))]}" 2>/dev/null || break
    sleep 0.5
  done
  if [ $up = 0 ]; then
    tail -n 30 "$run/replica-$i.log" >&2
    echo "serve.sh: replica $i did not start (its log above)" >&2
    exit 1
  fi
done

modules="" brotli=""
if [ -f "$brotli_so" ]; then
  modules="load_module $brotli_so;"
  brotli="    brotli on;
    brotli_comp_level 5;
    brotli_min_length 1024;
    brotli_types text/plain text/css text/javascript application/javascript application/json
                 application/manifest+json image/svg+xml application/wasm font/ttf;"
fi
conf=$(<deploy/nginx.conf.template)
conf=${conf//@USER@/$user_line}
conf=${conf//@MODULES@/$modules}
conf=${conf//@BROTLI@/$brotli}
conf=${conf//@UPSTREAMS@/${upstreams%$'\n'}}
conf=${conf//@RUN@/$run}
conf=${conf//@HOST@/$host}
conf=${conf//@PORT@/$port}
printf '%s\n' "$conf" >"$run/nginx.conf"
"$NGINX" -t -q -c "$run/nginx.conf" -p "$run" -e stderr
"$NGINX" -c "$run/nginx.conf" -p "$run" -e stderr &
nginx_pid=$!
pids+=("$nginx_pid")
shown=$host; [ "$host" = 0.0.0.0 ] && shown=127.0.0.1
for _ in $(seq 40); do
  healthy "http://$shown:$port" && break
  kill -0 "$nginx_pid" 2>/dev/null || { echo "serve.sh: nginx exited" >&2; exit 1; }
  sleep 0.25
done
echo "serve.sh: nginx pid $nginx_pid; ready: http://$shown:$port/ ($replicas replica(s)); Ctrl-C stops"
# In the foreground until nginx ends or a signal comes; a replica that dies leaves the others serving.
wait "$nginx_pid" || true
