/*
 * spawn-loop: the floor a benchmark tool's launch can reach, for scripts/bench-commands.sh.
 *
 *   cc -O2 -o /tmp/spawn-loop scripts/spawn-loop.c
 *   /tmp/spawn-loop COUNT PROGRAM [ARG...]
 *
 * posix_spawn()s PROGRAM (stdin, stdout and stderr on /dev/null, opened once) and waits for it
 * with wait4, COUNT times, doing nothing else: no timing, no storage, no bookkeeping.
 */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

extern char **environ;

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: spawn-loop COUNT PROGRAM [ARG...]\n");
        return 2;
    }
    int count = atoi(argv[1]);
    int null = open("/dev/null", O_RDWR);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    for (int fd = 0; fd < 3; fd++) posix_spawn_file_actions_adddup2(&actions, null, fd);
    for (int i = 0; i < count; i++) {
        pid_t pid;
        if (posix_spawn(&pid, argv[2], &actions, NULL, argv + 2, environ) != 0) return 1;
        int status;
        struct rusage usage;
        wait4(pid, &status, 0, &usage);
    }
    return 0;
}
