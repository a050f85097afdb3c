"""codetune: fine-tune code LLMs on a team's repositories with SFT and DPO, with evidence."""

__version__ = "0.1.0"
