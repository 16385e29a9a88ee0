"""The suggestions inbox behind the window's ``SuggestionInbox`` port: the store's suggestions,
the organisation file's feeds, and the share plan (disclosure first, budget). No Qt here; every
method may block and is called on a worker.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.paths import AppPaths
from app.ui.ports import SharePlan

if TYPE_CHECKING:
    from app.check.policy import Policy
    from app.core.suggestions import Suggestion
    from app.store.store import Store
    from app.ui.services import Lazy


class StoreSuggestionInbox:
    """``SuggestionInbox`` on the profile's store and the organisation's managed file."""

    def __init__(self, store: Store | Lazy[Store], paths: AppPaths,
                 policy: Callable[[], Policy | None] = lambda: None, *,
                 session: Any = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._store_source = store
        self._paths = paths
        self._policy = policy
        self._session = session  # tests hand in a requests.Session; None: a new one each time
        self._clock = clock

    def _store(self) -> Store:
        from app.ui.services import _resolve

        return _resolve(self._store_source)

    def list_suggestions(self) -> list[Suggestion]:
        """The current suggestions, oldest first, each with the partner it concerns (named,
        or found by its link's domain in the policy pack)."""
        import dataclasses

        from app.check.suggested import partner_of

        policy = self._policy()
        return [dataclasses.replace(s, partner=partner_of(policy, s.partner, s.link))
                for s in self._store().suggestions.list(now=self._clock())]

    def now(self) -> datetime:
        """The inbox's clock (a snooze's end is compared with it)."""
        return self._clock()

    def refresh(self) -> list[str]:
        """Read the organisation's and the user's feeds again; one sentence per source."""
        from app.networks.suggestion_feed import refresh_suggestions
        from app.store.errors import ManagedConfigError
        from app.store.managed import load_managed_setup

        setup, problem = None, ""
        try:
            setup = load_managed_setup(self._paths)
        except ManagedConfigError as exc:
            problem = str(exc)
        report = refresh_suggestions(self._store(), setup, session=self._session,
                                     setup_problem=problem, now=self._clock())
        return [result.describe() for result in report.results]

    def decline(self, suggestion_id: int) -> None:
        """Declined, privately."""
        self._store().suggestions.decline(suggestion_id)

    def snooze(self, suggestion_id: int, days: int) -> None:
        """Snoozed for ``days`` days."""
        self._store().suggestions.snooze(suggestion_id, self._clock() + timedelta(days=days))

    def restore(self, suggestion_id: int) -> None:
        """New again."""
        self._store().suggestions.restore(suggestion_id)

    def plan_share(self, suggestion_id: int) -> SharePlan:
        """The text with the disclosure first, the partner and the promotion budget."""
        from app.check.suggested import (
            disclosure_prefix,
            partner_of,
            promotion_budget,
            share_text,
        )
        from app.networks.wiring import HISTORY_WINDOW

        store = self._store()
        suggestion = store.suggestions.get(suggestion_id)
        policy = self._policy()
        partner = partner_of(policy, suggestion.partner, suggestion.link)
        disclosure = disclosure_prefix(policy, partner, "en")
        now = self._clock()
        budget = promotion_budget(policy, store.history.recent(now - HISTORY_WINDOW), now=now)
        text = share_text(policy, suggestion.text, suggestion.link, partner)
        images: list[Path] = []
        problems: list[str] = []
        if suggestion.images:
            from app.networks.suggestion_feed import fetch_images

            images, problems = fetch_images(suggestion.images,
                                            self._paths.cache_dir() / "suggestion-images",
                                            session=self._session)
        return SharePlan(suggestion_id=suggestion.id, title=suggestion.title,
                         original=suggestion.text, text=text, partner=partner,
                         disclosure=disclosure, budget=budget.describe(),
                         images=tuple(images), problems=tuple(problems))

    def mark_shared(self, suggestion_id: int, draft_id: int | None) -> None:
        """Shared from the composer."""
        self._store().suggestions.mark_shared(suggestion_id, draft_id)

    def count_new(self) -> int:
        """How many are new now."""
        return self._store().suggestions.count_new(now=self._clock())
