"""Deliberate breakage, to prove the suite fails when an expectation does not hold.

`E2E_BREAK=step3 scripts/e2e.sh` makes step 3 expect something false (here: a status history
with one step too many); the suite must then fail at step 3. A comma-separated list breaks
several steps (`E2E_BREAK=step1,step2,...,step7`: every step must fail).
"""

from __future__ import annotations

import os
from typing import TypeVar

T = TypeVar("T")


def expected(step: str, right: T, wrong: T) -> T:
    """`right`, unless E2E_BREAK names this step: then `wrong`, which the step must reject."""
    broken = {s.strip() for s in os.environ.get("E2E_BREAK", "").split(",")}
    return wrong if step in broken else right
