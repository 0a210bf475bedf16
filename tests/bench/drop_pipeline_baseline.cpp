// confab_drop_pipeline_baseline --input FILE --output FILE [--mode libsodium|design]
//
// What libsodium alone does with a file, in one process and one thread: the
// ceiling a file drop is measured against (tests/bench/file_drop_bench.py).
//
//   libsodium  read + BLAKE2b + XChaCha20-Poly1305 secretstream push + pull +
//              BLAKE2b + write, one block at a time.
//   design     exactly the passes a Confab file drop makes over the data,
//              back to back:
//                manifest  read; BLAKE2b-256 of each 1 MiB chunk and of the file
//                transfer  read; ChaCha20-Poly1305 seal; open; BLAKE2b of the
//                          chunk, checked against the manifest; write
//                check     fdatasync; read back; BLAKE2b of the file, checked
//
// Prints one JSON object: bytes, seconds, MB/s, and for design each pass.

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sodium.h>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

namespace {

constexpr std::size_t kChunk = std::size_t{1024} * 1024;
constexpr std::size_t kHashBytes = 32;
using Hash = std::array<unsigned char, kHashBytes>;
using Clock = std::chrono::steady_clock;

[[noreturn]] void fail(const std::string& message)
{
    std::fprintf(stderr, "confab_drop_pipeline_baseline: %s\n", message.c_str());
    std::exit(2);
}

// A descriptor closed when it goes out of scope.
class File {
public:
    File(const std::string& path, int flags) : m_fd(::open(path.c_str(), flags | O_CLOEXEC, 0600))
    {
        if (m_fd < 0) {
            fail("cannot open " + path + ": " + std::strerror(errno));
        }
    }
    File(const File&) = delete;
    File& operator=(const File&) = delete;
    ~File() { ::close(m_fd); }

    // Reads up to `size` bytes (fewer only at the end of the file).
    std::size_t read(unsigned char* into, std::size_t size) const
    {
        std::size_t got = 0;
        while (got < size) {
            const ssize_t n = ::read(m_fd, into + got, size - got);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n < 0) {
                fail(std::string("read: ") + std::strerror(errno));
            }
            if (n == 0) {
                break;
            }
            got += static_cast<std::size_t>(n);
        }
        return got;
    }
    void write(const unsigned char* from, std::size_t size) const
    {
        while (size > 0) {
            const ssize_t n = ::write(m_fd, from, size);
            if (n < 0 && errno == EINTR) {
                continue;
            }
            if (n < 0) {
                fail(std::string("write: ") + std::strerror(errno));
            }
            from += n;
            size -= static_cast<std::size_t>(n);
        }
    }
    void rewind() const { ::lseek(m_fd, 0, SEEK_SET); }
    void sync() const { ::fdatasync(m_fd); }

private:
    int m_fd;
};

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

Hash finish(crypto_generichash_state& state)
{
    Hash hash{};
    crypto_generichash_final(&state, hash.data(), hash.size());
    return hash;
}

Hash hashOf(const unsigned char* data, std::size_t size)
{
    Hash hash{};
    crypto_generichash(hash.data(), hash.size(), data, size, nullptr, 0);
    return hash;
}

struct Figures {
    std::uint64_t bytes = 0;
    double seconds = 0;
};

Figures runLibsodium(const File& in, const File& out)
{
    std::array<unsigned char, crypto_secretstream_xchacha20poly1305_KEYBYTES> key{};
    crypto_secretstream_xchacha20poly1305_keygen(key.data());
    crypto_secretstream_xchacha20poly1305_state push{};
    crypto_secretstream_xchacha20poly1305_state pull{};
    std::array<unsigned char, crypto_secretstream_xchacha20poly1305_HEADERBYTES> header{};
    crypto_generichash_state before{};
    crypto_generichash_state after{};
    std::vector<unsigned char> plain(kChunk);
    std::vector<unsigned char> sealed(kChunk + crypto_secretstream_xchacha20poly1305_ABYTES);
    std::vector<unsigned char> opened(kChunk);

    const auto start = Clock::now();
    crypto_secretstream_xchacha20poly1305_init_push(&push, header.data(), key.data());
    crypto_secretstream_xchacha20poly1305_init_pull(&pull, header.data(), key.data());
    crypto_generichash_init(&before, nullptr, 0, kHashBytes);
    crypto_generichash_init(&after, nullptr, 0, kHashBytes);
    Figures figures;
    for (;;) {
        const std::size_t n = in.read(plain.data(), plain.size());
        if (n == 0) {
            break;
        }
        crypto_generichash_update(&before, plain.data(), n);
        unsigned long long sealedSize = 0;
        crypto_secretstream_xchacha20poly1305_push(&push, sealed.data(), &sealedSize, plain.data(), n,
                                                   nullptr, 0, 0);
        unsigned long long openedSize = 0;
        if (crypto_secretstream_xchacha20poly1305_pull(&pull, opened.data(), &openedSize, nullptr,
                                                       sealed.data(), sealedSize, nullptr, 0) != 0) {
            fail("secretstream: a block failed to open");
        }
        crypto_generichash_update(&after, opened.data(), openedSize);
        out.write(opened.data(), openedSize);
        figures.bytes += n;
    }
    out.sync();
    if (finish(before) != finish(after)) {
        fail("the copy differs");
    }
    figures.seconds = secondsSince(start);
    return figures;
}

