from __future__ import annotations

import pytest

from checker.errors import ModelError
from checker.nli.labels import NLILabel, label_order


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("e", NLILabel.ENTAILMENT),
        ("ENTAILMENT", NLILabel.ENTAILMENT),
        ("n", NLILabel.NEUTRAL),
        ("Contradiction", NLILabel.CONTRADICTION),
        (" neutral ", NLILabel.NEUTRAL),
    ],
)
def test_parse_accepts_dataset_and_checkpoint_names(name: str, label: NLILabel) -> None:
    assert NLILabel.parse(name) is label


def test_label_order_follows_id2label_not_positions() -> None:
    order = label_order({"0": "CONTRADICTION", "1": "ENTAILMENT", "2": "NEUTRAL"})
    assert order == (NLILabel.CONTRADICTION, NLILabel.ENTAILMENT, NLILabel.NEUTRAL)


@pytest.mark.parametrize(
    "id2label",
    [
        {0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"},
        {0: "entailment", 1: "not_entailment"},
        {0: "entailment", 1: "entailment", 2: "neutral"},
    ],
)
def test_label_order_rejects_non_nli_checkpoints(id2label: dict[int, str]) -> None:
    with pytest.raises(ModelError, match="NLI"):
        label_order(id2label)
