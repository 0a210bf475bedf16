#include "content_hash.h"

#include <sodium.h>

namespace confab::crypto {
namespace {

// ContentHasher keeps the state in bytes of its own.
static_assert(sizeof(crypto_generichash_state) == 384);
static_assert(alignof(crypto_generichash_state) <= 64);
static_assert(kContentHashBytes >= crypto_generichash_BYTES_MIN &&
              kContentHashBytes <= crypto_generichash_BYTES_MAX);

crypto_generichash_state* asState(unsigned char* bytes)
{
    return reinterpret_cast<crypto_generichash_state*>(bytes);
}

} // namespace

ContentHasher::ContentHasher()
{
    start();
}

void ContentHasher::start()
{
    crypto_generichash_init(asState(m_state.data()), nullptr, 0, kContentHashBytes);
}

void ContentHasher::update(ByteView bytes)
{
    // An empty span may have a null data pointer; nothing to add anyway.
    if (bytes.empty()) {
        return;
    }
    crypto_generichash_update(asState(m_state.data()), bytes.data(), bytes.size());
}

ContentHashValue ContentHasher::finish()
{
    ContentHashValue hash{};
    crypto_generichash_final(asState(m_state.data()), hash.data(), hash.size());
    start();
    return hash;
}

ContentHashValue contentHash(ByteView bytes)
{
    ContentHasher hasher;
    hasher.update(bytes);
    return hasher.finish();
}

} // namespace confab::crypto
