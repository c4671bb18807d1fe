# Installs and starts what Dockward's tests and local runs need, idempotently.
# Sourced by scripts/test and scripts/start; every step is skipped when already done.

DOCKER=/usr/bin/docker   # Debian's 20.10 CLI: the newer docker first on PATH refuses some calls against this engine.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

log() { printf '==> %s\n' "$*" >&2; }

ensure_packages() {
  local missing=() package
  for package in docker.io docker-registry apache2-utils busybox-static; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_dockerd() {
  if $DOCKER info >/dev/null 2>&1; then return; fi
  log "starting dockerd"
  # The default bridge needs docker0; a stale pid file from an earlier run blocks a new daemon.
  as_root rm -f /var/run/docker.pid
  # In a session of its own: the daemon must outlive the shell (and the process group) that started it.
  as_root sh -c 'setsid nohup dockerd >>/var/log/dockerd.log 2>&1 < /dev/null &'
  for _ in $(seq 1 60); do
    if $DOCKER info >/dev/null 2>&1; then return; fi
    sleep 0.5
  done
  echo "dockerd did not start; see /var/log/dockerd.log" >&2
  tail -20 /var/log/dockerd.log >&2 || true
  return 1
}

ensure_azurite() {
  local dir="$REPO_ROOT/tests/servers"
  if [ -x "$dir/node_modules/.bin/azurite-table" ]; then return; fi
  log "installing Azurite (npm)"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
}

ensure_prerequisites() {
  ensure_packages
  ensure_dockerd
  ensure_azurite
}
