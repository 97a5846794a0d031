"""Command line for corpus exploration: segment, terms, kwic, keyness, similar.

Each command parses its arguments and calls one library function of the same name;
`output_options` gives them all the same output: a table on the terminal, or the whole
result written to -o FILE (.csv, .xlsx, .jsonl). The main CLI registers `COMMANDS`.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click
import pandas as pd

from . import explore, segment as segment_module, similar as similar_module

_PATHS = click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
_GROUPS = click.Choice(list(segment_module.GROUP_KEYS))


def output_options(join: str = " | ") -> Callable[[Callable[..., pd.DataFrame]], Callable[..., None]]:
    """Shared -o/--output, --rows and -j/--jobs; the command returns its frame, this shows or saves it."""
    def decorate(command: Callable[..., pd.DataFrame]) -> Callable[..., None]:
        @click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
                      help="Write every row to this file; its suffix picks the format: .csv, .xlsx or .jsonl.")
        @click.option("--rows", type=click.IntRange(min=1), default=50, show_default=True,
                      help="Rows shown on the terminal (without -o).")
        @click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                      help="Worker processes for reading documents (default: all cores).")
        @wraps(command)
        def wrapper(*args: Any, output: Path | None, rows: int, **kwargs: Any) -> None:
            if output is not None and output.suffix.lower() not in explore.OUTPUT_SUFFIXES:
                raise click.BadParameter(f"use a name ending in {', '.join(explore.OUTPUT_SUFFIXES)}",
                                         param_hint="-o/--output")
            try:
                frame = command(*args, **kwargs)
            except ValueError as exc:
                raise click.ClickException(str(exc)) from exc
            if output is None:
                click.echo(explore.format_table(frame, max_rows=rows, join=join))
                return
            try:
                explore.write_table(frame, output, join=join)
            except OSError as exc:
                raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from exc
            click.echo(f"{len(frame)} rows written to {output}", err=True)
        return wrapper
    return decorate


@click.command()
@_PATHS
@click.option("--drop-stopwords", is_flag=True, help="Leave out stop words (rules/stopwords.txt).")
@click.option("--no-numbers", "numbers", flag_value=False, default=True, help="Leave out figures and dates.")
@click.option("--min-chars", type=click.IntRange(min=1), default=1, show_default=True, help="Shortest token kept.")
@output_options(join=" ")
def segment(paths: tuple[Path, ...], drop_stopwords: bool, numbers: bool, min_chars: int,
            jobs: int | None) -> pd.DataFrame:
    """Segment every document part under PATHS into words (jieba + the domain dictionary).

    One row per document part: path, part, title, n_tokens, tokens (space-separated
    in csv/xlsx, a list in jsonl), error. Figures and dates stay whole (3,374, 2022年).

    Example:

        corpus-tool segment corpora/seeds -o tokens.jsonl
    """
    return segment_module.tokens(list(paths), drop_stopwords=drop_stopwords, numbers=numbers,
                                 min_chars=min_chars, jobs=jobs)


@click.command()
@_PATHS
@click.option("--by", type=_GROUPS, default=None, help="Count per group (from the classifier; missing → unknown).")
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True, help="Terms per group.")
@click.option("--keep-stopwords", "drop_stopwords", flag_value=False, default=True, help="Count stop words too.")
@click.option("--numbers", is_flag=True, help="Count figures and dates as terms.")
@click.option("--min-chars", type=click.IntRange(min=1), default=2, show_default=True, help="Shortest term counted.")
@output_options()
def terms(paths: tuple[Path, ...], by: str | None, top: int, drop_stopwords: bool, numbers: bool,
          min_chars: int, jobs: int | None) -> pd.DataFrame:
    """Most frequent terms under PATHS: term frequency (tf) and document frequency (df).

    With --by, one ranking per year, doc_type, agency or level.

    Example:

        corpus-tool terms corpora --by year --top 20
    """
    return explore.terms(list(paths), by=by, top=top, drop_stopwords=drop_stopwords, numbers=numbers,
                         min_chars=min_chars, jobs=jobs)


@click.command()
@_PATHS
@click.argument("term")
@click.option("-w", "--width", type=click.IntRange(min=0), default=20, show_default=True,
              help="Characters of context on each side.")
@click.option("--regex", is_flag=True, help="TERM is a regular expression (e.g. '主动公开|依申请公开').")
@output_options()
def kwic(paths: tuple[Path, ...], term: str, width: int, regex: bool, jobs: int | None) -> pd.DataFrame:
    """Every occurrence of TERM in the documents under PATHS, with its context (concordance).

    Matches characters in the normalised text (half-width, simplified), so 公开 is
    also found inside 依申请公开.

    Example:

        corpus-tool kwic corpora 依申请公开 --width 15
    """
    return explore.kwic(list(paths), term, width=width, regex=regex, jobs=jobs)


@click.command()
@_PATHS
@click.option("--by", type=_GROUPS, required=True, help="The grouping to compare within.")
@click.option("--target", required=True, help="The group compared against all others (e.g. 2022).")
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True,
              help="Most over-used and most under-used terms kept.")
@click.option("--correction", type=click.Choice(list(explore.CORRECTIONS)), default="default", show_default=True,
              help="Continuity correction of G2.")
@click.option("--keep-stopwords", "drop_stopwords", flag_value=False, default=True, help="Score stop words too.")
@click.option("--numbers", is_flag=True, help="Score figures and dates as terms.")
@click.option("--min-chars", type=click.IntRange(min=1), default=2, show_default=True, help="Shortest term scored.")
@output_options()
def keyness(paths: tuple[Path, ...], by: str, target: str, top: int, correction: str, drop_stopwords: bool,
            numbers: bool, min_chars: int, jobs: int | None) -> pd.DataFrame:
    """Terms the TARGET group over- or under-uses compared with the rest of PATHS.

    Signed log-likelihood G2 with its p-value and the log ratio (effect size), as
    quanteda's textstat_keyness(measure = "lr"); over-used terms first.

    Example:

        corpus-tool keyness corpora --by year --target 2022 --top 20
    """
    return explore.keyness(list(paths), by=by, target=target, top=top, correction=correction,
                           drop_stopwords=drop_stopwords, numbers=numbers, min_chars=min_chars, jobs=jobs)


@click.command()
@_PATHS
@click.option("-t", "--threshold", type=click.FloatRange(min=0, max=1, min_open=True), default=0.5,
              show_default=True, help="Least Jaccard similarity of two parts' shingle sets.")
@click.option("--shingle", type=click.IntRange(min=1), default=5, show_default=True, help="Characters per shingle.")
@click.option("--num-perm", type=click.IntRange(min=8), default=128, show_default=True, help="MinHash functions.")
@click.option("--passages", type=click.IntRange(min=0), default=3, show_default=True,
              help="Longest shared passages reported per pair.")
@output_options()
def similar(paths: tuple[Path, ...], threshold: float, shingle: int, num_perm: int, passages: int,
            jobs: int | None) -> pd.DataFrame:
    """Pairs of near-duplicate document parts under PATHS, with the passages they share.

    Character-shingle MinHash with LSH finds candidate pairs without comparing every
    pair; each is then checked with the exact Jaccard similarity and containment.

    Example:

        corpus-tool similar corpora --threshold 0.5 -o pairs.xlsx
    """
    return similar_module.similar(list(paths), threshold=threshold, shingle=shingle, num_perm=num_perm,
                                  passages=passages, jobs=jobs)


COMMANDS = [segment, terms, kwic, keyness, similar]

__all__ = ["COMMANDS", "segment", "terms", "kwic", "keyness", "similar", "output_options"]
