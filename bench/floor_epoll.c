/*
 * floor_epoll: the fewest system calls an epoll server can make per connection, with the jar's listener (deferred
 * accept): accept4, read, write, close, and an epoll_wait shared by the connections of each wake-up. A request not
 * complete in the first read waits in the epoll set for one more read. See bench/floor.h.
 *
 *   cc -O2 -o floor_epoll bench/floor_epoll.c && ./floor_epoll PORT
 */
#include "floor.h"
#include <sys/epoll.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: floor_epoll PORT\n");
        return 2;
    }
    build_response();
    int listener = listen_loopback(argv[1]), ep = epoll_create1(0);
    struct epoll_event event = {.events = EPOLLIN, .data.fd = listener}, events[64];
    epoll_ctl(ep, EPOLL_CTL_ADD, listener, &event);
    char request[4096];
    for (;;) {
        int ready = epoll_wait(ep, events, 64, -1);
        for (int i = 0; i < ready; i++) {
            int fd = events[i].data.fd;
            if (fd == listener) {
                int client = accept4(listener, NULL, NULL, SOCK_NONBLOCK);
                if (client < 0) {
                    continue;
                }
                int n = read(client, request, sizeof request);
                if (n < 0 && errno == EAGAIN) {
                    struct epoll_event wait_input = {.events = EPOLLIN, .data.fd = client};
                    epoll_ctl(ep, EPOLL_CTL_ADD, client, &wait_input);
                    continue;
                }
                if (n > 0 && request_complete(request, n) && write(client, response, response_len) < 0) {
                    perror("floor_epoll: write");
                }
                close(client);
            } else {
                int n = read(fd, request, sizeof request);
                if (n > 0 && write(fd, response, response_len) < 0) {
                    perror("floor_epoll: write");
                }
                close(fd);   /* also leaves the epoll set */
            }
        }
    }
}
