/*
 * exec-stamp: a command that notes when it was started, for measuring a benchmark tool's
 * cost between repetitions from the command's side (scripts/bench-commands.sh).
 *
 *   cc -O2 -o /tmp/exec-stamp scripts/exec-stamp.c
 *   /tmp/exec-stamp FILE [SLEEP_US]
 *
 * Appends the CLOCK_MONOTONIC nanoseconds at which its main() began to FILE (8 bytes, native
 * order), then sleeps SLEEP_US microseconds if given, and exits 0. Run N times by a tool, the
 * differences of consecutive stamps are the tool's exec-to-exec cycle: the command's own time,
 * which is the same under every tool, plus everything the tool does between two repetitions.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (argc < 2) return 2;
    long long stamp = (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
    int fd = open(argv[1], O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0 || write(fd, &stamp, sizeof stamp) != (ssize_t)sizeof stamp) return 1;
    close(fd);
    if (argc > 2) {
        long long micros = atoll(argv[2]);
        struct timespec pause = {micros / 1000000, (micros % 1000000) * 1000};
        nanosleep(&pause, NULL);
    }
    return 0;
}
