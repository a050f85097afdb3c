"""Security scanner quality on the labelled suite, beside bandit and semgrep's engine.

    python benchmarks/scan_quality.py [--language python|java|all] [--json results.json]
        [--semgrep PATH] [--semgrep-public-rules DIR] [--misses]
    make scan-bench        # installs semgrep into .venv-semgrep first

The suite (`benchmarks/scan_suite/<language>/cwe-<NNN>/<file>`) holds, per CWE category,
vulnerable files (`vuln_*.py`, `Vuln*.java`) and safe look-alikes (`safe_*.py`, `Safe*.java`).
A tool flags a file when it reports the category's CWE (or an accepted alias, ALIASES)
anywhere in it: a flagged vulnerable file is a true positive, a flagged safe file a false
positive. Score per category = TPR - FPR in percent (OWASP Benchmark style); the overall score
is the mean of the category scores, beside TPR and FPR over all files.

Every tool scans the same files in this one run:
- codetune: `scan_code_with_coverage` per file (in process, timed: files/s, target >= 50 on
  2 cores for snippets like these; printed, not asserted);
- bandit (Python only), once over the Python files, its `issue_cwe` per issue;
- semgrep's engine, once per language, with two rule sets: semgrep's public rules when
  `--semgrep-public-rules DIR` names a local copy (their licence forbids redistribution, so
  they are never committed), and codetune's own rules in benchmarks/semgrep_rules/.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SUITE = ROOT / "benchmarks" / "scan_suite"
OWN_RULES = ROOT / "benchmarks" / "semgrep_rules"
SEMGREP_VENV = ROOT / ".venv-semgrep" / "bin" / "semgrep"
LANGUAGES = ("python", "java")
# Which files of a category folder are labelled, and how: (vulnerable prefix, safe prefix, suffix).
NAMING = {"python": ("vuln_", "safe_", ".py"), "java": ("Vuln", "Safe", ".java")}
# A finding of an alias counts as the category (category CWE -> accepted CWEs).
ALIASES: dict[int, frozenset[int]] = {
    22: frozenset({23, 36, 73}),
    78: frozenset({77}),
    94: frozenset({95}),
    611: frozenset({776, 827}),
    798: frozenset({259, 321}),
}
TOOLS = ("codetune", "bandit", "semgrep-public", "semgrep-codetune")
# Column headers (17 characters at most) and the longer names of the speed lines.
HEADERS = {
    "codetune": "codetune",
    "bandit": "bandit",
    "semgrep-public": "semgrep public",
    "semgrep-codetune": "semgrep codetune",
}
NAMES = {
    "codetune": "codetune",
    "bandit": "bandit",
    "semgrep-public": "semgrep, public rules",
    "semgrep-codetune": "semgrep, codetune's rules (benchmarks/semgrep_rules)",
}


@dataclass(frozen=True)
class Case:
    """One labelled file. `path` is relative to the suite folder (`python/cwe-89/vuln_x.py`)."""

    path: str
    language: str
    category: int
    vulnerable: bool


@dataclass
class ToolRun:
    """One tool over one language: the CWEs it reported per file (None: it did not run, and
    `status` says why), and how long it took."""

    status: str  # "ran", "not run", "not installed", "n/a", or "error: ..."
    reported: dict[str, set[int]] | None = None
    wall_s: float | None = None
    cpu_s: float | None = None
    note: str = ""


# --------------------------------------------------------------------------- scoring (pure)


def cwe_number(value: object) -> int | None:
    """89 from "CWE-89", "CWE-89: Improper ...", "89" or 89; None when there is no number."""
    if isinstance(value, int):
        return value
    match = re.search(r"(?:CWE-)?(\d+)", str(value or ""), re.IGNORECASE)
    return int(match.group(1)) if match else None


def cwe_numbers(value: object) -> set[int]:
    """Every CWE of a metadata value that may be one string or a list of them."""
    items = value if isinstance(value, list | tuple | set) else [value]
    return {n for n in map(cwe_number, items) if n is not None}


def flags(category: int, reported: Iterable[int]) -> bool:
    """Whether a file's reported CWEs include the category or one of its aliases."""
    accepted = {category} | ALIASES.get(category, frozenset())
    return not accepted.isdisjoint(reported)


