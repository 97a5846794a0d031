"""Similar: near-duplicate documents and template reuse, found without comparing every pair.

Input: anything `segment.iter_texts` reads. Output: one row per pair of document parts
whose character-shingle Jaccard similarity reaches a threshold, with the longest
passages they share.

How, and why this way:
1. Each part's text, without whitespace (PDF line breaks must not hide a copy), becomes
   the set of its character k-grams (shingles, k=5 by default: long enough that two
   unrelated reports share few, short enough that a changed name or figure breaks few).
2. MinHash (numpy, `num_perm` hash functions) turns each set into a short signature
   whose agreement rate estimates Jaccard similarity; only signatures stay in memory.
3. LSH banding puts parts whose signatures agree on a whole band into one bucket; only
   parts sharing a bucket become candidates, so the work grows with the number of
   similar pairs, not with n^2. Bands and rows are chosen for the threshold, weighing
   missed pairs over false candidates (false candidates are checked exactly anyway).
4. Candidates are checked with the exact Jaccard and containment of their shingle sets,
   re-reading only the parts involved; shared passages are the longest runs of shingles
   of one text found in the other, confirmed as substrings of the other text.
"""
from __future__ import annotations

import difflib
import os
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from .segment import Source, TextPart, _is_corpus, _split_items, iter_texts

_WHITESPACE = re.compile(r"\s+")
_PRIME = np.uint64(0x100000001B3)  # FNV prime: the base of the rolling shingle hash
_MASK32 = np.uint64(0xFFFFFFFF)


@dataclass(frozen=True)
class SimilarOptions:
    """The tunables of `similar`, checked once."""

    threshold: float = 0.5
    shingle: int = 5
    num_perm: int = 128
    passages: int = 3
    seed: int = 1

    def __post_init__(self) -> None:
        if not 0 < self.threshold <= 1:
            raise ValueError(f"threshold must be in (0, 1], not {self.threshold}")
        if self.shingle < 1:
            raise ValueError(f"shingle must be at least 1, not {self.shingle}")
        if self.num_perm < 8:
            raise ValueError(f"num_perm must be at least 8, not {self.num_perm}")


#: Shorter lines are headings or table labels, not prose a copy would show in.
_MIN_PROSE_CHARS = 20


def _is_prose_line(line: str) -> bool:
    """A line of running text: not a heading, a table label or a row of figures.

    Template tables and headings are the same in every report by law; pairing
    reports on them would call every template report a copy.
    """
    stripped = line.strip()
    if len(stripped) < _MIN_PROSE_CHARS:
        return False
    figures = sum(ch.isdigit() or ch in "|\t " for ch in stripped)
    return figures < 0.3 * len(stripped)


def compact(text: str) -> str:
    """The prose lines without whitespace: how shingles and passages see a document."""
    return _WHITESPACE.sub("", "\n".join(line for line in text.split("\n") if _is_prose_line(line)))



