# Sourced by scripts/test: makes a PostgreSQL server available for the test suite and
# exports TEST_DATABASE_URL (an administrative URL; each test creates its own database).
#
# An existing TEST_DATABASE_URL is used as it is. Otherwise the local Debian cluster is
# used, installed (as root) and started when needed.

ensure_postgres() {
  if [ -n "${TEST_DATABASE_URL:-}" ]; then
    echo "Using PostgreSQL at TEST_DATABASE_URL"
    return 0
  fi
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ]; then
      echo "PostgreSQL is not installed; install Debian's 'postgresql' package or set TEST_DATABASE_URL" >&2
      return 1
    fi
    echo "Installing PostgreSQL from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
  fi
  local version
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
    pg_createcluster "$version" main >/dev/null
  fi
  if ! pg_lsclusters -h | awk '$1=="'"$version"'" && $2=="main" {print $4}' | grep -q online; then
    pg_ctlcluster "$version" main start
  fi
  local port
  port=$(pg_lsclusters -h | awk '$1=="'"$version"'" && $2=="main" {print $3}')
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 1
  done
  pg_isready -h 127.0.0.1 -p "$port"
  su postgres -c "psql -q -p $port -tc \"SELECT 1 FROM pg_roles WHERE rolname = 'butler_test'\"" | grep -q 1 ||
    su postgres -c "psql -q -p $port -c \"CREATE ROLE butler_test LOGIN PASSWORD 'butler_test' CREATEDB\""
  export TEST_DATABASE_URL="postgres://butler_test:butler_test@127.0.0.1:$port/postgres"
  echo "PostgreSQL $version ready on port $port"
}
