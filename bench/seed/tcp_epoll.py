#!/usr/bin/env python3
# Python 3 port of the tutorial's tcp_epoll.py (shared/seed), kept as close to the original as Python 3 allows,
# so the benchmarks can compare against the program the project started from. Changes from the seed:
#   - bytes instead of str for the request buffer, the EOL markers and the response;
#   - print() as a function;
#   - port from argv[1] (default 8080) and host from argv[2] (default 127.0.0.1 instead of 0.0.0.0);
#   - SIGTERM raises SystemExit so the `finally` block runs as it would after Ctrl-C.
# Everything else, flaws included, is the seed's: listen(100), one recv(1024) per EPOLLIN, one send() per
# EPOLLOUT, shutdown(SHUT_RDWR) then close on EPOLLHUP, no timeout for slow clients, and a reset from a client
# (ConnectionResetError) still ends the whole server.
import socket
import select
import signal
import sys

debug = False
socket.setdefaulttimeout(5)
EOL1 = b'\n\n'
EOL2 = b'\n\r\n'
response = b'HTTP/1.0 200 OK\r\nDate: Mon, 1 Jan 1996 01:01:01 GMT\r\nServer: Python2.7_Raw_Socket\r\n'
response += b'Content-Type: text/plain\r\nContent-Length: 1024\r\n\r\n'
response += b'H' * 1024

port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
host = sys.argv[2] if len(sys.argv) > 2 else '127.0.0.1'


def _terminate(signum, frame):
    sys.exit(128 + signum)


signal.signal(signal.SIGTERM, _terminate)

serversocket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serversocket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serversocket.bind((host, port))
serversocket.listen(100)
serversocket.setblocking(0)

epoll = select.epoll()
epoll.register(serversocket.fileno(), select.EPOLLIN)

try:
    connections = {}; requests = {}; responses = {}
    while True:
        events = epoll.poll(1)
        for fileno, event in events:
            if fileno == serversocket.fileno():
                connection, address = serversocket.accept()
                connection.setblocking(0)
                epoll.register(connection.fileno(), select.EPOLLIN)
                connections[connection.fileno()] = connection
                requests[connection.fileno()] = b''
                responses[connection.fileno()] = response
                if debug:
                    print("+%s" % connection.fileno(), "setup new connection, register to epoll", address,
                          "connections ", len(connections), connections.keys())
            elif event & select.EPOLLIN:
                data = connections[fileno].recv(1024)
                if not data:
                    epoll.unregister(fileno)
                    connections[fileno].close()
                    del connections[fileno]
                    continue
                requests[fileno] += data
                if EOL1 in requests[fileno] or EOL2 in requests[fileno]:
                    epoll.modify(fileno, select.EPOLLOUT)
            elif event & select.EPOLLOUT:
                byteswritten = connections[fileno].send(responses[fileno])
                responses[fileno] = responses[fileno][byteswritten:]
                if len(responses[fileno]) == 0:
                    epoll.modify(fileno, 0)
                    connections[fileno].shutdown(socket.SHUT_RDWR)
            elif event & select.EPOLLHUP:
                if debug:
                    print("-%s" % fileno)
                epoll.unregister(fileno)
                connections[fileno].close()
                del connections[fileno]
                if debug:
                    print("ok:%s" % fileno, "unregister EPOLLHUP", "in delete: connections", len(connections),
                          connections.keys())
finally:
    print("in finally: connections, request, response", len(connections), len(requests), len(responses))
    epoll.unregister(serversocket.fileno())
    epoll.close()
    serversocket.close()
