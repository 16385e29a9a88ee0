"""Train the persona check's meaning layer (app/check/meaning.py) from the training drafts.

    .venv/bin/python scripts/train_meaning.py [--out resources/meaning/model.bin]
                                              [--epochs 8] [--seed 17] [--holdout-only]
                                              [--skip-holdout]

Reads every ``tests/check/corpus/training/*.toml`` but ``slots.toml`` (templates in four
classes: personal, promo, hostile, neutral) and ``slots.toml`` (fillers). It expands every
template into several drafts (seeded: the same inputs give the same model), some joined to an
everyday sentence so that a draft's one personal line still counts.

It also learns from judged drafts: the corpora ``training/corpora.txt`` names (sets the rules
were already fixed on; never a set that measures the check unseen) and the files of
``training/judged/``. Judged drafts teach the hostile head only (a harmless draft on a work
account holds no insult; one that must raise ``conduct.insult`` there is hostile). A template
file may likewise say which heads it teaches (``teaches = ["hostile"]``).

It trains one logistic-regression head per class (one against the rest, balanced over the
drafts that teach it) by stochastic gradient descent with L2, in plain Python; each head is
fitted apart, so data for one head leaves the others exactly as they were. Before the
final fit it trains once with a tenth of the TEMPLATES held out and prints how well each head
reads drafts from templates it never saw. Then it writes the quantised weights with a header
naming the data's digest.
"""

from __future__ import annotations

import argparse
import hashlib
import json
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
CORPUS_DIR = DATA.parent
# The judged corpora the layer also learns from: only sets whose rules were already fixed on
# them. The sets that measure the check on drafts it never saw must never be listed here.
LEARN_FROM = DATA / "corpora.txt"
# More judged corpora, for the personal and promo heads only: sets read in later rounds.
# Taught by them too, the hostile head read the never-read sets no better and shifted
# near misses the test suite holds (twenty-first round).
PERSONA_LEARN_FROM = DATA / "persona_corpora.txt"
PERSONA_HEADS = ("personal", "promo")
# The personal and promo heads are a weighted mean of two fits: one on the templates alone
# (what the near misses in the tests were written against) and one on the templates and the
# judged drafts (what the sets' writers called selling or private life). The template fit
# alone misses more on the never-read sets; the judged fit alone, or at half, broke near
# misses the tests hold ("the bottle deposit scheme", a brand beside praise of the weather).
JUDGED_SHARE = 0.4
JUDGED = DATA / "judged"
CLASSES = (*HEADS, "neutral")
# A judged draft that must raise one of these on a work account is hostile. Judged drafts
# teach the hostile head only: taught by them too, the personal and promo heads read the
# measuring sets no better and shifted a score of the near misses the test suite holds
# (fifteenth round), so those heads learn from the templates alone.
_HOSTILE_MUST = frozenset(("conduct", "conduct.insult", "conduct.slur"))
Targets = dict[str, int]
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


def one_hot(label: str) -> Targets:
    """Every head's target for a template draft of one class."""
    return {head: int(label == head) for head in HEADS}


def labelled(drafts: list[tuple[str, str]]) -> list[tuple[str, Targets]]:
    """Template drafts with every head's target."""
    return [(text, one_hot(label)) for text, label in drafts]


_PROMO_MUST = frozenset(("persona", "persona.promotion", "persona.brand_promotion",
                         "disclosure.missing", "disclosure.insider_review"))
_PROMO_MUST_NOT = frozenset(("persona", "persona.promotion", "persona.brand_promotion"))
_PERSONAL_MUST = frozenset(("persona.personal_life",))
_PERSONAL_MUST_NOT = frozenset(("persona", "persona.personal_life"))


