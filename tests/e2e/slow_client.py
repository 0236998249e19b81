#!/usr/bin/env python3
"""Slow and stalled clients against a running `vigil serve` (loopback only).

Used by slow_client_test.sh, which starts the server with --threads and
--io-timeout and passes them here. Every request loop is bounded in count and
time. Prints one "ok: ..." or "FAIL: ..." line per check; exits 1 on any
failure.

  slow_client.py --port P --threads N --io-timeout S
"""

import argparse
import socket
import sys
import time

HOST = "127.0.0.1"
failures = 0


def check(ok, what):
    global failures
    if ok:
        print("ok: " + what, flush=True)
    else:
        failures += 1
        print("FAIL: " + what, flush=True)


def connect(port, rcvbuf=None):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.settimeout(60)
    s.connect((HOST, port))
    return s


def get(port, path, timeout=30):
    """One whole request on a new connection; returns (status, seconds)."""
    t0 = time.monotonic()
    s = connect(port)
    s.settimeout(timeout)
    try:
        s.sendall(("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                   % path).encode())
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except OSError as e:
        return ("error: %s" % e, time.monotonic() - t0)
    finally:
        s.close()
    line = data.split(b"\r\n", 1)[0].decode("latin-1")
    parts = line.split(" ")
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else line
    return (status, time.monotonic() - t0)


def closed_after(sock, limit):
    """Waits up to |limit| s for the server to close |sock|; returns the
    seconds it took (None if still open). Bytes the server sends before
    closing (an error response) are read and ignored."""
    t0 = time.monotonic()
    sock.settimeout(0.2)
    while time.monotonic() - t0 < limit:
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            continue
        except OSError:  # reset
            return time.monotonic() - t0
        if not chunk:
            return time.monotonic() - t0
    return None


def answered_quickly(port, n, bound, what):
    """n requests one after another, each must be a 200 within |bound| s."""
    worst = 0.0
    bad = []
    for i in range(n):
        status, secs = get(port, "/api/stats" if i % 2 else "/api/events?limit=20")
        worst = max(worst, secs)
        if status != 200 or secs > bound:
            bad.append((status, round(secs, 3)))
    check(not bad, "%s: %d requests answered 200, slowest %.3f s (bound %.1f s)%s"
          % (what, n, worst, bound, "" if not bad else ", bad: %s" % bad[:5]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--threads", type=int, required=True)
    ap.add_argument("--io-timeout", type=float, required=True)
    args = ap.parse_args()
    port, threads, timeout = args.port, args.threads, args.io_timeout
    if threads < 4:
        ap.error("--threads must be 4 or more (three clients stall at once)")
    # How long a stalled client holds a worker thread: a half-sent request
    # is answered 400 after the I/O timeout, and the connection then ends
    # within the keep-alive wait (the I/O timeout, at most 5 s). A client
    # that sends nothing is dropped after the keep-alive wait alone. The
    # server is allowed |slack| more (a busy 2-core machine, sanitizers).
    keep_alive = min(5.0, timeout)
    hold = timeout + keep_alive
    slack = 3.0
    fast = 2.0  # bound for an answer when a worker thread is free

    status, _ = get(port, "/api/stats")
    check(status == 200, "server answers before the test (%s)" % status)

    # 1. Half requests: a request line and part of the headers, then nothing,
    # and a connection that sends nothing at all; below, a reader that stops
    # reading. Fewer stalled clients than --threads leave a worker free for
    # everyone else.
    half = []
    for i in range(threads - 3):
        s = connect(port)
        s.sendall(b"GET /api/events?limit=5 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Stall: ")
        half.append(s)
    silent = connect(port)
    time.sleep(0.3)
    answered_quickly(port, 20, fast, "with %d half-sent requests and a silent connection "
                     "stalled on %d threads" % (threads - 3, threads))

    # 2. A reader that stops reading: a large answer (the export of every
    # event, several times the socket buffers) to a client with a tiny
    # receive buffer that reads one chunk and then nothing.
    reader = connect(port, rcvbuf=2048)
    reader.sendall(b"GET /api/export?format=geojson&include_rejected=true HTTP/1.1\r\n"
                   b"Host: 127.0.0.1\r\nConnection: close\r\n\r\n")
    reader.settimeout(10)
    first = reader.recv(1024)
    check(first.startswith(b"HTTP/1.1 200"), "stalled reader got the start of its answer")

    # Everyone else is still answered while these stall (the reader's
    # worker is blocked in a write, the half requests' in reads).
    answered_quickly(port, 10, fast, "while a reader stalls too")

    # 3. The server closes each stalled connection after its timeout.
    t_stalled = time.monotonic()
    secs = [closed_after(s, hold + slack) for s in half]
    check(all(x is not None for x in secs),
          "half-sent requests closed by the server within %.0f+%.0f+%.0f s (%s)"
          % (timeout, keep_alive, slack,
             ", ".join("%.1f" % x if x is not None else "open" for x in secs)))
    left = max(0.1, keep_alive + slack - (time.monotonic() - t_stalled))
    secs = closed_after(silent, left)
    check(secs is not None, "a connection that never sent a byte is closed within %.0f+%.0f s"
          % (keep_alive, slack))
    # The reader: the answer is cut (the server gave up writing), so it sees
    # the end of the stream before all of the body, within the bound.
    got = len(first)
    reader.settimeout(0.5)
    t0 = time.monotonic()
    # Wait (without reading) until the server must have timed out, then
    # drain what the socket buffers hold.
    time.sleep(max(0.0, hold + slack - (time.monotonic() - t_stalled)))
    eof = False
    while time.monotonic() - t0 < hold + slack + 10:
        try:
            chunk = reader.recv(65536)
        except socket.timeout:
            break
        except OSError:
            eof = True
            break
        if not chunk:
            eof = True
            break
        got += len(chunk)
    status, _ = get(port, "/api/export?format=geojson&include_rejected=true", timeout=60)
    full_status, full_len = status, 0
    s = connect(port)
    s.sendall(b"GET /api/export?format=geojson&include_rejected=true HTTP/1.1\r\n"
              b"Host: 127.0.0.1\r\nConnection: close\r\n\r\n")
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        full_len += len(chunk)
    s.close()
    check(full_status == 200 and eof and got < full_len,
          "stalled reader cut off: %d of %d bytes, then end of stream" % (got, full_len))
    for s in half + [silent, reader]:
        s.close()

    # 4. More stalled clients than threads: the others wait, but no longer
    # than the timeout (plus slack), and are then answered.
    many = []
    for i in range(2 * threads):
        s = connect(port)
        s.sendall(b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        many.append(s)
    time.sleep(0.3)
    status, secs = get(port, "/api/stats", timeout=3 * timeout + 3 * slack)
    # Each worker frees itself after |hold|; the queue ahead of this
    # request is 2*threads stalled connections, so at most two rounds.
    bound = 2 * hold + slack
    check(status == 200 and secs <= bound,
          "with %d stalled clients on %d threads another client is answered in %.1f s "
          "(bound %.0f s)" % (2 * threads, threads, secs, bound))
    for s in many:
        s.close()
    time.sleep(0.2)
    answered_quickly(port, 10, fast, "after the stalled clients are gone")

    # 5. Stalling in the middle of a request body: a POST that announces
    # more bytes than it sends is closed after the timeout too.
    s = connect(port)
    s.sendall(b"POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              b"Content-Type: text/plain\r\nContent-Length: 100000\r\n\r\nhalf a body")
    secs = closed_after(s, hold + slack)
    check(secs is not None, "a body that stops half way is closed within %.0f+%.0f+%.0f s (%s)"
          % (timeout, keep_alive, slack, "%.1f" % secs if secs is not None else "open"))
    s.close()

    if failures:
        print("slow clients: %d check(s) failed" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
