"""The report's sections, one module per stage (or group of stages) whose output they show.

Each section is a function `RunArtifacts -> str`: it reads the figures it knows from what
build.py loaded from the run folder and returns the section's HTML body, built with parts.py.
A stage that has not run gives a short "not run" note; a file with other keys than expected
gives a generic table of its numbers, never a crash.

    overview.py  the manifest, the quality gates, the config
    training.py  sft / dpo / mixed: loss, optimiser and reward curves
    data.py      the data stage's stats.json
    pairs.py     the pairs stage's stats.json
    eval.py      base vs tuned figures, and sample generations
    deploy.py    the scan, bench and ab stages

The sections read files, never another stage's modules: the report must render a run folder
whatever produced it, and must not drag torch or a stage's dependencies into the page build.
"""
