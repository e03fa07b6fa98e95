#!/bin/sh
# What a container's /proc/sys shows beyond what strata simulates (src/container/proc-sys.ts): the
# host kernel's settings, recorded raw (record.sh --raw: nothing normalized) on both oracle
# engines from listing.cases into docker-<engine>.txt. Not a replayed scenario: strata refuses
# these by name (the listing, pid_max, and `hostname NAME`, which strata does not run).
# Run from this directory: sh record.sh
set -e
here=$(cd "$(dirname "$0")" && pwd)
for e in 20.10 26.1; do
  { echo "# engine: docker-$e"; cat "$here/listing.cases"; } > "/tmp/proc-sys-listing-$e.scenario"
  ORACLE_ENGINE=$e /work/shared/oracle/record.sh --raw "/tmp/proc-sys-listing-$e.scenario" > "$here/docker-$e.txt"
  rm -f "/tmp/proc-sys-listing-$e.scenario"
done
