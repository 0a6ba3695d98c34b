"""Repetition and attribution cues of the technique model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from presswatch.errors import ModelError
from presswatch.models.encoder import DOC_ENCODER_ID
from presswatch.models.techniques.cues import N_CUES, attribution_cues, cue_block, repetition_cues
from presswatch.models.techniques.model import FORMAT_VERSION, TechniqueModel


def test_repeated_phrase_raises_the_repetition_cues() -> None:
    paras = ["Build the wall now, says the senator.",
             "The border crisis grows and we must build the wall.",
             "Critics disagree, yet the answer stays: build the wall.",
             "Markets closed higher on Tuesday after a quiet session."]
    cues = repetition_cues(paras)
    # the slogan's paragraphs share "build the wall" (and "wall" sits in two other paragraphs); the markets one none
    assert cues[1, 0] > 0 and cues[1, 1] > 0
    assert cues[3, 0] == 0 and cues[3, 1] == 0
    within = repetition_cues(["Never, never, never give up: never surrender."])
    assert within[0, 3] > repetition_cues(["Never give up and do not surrender."])[0, 3]


def test_embedding_similarity_to_another_paragraph() -> None:
    emb = np.array([[1.0, 0.0], [2.0, 0.1], [0.0, 3.0]], np.float32)  # not normalised: cues normalise
    cues = repetition_cues(["a", "b", "c"], emb)
    assert cues[0, 2] > 0.99 and cues[1, 2] > 0.99 and cues[2, 2] < 0.1
    assert repetition_cues(["alone"], emb[:1])[0, 2] == 0.0


def test_quoted_attributed_paragraph_raises_the_attribution_cues() -> None:
    quoted = '"The vaccine is safe and effective," said Professor Anna Keller, a leading expert.'
    plain = "the weather was mild and the trains ran on time all week long."
    hi, lo = attribution_cues([quoted, plain])
    assert hi[0] > 0.3 and lo[0] == 0  # share of characters in quotes
    assert hi[1] > 0 and hi[2] == 1 and hi[4] == 1 and hi[5] == 1
    assert not lo[1:].any()
    # other languages and quote styles
    fr, ru = attribution_cues(["« Nous refusons », a déclaré le ministre.", "По словам эксперта, «всё плохо»."])
    assert fr[0] > 0 and fr[1] > 0 and fr[2] == 1
    assert ru[0] > 0 and ru[1] > 0 and ru[2] == 1


def test_cue_block_shape() -> None:
    assert cue_block([]).shape == (0, N_CUES)
    assert cue_block(["One.", "Two."], np.eye(2, 384, dtype=np.float32)).shape == (2, N_CUES)


def test_artifact_without_the_cues_is_refused(tmp_path: Path) -> None:
    """An artifact of format 1 (MLP input without the cue block) gives a clear ModelError, not a shape error."""
    (tmp_path / "model.json").write_text(json.dumps({"format": 1, "encoder": DOC_ENCODER_ID}), encoding="utf-8")
    (tmp_path / "spans.json").write_text("{}", encoding="utf-8")
    np.savez_compressed(tmp_path / "weights.npz", w1=np.zeros((1, 1), np.float16))
    with pytest.raises(ModelError, match=f"format 1, expected {FORMAT_VERSION}"):
        TechniqueModel.load(tmp_path)
