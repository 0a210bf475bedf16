#include "platform_arguments.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace confab::app {

namespace {
// Confab's options that a platform plugin would take for its own.
constexpr std::array<std::string_view, 1> kShielded{"--name"};
} // namespace

std::vector<std::string> shieldOwnOptions(int argc, const char* const* argv)
{
    std::vector<std::string> arguments;
    arguments.reserve(static_cast<std::size_t>(argc));
    bool optionsEnded = false;
    for (int at = 0; at < argc; ++at) {
        const std::string_view argument(argv[at]);
        if (argument == "--") {
            optionsEnded = true;
        }
        const bool shielded = at > 0 && !optionsEnded && at + 1 < argc &&
                              std::find(kShielded.begin(), kShielded.end(), argument) != kShielded.end();
        if (shielded) {
            arguments.push_back(std::string(argument) + "=" + argv[at + 1]);
            ++at;
        } else {
            arguments.emplace_back(argument);
        }
    }
    return arguments;
}

} // namespace confab::app
