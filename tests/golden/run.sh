#!/usr/bin/env bash
# Literate golden tests for the money path: each folder holds inputs, a
# `commands` file of dagbok invocations, and the exact expected outputs in
# expected/. UPDATE_GOLDEN=1 rewrites expected/ (review the diff!).
#
#   tests/golden/run.sh DAGBOK_BINARY
set -euo pipefail
dagbok=$(realpath "$1")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export DAGBOK_NOW=2026-11-23T08:00:00+01:00
failed=0
for case_dir in "$here"/*/; do
  case_dir=${case_dir%/}
  name=$(basename "$case_dir")
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  export CASE=$case_dir
  (
    cd "$work"
    while IFS= read -r line; do
      [[ -z "$line" || "$line" == \#* ]] && continue
      line=${line//\$CASE/$case_dir}
      eval "\"$dagbok\" --db golden.db $line" >/dev/null
    done <"$case_dir/commands"
  )
  mkdir -p "$case_dir/expected"
  for f in "$work"/*; do
    base=$(basename "$f")
    [[ "$base" == golden.db* ]] && continue
    if [[ "${UPDATE_GOLDEN:-}" == 1 ]]; then
      cp "$f" "$case_dir/expected/$base"
    elif ! cmp -s "$f" "$case_dir/expected/$base"; then
      echo "FAIL $name: $base differs from expected/$base"
      diff <(od -c "$case_dir/expected/$base" | head -60) <(od -c "$f" | head -60) || true
      failed=1
    fi
  done
  for e in "$case_dir"/expected/*; do
    [[ -e "$work/$(basename "$e")" ]] || { echo "FAIL $name: $(basename "$e") was not produced"; failed=1; }
  done
  rm -rf "$work"
  [[ $failed == 0 ]] && echo "ok $name"
done
exit $failed
