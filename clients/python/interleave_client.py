#!/usr/bin/env python3
"""Interleave reference client in Python (stdlib only, Python 3.8+).

N threads write framed packets on ONE TCP socket and the Interleave verifier says which packets
arrived torn. Speaks wire format v1 (docs/PROTOCOL.md) with the sender report.

    python3 interleave_client.py HOST PORT [--threads N] [--packets N] [--size BYTES] [--way W] [--lock]

Ways:
  sendall  socket.sendall(frame): CPython loops send() in C and releases the GIL around each
           call, with no lock of the socket's own, so another thread's bytes can go in between.
           The calls inside sendall are not visible: sendCalls and partialSends are not measured.
  send     a loop on socket.send() until the frame is out, counting calls and partial sends.

Prints one JSON line on stdout; messages go to stderr. Exit 0 done, 1 failure, 2 bad arguments.
"""
import argparse
import errno
import json
import platform
import secrets
import socket
import struct
import sys
import threading
import time

HELLO_MAGIC = 0x494C5648   # "ILVH"
FRAME_MAGIC = 0x494C5646   # "ILVF"
REPORT_MAGIC = 0x494C5652  # "ILVR"
BACK_MAGIC = 0x494C5642    # "ILVB"
WORD_SALT = 0x9E3779B97F4A7C15
HEADER_SIZE = 24
MAX_PAYLOAD = 64 * 1024 * 1024
MAX_THREADS = 4096           # the sender report's limit
MAX_BACK_BODY = 1024 * 1024
NOT_MEASURED = 0xFFFFFFFFFFFFFFFF
WAYS = ("sendall", "send")


def _crc32c_table():
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


_CRC_TABLE = _crc32c_table()


