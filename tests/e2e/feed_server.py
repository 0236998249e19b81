#!/usr/bin/env python3
"""A fixture HTTP server for the watch tests, on loopback only.

Serves the files under --root on one or more ports of 127.0.0.1 (HTTP/1.1,
keep-alive, one thread per connection), with ETag and Last-Modified and 304
answers to conditional requests. Some path prefixes change the behaviour, so
that the tests can exercise every failure a real site shows:

  /slow/P        sleeps --slow seconds, then serves P
  /delay/MS/P    sleeps MS milliseconds, then serves P
  /flaky/N/P     answers 500 to the first N requests for it, then serves P
  /always500/P   always 500
  /loop/a, /loop/b   redirect to each other forever
  /redirect/P    302 to /P
  /big           50 MB of feed-like text, streamed with no Content-Length
  /big-length    the same with a Content-Length header
  /gz/P, /br/P   P compressed with gzip / brotli when the client accepts it
  /mirror/P      serves P (the same bytes under a second URL)
  /lm/P          serves P with Last-Modified only (no ETag), so that a
                 conditional request can only use If-Modified-Since
  /typed/pdf/P   serves P as application/pdf
  /typed/cp1252/P  serves P as text/html; charset=windows-1252

With --robots-fail N, the first N requests for /robots.txt answer 503 (a
host whose robots.txt is unavailable for a while).

Every request is logged as one JSON line to --log: port, path, start and end
time, status, User-Agent, If-None-Match, Accept-Encoding. The ports are
written to --ports-file (one line, space-separated) once every socket
listens.
"""
import argparse
import gzip
import hashlib
import json
import os
import socketserver
import sys
import threading
import time
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

try:
    import brotli  # python3-brotli (scripts/setup.sh)
except ImportError:  # pragma: no cover
    brotli = None