def corpus_targets(case: dict, heads: tuple[str, ...] = ("hostile",)) -> Targets:
    """What a judged corpus draft teaches, for the heads in ``heads``.

    hostile: yes when it must raise an insult, threat or slur on a work account; no when it
    is harmless there (conduct is checked on work accounts only) or must not raise conduct.
    promo: yes when a draft for a personal account must raise promotion or a missing
    disclosure; no when it is harmless there or must not raise promotion. personal: yes when
    a draft for a work account must raise personal life; no when it is harmless there or
    must not raise it. Nothing otherwise."""
    must = {selector.split(":")[0] for selector in case.get("must", [])}
    must_not = set(case.get("must_not", []))
    harmless = case.get("tier") == "harmless"
    targets: Targets = {}
    if "promo" in heads and case["persona"] == "personal":
        if must & _PROMO_MUST:
            targets["promo"] = 1
        elif harmless or must_not & _PROMO_MUST_NOT:
            targets["promo"] = 0
    if "personal" in heads and case["persona"] == "work":
        if must & _PERSONAL_MUST:
            targets["personal"] = 1
        elif harmless or must_not & _PERSONAL_MUST_NOT:
            targets["personal"] = 0
    if "hostile" in heads:
        targets.update(_hostile_target(case))
    return targets


def _hostile_target(case: dict) -> Targets:
    if case["persona"] != "work":
        return {}
    if case.get("tier") == "harmless":
        return {"hostile": 0}
    must = {selector.split(":")[0] for selector in case.get("must", [])}
    if must & _HOSTILE_MUST:
        return {"hostile": 1}
    if "conduct" in case.get("must_not", []):
        return {"hostile": 0}
    return {}