def _rate(hits: int, total: int) -> float | None:
    return 100.0 * hits / total if total else None


def score(cases: Iterable[Case], reported: Mapping[str, Iterable[int]]) -> dict[int, dict]:
    """Per category: counts, TPR and FPR in percent, score = TPR - FPR. A file missing from
    `reported` was not flagged. A category without safe files has no FPR, one without
    vulnerable files no TPR; either way its score is None (left out of the overall mean)."""
    out: dict[int, dict] = {}
    for case in cases:
        row = out.setdefault(case.category, {"tp": 0, "fn": 0, "fp": 0, "tn": 0})
        hit = flags(case.category, reported.get(case.path, ()))
        key = ("tp" if hit else "fn") if case.vulnerable else ("fp" if hit else "tn")
        row[key] += 1
    for row in out.values():
        row["tpr"] = _rate(row["tp"], row["tp"] + row["fn"])
        row["fpr"] = _rate(row["fp"], row["fp"] + row["tn"])
        both = row["tpr"] is not None and row["fpr"] is not None
        row["score"] = row["tpr"] - row["fpr"] if both else None
    return dict(sorted(out.items()))


def overall(per_category: Mapping[int, dict]) -> dict:
    """Mean of the category scores (those that have one), and TPR / FPR over all files."""
    scores = [row["score"] for row in per_category.values() if row["score"] is not None]
    total = {k: sum(row[k] for row in per_category.values()) for k in ("tp", "fn", "fp", "tn")}
    return {
        **total,
        "tpr": _rate(total["tp"], total["tp"] + total["fn"]),
        "fpr": _rate(total["fp"], total["fp"] + total["tn"]),
        "score": sum(scores) / len(scores) if scores else None,
        "categories_scored": len(scores),
    }


# --------------------------------------------------------------------------- the suite


def load_suite(suite: Path, languages: Iterable[str]) -> list[Case]:
    """The labelled files under suite/<language>/cwe-<NNN>/ (other files are ignored)."""
    cases = []
    for language in languages:
        vuln, safe, suffix = NAMING[language]
        for folder in sorted((suite / language).glob("cwe-*")):
            category = cwe_number(folder.name.removeprefix("cwe-"))
            if not folder.is_dir() or category is None:
                continue
            for path in sorted(folder.rglob(f"*{suffix}")):
                if path.name.startswith((vuln, safe)):
                    rel = path.relative_to(suite).as_posix()
                    cases.append(Case(rel, language, category, path.name.startswith(vuln)))
    return cases


# --------------------------------------------------------------------------- the tools


def children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_codetune(suite: Path, cases: list[Case]) -> tuple[ToolRun, list[str]]:
    """codetune's engine on every file; also the files it did not scan in full."""
    from codetune.stages.scan.engine import scan_code_with_coverage

    codes = {c.path: (suite / c.path).read_text(encoding="utf-8") for c in cases}
    # One untimed scan per language first: grammars and rule tables load on first use.
    for language in sorted({c.language for c in cases}):
        first = next(c for c in cases if c.language == language)
        scan_code_with_coverage(codes[first.path], language, first.path)
    reported: dict[str, set[int]] = {}
    incomplete = []
    wall, cpu = time.perf_counter(), time.process_time()
    for case in cases:
        findings, coverage = scan_code_with_coverage(codes[case.path], case.language, case.path)
        reported[case.path] = cwe_numbers([f.cwe for f in findings])
        if coverage.status != "full":
            incomplete.append(coverage.describe())
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return ToolRun("ran", reported, wall, cpu), incomplete


def _relative(suite: Path, filename: str) -> str | None:
    try:
        return Path(filename).resolve().relative_to(suite.resolve()).as_posix()
    except ValueError:
        return None


