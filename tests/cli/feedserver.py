#!/usr/bin/env python3
"""feedserver.py: a local HTTP server for the `filo fetch` tests and the
fetch benchmark. Standard library only; binds 127.0.0.1 on a free port and
prints "PORT\n" on standard output once it listens. Never reaches out.

    python3 feedserver.py DOCROOT [--log FILE] [--slow SECONDS] [--quiet]

Files of DOCROOT are served from memory (re-read when they change), with an
ETag (a hash of the bytes) and a Last-Modified (the file's mtime), and a 304
to a request whose If-None-Match or If-Modified-Since matches. Paths:

  /feeds/NAME        DOCROOT/NAME with ETag and Last-Modified
  /etag/NAME         ETag only          /lm/NAME     Last-Modified only
  /plain/NAME        no validators      /gzip/NAME   gzip-encoded (always)
  /r301/NAME /r302/NAME /r308/NAME      redirect to /feeds/NAME
  /loop/N            redirects to /loop/N+1, for ever
  /tofile            302 to file:///etc/passwd
  /status/CODE       an empty response with that status
  /slow/NAME         /feeds/NAME after --slow seconds (default 5)
  /big/MIB           a MIB MiB body (no Content-Length: chunked)
  /biglen/MIB        the same with its Content-Length
  /bomb/MIB          MIB MiB of zeros, gzip-encoded (a few KiB on the wire)
  /hugeheaders       300 KiB of headers
  /binary            64 KiB of random bytes
  /escapes           a 500 whose reason phrase holds ESC and BEL

Every request is appended to the log (default DOCROOT/requests.log) as
"PATH<TAB>If-None-Match<TAB>If-Modified-Since<TAB>Accept-Encoding", "-"
for a header not sent.
"""
import argparse
import email.utils
import gzip
import hashlib
import http.server
import os
import random
import socketserver
import sys
import threading
import time

ARGS = None
LOCK = threading.Lock()
CACHE = {}  # path -> (mtime_ns, size, body, etag, last_modified)


def load(name):
    path = os.path.join(ARGS.docroot, os.path.basename(name))
    st = os.stat(path)
    key = (st.st_mtime_ns, st.st_size)
    with LOCK:
        hit = CACHE.get(path)
        if hit and hit[0] == key:
            return hit[1]
    with open(path, "rb") as f:
        body = f.read()
    etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
    lm = email.utils.formatdate(int(st.st_mtime), usegmt=True)
    entry = (body, etag, lm, int(st.st_mtime))
    with LOCK:
        CACHE[path] = (key, entry)
    return entry


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "feedserver"
    sys_version = ""

    def log_message(self, fmt, *args):
        pass

    def record(self):
        h = self.headers
        line = "\t".join([self.path, h.get("If-None-Match", "-"),
                          h.get("If-Modified-Since", "-"),
                          h.get("Accept-Encoding", "-")])
        with LOCK:
            with open(ARGS.log, "a") as f:
                f.write(line + "\n")

    def send(self, code, body=b"", headers=(), reason=None):
        self.send_response(code, reason)
        for k, v in headers:
            self.send_header(k, v)
        if code != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def feed(self, name, etag=True, lm=True, gz=False):
        try:
            body, tag, modified, mtime = load(name)
        except OSError:
            return self.send(404, b"no such feed\n")
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        fresh = False
        if etag and inm is not None:
            fresh = inm == tag
        elif lm and ims is not None:
            try:
                fresh = email.utils.parsedate_to_datetime(ims).timestamp() >= mtime
            except (TypeError, ValueError):
                fresh = False
        headers = [("Content-Type", "application/rss+xml; charset=utf-8")]
        if etag:
            headers.append(("ETag", tag))
        if lm:
            headers.append(("Last-Modified", modified))
        if fresh:
            return self.send(304, b"", headers)
        if gz:
            body = gzip.compress(body)
            headers.append(("Content-Encoding", "gzip"))
        self.send(200, body, headers)

    def stream(self, mib, length):
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        if length:
            self.send_header("Content-Length", str(mib << 20))
        else:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"<!-- filler -->\n" * 4096  # 64 KiB
        try:
            for _ in range(mib * 16):
                if length:
                    self.wfile.write(chunk)
                else:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            if not length:
                self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def do_GET(self):
        self.record()
        parts = self.path.split("?")[0].strip("/").split("/")
        kind, arg = parts[0], "/".join(parts[1:])
        if kind == "feeds":
            return self.feed(arg)
        if kind == "etag":
            return self.feed(arg, lm=False)
        if kind == "lm":
            return self.feed(arg, etag=False)
        if kind == "plain":
            return self.feed(arg, etag=False, lm=False)
        if kind == "gzip":
            return self.feed(arg, gz=True)
        if kind in ("r301", "r302", "r308"):
            return self.send(int(kind[1:]), b"", [("Location", "/feeds/" + arg)])
        if kind == "loop":
            n = int(arg or 0) + 1
            return self.send(302, b"", [("Location", "/loop/%d" % n)])
        if kind == "tofile":
            return self.send(302, b"", [("Location", "file:///etc/passwd")])
        if kind == "status":
            return self.send(int(arg), b"status %s\n" % arg.encode())
        if kind == "slow":
            time.sleep(ARGS.slow)
            return self.feed(arg)
        if kind in ("big", "biglen"):
            return self.stream(int(arg), kind == "biglen")
        if kind == "bomb":
            body = gzip.compress(b"\0" * (int(arg) << 20), compresslevel=9)
            return self.send(200, body, [("Content-Type", "application/rss+xml"),
                                         ("Content-Encoding", "gzip")])
        if kind == "hugeheaders":
            junk = [("X-Junk-%d" % i, "j" * 1000) for i in range(300)]
            return self.send(200, b"<rss/>", junk)
        if kind == "binary":
            rnd = random.Random(13)
            body = bytes(rnd.getrandbits(8) for _ in range(65536))
            return self.send(200, body, [("Content-Type", "application/octet-stream")])
        if kind == "escapes":
            return self.send(500, b"", reason="Bad \x1b[31mred\x07 \x1b]52;c;eA==\x07")
        self.send(404, b"unknown path\n")


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        # a client that stops reading (a size cap, a timeout) is expected
        if isinstance(sys.exc_info()[1], (ConnectionError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("docroot")
    p.add_argument("--log")
    p.add_argument("--slow", type=float, default=5.0)
    ARGS = p.parse_args()
    ARGS.log = ARGS.log or os.path.join(ARGS.docroot, "requests.log")
    srv = Server(("127.0.0.1", 0), Handler)
    sys.stdout.write("%d\n" % srv.server_address[1])
    sys.stdout.flush()
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
