#!/usr/bin/env bash
# Whole-process figures for BENCHMARKS.md: built-in plan against `--version`, and check+plan
# on synthetic curricula of 1k, 10k and 100k topics, cold (no cache) and warm (cache), with
# peak memory. Needs hyperfine and GNU time (Debian: apt-get install hyperfine time).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
cargo build --release --quiet --example synth
bin=target/release/pathwise
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PATHWISE_CACHE_DIR="$work/cache" PATHWISE_CONFIG="$work/none.yaml" NO_COLOR=1
runs=${RUNS:-10}

median() { python3 -c "import json,sys; print('%.1f' % (json.load(open(sys.argv[1]))['results'][0]['median']*1000))" "$1"; }
peak() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -n 1; }

answers=tests/fixtures/answers/fortran-pde.yaml
$bin plan --answers "$answers" --format json >/dev/null   # fill the cache
hyperfine -N --warmup 20 --runs 300 --export-json "$work/v.json" "$bin --version" >/dev/null
hyperfine -N --warmup 20 --runs 300 --export-json "$work/b.json" "$bin plan --answers $answers --format json" >/dev/null
echo "| built-in guide | --version | plan --format json | ratio |"
echo "|---|---|---|---|"
v=$(median "$work/v.json"); b=$(median "$work/b.json")
echo "| warm cache | $v ms | $b ms | $(python3 -c "print('%.2f' % ($b/$v))") |"
PATHWISE_NO_CACHE=1 hyperfine -N --warmup 10 --runs 100 --export-json "$work/c.json" "$bin plan --answers $answers --format json" >/dev/null
echo "| no cache | $v ms | $(median "$work/c.json") ms | |"
echo

echo "Base: \`pathwise --version\` peaks at $(python3 -c "print('%.1f' % ($(peak $bin --version) * 1024 / 1e6))") MB."
echo
echo "| topics | YAML | cold check+plan | warm check+plan | cold peak RSS | first run peak RSS | warm peak RSS |"
echo "|---|---|---|---|---|---|---|"
for n in 1000 10000 100000; do
  dir="$work/synth$n"
  target/release/examples/synth --topics "$n" --files 8 --out "$dir" 2>/dev/null
  cmd="$bin --no-builtin --paths $dir plan --answers $dir.answers.yaml --format json"
  bytes=$(du -sb "$dir" | cut -f1)
  PATHWISE_NO_CACHE=1 hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/cold$n.json" "$cmd" >/dev/null
  rm -rf "$PATHWISE_CACHE_DIR"
  first_rss=$(peak $cmd)   # a first run, which also writes the cache
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/warm$n.json" "$cmd" >/dev/null
  cold_rss=$(PATHWISE_NO_CACHE=1 peak $cmd)
  warm_rss=$(peak $cmd)
  python3 - "$n" "$bytes" "$(median "$work/cold$n.json")" "$(median "$work/warm$n.json")" "$cold_rss" "$first_rss" "$warm_rss" <<'PY'
import sys
n, b, cold, warm, crss, frss, wrss = sys.argv[1:]
b = int(b); mb = b / 1e6
# GNU time reports KiB.
crss, frss, wrss = (int(x) * 1024 for x in (crss, frss, wrss))
print(f"| {int(n):,} | {mb:.1f} MB | {float(cold):.0f} ms | {float(warm):.0f} ms | "
      f"{crss/1e6:.0f} MB ({crss/b:.2f}×) | {frss/1e6:.0f} MB ({frss/b:.2f}×) | "
      f"{wrss/1e6:.0f} MB ({wrss/b:.2f}×) |")
PY
done
echo

# One unknown reference in a 100k curriculum: how long and how much memory the error takes.
bad="$work/synth100000-typo"
cp -r "$work/synth100000" "$bad"
sed -i '0,/requires: \[t12500\]/s//requires: [t12500, nope]/' "$bad/part-001.yaml"
cmd="$bin --no-builtin --paths $bad check"
PATHWISE_NO_CACHE=1 hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$work/typo.json" "$cmd" >/dev/null 2>&1
typo_rss=$(PATHWISE_NO_CACHE=1 peak $cmd || true)
echo "One unknown reference in 100k topics: \`check\` reports it in $(median "$work/typo.json") ms, peak $(python3 -c "print('%.0f' % ($typo_rss * 1024 / 1e6))") MB."

# An unknown id in a flow list of 300,000 ids on one line (1.2 MB): its column is found in one
# pass (the hostile_loader benchmarks show the loader alone at 1 and 2 MB).
flow="$work/flow"
mkdir -p "$flow"
python3 - "$flow/t.yaml" <<'PY'
import sys
ids = ["ab"] * 300000
ids[200000] = "zz"
head = ("areas:\n  - id: learn\n    title: Learn\n    summary: S.\ntopics:\n  - id: ab\n    title: A\n"
        "    area: learn\n    hours: 1\n    summary: S.\n  - id: big\n    title: Big\n    area: learn\n"
        "    hours: 2\n    summary: S.\n    requires: [")
open(sys.argv[1], "w").write(head + ", ".join(ids) + "]\n")
PY
cmd="$bin --no-builtin --paths $flow check"
PATHWISE_NO_CACHE=1 hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$work/flow.json" "$cmd" >/dev/null 2>&1
flow_rss=$(PATHWISE_NO_CACHE=1 peak $cmd || true)
echo "One unknown id in a 1.2 MB flow list: \`check\` reports it in $(median "$work/flow.json") ms, peak $(python3 -c "print('%.0f' % ($flow_rss * 1024 / 1e6))") MB."

# `topics: [{},{},…]`: 300,000 empty mappings on one line (900 KB), a problem each.
empty="$work/empty"
mkdir -p "$empty"
python3 -c "import sys; open(sys.argv[1], 'w').write('topics: [' + ','.join(['{}'] * 300000) + ']\n')" "$empty/t.yaml"
cmd="$bin --no-builtin --paths $empty check"
PATHWISE_NO_CACHE=1 hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$work/empty.json" "$cmd" >/dev/null 2>&1
empty_rss=$(PATHWISE_NO_CACHE=1 peak $cmd || true)
echo "300,000 empty items in a 900 KB flow list: \`check\` reports them in $(median "$work/empty.json") ms, peak $(python3 -c "print('%.0f' % ($empty_rss * 1024 / 1e6))") MB."
