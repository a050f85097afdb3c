"""Limits and identity of every sandboxed run (the eval and pairs sections embed them)."""

from __future__ import annotations

from pydantic import Field

from codetune.core.schema import Section


class SandboxLimits(Section):
    """Limits and identity of every sandboxed run."""

    timeout_s: float = Field(10.0, gt=0, description="Wall-clock limit per program, seconds.")
    cpu_s: float | None = Field(
        None, gt=0, description="CPU-time limit per process (None: timeout_s + 1)."
    )
    memory_mb: int = Field(1024, ge=64, description="Address-space limit of a Python program, MiB.")
    jvm_heap_mb: int = Field(512, ge=32, description="Java heap (-Xmx) for javac and java, MiB.")
    file_size_mb: int = Field(
        16, ge=1, description="Largest file a program may write (stdout and stderr included)."
    )
    open_files: int = Field(64, ge=16, description="Open file descriptors per process.")
    processes: int = Field(
        64, ge=1, description="Processes + threads of the program's uid (Java/Go get 4x)."
    )
    tmp_size_mb: int = Field(64, ge=1, description="Size of the private /tmp (work folder).")
    output_tail_chars: int = Field(
        4000, ge=0, description="Characters kept from the end of stdout and of stderr."
    )
    python: str | None = Field(
        None,
        description="Interpreter for Python programs; must be executable by the sandbox uid "
        "(None: the first of /usr/bin/python3, this interpreter, python3 on PATH that is).",
    )
    uid_base: int = Field(
        64000, ge=1000, description="First uid of the per-slot unprivileged users (root only)."
    )
    uid_slots: int = Field(256, ge=1, description="Number of uids from uid_base to use.")
    require_isolation: bool = Field(
        True,
        description="Fail closed: refuse to run generated code where the kernel allows no "
        "namespaces and separate uid (false: rlimits and a process-group kill only, which "
        "leave the network, the file system and the harness's processes reachable).",
    )
