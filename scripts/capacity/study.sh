#!/usr/bin/env bash
# The shipped capacity study: will the Dia-like gateway run on a ConnectPort X2, X4 or X8,
# with which of the seed article's strategies, and on how small a pool?
#   automatic collection only | every 15 min | every hour | after start-up and once a day
set -euo pipefail
cd "$(dirname "$0")"
exec npx memsim capacity dia-gateway-7d.yaml \
  --profiles connectport-x2,connectport-x4,connectport-x8 \
  --policies auto,every:15min,every:1h,startup+every:1d \
  --min-pool --format md --out "${1:-study-report}"
