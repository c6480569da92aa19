// speedlab-spawn: runs one command for SpeedLab and reports what it used.
//
// Usage: speedlab-spawn TIMEOUT_MS DIRECTORY EXECUTABLE [ARG...]   (one command)
//        speedlab-spawn --serve [--open-files N]                    (one command per request;
//                                                  N: the soft open-file limit for commands)
//   fd 3  lifeline: SpeedLab holds the writing end; end-of-file (SpeedLab stopped the
//         repetition, or died, even by SIGKILL) kills the command's process group. With
//         --serve it also carries the requests: a 4-byte length, then NUL-terminated fields
//         TIMEOUT_MS, DIRECTORY, STDOUT (a path, or empty: this helper's), STDERR (likewise),
//         EXECUTABLE, ARGC, ARGV..., ENVC, ENV... The helper then lives for a whole run, so a
//         repetition costs a launch of the command, not a start of the helper. SpeedLab may
//         queue the next request while a command runs: it is launched as soon as that command
//         is reaped, before that command's report is written (reports stay in order).
//   fd 4  report: one line `key=value ...` written after each command is reaped.
//
// Why a helper: on Linux an exec'd process inherits its spawner's RSS high-water mark (the
// kernel folds the old image's peak into the new one at exec), so a command spawned straight
// from SpeedLab would report at least SpeedLab's peak RSS. This program is small: it is linked
// statically against the C library alone (no Swift runtime, no dynamic loader: a few hundred
// KiB resident), so wait4's ru_maxrss is the command's own plus at most this helper's little.
//
// How a command is launched: as posix_spawn does, with clone(CLONE_VM | CLONE_VFORK) on a stack
// of this helper's. The child shares this helper's memory until it execs (no page tables are
// copied, which a fork would do), and this helper resumes once the child has exec'd or failed;
// a failure before exec (a redirect, the directory, exec itself) is left in shared memory.
// All signals are blocked around the clone, and the child resets the handled ones to their
// defaults before it restores the mask, so no handler of this helper ever runs in the child.
//
// The command runs in a process group of its own (stdin, stdout and stderr are what SpeedLab
// gave this helper). The wall time is taken here, from just before fork to the return of
// wait4, on CLOCK_MONOTONIC. A timeout sends SIGTERM to the group, then SIGKILL after 2 s.
// After the command exits, whatever it left in its group (a background grandchild) is killed.
//
// This helper is a child subreaper (PR_SET_CHILD_SUBREAPER): a descendant whose parent exits
// is reparented here, not to init, even one that left the command's process group and session
// with setsid(). So after each command (however it ended: exit, timeout, Ctrl-C, SIGTERM, or a
// closed lifeline when SpeedLab died) every process still below this helper is killed and
// reaped before the report is written; none outlives the repetition.
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

// SwiftPM links every executable with the Swift runtime's image registration object
// (swiftrt.o), whose constructor hands the image's Swift metadata sections to the runtime.
// This program holds no Swift code, so it registers nothing: these two definitions take the
// runtime's place, and with `-static-executable` (Package.swift) no part of the Swift runtime
// is linked in at all, which keeps this helper's resident memory, and so the peak RSS of
// every command it launches, at a few hundred KiB.
struct MetadataSections;
void swift_addNewDSOImage(struct MetadataSections *sections);
void swift_addNewDSOImage(struct MetadataSections *sections) { (void)sections; }
int _swift_backtrace_isThunkFunction(const char *name);
int _swift_backtrace_isThunkFunction(const char *name) {
    (void)name;
    return 0;
}

enum { LIFELINE = 3, REPORT = 4 };
static const long long KILL_GRACE_NS = 2000000000LL;

static int wake_pipe[2] = {-1, -1};

static void on_signal(int signo) {
    int saved = errno;
    unsigned char byte = (unsigned char)signo;
    (void)!write(wake_pipe[1], &byte, 1);
    errno = saved;
}

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long micros(struct timeval tv) { return (long long)tv.tv_sec * 1000000LL + tv.tv_usec; }

static void report_line(const char *line) {
    size_t left = strlen(line);
    while (left > 0) {
        ssize_t wrote = write(REPORT, line, left);
        if (wrote < 0 && errno == EINTR) continue;
        if (wrote <= 0) return;
        line += wrote;
        left -= (size_t)wrote;
    }
}

static void fail(const char *stage, int error) {
    char line[256];
    snprintf(line, sizeof line, "error=%s errno=%d\n", stage, error);
    report_line(line);
    _exit(70);
}

