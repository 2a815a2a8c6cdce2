"""NLI labels as an Enum, mapped from a checkpoint's own ``id2label``, never from positions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from checker.errors import ModelError


class NLILabel(Enum):
    ENTAILMENT = "entailment"
    NEUTRAL = "neutral"
    CONTRADICTION = "contradiction"

    @classmethod
    def parse(cls, name: str) -> NLILabel:
        """A label from a dataset or checkpoint name ("e", "ENTAILMENT", "contradiction")."""
        key = name.strip().lower()
        for label in cls:
            if key in (label.value, label.value[0]):
                return label
        raise ValueError(f"not an NLI label: {name!r}")


def label_order(id2label: Mapping[int, str] | Mapping[str, str]) -> tuple[NLILabel, ...]:
    """The label of each output position of a checkpoint, from its ``config.id2label``
    (keys are positions, as ints or as the strings of a config.json).

    Raises :class:`ModelError` when the checkpoint does not carry the three NLI labels.
    """
    try:
        by_position = {int(key): name for key, name in id2label.items()}
        ordered = [NLILabel.parse(by_position[key]) for key in sorted(by_position)]
    except ValueError as exc:
        raise ModelError(
            f"the checkpoint's id2label {dict(id2label)} is not an NLI label set "
            "(need entailment, neutral and contradiction)"
        ) from exc
    if sorted(label.value for label in ordered) != sorted(label.value for label in NLILabel):
        raise ModelError(
            f"the checkpoint's id2label {dict(id2label)} does not hold exactly the three NLI labels"
        )
    return tuple(ordered)


@dataclass(frozen=True, slots=True)
class NLIScores:
    """Probabilities of entailment, neutral and contradiction for one (premise, hypothesis)."""

    entailment: float
    neutral: float
    contradiction: float

    @property
    def label(self) -> NLILabel:
        return max(NLILabel, key=self.probability)

    def probability(self, label: NLILabel) -> float:
        return float(getattr(self, label.value))

    def as_dict(self) -> dict[str, float]:
        return {label.value: round(self.probability(label), 6) for label in NLILabel}
