// shim.h: libsqlite3's API, plus a wrapper for the one call whose argument Swift cannot write (SQLITE_TRANSIENT,
// a cast of -1 to a function pointer).
#ifndef INDQ_CSQLITE_SHIM_H
#define INDQ_CSQLITE_SHIM_H

#include <sqlite3.h>

/// indq_sqlite3_bind_text binds UTF-8 text of `length` bytes, which SQLite copies before it returns.
static inline int indq_sqlite3_bind_text(sqlite3_stmt *statement, int index, const char *text, int length) {
    return sqlite3_bind_text(statement, index, text, length, SQLITE_TRANSIENT);
}

#endif
