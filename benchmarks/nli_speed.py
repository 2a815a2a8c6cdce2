"""NLI speed on this machine: load time, peak memory and pairs per second.

    python benchmarks/nli_speed.py [--threads 2] [--repeat 3] [--configs onnx-fp32 torch-fp32]

Measures the embedded model on each runtime side by side (ONNX Runtime fp32 and int8, torch
fp32 and dynamic int8) and an mDeBERTa-base-shaped model built with random weights (nothing is
downloaded), on short (~60 token) and long (~200 token) pairs at batch 1 and 16. Each
configuration runs in its own process, so load time and peak RSS are its own (an ONNX process
never imports torch). For the ONNX runtimes the short batch-16 time is split into tokenisation,
word-row lookup and the session's run, and the tokenizer's share of the load is reported.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).parents[1] / "examples"
CONFIGS = ("onnx-fp32", "onnx-int8", "torch-fp32", "torch-int8", "mdeberta-fp32")
Predict = Callable[[list[tuple[str, str]], int], object]


def sample_pairs(target_tokens: int, count: int) -> list[tuple[str, str]]:
    """Real sentences from the examples, joined until premise + hypothesis reach the target."""
    lines = [x.strip() for p in sorted(EXAMPLES.glob("*.txt")) for x in p.read_text().splitlines()]
    sentences = [x for x in lines if len(x.split()) >= 12]
    words_wanted = int(target_tokens / 1.6)  # e5's tokenizer gives ~1.6 tokens per Indonesian word
    pairs = []
    for i in range(count):
        premise: list[str] = []
        j = i
        while len(" ".join(premise).split()) < words_wanted * 0.7:
            premise.append(sentences[j % len(sentences)])
            j += 1
        words = " ".join(premise).split()[: int(words_wanted * 0.7)]
        hypothesis = sentences[(i * 7 + 3) % len(sentences)].split()[: int(words_wanted * 0.3)]
        pairs.append((" ".join(words), " ".join(hypothesis)))
    return pairs


def child(config: str, threads: int, repeat: int) -> dict[str, object]:
    """One configuration, measured in this process."""
    from checker.nli.embedded_dir import shared_tokenizer

    started = time.perf_counter()
    shared_tokenizer()  # built first so that its share of the load can be reported
    tokenizer_s = time.perf_counter() - started
    predict, backend = _load(config, threads)
    load_s = time.perf_counter() - started
    tok = shared_tokenizer()
    figures: dict[str, object] = {
        "config": config,
        "load_s": round(load_s, 2),
        "tokenizer_load_s": round(tokenizer_s, 2),
    }
    for name, tokens in (("short", 60), ("long", 200)):
        pairs = sample_pairs(tokens, 64)
        lengths = [len(ids) for ids in tok.encode_pairs(pairs, max_length=512)]
        figures[f"{name}_tokens"] = round(sum(lengths) / len(lengths), 1)
        for batch in (1, 16):
            work = pairs[:16] if batch == 1 else pairs
            predict(work[:batch], batch)  # warm-up
            best = min(_timed(predict, work, batch) for _ in range(repeat))
            figures[f"{name}_b{batch}_pairs_per_s"] = round(len(work) / best, 1)
    if config.startswith("onnx"):
        figures.update(_onnx_breakdown(backend, sample_pairs(60, 64), repeat))
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    figures["torch_imported"] = "torch" in sys.modules
    return figures


def _timed(predict: Predict, pairs: list[tuple[str, str]], batch: int) -> float:
    started = time.perf_counter()
    predict(pairs, batch)
    return time.perf_counter() - started


def _onnx_breakdown(backend: Any, pairs: list[tuple[str, str]], repeat: int) -> dict[str, float]:
    """Milliseconds per pair of each step of a batch-16 predict (best of ``repeat``)."""
    from checker.nli.base import length_sorted_batches
    from checker.nli.onnx_backend import LOGITS_OUTPUT, MASK_INPUT, WORDS_INPUT, pad_ids

    steps = {"tokenize": 1e9, "lookup": 1e9, "session": 1e9}
    for _ in range(repeat):
        t0 = time.perf_counter()
        ids = backend.tokenizer.encode_pairs(pairs, max_length=backend.config.max_length)
        spent = {"tokenize": time.perf_counter() - t0, "lookup": 0.0, "session": 0.0}
        for rows in length_sorted_batches([len(row) for row in ids], 16):
            t0 = time.perf_counter()
            padded, mask = pad_ids([ids[i] for i in rows], backend.tokenizer.pad_id)
            words = backend.words.lookup(padded)
            t1 = time.perf_counter()
            backend.session.run([LOGITS_OUTPUT], {WORDS_INPUT: words, MASK_INPUT: mask})
            spent["lookup"] += t1 - t0
            spent["session"] += time.perf_counter() - t1
        steps = {k: min(v, spent[k]) for k, v in steps.items()}
    return {f"short_b16_{k}_ms_per_pair": round(1000 * v / len(pairs), 2) for k, v in steps.items()}


def _load(config: str, threads: int) -> tuple[Predict, object]:
    runtime, _, quant = config.partition("-")
    if runtime == "onnx":
        from checker.nli.onnx_backend import OnnxNLI

        backend = OnnxNLI(threads=threads, int8=quant == "int8")
        return (lambda pairs, b: backend.predict(pairs, batch_size=b)), backend
    import torch

    torch.set_num_threads(threads)
    if runtime == "torch":
        from checker.nli.embedded import EmbeddedNLI

        embedded = EmbeddedNLI()
        if quant == "int8":
            embedded.quantize_int8()
        return (lambda pairs, b: embedded.predict(pairs, batch_size=b)), embedded
    return _random_mdeberta(quant), None


def _random_mdeberta(quant: str) -> Predict:
    import torch
    from transformers import DebertaV2Config, DebertaV2ForSequenceClassification

    from checker.nli.embedded_dir import shared_tokenizer

    config = DebertaV2Config(  # type: ignore[call-arg]  # microsoft/mdeberta-v3-base shape
        vocab_size=251000,
        hidden_size=768,
        num_hidden_layers=12,
        num_attention_heads=12,
        intermediate_size=3072,
        relative_attention=True,
        position_buckets=256,
        max_relative_positions=-1,
        pos_att_type=["p2c", "c2p"],
        norm_rel_ebd="layer_norm",
        share_att_key=True,
        position_biased_input=False,
        max_position_embeddings=512,
        num_labels=3,
    )
    net = DebertaV2ForSequenceClassification(config).eval()
    if quant == "int8":
        net = torch.ao.quantization.quantize_dynamic(net, {torch.nn.Linear}, dtype=torch.qint8)
    tok = shared_tokenizer()  # same token counts as the embedded model, for a like-for-like load

    @torch.inference_mode()
    def predict(pairs: list[tuple[str, str]], b: int) -> None:
        ids = tok.encode_pairs(pairs, max_length=512)
        for i in range(0, len(ids), b):
            rows = ids[i : i + b]
            width = max(map(len, rows))
            x = torch.tensor([r + [1] * (width - len(r)) for r in rows]) % config.vocab_size
            mask = torch.tensor([[1] * len(r) + [0] * (width - len(r)) for r in rows])
            net(input_ids=x, attention_mask=mask)

    return predict


def markdown_table(rows: Sequence[dict[str, object]]) -> str:
    keys = list(dict.fromkeys(k for row in rows for k in row if k != "config"))
    lines = ["| config | " + " | ".join(keys) + " |", "|---|" + "---|" * len(keys)]
    for row in rows:
        cells = [str(row.get(k, "")) for k in keys]
        lines.append(f"| {row['config']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--configs", nargs="+", choices=CONFIGS, default=list(CONFIGS))
    parser.add_argument("--child", choices=CONFIGS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.threads, args.repeat)))
        return 0
    rows = []
    for config in args.configs:
        cmd = [sys.executable, __file__, "--child", config]
        cmd += ["--threads", str(args.threads), "--repeat", str(args.repeat)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), flush=True)
    print()
    print(markdown_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
