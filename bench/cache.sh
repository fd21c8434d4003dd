#!/usr/bin/env bash
# The analysis cache at scale, for docs/performance.md: wall time, CPU
# time and peak RSS of the same run without the cache, cold (empty
# cache), warm (full cache) and warm after one article changed, and a
# byte comparison of every report with the one made without the cache.
#
#   bash bench/cache.sh CORPUS [dir|stream]
#
# CORPUS is a gen_corpus output (`--jsonl` for stream). `dir` (default)
# runs `check --format json` on CORPUS/sources; `stream` runs
# `stats` + `check --sources - --format jsonl --stats` + `merge` on
# CORPUS/sources.jsonl (bounded memory: the mode for 1 GB). The cache
# lives in CORPUS/cache (removed first); the changed article is restored
# at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=$(cd "$1" && pwd)
mode=${2:-dir}
cargo build --release --quiet --bin claimcheck
bin=$PWD/target/release/claimcheck
cache=$corpus/cache
out=$corpus/cache-bench
rm -rf "$cache" "$out"
mkdir -p "$out"

# "wall user sys rss_MB" of a command (stdout to $2)
measure() {
  local log=$out/time.log
  /usr/bin/time -f "%e %U %S %M" -o "$log" sh -c "$1" > "$2"
  awk '{ printf "%s %s %s %.0f\n", $1, $2, $3, $4 / 1024 }' "$log"
}

# One run in the current state: prints a table row, keeps the report.
run() {
  local label=$1 flags=$2
  if [ "$mode" = stream ]; then
    local c="$bin --no-config $flags --cache-dir $cache --claims $corpus/claims.yaml"
    read -r w1 u1 s1 r1 < <(measure "$c stats --sources - < $corpus/sources.jsonl" "$out/stats.json")
    read -r w2 u2 s2 r2 < <(measure "$c check --sources - --format jsonl --stats $out/stats.json < $corpus/sources.jsonl" "$out/verdicts.jsonl")
    read -r w3 u3 s3 r3 < <(measure "$c merge $out/verdicts.jsonl --format json" "$out/$label.json")
    local wall cpu rss
    wall=$(echo "$w1 + $w2 + $w3" | bc)
    cpu=$(echo "$u1 + $s1 + $u2 + $s2 + $u3 + $s3" | bc)
    rss=$(printf '%s\n' "$r1" "$r2" "$r3" | sort -n | tail -1)
    echo "| $label | $wall (stats $w1 + check $w2 + merge $w3) | $cpu | $rss | $(same "$label") |"
  else
    read -r w u s r < <(measure "$bin --no-config $flags --cache-dir $cache check --claims $corpus/claims.yaml --sources $corpus/sources --format json" "$out/$label.json")
    echo "| $label | $w | $(echo "$u + $s" | bc) | $r | $(same "$label") |"
  fi
}

# Whether a report is byte-identical to the one without the cache.
same() {
  local reference=$out/no-cache.json
  case $1 in changed*) reference=$out/changed-no-cache.json ;; esac
  if [ "$1" = no-cache ] || [ "$1" = changed-no-cache ]; then echo "reference"
  elif cmp -s "$out/$1.json" "$reference"; then echo "identical"
  else echo "DIFFERENT"; fi
}

# Append a sentence to one article (the middle one).
change_one() {
  if [ "$mode" = stream ]; then
    cp "$corpus/sources.jsonl" "$out/sources.jsonl.orig"
    python3 - "$corpus/sources.jsonl" <<'PY'
import json, sys
path = sys.argv[1]
lines = open(path, encoding="utf-8").read().split("\n")
docs = [i for i, l in enumerate(lines) if l.strip()]
i = docs[len(docs) // 2]
doc = json.loads(lines[i])
doc["text"] += "\nA late correction was added to this article on Tuesday.\n"
lines[i] = json.dumps(doc, ensure_ascii=False)
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
  else
    changed=$(find "$corpus/sources" -type f | sort | awk '{ a[NR] = $0 } END { print a[int(NR / 2)] }')
    cp "$changed" "$out/changed.orig"
    echo "A late correction was added to this article on Tuesday." >> "$changed"
  fi
}

restore() {
  if [ "$mode" = stream ]; then
    mv "$out/sources.jsonl.orig" "$corpus/sources.jsonl"
  else
    cp "$out/changed.orig" "$changed"
  fi
}

echo "corpus: $corpus ($mode), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| run | wall s | CPU s (user+sys) | peak RSS MB | report vs --no-cache |"
echo "|---|---:|---:|---:|---|"
run no-cache --no-cache
run cold ""
run warm ""
change_one
trap restore EXIT
run changed-no-cache --no-cache
run changed-warm ""
echo
echo "cache: $(du -sh "$cache" | cut -f1), $(find "$cache" -type f | wc -l) files; load $(cut -d' ' -f1-3 /proc/loadavg)"
