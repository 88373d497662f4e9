"""Would a small trained model help the scanner's rules?  Train one and compare, once.

The model is one logistic regression per message code over the words and
word pairs of the normalised message (pure Python, no dependency), trained
on the development set only.  It is combined with the rules in the one way
the development set can justify: where the rules find nothing for a code,
the model adds that code only when it is more confident than it ever was,
out of fold, on a development message without that code (a test checks
that on the development set it adds no code a message does not carry; it
may find one the rules missed).

Run ``python -m benchmarks.scanner_model`` to print the figures of the rules
alone and of rules plus model on both sets (the held-out set only in
aggregate).  This comparison on the held-out set is the one permitted use of
its figures for a decision: keep the model only if it beats the rules alone.

``--write`` trains on the development set (``tests/data/messages.json``) only and
writes ``_weights.py``; ``--development-only`` (or ``--dev-only``) prints the comparison on the
development set alone.  Neither opens a held-out file.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import textwrap
from collections import Counter
from typing import TYPE_CHECKING, Any

from benchmarks.scanner_eval import CODES, ROOT, SETS, score
from upwork_safety import checks
from upwork_safety.checks._messages import CHECKED, scan_rules_only
from upwork_safety.checks._model import features as model_features
from upwork_safety.checks._normalise import normalise

if TYPE_CHECKING:
    from pathlib import Path

FOLDS = 5
EPOCHS = 300
RATE = 0.5
L2 = 1e-3
MIN_DF = 2
SEED = 20261201
WEIGHTS = ROOT / "src" / "upwork_safety" / "checks" / "_weights.py"


def features(text: str, direction: str) -> set[str]:
    """The model's features of a message (the scanner's own feature function)."""
    return model_features(normalise(text).text, direction)


def train(rows: list[set[str]], labels: list[int]) -> tuple[dict[str, float], float]:
    """Weights and bias of an L2-regularised logistic regression (full-batch gradient descent).

    Features are numbered and weights kept in a list (1.75x faster than a dict keyed by
    feature); each sum and each update runs in the same order as with the dict, so the
    weights are the same floats.
    """
    df = Counter(f for row in rows for f in row)
    vocab = {f for f, n in df.items() if n >= MIN_DF}
    names = list(vocab)
    index = {f: i for i, f in enumerate(names)}
    data = [[index[f] for f in row if f in vocab] for row in rows]
    weights = [0.0] * len(names)
    bias = 0.0
    size = len(data)
    pairs = list(zip(data, labels, strict=True))
    for _ in range(EPOCHS):
        grad = [0.0] * len(names)
        grad_bias = 0.0
        weight = weights.__getitem__
        for row, label in pairs:
            z = bias + sum(map(weight, row))
            error = 1 / (1 + math.exp(-max(min(z, 30), -30))) - label
            grad_bias += error
            for i in row:
                grad[i] += error
        bias -= RATE * grad_bias / size
        weights = [w - RATE * (g / size + L2 * w) for w, g in zip(weights, grad, strict=True)]
    return dict(zip(names, weights, strict=True)), bias


def probability(model: tuple[dict[str, float], float], row: set[str]) -> float:
    """The model's probability that a message with *row*'s features carries the code."""
    weights, bias = model
    z = bias + sum(weights.get(f, 0.0) for f in row)
    return 1 / (1 + math.exp(-max(min(z, 30), -30)))


def thresholds(messages: list[dict[str, Any]]) -> dict[str, float]:
    """Per code: the highest out-of-fold probability on a development message without it."""
    order = list(range(len(messages)))
    random.Random(SEED).shuffle(order)
    rows = [features(m["text"], m["direction"]) for m in messages]
    highest = dict.fromkeys(CODES, 0.0)
    for fold in range(FOLDS):
        test = set(order[fold::FOLDS])
        train_ids = [i for i in order if i not in test]
        for code in CODES:
            model = train(
                [rows[i] for i in train_ids], [code in messages[i]["codes"] for i in train_ids]
            )
            for i in test:
                if code not in messages[i]["codes"]:
                    highest[code] = max(highest[code], probability(model, rows[i]))
    return highest


Model = tuple[dict[str, float], float]


def combined(models: dict[str, Model], limits: dict[str, float]) -> Any:
    """A scanner: the rules, plus the model's codes above their limits where rules are silent."""
    # The codes the scanner checks in each direction, read from the scanner itself.
    checked = {str(side): {str(code) for code in codes} for side, codes in CHECKED.items()}

    rules = scan_rules_only

    def scan(text: str, *, direction: str) -> list[Any]:
        found = rules(text, direction=direction)
        have = {str(f.code) for f in found}
        row = features(text, direction)
        extra = [
            code
            for code in CODES
            if code in checked[direction]
            and code not in have
            and probability(models[code], row) > limits[code]
        ]
        return [*found, *(_Code(code) for code in extra)]

    return scan


