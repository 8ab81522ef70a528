// SHA-256 block compression: a portable C version and, on x86-64, one on the
// SHA extensions (SHA-NI), chosen once at run time by CPUID. The ledger hashes
// every input file whole and every stored line, so this is on the hot path of
// ingest; the instructions make it several times faster than plain code.

#include "csha256.h"

static const uint32_t K[64] __attribute__((aligned(16))) = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

// MARK: - Portable

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static inline uint32_t load_be32(const uint8_t *p) {
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

void axis_sha256_blocks_portable(uint32_t state[8], const uint8_t *data, size_t block_count) {
    uint32_t w[64];
    for (; block_count > 0; block_count--, data += 64) {
        for (int i = 0; i < 16; i++) w[i] = load_be32(data + 4 * i);
        for (int i = 16; i < 64; i++) {
            uint32_t s0 = ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^ (w[i - 15] >> 3);
            uint32_t s1 = ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
        uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
        for (int i = 0; i < 64; i++) {
            uint32_t t1 = h + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
            uint32_t t2 = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
            h = g; g = f; f = e; e = d + t1;
            d = c; c = b; b = a; a = t1 + t2;
        }
        state[0] += a; state[1] += b; state[2] += c; state[3] += d;
        state[4] += e; state[5] += f; state[6] += g; state[7] += h;
    }
}

// MARK: - x86-64 SHA extensions

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#include <stdatomic.h>

// Four rounds: the message words plus their constants, two rounds per
// SHA256RNDS2 (the second on the high half of the sum).
#define ROUNDS4(msg, k)                                                          \
    do {                                                                         \
        __m128i sum = _mm_add_epi32((msg), _mm_load_si128((const __m128i *)&K[k])); \
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, sum);                           \
        sum = _mm_shuffle_epi32(sum, 0x0e);                                      \
        abef = _mm_sha256rnds2_epu32(abef, cdgh, sum);                           \
    } while (0)

// The next four schedule words W[t...t+3] into `m0` (which held W[t-16...t-13]),
// from m1 = W[t-12...t-9], m2 = W[t-8...t-5], m3 = W[t-4...t-1].
#define SCHEDULE(m0, m1, m2, m3)                                                 \
    (m0) = _mm_sha256msg2_epu32(                                                 \
        _mm_add_epi32(_mm_sha256msg1_epu32((m0), (m1)), _mm_alignr_epi8((m3), (m2), 4)), (m3))

__attribute__((target("sha,sse4.1,ssse3")))
static void sha256_blocks_shani(uint32_t state[8], const uint8_t *data, size_t block_count) {
    // Big-endian words: reverse the bytes of each 32-bit lane.
    const __m128i byteswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);

    // The instructions want the state as (A, B, E, F) and (C, D, G, H).
    __m128i dcba = _mm_loadu_si128((const __m128i *)&state[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)&state[4]);
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xb1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1b);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xf0);

    for (; block_count > 0; block_count--, data += 64) {
        const __m128i abef_before = abef, cdgh_before = cdgh;
        __m128i m0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 0)), byteswap);
        __m128i m1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16)), byteswap);
        __m128i m2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 32)), byteswap);
        __m128i m3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 48)), byteswap);
        ROUNDS4(m0, 0);
        ROUNDS4(m1, 4);
        ROUNDS4(m2, 8);
        ROUNDS4(m3, 12);
        for (int k = 16; k < 64; k += 16) {
            SCHEDULE(m0, m1, m2, m3); ROUNDS4(m0, k);
            SCHEDULE(m1, m2, m3, m0); ROUNDS4(m1, k + 4);
            SCHEDULE(m2, m3, m0, m1); ROUNDS4(m2, k + 8);
            SCHEDULE(m3, m0, m1, m2); ROUNDS4(m3, k + 12);
        }
        abef = _mm_add_epi32(abef, abef_before);
        cdgh = _mm_add_epi32(cdgh, cdgh_before);
    }

    __m128i feba = _mm_shuffle_epi32(abef, 0x1b);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xb1);
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xf0));
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}

/// 0 not yet asked, 1 no SHA extensions, 2 SHA extensions. Asking twice from
/// two threads is harmless: both get the same answer.
static atomic_int cpu_support = 0;

static int cpu_has_sha_extensions(void) {
    int known = atomic_load_explicit(&cpu_support, memory_order_relaxed);
    if (known != 0) return known == 2;
    unsigned int eax, ebx, ecx, edx;
    int yes = 0;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx)) {
        int ssse3 = (ecx >> 9) & 1, sse41 = (ecx >> 19) & 1;
        if (ssse3 && sse41 && __get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) {
            yes = (ebx >> 29) & 1; // CPUID.(EAX=7,ECX=0):EBX.SHA[bit 29]
        }
    }
    atomic_store_explicit(&cpu_support, yes ? 2 : 1, memory_order_relaxed);
    return yes;
}

void axis_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t block_count) {
    if (cpu_has_sha_extensions()) {
        sha256_blocks_shani(state, data, block_count);
    } else {
        axis_sha256_blocks_portable(state, data, block_count);
    }
}

int axis_sha256_uses_cpu_extensions(void) { return cpu_has_sha_extensions(); }

#else

void axis_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t block_count) {
    axis_sha256_blocks_portable(state, data, block_count);
}

int axis_sha256_uses_cpu_extensions(void) { return 0; }

#endif
