// renameat2 and its flags are GNU extensions that Swift's Glibc module does
// not expose, so this small shim calls them (by system call, which also works
// with a C library older than glibc 2.28).
#define _GNU_SOURCE
#include "cfileswap.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>

#if defined(__linux__)
#include <sys/syscall.h>
#include <unistd.h>

#define AXIS_RENAME_NOREPLACE (1 << 0)
#define AXIS_RENAME_EXCHANGE (1 << 1)

static int axis_renameat2(int from_dir, const char *from, int to_dir, const char *to, unsigned int flags) {
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, from_dir, from, to_dir, to, flags);
#else
    (void)from_dir; (void)from; (void)to_dir; (void)to; (void)flags;
    errno = ENOSYS;
    return -1;
#endif
}

int axis_rename_exchange(int from_dir, const char *from, int to_dir, const char *to) {
    return axis_renameat2(from_dir, from, to_dir, to, AXIS_RENAME_EXCHANGE);
}

int axis_rename_noreplace(int from_dir, const char *from, int to_dir, const char *to) {
    return axis_renameat2(from_dir, from, to_dir, to, AXIS_RENAME_NOREPLACE);
}

#elif defined(__APPLE__)

int axis_rename_exchange(int from_dir, const char *from, int to_dir, const char *to) {
    return renameatx_np(from_dir, from, to_dir, to, RENAME_SWAP);
}

int axis_rename_noreplace(int from_dir, const char *from, int to_dir, const char *to) {
    return renameatx_np(from_dir, from, to_dir, to, RENAME_EXCL);
}

#else

int axis_rename_exchange(int from_dir, const char *from, int to_dir, const char *to) {
    (void)from_dir; (void)from; (void)to_dir; (void)to;
    errno = ENOSYS;
    return -1;
}

int axis_rename_noreplace(int from_dir, const char *from, int to_dir, const char *to) {
    (void)from_dir; (void)from; (void)to_dir; (void)to;
    errno = ENOSYS;
    return -1;
}

#endif
