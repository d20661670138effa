/*
 * What bench/floor_epoll.c and bench/floor_uring.c share: the seed's canned response (the jar's default bytes), a
 * loopback listener with SO_REUSEPORT and TCP_DEFER_ACCEPT (as the jar and nginx `reuseport deferred` listen), and
 * the test for a request's end. The floors serve one request per connection and nothing else: no deadlines, caps,
 * keep-alive or logs. They measure what the kernel costs each way, not a server anyone should run.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static char response[2048];
static int response_len;

static void build_response(void) {
    response_len = snprintf(response, sizeof response,
                            "HTTP/1.0 200 OK\r\nDate: Mon, 1 Jan 1996 01:01:01 GMT\r\nServer: Python2.7_Raw_Socket\r\n"
                            "Content-Type: text/plain\r\nContent-Length: 1024\r\n\r\n");
    memset(response + response_len, 'H', 1024);
    response_len += 1024;
}

/* A non-blocking listener on 127.0.0.1:port; exits when the port cannot be had. */
static int listen_loopback(const char *port_text) {
    int port = atoi(port_text), one = 1, fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (fd < 0 || port <= 0 || port > 65535
        || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one)
        || setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one)
        || setsockopt(fd, IPPROTO_TCP, TCP_DEFER_ACCEPT, &one, sizeof one)
        || bind(fd, (struct sockaddr *)&address, sizeof address) || listen(fd, 1024)) {
        perror("floor: cannot listen on 127.0.0.1");
        exit(1);
    }
    return fd;
}

/* The blank line that ends a request's head, as the jar ends it: "\r\n\r\n" or "\n\n". */
static int request_complete(const char *bytes, int n) {
    return memmem(bytes, n, "\r\n\r\n", 4) != NULL || memmem(bytes, n, "\n\n", 2) != NULL;
}
