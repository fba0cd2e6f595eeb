// pty.c: spawning on a pseudo-terminal for the terminal tests. The child gets its own session, so the
// signals its line discipline raises (Ctrl-C) never reach the test runner. Both sides of the terminal are
// opened close-on-exec from the start, so that tests running in parallel never leak one test's terminal
// into another test's child (which would keep it open after its own program ended).
#define _GNU_SOURCE
#include "CPty.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

pid_t indq_spawn_pty(const char *path, char *const argv[], char *const envp[], const char *cwd,
                     int rows, int cols, int *master_fd) {
    int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0) return -1;
    char name[128];
    if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, name, sizeof name) != 0) {
        close(master);
        return -1;
    }
    int slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (slave < 0) {
        close(master);
        return -1;
    }
    struct winsize size = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
    ioctl(slave, TIOCSWINSZ, &size);
    pid_t pid = fork();
    if (pid == 0) {
        // Only async-signal-safe calls between fork and exec: the parent has threads.
        setsid();
        ioctl(slave, TIOCSCTTY, 0);
        // dup2 clears close-on-exec on the copies; the originals close at exec.
        dup2(slave, 0);
        dup2(slave, 1);
        dup2(slave, 2);
        if (cwd != NULL && chdir(cwd) != 0) _exit(126);
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
    close(slave);
    if (pid < 0) {
        close(master);
        return -1;
    }
    *master_fd = master;
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

int indq_terminal_is_raw(int master) {
    struct termios mode;
    // On Linux the master reports the terminal's (the slave's) settings.
    if (tcgetattr(master, &mode) != 0) return -1;
    return (mode.c_lflag & ICANON) == 0;
}
