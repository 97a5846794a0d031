"""Batch: walk folders and run the pipeline over every file in worker processes.

Records are yielded as documents finish, so a caller can stream them to disk and
memory stays flat however large the corpus is. Each worker handles one file at a
time; a file that takes longer than `timeout` seconds, or kills its worker, gives
one record with an `error` and the batch goes on with a fresh worker.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import queue
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from pathlib import Path

from .ingest import SUPPORTED_SUFFIXES
from .model import Record
from .pipeline import process_file


@dataclass
class FileList:
    """The files a batch will read, and those it skips for their suffix."""

    files: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> FileList:
    """Every file under `paths` (folders walked recursively, in sorted order).

    A path named on the command line is always read, whatever its suffix (so a
    mislabelled file gets a record); inside folders, unsupported suffixes are
    skipped and listed. Hidden files and folders are left out.
    """
    found = FileList()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.startswith("."):
                        continue
                    child = Path(root) / name
                    if child.suffix.lower() in SUPPORTED_SUFFIXES:
                        found.files.append(child)
                    else:
                        found.skipped.append(child)
        else:
            found.files.append(path)  # missing files too: they get an error record
    return found


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def _worker(tasks: "mp.Queue[tuple[int, str] | None]", results: "mp.Queue[tuple[int, int, list[dict]]]",
            worker_id: int, checklist: str | None) -> None:
    """Worker loop: process files until told to stop (None)."""
    while True:
        task = tasks.get()
        if task is None:
            return
        index, path = task
        records = process_file(path, checklist=checklist)
        results.put((worker_id, index, [record.to_dict() for record in records]))


@dataclass
class _Slot:
    process: BaseProcess  # a ForkProcess or SpawnProcess, by the context
    tasks: "mp.Queue[tuple[int, str] | None]"
    busy: tuple[int, str] | None = None
    started: float = 0.0


def iter_records(files: list[Path], *, jobs: int | None = None, timeout: float | None = None,
                 checklist: str | None = None) -> Iterator[Record]:
    """Records for `files`, yielded as each file finishes (not in input order)."""
    jobs = jobs or default_jobs()
    if jobs == 1 and timeout is None:
        for path in files:
            yield from process_file(path, checklist=checklist)
        return
    yield from _pool(files, jobs=min(jobs, max(1, len(files))), timeout=timeout, checklist=checklist)


def _pool(files: list[Path], *, jobs: int, timeout: float | None, checklist: str | None) -> Iterator[Record]:
    context = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    results: "mp.Queue[tuple[int, int, list[dict]]]" = context.Queue()
    pending = list(enumerate(str(path) for path in files))
    pending.reverse()  # pop() from the end keeps input order
    slots: dict[int, _Slot] = {}
    next_id = 0

    def start_worker() -> int:
        nonlocal next_id
        worker_id = next_id
        next_id += 1
        tasks: "mp.Queue[tuple[int, str] | None]" = context.Queue()
        process = context.Process(target=_worker, args=(tasks, results, worker_id, checklist), daemon=True)
        process.start()
        slots[worker_id] = _Slot(process, tasks)
        return worker_id

    def stop_worker(worker_id: int) -> None:
        slot = slots.pop(worker_id)
        if slot.process.is_alive():
            slot.process.kill()
        slot.process.join(timeout=5)

    for _ in range(jobs):
        start_worker()
    try:
        while pending or any(slot.busy for slot in slots.values()):
            for worker_id, slot in list(slots.items()):
                if slot.busy is None and pending:
                    slot.busy = pending.pop()
                    slot.started = time.monotonic()
                    slot.tasks.put(slot.busy)
            try:
                worker_id, _index, payload = results.get(timeout=0.2)
            except queue.Empty:
                payload = None
            if payload is not None:
                answered = slots.get(worker_id)
                if answered is None or answered.busy is None or answered.busy[0] != _index:
                    continue  # a late answer from a worker already given up on
                answered.busy = None
                for data in payload:
                    yield Record(**data)
                continue
            now = time.monotonic()
            for worker_id, slot in list(slots.items()):
                if slot.busy is None:
                    continue
                overdue = timeout is not None and now - slot.started > timeout
                if overdue or not slot.process.is_alive():
                    _index, path = slot.busy
                    if overdue:
                        error = f"timed out after {timeout:g} s (--timeout)"
                    else:
                        error = f"worker process died while reading (exit code {slot.process.exitcode})"
                    stop_worker(worker_id)
                    yield Record(path=path, error=error, seconds=round(now - slot.started, 4))
                    start_worker()
    finally:
        for slot in slots.values():
            try:
                slot.tasks.put(None)
            except (ValueError, OSError):
                pass
        for worker_id in list(slots):
            slot = slots[worker_id]
            slot.process.join(timeout=1)
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join(timeout=1)
        slots.clear()
