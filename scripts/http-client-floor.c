// The floor of `concurrent` over http on this machine: the least a client can do for the
// same workload against the same `speedlab services`, written in C with nothing in the way.
//
// One thread, as SpeedLab's client loop: N keep-alive connections opened once, then for each
// repetition every connection sends one request (N writes in a row, as N tasks at once do),
// and epoll waits for the N answers, each read until its head and `content-length` body are
// in. No HTTP library, no allocation per request, no task. It prints the median wall time,
// the efficiency (L ÷ wall) and its CPU per request (user + system ÷ requests), and the part
// of it spent in write(2) alone, so the cost the kernel puts on sending is seen on its own.
//
//   cc -O2 -o .build-bench/http-client-floor scripts/http-client-floor.c
//   .build-bench/http-client-floor PORT N [REPETITIONS] [LATENCY_MS] [BYTES]
//
// scripts/bench-http-clients.py runs it beside the other clients with `--floor`.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { answer_capacity = 65536 };

typedef struct {
    int fd;
    size_t have;    // bytes of the answer read so far
    long expected;  // head + body length once the head is in, else -1
    char answer[answer_capacity];
} connection;

static double now_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static double cpu_seconds(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void fail(const char *what) {
    perror(what);
    exit(1);
}

// The head's length and content-length once the blank line is in, else -1.
static long answer_length(const connection *c) {
    const char *end = memmem(c->answer, c->have, "\r\n\r\n", 4);
    if (!end) return -1;
    long head = end - c->answer + 4;
    const char *field = memmem(c->answer, head, "content-length:", 15);
    if (!field) {
        fprintf(stderr, "an answer without content-length\n");
        exit(1);
    }
    return head + strtol(field + 15, NULL, 10);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s PORT N [REPETITIONS] [LATENCY_MS] [BYTES]\n", argv[0]);
        return 64;
    }
    int port = atoi(argv[1]), n = atoi(argv[2]);
    int repetitions = argc > 3 ? atoi(argv[3]) : 7;
    double latency_ms = argc > 4 ? atof(argv[4]) : 20;
    int bytes = argc > 5 ? atoi(argv[5]) : 1024;
    connection *connections = calloc(n, sizeof(connection));
    int poll = epoll_create1(0);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    for (int i = 0; i < n; i++) {
        int fd = socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) fail("connect");
        connections[i].fd = fd;
        struct epoll_event event = {.events = EPOLLIN, .data.ptr = &connections[i]};
        epoll_ctl(poll, EPOLL_CTL_ADD, fd, &event);
    }
    char request[512];
    struct epoll_event events[256];
    double *walls = calloc(repetitions, sizeof(double));
    double cpu = 0, writing = 0;
    for (int repetition = -1; repetition < repetitions; repetition++) {  // one warm-up
        double cpu_start = cpu_seconds(), start = now_seconds(), in_write = 0;
        for (int i = 0; i < n; i++) {
            int length = snprintf(
                request, sizeof request,
                "GET /call?service=0&query=%d&attempt=1&seed=%d&mean_ns=%.0f&jitter=0&failure_rate=0&bytes=%d "
                "HTTP/1.1\r\nhost: 127.0.0.1:%d\r\n\r\n",
                i, 42 + repetition + 1, latency_ms * 1e6, bytes, port);
            connections[i].have = 0;
            connections[i].expected = -1;
            double before = now_seconds();
            if (write(connections[i].fd, request, length) != length) fail("write");
            in_write += now_seconds() - before;
        }
        for (int answered = 0; answered < n;) {
            int ready = epoll_wait(poll, events, 256, 60000);
            if (ready <= 0) fail("epoll_wait");
            for (int e = 0; e < ready; e++) {
                connection *c = events[e].data.ptr;
                ssize_t got = read(c->fd, c->answer + c->have, answer_capacity - c->have);
                if (got <= 0) fail("read");
                c->have += got;
                if (c->expected < 0) c->expected = answer_length(c);
                if (c->expected >= 0 && (long)c->have >= c->expected) {
                    if (strncmp(c->answer, "HTTP/1.1 200", 12) != 0) {
                        fprintf(stderr, "not a 200: %.40s\n", c->answer);
                        return 1;
                    }
                    answered++;
                }
            }
        }
        double wall = now_seconds() - start;
        if (repetition >= 0) {
            walls[repetition] = wall;
            cpu += cpu_seconds() - cpu_start;
            writing += in_write;
        }
    }
    qsort(walls, repetitions, sizeof(double), compare);
    double median = walls[repetitions / 2];
    double requests = (double)repetitions * n;
    printf("median_ms %.2f efficiency %.3f cpu_us_per_request %.1f write_us_per_request %.1f\n", median * 1e3,
           latency_ms / 1e3 / median, cpu / requests * 1e6, writing / requests * 1e6);
    return 0;
}
