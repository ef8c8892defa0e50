#ifndef CORPGRAPH_CCRYPTO_SHIM_H
#define CORPGRAPH_CCRYPTO_SHIM_H
#include <stddef.h>
#include <openssl/evp.h>

/// OpenSSL's SHA-256 (libcrypto, Debian libssl-dev): its block function uses the CPU's SHA extensions where it has
/// them. Through EVP, the interface that is not deprecated in OpenSSL 3. Returns NULL when it cannot start.
static inline EVP_MD_CTX *corpgraph_sha256_new(void) {
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (ctx != NULL && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1) {
        EVP_MD_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}

static inline int corpgraph_sha256_update(EVP_MD_CTX *ctx, const void *bytes, size_t count) {
    return EVP_DigestUpdate(ctx, bytes, count);
}

/// Writes the 32-byte digest; 1 on success.
static inline int corpgraph_sha256_final(EVP_MD_CTX *ctx, unsigned char *out) {
    unsigned int length = 0;
    return EVP_DigestFinal_ex(ctx, out, &length) == 1 && length == 32;
}

static inline void corpgraph_sha256_free(EVP_MD_CTX *ctx) { EVP_MD_CTX_free(ctx); }
#endif
