#!/usr/bin/env python3
# Python 3 port of the tutorial's udp_epoll.py (shared/seed). Changes from the seed:
#   - print() as a function; the payload (bytes in Python 3) is decoded as UTF-8 with errors='backslashreplace'
#     so the line looks like the Python 2 one for text payloads (Python 2 printed the raw bytes);
#   - port from argv[1] (default 1234) and host from argv[2] (default 127.0.0.1 instead of 0.0.0.0);
#   - SIGTERM raises SystemExit so the `finally` block runs and Python flushes the stdout buffer on exit
#     (killed by a plain SIGTERM, Python 2 and 3 alike would lose the last block of buffered lines, and the
#     benchmark would count them as lost).
# The rest is the seed's: level-triggered EPOLLIN, one recvfrom(1024) per event (longer datagrams are cut),
# and print() to a stdout that is block-buffered when redirected to a file.
import socket
import select
import signal
import sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 1234
host = sys.argv[2] if len(sys.argv) > 2 else '127.0.0.1'


def _terminate(signum, frame):
    sys.exit(128 + signum)


signal.signal(signal.SIGTERM, _terminate)

serversocket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
serversocket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serversocket.bind((host, port))
serversocket.setblocking(0)
epoll = select.epoll()
epoll.register(serversocket.fileno(), select.EPOLLIN)
try:
    while True:
        events = epoll.poll(1)
        for lineno, event in events:
            if event & select.EPOLLIN:
                data, (ip, port) = serversocket.recvfrom(1024)
                print(ip, port, data.decode('utf-8', errors='backslashreplace'))
finally:
    print("in finally")
    epoll.unregister(serversocket.fileno())
    epoll.close()
    serversocket.close()
