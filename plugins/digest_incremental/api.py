"""What the build command uses: the mirror, the manifest and the output folder."""

from .output import (
    forget_state,
    input_files,
    inputs_fingerprint,
    load_manifest,
    load_state,
    locked,
    mirror_of,
    prune,
    save_state,
    stable_repr,
    sync_changes,
    sync_tree,
)

__all__ = [
    "forget_state",
    "input_files",
    "inputs_fingerprint",
    "load_manifest",
    "load_state",
    "locked",
    "mirror_of",
    "prune",
    "save_state",
    "stable_repr",
    "sync_changes",
    "sync_tree",
]