def run_bandit(suite: Path, cases: list[Case]) -> ToolRun:
    """bandit's CLI once over the suite's Python folder, all its tests at their defaults."""
    files = [c.path for c in cases]
    cmd = [sys.executable, "-m", "bandit", "-f", "json", "-q", "-r", str(suite / "python")]
    wall, cpu = time.perf_counter(), children_cpu_s()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall, cpu = time.perf_counter() - wall, children_cpu_s() - cpu
    try:
        data = json.loads(proc.stdout)
    except json.JSONDecodeError:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return ToolRun(f"error: bandit exited {proc.returncode}: {tail}")
    reported: dict[str, set[int]] = {path: set() for path in files}
    for issue in data.get("results", []):
        path = _relative(suite, issue["filename"])
        cwe = cwe_number((issue.get("issue_cwe") or {}).get("id"))
        if path in reported and cwe:
            reported[path].add(cwe)
    errors = len(data.get("errors", []))
    return ToolRun("ran", reported, wall, cpu, f"{errors} file errors" if errors else "")


def find_semgrep(explicit: str | None) -> str | None:
    if explicit:
        return explicit if Path(explicit).is_file() else shutil.which(explicit)
    found = shutil.which("semgrep")
    return found or (str(SEMGREP_VENV) if SEMGREP_VENV.is_file() else None)


def semgrep_env() -> dict[str, str]:
    # Without these semgrep looks for a newer release over the network first (a minute and
    # more where the network is closed) and may send metrics.
    return {**os.environ, "SEMGREP_ENABLE_VERSION_CHECK": "0", "SEMGREP_SEND_METRICS": "off"}


def package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def tool_version(cmd: list[str], env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    lines = (proc.stdout or proc.stderr).strip().splitlines()
    return lines[0].strip() if lines else "?"


def run_semgrep(
    semgrep: str, config: Path, suite: Path, cases: list[Case], timeout_s: float
) -> ToolRun:
    """semgrep's engine once over the given files (named one by one, so no ignore file or git
    status leaves any out) with the rules at `config` (a file or a folder)."""
    files = [c.path for c in cases]
    cmd = [
        semgrep, "scan", "--config", str(config), "--json", "--metrics=off",
        "--disable-version-check", "--quiet", "--no-git-ignore", "--timeout", "30",
        *(str(suite / path) for path in files),
    ]  # fmt: skip
    wall, cpu = time.perf_counter(), children_cpu_s()
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, check=False, env=semgrep_env(), timeout=timeout_s
        )
    except subprocess.TimeoutExpired:
        return ToolRun(f"error: semgrep took over {timeout_s:.0f} s (--semgrep-timeout)")
    wall, cpu = time.perf_counter() - wall, children_cpu_s() - cpu
    try:
        data = json.loads(proc.stdout)
    except json.JSONDecodeError:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return ToolRun(f"error: semgrep exited {proc.returncode}: {tail[:200]}")
    if proc.returncode not in (0, 1) and not data.get("results"):
        messages = [e.get("message", "") for e in data.get("errors", [])] or [proc.stderr]
        first = (messages[0].strip().splitlines() or ["?"])[0]
        return ToolRun(f"error: semgrep exited {proc.returncode}: {first[:200]}")
    reported: dict[str, set[int]] = {path: set() for path in files}
    for result in data.get("results", []):
        path = _relative(suite, result["path"])
        cwes = cwe_numbers(result.get("extra", {}).get("metadata", {}).get("cwe"))
        if path in reported:
            reported[path] |= cwes
    errors = data.get("errors", [])
    note = f"{len(errors)} errors (e.g. {errors[0].get('type', '?')})" if errors else ""
    return ToolRun("ran", reported, wall, cpu, note)


def rules_for(root: Path, language: str) -> Path | None:
    """The rules of one language under a rules folder: <root>/<language>.yaml, or the folder
    <root>/<language>/ (the layout of semgrep's public rules), or None."""
    for candidate in (root / f"{language}.yaml", root / language):
        if candidate.exists():
            return candidate
    return None


