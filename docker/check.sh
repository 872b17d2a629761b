#!/usr/bin/env bash
# Checks the compose stack and its images without a Docker engine, in a few seconds:
#   1. docker-compose.yml is valid Compose, with and without the gpu profile, and a bad setting is rejected;
#   2. docker/Dockerfile passes dockerfile-utils' linter (syntax, flags, durations, ports);
#   3. docker/check_stack.py's rules hold (non-root images, health checks, JVM and DJL settings, the shared
#      database and artifact store, documented defaults), and its self-test shows each rule catching its fault.
# Needs docker-compose (Debian's package; `docker compose` v2 also works), python3 with PyYAML, and npm.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "docker/check.sh: $*" >&2
  exit 1
}

if command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
elif docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
else
  fail "needs docker-compose to validate docker-compose.yml (apt-get install docker-compose)"
fi
python=""
for candidate in python3 /usr/bin/python3; do
  if "$candidate" -c 'import yaml' >/dev/null 2>&1; then
    python="$candidate"
    break
  fi
done
[ -n "$python" ] || fail "needs python3 with PyYAML (apt-get install python3-yaml)"
command -v npm >/dev/null 2>&1 || fail "needs npm (Node.js 20 or newer) for the Dockerfile linter"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The defaults alone: no .env file and none of the stack's variables from the caller's environment.
clean_env=(env -u COMPOSE_PROFILES -u COMPOSE_FILE)
# shellcheck disable=SC2016 # the pattern matches a literal ${ in the compose file
while IFS= read -r variable; do
  clean_env+=(-u "$variable")
done < <(grep -o '\${[A-Za-z_][A-Za-z0-9_]*' docker-compose.yml | cut -c3- | sort -u)

echo "== docker-compose.yml: Compose schema (${compose[*]})"
# config validates every service, those of the gpu profile included; check_stack.py checks who is in which profile.
: > "$work/empty.env"
"${clean_env[@]}" "${compose[@]}" --env-file "$work/empty.env" -f docker-compose.yml config > "$work/resolved.yml" \
  || fail "docker-compose.yml is not valid Compose (see above)"
# The validator must see through the variables: a replica count that is not a number has to be refused.
if "${clean_env[@]}" CPU_WORKERS=two "${compose[@]}" --env-file "$work/empty.env" -f docker-compose.yml config \
     > /dev/null 2>&1; then
  fail "docker-compose accepted CPU_WORKERS=two: the replica count is not validated"
fi

echo "== docker/Dockerfile: dockerfile-utils lint"
lint_dir=docker/lint
# npm ci only when node_modules is not what the lockfile says (a copy of the lockfile marks a finished install).
if ! cmp -s "$lint_dir/package-lock.json" "$lint_dir/node_modules/.din-install-stamp"; then
  npm ci --prefix "$lint_dir" --no-audit --no-fund --silent || fail "could not install dockerfile-utils"
  cp "$lint_dir/package-lock.json" "$lint_dir/node_modules/.din-install-stamp"
fi
"$lint_dir/node_modules/.bin/dockerfile-utils" lint docker/Dockerfile || fail "docker/Dockerfile does not lint"

echo "== the stack's rules: docker/check_stack.py"
"$python" docker/check_stack.py "$work/resolved.yml"
"$python" docker/check_stack.py --self-test "$work/resolved.yml"
echo "docker/check.sh: the compose stack and its images pass"
