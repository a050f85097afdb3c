"""Hub ids when the Hub may be out of reach: fail in seconds with the way out, or use the local
cache, instead of transformers' retries (5 per file with back-off, twice per load: 35-57 s
measured with no network before the error)."""

from __future__ import annotations

import functools
import socket
from urllib.parse import urlparse

from codetune.core.errors import UserError

# Seconds to wait for the Hub's host before calling it unreachable. transformers itself retries
# an unreachable Hub for 30-60 s (5 retries with back-off, per file, twice per load).
HUB_PROBE_TIMEOUT_S = 3.0


@functools.cache
def _hub_unreachable() -> str | None:
    """Why the Hub cannot be reached from here (None: it can, or offline mode is on)."""
    from huggingface_hub import constants

    if constants.HF_HUB_OFFLINE:
        return None  # the user chose the cache; transformers fails fast without retrying
    url = urlparse(constants.ENDPOINT)
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        socket.create_connection((url.hostname or "", port), timeout=HUB_PROBE_TIMEOUT_S).close()
    except OSError as exc:
        return f"{url.hostname}:{port}: {exc.strerror or exc}"
    return None


def hub_model_path(repo_id: str, revision: str | None = None) -> str:
    """A Hub id as `from_pretrained` should get it: the id itself where the Hub answers; where it
    does not, the id's snapshot in the local Hugging Face cache, or one line saying what to do
    (within seconds, instead of transformers' minute of retries)."""
    unreachable = _hub_unreachable()
    if unreachable is None:
        return repo_id
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        return snapshot_download(repo_id, revision=revision, local_files_only=True)
    except (LocalEntryNotFoundError, OSError, ValueError):
        raise UserError(
            f"model.name_or_path: '{repo_id}' is not in the local Hugging Face cache and the Hub "
            f"is unreachable ({unreachable}); give a local folder with config.json (or an "
            "embedded: model), or download it where there is network (HF_HUB_OFFLINE=1 then "
            "uses the cache)"
        ) from None