ARGS = None
LOG_LOCK = threading.Lock()
COUNTS = {}
COUNTS_LOCK = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet: the JSON log says it all
        pass

    def log_request_json(self, start, status):
        entry = {
            "port": self.server.server_address[1],
            "path": self.path,
            "start": start,
            "end": time.time(),
            "status": status,
            "ua": self.headers.get("User-Agent", ""),
            "inm": self.headers.get("If-None-Match", ""),
            "ims": self.headers.get("If-Modified-Since", ""),
            "ae": self.headers.get("Accept-Encoding", ""),
            "ce": getattr(self, "content_encoding", ""),
        }
        with LOG_LOCK:
            with open(ARGS.log, "a") as f:
                f.write(json.dumps(entry) + "\n")

    def send_plain(self, status, body=b"", headers=None):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)
        return status

    def serve_file(self, rel, encoding=None, content_type=None, send_etag=True):
        path = os.path.normpath(os.path.join(ARGS.root, rel.lstrip("/")))
        if not path.startswith(os.path.abspath(ARGS.root)) or not os.path.isfile(path):
            return self.send_plain(404, b"not found\n", {"Content-Type": "text/plain"})
        with open(path, "rb") as f:
            body = f.read()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        mtime = int(os.path.getmtime(path))
        last_modified = formatdate(mtime, usegmt=True)
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        not_modified = False
        if inm is not None and send_etag:
            not_modified = inm == etag
        elif ims:
            try:
                not_modified = parsedate_to_datetime(ims).timestamp() >= mtime
            except (TypeError, ValueError):
                not_modified = False
        validators = {"ETag": etag, "Last-Modified": last_modified}
        if not send_etag:
            del validators["ETag"]
        if not_modified:
            self.send_response(304)
            for k, v in validators.items():
                self.send_header(k, v)
            self.end_headers()
            return 304
        if content_type is None:
            ext = os.path.splitext(path)[1]
            content_type = {
                ".xml": "application/rss+xml; charset=utf-8",
                ".atom": "application/atom+xml; charset=utf-8",
                ".json": "application/feed+json",
                ".html": "text/html; charset=utf-8",
                ".txt": "text/plain; charset=utf-8",
            }.get(ext, "application/octet-stream")
        headers = dict(validators)
        headers["Content-Type"] = content_type
        accepted = self.headers.get("Accept-Encoding", "")
        if encoding == "gzip" and "gzip" in accepted:
            body = gzip.compress(body)
            headers["Content-Encoding"] = self.content_encoding = "gzip"
        elif encoding == "br" and "br" in accepted and brotli is not None:
            body = brotli.compress(body)
            headers["Content-Encoding"] = self.content_encoding = "br"
        return self.send_plain(200, body, headers)

    def stream_big(self, with_length):
        chunk = (b"<item><title>padding</title></item>\n" * 1024)
        total = 50 * 1024 * 1024
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        if with_length:
            self.send_header("Content-Length", str(total))
        else:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        sent = 0
        try:
            if not with_length:
                head = b"<rss version=\"2.0\"><channel>\n"
                self.wfile.write(b"%x\r\n%s\r\n" % (len(head), head))
            while sent < total:
                part = chunk[: total - sent]
                if with_length:
                    self.wfile.write(part)
                else:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                sent += len(part)
            if not with_length:
                self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        return 200

    def route(self):
        p = self.path.split("?", 1)[0]
        if p == "/robots.txt" and ARGS.robots_fail:
            with COUNTS_LOCK:
                seen = COUNTS.get(p, 0)
                COUNTS[p] = seen + 1
            if seen < ARGS.robots_fail:
                return self.send_plain(503, b"later\n", {"Content-Type": "text/plain"})
        if p.startswith("/slow/"):
            time.sleep(ARGS.slow)
            return self.serve_file(p[len("/slow"):])
        if p.startswith("/delay/"):
            _, _, ms, rest = p.split("/", 3)
            time.sleep(int(ms) / 1000)
            return self.serve_file("/" + rest)
        if p.startswith("/flaky/"):
            _, _, n, rest = p.split("/", 3)
            with COUNTS_LOCK:
                seen = COUNTS.get(p, 0)
                COUNTS[p] = seen + 1
            if seen < int(n):
                return self.send_plain(500, b"try again\n", {"Content-Type": "text/plain"})
            return self.serve_file("/" + rest)
        if p.startswith("/always500/"):
            return self.send_plain(500, b"broken\n", {"Content-Type": "text/plain"})
        if p == "/loop/a":
            return self.send_plain(302, b"", {"Location": "/loop/b"})
        if p == "/loop/b":
            return self.send_plain(302, b"", {"Location": "/loop/a"})
        if p.startswith("/redirect/"):
            return self.send_plain(302, b"", {"Location": p[len("/redirect"):]})
        if p == "/big":
            return self.stream_big(False)
        if p == "/big-length":
            return self.stream_big(True)
        if p.startswith("/gz/"):
            return self.serve_file(p[len("/gz"):], encoding="gzip")
        if p.startswith("/br/"):
            return self.serve_file(p[len("/br"):], encoding="br")
        if p.startswith("/lm/"):
            return self.serve_file(p[len("/lm"):], send_etag=False)
        if p.startswith("/mirror/"):
            return self.serve_file(p[len("/mirror"):])
        if p.startswith("/typed/pdf/"):
            return self.serve_file(p[len("/typed/pdf"):], content_type="application/pdf")
        if p.startswith("/typed/cp1252/"):
            return self.serve_file(p[len("/typed/cp1252"):],
                                   content_type="text/html; charset=windows-1252")
        return self.serve_file(p)

    def do_GET(self):
        start = time.time()
        self.content_encoding = ""
        status = 500
        try:
            status = self.route()
        except (BrokenPipeError, ConnectionResetError):
            status = 499  # the client gave up (a timeout or a size limit)
            self.close_connection = True
        finally:
            self.log_request_json(start, status)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    global ARGS
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--ports-file", required=True)
    ap.add_argument("--count", type=int, default=1, help="number of ports")
    ap.add_argument("--slow", type=float, default=3.0)
    ap.add_argument("--robots-fail", type=int, default=0)
    ARGS = ap.parse_args()
    ARGS.root = os.path.abspath(ARGS.root)
    servers = [Server(("127.0.0.1", 0), Handler) for _ in range(ARGS.count)]
    for s in servers:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    tmp = ARGS.ports_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(" ".join(str(s.server_address[1]) for s in servers) + "\n")
    os.rename(tmp, ARGS.ports_file)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
