// Reads arbitrary bytes as an identity backup file, as a restore does before
// it stretches any passphrase: the text either names an ID, or is refused
// with a reason. What names an ID must still do so with Windows line ends
// (when it had none of its own).
#include "crypto/identity_backup.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace confab;

// libFuzzer fixes this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto id = crypto::identityBackupId(text);
    if (!id) {
        const auto error = id.error();
        if (error != crypto::BackupError::Malformed && error != crypto::BackupError::UnsupportedCost) {
            std::abort();
        }
        return 0;
    }
    if (text.find('\r') != std::string_view::npos) {
        return 0;
    }
    std::string crlf;
    for (const char c : text) {
        if (c == '\n') {
            crlf += '\r';
        }
        crlf += c;
    }
    // Longer than a backup may be once widened: no longer a verdict to compare.
    if (crlf.size() <= 4096) {
        const auto again = crypto::identityBackupId(crlf);
        if (!again || again.value() != id.value()) {
            std::abort();
        }
    }
    return 0;
}
