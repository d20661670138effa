/*
 * floor_uring: the same job on io_uring (liburing, Linux >= 6.1): one multishot accept, then per connection a recv,
 * and a send linked to a close. Completions of many connections are reaped, and their next operations submitted, in
 * one io_uring_enter, so a connection makes no system call of its own. See bench/floor.h.
 *
 *   cc -O2 -o floor_uring bench/floor_uring.c -luring && ./floor_uring PORT
 */
#include "floor.h"
#include <liburing.h>

enum op { ACCEPT, RECV, SEND, CLOSE };
#define MAX_FD 65536
#define TAG(op, fd) (((unsigned long long)(fd) << 8) | (op))

static char requests[MAX_FD][512];   /* one receive buffer per descriptor number: a connection has one recv at a time */
static struct io_uring ring;

static struct io_uring_sqe *next_sqe(void) {
    struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
    if (sqe == NULL) {   /* the queue is full: hand it to the kernel to make room */
        io_uring_submit(&ring);
        sqe = io_uring_get_sqe(&ring);
    }
    return sqe;
}

static void accept_all(int listener) {
    struct io_uring_sqe *sqe = next_sqe();
    io_uring_prep_multishot_accept(sqe, listener, NULL, NULL, 0);
    io_uring_sqe_set_data64(sqe, TAG(ACCEPT, listener));
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: floor_uring PORT\n");
        return 2;
    }
    build_response();
    int listener = listen_loopback(argv[1]);
    struct io_uring_params params = {.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN};
    int failed = io_uring_queue_init_params(4096, &ring, &params);
    if (failed) {
        fprintf(stderr, "floor_uring: no io_uring here: %s\n", strerror(-failed));
        return 1;
    }
    accept_all(listener);
    for (;;) {
        io_uring_submit_and_wait(&ring, 1);
        struct io_uring_cqe *cqe;
        unsigned head, seen = 0;
        io_uring_for_each_cqe(&ring, head, cqe) {
            seen++;
            int op = cqe->user_data & 0xff, fd = (int)(cqe->user_data >> 8), res = cqe->res;
            struct io_uring_sqe *sqe;
            switch (op) {
            case ACCEPT:
                if (!(cqe->flags & IORING_CQE_F_MORE)) {
                    accept_all(listener);   /* the kernel ended the multishot accept (an error): arm it again */
                }
                if (res >= MAX_FD) {
                    close(res);
                } else if (res >= 0) {
                    sqe = next_sqe();
                    io_uring_prep_recv(sqe, res, requests[res], sizeof requests[res], 0);
                    io_uring_sqe_set_data64(sqe, TAG(RECV, res));
                }
                break;
            case RECV:
                if (res > 0 && request_complete(requests[fd], res)) {
                    sqe = next_sqe();
                    io_uring_prep_send(sqe, fd, response, response_len, MSG_NOSIGNAL);
                    sqe->flags |= IOSQE_IO_LINK | IOSQE_CQE_SKIP_SUCCESS;
                    io_uring_sqe_set_data64(sqe, TAG(SEND, fd));
                }
                sqe = next_sqe();
                io_uring_prep_close(sqe, fd);
                sqe->flags |= IOSQE_CQE_SKIP_SUCCESS;
                io_uring_sqe_set_data64(sqe, TAG(CLOSE, fd));
                break;
            case CLOSE:
                if (res < 0) {
                    close(fd);   /* cancelled after a failed send: the descriptor is still open */
                }
                break;
            default:   /* a failed send: its linked close reports on its own */
                break;
            }
        }
        io_uring_cq_advance(&ring, seen);
    }
}
