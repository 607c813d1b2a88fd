"""A TCP proxy in front of PostgreSQL, for tests of what the portal does when its database goes
away: it can cut every connection and refuse new ones (``cut``), or take new ones and never
answer, as a server that is down behind a network that drops its packets (``cut(silent=True)``),
let connections through again (``resume``), and cut the one connection that sends given
statements, before the last one reaches the server or just after the server has answered it
(``cut_when``).

One thread runs a selector over every socket; the test thread asks it to do things and waits
until they are done, so a ``cut()`` has closed every connection when it returns.
"""

import contextlib
import queue
import selectors
import socket
import threading

# Enough of what a connection sent last to find a statement split over two reads.
TAIL = 512


class Trigger:
    """Cut the connection that sends ``patterns`` in this order (one-shot)."""

    def __init__(self, patterns, *, after_reply):
        self.patterns = [p.encode() if isinstance(p, str) else p for p in patterns]
        self.after_reply = after_reply
        self.fired = threading.Event()


class _Pair:
    def __init__(self, client, server):
        self.client, self.server = client, server
        self.trigger, self.progress, self.tail = None, 0, b""
        self.cut_on_reply = False


class PostgresProxy:
    def __init__(self, upstream=("127.0.0.1", 5432)):
        self.upstream = upstream
        self.port = None
        self.accepted = 0
        self._listener = None
        self._pairs = {}
        self._silent = False
        self._held = set()  # connections taken while silent, never answered
        self._trigger = None
        self._running = True
        self._calls = queue.SimpleQueue()
        self._selector = selectors.DefaultSelector()
        self._wake_read, self._wake_write = socket.socketpair()
        self._selector.register(self._wake_read, selectors.EVENT_READ)
        self._thread = threading.Thread(target=self._loop, name="postgres-proxy", daemon=True)

    # --- What the test asks ----------------------------------------------------------------

    def start(self):
        self._listen()
        self._thread.start()
        return self

    def stop(self):
        self._call(self._stop)
        self._thread.join(timeout=5)
        self._wake_read.close()
        self._wake_write.close()

    def cut(self, *, silent=False):
        """Close every connection; then refuse new ones, or (``silent``) take them and never
        answer."""
        self._call(lambda: self._cut(silent=silent))

    def resume(self):
        """Let new connections through again, on the same port."""
        self._call(self._resume)

    def cut_when(self, *patterns, after_reply=False):
        """Cut the connection that sends ``patterns`` (in this order): before the last one
        reaches the server, or (``after_reply``) once the server has answered it, dropping the
        answer."""
        trigger = Trigger(patterns, after_reply=after_reply)
        self._call(lambda: setattr(self, "_trigger", trigger))
        return trigger

    @property
    def open_connections(self):
        return len(self._pairs) // 2

    # --- The proxy's thread ------------------------------------------------------------------

    def _call(self, function):
        done = threading.Event()
        self._calls.put((function, done))
        self._wake_write.send(b".")
        if not done.wait(timeout=10):
            raise RuntimeError("The proxy did not answer.")

    def _loop(self):
        while self._running:
            for key, _events in self._selector.select(timeout=1):
                sock = key.fileobj
                if sock is self._wake_read:
                    sock.recv(4096)
                    while not self._calls.empty():
                        function, done = self._calls.get()
                        function()
                        done.set()
                elif self._listener is not None and sock is self._listener:
                    self._accept()
                elif sock in self._pairs:  # not closed by an event before it
                    self._relay(sock)
                elif sock in self._held:
                    self._swallow(sock)
        self._selector.close()

    def _listen(self):
        if self._listener is not None:
            return
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port or 0))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        self._selector.register(listener, selectors.EVENT_READ)

    def _cut(self, *, silent=False):
        self._silent = silent
        if self._listener is not None and not silent:
            self._selector.unregister(self._listener)
            self._listener.close()
            self._listener = None
        for pair in set(self._pairs.values()):
            self._close(pair)

    def _resume(self):
        self._silent = False
        self._release_held()
        self._listen()

    def _release_held(self):
        for sock in list(self._held):
            self._selector.unregister(sock)
            self._held.discard(sock)
            sock.close()

    def _stop(self):
        self._release_held()
        self._cut()
        self._running = False

    def _accept(self):
        client, _address = self._listener.accept()
        if self._silent:
            self._held.add(client)
            self._selector.register(client, selectors.EVENT_READ)
            return
        try:
            server = socket.create_connection(self.upstream, timeout=5)
        except OSError:
            client.close()
            return
        pair = _Pair(client, server)
        for sock in (client, server):
            sock.settimeout(None)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._pairs[sock] = pair
            self._selector.register(sock, selectors.EVENT_READ)
        self.accepted += 1

    def _close(self, pair):
        for sock in (pair.client, pair.server):
            if self._pairs.pop(sock, None) is not None:
                self._selector.unregister(sock)
            with contextlib.suppress(OSError):  # already closed by the other side
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _swallow(self, sock):
        try:
            data = sock.recv(65536)
        except OSError:
            data = b""
        if not data:  # the client gave up
            self._selector.unregister(sock)
            self._held.discard(sock)
            sock.close()

    def _fire(self, pair):
        trigger, self._trigger = self._trigger, None
        self._close(pair)
        trigger.fired.set()

    def _relay(self, sock):
        pair = self._pairs[sock]
        try:
            data = sock.recv(65536)
        except OSError:
            data = b""
        if not data:
            self._close(pair)
            return
        if sock is pair.server and pair.cut_on_reply:
            self._fire(pair)  # the server has answered; the client never hears it
            return
        if sock is pair.client and self._sends_last_pattern(pair, data):
            if not self._trigger.after_reply:
                self._fire(pair)  # the statement never reaches the server
                return
            pair.cut_on_reply = True
        try:
            (pair.server if sock is pair.client else pair.client).sendall(data)
        except OSError:
            self._close(pair)

    def _sends_last_pattern(self, pair, data):
        trigger = self._trigger
        if trigger is None:
            return False
        if pair.trigger is not trigger:
            pair.trigger, pair.progress, pair.tail = trigger, 0, b""
        window = pair.tail + data
        pair.tail = window[-TAIL:]
        position = 0
        while pair.progress < len(trigger.patterns):
            found = window.find(trigger.patterns[pair.progress], position)
            if found < 0:
                return False
            position = found + len(trigger.patterns[pair.progress])
            pair.progress += 1
        return True
