"""Fixtures for the window tests: a composer wired to fakes, all offscreen."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from app.ui.composer import ComposerWidget
from app.ui.dialogs.confirm import ConfirmRequest
from app.ui.ports import AppServices
from app.ui.workers import TaskRunner
from tests.ui.fakes import FakeAccounts, FakeChecker, FakeDrafts, FakePoster, sample_accounts


@dataclass
class Answers:
    """Scripted answers to the composer's questions, and a record of what was asked."""

    confirm: bool = True
    override_reason: str | None = None
    confirmations: list[ConfirmRequest] = field(default_factory=list)
    override_asks: int = 0

    def ask_confirmation(self, parent, request: ConfirmRequest) -> bool:
        self.confirmations.append(request)
        return self.confirm

    def ask_override(self, parent, blocking) -> str | None:
        self.override_asks += 1
        return self.override_reason


@pytest.fixture
def runner(qtbot):
    task_runner = TaskRunner()
    yield task_runner
    task_runner.wait_for_done(10_000)
    qtbot.wait(10)  # let queued results land before the widgets go


@pytest.fixture
def services():
    """The window's services, all fakes: sample accounts, no network, no disk."""
    return AppServices(checker=FakeChecker(), accounts=FakeAccounts(sample_accounts()),
                       drafts=FakeDrafts(), poster=FakePoster())


@pytest.fixture
def answers():
    return Answers()


@pytest.fixture
def make_composer(qtbot, runner, answers):
    """Build a shown composer with sample accounts; keyword arguments override the fakes."""

    def make(*, checker=None, drafts=None, poster=None, accounts=None, opened=None):
        composer = ComposerWidget(
            checker or FakeChecker(), runner,
            drafts=drafts if drafts is not None else FakeDrafts(),
            poster=poster if poster is not None else FakePoster(),
            open_url=(opened.append if opened is not None else None),
            confirm=answers.ask_confirmation, ask_override=answers.ask_override,
            image_picker=lambda parent: None,
        )
        qtbot.addWidget(composer)
        composer.resize(1100, 720)
        composer.set_accounts(sample_accounts() if accounts is None else accounts)
        composer.show()
        qtbot.waitExposed(composer)
        return composer

    return make


def wait_checked(qtbot, composer, timeout=3000):
    """Wait until the findings on screen (cards, fix buttons, highlights) are for the text and
    the ticked accounts as they are now. Waiting only for "some finding is shown" races: a
    round for half-typed text or for the previous ticks can satisfy it, and the cards are then
    rebuilt under the test (about one run in twenty)."""
    qtbot.waitUntil(lambda: composer.live_check.is_current(composer._round), timeout=timeout)


def wait_for_finding(qtbot, composer, rule: str, timeout=3000) -> None:
    """Wait until the check of the CURRENT text and ticks is shown and has a ``rule`` finding."""
    qtbot.waitUntil(lambda: composer.live_check.is_current(composer._round)
                    and composer.finding_for(rule) is not None, timeout=timeout)


# The local Bluesky server (session-wide) for the window-on-real-services tests.
from tests.networks.conftest import local_pds  # noqa: E402, F401
