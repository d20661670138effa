/*
 * Send numbered UDP datagrams to a loopback receiver, at a steady rate or as fast as sendmmsg(2) allows, then
 * print one JSON line.
 *
 *   cc -O2 -o udp_sender bench/udp_sender.c
 *   ./udp_sender --port 1234 --count 300000 --rate 100000 --size 64
 *   ./udp_sender --port 1234 --count 2000000 --rate 0 --gso 32
 *
 * Each payload starts with its sequence number, `seq=000123 `, and is padded with `x` to --size bytes, so a
 * receiver's printed lines can be matched back to what was sent (see udp_count.py); `--prefix warm` tags a
 * warm-up run that udp_count.py counts apart.
 *
 * --rate 0 sends as fast as one core can: batches of 64 messages per sendmmsg call. Otherwise the sender keeps
 * to the schedule "datagram i leaves at start + i/rate": each pass sends every datagram whose time has come (in
 * batches of up to 64 messages), then sleeps until the next one is due. The average rate is exact; a burst stays
 * within the datagrams due since the last pass.
 *
 * --gso N (default 1) puts N datagrams in each message with UDP generic segmentation offload (UDP_SEGMENT,
 * Linux >= 4.18): the kernel's send path runs once per message and the message is cut into N ordinary datagrams
 * of --size bytes before any receiver sees it, so a receiver cannot tell them from datagrams sent one by one.
 * One core then sends several times faster, fast enough to overload receivers that one-by-one sends cannot.
 * N is lowered to what fits one message (64 datagrams, 65,507 bytes); where the kernel refuses UDP_SEGMENT the
 * sender says so on stderr and sends one by one. The JSON line reports the N used.
 *
 * Only loopback destinations (127.0.0.0/8, ::1) are accepted. The run stops after --count datagrams or
 * --max-seconds, whichever comes first. Exit status: 0 when every datagram was attempted, 3 when time ran out,
 * 2 on bad arguments or a socket that cannot be set up.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <netinet/in.h>

#ifndef UDP_SEGMENT
#define UDP_SEGMENT 103   /* linux/udp.h; older libc headers lack it */
#endif

#define BATCH 64
#define MAX_PAYLOAD 65507
#define MAX_SEGMENTS 64   /* UDP_MAX_SEGMENTS of the oldest kernels with UDP_SEGMENT */

static void usage_exit(const char *why) {
    fprintf(stderr, "udp_sender: %s\n"
            "usage: udp_sender --port N [--host 127.0.0.1] [--count 100000] [--rate 0] [--size 64] "
            "[--gso 1] [--prefix seq] [--max-seconds 120]\n", why);
    exit(2);
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long parse_long(const char *text, const char *name) {
    char *end;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno || *end || end == text || value < 0) {
        char why[128];
        snprintf(why, sizeof why, "%s must be a whole number >= 0, not %s", name, text);
        usage_exit(why);
    }
    return value;
}

/* Resolves host; exits unless every address it names is a loopback one. Keeps the first in *out. */
static socklen_t loopback_address(const char *host, int port, struct sockaddr_storage *out, char *text, size_t size) {
    struct addrinfo hints = {.ai_socktype = SOCK_DGRAM}, *list, *ai;
    int rc = getaddrinfo(host, NULL, &hints, &list);
    if (rc != 0) {
        fprintf(stderr, "udp_sender: cannot resolve %s: %s\n", host, gai_strerror(rc));
        exit(2);
    }
    socklen_t length = 0;
    for (ai = list; ai; ai = ai->ai_next) {
        int loopback;
        if (ai->ai_family == AF_INET) {
            struct sockaddr_in *a = (struct sockaddr_in *) ai->ai_addr;
            loopback = (ntohl(a->sin_addr.s_addr) >> 24) == 127;
        } else if (ai->ai_family == AF_INET6) {
            loopback = IN6_IS_ADDR_LOOPBACK(&((struct sockaddr_in6 *) ai->ai_addr)->sin6_addr);
        } else {
            continue;
        }
        if (!loopback) {
            fprintf(stderr, "udp_sender: refusing %s: only loopback destinations are allowed\n", host);
            exit(2);
        }
        if (length == 0) {
            memcpy(out, ai->ai_addr, ai->ai_addrlen);
            length = ai->ai_addrlen;
        }
    }
    freeaddrinfo(list);
    if (length == 0) {
        usage_exit("no IPv4 or IPv6 address for --host");
    }
    if (out->ss_family == AF_INET) {
        ((struct sockaddr_in *) out)->sin_port = htons(port);
        inet_ntop(AF_INET, &((struct sockaddr_in *) out)->sin_addr, text, size);
    } else {
        ((struct sockaddr_in6 *) out)->sin6_port = htons(port);
        inet_ntop(AF_INET6, &((struct sockaddr_in6 *) out)->sin6_addr, text, size);
    }
    return length;
}

