"""The composer: the draft, the persona check as you type, the accounts, and sending.

Safety rules this widget keeps (the product's point):
- "Post to Work" sends only to the ticked WORK accounts, never a personal one, whatever else
  is ticked; posting to personal accounts is a separate button that always confirms.
- Nothing is ticked when a draft starts or after a post: targets never carry over silently.
- A confirmation lists exactly the receiving accounts whenever a target is personal or
  employer-owned, or a warning remains; a block disables posting (an override needs a typed
  reason, and only where the policy allows it).
- The draft is autosaved within a second of the last keystroke and kept until every target
  has the post.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.model import (
    DEFAULT_PERSONA_COLOURS,
    Account,
    CheckResult,
    CheckTarget,
    Draft,
    Finding,
    Fix,
    ImageAttachment,
    Network,
    Owner,
    Persona,
    Severity,
)
from app.ui import theme
from app.ui.fixes import FixContext, counterpart, fix_state
from app.ui.live_check import CheckRound, CheckSlot, LiveCheck, ShownFinding, group_findings
from app.ui.ports import (
    DeliveryState,
    DeliveryUpdate,
    DraftBook,
    DraftChecker,
    Poster,
    SharePlan,
)
from app.ui.posting_rules import PostingState, block_key, can_post
from app.ui.sending import Sender
from app.ui.widgets.accounts import AccountPanel, readable_text_colour
from app.ui.widgets.attachments import AttachmentsBar
from app.ui.widgets.editor import DraftEditor, Highlight
from app.ui.widgets.findings import FindingsPanel
from app.ui.widgets.previews import PreviewPanel
from app.ui.workers import TaskRunner

if TYPE_CHECKING:
    from app.ui.dialogs.confirm import ConfirmRequest
    from app.ui.widgets.delivery import DeliveryPanel
    from app.ui.widgets.suggestion_bar import SuggestionBar

PERSONAL_LOCKED = ("Locked for a suggestion your employer asked you to share: tick "
                   "\u201cUnlock my personal accounts for this one post\u201d above to use it.")

AUTOSAVE_MS = 600  # well inside the promised second after the last keystroke
AUTOSAVE_RETRY_MS = 5000
CHECK_AS_KEY = "check-as"

ConfirmFunction = Callable[[QWidget, "ConfirmRequest"], bool]
OverrideFunction = Callable[[QWidget, Sequence[ShownFinding]], "str | None"]
ImagePicker = Callable[[QWidget], "ImageAttachment | None"]
# Asks for an image's description; None: the user cancelled.
DescribeFunction = Callable[[QWidget, "ImageAttachment"], "str | None"]


def ask_description(parent: QWidget, image: ImageAttachment) -> str | None:
    """Ask for the description (alt text) of an attached image."""
    from PySide6.QtWidgets import QInputDialog

    text, accepted = QInputDialog.getMultiLineText(
        parent, "Describe the image",
        f"Describe {image.path.name} for people who cannot see it (alt text):",
        image.alt_text)
    return text.strip() if accepted else None


def ask_confirmation(parent: QWidget, request: ConfirmRequest) -> bool:
    """The confirmation dialog (loaded when first needed, not at start-up)."""
    from app.ui.dialogs.confirm import ask_confirmation as ask

    return ask(parent, request)


def ask_override_reason(parent: QWidget, blocking: Sequence[ShownFinding]) -> str | None:
    """The override-reason dialog (loaded when first needed)."""
    from app.ui.dialogs.override import ask_override_reason as ask

    return ask(parent, blocking)


def _pick_time(parent: QWidget, book: Any, rules: Any, usual: Sequence[str], *,
               work: bool = True, initial: Any = None) -> Any:
    """The date and time picker of "Post to Work at…" (loaded when first needed)."""
    from app.ui.dialogs.schedule_picker import pick_time

    return pick_time(parent, book, rules, usual, work=work, initial=initial)


def pick_image(parent: QWidget) -> ImageAttachment | None:
    """Ask for an image file and its description (alt text)."""
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    path, _ = QFileDialog.getOpenFileName(parent, "Attach an image", "",
                                          "Images (*.png *.jpg *.jpeg *.gif *.webp)")
    if not path:
        return None
    alt, accepted = QInputDialog.getText(
        parent, "Describe the image",
        "Describe the image for people who cannot see it (alt text):")

    return ImageAttachment(Path(path), alt.strip() if accepted else "")


# Rules the live check judges against the clock and the history up to now (budgets, quiet
# hours, duplicates); for a scheduled post, the check as of its due time says what holds then.
_AS_OF_NOW = ("frequency.", "duplicate.")


def due_time_warnings(live: Sequence[ShownFinding], results: Mapping[int, CheckResult],
                      targets: Sequence[Account]) -> list[ShownFinding]:
    """The warnings scheduling confirms: the live check's own warnings about the text (not
    those it judged as of now), then every warning of the check as of the due time
    (``results`` by account id), each once, with the accounts it is for."""
    kept = [s for s in live if not s.finding.rule.startswith(_AS_OF_NOW)]
    seen = {(s.finding.rule, s.finding.message): s for s in kept}
    for account in targets:
        result = results.get(account.id or 0)
        for finding in result.findings if result is not None else ():
            if finding.severity is not Severity.WARN:
                continue
            slot = CheckSlot.for_account(account)
            shown = seen.get((finding.rule, finding.message))
            if shown is None:
                shown = ShownFinding(finding, [slot])
                seen[(finding.rule, finding.message)] = shown
                kept.append(shown)
            elif all(s.key != slot.key for s in shown.slots):
                shown.slots.append(slot)
    return kept


class ComposerWidget(QWidget):
    """The composer.

    Signals:
        findings_shown(CheckRound): findings, highlights and counters now show this round.
        status(str): a sentence for the status bar.
        draft_saved(Draft): the draft was autosaved (it now has an id).
        delivery_finished(list): every target of a post or retry has a final state.
        connect_requested(str): the user wants to connect an account.
        suggestion_shared(int, object): the suggestion with this id went out (draft id).
        reconnect_requested(Account): the user wants to sign in again to an account.
    """

    findings_shown = Signal(object)
    status = Signal(str)
    draft_saved = Signal(object)
    delivery_finished = Signal(object)
    connect_requested = Signal(str)
    suggestion_shared = Signal(int, object)
    reconnect_requested = Signal(object)
    scheduled = Signal(object)  # list[ScheduledPost]: "Post to Work at…" queued the draft

    def __init__(
        self,
        checker: DraftChecker,
        runner: TaskRunner,
        *,
        drafts: DraftBook | None = None,
        poster: Poster | None = None,
        open_url: Callable[[str], object] | None = None,
        confirm: ConfirmFunction = ask_confirmation,
        ask_override: OverrideFunction = ask_override_reason,
        image_picker: ImagePicker = pick_image,
        describe_image: DescribeFunction = ask_description,
        pasted_images_dir: Callable[[], Path] | None = None,
        compact: bool = False,
        schedule: Any = None,
        ask_time: Callable[..., Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # Scheduled posts (``app.ui.schedule_services.ScheduleBook``); None: no "Post to Work
        # at…" here (the quick post). ``ask_time`` shows the picker (tests answer it).
        self.schedule = schedule
        self._ask_time = ask_time or _pick_time
        self.checker = checker
        self.runner = runner
        self.drafts = drafts
        self.poster = poster
        self._open_url = open_url or (lambda url: None)
        self._confirm = confirm
        self._ask_override = ask_override
        self._pick_image = image_picker
        self._describe_image = describe_image
        # Where a picture pasted from the clipboard is saved (it needs a file to be posted).
        self._pasted_images_dir = pasted_images_dir
        self.compact = compact

        self.draft = Draft()
        self.override_reason = ""
        # The block findings the typed reason was given for: a block that appears later
        # (another codename typed in) needs its own reason.
        self._overridden: frozenset[tuple[str, str]] = frozenset()
        # Runs posts and retries; results of a run the user cancelled and left behind never
        # land on the rows of a later one.
        self.sending = Sender(runner, lambda: self.delivery, self._known_account_ids, self)
        self.sending.finished.connect(self._finish_delivery)
        self.sending.status.connect(self.status)
        self._posted_draft: Draft | None = None
        self._posted_accounts: list[Account] = []
        self._round: CheckRound | None = None
        self._shown: list[ShownFinding] = []
        self._fix_message_shown = False
        self._applying_fix = False
        self._posting_refused = ""  # see set_posting_refused
        # A suggestion being shared (see open_suggestion): its bar is built on first use.
        self.suggestion_bar: SuggestionBar | None = None
        self._suggestion: SharePlan | None = None
        self._posted_suggestion: SharePlan | None = None

        self.live_check = LiveCheck(checker, runner, self)
        self.live_check.finished.connect(self._show_round)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.timeout.connect(self._autosave_due)

        self._build()
        self._wire()
        from app.ui.tailoring import DraftTailoring

        # "Customise for …" and "Split into a thread" in the previews (app/ui/tailoring.py).
        self.tailoring = DraftTailoring(self)
        self._request_check()

    # --- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        # No parent argument: QSplitter(parent) makes shiboken load Qt's whole enum namespace
        # (~17 ms of start-up); the layout below adopts it.
        splitter = QSplitter()
        splitter.setChildrenCollapsible(False)
        outer.addWidget(splitter, 1)

        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 4, 0)
        self.check_as_row = self._build_check_as(left)
        left_layout.addWidget(self.check_as_row)
        self.editor = DraftEditor(left)
        self.editor.setMinimumHeight(110)
        left_layout.addWidget(self.editor, 2)

        self.attachments = AttachmentsBar(left)
        self.attach_button = self.attachments.attach_button
        self.images_layout = self.attachments.chips_layout
        left_layout.addWidget(self.attachments)

        self.findings = FindingsPanel(left)
        self.findings.setMinimumHeight(160)
        left_layout.addWidget(self.findings, 3)
        # The sending report is built the first time something is sent (not at start-up).
        self._delivery: DeliveryPanel | None = None
        self._left, self._left_layout = left, left_layout

        right = QScrollArea(splitter)
        right.setWidgetResizable(True)
        right.setFrameShape(QFrame.Shape.NoFrame)
        right.setAccessibleName("Accounts to post to")
        # The right column: the accounts, then how the draft will look on each network.
        # Under the accounts the previews use space that stood empty, and the findings on
        # the left get the height they need.
        column = QWidget(right)
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        self.accounts = AccountPanel(column)
        column_layout.addWidget(self.accounts)
        self.previews = PreviewPanel(column)
        column_layout.addWidget(self.previews)
        column_layout.addStretch(1)
        right.setWidget(column)
        right.setMinimumWidth(300)
        self.accounts_scroll = right
        right.setStyleSheet(theme.SCROLL_FOCUS_STYLE)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([860, 420])
        self.splitter = splitter

        bar = QHBoxLayout()
        self.action_label = QLabel(self)
        self.action_label.setWordWrap(True)
        self.action_label.setAccessibleName("Posting status")
        bar.addWidget(self.action_label, 1)
        self.post_personal_button = QPushButton("Post to Personal…", self)
        self.post_personal_button.setAccessibleDescription(
            "Posts to the ticked personal accounts only, after a confirmation.")
        bar.addWidget(self.post_personal_button)
        self.post_work_button = QPushButton("Post to Work", self)
        self.post_work_button.setObjectName("post-work")
        self.post_work_button.setToolTip("Posts to the ticked Work accounts only (Ctrl+Enter)")
        self.post_work_button.setAccessibleDescription(
            "Posts to the ticked Work accounts only, never to a personal account. Ctrl+Enter.")
        self.post_work_button.setMinimumHeight(40)
        self.post_work_button.setSizePolicy(QSizePolicy.Policy.Minimum,
                                            QSizePolicy.Policy.Fixed)
        work = DEFAULT_PERSONA_COLOURS[Persona.WORK]
        text_colour = readable_text_colour(QColor(work))
        self.post_work_button.setStyleSheet(
            f"QPushButton#post-work {{ background: {work}; color: {text_colour};"
            " font-weight: 700; font-size: 11pt; padding: 6px 22px; border-radius: 6px;"
            " border: 2px solid transparent; }"
            "QPushButton#post-work:focus { border: 2px solid palette(text); }"
            "QPushButton#post-work:hover { border: 2px solid palette(highlight); }"
            # Disabled: plainly not the blue primary button, but its words stay readable.
            "QPushButton#post-work:disabled { background: palette(button);"
            " color: palette(placeholder-text); border: 2px dashed palette(mid); }")
        self.post_work_at_button = QPushButton("Post to Work &at…", self)
        self.post_work_at_button.setAccessibleName("Post to Work at a time")
        self.post_work_at_button.setAccessibleDescription(
            "Schedules the post for the ticked Work accounts: choose a date and time. "
            "Ctrl+Shift+Enter.")
        self.post_work_at_button.setToolTip("Schedule for the ticked Work accounts "
                                            "(Ctrl+Shift+Enter)")
        self.post_work_at_button.setVisible(self.schedule is not None)
        bar.addWidget(self.post_work_at_button)
        bar.addWidget(self.post_work_button)
        outer.addLayout(bar)

        if self.compact:
            self.previews.hide()
            self.attach_button.hide()

    def _build_check_as(self, parent: QWidget) -> QWidget:
        # Two lines (the sentence, then the choices), so the quick post window stays narrow.
        row = QFrame(parent)
        column = QVBoxLayout(row)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        label = QLabel("No account is ticked, so Twofold chec&ks the draft as a", row)
        label.setWordWrap(True)
        column.addWidget(label)
        from app.ui.widgets.flow import WrappingRow

        # Stacks in a narrow window instead of widening it.
        layout = WrappingRow(row)
        column.addWidget(layout)
        self.check_as_persona = QComboBox(row)
        label.setBuddy(self.check_as_persona)
        self.check_as_persona.setAccessibleName("Check as identity")
        for persona in Persona:
            self.check_as_persona.addItem(f"{persona.label} post", persona)
        layout.add(self.check_as_persona)
        layout.add(QLabel("on", row))
        self.check_as_network = QComboBox(row)
        self.check_as_network.setAccessibleName("Check as network")
        # Its items are renamed when accounts arrive ("Bluesky (you have 2)"): size to them.
        self.check_as_network.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToContents)
        # Filled by _fill_check_as_networks: the user's own networks first.
        self._check_as_chosen = False
        self._fill_check_as_networks([], recheck=False)
        layout.add(self.check_as_network)
        layout.add(QLabel("from", row))
        self.check_as_owner = QComboBox(row)
        self.check_as_owner.setAccessibleName("Check as account owner")
        self.check_as_owner.addItem("my own account", Owner.SELF)
        self.check_as_owner.addItem("the employer's brand account", Owner.EMPLOYER)
        layout.add(self.check_as_owner)
        return row

    def _wire(self) -> None:
        self.editor.textChanged.connect(self._text_changed)
        self.editor.image_files_dropped.connect(self.attach_files)
        self.editor.image_pasted.connect(self._attach_pasted)
        self.accounts.selection_changed.connect(self._request_check)
        self.accounts.connect_requested.connect(self.connect_requested)
        for combo in (self.check_as_network, self.check_as_persona, self.check_as_owner):
            combo.currentIndexChanged.connect(self._request_check)
            # A choice the user made is theirs: new accounts or a post never change it.
            combo.activated.connect(self._check_as_was_chosen)
        self.findings.fix_requested.connect(self.apply_fix)
        self.findings.override_requested.connect(self._override_requested)
        self.post_work_button.clicked.connect(self.post_to_work)
        self.post_work_at_button.clicked.connect(self.post_to_work_at)
        self.post_personal_button.clicked.connect(self.post_to_personal)
        self.attach_button.clicked.connect(self._attach_image)
        self.attachments.changed.connect(self._images_changed)
        self.attachments.status.connect(self.status)
        post_action = QAction("Post to Work", self)
        post_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        post_action.triggered.connect(self.post_to_work)
        self.addAction(post_action)
        self.post_work_action = post_action

    @property
    def delivery(self) -> DeliveryPanel:
        """The sending report: progress per account, then results, "Retry failed" and "Open
        in browser" (built on first use)."""
        if self._delivery is None:
            from app.ui.widgets.delivery import DeliveryPanel

            panel = DeliveryPanel(self._left)
            self._left_layout.addWidget(panel)
            panel.retry_requested.connect(self.retry_failed)
            panel.cancel_requested.connect(self.cancel_sending)
            panel.reconnect_requested.connect(self.reconnect_requested)
            panel.open_url.connect(self._open_link)
            panel.dismissed.connect(self._refresh_actions)
            panel.rows_changed.connect(self.refresh_tab_order)
            self._delivery = panel
        return self._delivery

    # --- accounts and targets --------------------------------------------------------------

    def set_accounts(self, accounts: Sequence[Account]) -> None:
        """Show the connected accounts (none ticked)."""
        self.accounts.set_accounts(accounts)
        self._fill_check_as_networks(accounts, recheck=False)  # re-checked below
        if self._delivery is not None:
            self._delivery.accounts_removed({a.id for a in accounts if a.id is not None})
        # The new rows are shown by Qt a moment later; measure them then.
        QTimer.singleShot(0, self, self._fit_accounts_pane)
        self._request_check()
        self.refresh_tab_order()

    def update_accounts(self, accounts: Sequence[Account]) -> None:
        """The accounts changed elsewhere (command line, another window): show the new list,
        keeping the ticks of accounts that are still there with the same identity."""
        keep = [a.id for a in accounts
                if a.id is not None and any(t.id == a.id and t.persona is a.persona
                                            for t in self.accounts.ticked())]
        self.set_accounts(accounts)
        if keep:
            self.accounts.set_ticked(keep, True)

    def _fit_accounts_pane(self) -> None:
        """Wide enough for every account's handle and its WORK / PERSONAL label: the label
        must never be scrolled out of sight."""
        needed = (self.accounts.minimumSizeHint().width()
                  + self.accounts_scroll.verticalScrollBar().sizeHint().width() + 6)
        self.accounts_scroll.setMinimumWidth(max(300, needed))

    def refresh_tab_order(self) -> None:
        """Tab goes the way the eye reads: what the draft is checked as, the draft, its
        images, the findings and their fixes, the sending report, the accounts, then the Post
        buttons. Parts rebuilt later (finding cards, account rows, the sending report) would
        otherwise join the end of the chain, after the Post buttons."""
        order: list[QWidget] = [self.check_as_persona, self.check_as_network,
                                self.check_as_owner, self.editor, self.attach_button]
        order += self.attachments.chips()
        order += self.findings.focusables()
        if self._delivery is not None:
            order += self._delivery.focusables()
        order += [self.accounts_scroll, *self.accounts.focusables(),
                  self.post_personal_button, self.post_work_at_button, self.post_work_button]
        for before, after in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(before, after)

    def _check_as_was_chosen(self) -> None:
        self._check_as_chosen = True

    def _fill_check_as_networks(self, accounts: Sequence[Account], *,
                                recheck: bool = True) -> None:
        """The "check as" networks: the user's own first (most accounts first), then the
        others. Until the user picks one, the choice is the network they have most accounts
        on (Bluesky without accounts: a network Twofold posts to); a choice the user made is
        kept whatever accounts come and go."""
        counts: dict[Network, int] = {}
        for account in accounts:
            counts[account.network] = counts.get(account.network, 0) + 1
        own = sorted(counts, key=lambda n: -counts[n])  # stable: first-connected wins a tie
        order = own + [n for n in Network if n not in counts]
        combo = self.check_as_network
        current = combo.currentData()
        current = Network(current) if current is not None else None
        if self._check_as_chosen and current is not None:
            wanted = current
        else:
            wanted = own[0] if own else Network.BLUESKY
        combo.blockSignals(True)
        try:
            combo.clear()
            for network in order:
                label = network.display_name
                if network in counts:
                    label += f" (you have {counts[network]})"
                combo.addItem(theme.network_icon(network), label, network)
            combo.setCurrentIndex(combo.findData(wanted))
        finally:
            combo.blockSignals(False)
        if recheck and wanted is not current:
            self._request_check()

    def check_as(self, network: Network, persona: Persona, owner: Owner = Owner.SELF) -> None:
        """Choose what the draft is checked as while no account is ticked (the user's
        choice: kept until they change it)."""
        self._check_as_chosen = True
        self.check_as_network.setCurrentIndex(self.check_as_network.findData(network))
        self.check_as_persona.setCurrentIndex(self.check_as_persona.findData(persona))
        self.check_as_owner.setCurrentIndex(self.check_as_owner.findData(owner))

    def slots(self) -> list[CheckSlot]:
        """What the draft is checked for: the ticked accounts, else the "check as" choice."""
        ticked = self.accounts.ticked(Persona.WORK) + self.accounts.ticked(Persona.PERSONAL)
        if ticked:
            return [CheckSlot.for_account(account) for account in ticked]
        return [CheckSlot(CHECK_AS_KEY, self.check_as_target())]

    def check_as_target(self) -> CheckTarget:
        """The network and identity chosen in "Check as" (used while no account is ticked)."""
        # Combo data comes back from Qt as plain strings; turn them into the enums again.
        return CheckTarget(Network(self.check_as_network.currentData()),
                           Persona(self.check_as_persona.currentData()),
                           Owner(self.check_as_owner.currentData()))

    def counterpart(self, account: Account, persona: Persona) -> Account | None:
        """The account of ``persona`` on the same network that should post instead."""
        return counterpart(self.accounts.accounts(), account, persona)

    # --- the live check ----------------------------------------------------------------------

    def text(self) -> str:
        """The draft's text as typed."""
        return self.editor.toPlainText()

    def _text_changed(self) -> None:
        if self._suggestion is not None and self.suggestion_bar is not None:
            self.suggestion_bar.update_meter(self.text())
        if self._fix_message_shown and not self._applying_fix:
            # "Applied: …" would be stale after an Undo or any other edit.
            self._fix_message_shown = False
            self.status.emit("")
        self._request_check()
        self._autosave.start(AUTOSAVE_MS)

    def _request_check(self) -> None:
        has_ticks = bool(self.accounts.ticked())
        self.check_as_row.setVisible(not has_ticks)
        self.live_check.request(self.text(), self.slots(), self.images,
                                self.tailoring.snapshot())
        self._refresh_actions()

    def request_tailored_check(self) -> None:
        """A network's own text or thread choice changed: check again and autosave."""
        self._request_check()
        self._autosave.start(AUTOSAVE_MS)

    def _show_round(self, check_round: CheckRound) -> None:
        self._round = check_round
        self._shown = group_findings(check_round)
        highlights = []
        if self._shown:  # (the text-unit tables load with the first finding, not at start-up)
            from app.ui.tailoring import main_text_findings
            from app.ui.text_units import Utf16Index

            index = Utf16Index(check_round.text)
            for shown in self._shown:
                if not main_text_findings(check_round, shown):
                    continue  # found in a network's own text: highlighted in its preview
                colour = theme.category_colour(shown.finding.category, self.palette())
                for span in shown.finding.spans:
                    start, end = index.span_to_utf16(span.start, span.end)
                    if end > start:
                        highlights.append(Highlight(start, end, colour, shown.severity,
                                                    shown.finding.message))
        if check_round.text == self.text():
            self.editor.set_highlights(highlights)
        self.tailoring.show_round(check_round, self._shown)
        if self.findings.set_findings(self._shown, self.fix_state, self.checker.may_override,
                                      error=check_round.error, empty_text=self._ok_text(),
                                      overridden=self._is_overridden):
            self.refresh_tab_order()
        self.previews.show_round(check_round)
        self._refresh_actions()
        self.findings_shown.emit(check_round)

    def _ok_text(self) -> str:
        if not self.text().strip():
            return "Start writing: Twofold checks the draft as you type."
        slots = self.slots()
        if len(slots) == 1 and slots[0].account is None:
            target = slots[0].target
            return (f"No problems found for a {target.persona.label.lower()} post on "
                    f"{target.network.display_name}.")
        return f"No problems found for the {len(slots)} ticked " \
               f"{'account' if len(slots) == 1 else 'accounts'}."

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """The desktop switched between light and dark: redraw the highlights and the
        finding colours for the new palette."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._round is not None:
            self.findings.forget_shown()
            self._show_round(self._round)

    def shown_findings(self) -> list[ShownFinding]:
        """The findings on screen now."""
        return list(self._shown)

    # --- fixes -------------------------------------------------------------------------------

    def fix_state(self, shown: ShownFinding, fix: Fix) -> tuple[bool, str]:
        """Whether ``fix`` can be applied now, and if not, why (for the button's tooltip)."""
        context = FixContext(
            text_is_checked=self._round is not None and self._round.text == self.text(),
            accounts=self.accounts.accounts(), compact=self.compact,
            undescribed_images=len(self.attachments.undescribed()))
        return fix_state(context, shown, fix)

    def apply_fix(self, shown: ShownFinding, fix: Fix) -> None:
        """Apply one fix: its text edits as one undo step, then its action."""
        available, reason = self.fix_state(shown, fix)
        if not available:
            self.status.emit(reason)
            return
        if fix.edits and self.tailoring.apply_fix(shown, fix):
            return  # a finding of a network's own text: fixed there
        if fix.edits:
            self._apply_edits(fix)
        if fix.action in ("switch_to_work", "switch_to_personal"):
            self._switch_identity(shown, Persona.WORK if fix.action == "switch_to_work"
                                  else Persona.PERSONAL)
        elif fix.action == "remove_target":
            self.accounts.set_ticked([s.account.id for s in shown.slots
                                      if s.account is not None and s.account.id is not None],
                                     False)
        elif fix.action == "add_image":
            self._attach_image()
        elif fix.action == "describe_image":
            self.describe_images()

    def _apply_edits(self, fix: Fix) -> None:
        from PySide6.QtGui import QTextCursor

        from app.ui.text_units import Utf16Index

        assert self._round is not None
        index = Utf16Index(self._round.text)
        cursor = QTextCursor(self.editor.document())
        self._applying_fix = True
        try:
            cursor.beginEditBlock()
            for edit in sorted(fix.edits, key=lambda e: (e.start, e.end), reverse=True):
                cursor.setPosition(index.to_utf16(edit.start))
                cursor.setPosition(index.to_utf16(edit.end), QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText(edit.text)
            cursor.endEditBlock()
        finally:
            self._applying_fix = False
        self.status.emit(f"Applied: {fix.label} (Ctrl+Z undoes it)")
        self._fix_message_shown = True

    def _switch_identity(self, shown: ShownFinding, persona: Persona) -> None:
        if not self.accounts.ticked():
            self.check_as_persona.setCurrentIndex(self.check_as_persona.findData(persona))
            return
        untick, tick, stuck = [], [], []
        for slot in shown.slots:
            if slot.account is None or slot.account.persona is persona:
                continue
            replacement = self.counterpart(slot.account, persona)
            if replacement is not None:
                untick.append(slot.account.id)
                tick.append(replacement.id)
            else:
                stuck.append(slot.account)
        self.accounts.set_ticked(untick, False)
        self.accounts.set_ticked(tick, True)
        names = ", ".join(theme.account_title(a) for a in self.accounts.ticked(persona)
                          if a.id in tick)
        message = f"Now posting from {persona.label}: {names}."
        if stuck:
            message += (f" Still ticked: {', '.join(theme.account_title(a) for a in stuck)} "
                        f"(no {persona.label} account on that network).")
        self.status.emit(message)

    # --- images --------------------------------------------------------------------------------

    @property
    def images(self) -> list[ImageAttachment]:
        """The images attached to the draft."""
        return self.attachments.images

    @images.setter
    def images(self, images: Sequence[ImageAttachment]) -> None:
        self.attachments.set_images(images)
        self.previews.set_images(images)

    def _show_images(self) -> None:
        self.attachments.refresh()
        self.previews.set_images(self.images)
        if self.images:
            self.refresh_tab_order()

    def _images_changed(self) -> None:
        self.previews.set_images(self.images)
        if self.images:
            self.refresh_tab_order()
        self._text_changed()

    def _attach_image(self) -> None:
        image = self._pick_image(self)
        if image is not None:
            self.attachments.add([image])

    def attach_files(self, paths: Sequence[Path]) -> None:
        """Attach image files (dropped or pasted)."""
        if not self.compact:
            self.attachments.add_files(paths)

    def _attach_pasted(self, picture: object) -> None:
        if not self.compact:
            self.attachments.add_pasted(picture, self._pasted_images_dir)

    def describe_images(self) -> None:
        """Ask for the description of each attached image that has none."""
        self.attachments.describe(lambda image: self._describe_image(self, image))

    # --- drafts ----------------------------------------------------------------------------------

    def open_draft(self, draft: Draft) -> None:
        """Show a saved draft. Its targets are NOT ticked again: the user chooses afresh."""
        self.save_now()
        self.end_suggestion()
        self.draft = dataclasses.replace(draft, images=list(draft.images),
                                         target_account_ids=[])
        self.tailoring.reset()
        self.images = list(draft.images)
        self.refresh_tab_order()
        self.override_reason = ""
        self._overridden = frozenset()
        self.accounts.clear_ticks()
        self.editor.setPlainText(draft.text)
        self._autosave.stop()
        self._show_earlier_deliveries(draft)
        self.editor.focus_at_end()

    def _show_earlier_deliveries(self, draft: Draft) -> None:
        """A draft that was already sent to some accounts shows how each stands, with
        "Retry failed" for the ones that did not get it."""
        lookup = getattr(self.drafts, "deliveries", None)
        if self.posting or lookup is None or draft.id is None:
            return
        try:
            updates = lookup(draft.id)
        except Exception:  # the draft opens anyway; the outbox is shown when readable
            return
        known = {a.id: a for a in self.accounts.accounts()}
        updates = [u for u in updates if u.account_id in known]
        if not updates:
            if self._delivery is not None and not self._delivery.running:
                self._delivery.hide()
            return
        accounts = [known[u.account_id] for u in updates]
        self._posted_draft = dataclasses.replace(draft)
        self._posted_accounts = accounts
        self.delivery.start(accounts, draft.text)
        for update in updates:
            self.delivery.apply(update)
        self.delivery.set_running(False)

    def new_draft(self) -> None:
        """Save the current draft and start an empty one with nothing ticked."""
        self.save_now()
        self.end_suggestion()
        self.draft = Draft()
        self.tailoring.reset()
        self.images = []
        self.override_reason = ""
        self._overridden = frozenset()
        self.accounts.clear_ticks()
        self.editor.clear()
        self._autosave.stop()
        if not self.posting and self._delivery is not None:
            self._delivery.hide()
        self.editor.setFocus()

    # --- sharing a suggestion (opened from the "Asked to share" inbox) ---------------------

    def open_suggestion(self, plan: SharePlan) -> None:
        """Open a suggestion to share from Work: its text with the disclosure first, only the
        Work accounts ticked, the personal accounts locked for this one post (unless the user
        unlocks them in the bar), the promotion budget and the "make it mine" meter."""
        self.new_draft()
        self._suggestion = plan
        bar = self._suggestion_bar()
        bar.show_plan(plan)
        self.accounts.lock_persona(Persona.PERSONAL, PERSONAL_LOCKED)
        self.images = [ImageAttachment(path) for path in plan.images]
        self._show_images()
        for problem in plan.problems:
            self.status.emit(problem)
        self.editor.setPlainText(plan.text)
        bar.update_meter(plan.text)
        # The user's own Work accounts: the suggestion is shared as an employee (the brand's
        # account, where the user runs one, can be ticked by hand).
        work = [a for a in self.accounts.accounts() if a.persona is Persona.WORK]
        own = [a for a in work if a.owner is Owner.SELF] or work
        self.accounts.set_ticked([a.id for a in own])
        self.editor.setFocus()

    @property
    def suggestion(self) -> SharePlan | None:
        """The suggestion being shared, if any."""
        return self._suggestion

    def end_suggestion(self) -> None:
        """Stop sharing a suggestion (the text stays): the bar goes, the lock is lifted."""
        self._suggestion = None
        if self.suggestion_bar is not None:
            self.suggestion_bar.hide()
        self.accounts.lock_persona(Persona.PERSONAL, "")

    def _suggestion_bar(self) -> SuggestionBar:
        if self.suggestion_bar is None:
            from app.ui.widgets.suggestion_bar import SuggestionBar

            bar = SuggestionBar(self._left)
            self._left_layout.insertWidget(1, bar)
            bar.unlock_changed.connect(
                lambda unlocked: self.accounts.lock_persona(
                    Persona.PERSONAL, "" if unlocked else PERSONAL_LOCKED))
            bar.dismissed.connect(self.end_suggestion)
            self.suggestion_bar = bar
        return self.suggestion_bar

    def _autosave_due(self) -> None:
        if not getattr(self.drafts, "ready", True):
            # The store is still opening on a worker: never wait for it on the UI thread.
            self._autosave.start(AUTOSAVE_RETRY_MS // 10)
            return
        self.save_now()

    def save_now(self) -> Draft | None:
        """Autosave the draft now (no-op for an untouched empty draft); None on failure."""
        self._autosave.stop()
        if self.drafts is None:
            return None
        text = self.text()
        if not text and self.draft.id is None and not self.images:
            return None
        self.draft.text = text
        self.draft.images = list(self.images)
        self.draft.target_account_ids = [a.id for a in self.accounts.ticked()
                                         if a.id is not None]
        try:
            saved = self.drafts.save_draft(dataclasses.replace(self.draft))
        except Exception as error:  # the text stays in the editor; try again shortly
            kept = getattr(error, "saved", None)  # the store's DraftConflictError
            if isinstance(kept, Draft):
                # Another window or the command line saved this draft meanwhile: our text
                # became a new draft, and the composer goes on with that one.
                self.status.emit(str(error))
                self._adopt_saved(kept)
                return kept
            self.status.emit(f"Could not save the draft ({type(error).__name__}: {error}). "
                             "Your text is still here; Twofold tries again in a few seconds.")
            self._autosave.start(AUTOSAVE_RETRY_MS)
            return None
        self._adopt_saved(saved)
        return saved

    def _adopt_saved(self, saved: Draft) -> None:
        self.draft.id = saved.id
        self.draft.updated_at = saved.updated_at
        self.draft.revision = saved.revision  # the next save builds on this one
        self.draft_saved.emit(saved)

    # --- posting --------------------------------------------------------------------------

    def _refresh_actions(self) -> None:
        work = self.accounts.ticked(Persona.WORK)
        personal = self.accounts.ticked(Persona.PERSONAL)
        work_ok, work_why = self._can_post(work, Persona.WORK)
        personal_ok, personal_why = self._can_post(personal, Persona.PERSONAL)
        self.post_work_button.setEnabled(work_ok)
        self.post_work_at_button.setEnabled(work_ok and self.schedule is not None)
        # The Ctrl+Enter action stays enabled so a keyboard user hears why nothing was sent.
        self.post_personal_button.setEnabled(personal_ok)
        self.post_work_button.setText(
            f"Post to Work ({len(work)})" if len(work) > 1 else "Post to Work")
        self.post_personal_button.setText(
            f"Post to Personal ({len(personal)})…" if len(personal) > 1 else
            "Post to Personal…")
        self.post_personal_button.setToolTip(personal_why or
                                             "Posts to the ticked personal accounts only.")
        if work or not personal:
            self.action_label.setText(self._ready_text(work) if work_ok else work_why)
        elif personal_ok:  # only personal accounts ticked: say what each button would do
            self.action_label.setText(
                f"Only PERSONAL accounts are ticked: Post to Personal… sends to "
                f"{self._names(personal)} after you confirm. Post to Work needs a ticked Work "
                "account.")
        else:
            self.action_label.setText(f"Only PERSONAL accounts are ticked. {personal_why}")

    @staticmethod
    def _names(accounts: Sequence[Account]) -> str:
        return ", ".join(theme.account_title(a) for a in accounts)

    def _ready_text(self, work: Sequence[Account]) -> str:
        return f"Post to Work sends to {self._names(work)} only."

    def set_posting_refused(self, reason: str) -> None:
        """Turn posting off with ``reason`` (the organisation's policy cannot be read), or on
        again with ""; the check still runs as the user types."""
        self._posting_refused = reason
        self._refresh_actions()

    def _can_post(self, targets: Sequence[Account], persona: Persona) -> tuple[bool, str]:
        return can_post(self._posting_state(), targets, persona)

    def _posting_state(self) -> PostingState:
        return PostingState(
            refused=self._posting_refused, posting=self.posting,
            has_poster=self.poster is not None,
            has_accounts=bool(self.accounts.accounts()),
            has_content=bool(self.text().strip() or self.images), check_round=self._round,
            shown=self._shown, override_reason=self.override_reason,
            overridden=self._overridden, may_override=self.checker.may_override)

    def post_to_work(self) -> None:
        """Post to the ticked WORK accounts, never a personal one."""
        self._post(Persona.WORK)

    def post_to_personal(self) -> None:
        """Post to the ticked PERSONAL accounts (always confirmed)."""
        self._post(Persona.PERSONAL)

    def post_to_work_at(self) -> None:
        """Schedule the draft for the ticked WORK accounts: the same checks and
        confirmation as Post to Work, then a date and time (quiet hours applied)."""
        if self.schedule is None:
            return
        prepared = self._prepare(Persona.WORK, scheduling=True)
        if prepared is None:
            return
        targets, override, request = prepared
        book = self.schedule

        draft_id = self.draft.id

        def read() -> tuple[Any, list[str], Any]:
            # A scheduled post opened with Edit waits (held) at its time: the picker starts
            # there, so scheduling it again keeps its time unless the user moves it.
            waiting = book.scheduled_for_draft(draft_id) if draft_id is not None else []
            initial = min((post.due_at for post in waiting), default=None)
            return book.quiet_rules(), book.usual_times(), initial

        def picked(found: tuple[Any, list[str], Any]) -> None:
            rules, usual, initial = found
            plan = self._ask_time(self, book, rules, usual, work=True, initial=initial)
            if plan is None:
                self.status.emit("Not scheduled. Nothing was queued.")
                return
            self._confirm_schedule(targets, override, request, plan)

        self.runner.run(read, on_done=picked,
                        on_error=lambda error: self.status.emit(
                            f"Scheduling is not available right now ({error})."), context=self)

    def _confirm_schedule(self, targets: list[Account], override: str, request: Any,
                          plan: Any) -> None:
        """Check the post as of its due time (on a worker), then ask with THOSE warnings: a
        promotion budget or quiet hours that only bite at that time are confirmed, not
        accepted silently."""
        book = self.schedule
        assert book is not None
        text = self.text()
        draft = dataclasses.replace(
            self.draft, text=text, images=list(self.images),
            variants=dict(self.draft.variants), thread_networks=list(self.draft.thread_networks),
            target_account_ids=[a.id for a in targets if a.id is not None])

        def checked(results: dict[int, Any]) -> None:
            if self.text() != text:  # typed on while it was checked: ask about this text
                self.status.emit("The text changed; choose Post to Work at… again. Nothing "
                                 "was queued.")
                return
            from app.ui.dialogs.confirm import confirmation_reasons

            dated = dataclasses.replace(
                request, when=book.describe(plan.due.utc),
                warnings=due_time_warnings(request.warnings, results, targets))
            if confirmation_reasons(dated) and not self._confirm(self, dated):
                self.status.emit("Not scheduled. Nothing was queued.")
                return
            self._schedule(targets, override, plan, confirmed=True)

        self.runner.run(lambda: book.check_at(draft, targets, plan.due), on_done=checked,
                        on_error=lambda error: self.status.emit(
                            f"Not scheduled: it could not be checked for that time ({error})."),
                        context=self)

    def _schedule(self, targets: list[Account], override: str, plan: Any, *,
                  confirmed: bool) -> None:
        saved = self.save_now()
        draft = dataclasses.replace(saved or self.draft, text=self.text(),
                                    images=list(self.images),
                                    target_account_ids=[a.id for a in targets
                                                        if a.id is not None])
        book = self.schedule

        def work() -> Any:
            return book.schedule(draft, targets, plan.due, confirm_warnings=confirmed,
                                 override_reason=override)

        def done(posts: Any) -> None:
            when = book.describe(plan.due.utc)
            notes = " ".join(plan.notes)
            self.status.emit(f"Scheduled for {when} to {self._names(targets)}. "
                             f"{notes} It is checked again when it is due "
                             "(Post › Scheduled posts).".replace("  ", " "))
            if self.text() == draft.text and self.draft.id == draft.id:
                self.draft = Draft()
                self.images = []
                self.editor.clear()
                self._autosave.stop()
            self.accounts.clear_ticks()
            self.override_reason = ""
            self._overridden = frozenset()
            self._refresh_actions()
            self.scheduled.emit(posts)

        def failed(error: BaseException) -> None:
            # The reason stays beside the buttons (not a box to click away); nothing was
            # queued and the draft is still here.
            message = f"Not scheduled: {error}"
            self.status.emit(message)
            self.action_label.setText(message)

        self.runner.run(work, on_done=done, on_error=failed, context=self)

    def _prepare(self, persona: Persona, *, scheduling: bool = False
                 ) -> tuple[list[Account], str, Any] | None:
        """The checks Post and "Post to Work at…" share: the targets, the override reason in
        force and the confirmation request; None (with a status line) when it may not go."""
        targets = [a for a in self.accounts.ticked(persona) if a.persona is persona]
        ok, why = self._can_post(targets, persona)
        if not ok:
            self.status.emit(why)
            return None
        check_round = self.live_check.run_now()  # findings of exactly this text
        ok, why = self._can_post(targets, persona)
        if not ok:
            self.status.emit(why)
            return None
        ids = {a.id for a in targets}
        mine = [s for s in group_findings(check_round)
                if any(slot.account is not None and slot.account.id in ids
                       for slot in s.slots)]
        blocking = [s for s in mine if s.severity is Severity.BLOCK]
        override = self.override_reason if blocking else ""
        warnings = [s for s in mine if s.severity is Severity.WARN]
        from app.ui.dialogs.confirm import ConfirmRequest, group_deliveries

        # What each account really gets, as checked: its network's own text, or the posts
        # of its thread (the engine sends exactly these).
        slots = {slot.account.id: slot for slot in check_round.slots
                 if slot.account is not None}
        received: list[tuple[Account, str, Sequence[str]]] = []
        for account in targets:
            slot = slots.get(account.id)
            if slot is None:  # not in this round (cannot happen: targets are ticked)
                received.append((account, check_round.text, ()))
                continue
            received.append((account, check_round.text_for(slot),
                             check_round.parts.get(slot.key, ())))
        request = ConfirmRequest(targets, warnings, override, check_round.text,
                                 list(self.images), deliveries=group_deliveries(received))
        return targets, override, request

    def _post(self, persona: Persona) -> None:
        prepared = self._prepare(persona)
        if prepared is None:
            return
        targets, override, request = prepared
        from app.ui.dialogs.confirm import confirmation_reasons

        if self._delivery is not None and not self._delivery.running:
            # The report of an earlier post must not stand next to this one's outcome.
            self._delivery.hide()
        if confirmation_reasons(request) and not self._confirm(self, request):
            self.status.emit("Not posted. Nothing was sent.")
            return
        self._send(targets, override or None)

    def _is_overridden(self, shown: ShownFinding) -> bool:
        """Whether the user's typed reason covers this block finding."""
        return (shown.severity is Severity.BLOCK and bool(self.override_reason)
                and block_key(shown) in self._overridden)

    def _reason_covers(self, blocking: Sequence[ShownFinding]) -> bool:
        return all(block_key(s) in self._overridden for s in blocking)

    def _override_requested(self, shown: ShownFinding) -> None:
        blocking = [s for s in self._shown if s.severity is Severity.BLOCK]
        if not all(self.checker.may_override(s.finding) for s in blocking):
            self.status.emit("Another problem cannot be overridden; fix it first.")
            return
        reason = self._ask_override(self, blocking)
        if reason:
            self.override_reason = reason
            self._overridden = frozenset(block_key(s) for s in blocking)
            self.status.emit("Reason noted. Posting is enabled; the confirmation shows your "
                             "reason.")
            if self._round is not None:
                self._show_round(self._round)  # the cards and the summary say "overridden"
        self._refresh_actions()

    def _send(self, targets: list[Account], override_reason: str | None) -> None:
        assert self.poster is not None
        saved = self.save_now()
        draft = dataclasses.replace(saved or self.draft, text=self.text(),
                                    images=list(self.images),
                                    target_account_ids=[a.id for a in targets
                                                        if a.id is not None])
        self._posted_draft = draft
        self._posted_accounts = list(targets)
        self._posted_suggestion = self._suggestion
        self.accounts.clear_ticks()  # nothing carries over to the next post
        self.sending.send(self.poster, draft, targets, override_reason)
        self._refresh_actions()

    def retry_failed(self) -> None:
        """Send again to the accounts that failed, and only those."""
        if (self.posting or self.poster is None or self._posted_draft is None
                or self._delivery is None):
            return
        if self.sending.retry(self.poster, self._posted_draft):
            self._refresh_actions()

    def cancel_sending(self) -> None:
        """Stop the send or retry under way (see ``Sender.cancel``)."""
        self.sending.cancel()

    @property
    def posting(self) -> bool:
        """Whether a post or retry is running."""
        return self.sending.running

    def _open_link(self, url: str) -> None:
        """Open a post or a share page; when no browser opens, say so and offer the link."""
        if self._open_url(url) is False:
            self.delivery.link_fallback.show_for(url)
            self.status.emit("No web browser opened the link; use “Copy link”.")

    def _known_account_ids(self) -> set[int]:
        return {a.id for a in self.accounts.accounts() if a.id is not None}

    def _finish_delivery(self) -> None:
        """The run is over: finish the draft when every account has it, say how it went."""
        draft = self._posted_draft
        rows = list(self.delivery.rows.values())
        sent = sum(1 for r in rows if r.state == DeliveryState.SENT)
        shared = self._posted_suggestion
        if shared is not None and sent:
            self._posted_suggestion = None
            self.suggestion_shared.emit(shared.suggestion_id,
                                        draft.id if draft is not None else None)
            if self._suggestion is shared and self.delivery.all_sent():
                self.end_suggestion()
        if self.delivery.all_sent() and draft is not None:
            if draft.id is not None and self.drafts is not None:
                try:
                    self.drafts.finish_draft(draft.id)
                except Exception as error:  # the post went out; an old draft is harmless
                    self.status.emit(f"Posted, but the draft could not be removed "
                                     f"({type(error).__name__}).")
            if self.text() == draft.text and self.draft.id == draft.id:
                self.draft = Draft()
                self.tailoring.reset()
                self.images = []
                self.editor.clear()
                self._autosave.stop()
            self.override_reason = ""
            self._overridden = frozenset()
            self.status.emit(f"Posted to {sent} {'account' if sent == 1 else 'accounts'}.")
        elif self.delivery.retryable_ids():
            self.status.emit(f"Posted to {sent} of {len(rows)} accounts. Use “Retry failed”, "
                             "or open the failed ones in the browser.")
        else:
            self.status.emit(f"Posted to {sent} of {len(rows)} accounts; the sending report "
                             "says why the others were not.")
        self._refresh_actions()
        self.delivery_finished.emit([DeliveryUpdate(r.account.id or 0, r.state, "", r.url)
                                     for r in rows])

    def finding_for(self, rule: str) -> Finding | None:
        """The first finding on screen with this rule id (tests, accessibility helpers)."""
        return next((s.finding for s in self._shown if s.finding.rule == rule), None)