# --------------------------------------------------------------------------- output


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    return f"{model}, {usable} usable cores{load}"


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def print_table(language: str, cases: list[Case], runs: Mapping[str, ToolRun]) -> dict:
    """The per-CWE table of one language; returns the scores it printed."""
    n_vuln = sum(c.vulnerable for c in cases)
    print(f"\n{language}: {len(cases)} files ({n_vuln} vulnerable, {len(cases) - n_vuln} safe)")
    scores = {
        tool: score(cases, run.reported) for tool, run in runs.items() if run.reported is not None
    }
    totals = {tool: overall(per_category) for tool, per_category in scores.items()}
    width = 17
    head = f"{'category':<10} {'vuln':>4} {'safe':>4}"
    sub = " " * len(head)
    for tool, run in runs.items():
        head += " | " + HEADERS[tool][:width].center(width)
        sub += " | " + (f"{'TPR':>5} {'FPR':>5} {'score':>5}" if tool in scores else run.status)[
            :width
        ].center(width)
    print(head)
    print(sub)
    counts: dict[int, list[int]] = {}
    for case in cases:
        counts.setdefault(case.category, [0, 0])[0 if case.vulnerable else 1] += 1
    for category, (vuln, safe) in sorted(counts.items()):
        line = f"{'CWE-' + str(category):<10} {vuln:>4} {safe:>4}"
        for tool in runs:
            row = scores.get(tool, {}).get(category)
            cells = (
                f"{_pct(row['tpr']):>5} {_pct(row['fpr']):>5} {_pct(row['score']):>5}"
                if row
                else "-".center(width)
            )
            line += " | " + cells
        print(line)
    line = f"{'overall':<10} {n_vuln:>4} {len(cases) - n_vuln:>4}"
    for tool in runs:
        t = totals.get(tool)
        cells = (
            f"{_pct(t['tpr']):>5} {_pct(t['fpr']):>5} {_pct(t['score']):>5}"
            if t
            else "-".center(width)
        )
        line += " | " + cells
    print(line)
    print("(TPR/FPR over all files; overall score = mean of the category scores)")
    return {tool: {"categories": scores[tool], "overall": totals[tool]} for tool in scores}


def print_misses(cases: list[Case], runs: Mapping[str, ToolRun]) -> None:
    for tool, run in runs.items():
        if run.reported is None:
            continue
        missed = [
            c.path for c in cases if c.vulnerable and not flags(c.category, run.reported[c.path])
        ]
        wrong = [
            c.path for c in cases if not c.vulnerable and flags(c.category, run.reported[c.path])
        ]
        print(f"  {tool}: {len(missed)} missed, {len(wrong)} false alarms")
        for path in missed:
            print(f"    missed       {path}  (reported {sorted(run.reported[path]) or 'nothing'})")
        for path in wrong:
            print(f"    false alarm  {path}")


def speed(run: ToolRun, n_files: int) -> str:
    if run.wall_s is None:
        return run.status
    cpu = f", {n_files / run.cpu_s:.1f} files per CPU-s" if run.cpu_s else ""
    return f"{n_files} files in {run.wall_s:.2f} s -> {n_files / run.wall_s:.1f} files/s{cpu}"


