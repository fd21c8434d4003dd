#!/usr/bin/env python3
"""Time claimcheck against two Python peers on the same generated corpus.

    cargo build --release
    cargo run --release --example gen_corpus -- --mb 12.8 --claims 1000 --seed 1 --out /tmp/p13
    python3 bench/peers/peer.py --corpus /tmp/p13

The peers (installed by this script into a venv with pip):
- rapidfuzz: process.cdist(claims, sentences, scorer=fuzz.ratio,
  workers=-1), brute force over every (claim, sentence) pair;
- bm25s: a BM25 index of the sentences, then the top-k sentences per
  claim (retrieval only: no stance, no dates, no numbers).

claimcheck is timed end to end (`check --format json`, reading the
article files, segmenting, analysing, matching, judging, reporting).
The peers get the sentences already split (`sentences.txt`), so their
times leave out reading and segmentation.
"""

import argparse
import os
import subprocess
import sys
import time
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PACKAGES = ["rapidfuzz", "bm25s", "numpy", "scipy"]


def ensure_venv(path: Path) -> None:
    """Re-run this script inside a venv that has the peers installed."""
    python = path / "bin" / "python"
    if Path(sys.prefix).resolve() == path.resolve():
        return
    if not python.exists():
        print(f"peer.py: creating {path}", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(path)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"],
            check=True,
        )
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", *PACKAGES], check=True
        )
    os.execv(str(python), [str(python), __file__, *sys.argv[1:]])


def lines(path: Path, limit: int | None) -> list[str]:
    with path.open(encoding="utf-8") as f:
        out = [line.rstrip("\n") for line in f if line.strip()]
    return out[:limit] if limit else out


def timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    print(f"  {label:<44} {seconds:9.2f} s", file=sys.stderr)
    return seconds, result


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="gen_corpus --out DIR")
    parser.add_argument(
        "--claimcheck",
        type=Path,
        default=REPO / "target" / "release" / "claimcheck",
        help="the claimcheck binary (default: target/release/claimcheck)",
    )
    parser.add_argument("--venv", type=Path, default=HERE / ".venv")
    parser.add_argument(
        "--claims", type=int, help="peers only: the first N claims (smoke runs)"
    )
    parser.add_argument(
        "--sentences", type=int, help="peers only: the first N sentences (smoke runs)"
    )
    parser.add_argument("--topk", type=int, default=10)
    parser.add_argument("--jobs", type=int, help="claimcheck --jobs (default: all cores)")
    args = parser.parse_args()
    ensure_venv(args.venv)

    import bm25s
    import numpy as np
    from rapidfuzz import fuzz, process

    claims = lines(args.corpus / "claims.txt", args.claims)
    sentences = lines(args.corpus / "sentences.txt", args.sentences)
    mb = sum(len(s) + 1 for s in sentences) / 1e6
    print(
        f"corpus {args.corpus}: {len(claims)} claims x {len(sentences)} sentences"
        f" ({mb:.1f} MB of sentences), {os.cpu_count()} cores",
        file=sys.stderr,
    )

    # claimcheck, end to end, as a user runs it.
    command = [str(args.claimcheck), "--no-config"]
    if args.jobs:
        command += ["--jobs", str(args.jobs)]
    command += [
        "check",
        "--claims",
        str(args.corpus / "claims.yaml"),
        "--sources",
        str(args.corpus / "sources"),
        "--format",
        "json",
    ]
    cc, _ = timed(
        "claimcheck check (end to end)",
        lambda: subprocess.run(command, check=True, stdout=subprocess.DEVNULL),
    )

    # rapidfuzz: every pair (uint8 scores: 1 byte per pair).
    rf, matrix = timed(
        "rapidfuzz cdist fuzz.ratio (all pairs)",
        lambda: process.cdist(
            claims, sentences, scorer=fuzz.ratio, workers=-1, dtype=np.uint8
        ),
    )
    del matrix

    # bm25s: index, then top-k per claim.
    def index():
        retriever = bm25s.BM25()
        retriever.index(bm25s.tokenize(sentences, stopwords="en", show_progress=False), show_progress=False)
        return retriever

    bm_index, retriever = timed("bm25s tokenize + index sentences", index)
    k = min(args.topk, len(sentences))
    bm_query, _ = timed(
        f"bm25s tokenize claims + retrieve top-{k}",
        lambda: retriever.retrieve(
            bm25s.tokenize(claims, stopwords="en", show_progress=False),
            k=k,
            show_progress=False,
            n_threads=os.cpu_count() or 1,
        ),
    )
    bm = bm_index + bm_query

    pairs = len(claims) * len(sentences)
    print()
    print(f"| tool | work | wall s | vs claimcheck |")
    print(f"|---|---|---:|---:|")
    print(f"| claimcheck check | read, segment, analyze, match, judge, report | {cc:.2f} | 1.00 |")
    print(
        f"| rapidfuzz cdist ratio | {pairs / 1e6:.0f} M pairs, scores only | {rf:.2f} | {rf / cc:.2f} |"
    )
    print(f"| bm25s | index {len(sentences)} sentences + top-{k} per claim | {bm:.2f} | {bm / cc:.2f} |")
    print(f"| (bm25s index / retrieve) | | {bm_index:.2f} / {bm_query:.2f} | |")
    print(f"\npeak RSS of the Python process: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
