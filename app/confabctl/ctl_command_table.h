#pragma once

#include <QString>

#include <array>
#include <optional>
#include <span>

namespace confab::app {

struct CtlCommand;

// How a command's positional argument is filled.
enum class CtlArgumentKind {
    Required,
    Optional,
    Text,  // required; takes every remaining word, joined by spaces
    Paths, // required; every remaining word is a file or folder, sent as absolute paths
    Path,  // required; one file, made absolute
    Words, // required; every remaining word, sent as a list (room-create NAME PEER...)
};

struct CtlArgument {
    const char* name = nullptr; // as the usage shows it: PEER, ADDR:PORT, TEXT
    const char* key = nullptr;  // the control API argument it fills
    CtlArgumentKind kind = CtlArgumentKind::Required;
};

// An option of one or more commands. apply() checks the value and puts it
// into the request; it returns the error message when the value is wrong.
struct CtlOption {
    const char* name = nullptr;      // without the dashes
    const char* valueName = nullptr; // nullptr: a flag without a value
    const char* description = nullptr;
    std::optional<QString> (*apply)(const QString& value, CtlCommand& command) = nullptr;
};

inline constexpr std::size_t kMaxCtlArguments = 2;
inline constexpr std::size_t kMaxCtlOptions = 2;
inline constexpr int kDefaultReplyTimeoutMs = 10000;

// One confabctl command. Unused argument and option slots stay null.
struct CtlCommandSpec {
    const char* name = nullptr; // the control API command it sends
    std::array<CtlArgument, kMaxCtlArguments> arguments{};
    std::array<const CtlOption*, kMaxCtlOptions> options{};
    const char* summary = nullptr;
    int replyTimeoutMs = kDefaultReplyTimeoutMs; // -1: wait for the reply forever
};

// Every command, in the order the help lists them.
std::span<const CtlCommandSpec> ctlCommands();
const CtlCommandSpec* findCtlCommand(const QString& name);

} // namespace confab::app
