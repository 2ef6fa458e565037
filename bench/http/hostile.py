#!/usr/bin/env python3
"""The server's memory under hostile bodies (issue 14), through real sockets.

    bench/http/hostile.py PORT PID TOKEN SLUG

Sends each body to the running `dagbok serve` (process PID), stops sending
when the server answers or closes, and prints what the server answered, how
much of the body it took and its resident memory (VmRSS) and peak (VmHWM)
after each. Python 3 standard library only."""
import socket
import sys
import time
import zlib

MiB = 1024 * 1024


def memory(pid):
    out = {"VmRSS": "gone", "VmHWM": "gone"}  # the server died
    try:
        f = open(f"/proc/{pid}/status")
    except FileNotFoundError:
        return out
    with f:
        for line in f:
            if line.startswith(("VmRSS", "VmHWM")):
                k, v = line.split(":")
                out[k] = int(v.split()[0]) // 1024
    return out


def send_body(port, head, pieces):
    """head (bytes), then the pieces until the server answers; (status, taken)."""
    s = socket.create_connection(("127.0.0.1", port))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 64 * 1024)
    s.sendall(head)
    taken = 0
    s.settimeout(10)
    try:
        for p in pieces:
            # an answer (or a close) ends the sending
            s.setblocking(False)
            try:
                if s.recv(1, socket.MSG_PEEK) is not None:
                    break
            except BlockingIOError:
                pass
            s.settimeout(10)
            s.sendall(p)
            taken += len(p)
    except (BrokenPipeError, ConnectionResetError, socket.timeout):
        pass
    s.settimeout(10)
    answer = b""
    try:
        while b"\r\n" not in answer:
            chunk = s.recv(4096)
            if not chunk:
                break
            answer += chunk
    except (ConnectionResetError, socket.timeout):
        pass
    s.close()
    status = answer.split(b" ")[1].decode() if answer.startswith(b"HTTP/1.") else "(closed)"
    return status, taken


def repeat(piece, total):
    for _ in range(total // len(piece)):
        yield piece


def chunked(piece, total):
    framed = b"%x\r\n" % len(piece) + piece + b"\r\n"
    for _ in range(total // len(piece)):
        yield framed


def gzip_bomb(unpacked):
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(MiB)
    out = b"".join(z.compress(zeros) for _ in range(unpacked // MiB)) + z.flush()
    return out


def main():
    port, pid, token, slug = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    login = b"POST /api/v1/auth/login HTTP/1.1\r\nHost: b\r\nContent-Type: application/json\r\n"
    receipts = (f"POST /api/v1/companies/{slug}/receipts HTTP/1.1\r\nHost: b\r\n"
                f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n").encode()
    bomb = gzip_bomb(512 * MiB)
    deep = (b'{"id":"DEEP","register":"K1","time":"2026-11-21T10:00:00+01:00","operator":'
            + b"[" * 200000 + b"]" * 200000 + b',"lines":[],"payments":[]}')
    cases = [
        ("chunked 300 MiB to login", login + b"Transfer-Encoding: chunked\r\n\r\n",
         chunked(b" " * (64 * 1024), 300 * MiB)),
        ("no length 380 MB to login", login + b"Connection: close\r\n\r\n", repeat(b" " * (64 * 1024), 380 * MiB)),
        (f"gzip {len(bomb) // 1024} KiB unpacking to 512 MiB to login",
         login + b"Content-Encoding: gzip\r\nContent-Length: %d\r\n\r\n" % len(bomb), [bomb]),
        ("31 MiB of [ to receipts (Content-Length)", receipts + b"Content-Length: %d\r\n\r\n" % (31 * MiB),
         repeat(b"[" * MiB, 31 * MiB)),
        ("7 MiB of [ to receipts", receipts + b"Content-Length: %d\r\n\r\n" % (7 * MiB), repeat(b"[" * MiB, 7 * MiB)),
        ("operator nested 200,000 deep", receipts + b"Content-Length: %d\r\n\r\n" % len(deep), [deep]),
    ]
    print(f"{'body':<44} {'answer':>7} {'taken MiB':>10} {'RSS MB':>7} {'peak MB':>8}")
    for name, head, pieces in cases:
        status, taken = send_body(port, head, pieces)
        time.sleep(0.2)
        m = memory(pid)
        print(f"{name:<44} {status:>7} {taken / MiB:>10.1f} {m['VmRSS']:>7} {m['VmHWM']:>8}", flush=True)


if __name__ == "__main__":
    main()
