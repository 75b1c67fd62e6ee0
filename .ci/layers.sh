#!/usr/bin/env bash
# The import rules of README's architecture section, checked with grep (fails on a breach):
# ui/ imports no service, no store and no state; domain/ and kernel/ import no area.
set -uo pipefail
cd "$(dirname "$0")/../app/src"
AREAS='registration|events|accounts|programme|planner|dayof|followup|privacy|overview'
fail=0
if grep -rnE 'crate::(store|state)\b|\bservice::|::service\b' ui; then
  echo "layers: ui/ must not import a service, the store or the state (above)" >&2
  fail=1
fi
if grep -rnE "crate::($AREAS)\b" domain kernel; then
  echo "layers: domain/ and kernel/ must not import an area (above)" >&2
  fail=1
fi
[ "$fail" = 0 ] && echo "layers: ui/, domain/ and kernel/ import only downward"
exit "$fail"