def pack_names(pack: str | None) -> re.Pattern[str] | None:
    """One pattern for every name of the employer and partners in corpus pack ``pack``
    (names, aliases, handles, hashtags, domains), longest first; None without a pack."""
    path = CORPUS_DIR / f"{pack}.toml" if pack else None
    if path is None or not path.exists():
        return None
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for entity in [data.get("employer", {}), *data.get("partners", [])]:
        for key in ("name", "aliases", "domains", "hashtags"):
            value = entity.get(key, [])
            names.update([value] if isinstance(value, str) else value)
    names = {name.lstrip("@#") for name in names if len(name.lstrip("@#")) > 2}
    if not names:
        return None
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def without_pack_names(text: str, names: re.Pattern[str] | None, brands: list[str],
                       rng: random.Random) -> str:
    """``text`` with the pack's names swapped for the templates' invented brands, so that
    the heads learn what is said of a brand and not the names of the sets' employers (a name
    that only ever appeared in plugs would read as a plug wherever it is said)."""
    if names is None:
        return text
    brand = rng.choice(brands)
    squeezed = re.sub(r"[^\w]", "", brand)

    def swap(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else ""
        if (before and before in "@#") or "." in match.group():
            return squeezed.lower() + (".example" if "." in match.group() else "")
        return brand

    return names.sub(swap, text)


def judged_drafts(paths: list[Path], seed: int, copies: int = 3,
                  heads: tuple[str, ...] = ("hostile",),
                  brands: list[str] | None = None) -> list[tuple[str, Targets]]:
    """(text, targets) drafts from judged corpus files, each once as written and
    ``copies - 1`` times varied in case and framing. With ``brands``, the names of each
    draft's pack are swapped for one of them."""
    rng = random.Random(seed)
    drafts: dict[str, Targets] = {}
    patterns: dict[str | None, re.Pattern[str] | None] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            targets = corpus_targets(case, heads)
            if not targets or not case["text"].strip():
                continue
            if brands:
                pack = case.get("pack")
                if pack not in patterns:
                    patterns[pack] = pack_names(pack)
                case["text"] = without_pack_names(case["text"], patterns[pack], brands, rng)
            # The same words may be judged on a work and on a personal account: one draft
            # teaching every head either judgement names.
            drafts[case["text"]] = {**targets, **drafts.get(case["text"], {})}
            for _ in range(copies - 1):
                varied = vary(case["text"], rng)
                drafts[varied] = {**targets, **drafts.get(varied, {})}
    return list(drafts.items())


def judged_files(*, persona: bool = False) -> list[Path]:
    """The judged drafts the layer learns from: the corpora LEARN_FROM names (and, with
    ``persona``, those PERSONA_LEARN_FROM names), then the files of ``training/judged/``
    (written for training, in the corpus line format)."""
    names = learned_corpora(LEARN_FROM)
    if persona:
        names += [name for name in learned_corpora(PERSONA_LEARN_FROM) if name not in names]
    named = [CORPUS_DIR / f"{name}_drafts.jsonl" for name in names]
    return [*named, *sorted(JUDGED.glob("*.jsonl"))]


def training_inputs() -> list[Path]:
    """Every file the model is made from, in the order their bytes make its data digest."""
    files = sorted(path for path in DATA.glob("*.toml") if path.name != "slots.toml")
    inputs = [*files, DATA / "slots.toml"]
    inputs += [path for path in (LEARN_FROM, PERSONA_LEARN_FROM) if path.exists()]
    packs = sorted({CORPUS_DIR / f"{name}.toml" for name in judged_packs()})
    return inputs + judged_files(persona=True) + [path for path in packs if path.exists()]


def judged_packs() -> set[str]:
    """The packs the judged drafts name (their names are swapped out; see
    :func:`without_pack_names`)."""
    packs = set()
    for path in judged_files(persona=True):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                packs.add(json.loads(line).get("pack") or "")
    return packs - {""}


def learned_corpora(listing: Path) -> list[str]:
    """The corpus names in ``listing`` (one per line; # starts a comment)."""
    if not listing.exists():
        return []
    names = [line.split("#")[0].strip() for line in listing.read_text("utf-8").splitlines()]
    return [name for name in names if name]


def vectorise(drafts: list[tuple[str, Targets]]) -> list[tuple[list[tuple[int, int]], Targets]]:
    return [(list(feature_counts(fold_view(text)).items()), targets) for text, targets in drafts]


Fit = tuple[dict[str, list[float]], dict[str, float]]


def train(samples: list[tuple[list[tuple[int, int]], Targets]], epochs: int, seed: int,
          rate: float = 0.25, l2: float = 2e-5, heads: tuple[str, ...] = HEADS) -> Fit:
    """One logistic-regression head per class in ``heads``, each by SGD over the drafts that
    teach it (balanced between its positives and negatives), as float weights and biases.
    Heads are fitted apart, so data that teaches one head leaves the others exactly as they
    were."""
    weights = {head: [0.0] * DIM for head in heads}
    biases = dict.fromkeys(heads, 0.0)
    for head in heads:
        teaching = [(pairs, targets[head]) for pairs, targets in samples if head in targets]
        positives = sum(target for _, target in teaching)
        total = len(teaching)
        balance = (total / (2 * positives), total / (2 * (total - positives)))
        rng = random.Random(seed)
        order = list(range(total))
        w = weights[head]
        step = 0
        for _epoch in range(epochs):
            rng.shuffle(order)
            for number in order:
                pairs, target = teaching[number]
                step += 1
                eta = rate / (1 + step / (4 * total))
                scale = 1 / math.sqrt(sum(c for _, c in pairs) or 1)
                score = biases[head] + scale * sum(w[i] * c for i, c in pairs)
                p = 1 / (1 + math.exp(-max(-30.0, min(30.0, score))))
                gradient = (p - target) * (balance[0] if target else balance[1])
                if abs(gradient) < 1e-4:
                    continue
                g = eta * gradient * scale
                for i, c in pairs:
                    w[i] -= g * c + eta * l2 * w[i]
                biases[head] -= eta * gradient * 0.1
    return weights, biases


def blend(base: Fit, judged: Fit, share: float) -> Fit:
    """``base`` with each head ``judged`` holds replaced by the mean of the two, ``judged``
    weighing ``share`` (a linear model: the mean of the weights is the mean of the scores)."""
    weights, biases = dict(base[0]), dict(base[1])
    for head in judged[0]:
        weights[head] = [(1 - share) * a + share * b
                         for a, b in zip(base[0][head], judged[0][head], strict=True)]
        biases[head] = (1 - share) * base[1][head] + share * judged[1][head]
    return weights, biases


def evaluate(model: MeaningModel, samples: list[tuple[list[tuple[int, int]], Targets]],
             threshold: float = 0.5) -> None:
    print(f" at {threshold}:")
    for head in HEADS:
        tp = fp = fn = tn = 0
        for pairs, targets in samples:
            if head not in targets:
                continue
            indexes = [i for i, c in pairs for _ in range(c)]
            hit = model.score(head, indexes) >= threshold
            truth = targets[head] == 1
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
    model = MeaningModel.from_floats(*train(vectorise(labelled(expand(kept, slots, seed))),
                                            epochs, seed))
    held_samples = vectorise(labelled(expand(held, slots, seed + 1)))
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
    parser.add_argument("--judged-share", type=float, default=JUDGED_SHARE,
                        help="how much the judged fit weighs in the personal and promo heads")
    args = parser.parse_args(argv)

    inputs = training_inputs()
    files = [path for path in inputs
             if path.parent == DATA and path.suffix == ".toml" and path.name != "slots.toml"]
    raw = b"".join(path.read_bytes() for path in inputs)
    templates: dict[str, list[str]] = {label: [] for label in CLASSES}
    # Files that say which heads they teach ("teaches = [...]") teach only those.
    partial: list[tuple[tuple[str, ...], dict[str, list[str]]]] = []
    for path in files:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        heads = tuple(data.pop("teaches", HEADS))
        if heads == HEADS:
            for label, entries in data.items():
                templates[label].extend(entries)
        else:
            partial.append((heads, {label: data.get(label, []) for label in CLASSES}))
    slots = tomllib.loads((DATA / "slots.toml").read_text(encoding="utf-8"))
    started = time.perf_counter()

    if not args.skip_holdout:
        measure_on_held_out_templates(templates, slots, args.seed, args.epochs)
    if args.holdout_only:
        return 0

    drafts = labelled(expand(templates, slots, args.seed))
    for number, (heads, entries) in enumerate(partial):
        drafts += [(text, {head: target for head, target in targets.items() if head in heads})
                   for text, targets in labelled(expand(entries, slots, args.seed + 2 + number))]
    counts = {label: sum(targets == one_hot(label) for _, targets in drafts)
              for label in CLASSES}
    print(f"training on {len(drafts)} template drafts {counts} (of them teaching only some "
          f"heads: {len(drafts) - sum(counts.values())})")
    template_samples = vectorise(drafts)
    hostile_paths = judged_files()
    hostile = judged_drafts(hostile_paths, args.seed)
    persona_paths = judged_files(persona=True)
    persona = judged_drafts(persona_paths, args.seed, heads=PERSONA_HEADS,
                            brands=slots["brand"])
    for head, judged, paths in (("hostile", hostile, hostile_paths),
                                ("personal", persona, persona_paths),
                                ("promo", persona, persona_paths)):
        print(f"{head}: and {len(judged)} judged drafts of {len(paths)} files, "
              f"{sum(t.get(head) == 1 for _, t in judged)} positive, "
              f"{sum(t.get(head) == 0 for _, t in judged)} negative")
    hostile_samples = vectorise(hostile)
    persona_samples = vectorise(persona)
    base = train(template_samples + hostile_samples, args.epochs, args.seed)
    judged_fit = train(template_samples + persona_samples, args.epochs, args.seed,
                       heads=PERSONA_HEADS)
    model = MeaningModel.from_floats(*blend(base, judged_fit, args.judged_share))
    print("training drafts:")
    evaluate(model, template_samples + hostile_samples + persona_samples)
    model.write(args.out, {"drafts": len(drafts) + len(hostile) + len(persona),
                           "epochs": args.epochs, "seed": args.seed,
                           "judged_share": args.judged_share,
                           "data_sha256": hashlib.sha256(raw).hexdigest()})
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KB) in "
          f"{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
