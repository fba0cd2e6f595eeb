// The report data files, embedded at build time so that the binary reads no file at run time.
#ifndef INDQ_DATA_H
#define INDQ_DATA_H

typedef struct {
    const char *name;   // file name, e.g. "studenten.tsv"
    const char *text;   // its bytes, NUL-terminated
} indq_data_file;

// The embedded files, in catalogue order; `count` receives their number.
const indq_data_file *indq_data_files(int *count);

#endif
