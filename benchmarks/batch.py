"""Batch throughput and memory: does memory stay flat as the corpus grows?

Copies the dev corpus N times into a temporary folder (so every format is
represented as users bring it), runs `analyse` over it in a fresh subprocess per
size, and prints documents/second and the peak resident memory of the parent and
of the worker processes. Flat memory means the parent's peak does not grow with N.

    python benchmarks/batch.py --sizes 1 4 16 --jobs 2
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_DOCS = ROOT / "corpora" / "dev" / "docs"

CHILD = r"""
import json, resource, sys, time
import corpus_tool
start = time.perf_counter()
summary = corpus_tool.analyse([sys.argv[1]], sys.argv[2], jobs=int(sys.argv[3]))
elapsed = time.perf_counter() - start
print(json.dumps({
    "files": summary.files, "records": summary.records, "errors": summary.errors, "seconds": elapsed,
    "parent_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "worker_peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
}))
"""


def build_corpus(folder: Path, copies: int) -> int:
    count = 0
    for copy in range(copies):
        target = folder / f"copy{copy:04d}"
        target.mkdir(parents=True)
        for source in DEV_DOCS.iterdir():
            shutil.copy(source, target / source.name)
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 16], help="copies of the 40-document dev corpus")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    print(f"{'documents':>10} {'seconds':>8} {'docs/s':>8} {'parent MiB':>11} {'worker MiB':>11} {'errors':>7}")
    for copies in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            documents = build_corpus(corpus, copies)
            out = Path(tmp) / "out.jsonl"
            result = subprocess.run([sys.executable, "-c", CHILD, str(corpus), str(out), str(args.jobs)],
                                    check=True, capture_output=True, text=True)
            stats = json.loads(result.stdout.strip().splitlines()[-1])
            print(f"{documents:10d} {stats['seconds']:8.1f} {documents / stats['seconds']:8.1f} "
                  f"{stats['parent_peak_mib']:11.0f} {stats['worker_peak_mib']:11.0f} {stats['errors']:7d}")


if __name__ == "__main__":
    main()
