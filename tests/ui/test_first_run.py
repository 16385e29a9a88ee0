"""First run: no accounts yet, the composer checks drafts at once, and a short welcome offers
to connect the first Work or Personal account (only when there are none)."""

from __future__ import annotations

from app.core.model import Persona
from app.paths import init_paths
from app.ui.dialogs.onboarding import OnboardingDialog
from app.ui.main_window import MainWindow
from app.ui.ports import AppServices
from tests.ui.fakes import FakeAccounts, FakeChecker, FakeDrafts, FakePoster, sample_accounts


def first_run_window(qtbot, profile_dir, runner, monkeypatch, accounts, choice):
    welcomed: list[bool] = []
    connects: list[tuple[bool, Persona | None]] = []

    def welcome(dialog_self) -> int:
        welcomed.append(True)
        dialog_self.choice = choice
        return 0

    monkeypatch.setattr(OnboardingDialog, "exec", welcome)
    monkeypatch.setattr(MainWindow, "open_accounts",
                        lambda self, connect=False, persona=None: connects.append(
                            (connect, persona)))
    services = AppServices(checker=FakeChecker(), accounts=FakeAccounts(accounts),
                           drafts=FakeDrafts(), poster=FakePoster())
    main = MainWindow(init_paths(profile_dir), services, runner, onboarding=True)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.is_loaded, timeout=3000)
    qtbot.wait(50)
    return main, welcomed, connects


def test_first_run_welcomes_and_connects_the_chosen_identity(
        qtbot, profile_dir, runner, monkeypatch):
    main, welcomed, connects = first_run_window(qtbot, profile_dir, runner, monkeypatch,
                                                [], Persona.WORK)
    assert welcomed == [True]
    assert connects == [(True, Persona.WORK)]
    # The composer works before any account is connected: it checks as a chosen identity.
    assert main.composer.check_as_row.isVisibleTo(main)


def test_no_welcome_when_accounts_exist(qtbot, profile_dir, runner, monkeypatch):
    _main, welcomed, connects = first_run_window(qtbot, profile_dir, runner, monkeypatch,
                                                 sample_accounts(), Persona.WORK)
    assert welcomed == [] and connects == []