/// One command to run: what a request (or the one-shot command line) says.
struct job {
    long long timeout_ms;
    const char *directory;
    const char *stdout_path;  // NULL or "": keep this helper's
    const char *stderr_path;
    const char *executable;
    char **argv;
    char **envp;  // NULL: this helper's environment
};

/// What the launched child needs, and where it leaves why it failed before exec (the child
/// shares this helper's memory until it execs).
struct launch {
    const struct job *job;
    int stdout_fd;  // -1: keep this helper's
    int stderr_fd;
    const sigset_t *mask;  // the mask to restore in the child before exec
    volatile char stage;   // 'd' chdir, 'x' exec; 0 when exec succeeded
    volatile int error;
};

/// The child's side of the launch, on the launch stack: a process group of its own, default
/// signal handlers, the redirects and the directory, then exec. Only async-signal-safe calls.
static int launch_child(void *argument) {
    struct launch *launch = argument;
    const struct job *job = launch->job;
    setpgid(0, 0);
    struct sigaction defaults;
    memset(&defaults, 0, sizeof defaults);
    defaults.sa_handler = SIG_DFL;
    sigaction(SIGCHLD, &defaults, NULL);
    sigaction(SIGINT, &defaults, NULL);
    sigaction(SIGTERM, &defaults, NULL);
    sigaction(SIGHUP, &defaults, NULL);
    sigaction(SIGPIPE, &defaults, NULL);
    sigprocmask(SIG_SETMASK, launch->mask, NULL);
    if (launch->stdout_fd >= 0 && dup2(launch->stdout_fd, 1) < 0) {
        launch->stage = 'o';
    } else if (launch->stderr_fd >= 0 && dup2(launch->stderr_fd, 2) < 0) {
        launch->stage = 'e';
    } else if (chdir(job->directory) != 0) {
        launch->stage = 'd';
    } else {
        if (job->envp) {
            execve(job->executable, job->argv, job->envp);
        } else {
            execv(job->executable, job->argv);
        }
        launch->stage = 'x';
    }
    launch->error = errno;
    _exit(127);
}

/// Opens a redirect's target in this helper (close-on-exec: the child dup2s it), or returns -1
/// with no redirect asked for (NULL or ""), or -2 when it cannot be opened. The caller closes it.
static int open_redirect(const char *path, int flags) {
    if (path == NULL || path[0] == 0) return -1;
    int opened = open(path, flags | O_WRONLY | O_CLOEXEC, 0644);
    return opened < 0 ? -2 : opened;
}

/// Files this helper keeps open from one command to the next, so a repetition does not pay an
/// open() before its clock starts: `/dev/null` and SpeedLab's stderr capture files (its own
/// temporary files, never a user's: a user's output file is opened anew for every command, so
/// a command that moves or deletes it is honoured).
enum { KEPT_FILES = 4 };
static struct {
    char *path;
    int fd;
} kept[KEPT_FILES];
static int kept_next;

/// The kept descriptor of `path`, truncated to empty (as O_TRUNC would) when `truncate` is set,
/// opened on first use; -2 when it cannot be opened. Never closed by the caller.
static int kept_redirect(const char *path, int truncate) {
    for (int i = 0; i < KEPT_FILES; i++) {
        if (kept[i].path != NULL && strcmp(kept[i].path, path) == 0) {
            if (truncate && (ftruncate(kept[i].fd, 0) != 0 || lseek(kept[i].fd, 0, SEEK_SET) < 0)) return -2;
            return kept[i].fd;
        }
    }
    int opened = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (truncate ? O_TRUNC : O_APPEND), 0644);
    if (opened < 0) return -2;
    int slot = kept_next++ % KEPT_FILES;  // the oldest makes room
    if (kept[slot].path != NULL) {
        close(kept[slot].fd);
        free(kept[slot].path);
    }
    kept[slot].path = strdup(path);
    kept[slot].fd = opened;
    return opened;
}

/// The launch stack: the child runs on it until it execs, while this helper waits (CLONE_VFORK),
/// so one is enough for a helper that launches one command at a time.
static char launch_stack[256 * 1024] __attribute__((aligned(64)));

