"""The data card (DATA.md): what went in, what came out, and why everything else was dropped."""

from __future__ import annotations

from typing import Any


def _table(rows: list[tuple[Any, ...]], header: tuple[str, ...]) -> list[str]:
    if not rows:
        return ["(none)", ""]
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return [*out, ""]


def render_card(stats: dict[str, Any]) -> str:
    files, functions = stats["files"], stats["functions"]
    lines = ["# Data card", ""]
    lines += ["## Sources", ""]
    lines += _table(
        [(s["spec"], s["label"], f"`{s['root']}`") for s in stats["sources"]],
        ("source", "label", "folder"),
    )
    lines += [
        f"Languages: {', '.join(stats['languages'])}. Formats: {', '.join(stats['formats'])}. "
        f"Seed: {stats['seed']}.",
        "",
        f"Files: {files['planned']} planned, {files['read']} read "
        f"({files['bytes_read'] / 1e6:.1f} MB) in {files['shards_processed']} of "
        f"{files['shards_planned']} shards; {files.get('with_syntax_errors', 0)} read files have "
        "syntax errors (their sound functions are kept).",
        "",
    ]
    if files["shards_processed"] < files["shards_planned"]:
        lines += [
            "The run stopped early: `max_samples` was reached with the shards above "
            "(files are shuffled by seed, so they sample the whole tree).",
            "",
        ]
    lines += ["## Counts per language", ""]
    langs = sorted(
        set(functions["extracted_by_language"]) | set(functions.get("kept_by_language", {}))
    )
    lines += _table(
        [
            (
                lang,
                files["by_language"].get(lang, 0),
                functions["extracted_by_language"].get(lang, 0),
                functions.get("kept_by_language", {}).get(lang, 0),
            )
            for lang in langs
        ],
        ("language", "files", "functions extracted", "functions kept"),
    )
    lines += ["## Splits (grouped by file)", ""]
    lines += _table(
        [(s, v["functions"], v["files"]) for s, v in stats.get("splits", {}).items()],
        ("split", "functions", "files"),
    )
    for kind, per_split in stats.get("samples", {}).items():
        lines.append(f"- `{kind}` samples: " + ", ".join(f"{s} {n}" for s, n in per_split.items()))
    lines += ["", "## Skipped files", ""]
    lines += _table(sorted(files["skipped"].items(), key=lambda kv: -kv[1]), ("reason", "files"))
    lines += ["## Dropped functions", ""]
    lines += _table(
        sorted(functions["dropped"].items(), key=lambda kv: -kv[1]), ("reason", "functions")
    )
    lines.append(f"Extracted {functions['extracted']}, kept {functions.get('kept', 0)}.")
    if "test_code" in functions:
        lines.append(
            f"Test code: {functions['test_code']} of the kept functions "
            f"({functions.get('test_code_share', 0):.0%}; `is_test` on each sample)."
        )
    cuts = functions.get("prompt_cut", {})
    if cuts:
        words = {
            "docstring": "after the docstring",
            "signature": "after the signature (short functions: the whole body is the completion)",
            "first_lines": "after the first body lines",
        }
        lines += ["", "Completion prompts end:", ""]
        lines += [f"- {words.get(k, k)}: {n}" for k, n in sorted(cuts.items())]
    lines += ["", "## Duplicates", ""]
    dedup = stats.get("dedup", {})
    lines += [
        f"Exact duplicates removed: {dedup.get('exact_duplicates', 0)}. Near duplicates "
        f"(MinHash LSH) removed: {dedup.get('near_duplicates', 0)} in "
        f"{dedup.get('clusters', 0)} clusters (one kept per cluster).",
        "",
    ]
    lines += _table(
        [
            (c["size"], f"`{c['kept']}`", ", ".join(f"`{r}`" for r in c["removed"]))
            for c in dedup.get("largest_clusters", [])
        ],
        ("size", "kept", "removed (first ones)"),
    )
    secrets = stats["secrets"]
    lines += ["## Secrets and personal data", ""]
    lines += [
        f"Action: {secrets['action']}. Functions holding secrets: "
        f"{secrets['functions_with_secrets']}; functions redacted: {secrets['functions_redacted']}.",
        "",
        f"Of the secrets found, {secrets.get('in_test_code', 0)} were in test code and "
        f"{secrets.get('fixture_like', 0)} look like fixtures (a plain word such as "
        "`password='python'`, or a value marked example, dummy, fake, test); they are "
        "redacted all the same.",
        "",
    ]
    lines += _table(sorted(secrets["by_type"].items(), key=lambda kv: -kv[1]), ("type", "found"))
    conventions = stats.get("conventions") or {}
    if conventions:
        lines += ["## Naming conventions", ""]
        lines += [
            "Inferred from the kept functions (conventions.json; the eval judges generated "
            "code by it): per kind of name, the dominant style and the share of names in it.",
            "",
        ]
        rows = [
            (language, kind, style, "-" if share is None else f"{share:.1%}")
            for language, kinds in sorted(conventions.items())
            for kind, (style, share) in sorted(kinds.items())
        ]
        lines += _table(rows, ("language", "kind", "style", "share"))
    repo_tests = stats.get("repo_tests")
    if repo_tests:
        lines += ["## The repository's own tests", ""]
        lines += [
            f"{repo_tests['linked_to_tests']} of the {repo_tests['heldout_python_functions']} "
            f"held-out Python functions are called by the repository's tests "
            f"({repo_tests['tests_linked']} tests, from {repo_tests['test_files_read']} test "
            f"files read; {repo_tests['unparsable_test_files']} could not be parsed): "
            "repo_tests.jsonl. The eval runs those tests on each model's body in the sandbox.",
            "",
        ]
    contamination = stats["contamination"]
    lines += ["## Benchmark contamination", ""]
    lines += [f"Checked against: {', '.join(contamination['benchmarks']) or 'nothing'}.", ""]
    lines += _table(sorted(contamination["hits"].items()), ("benchmark:match", "functions dropped"))
    lines += _table(
        [
            (e["benchmark"], e["match"], f"`{e['path']}`", e["name"])
            for e in contamination["examples"]
        ],
        ("benchmark", "match", "path", "function"),
    )
    if stats.get("formatting"):
        lines += ["## Formatting", ""]
        lines += _table(sorted(stats["formatting"].items()), ("outcome", "functions"))
    return "\n".join(lines).rstrip() + "\n"
