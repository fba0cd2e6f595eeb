// pty.c: forkpty-based spawning for the terminal tests. The child gets its own session, so the
// signals its line discipline raises (Ctrl-C) never reach the test runner.
#include "CPty.h"

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

pid_t indq_spawn_pty(const char *path, char *const argv[], char *const envp[], int rows, int cols, int *master_fd) {
    struct winsize size = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
    int master = -1;
    pid_t pid = forkpty(&master, NULL, NULL, &size);
    if (pid == 0) {
        // Only async-signal-safe calls between fork and exec: the parent has threads.
        // Swift's worker threads block SIGINT and the mask survives exec, so without this
        // Ctrl-C on the terminal would never reach the program under test.
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
        execve(path, argv, envp);
        _exit(127);
    }
    if (pid > 0) {
        fcntl(master, F_SETFD, FD_CLOEXEC);  // later children must not hold this terminal open
        *master_fd = master;
    }
    return pid;
}

int indq_set_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) return -1;
    return fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

int indq_wait_child(pid_t pid, int nohang, int *code) {
    int status = 0;
    pid_t done;
    do {
        done = waitpid(pid, &status, nohang ? WNOHANG : 0);
    } while (done < 0 && errno == EINTR);
    if (done < 0) return -1;
    if (done == 0) return 0;
    if (WIFEXITED(status)) { *code = WEXITSTATUS(status); return 1; }
    if (WIFSIGNALED(status)) { *code = WTERMSIG(status); return 2; }
    return -1;
}