/// Sends SIGKILL to every child of this helper: from /proc/self/task/PID/children (the helper
/// is single-threaded), or, on a kernel without that file, from a scan of /proc.
static void kill_children(void) {
    char path[64];
    snprintf(path, sizeof path, "/proc/self/task/%d/children", (int)getpid());
    FILE *list = fopen(path, "re");
    if (list != NULL) {
        int pid;
        while (fscanf(list, "%d", &pid) == 1) kill(pid, SIGKILL);
        fclose(list);
        return;
    }
    DIR *proc = opendir("/proc");
    if (proc == NULL) return;
    pid_t self = getpid();
    struct dirent *entry;
    while ((entry = readdir(proc)) != NULL) {
        int pid = atoi(entry->d_name);
        if (pid <= 0) continue;
        char stat_path[64], stat[512];
        snprintf(stat_path, sizeof stat_path, "/proc/%d/stat", pid);
        int fd = open(stat_path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) continue;
        ssize_t got = read(fd, stat, sizeof stat - 1);
        close(fd);
        if (got <= 0) continue;
        stat[got] = 0;
        char *close_paren = strrchr(stat, ')');  // the name may hold spaces and parentheses
        int parent = 0;
        if (close_paren != NULL && sscanf(close_paren + 1, " %*c %d", &parent) == 1 && parent == self) {
            kill(pid, SIGKILL);
        }
    }
    closedir(proc);
}

/// Kills and reaps every process left below this helper. The fast path, when the command left
/// nothing, is one waitid() that says there are no children.
static void kill_descendants(void) {
    for (;;) {
        while (waitpid(-1, NULL, WNOHANG) > 0) {
        }
        siginfo_t info;
        memset(&info, 0, sizeof info);
        if (waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
            if (errno == EINTR) continue;
            return;  // ECHILD: nothing is left
        }
        if (info.si_pid != 0) continue;  // one just exited: reap it above
        kill_children();
        // A killed child's own children are reparented here; the next pass kills them.
        while (waitpid(-1, NULL, 0) < 0 && errno == EINTR) {
        }
    }
}

/// A launched command: its pid (-1 when a redirect failed and nothing started), when its clock
/// started, and why it failed before exec, if it did ('o', 'e', 'd' or 'x').
struct running {
    const struct job *job;
    pid_t child;
    long long start;
    char stage;
    int exec_error;
};

/// Launches `job` in a process group of its own; its clock starts just before the launch.
static void launch_job(const struct job *job, struct running *running) {
    struct launch launch = {job, -1, -1, NULL, 0, 0};
    running->job = job;
    running->child = -1;
    running->stage = 0;
    running->exec_error = 0;
    int stdout_kept = job->stdout_path != NULL && strcmp(job->stdout_path, "/dev/null") == 0;
    launch.stdout_fd = stdout_kept ? kept_redirect("/dev/null", 0) : open_redirect(job->stdout_path, O_CREAT | O_APPEND);
    if (launch.stdout_fd == -2) {
        running->stage = 'o';
        running->exec_error = errno;
    } else if (job->stderr_path != NULL && job->stderr_path[0] != 0) {  // SpeedLab's capture file
        launch.stderr_fd = kept_redirect(job->stderr_path, 1);
        if (launch.stderr_fd == -2) {
            running->stage = 'e';
            running->exec_error = errno;
        }
    }
    running->start = now_ns();
    if (running->stage == 0) {
        sigset_t all, previous;
        sigfillset(&all);
        sigprocmask(SIG_BLOCK, &all, &previous);
        launch.mask = &previous;
        pid_t child = clone(launch_child, launch_stack + sizeof launch_stack, CLONE_VM | CLONE_VFORK | SIGCHLD, &launch);
        int clone_error = errno;
        sigprocmask(SIG_SETMASK, &previous, NULL);
        if (child < 0) fail("clone", clone_error);
        running->child = child;
        running->stage = launch.stage;
        running->exec_error = launch.error;
    }
    if (launch.stdout_fd >= 0 && !stdout_kept) close(launch.stdout_fd);
}