def write_json(path: Path, payload: dict) -> None:
    """Written beside the target and renamed over it, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(payload, out, indent=1, sort_keys=True, default=sorted)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--suite", type=Path, default=DEFAULT_SUITE, help="the labelled suite")
    parser.add_argument("--language", choices=[*LANGUAGES, "all"], default="all")
    parser.add_argument("--json", type=Path, help="write every file's results here")
    parser.add_argument(
        "--semgrep",
        help="the semgrep executable (default: on PATH, else .venv-semgrep/bin/semgrep); "
        "a path that does not exist leaves semgrep out ('not installed')",
    )
    parser.add_argument(
        "--semgrep-public-rules",
        type=Path,
        help="a local copy of semgrep's public rules (the semgrep-rules repository, with "
        "python/ and java/ folders); never committed: their licence forbids redistribution",
    )
    parser.add_argument(
        "--semgrep-timeout", type=float, default=900.0, help="seconds per semgrep run"
    )
    parser.add_argument("--misses", action="store_true", help="list each tool's misses")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict:
    args = parse_args(argv)
    languages = list(LANGUAGES) if args.language == "all" else [args.language]
    suite = args.suite
    if not suite.is_dir():
        sys.exit(f"scan_quality: suite folder {suite} does not exist (--suite DIR)")
    cases = load_suite(suite, languages)
    if not cases:
        sys.exit(
            f"scan_quality: no labelled files under {suite}/{{{','.join(languages)}}}/cwe-NNN/ "
            "(vuln_*.py / safe_*.py, Vuln*.java / Safe*.java)"
        )
    if args.semgrep_public_rules and not args.semgrep_public_rules.is_dir():
        sys.exit(f"scan_quality: --semgrep-public-rules {args.semgrep_public_rules} is no folder")

    semgrep = find_semgrep(args.semgrep)
    env = semgrep_env()
    versions = {
        "codetune": package_version("codetune"),
        "bandit": package_version("bandit"),
        "semgrep": tool_version([semgrep, "--version"], env) if semgrep else "not installed",
    }
    print(f"suite: {suite} ({len(cases)} labelled files)")
    print(f"machine: {machine()}")
    print(
        f"tools: codetune {versions['codetune']}, bandit {versions['bandit']}, "
        f"semgrep {versions['semgrep']}" + (f" ({semgrep})" if semgrep else "")
    )

    results: dict = {"suite": str(suite), "machine": machine(), "versions": versions}
    results["languages"] = {}
    all_runs: dict[str, dict[str, ToolRun]] = {}
    for language in languages:
        lang_cases = [c for c in cases if c.language == language]
        if not lang_cases:
            print(f"\n{language}: no labelled files")
            continue
        runs: dict[str, ToolRun] = {}
        runs["codetune"], incomplete = run_codetune(suite, lang_cases)
        runs["bandit"] = (
            run_bandit(suite, lang_cases) if language == "python" else ToolRun("n/a (Python)")
        )
        for tool, root in (
            ("semgrep-public", args.semgrep_public_rules),
            ("semgrep-codetune", OWN_RULES),
        ):
            config = rules_for(root, language) if root else None
            if not semgrep:
                runs[tool] = ToolRun("not installed")
            elif config is None:
                runs[tool] = ToolRun("not run")
            else:
                runs[tool] = run_semgrep(semgrep, config, suite, lang_cases, args.semgrep_timeout)
        all_runs[language] = runs

        printed = print_table(language, lang_cases, runs)
        print(f"codetune files not scanned in full: {len(incomplete)}")
        for line in incomplete:
            print(f"  {line}")
        for tool, run in runs.items():
            note = f" ({run.note})" if run.note else ""
            print(f"{NAMES[tool]}: {speed(run, len(lang_cases))}{note}")
        if args.misses:
            print_misses(lang_cases, runs)
        results["languages"][language] = {
            "scores": printed,
            "incomplete": incomplete,
            "runs": {
                tool: {
                    "status": run.status,
                    "wall_s": run.wall_s,
                    "cpu_s": run.cpu_s,
                    "note": run.note,
                }
                for tool, run in runs.items()
            },
            "files": [
                {
                    **asdict(case),
                    "reported": {
                        tool: sorted(run.reported[case.path]) if run.reported is not None else None
                        for tool, run in runs.items()
                    },
                }
                for case in lang_cases
            ],
        }
    ran = [
        (runs["codetune"], len(results["languages"][lang]["files"]))
        for lang, runs in all_runs.items()
    ]
    if ran:
        total = ToolRun(
            "ran",
            wall_s=sum(r.wall_s or 0 for r, _ in ran),
            cpu_s=sum(r.cpu_s or 0 for r, _ in ran),
        )
        print(
            f"\ncodetune, all languages: {speed(total, sum(n for _, n in ran))} "
            "(target >= 50 files/s on 2 cores)"
        )
    if args.json:
        write_json(args.json, results)
        print(f"\nwrote {args.json}")
    return results


if __name__ == "__main__":
    main()
