"""Train the persona check's meaning layer (app/check/meaning.py) from the training drafts.

    .venv/bin/python scripts/train_meaning.py [--out resources/meaning/model.bin]
                                              [--epochs 8] [--seed 17] [--holdout-only]
                                              [--skip-holdout]

Reads every ``tests/check/corpus/training/*.toml`` but ``slots.toml`` (templates in four
classes: personal, promo, hostile, neutral) and ``slots.toml`` (fillers). It expands every
template into several drafts (seeded: the same inputs give the same model), some joined to an
everyday sentence so that a draft's one personal line still counts, and trains one
logistic-regression head per class (one against the rest, classes balanced) by stochastic
gradient descent with L2, in plain Python. Before the final fit it trains once with a tenth of
the TEMPLATES held out and prints how well each head reads drafts from templates it never saw.
Then it writes the quantised weights with a header naming the data's digest.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
import re
import sys
import time
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.check.meaning import DIM, HEADS, MeaningModel, feature_counts, model_path  # noqa: E402
from app.check.text import fold_view  # noqa: E402

DATA = REPO / "tests" / "check" / "corpus" / "training"
CLASSES = (*HEADS, "neutral")
_SLOT = re.compile(r"\{(\w+)\}")
PREFIXES = ["", "", "", "", "Honestly ", "Ugh. ", "So ", "Update: ", "Well. ", "ok so "]
SUFFIXES = ["", "", "", "", "!", "!!", " lol", " 😅", " 🙃", "...", " honestly", " 🙏",
            " #mondays", " 🤷", " 😂"]


def fill(template: str, slots: dict[str, list[str]], rng: random.Random) -> str:
    """``template`` with each {slot} replaced (fillers may hold slots of their own)."""
    for _ in range(3):
        if "{" not in template:
            break
        template = _SLOT.sub(lambda m: rng.choice(slots[m.group(1)]), template)
    return template


def vary(text: str, rng: random.Random) -> str:
    """Case and a little framing, as real drafts vary."""
    roll = rng.random()
    if roll < 0.35:
        text = text[:1].upper() + text[1:]
    elif roll < 0.42:
        text = text.upper()
    elif roll < 0.55:
        text = text.lower()
    return rng.choice(PREFIXES) + text + rng.choice(SUFFIXES)


def expand(templates: dict[str, list[str]], slots: dict[str, list[str]], seed: int,
           per_slotted: int = 7, per_plain: int = 3) -> list[tuple[str, str]]:
    """(text, class) drafts from the templates."""
    rng = random.Random(seed)
    neutral = templates["neutral"]
    drafts: dict[str, str] = {}
    for label in CLASSES:
        for template in templates[label]:
            copies = per_slotted if "{" in template else per_plain
            for _ in range(copies):
                text = vary(fill(template, slots, rng), rng)
                if rng.random() < 0.35:
                    other = fill(rng.choice(neutral), slots, rng)
                    text = f"{other}. {text}" if rng.random() < 0.5 else f"{text}. {other}"
                drafts.setdefault(text, label)
    return list(drafts.items())


def vectorise(drafts: list[tuple[str, str]]) -> list[tuple[list[tuple[int, int]], str]]:
    return [(list(feature_counts(fold_view(text)).items()), label) for text, label in drafts]


def train(samples: list[tuple[list[tuple[int, int]], str]], epochs: int, seed: int,
          rate: float = 0.25, l2: float = 2e-5) -> MeaningModel:
    """One logistic-regression head per class in HEADS (balanced), by SGD."""
    rng = random.Random(seed)
    weights = {head: [0.0] * DIM for head in HEADS}
    biases = dict.fromkeys(HEADS, 0.0)
    positives = {head: sum(label == head for _, label in samples) for head in HEADS}
    total = len(samples)
    balance = {head: (total / (2 * positives[head]), total / (2 * (total - positives[head])))
               for head in HEADS}
    order = list(range(total))
    step = 0
    for _epoch in range(epochs):
        rng.shuffle(order)
        for number in order:
            pairs, label = samples[number]
            step += 1
            eta = rate / (1 + step / (4 * total))
            scale = 1 / math.sqrt(sum(c for _, c in pairs) or 1)
            for head in HEADS:
                w = weights[head]
                score = biases[head] + scale * sum(w[i] * c for i, c in pairs)
                p = 1 / (1 + math.exp(-max(-30.0, min(30.0, score))))
                target = 1.0 if label == head else 0.0
                weight = balance[head][0] if target else balance[head][1]
                gradient = (p - target) * weight
                if abs(gradient) < 1e-4:
                    continue
                g = eta * gradient * scale
                for i, c in pairs:
                    w[i] -= g * c + eta * l2 * w[i]
                biases[head] -= eta * gradient * 0.1
    return MeaningModel.from_floats(weights, biases)


def evaluate(model: MeaningModel, samples: list[tuple[list[tuple[int, int]], str]],
             threshold: float = 0.5) -> None:
    print(f" at {threshold}:")
    for head in HEADS:
        tp = fp = fn = tn = 0
        for pairs, label in samples:
            indexes = [i for i, c in pairs for _ in range(c)]
            hit = model.score(head, indexes) >= threshold
            truth = label == head
            tp += hit and truth
            fp += hit and not truth
            fn += truth and not hit
            tn += not (hit or truth)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        print(f"  {head:9} precision {precision:6.1%}  recall {recall:6.1%}  "
              f"false alarms {fp}/{fp + tn}")


def measure_on_held_out_templates(templates: dict[str, list[str]], slots: dict[str, list[str]],
                                  seed: int, epochs: int) -> None:
    """Train once without a tenth of each class's templates and print how well each head
    reads drafts made from those (the honest figure: the final fit sees every template)."""
    rng = random.Random(seed)
    kept: dict[str, list[str]] = {}
    held: dict[str, list[str]] = {}
    for label in CLASSES:
        shuffled = list(templates[label])
        rng.shuffle(shuffled)
        cut = max(1, len(shuffled) // 10)
        held[label], kept[label] = shuffled[:cut], shuffled[cut:]
    print("held-out templates (a tenth of each class, never seen in this fit):")
    model = train(vectorise(expand(kept, slots, seed)), epochs, seed)
    held_samples = vectorise(expand(held, slots, seed + 1))
    for threshold in (0.5, 0.7, 0.9):
        evaluate(model, held_samples, threshold)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=model_path())
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--holdout-only", action="store_true",
                        help="only measure on held-out templates; write nothing")
    parser.add_argument("--skip-holdout", action="store_true",
                        help="write the model without measuring on held-out templates first "
                             "(half the time; for trying things, not for the figures)")
    args = parser.parse_args(argv)

    files = sorted(path for path in DATA.glob("*.toml") if path.name != "slots.toml")
    raw = b"".join(path.read_bytes() for path in [*files, DATA / "slots.toml"])
    templates: dict[str, list[str]] = {label: [] for label in CLASSES}
    for path in files:
        for label, entries in tomllib.loads(path.read_text(encoding="utf-8")).items():
            templates[label].extend(entries)
    slots = tomllib.loads((DATA / "slots.toml").read_text(encoding="utf-8"))
    started = time.perf_counter()

    if not args.skip_holdout:
        measure_on_held_out_templates(templates, slots, args.seed, args.epochs)
    if args.holdout_only:
        return 0

    drafts = expand(templates, slots, args.seed)
    counts = {label: sum(lab == label for _, lab in drafts) for label in CLASSES}
    print(f"training on {len(drafts)} drafts {counts}")
    samples = vectorise(drafts)
    model = train(samples, args.epochs, args.seed)
    print("training drafts:")
    evaluate(model, samples)
    model.write(args.out, {"drafts": len(drafts), "epochs": args.epochs, "seed": args.seed,
                           "data_sha256": hashlib.sha256(raw).hexdigest()})
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KB) in "
          f"{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
