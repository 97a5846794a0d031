"""Command line: thin click commands over the public API, named as the functions are."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import api
from .explore_cli import COMMANDS as EXPLORE_COMMANDS
from .export import OutputFormatError
from .sections import ChecklistError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="corpus-tool")
def cli() -> None:
    """Read Chinese government information-disclosure documents into evidenced data."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="Output file; its suffix picks the format: .jsonl, .csv, .xlsx or .parquet.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: all cores).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Seconds one document may take; a slower one becomes an error record.")
@click.option("--checklist", type=click.Path(exists=True, dir_okay=False), default=None,
              help="A checklist YAML to judge sections against (see docs/checklist.md).")
def analyse(paths: tuple[Path, ...], output: Path, jobs: int | None, timeout: float | None,
            checklist: str | None) -> None:
    """Analyse every document under PATHS (folders are walked recursively).

    Each file gives one record per report it holds (a compilation of several
    reports gives several, numbered by `part`); a file that cannot be read gives
    a record with its `error`, and the batch goes on. Files with unsupported
    suffixes inside folders are skipped and counted in the summary.

    Exit status: 0 when every file was accounted for in OUTPUT (including files
    recorded with an error); 1 when the batch could not run (e.g. unwritable
    OUTPUT or an unknown output format); 2 for a usage error.

    Example:

        corpus-tool analyse corpora -o out.jsonl
    """
    show_progress = sys.stderr.isatty()
    progress = None
    if show_progress:
        found = api.collect_files(paths)
        progress = click.progressbar(length=len(found.files), label="reading", file=sys.stderr)
        progress.__enter__()
    seen: set[str] = set()

    def done(record: api.Record) -> None:
        if progress is not None and record.path not in seen:
            seen.add(record.path)
            progress.update(1)

    try:
        summary = api.analyse(paths, output, jobs=jobs, timeout=timeout, checklist=checklist, on_file_done=done)
    except (OutputFormatError, ChecklistError) as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from exc
    finally:
        if progress is not None:
            progress.__exit__(None, None, None)
    for path in summary.skipped[:20]:
        click.echo(f"skipped (unsupported suffix): {path}", err=True)
    if len(summary.skipped) > 20:
        click.echo(f"... and {len(summary.skipped) - 20} more skipped", err=True)
    click.echo(summary.line(), err=True)


@cli.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--wrong", is_flag=True, help="List every mismatch.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: all cores).")
def evaluate(gold: Path, wrong: bool, jobs: int | None) -> None:
    """Score the tool against a labelled corpus (gold.jsonl; paths relative to it).

    Prints per-field true/false positives, false negatives, precision, recall and
    F1, then field scores by document group, doc_type / format / year / agency /
    section accuracy, and one SUMMARY line last.

    Example:

        corpus-tool evaluate corpora/dev/gold.jsonl --wrong
    """
    from .evaluate import evaluate as run_evaluation

    click.echo(run_evaluation(gold, jobs=jobs).report(show_wrong=wrong))


@cli.command()
@click.option("--out-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the model (default: the shipped rules/models folder).")
def train(out_dir: Path | None) -> None:
    """Rebuild the shipped classifier models from the shipped training data.

    Training is reproducible: the same data gives the same model.

    Example:

        corpus-tool train
    """
    from .train import train as run_training

    click.echo(f"model written to {run_training(out_dir)}")


for _command in EXPLORE_COMMANDS:
    cli.add_command(_command)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