struct DesignFigures : Figures {
    double manifestSeconds = 0;
    double transferSeconds = 0;
    double checkSeconds = 0;
};

DesignFigures runDesign(const File& in, const File& out, const std::string& outputPath)
{
    std::array<unsigned char, crypto_aead_chacha20poly1305_ietf_KEYBYTES> key{};
    crypto_aead_chacha20poly1305_ietf_keygen(key.data());
    std::vector<unsigned char> plain(kChunk);
    std::vector<unsigned char> sealed(kChunk + crypto_aead_chacha20poly1305_ietf_ABYTES);
    std::vector<unsigned char> opened(kChunk);
    std::vector<Hash> chunkHashes;
    DesignFigures figures;

    const auto start = Clock::now();
    crypto_generichash_state file{};
    crypto_generichash_init(&file, nullptr, 0, kHashBytes);
    for (;;) {
        const std::size_t n = in.read(plain.data(), plain.size());
        if (n == 0) {
            break;
        }
        chunkHashes.push_back(hashOf(plain.data(), n));
        crypto_generichash_update(&file, plain.data(), n);
        figures.bytes += n;
    }
    const Hash fileHash = finish(file);
    figures.manifestSeconds = secondsSince(start);

    const auto transferStart = Clock::now();
    in.rewind();
    std::array<unsigned char, crypto_aead_chacha20poly1305_ietf_NPUBBYTES> nonce{};
    for (const Hash& expected : chunkHashes) {
        const std::size_t n = in.read(plain.data(), plain.size());
        unsigned long long sealedSize = 0;
        crypto_aead_chacha20poly1305_ietf_encrypt(sealed.data(), &sealedSize, plain.data(), n, nullptr, 0,
                                                  nullptr, nonce.data(), key.data());
        unsigned long long openedSize = 0;
        if (crypto_aead_chacha20poly1305_ietf_decrypt(opened.data(), &openedSize, nullptr, sealed.data(),
                                                      sealedSize, nullptr, 0, nonce.data(),
                                                      key.data()) != 0) {
            fail("a record failed to open");
        }
        sodium_increment(nonce.data(), nonce.size());
        if (hashOf(opened.data(), openedSize) != expected) {
            fail("a chunk differs from the manifest");
        }
        out.write(opened.data(), openedSize);
    }
    out.sync();
    figures.transferSeconds = secondsSince(transferStart);

    const auto checkStart = Clock::now();
    const File back(outputPath, O_RDONLY);
    crypto_generichash_state arrived{};
    crypto_generichash_init(&arrived, nullptr, 0, kHashBytes);
    for (;;) {
        const std::size_t n = back.read(plain.data(), plain.size());
        if (n == 0) {
            break;
        }
        crypto_generichash_update(&arrived, plain.data(), n);
    }
    if (finish(arrived) != fileHash) {
        fail("the file read back differs");
    }
    figures.checkSeconds = secondsSince(checkStart);
    figures.seconds = secondsSince(start);
    return figures;
}

double megabytesPerSecond(const Figures& f)
{
    return f.seconds > 0 ? static_cast<double>(f.bytes) / 1e6 / f.seconds : 0;
}

} // namespace

int main(int argc, char** argv)
{
    std::string input;
    std::string output;
    std::string mode = "libsodium";
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (i + 1 >= argc) {
            fail("usage: confab_drop_pipeline_baseline --input FILE --output FILE [--mode libsodium|design]");
        }
        if (arg == "--input") {
            input = argv[++i];
        } else if (arg == "--output") {
            output = argv[++i];
        } else if (arg == "--mode") {
            mode = argv[++i];
        } else {
            fail("unknown option " + std::string(arg));
        }
    }
    if (input.empty() || output.empty() || (mode != "libsodium" && mode != "design")) {
        fail("usage: confab_drop_pipeline_baseline --input FILE --output FILE [--mode libsodium|design]");
    }
    if (sodium_init() < 0) {
        fail("libsodium cannot start");
    }
    const File in(input, O_RDONLY);
    const File out(output, O_WRONLY | O_CREAT | O_TRUNC);
    if (mode == "libsodium") {
        const Figures f = runLibsodium(in, out);
        std::printf("{\"mode\": \"libsodium\", \"bytes\": %llu, \"seconds\": %.3f, \"mb_per_s\": %.1f}\n",
                    static_cast<unsigned long long>(f.bytes), f.seconds, megabytesPerSecond(f));
    } else {
        const DesignFigures f = runDesign(in, out, output);
        std::printf("{\"mode\": \"design\", \"bytes\": %llu, \"seconds\": %.3f, \"mb_per_s\": %.1f, "
                    "\"manifest_seconds\": %.3f, \"transfer_seconds\": %.3f, \"check_seconds\": %.3f}\n",
                    static_cast<unsigned long long>(f.bytes), f.seconds, megabytesPerSecond(f),
                    f.manifestSeconds, f.transferSeconds, f.checkSeconds);
    }
    return 0;
}
