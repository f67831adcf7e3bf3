#!/usr/bin/env bash
# Builds the committed catalog: the seed (the entries a person wrote in data/) plus dated snapshots
# of the public sources, read with --from and dated with --as-of. The same snapshots give the same
# bytes on any machine and any day; data/schema/ and a person's files are left as they are.
#
# Usage: scripts/build-data.sh SNAPSHOT_DIR [DATA_DIR]   (DATA_DIR defaults to data/)
#   SNAPSHOT_DIR holds the four recorded bodies named below (see docs/sources.md).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
snapshots="$(cd "${1:?usage: scripts/build-data.sh SNAPSHOT_DIR [DATA_DIR]}" && pwd)"
data="$(cd "${2:-$repo/data}" && pwd)"
cd "$repo"

catalog() { node packages/cli/bin/catalog.mjs --data "$data" --quiet "$@"; }

node --import tsx scripts/seed-data.ts "$data"
# Reference catalogs first, then each provider's own list: the order only decides which spelling
# names a model first; each source writes its own priority band whatever the order.
catalog import models.dev --from "$snapshots/models-dev-api-2026-06-13.json" --as-of 2026-06-13
catalog import litellm --from "$snapshots/litellm-model-prices-2026-07-24.json" --as-of 2026-07-24
catalog import openrouter --from "$snapshots/openrouter-models-2026-06-16.json" --as-of 2026-06-16
catalog sync anthropic --from "$snapshots/anthropic-models-2026-07-28.json" --as-of 2026-07-28
catalog validate
