"""Explore: term frequencies, concordance (KWIC) and keyness over a corpus.

Input: anything `segment.iter_texts` reads (paths, a `Corpus`, `TextPart`s); `terms`
and `keyness` also take the frame `segment.tokens(..., metadata=True)` returns, so a
notebook segments once and asks many questions. Output: pandas DataFrames, plus
`write_table` / `format_table` that the CLI uses to save them (csv/xlsx/jsonl) or
print them on a terminal.

Groups (`by`) are the classifier's year, doc_type, agency and level (agency_level);
a part whose value is missing is counted under 'unknown', never dropped.
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, cast

import numpy as np
import pandas as pd

from .segment import GROUP_KEYS, UNKNOWN, Source, TokenOptions, is_number, iter_texts, stopwords

OUTPUT_SUFFIXES = (".csv", ".xlsx", ".jsonl")
CORRECTIONS = ("default", "yates", "williams", "none")
_WHITESPACE = re.compile(r"\s")


def _check_by(by: str | None) -> None:
    if by is not None and by not in GROUP_KEYS:
        raise ValueError(f"unknown group {by!r}; choose one of: {', '.join(GROUP_KEYS)}")


def _counted_parts(source: Source | pd.DataFrame, *, by: str | None, options: TokenOptions,
                   jobs: int | None) -> Iterator[tuple[str, Counter[str]]]:
    """(group, token counts) per document part; the segmentation work of terms and keyness."""
    if isinstance(source, pd.DataFrame):
        if by is not None and by not in source.columns:
            raise ValueError(f"the tokens frame has no {by!r} column: build it with tokens(..., metadata=True)")
        stop = stopwords() if options.drop_stopwords else frozenset()
        for row in source.itertuples(index=False):
            if getattr(row, "error", None):
                continue
            tokens = cast("list[str]", row.tokens)  # pandas-stubs types namedtuple fields as scalars
            kept = [t for t in tokens if len(t) >= options.min_chars and t not in stop
                    and (options.numbers or not is_number(t))]
            group = getattr(row, by) if by else ""
            yield (UNKNOWN if group is None or group == "" else str(group)), Counter(kept)
        return
    for text in iter_texts(source, metadata=by is not None, jobs=jobs, options=options):
        if text.error is None:
            yield (text.group(by) if by else ""), Counter(text.tokens or [])


def _group_order(groups: Iterable[str]) -> list[str]:
    """Groups sorted, 'unknown' last."""
    return sorted(set(groups), key=lambda g: (g == UNKNOWN, g))


def terms(source: Source | pd.DataFrame, *, by: str | None = None, top: int | None = 20,
          drop_stopwords: bool = True, numbers: bool = False, min_chars: int = 2,
          jobs: int | None = 1) -> pd.DataFrame:
    """Term frequency (tf) and document frequency (df) of every term, overall or per group.

    Why both: tf says how much a term is written, df in how many document parts it
    appears (a term one compilation repeats 200 times has a high tf and df 1).

    Args:
        source: paths, a `Corpus`, `TextPart`s, or a `tokens(...)` frame.
        by: group by `year`, `doc_type`, `agency` or `level`; None for the whole corpus.
        top: terms kept per group, most frequent first (None: all).
        drop_stopwords: leave out rules/stopwords.txt.
        numbers: count figures and dates (2022年, 3,374) as terms.
        min_chars: shortest term counted (2 leaves out single characters).
        jobs: worker processes for reading and segmenting (None: all cores).

    Returns:
        Columns [by], term, tf, df, docs (parts in the group), per_10k (tf per 10,000
        tokens of the group), sorted by group, then tf descending.
    """
    _check_by(by)
    options = TokenOptions(drop_stopwords=drop_stopwords, numbers=numbers, min_chars=min_chars)
    tf: dict[str, Counter[str]] = {}
    df: dict[str, Counter[str]] = {}
    docs: Counter[str] = Counter()
    for group, counts in _counted_parts(source, by=by, options=options, jobs=jobs):
        tf.setdefault(group, Counter()).update(counts)
        df.setdefault(group, Counter()).update(counts.keys())
        docs[group] += 1
    rows = []
    for group in _group_order(tf):
        total = sum(tf[group].values()) or 1
        ranked = sorted(tf[group].items(), key=lambda item: (-item[1], item[0]))
        for term, count in ranked[:top] if top else ranked:
            row: dict[str, object] = {by: group} if by else {}
            row.update(term=term, tf=count, df=df[group][term], docs=docs[group],
                       per_10k=round(count * 10000 / total, 2))
            rows.append(row)
    columns = ([by] if by else []) + ["term", "tf", "df", "docs", "per_10k"]
    return pd.DataFrame(rows, columns=columns)


def kwic(source: Source, term: str, *, width: int = 20, regex: bool = False, jobs: int | None = 1) -> pd.DataFrame:
    """Every occurrence of `term` with `width` characters of context on each side.

    Matching runs on the normalised text, by characters, not tokens: a concordance
    must find 公开 inside 依申请公开 too, whatever the segmenter decided.

    Args:
        source: paths, a `Corpus`, or `TextPart`s.
        term: the text to find; a regular expression when `regex` is true.
        width: characters of context left and right (line breaks shown as spaces).
        regex: treat `term` as a Python regular expression (`主动公开|依申请公开`).
        jobs: worker processes for reading (None: all cores).

    Returns:
        Columns path, part, position (character offset in the part's text), left, match, right.
    """
    if not term:
        raise ValueError("empty search term")
    pattern = re.compile(term if regex else re.escape(term))
    rows = []
    for text in iter_texts(source, jobs=jobs):
        body = text.text
        for match in pattern.finditer(body):
            if match.end() == match.start():
                continue  # an empty match (e.g. `a*`) is no occurrence
            rows.append({"path": text.path, "part": text.part, "position": match.start(),
                         "left": _WHITESPACE.sub(" ", body[max(0, match.start() - width):match.start()]),
                         "match": match.group(),
                         "right": _WHITESPACE.sub(" ", body[match.end():match.end() + width])})
    return pd.DataFrame(rows, columns=["path", "part", "position", "left", "match", "right"])


def _chi2_sf_1df(statistic: np.ndarray) -> np.ndarray:
    """P(chi2 with 1 df > x) = erfc(sqrt(x / 2)); no scipy needed."""
    erfc = np.frompyfunc(math.erfc, 1, 1)
    return erfc(np.sqrt(np.abs(statistic) / 2.0)).astype(float)


def log_likelihood(a: np.ndarray, b: np.ndarray, n_target: float, n_reference: float,
                   correction: str = "default") -> np.ndarray:
    """Signed G2 of each term's 2x2 table (target vs reference counts), as quanteda computes it.

    `default`/`yates`: Yates' continuity correction where an expected count is below 5
    and |ad - bc| > N/2; `williams`: Williams' correction; `none`. The sign is + when the
    target uses the term more than expected, - when less.
    """
    if correction not in CORRECTIONS:
        raise ValueError(f"unknown correction {correction!r}; choose one of: {', '.join(CORRECTIONS)}")
    a = a.astype(float)
    b = b.astype(float)
    c = n_target - a
    d = n_reference - b
    n = a + b + c + d
    e11 = (a + b) * (a + c) / n
    if correction in ("default", "yates"):
        applies = (((a + b) * (a + c) / n < 5) | ((a + b) * (b + d) / n < 5) | ((a + c) * (c + d) / n < 5)
                   | ((c + d) * (b + d) / n < 5)) & (np.abs(a * d - b * c) > n / 2)
        step = np.where(applies, np.where(a * d - b * c > 0, -0.5, 0.5), 0.0)
        a, d, b, c = a + step, d + step, b - step, c - step

    def term(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
        # 0 * log(0) is 0 (quanteda adds an epsilon inside the log instead; this is exact)
        safe = np.where(observed > 0, observed, 1.0)
        return np.where(observed > 0, safe * np.log(safe / expected), 0.0)

    g2 = 2 * (term(a, e11) + term(b, (a + b) * (b + d) / n) + term(c, (a + c) * (c + d) / n)
              + term(d, (b + d) * (c + d) / n))
    g2 = g2 * np.where(a > e11, 1.0, -1.0)
    if correction == "williams":
        q = np.where(a * b * c * d == 0, 1.0,
                     1 + (n / (a + b) + n / (c + d) - 1) * (n / (a + c) + n / (b + d) - 1) / (6 * n))
        g2 = g2 / q
    return g2


def keyness(source: Source | pd.DataFrame, *, by: str, target: str | int, top: int | None = None,
            correction: str = "default", drop_stopwords: bool = True, numbers: bool = False,
            min_chars: int = 2, jobs: int | None = 1) -> pd.DataFrame:
    """Terms the `target` group over- and under-uses against all other parts.

    Like quanteda's `textstat_keyness(measure = "lr")`: a signed log-likelihood G2 per
    term with its p-value (chi-squared, 1 df), plus Hardie's log ratio as the effect
    size (log2 of the ratio of relative frequencies; a zero count counts as 0.5), since
    G2 grows with corpus size while the log ratio says how big the difference is.

    Args:
        source: paths, a `Corpus`, `TextPart`s, or a `tokens(..., metadata=True)` frame.
        by: the grouping: `year`, `doc_type`, `agency` or `level`.
        target: the group value to compare (e.g. 2022, `annual_report`, `unknown`).
        top: keep the `top` most over-used and `top` most under-used terms (None: all).
        correction: `default` (Yates where expected counts are small), `yates`, `williams`, `none`.
        drop_stopwords, numbers, min_chars, jobs: as in `terms`.

    Returns:
        Columns term, G2, p, log_ratio, n_target, n_reference, sorted by G2 descending
        (over-used first, under-used last).
    """
    _check_by(by)
    options = TokenOptions(drop_stopwords=drop_stopwords, numbers=numbers, min_chars=min_chars)
    target_counts: Counter[str] = Counter()
    reference_counts: Counter[str] = Counter()
    seen: set[str] = set()
    for group, counts in _counted_parts(source, by=by, options=options, jobs=jobs):
        seen.add(group)
        (target_counts if group == str(target) else reference_counts).update(counts)
    if str(target) not in seen:
        raise ValueError(f"no document has {by} = {target!r}; groups: {', '.join(_group_order(seen)) or 'none'}")
    if not reference_counts:
        raise ValueError(f"every document has {by} = {target!r}: nothing to compare against")
    vocabulary = sorted(set(target_counts) | set(reference_counts))
    a = np.array([target_counts[t] for t in vocabulary], dtype=float)
    b = np.array([reference_counts[t] for t in vocabulary], dtype=float)
    n_target, n_reference = a.sum(), b.sum()
    g2 = log_likelihood(a, b, n_target, n_reference, correction)
    log_ratio = np.log2((np.where(a == 0, 0.5, a) / n_target) / (np.where(b == 0, 0.5, b) / n_reference))
    frame = pd.DataFrame({"term": vocabulary, "G2": g2, "p": _chi2_sf_1df(g2),
                          "log_ratio": log_ratio, "n_target": a.astype(int),
                          "n_reference": b.astype(int)})
    frame = frame.sort_values(["G2", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    if top is not None and len(frame) > 2 * top:
        frame = pd.concat([frame.head(top), frame.tail(top)]).reset_index(drop=True)
    return frame


# --------------------------------------------------------------------------- output

def _cell(value: Any, join: str) -> Any:
    if isinstance(value, (list, tuple)):
        return join.join(str(v) for v in value)
    return value


def write_table(frame: pd.DataFrame, output: str | Path, *, join: str = " | ") -> None:
    """Write a result frame; the suffix picks the format (.csv, .xlsx, .jsonl).

    In csv and xlsx a list cell (tokens, passages) becomes its items joined by `join`;
    jsonl keeps lists as lists.
    """
    path = Path(output)
    suffix = path.suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        raise ValueError(f"unknown output format {suffix or '(none)'!r}; use one of: {', '.join(OUTPUT_SUFFIXES)}")
    if suffix == ".jsonl":
        with open(path, "w", encoding="utf-8") as handle:
            for record in frame.to_dict(orient="records"):
                handle.write(json.dumps(record, ensure_ascii=False, default=_json_default) + "\n")
        return
    flat = frame.copy()
    for column in flat.columns:
        if flat[column].dtype == object:
            flat[column] = flat[column].map(lambda v: _cell(v, join))
    if suffix == ".csv":
        flat.to_csv(path, index=False, encoding="utf-8-sig")  # the BOM lets Excel read Chinese
    else:
        flat.to_excel(path, index=False, engine="openpyxl")


def _json_default(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, width: int) -> str:
    if _display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def format_table(frame: pd.DataFrame, *, max_rows: int = 50, max_width: int = 40,
                 join: str = " | ") -> str:
    """A plain-text table for a terminal, aligned for Chinese (double-width) characters."""
    if frame.empty:
        return "(no rows)"
    shown = frame.head(max_rows)

    def show(value: Any) -> str:
        value = _cell(value, join)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return ""
        if isinstance(value, float):
            return f"{value:.4g}"
        return _clip(_WHITESPACE.sub(" ", str(value)), max_width)

    header = [str(c) for c in shown.columns]
    body = [[show(v) for v in row] for row in shown.itertuples(index=False)]
    widths = [max(_display_width(cell) for cell in column) for column in zip(header, *body)]
    numeric = [pd.api.types.is_numeric_dtype(shown[c]) for c in shown.columns]

    def line(cells: list[str]) -> str:
        padded = []
        for cell, width, right in zip(cells, widths, numeric):
            pad = " " * (width - _display_width(cell))
            padded.append(pad + cell if right else cell + pad)
        return "  ".join(padded).rstrip()

    lines = [line(header), "  ".join("-" * w for w in widths)] + [line(row) for row in body]
    if len(frame) > max_rows:
        lines.append(f"… {len(frame) - max_rows} more rows (write them all with -o FILE.csv|.xlsx|.jsonl)")
    return "\n".join(lines)


__all__ = ["terms", "kwic", "keyness", "log_likelihood", "write_table", "format_table", "OUTPUT_SUFFIXES"]