/// Waits for a launched command (its timeout, the lifeline and SIGINT/SIGTERM/SIGHUP stop it),
/// kills what it left in its group and below this helper, and writes its report line into
/// `line`. Returns 1 when it was stopped (the caller stops serving), else 0.
static int finish_job(const struct running *running, char *line, size_t size) {
    pid_t child = running->child;
    if (child < 0) {  // a redirect failed: nothing was started
        snprintf(line, size, "error=%s errno=%d\n", running->stage == 'o' ? "stdout" : "stderr", running->exec_error);
        return 0;
    }
    const struct job *job = running->job;
    long long start = running->start;
    long long deadline = job->timeout_ms > 0 ? start + job->timeout_ms * 1000000LL : -1;
    int timed_out = 0, stopped = 0, term_sent = 0;
    int status = 0;
    struct rusage usage;
    memset(&usage, 0, sizeof usage);
    long long end = 0;
    for (;;) {
        pid_t reaped = wait4(child, &status, WNOHANG, &usage);
        if (reaped == child) {
            end = now_ns();
            break;
        }
        if (reaped < 0 && errno != EINTR) fail("wait4", errno);
        // events 0: only the lifeline's hang-up (or error) wakes this, never a request's bytes.
        struct pollfd fds[2] = {{LIFELINE, 0, 0}, {wake_pipe[0], POLLIN, 0}};
        int wait_ms = -1;
        if (deadline >= 0) {
            long long left = deadline - now_ns();
            if (left <= 0) {
                if (!term_sent) {
                    timed_out = 1;
                    term_sent = 1;
                    kill(-child, SIGTERM);
                    deadline = now_ns() + KILL_GRACE_NS;
                } else {
                    kill(-child, SIGKILL);
                    deadline = -1;
                }
                continue;
            }
            wait_ms = (int)((left + 999999) / 1000000);
        }
        int ready = poll(fds, 2, wait_ms);
        if (ready < 0 && errno != EINTR) fail("poll", errno);
        if (ready > 0 && (fds[1].revents & POLLIN)) {
            unsigned char bytes[64];
            ssize_t count = read(wake_pipe[0], bytes, sizeof bytes);
            for (ssize_t i = 0; i < count; i++) {
                if (bytes[i] != SIGCHLD) {
                    stopped = 1;
                    kill(-child, SIGKILL);
                }
            }
        }
        if (ready > 0 && (fds[0].revents & (POLLHUP | POLLERR))) {
            stopped = 1;
            kill(-child, SIGKILL);
            deadline = -1;
        }
    }
    kill(-child, SIGKILL);  // anything the command left running in its group
    kill_descendants();     // and anything that left the group (setsid) and was reparented here

    if (running->stage != 0) {
        char stage = running->stage;
        const char *what = stage == 'd' ? "chdir" : stage == 'o' ? "stdout" : stage == 'e' ? "stderr" : "exec";
        snprintf(line, size, "error=%s errno=%d\n", what, running->exec_error);
        return stopped;
    }
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    int signo = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    snprintf(line, size,
             "wall_ns=%lld user_us=%lld system_us=%lld maxrss_kb=%ld minflt=%ld majflt=%ld nvcsw=%ld nivcsw=%ld "
             "exit=%d signal=%d timed_out=%d stopped=%d\n",
             end - start, micros(usage.ru_utime), micros(usage.ru_stime), usage.ru_maxrss, usage.ru_minflt,
             usage.ru_majflt, usage.ru_nvcsw, usage.ru_nivcsw, code, signo, timed_out, stopped);
    return stopped;
}

static int read_fully(int fd, void *buffer, size_t size) {
    char *at = buffer;
    while (size > 0) {
        ssize_t got = read(fd, at, size);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return -1;
        at += got;
        size -= (size_t)got;
    }
    return 0;
}

/// The next NUL-terminated field of a request body, or NULL past its end.
static char *next_field(char **cursor, char *end) {
    if (*cursor >= end) return NULL;
    char *field = *cursor;
    char *nul = memchr(field, 0, (size_t)(end - field));
    if (nul == NULL) return NULL;
    *cursor = nul + 1;
    return field;
}

/// One request: its body (which the job's strings point into) and the job it describes.
struct request {
    char *body;
    struct job job;
};

static void free_request(struct request *request) {
    free(request->job.argv);
    free(request->job.envp);
    free(request->body);
    memset(request, 0, sizeof *request);
}

