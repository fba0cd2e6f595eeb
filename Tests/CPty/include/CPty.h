// CPty: spawn a program on a new pseudo-terminal for the terminal tests, with non-variadic
// helpers for the calls (fcntl, waitpid status macros, termios) that Swift cannot make directly.
#ifndef INDQ_CPTY_H
#define INDQ_CPTY_H

#include <sys/types.h>

/// indq_spawn_pty execs `path` with `argv` and `envp` in folder `cwd` (NULL: ours) on a new pseudo-terminal of
/// rows x cols. It returns the child's pid (or -1) and stores the terminal's master side, close-on-exec, in *master_fd.
pid_t indq_spawn_pty(const char *path, char *const argv[], char *const envp[], const char *cwd,
                     int rows, int cols, int *master_fd);

/// indq_set_nonblocking makes reads on fd return at once when nothing is available; 0 or -1.
int indq_set_nonblocking(int fd);

/// indq_wait_child reaps pid. With nohang it returns 0 while the child runs; otherwise
/// 1 and *code = exit status if it exited, 2 and *code = signal if it was killed, -1 on error.
int indq_wait_child(pid_t pid, int nohang, int *code);

/// indq_terminal_is_raw tells whether the program has switched its terminal out of canonical (cooked) mode,
/// as a line editor does while it waits for keys: 1 raw, 0 cooked, -1 on error.
int indq_terminal_is_raw(int master);

#endif
