#ifndef AXIS_CFILESWAP_H
#define AXIS_CFILESWAP_H

#ifdef __cplusplus
extern "C" {
#endif

/// Exchanges the entries `from` (relative to `from_dir`) and `to` (relative
/// to `to_dir`) in one step: renameat2(RENAME_EXCHANGE) on Linux,
/// renameatx_np(RENAME_SWAP) on macOS. Both must exist. Returns 0, or -1
/// with errno set; EINVAL, ENOSYS or ENOTSUP when the system or the file
/// system cannot exchange.
int axis_rename_exchange(int from_dir, const char *from, int to_dir, const char *to);

/// Renames `from` to `to` only when `to` does not exist (EEXIST otherwise):
/// renameat2(RENAME_NOREPLACE) on Linux, renameatx_np(RENAME_EXCL) on macOS.
/// Returns 0, or -1 with errno set.
int axis_rename_noreplace(int from_dir, const char *from, int to_dir, const char *to);

#ifdef __cplusplus
}
#endif

#endif
