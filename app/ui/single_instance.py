"""The running window's side of "one Twofold per profile": a ``QLocalServer`` that takes the
requests of later launches (see ``app/instance.py`` for the lock and the client)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from app.instance import REPLY_OK, REQUESTS, InstanceAddress

log = logging.getLogger(__name__)

MAX_REQUEST_BYTES = 256


class InstanceServer(QObject):
    """Listens for later launches of the same profile.

    Signals:
        requested(str): a later launch asked for ``show`` or ``quick-post``. The answer
            ``ok`` is sent after the receivers ran, so the caller returns once it is done.
    """

    requested = Signal(str)

    def __init__(self, address: InstanceAddress, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.address = address
        self._server = QLocalServer(self)
        # Only this user may connect (the socket file is made 0700 on Unix).
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Start listening. The caller holds the profile lock, so a socket file already
        there is one a crashed window left behind: it is removed first."""
        QLocalServer.removeServer(self.address.server_name)
        if self._server.listen(self.address.server_name):
            return True
        log.warning("single instance: cannot listen (%s); later launches open their own "
                    "window", self._server.errorString())
        return False

    def close(self) -> None:
        """Stop listening and remove the socket file."""
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            if connection is None:
                return
            connection.readyRead.connect(lambda c=connection: self._read(c))
            connection.disconnected.connect(connection.deleteLater)
            if connection.canReadLine():
                self._read(connection)

    def _read(self, connection: QLocalSocket) -> None:
        if not connection.canReadLine():
            if connection.bytesAvailable() > MAX_REQUEST_BYTES:
                connection.abort()
            return
        request = bytes(connection.readLine(MAX_REQUEST_BYTES).data()).decode(
            "utf-8", "replace").strip()
        if request in REQUESTS:
            self.requested.emit(request)
            connection.write(f"{REPLY_OK}\n".encode())
        else:
            connection.write(b"unknown request\n")
        connection.flush()
        connection.disconnectFromServer()