/// Reads the next request from the lifeline; -1 when SpeedLab is gone (it closed the lifeline).
static int read_request(struct request *request) {
    memset(request, 0, sizeof *request);
    uint32_t length = 0;
    if (read_fully(LIFELINE, &length, sizeof length) != 0) return -1;
    if (length == 0 || length > (64u << 20)) fail("request", EINVAL);
    char *body = malloc(length);
    if (body == NULL || read_fully(LIFELINE, body, length) != 0) {
        free(body);
        return -1;
    }
    request->body = body;
    char *cursor = body, *end = body + length;
    struct job *job = &request->job;
    char *timeout = next_field(&cursor, end);
    job->directory = next_field(&cursor, end);
    job->stdout_path = next_field(&cursor, end);
    job->stderr_path = next_field(&cursor, end);
    job->executable = next_field(&cursor, end);
    char *argc_text = next_field(&cursor, end);
    if (!timeout || !job->directory || !job->stdout_path || !job->stderr_path || !job->executable || !argc_text)
        fail("request", EINVAL);
    job->timeout_ms = atoll(timeout);
    long argc = atol(argc_text);
    if (argc < 1 || argc > 1000000) fail("request", EINVAL);
    job->argv = calloc((size_t)argc + 1, sizeof(char *));
    for (long i = 0; i < argc; i++) {
        if ((job->argv[i] = next_field(&cursor, end)) == NULL) fail("request", EINVAL);
    }
    char *envc_text = next_field(&cursor, end);
    long envc = envc_text ? atol(envc_text) : -1;
    if (envc < 0 || envc > 1000000) fail("request", EINVAL);
    job->envp = calloc((size_t)envc + 1, sizeof(char *));
    for (long i = 0; i < envc; i++) {
        if ((job->envp[i] = next_field(&cursor, end)) == NULL) fail("request", EINVAL);
    }
    return 0;
}

/// Whether a request is waiting on the lifeline now (SpeedLab queued it behind the last).
static int request_waiting(void) {
    struct pollfd lifeline = {LIFELINE, POLLIN, 0};
    return poll(&lifeline, 1, 0) == 1 && (lifeline.revents & POLLIN);
}

/// Runs one request after another until the lifeline closes. When the next request is already
/// waiting as a command ends (SpeedLab queued it), it is launched before that command's report
/// is written: the next repetition starts at once, and SpeedLab's wake-up on the report overlaps
/// it instead of delaying it. Reports are still written in order.
static int serve(void) {
    struct request current;
    if (read_request(&current) != 0) return 0;
    struct running running;
    launch_job(&current.job, &running);
    for (;;) {
        char line[512];
        int stopped = finish_job(&running, line, sizeof line);
        if (stopped) {
            report_line(line);
            free_request(&current);
            return 0;
        }
        if (request_waiting()) {
            struct request next;
            int gone = read_request(&next);
            free_request(&current);
            if (gone) {
                report_line(line);
                return 0;
            }
            current = next;
            launch_job(&current.job, &running);
            report_line(line);
        } else {
            report_line(line);
            free_request(&current);
            if (read_request(&current) != 0) return 0;
            launch_job(&current.job, &running);
        }
    }
}

int main(int argc, char **argv) {
    int serving = argc >= 2 && strcmp(argv[1], "--serve") == 0;
    int open_files = serving && argc == 4 && strcmp(argv[2], "--open-files") == 0;
    if ((!serving && argc < 4) || (serving && argc != 2 && !open_files)) {
        fprintf(stderr, "usage: speedlab-spawn TIMEOUT_MS DIRECTORY EXECUTABLE [ARG...] | --serve [--open-files N]\n");
        return 64;
    }
    // SpeedLab may have raised its own open-file limit for real I/O: the commands get back the
    // soft limit SpeedLab was started with (lowering a soft limit is always allowed).
    if (open_files) {
        struct rlimit limit;
        long long wanted = atoll(argv[3]);
        if (wanted > 0 && getrlimit(RLIMIT_NOFILE, &limit) == 0 && (rlim_t)wanted < limit.rlim_cur) {
            limit.rlim_cur = (rlim_t)wanted;
            setrlimit(RLIMIT_NOFILE, &limit);
        }
    }
    // Orphaned descendants of the command come to this helper, which kills them (see above).
    if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) fail("prctl", errno);
    fcntl(LIFELINE, F_SETFD, FD_CLOEXEC);
    fcntl(REPORT, F_SETFD, FD_CLOEXEC);
    if (pipe2(wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0) fail("pipe", errno);

    // SIGCHLD wakes the wait; SIGINT/SIGTERM/SIGHUP (a Ctrl-C at the terminal reaches this
    // helper's group) stop the command like a closed lifeline does.
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    sigaction(SIGCHLD, &action, NULL);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
    signal(SIGPIPE, SIG_IGN);

    if (serving) return serve();
    struct job job = {atoll(argv[1]), argv[2], NULL, NULL, argv[3], argv + 3, NULL};
    struct running running;
    launch_job(&job, &running);
    char line[512];
    finish_job(&running, line, sizeof line);
    report_line(line);
    return 0;
}