def crc32c(data):
    """CRC32C (Castagnoli), reflected polynomial 0x82F63B78, init and final XOR 0xFFFFFFFF."""
    c = 0xFFFFFFFF
    t = _CRC_TABLE
    for b in data:
        c = t[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def hello(run_id, packets, threads):
    head = struct.pack(">IHHQIII", HELLO_MAGIC, 1, 0, run_id, packets, threads, 0)
    return head + struct.pack(">I", crc32c(head))


class FrameBuilder:
    """One thread's frame buffer. The payload word W(p, i) = ((p << 32) | i) ^ salt has the high
    half (p ^ salt_hi) for every word of a packet and the low half (i ^ salt_lo) for every packet:
    the low halves are written once, the four high bytes per packet by strided slice assignment."""

    def __init__(self, size, thread, run_id):
        self.size = size
        self.thread = thread
        self.run_low = run_id & 0xFFFFFFFF
        self.words = (size + 7) // 8
        self.buf = bytearray(HEADER_SIZE + 8 * self.words)
        salt_lo = WORD_SALT & 0xFFFFFFFF
        for i in range(self.words):
            struct.pack_into(">I", self.buf, HEADER_SIZE + 8 * i + 4, i ^ salt_lo)
        self.view = memoryview(self.buf)[:HEADER_SIZE + size]

    def build(self, packet):
        head = struct.pack(">IIHHII", FRAME_MAGIC, packet, self.thread, 0, self.size, self.run_low)
        self.buf[0:20] = head
        struct.pack_into(">I", self.buf, 20, crc32c(head))
        if self.words:
            high = struct.pack(">I", packet ^ (WORD_SALT >> 32))
            end = HEADER_SIZE + 8 * self.words
            for k in range(4):
                self.buf[HEADER_SIZE + k:end:8] = high[k:k + 1] * self.words
        return self.view


class Stats:
    """One thread's counts; written by that thread only, read after it has finished."""

    def __init__(self):
        self.packets = 0
        self.send_calls = 0
        self.partial_sends = 0
        self.error = None


def error_text(e):
    short = {errno.ECONNREFUSED: "connection refused", errno.ETIMEDOUT: "timed out",
             errno.EHOSTUNREACH: "host unreachable", errno.ENETUNREACH: "network unreachable",
             errno.ECONNRESET: "connection reset by peer",
             errno.EPIPE: "broken pipe (the peer closed the connection)"}
    if isinstance(e, socket.timeout):
        return "timed out"
    if isinstance(e, socket.gaierror):
        return "cannot resolve the host (%s)" % e.strerror
    if isinstance(e, OSError) and e.errno in short:
        return short[e.errno]
    if isinstance(e, OSError) and e.strerror:
        return e.strerror
    return str(e)


def in_range(name, lo, hi):
    def parse(text):
        if not text.isdigit():
            raise argparse.ArgumentTypeError("%s must be a whole number from %d to %d, not %r" % (name, lo, hi, text))
        v = int(text)
        if not lo <= v <= hi:
            raise argparse.ArgumentTypeError("%s must be from %d to %d, not %s" % (name, lo, hi, text))
        return v
    return parse


def parse_args(argv):
    p = argparse.ArgumentParser(prog="interleave_client.py",
                                description="Interleave reference client (Python): N threads, one socket.")
    p.add_argument("host", metavar="HOST")
    p.add_argument("port", metavar="PORT", type=in_range("PORT", 1, 65535))
    p.add_argument("--threads", type=in_range("--threads", 1, MAX_THREADS), default=20)
    p.add_argument("--packets", type=in_range("--packets", 1, 0xFFFFFFFF), default=10000)
    p.add_argument("--size", type=in_range("--size", 0, MAX_PAYLOAD), default=100000)
    p.add_argument("--way", choices=WAYS, default="sendall")
    p.add_argument("--lock", action="store_true", help="hold one application lock for each whole packet")
    return p.parse_args(argv)


def describe(way):
    impl = platform.python_implementation()
    gil = getattr(sys, "_is_gil_enabled", None)
    threading_kind = ", free-threaded" if gil is not None and not gil() else ""
    how = "socket.sendall" if way == "sendall" else "socket.send() loop"
    return "Python %s (%s%s) %s, %s %s" % (platform.python_version(), impl, threading_kind, how,
                                           platform.system(), platform.release())


def read_back_channel(sock):
    """Reads the verifier's messages to the end of the stream; returns the SUMMARY's fields or None."""
    def exact(n):
        chunks = []
        while n:
            b = sock.recv(min(n, 65536))
            if not b:
                return None
            chunks.append(b)
            n -= len(b)
        return b"".join(chunks)

    summary = None
    try:
        pre = exact(8)
        if pre is None:
            return None
        magic, version, _ = struct.unpack(">IHH", pre)
        if magic != BACK_MAGIC or version != 1:
            print("back channel: not an Interleave verifier's preamble; verdicts unknown", file=sys.stderr)
            return None
        while True:
            head = exact(5)
            if head is None:
                return summary
            kind, length = struct.unpack(">BI", head)
            if length > MAX_BACK_BODY or kind not in (1, 2, 3, 4):
                print("back channel: bad message (type %d, length %d); verdicts unknown" % (kind, length),
                      file=sys.stderr)
                return None
            body = exact(length)
            if body is None:
                return summary
            if kind == 4:
                if length < 89:
                    print("back channel: short summary; verdicts unknown", file=sys.stderr)
                    return None
                v = struct.unpack_from(">5q", body, 8)
                b = struct.unpack_from(">5q", body, 48)
                summary = {"verdicts": {"intact": v[1], "torn": v[2], "missing": v[3], "duplicate": v[4],
                                        "pending": v[0]},
                           "verifierBytes": {"received": b[0], "unattributable": b[4]}}
    except OSError as e:
        print("back channel: %s; verdicts %s" % (error_text(e), "known" if summary else "unknown"),
              file=sys.stderr)
        return summary


def main(argv):
    a = parse_args(argv)
    try:
        sock = socket.create_connection((a.host, a.port))
    except OSError as e:
        print("could not connect to %s:%d: %s" % (a.host, a.port, error_text(e)), file=sys.stderr)
        return 1
    run_id = 0
    while run_id == 0:
        run_id = secrets.randbits(64)
    sock.sendall(hello(run_id, a.packets, a.threads))
    bytes_sent = 32

    frame_length = HEADER_SIZE + a.size
    next_id = [0]
    id_lock = threading.Lock()      # the shared list the article's threads pop: one id per pop
    packet_lock = threading.Lock()  # --lock: held for each whole packet
    gate = threading.Event()
    stop = threading.Event()
    stats = [Stats() for _ in range(a.threads)]

    def take():
        with id_lock:
            i = next_id[0]
            next_id[0] = i + 1
            return i

    def send_loop(view, st):
        off = 0
        while off < frame_length:
            n = sock.send(view[off:])
            st.send_calls += 1
            if 0 < n < frame_length - off:
                st.partial_sends += 1
            off += n

    def sender(index):
        st = stats[index]
        builder = FrameBuilder(a.size, index, run_id)
        gate.wait()
        try:
            while not stop.is_set():
                packet = take()
                if packet >= a.packets:
                    return
                view = builder.build(packet)
                if a.lock:
                    packet_lock.acquire()
                try:
                    if a.way == "sendall":
                        sock.sendall(view)
                    else:
                        send_loop(view, st)
                finally:
                    if a.lock:
                        packet_lock.release()
                st.packets += 1
        except OSError as e:
            st.error = e
            stop.set()

    threads = [threading.Thread(target=sender, args=(t,), name="sender-%d" % t, daemon=True)
               for t in range(a.threads)]
    for t in threads:
        t.start()
    start = time.perf_counter()
    gate.set()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - start

    for i, st in enumerate(stats):
        if st.error is not None:
            print("sending failed on thread %d after %d packets: %s" % (i, st.packets, error_text(st.error)),
                  file=sys.stderr)
            return 1
    sent = sum(st.packets for st in stats)
    bytes_sent += sent * frame_length
    measured = a.way == "send"

    # The sender report: this one thread writes it now that every sending thread has finished.
    desc = describe(a.way).encode("utf-8")[:1024]
    head = struct.pack(">IHHQHH", REPORT_MAGIC, 1, a.threads, run_id, len(desc), 0)
    rows = b"".join(struct.pack(">4Q", st.packets,
                                st.send_calls if measured else NOT_MEASURED,
                                st.partial_sends if measured else NOT_MEASURED,
                                NOT_MEASURED)  # blocking sockets: a would-block is never seen
                    for st in stats)
    body = rows + desc
    report = head + struct.pack(">I", crc32c(head)) + body + struct.pack(">I", crc32c(body))
    try:
        sock.sendall(report)
        bytes_sent += len(report)
        sock.shutdown(socket.SHUT_WR)
    except OSError as e:
        print("sending the sender report failed: %s" % error_text(e), file=sys.stderr)
        return 1
    sock.settimeout(60)
    summary = read_back_channel(sock)
    sock.close()

    def count(v):
        return v if measured else None

    out = {"client": "python", "way": a.way, "lock": a.lock, "threads": a.threads, "packets": a.packets,
           "size": a.size, "runId": "%016x" % run_id, "description": desc.decode("utf-8", "replace"),
           "seconds": round(seconds, 6), "bytesSent": bytes_sent,
           "mbPerSecond": round(bytes_sent / seconds / 1e6, 3) if seconds > 0 else 0,
           "sendCalls": count(sum(st.send_calls for st in stats)),
           "partialSends": count(sum(st.partial_sends for st in stats)),
           "wouldBlocks": None, "reportBytes": len(report),
           "perThread": [{"packets": st.packets, "sendCalls": count(st.send_calls),
                          "partialSends": count(st.partial_sends), "wouldBlocks": None} for st in stats],
           "verdicts": summary["verdicts"] if summary else None,
           "verifierBytes": summary["verifierBytes"] if summary else None,
           "verdictsKnown": summary is not None}
    print(json.dumps(out, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
