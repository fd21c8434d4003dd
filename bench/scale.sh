#!/usr/bin/env bash
# Scaling table for docs/performance.md: wall time and peak RSS of
# `claimcheck check` on generated corpora (examples/gen_corpus).
#
#   bash bench/scale.sh [WORKDIR] [CELLS...]
#
# A cell is MB:CLAIMS (directory run: check --sources DIR --format json)
# or MB:CLAIMS:stream (stats + check --sources - --format jsonl --stats +
# merge, bounded memory). Default cells: 10 and 100 MB x 100, 1k, 10k
# claims, and 1 GB x 1k claims streamed. Every run is --no-cache (the
# analysis cache has its own bench, bench/cache.sh). Prints a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/claimcheck-scale}
shift || true
cells=("$@")
if [ ${#cells[@]} -eq 0 ]; then
  cells=(10:100 10:1000 10:10000 100:100 100:1000 100:10000 1000:1000:stream)
fi
cargo build --release --quiet --bin claimcheck --example gen_corpus
bin=target/release/claimcheck
mkdir -p "$work"

# wall seconds and peak RSS (MB) of a command, from /usr/bin/time -v
measure() {
  local log
  log=$(mktemp)
  /usr/bin/time -v "$@" 2> "$log" > /dev/null || { cat "$log" >&2; exit 1; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
  rm -f "$log"
  echo "$wall $rss"
}

echo "| corpus | claims | mode | sentences | wall s | peak RSS MB | MB/s |"
echo "|---:|---:|---|---:|---:|---:|---:|"
for cell in "${cells[@]}"; do
  IFS=: read -r mb claims mode <<< "$cell"
  dir="$work/c${mb}-k${claims}"
  if [ ! -f "$dir/claims.yaml" ]; then
    target/release/examples/gen_corpus --mb "$mb" --claims "$claims" --seed 1 --out "$dir" \
      $([ "${mode:-}" = stream ] && echo --jsonl) 2> "$dir.gen.log" || { cat "$dir.gen.log"; exit 1; }
  fi
  if [ "${mode:-}" = stream ] && [ ! -f "$dir/sources.jsonl" ]; then
    rm -rf "$dir"
    target/release/examples/gen_corpus --mb "$mb" --claims "$claims" --seed 1 --out "$dir" --jsonl 2> "$dir.gen.log"
  fi
  sentences=$(wc -l < "$dir/sentences.txt")
  bytes=$(du -sb "$dir/sources" | cut -f1)
  if [ "${mode:-}" = stream ]; then
    read -r w1 r1 < <(measure sh -c "$bin --no-config --no-cache stats --claims $dir/claims.yaml --sources - < $dir/sources.jsonl > $dir/stats.json")
    read -r w2 r2 < <(measure sh -c "$bin --no-config --no-cache check --claims $dir/claims.yaml --sources - --format jsonl --stats $dir/stats.json < $dir/sources.jsonl > $dir/verdicts.jsonl")
    read -r w3 r3 < <(measure sh -c "$bin --no-config --no-cache merge --claims $dir/claims.yaml $dir/verdicts.jsonl --format json > $dir/report.json")
    wall=$(echo "$w1 + $w2 + $w3" | bc)
    rss=$(printf '%s\n' "$r1" "$r2" "$r3" | sort -n | tail -1)
    label="stream (stats $w1 + check $w2 + merge $w3 s)"
  else
    read -r wall rss < <(measure "$bin" --no-config --no-cache check --claims "$dir/claims.yaml" --sources "$dir/sources" --format json)
    label=directory
  fi
  mbs=$(echo "scale=1; $bytes / 1000000 / $wall" | bc)
  echo "| $(echo "scale=1; $bytes/1000000" | bc) MB | $claims | $label | $sentences | $wall | $rss | $mbs |"
done
