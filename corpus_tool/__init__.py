"""corpus-tool: Chinese government information-disclosure documents as evidenced data.

    import corpus_tool as ct
    corpus = ct.load("corpora/dev/docs")
    corpus.documents   # one row per record
    corpus.fields      # one row per extracted value, with its evidence
"""
from __future__ import annotations

from .api import BatchSummary, Corpus, analyse, load
from .evaluate import evaluate
from .ingest import IngestError, read_document
from .model import Block, CheckResult, Document, Evidence, Record

__all__ = [
    "load", "analyse", "evaluate", "read_document",
    "Corpus", "BatchSummary", "Document", "Block", "Evidence", "Record", "CheckResult", "IngestError",
]
__version__ = "0.1.0"
