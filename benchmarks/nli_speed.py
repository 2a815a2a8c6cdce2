"""NLI speed on this machine: load time, peak memory and pairs per second.

    python benchmarks/nli_speed.py [--threads 2] [--repeat 3]

Measures the embedded model (fp32 and torch dynamic int8) and, in the same run, an
mDeBERTa-base-shaped model built with random weights (nothing is downloaded), on short (~60
token) and long (~200 token) pairs at batch 1 and 16. Each configuration runs in its own
process so that load time and peak RSS are its own.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

EXAMPLES = Path(__file__).parents[1] / "examples"


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


def child(model: str, quant: str, threads: int, repeat: int) -> dict[str, object]:
    import torch

    torch.set_num_threads(threads)
    started = time.perf_counter()
    predict, count_tokens = _load(model, quant)
    load_s = time.perf_counter() - started
    figures: dict[str, object] = {"model": model, "quant": quant, "load_s": round(load_s, 2)}
    for name, tokens in (("short", 60), ("long", 200)):
        pairs = sample_pairs(tokens, 64)
        figures[f"{name}_tokens"] = round(sum(count_tokens(p) for p in pairs) / len(pairs), 1)
        for batch in (1, 16):
            work = pairs[:16] if batch == 1 else pairs
            predict(work[:batch], batch)  # warm-up
            best = min(_timed(predict, work, batch) for _ in range(repeat))
            figures[f"{name}_b{batch}_pairs_per_s"] = round(len(work) / best, 1)
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return figures


def _timed(predict, pairs, batch) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    predict(pairs, batch)
    return time.perf_counter() - started


def _load(model: str, quant: str):  # type: ignore[no-untyped-def]
    import torch

    if model == "embedded":
        from checker.nli.embedded import EmbeddedNLI

        backend = EmbeddedNLI()
        if quant == "int8":
            backend.quantize_int8()
        tok = backend.tokenizer
        return (
            lambda pairs, b: backend.predict(pairs, batch_size=b),
            lambda pair: len(tok.encode_pairs([pair])[0]),
        )
    from transformers import DebertaV2Config, DebertaV2ForSequenceClassification

    config = DebertaV2Config(  # the shape of microsoft/mdeberta-v3-base
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
    from checker.nli.embedded import shared_tokenizer

    tok = shared_tokenizer()  # same token counts as the embedded model, for a like-for-like load

    @torch.inference_mode()
    def predict(pairs, b):  # type: ignore[no-untyped-def]
        ids = tok.encode_pairs(pairs, max_length=512)
        for i in range(0, len(ids), b):
            rows = ids[i : i + b]
            width = max(map(len, rows))
            x = torch.tensor([r + [1] * (width - len(r)) for r in rows]) % config.vocab_size
            mask = torch.tensor([[1] * len(r) + [0] * (width - len(r)) for r in rows])
            net(input_ids=x, attention_mask=mask)

    return predict, lambda pair: len(tok.encode_pairs([pair])[0])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("MODEL", "QUANT"))
    parser.add_argument("--models", nargs="*", default=["embedded", "mdeberta-base-random"])
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1], args.threads, args.repeat)))
        return
    rows = []
    for model in args.models:
        for quant in ("fp32", "int8"):
            cmd = [
                sys.executable,
                __file__,
                "--child",
                model,
                quant,
                "--threads",
                str(args.threads),
                "--repeat",
                str(args.repeat),
            ]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            rows.append(json.loads(out.strip().splitlines()[-1]))
            print(json.dumps(rows[-1]), flush=True)
    keys = [k for k in rows[0] if k not in ("model", "quant")]
    print("\n| model | quant | " + " | ".join(keys) + " |")
    print("|---|---|" + "---|" * len(keys))
    for row in rows:
        print(
            f"| {row['model']} | {row['quant']} | " + " | ".join(str(row[k]) for k in keys) + " |"
        )


if __name__ == "__main__":
    main()
