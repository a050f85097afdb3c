"""DPO recipe pieces: pairs that do not fit are left out, never truncated into identical sides."""

from __future__ import annotations

from codetune.train.dpo import fit_pairs


def test_pairs_longer_than_max_length_are_dropped_not_truncated(tiny_tokenizer):
    short = {"prompt": "def f(x):\n", "chosen": "    return x + 1\n", "rejected": "    return x\n"}
    # The defect sits at the very end of a long completion: truncation would erase it.
    body = "".join(f"    y{i} = x * {i}\n" for i in range(60))
    long = {
        "prompt": "def g(x):\n",
        "chosen": body + "    return y1\n",
        "rejected": body + "    return y0\n",
    }
    kept, too_long = fit_pairs([short, long], tiny_tokenizer, max_length=64, limit=None)
    assert kept == [short] and too_long == 1
    kept, too_long = fit_pairs([short, long], tiny_tokenizer, max_length=4096, limit=None)
    assert kept == [short, long] and too_long == 0
    kept, _ = fit_pairs([short, short, short], tiny_tokenizer, max_length=64, limit=2)
    assert len(kept) == 2
