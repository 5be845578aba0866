"""What the build command uses: the mirror, the manifest and the output folder."""

from .fingerprints import stable_repr
from .output import (
    forget_state,
    input_files,
    inputs_fingerprint,
    load_state,
    locked,
    mirror_of,
    prune,
    save_state,
    sync_changes,
    sync_tree,
)
from .writer import load_manifest

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
