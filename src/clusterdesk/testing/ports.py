"""A free TCP port on 127.0.0.1 for a server a test or a benchmark starts (granian, an SMTP sink)."""

import socket

__all__ = ["free_port"]


def free_port() -> int:
    """A port no one listens on now: the operating system picks it (another process may take it before use)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
