"""Scaling out: the memory planner (`codetune plan`, codetune/scale/plan.py) and its
measurement harness (measure.py).

The launch configurations themselves live in `configs/accelerate/`; the README's Scale section says which
to use when. Nothing is imported here: the planner needs torch, the CLI must start fast.
"""
