// shim.h: non-variadic wrappers around libedit's el_set/el_get/history, which Swift cannot call,
// and a signal helper, so the shell's Swift code never touches C varargs or the stdio globals.
#ifndef INDQ_CLIBEDIT_SHIM_H
#define INDQ_CLIBEDIT_SHIM_H

#include <histedit.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/// indq_el_init opens an editor on the standard streams; the stdio globals are referenced here
/// because Swift 6 rejects them as not concurrency-safe.
static inline EditLine *indq_el_init(const char *prog) {
    return el_init(prog, stdin, stdout, stderr);
}

/// indq_el_set_prompt installs the prompt callback.
static inline int indq_el_set_prompt(EditLine *el, char *(*prompt)(EditLine *)) {
    return el_set(el, EL_PROMPT, prompt);
}

/// indq_el_set_editor selects "emacs" or "vi" key bindings.
static inline int indq_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

/// indq_el_set_hist attaches a history so Up, Down and Ctrl-R can browse it.
static inline int indq_el_set_hist(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}

/// indq_el_set_clientdata stores a pointer the callbacks can fetch back.
static inline int indq_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

/// indq_el_get_clientdata returns the pointer stored with indq_el_set_clientdata, or NULL.
static inline void *indq_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

/// indq_el_addfn registers a named editor function that key bindings can refer to.
static inline int indq_el_addfn(EditLine *el, const char *name, const char *help,
                                unsigned char (*fn)(EditLine *, int)) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

/// indq_el_bind binds a key sequence such as "^R" to an editor function.
static inline int indq_el_bind(EditLine *el, const char *key, const char *fn) {
    return el_set(el, EL_BIND, key, fn, (const char *)NULL);
}

/// indq_el_prep_term puts the terminal into libedit's editing (raw) mode now, or back to cooked mode for 0.
static inline int indq_el_prep_term(EditLine *el, int raw) {
    return el_set(el, EL_PREP_TERM, raw);
}

/// indq_el_source reads ~/.editrc (or $EDITRC); called last so the user's bindings win.
static inline int indq_el_source(EditLine *el) {
    return el_source(el, NULL);
}

/// indq_history_setsize caps the number of entries kept.
static inline int indq_history_setsize(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}

/// indq_history_setunique stops an entry equal to the previous one from being added again.
static inline int indq_history_setunique(History *h, int unique) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, unique);
}

/// indq_history_enter appends an entry.
static inline int indq_history_enter(History *h, const char *entry) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, entry);
}

/// indq_history_load appends the entries of a history file; -1 when it is missing or not a history file.
static inline int indq_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}

/// indq_history_save writes every entry to a path; the count written, or -1.
static inline int indq_history_save(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, path);
}

/// indq_history_save_fp writes every entry to an open stream, so the caller controls how the file is created.
static inline int indq_history_save_fp(History *h, FILE *fp) {
    HistEvent ev;
    return history(h, &ev, H_SAVE_FP, fp);
}

/// indq_history_last moves to the oldest entry and returns its text, or NULL when empty.
static inline const char *indq_history_last(History *h) {
    HistEvent ev;
    return history(h, &ev, H_LAST) == 0 ? ev.str : NULL;
}

/// indq_history_prev moves one entry towards the newest and returns its text, or NULL past the end.
static inline const char *indq_history_prev(History *h) {
    HistEvent ev;
    return history(h, &ev, H_PREV) == 0 ? ev.str : NULL;
}

/// indq_history_count returns the number of entries.
static inline int indq_history_count(History *h) {
    HistEvent ev;
    return history(h, &ev, H_GETSIZE) == 0 ? ev.num : 0;
}

/// indq_terminal_columns returns the width of the terminal on fd, or 80 when it is unknown.
static inline int indq_terminal_columns(int fd) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    return 80;
}

/// indq_signal_slot holds the last SIGINT (interrupt) and SIGTERM/SIGHUP (terminate) seen;
/// volatile sig_atomic_t is the only type a handler may portably write.
static inline volatile sig_atomic_t *indq_signal_slot(int terminate) {
    static volatile sig_atomic_t interrupted = 0;
    static volatile sig_atomic_t terminating = 0;
    return terminate ? &terminating : &interrupted;
}

/// indq_on_signal records the signal and returns, so a blocked read fails with EINTR.
static inline void indq_on_signal(int sig) {
    if (sig == SIGINT) {
        *indq_signal_slot(0) = 1;
    } else {
        *indq_signal_slot(1) = sig;
    }
}

/// indq_install_signal_handlers catches SIGINT, SIGTERM and SIGHUP without SA_RESTART (and ignores SIGQUIT), so el_gets
/// returns -1 with EINTR instead of reading on; libedit's own EL_SIGNAL handler is avoided
/// because it re-raises with kill(0, sig), which hits the whole process group.
static inline int indq_install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = indq_on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    if (sigaction(SIGINT, &sa, NULL) != 0) return -1;
    if (sigaction(SIGTERM, &sa, NULL) != 0) return -1;
    if (sigaction(SIGHUP, &sa, NULL) != 0) return -1;
    // Ctrl-\ (SIGQUIT) is ignored at the prompt, as interactive shells do: the language runtime's own handler would
    // otherwise print a crash report, freeze the prompt and dump core, leaving the terminal raw.
    struct sigaction ignore;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    if (sigaction(SIGQUIT, &ignore, NULL) != 0) return -1;
    // A parent may have started us with these blocked (the mask survives exec); unblock them
    // on this thread, which is the one that calls el_gets.
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGINT);
    sigaddset(&wanted, SIGTERM);
    sigaddset(&wanted, SIGHUP);
    return pthread_sigmask(SIG_UNBLOCK, &wanted, NULL) == 0 ? 0 : -1;
}