def _mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads the rolling hash's bits before MinHash."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def shingle_hashes(text: str, k: int) -> np.ndarray:
    """A 64-bit hash of every k-character window of `text`, in text order (stable across runs)."""
    if len(text) < k:
        return np.empty(0, dtype=np.uint64)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    windows = len(codes) - k + 1
    h = np.zeros(windows, dtype=np.uint64)
    for offset in range(k):  # uint64 arithmetic wraps: the hash is taken mod 2^64
        h = h * _PRIME + codes[offset:offset + windows]
    return _mix64(h)


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Multipliers (odd) and offsets of the `num_perm` multiply-shift hash functions."""
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    return a, b


def minhash(shingles: np.ndarray, num_perm: int = 128, seed: int = 1) -> np.ndarray:
    """The MinHash signature (uint32, length `num_perm`) of a set of shingle hashes."""
    a, b = _permutations(num_perm, seed)
    signature = np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint64)
    for start in range(0, len(shingles), 4096):  # chunks bound the (num_perm x n) temporary
        chunk = shingles[start:start + 4096]
        values = (np.multiply.outer(a, chunk) + b[:, None]) >> np.uint64(32)
        signature = np.minimum(signature, values.min(axis=1))
    return (signature & _MASK32).astype(np.uint32)


@lru_cache(maxsize=32)
def lsh_bands(threshold: float, num_perm: int, *, miss_weight: float = 0.7) -> tuple[int, int]:
    """(bands, rows) for LSH: the banding whose S-curve best separates pairs at `threshold`.

    Minimises the weighted area of false candidates (below the threshold) and missed
    pairs (above it) under the probability 1 - (1 - s^rows)^bands.
    """
    s = np.linspace(0.0, 1.0, 501)
    below, above = s < threshold, s >= threshold
    best, best_cost = (1, num_perm), float("inf")
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            p = 1 - (1 - s**rows) ** bands
            cost = ((1 - miss_weight) * p[below].sum() + miss_weight * (1 - p[above]).sum()) / len(s)
            if cost < best_cost:
                best, best_cost = (bands, rows), cost
    return best


def candidate_pairs(signatures: np.ndarray, bands: int, rows: int) -> set[tuple[int, int]]:
    """Pairs of row indices whose signatures agree on at least one whole band."""
    pairs: set[tuple[int, int]] = set()
    for band in range(bands):
        buckets: dict[bytes, list[int]] = defaultdict(list)
        block = np.ascontiguousarray(signatures[:, band * rows:(band + 1) * rows])
        for index in range(len(block)):
            buckets[block[index].tobytes()].append(index)
        for members in buckets.values():
            for i, first in enumerate(members):
                for second in members[i + 1:]:
                    pairs.add((first, second))
    return pairs


def shared_passages(text_a: str, text_b: str, k: int, limit: int = 3) -> list[str]:
    """The longest passages of `text_a` that also occur in `text_b`, longest first.

    Runs of consecutive k-grams of A that occur in B mark shared stretches in linear
    time; each run is confirmed as a substring of B (a run can be stitched from two
    places in B, and then the longest piece that is a substring is kept, via difflib).
    """
    hashes_a = shingle_hashes(text_a, k)
    if hashes_a.size == 0:
        return []
    present = np.isin(hashes_a, shingle_hashes(text_b, k))
    edges = np.flatnonzero(np.diff(np.concatenate(([0], present.astype(np.int8), [0]))))
    runs = sorted(zip(edges[::2], edges[1::2]), key=lambda run: run[0] - run[1])
    found: list[str] = []
    for start, end in runs:
        passage = text_a[start:end - 1 + k]
        if passage not in text_b:
            matcher = difflib.SequenceMatcher(None, passage, text_b, autojunk=False)
            match = matcher.find_longest_match(0, len(passage), 0, len(text_b))
            passage = passage[match.a:match.a + match.size]
        if len(passage) >= k and passage not in found:
            found.append(passage)
        if len(found) >= limit * 2:
            break
    return sorted(found, key=len, reverse=True)[:limit]


@dataclass
class _Part:
    path: str
    part: int
    title: str | None
    size: int  # distinct shingles


def _texts_of(source: Source, wanted: set[tuple[str, int]], memory: dict[tuple[str, int], TextPart] | None,
              jobs: int | None) -> Iterator[TextPart]:
    """The candidate parts' texts again: from memory if given, else by re-reading their files."""
    if memory is not None:
        yield from (memory[key] for key in sorted(wanted))
        return
    files = sorted({path for path, _ in wanted})
    for text in iter_texts(files, jobs=jobs):
        if (text.path, text.part) in wanted:
            yield text


