// shim.h: zlib's gzip stream functions, for reading compressed CSV files.
#ifndef INDQ_CZLIB_SHIM_H
#define INDQ_CZLIB_SHIM_H
#include <zlib.h>
#endif