/// indq_take_interrupt reports whether SIGINT arrived since the last call, and clears it.
static inline int indq_take_interrupt(void) {
    int seen = *indq_signal_slot(0) != 0;
    *indq_signal_slot(0) = 0;
    return seen;
}

/// indq_terminating_signal returns SIGTERM or SIGHUP once one has arrived, else 0.
static inline int indq_terminating_signal(void) {
    return (int)*indq_signal_slot(1);
}

/// indq_line_state tracks the line being read: how many bytes came in, and the first byte that was not UTF-8.
typedef struct {
    long bytes;
    long bad_offset;  /* -1 while the line is valid */
    int bad_byte;
} indq_line_state_t;

static inline indq_line_state_t *indq_line_state(void) {
    static indq_line_state_t state = {0, -1, 0};
    return &state;
}

/// indq_input_t holds keys read from the terminal but not yet given to libedit: one read takes all that is queued,
/// so that a paste costs one system call per buffer, not per byte.
typedef struct {
    unsigned char bytes[4096];
    int next, end;
} indq_input_t;

static inline indq_input_t *indq_input(void) {
    static indq_input_t input = {{0}, 0, 0};
    return &input;
}

/// indq_buffered_input returns how many keys are read but not yet used.
static inline int indq_buffered_input(void) {
    indq_input_t *in = indq_input();
    return in->end - in->next;
}

/// indq_fill_input moves the unused keys to the front and appends what is queued on the terminal, without waiting.
/// It returns how many keys are buffered, and their start in *bytes.
static inline int indq_fill_input(const unsigned char **bytes) {
    indq_input_t *in = indq_input();
    if (in->next > 0) {
        memmove(in->bytes, in->bytes + in->next, (size_t)(in->end - in->next));
        in->end -= in->next;
        in->next = 0;
    }
    struct pollfd ready = {STDIN_FILENO, POLLIN, 0};
    if (in->end < (int)sizeof in->bytes && poll(&ready, 1, 0) > 0 && (ready.revents & POLLIN)) {
        ssize_t n = read(STDIN_FILENO, in->bytes + in->end, sizeof in->bytes - (size_t)in->end);
        if (n > 0) in->end += (int)n;
    }
    *bytes = in->bytes;
    return in->end;
}

/// indq_consume_input drops the first count buffered keys, which the caller has used.
static inline void indq_consume_input(int count) {
    indq_input_t *in = indq_input();
    in->next += count < in->end - in->next ? count : in->end - in->next;
}

/// indq_read_byte gives the next key byte, reading the terminal when the buffer is empty: 1, or read's 0 or -1.
static inline int indq_read_byte(unsigned char *b) {
    indq_input_t *in = indq_input();
    if (in->next == in->end) {
        ssize_t n = read(STDIN_FILENO, in->bytes, sizeof in->bytes);
        if (n <= 0) return (int)n;
        in->next = 0;
        in->end = (int)n;
    }
    *b = in->bytes[in->next++];
    return 1;
}

/// indq_read_char is libedit's key reader (EL_GETCFN). It decodes UTF-8 itself, so that an invalid byte is
/// reported (as U+FFFD in the line, and in indq_line_state) instead of silently dropped, and it gives up at once
/// when a signal arrived between two keys, instead of blocking until the next key.
static inline int indq_read_char(EditLine *el, wchar_t *out) {
    (void)el;
    indq_line_state_t *st = indq_line_state();
    if (*indq_signal_slot(0) || *indq_signal_slot(1)) { errno = EINTR; return -1; }
    unsigned char b;
    int n = indq_read_byte(&b);
    if (n <= 0) return n;
    long start = st->bytes++;
    int length = b < 0x80 ? 1 : (b >= 0xC2 && b <= 0xDF) ? 2 : (b >= 0xE0 && b <= 0xEF) ? 3 : (b >= 0xF0 && b <= 0xF4) ? 4 : 0;
    unsigned int value = length == 1 ? b : length == 2 ? (b & 0x1F) : length == 3 ? (b & 0x0F) : (b & 0x07);
    int valid = length > 0;
    for (int i = 1; valid && i < length; i++) {
        unsigned char c;
        n = indq_read_byte(&c);
        if (n <= 0) return n;
        st->bytes++;
        if ((c & 0xC0) != 0x80) { valid = 0; break; }
        value = (value << 6) | (c & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8 either.
    if (valid && ((length == 3 && value < 0x800) || (length == 4 && (value < 0x10000 || value > 0x10FFFF))
                  || (value >= 0xD800 && value <= 0xDFFF))) valid = 0;
    if (!valid) {
        if (st->bad_offset < 0) { st->bad_offset = start; st->bad_byte = b; }
        value = 0xFFFD;
    }
    *out = (wchar_t)value;
    return 1;
}

static inline int indq_el_set_getcfn(EditLine *el) {
    return el_wset(el, EL_GETCFN, indq_read_char);
}

#endif
