#ifndef AXIS_CSHA256_H
#define AXIS_CSHA256_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// SHA-256 compression (FIPS 180-4, section 6.2.2) of `block_count` whole
/// 64-byte blocks at `data` into `state` (the eight working words H0...H7).
/// Uses the CPU's SHA instructions when it has them (x86-64 SHA extensions,
/// detected once at run time), else `axis_sha256_blocks_portable`.
/// Padding and length are the caller's job.
void axis_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t block_count);

/// The same compression in plain C, on every CPU; kept callable so tests can
/// compare it with the accelerated path on a machine that has one.
void axis_sha256_blocks_portable(uint32_t state[8], const uint8_t *data, size_t block_count);

/// 1 when `axis_sha256_blocks` runs on the CPU's SHA instructions, else 0.
int axis_sha256_uses_cpu_extensions(void);

#ifdef __cplusplus
}
#endif

#endif