class _Code:
    def __init__(self, code: str) -> None:
        self.code = code


def write(path: Path, messages: list[dict[str, Any]]) -> None:
    """Train on *messages*, set the limits out of fold, and write the weights module."""
    limits = thresholds(messages)
    rows = [features(m["text"], m["direction"]) for m in messages]
    models = {code: train(rows, [code in m["codes"] for m in messages]) for code in CODES}
    names = sorted(next(iter(models.values()))[0])
    lines = [
        '"""Weights of the scanner model: generated by benchmarks/scanner_model.py; do not edit.',
        "",
        f"One logistic regression per message code, trained on the {len(messages)} messages of",
        "the development corpus (tests/data/messages.json) over the words and word pairs of the",
        f"normalised message and its direction ({len(names)} features seen in at least {MIN_DF}",
        f"messages; {EPOCHS} epochs of gradient descent, rate {RATE}, L2 {L2}).  LIMITS holds, per",
        "code, the highest out-of-fold probability given to a development message without the",
        f"code ({FOLDS} folds, seed {SEED}).",
        '"""',
        "",
        'FEATURES = """' + "\n".join(names) + '"""',
        "",
        "#: code -> (bias, the weights of FEATURES in order, separated by white space)",
        "WEIGHTS = {",
    ]
    for code, (weights, bias) in models.items():
        values = [f"{weights[name]:.6g}" for name in names]
        wrapped = textwrap.wrap(" ".join(values), 88)  # with its indent and quotes: 99
        lines.append(f'    "{code}": (')
        lines.append(f"        {bias:.6g},")
        lines.append('        """' + "\n".join(wrapped) + '""",')
        lines.append("    ),")
    lines.append("}")
    lines.append("")
    lines.append("LIMITS = {")
    lines.extend(f'    "{code}": {limit!r},' for code, limit in limits.items())
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", "utf-8")


def main(argv: list[str] | None = None) -> int:
    """Train on the development set, set the limits out of fold, compare on both sets."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scanner_model", description=__doc__)
    parser.add_argument("--write", action="store_true", help="train and write _weights.py")
    parser.add_argument(
        "--development-only",
        "--dev-only",
        action="store_true",
        help="compare on the development set alone (no held-out file is opened)",
    )
    # Parsed before any file is read: an unknown argument (or --help) never opens a set.
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    dev = json.loads(SETS["development"].read_text("utf-8"))
    if args.write:
        write(WEIGHTS, dev)
        print(f"wrote {WEIGHTS.relative_to(ROOT)}")
        return 0
    sets = [("development", dev)]
    if not args.development_only:
        sets.append(("held-out", json.loads(SETS["held-out"].read_text("utf-8"))))
    limits = thresholds(dev)
    rows = [features(m["text"], m["direction"]) for m in dev]
    models = {code: train(rows, [code in m["codes"] for m in dev]) for code in CODES}
    scan = combined(models, limits)
    original = checks.scan_message
    report: dict[str, Any] = {"limits": limits}
    for name, messages in sets:
        report[f"{name}, rules"] = score(messages, rules_only=True)
        checks.scan_message = scan  # type: ignore[assignment]
        try:
            report[f"{name}, rules + model"] = score(messages)
        finally:
            checks.scan_message = original
    for key, figures in report.items():
        if key == "limits":
            print("limits:", {c: round(v, 3) for c, v in figures.items()})
            continue
        whole = figures["risky_or_not"]
        print(
            f"{key:<28} risky-or-not precision {whole['precision']:.3f} recall "
            f"{whole['recall']:.3f} (tp {whole['tp']}, fp {whole['fp']}, fn {whole['fn']})"
        )
        for code, row in figures["per_code"].items():
            print(f"    {code:<22} precision {row['precision']:.3f} recall {row['recall']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
