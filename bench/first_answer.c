/*
 * first_answer: runs a command and reports, in milliseconds, how long after its start a TCP server on 127.0.0.1
 * gave a complete answer to one request; then stops the command (SIGTERM, bounded wait, SIGKILL).
 * With port 0 it reports how long the command took to exit instead (the `java -version` baseline).
 *
 *   first_answer PORT TIMEOUT_MS command [args...]
 *
 * Prints "<ms> <bytes>" on stdout; exit 1 when nothing answered within TIMEOUT_MS.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* One request; returns the bytes of the answer read to EOF, or -1 if the server is not there yet. */
static long ask(int port) {
    static const char request[] = "GET / HTTP/1.0\r\n\r\n";
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    struct timeval tv = {.tv_sec = 2};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || write(fd, request, sizeof request - 1) < 0) {
        close(fd);
        return -1;
    }
    char buf[65536];
    long total = 0;
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) total += n;
    close(fd);
    return n == 0 && total > 0 ? total : -1;
}

static void stop(pid_t child) {
    kill(child, SIGTERM);
    for (int i = 0; i < 1000; i++) {
        if (waitpid(child, NULL, WNOHANG) == child) return;
        usleep(10000);
    }
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: first_answer PORT TIMEOUT_MS command [args...]\n");
        return 2;
    }
    int port = atoi(argv[1]);
    double timeout = atof(argv[2]);
    double start = now_ms();
    pid_t child = fork();
    if (child == 0) {
        int devnull = open("/dev/null", 1);
        if (port != 0 && devnull >= 0) dup2(devnull, 1);
        execvp(argv[3], argv + 3);
        _exit(127);
    }
    if (port == 0) {
        waitpid(child, NULL, 0);
        printf("%.1f 0\n", now_ms() - start);
        return 0;
    }
    while (now_ms() - start < timeout) {
        long bytes = ask(port);
        if (bytes > 0) {
            printf("%.1f %ld\n", now_ms() - start, bytes);
            stop(child);
            return 0;
        }
        if (waitpid(child, NULL, WNOHANG) == child) break;
        usleep(1000);
    }
    stop(child);
    fprintf(stderr, "first_answer: no answer on port %d within %.0f ms\n", port, timeout);
    return 1;
}