int main(int argc, char **argv) {
    const char *host = "127.0.0.1", *prefix = "seq";
    long port = -1, count = 100000, rate = 0, size = 64, max_seconds = 120, gso = 1;
    for (int i = 1; i < argc; i++) {
        if (i + 1 >= argc) usage_exit("every option takes a value");
        const char *name = argv[i], *value = argv[++i];
        if (!strcmp(name, "--host")) host = value;
        else if (!strcmp(name, "--port")) port = parse_long(value, "--port");
        else if (!strcmp(name, "--count")) count = parse_long(value, "--count");
        else if (!strcmp(name, "--rate")) rate = parse_long(value, "--rate");
        else if (!strcmp(name, "--size")) size = parse_long(value, "--size");
        else if (!strcmp(name, "--gso")) gso = parse_long(value, "--gso");
        else if (!strcmp(name, "--prefix")) prefix = value;
        else if (!strcmp(name, "--max-seconds")) max_seconds = parse_long(value, "--max-seconds");
        else usage_exit("unknown option");
    }
    if (port < 1 || port > 65535) usage_exit("--port must be 1..65535");
    if (size > MAX_PAYLOAD) usage_exit("--size must be at most 65507");
    if (gso < 1) usage_exit("--gso must be at least 1");
    for (const char *p = prefix; *p; p++) {
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))) {
            usage_exit("--prefix must be letters or digits");
        }
    }
    if (!*prefix) usage_exit("--prefix must not be empty");

    /* the sequence header is `<prefix>=<digits> `, digits at least 6 and enough for count - 1 */
    char widest[32];
    int digits = snprintf(widest, sizeof widest, "%ld", count > 0 ? count - 1 : 0);
    if (digits < 6) digits = 6;
    long head = (long) strlen(prefix) + 1 + digits + 1;
    if (size < head) usage_exit("--size is too small for the sequence header");

    struct sockaddr_storage address;
    char address_text[INET6_ADDRSTRLEN];
    socklen_t address_length = loopback_address(host, (int) port, &address, address_text, sizeof address_text);
    int fd = socket(address.ss_family, SOCK_DGRAM, 0);
    int sndbuf = 4 << 20;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf) < 0
        /* connected: no per-datagram address, and the kernel skips a route lookup per send */
        || connect(fd, (struct sockaddr *) &address, address_length) < 0) {
        perror("udp_sender: socket");
        return 2;
    }

    /* datagrams per message: what fits one message, and 1 where the kernel has no UDP_SEGMENT */
    if (gso > MAX_SEGMENTS) gso = MAX_SEGMENTS;
    if (gso > MAX_PAYLOAD / size) gso = MAX_PAYLOAD / size;   /* size >= head > 0, checked above */
    if (gso > 1) {
        int segment = (int) size;
        if (setsockopt(fd, IPPROTO_UDP, UDP_SEGMENT, &segment, sizeof segment) < 0) {
            fprintf(stderr, "udp_sender: UDP_SEGMENT refused (%s); sending one datagram per message\n", strerror(errno));
            gso = 1;
        }
    }

    /* message k holds datagrams back to back in messages_bytes[k]; + 1: room for the NUL snprintf writes */
    static char message_bytes[BATCH][MAX_PAYLOAD + 1];
    struct iovec iov[BATCH];
    struct mmsghdr messages[BATCH];
    memset(messages, 0, sizeof messages);
    memset(message_bytes, 'x', sizeof message_bytes);
    for (int k = 0; k < BATCH; k++) {
        iov[k].iov_base = message_bytes[k];
        messages[k].msg_hdr.msg_iov = &iov[k];
        messages[k].msg_hdr.msg_iovlen = 1;
    }
    long datagrams_in[BATCH];

    long next = 0, sent = 0, errors = 0;
    double start = now_seconds(), deadline = start + (double) max_seconds;
    while (next < count) {
        double now = now_seconds();
        if (now >= deadline) break;
        long due = count;
        if (rate > 0) {
            due = (long) ((now - start) * (double) rate) + 1;
            if (due > count) due = count;
            if (due <= next) {
                double wait = start + (double) next / (double) rate - now;
                struct timespec ts = {(time_t) wait, (long) ((wait - (double) (time_t) wait) * 1e9)};
                nanosleep(&ts, NULL);
                continue;
            }
        }
        int batch = 0;
        long numbered = next;
        while (batch < BATCH && numbered < due) {
            long in_message = due - numbered < gso ? due - numbered : gso;
            for (long d = 0; d < in_message; d++) {
                /* snprintf writes a NUL after the header; the padding byte it overwrites is put back */
                char *datagram = message_bytes[batch] + d * size;
                snprintf(datagram, (size_t) head + 1, "%s=%0*ld ", prefix, digits, numbered + d);
                datagram[head] = 'x';
            }
            iov[batch].iov_len = (size_t) (in_message * size);
            datagrams_in[batch] = in_message;
            numbered += in_message;
            batch++;
        }
        int done = 0;
        while (done < batch) {
            int n = sendmmsg(fd, messages + done, (unsigned) (batch - done), 0);
            if (n < 0) {
                /* e.g. ECONNREFUSED (an ICMP port-unreachable for an earlier datagram) or ENOBUFS: that message's
                 * datagrams are counted as errors, not retried */
                errors += datagrams_in[done];
                done++;
            } else {
                for (int k = done; k < done + n; k++) sent += datagrams_in[k];
                done += n;
            }
        }
        next = numbered;
    }
    double elapsed = now_seconds() - start;
    close(fd);
    printf("{\"host\": \"%s\", \"port\": %ld, \"size\": %ld, \"rate_target\": %ld, \"attempted\": %ld, "
           "\"sent\": %ld, \"errors\": %ld, \"gso\": %ld, \"elapsed_s\": %.4f, \"rate_achieved\": %.1f}\n",
           address_text, port, size, rate, next, sent, errors, gso, elapsed, elapsed > 0 ? sent / elapsed : 0.0);
    return next == count ? 0 : 3;
}