def similar(source: Source, *, threshold: float = 0.5, shingle: int = 5, num_perm: int = 128,
            passages: int = 3, seed: int = 1, jobs: int | None = 1) -> pd.DataFrame:
    """Pairs of document parts with Jaccard similarity >= `threshold`, and what they share.

    Args:
        source: paths, a `Corpus`, or `TextPart`s (see `segment.iter_texts`).
        threshold: the least Jaccard similarity of two parts' shingle sets (0-1).
        shingle: characters per shingle.
        num_perm: MinHash functions (more: better estimates, slower).
        passages: how many of the longest shared passages to report per pair.
        seed: seed of the MinHash functions (results are reproducible).
        jobs: worker processes for reading (None: all cores).

    Returns:
        Columns path_a, part_a, title_a, path_b, part_b, title_b, jaccard,
        containment (shared shingles / the smaller set), longest (characters of the
        longest shared passage), passages (list of str); most similar first.
    """
    options = SimilarOptions(threshold=threshold, shingle=shingle, num_perm=num_perm,
                             passages=passages, seed=seed)
    memory: dict[tuple[str, int], TextPart] | None = None
    if not isinstance(source, (str, os.PathLike)) and not _is_corpus(source):
        given, paths = _split_items(source)  # read twice below: a generator would be spent
        if given:
            memory = {(t.path, t.part): t for t in given}
            source = given
        else:
            source = paths
    parts: list[_Part] = []
    signatures: list[np.ndarray] = []
    for text in iter_texts(source, jobs=jobs):
        shingles = np.unique(shingle_hashes(compact(text.text), options.shingle))
        if text.error is not None or shingles.size == 0:
            continue
        parts.append(_Part(text.path, text.part, text.title, int(shingles.size)))
        signatures.append(minhash(shingles, options.num_perm, options.seed))
    columns = ["path_a", "part_a", "title_a", "path_b", "part_b", "title_b", "jaccard", "containment",
               "longest", "passages"]
    if len(parts) < 2:
        return pd.DataFrame([], columns=columns)
    matrix = np.vstack(signatures)
    bands, rows = lsh_bands(options.threshold, options.num_perm)
    slack = 0.15  # ~3 standard errors of the estimate at 128 functions
    candidates = [(i, j) for i, j in sorted(candidate_pairs(matrix, bands, rows))
                  if (matrix[i] == matrix[j]).mean() >= options.threshold - slack]
    if not candidates:
        return pd.DataFrame([], columns=columns)
    keys = [(p.path, p.part) for p in parts]
    wanted = {keys[i] for pair in candidates for i in pair}
    texts: dict[tuple[str, int], str] = {}
    sets: dict[tuple[str, int], np.ndarray] = {}
    for text in _texts_of(source, wanted, memory, jobs):
        key = (text.path, text.part)
        texts[key] = compact(text.text)
        sets[key] = np.unique(shingle_hashes(texts[key], options.shingle))
    found = []
    for i, j in candidates:
        key_a, key_b = keys[i], keys[j]
        if key_a not in sets or key_b not in sets:
            continue  # the file changed or vanished between the two reads
        set_a, set_b = sets[key_a], sets[key_b]
        shared = np.intersect1d(set_a, set_b, assume_unique=True).size
        jaccard = shared / (set_a.size + set_b.size - shared)
        if jaccard < options.threshold:
            continue
        common = shared_passages(texts[key_a], texts[key_b], options.shingle, options.passages)
        a, b = parts[i], parts[j]
        found.append({"path_a": a.path, "part_a": a.part, "title_a": a.title, "path_b": b.path,
                      "part_b": b.part, "title_b": b.title, "jaccard": round(float(jaccard), 4),
                      "containment": round(shared / min(set_a.size, set_b.size), 4),
                      "longest": len(common[0]) if common else 0, "passages": common})
    frame = pd.DataFrame(found, columns=columns)
    return frame.sort_values(["jaccard", "path_a", "part_a", "path_b", "part_b"],
                             ascending=[False, True, True, True, True], kind="stable").reset_index(drop=True)


__all__ = ["similar", "SimilarOptions", "shingle_hashes", "minhash", "lsh_bands", "candidate_pairs",
           "shared_passages", "compact"]
