"""Start-up cost of the CLI: how long a command takes before it does any work.

Each case runs in a fresh process, several times; the figure is the median wall time and its
ratio to the baseline measured in the same invocation: a bare `python -c pass` (the
interpreter's own start-up, which no change to codetune can remove).

Cases:
- `import codetune.cli`: what every command pays first;
- `codetune --help`;
- `codetune data` on a one-file source folder (the whole stage, including writing the run
  folder: the time before its first file is at most this);
- a Hub id with the Hub unreachable (`HF_ENDPOINT` on a closed local port): the one-line
  refusal, by `codetune plan`, which reads only the model's config.

    python benchmarks/startup.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], env: dict[str, str], repeats: int, cwd: Path) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("HF_HUB_OFFLINE", None)
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "src").mkdir()
        (work / "src" / "area.py").write_text(
            "def area(width, height):\n"
            '    """Area of a rectangle."""\n'
            "    if width < 0 or height < 0:\n"
            '        raise ValueError("negative side")\n'
            "    return width * height\n"
        )
        data_cfg = work / "data.yaml"
        data_cfg.write_text(
            f"name: startup\noutput_dir: {work / 'run'}\n"
            f"data:\n  sources: ['{work / 'src'}']\n  languages: [python]\n"
        )
        hub_cfg = work / "hub.yaml"
        hub_cfg.write_text("name: hub\nmodel:\n  name_or_path: someorg/not-cached\n")
        cases = {
            "python -c pass (baseline)": ([py, "-c", "pass"], env),
            "import codetune.cli": ([py, "-c", "import codetune.cli"], env),
            "codetune --help": ([py, "-m", "codetune", "--help"], env),
            "codetune data (1 file, --force)": (
                [py, "-m", "codetune", "data", str(data_cfg), "--force"],
                env,
            ),
            "unreachable Hub id (plan)": (
                [py, "-m", "codetune", "plan", str(hub_cfg)],
                {**env, "HF_ENDPOINT": "http://127.0.0.1:9", "HF_HUB_CACHE": str(work / "hf")},
            ),
        }
        results = {name: timed(cmd, e, args.repeats, work) for name, (cmd, e) in cases.items()}
    baseline = results["python -c pass (baseline)"]
    print(f"{'case':36s} {'median s':>9s} {'x baseline':>11s}  ({args.repeats} runs each)")
    for name, seconds in results.items():
        print(f"{name:36s} {seconds:9.2f} {seconds / baseline:11.1f}")


if __name__ == "__main__":
    main()
