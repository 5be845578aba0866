"""Claims by standing: every claim of the published items, filed under its present status.

Plain computation over items, as the taxonomies are: ``/claims/`` counts the claims by
status and ``/claims/<status>/`` lists them, newest item first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from digest_content.schema import CLAIM_STATUSES

from .taxonomy import per_month

CLAIMS_URL = "claims/"


@dataclass(frozen=True)
class FiledClaim:
    """One claim, with the item that reports it and its place there (``#claim-<number>``)."""

    claim: object  # digest_content.schema.Claim
    item: object
    number: int  # 1 for the item's first claim


@dataclass(frozen=True)
class Standing:
    """A status, and the claims that have it now, newest item first; ``per_month`` counts them
    by their item's month over the months of every claim, so that the statuses compare."""

    status: str
    claims: tuple[FiledClaim, ...]
    per_month: tuple[tuple[date, int], ...] = ()

    @property
    def url(self) -> str:
        return f"{CLAIMS_URL}{self.status}/"

    @property
    def count(self) -> int:
        return len(self.claims)

    @property
    def nouns(self) -> tuple[str, str]:
        """What its claims are called, one and more: "denied claim", "denied claims"."""
        return f"{self.status} claim", f"{self.status} claims"


def claims_by_standing(items) -> tuple[Standing, ...]:
    """Every status, in the order the contract lists them, with its claims; ``items`` are
    the published items, newest first."""
    filed = {status: [] for status in CLAIM_STATUSES}
    for item in items:
        for number, claim in enumerate(item.digest.meta.claims, start=1):
            filed[claim.status].append(FiledClaim(claim, item, number))
    months = [month for month, _ in per_month(entry.item.date for claims in filed.values() for entry in claims)]
    span = (months[0], months[-1]) if months else None
    return tuple(
        Standing(status, tuple(claims), per_month((entry.item.date for entry in claims), span) if span else ())
        for status, claims in filed.items()
    )
