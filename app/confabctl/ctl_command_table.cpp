#include "ctl_command_table.h"

#include "ctl_command.h"

#include <QDir>
#include <QJsonArray>

namespace confab::app {
namespace {

std::optional<QString> applyLimit(const QString& value, CtlCommand& command)
{
    bool ok = false;
    const int limit = value.toInt(&ok);
    if (!ok || limit < 1) {
        return QStringLiteral("--limit needs a positive number.");
    }
    command.args.insert(QStringLiteral("limit"), limit);
    return std::nullopt;
}

std::optional<QString> applyFrom(const QString& value, CtlCommand& command)
{
    // An empty PEER (a script's unset variable) waits for anyone, as it always has.
    if (!value.isEmpty()) {
        command.args.insert(QStringLiteral("from"), value);
    }
    return std::nullopt;
}

std::optional<QString> applyPeer(const QString& value, CtlCommand& command)
{
    if (value.trimmed().isEmpty()) {
        return QStringLiteral("--peer needs a peer: a name, an ID or the start of one.");
    }
    command.args.insert(QStringLiteral("peer"), value);
    return std::nullopt;
}

std::optional<QString> applyFormat(const QString& value, CtlCommand& command)
{
    const QString format = value.trimmed().toLower();
    if (format != QLatin1String("text") && format != QLatin1String("html")) {
        return QStringLiteral("--format needs text or html.");
    }
    command.args.insert(QStringLiteral("format"), format);
    return std::nullopt;
}

std::optional<QString> applyTimeout(const QString& value, CtlCommand& command)
{
    bool ok = false;
    const double seconds = value.toDouble(&ok);
    if (!ok || seconds <= 0 || seconds > 86400) {
        return QStringLiteral("--timeout needs a number of seconds greater than 0.");
    }
    const int ms = static_cast<int>(seconds * 1000);
    command.args.insert(QStringLiteral("timeout_ms"), ms);
    // The node answers when the timeout passes; the margin covers a busy node.
    command.replyTimeoutMs = ms + 5000;
    return std::nullopt;
}

std::optional<QString> applyFollow(const QString& /*value*/, CtlCommand& command)
{
    command.args.insert(QStringLiteral("follow"), true);
    command.follow = true;
    command.replyTimeoutMs = -1;
    return std::nullopt;
}

std::optional<QString> applyTo(const QString& value, CtlCommand& command)
{
    if (value.trimmed().isEmpty()) {
        return QStringLiteral("--to needs a folder.");
    }
    // The node runs elsewhere: a relative folder means this shell's.
    command.args.insert(QStringLiteral("to"), QDir::cleanPath(QDir::current().absoluteFilePath(value)));
    return std::nullopt;
}

std::optional<QString> applyAlsoTo(const QString& value, CtlCommand& command)
{
    if (value.trimmed().isEmpty()) {
        return QStringLiteral("--to needs a peer (a name or an id).");
    }
    QJsonArray also = command.args.value(QStringLiteral("also")).toArray();
    also.append(value);
    command.args.insert(QStringLiteral("also"), also);
    return std::nullopt;
}

std::optional<QString> applyPassphraseFile(const QString& value, CtlCommand& command)
{
    if (value.trimmed().isEmpty()) {
        return QStringLiteral("--passphrase-file needs a file.");
    }
    command.args.insert(QStringLiteral("passphrase_file"), QDir::current().absoluteFilePath(value));
    return std::nullopt;
}

std::optional<QString> applyReplyTo(const QString& value, CtlCommand& command)
{
    // The node checks the id, so that a malformed one is refused in the same
    // words as edit's.
    if (value.trimmed().isEmpty()) {
        return QStringLiteral("--reply-to needs a message id (32 hex digits).");
    }
    command.args.insert(QStringLiteral("reply_to"), value);
    return std::nullopt;
}

constexpr CtlOption kLimit{"limit", "N", "only the newest N (default: 50 messages, 100 events)", applyLimit};
constexpr CtlOption kInConversation{"peer", "PEER", "only the conversation with PEER", applyPeer};
constexpr CtlOption kFrom{"from", "PEER", "only a message from PEER", applyFrom};
constexpr CtlOption kFormat{"format", "FORMAT", "text (the default) or html", applyFormat};
constexpr CtlOption kTimeout{"timeout", "S", "give up after S seconds (exit code 4); default: wait forever",
                             applyTimeout};
constexpr CtlOption kFollow{"follow", nullptr, "then print new events as they happen, until interrupted",
                            applyFollow};

constexpr CtlOption kPassphraseFile{
    "passphrase-file", "FILE",
    "read the passphrase from FILE's first line (default: ask for it, or read it "
    "from standard input)",
    applyPassphraseFile};
constexpr CtlOption kTo{"to", "DIR", "save it in DIR instead of the download folder", applyTo};
constexpr CtlOption kAlsoTo{"to", "PEER",
                            "offer the same files to PEER too (repeat for more); the receivers pass "
                            "chunks on to each other",
                            applyAlsoTo};
constexpr CtlOption kReplyTo{"reply-to", "MSGID", "quote the message MSGID of the conversation",
                             applyReplyTo};

constexpr CtlArgument kPeer{"PEER", "peer", CtlArgumentKind::Required};
constexpr CtlArgument kTransfer{"ID", "id", CtlArgumentKind::Required};
// A message's full id, as `send` prints it and `history --json` lists it.
constexpr CtlArgument kMessage{"MSGID", "id", CtlArgumentKind::Required};
constexpr CtlArgument kOptionalPeer{"PEER", "peer", CtlArgumentKind::Optional};
constexpr CtlArgument kRoom{"ROOM", "room", CtlArgumentKind::Required};
constexpr CtlArgument kBackupFile{"FILE", "file", CtlArgumentKind::Path};
// Stretching the passphrase takes a second or two, more on a busy machine.
constexpr int kPassphraseReplyTimeoutMs = 120000;

// Adding a command is adding its line here (docs/CONTROL.md describes each).
constexpr CtlCommandSpec kCommands[] = {
    {.name = "id", .summary = "print this node's peer ID"},
    {.name = "contact-card", .summary = "the text others add this node with, its key verified at once"},
    {.name = "backup",
     .arguments = {{kBackupFile}},
     .options = {{&kPassphraseFile}},
     .summary = "save this node's identity key in FILE, sealed with a passphrase",
     .replyTimeoutMs = kPassphraseReplyTimeoutMs},
    {.name = "restore",
     .arguments = {{kBackupFile}},
     .options = {{&kPassphraseFile}},
     .summary = "make the identity saved in FILE this profile's, from the next start",
     .replyTimeoutMs = kPassphraseReplyTimeoutMs},
    {.name = "status", .summary = "node, listen address, discovery, peers connected"},
    {.name = "status-set",
     .arguments = {{{"available|away|busy", "presence", CtlArgumentKind::Required}}},
     .summary = "tell peers whether you are there (busy: no ring tone, no notifications)"},
    {.name = "avatar-set",
     .arguments = {{{"FILE", "path", CtlArgumentKind::Path}}},
     .summary = "show peers the picture in FILE (PNG or JPEG, at most 16 KB)"},
    {.name = "avatar-clear", .summary = "show peers your initials instead of a picture"},
    {.name = "version", .summary = "the running node's version and protocol version"},
    {.name = "peers", .summary = "known peers, whether they are connected or reached through relays"},
    {.name = "relay", .summary = "what this node carries for others, and what it forwarded"},
    {.name = "add-peer",
     .arguments = {{{"ADDR:PORT", "address", CtlArgumentKind::Required}}},
     .summary = "connect to a peer by address (remembered), or by its contact text"},
    {.name = "send",
     .arguments = {{kPeer, {"TEXT", "text", CtlArgumentKind::Text}}},
     .options = {{&kReplyTo}},
     .summary = "send a message (queued while PEER is offline)"},
    {.name = "edit",
     .arguments = {{kMessage, {"TEXT", "text", CtlArgumentKind::Text}}},
     .summary = "give your message MSGID new text, for its reader too"},
    {.name = "delete", .arguments = {{kMessage}}, .summary = "delete your message MSGID for everyone"},
    // EMOJI is one word, not free text: a reaction is one emoji, and '' is the
    // documented way to take it back.
    {.name = "react",
     .arguments = {{kMessage, {"EMOJI", "emoji", CtlArgumentKind::Required}}},
     .summary = "react to message MSGID with EMOJI ('' takes it back)"},
    {.name = "history",
     .arguments = {{kPeer}},
     .options = {{&kLimit}},
     .summary = "the conversation with PEER, oldest first"},
    {.name = "search",
     .arguments = {{{"TEXT", "text", CtlArgumentKind::Text}}},
     .options = {{&kInConversation, &kLimit}},
     .summary = "messages with every word of TEXT (word starts, any case), newest first"},
    {.name = "export",
     .arguments = {{kPeer}},
     .options = {{&kFormat}},
     .summary = "the whole conversation with PEER as a document to keep (to standard output)"},
    {.name = "wait-message",
     .options = {{&kFrom, &kTimeout}},
     .summary = "print the oldest unread message, waiting for one",
     .replyTimeoutMs = -1},
    {.name = "events", .options = {{&kLimit, &kFollow}}, .summary = "security and link events"},
    {.name = "fingerprint", .arguments = {{kPeer}}, .summary = "the safety number to compare with PEER"},
    {.name = "rename",
     .arguments = {{kPeer, {"NAME", "nickname", CtlArgumentKind::Text}}},
     .summary = "call PEER NAME here, whatever it calls itself (\"\" clears it)"},
    {.name = "block", .arguments = {{kPeer}}, .summary = "no links, messages, calls or relaying for PEER"},
    {.name = "unblock", .arguments = {{kPeer}}, .summary = "let a blocked PEER in again"},
    {.name = "remove-peer",
     .arguments = {{kPeer}},
     .summary = "forget PEER and delete your conversation with it"},
    {.name = "call", .arguments = {{kPeer}}, .summary = "start a voice call (with a ROOM: room-call)"},
    {.name = "answer", .arguments = {{kOptionalPeer}}, .summary = "answer a ringing call"},
    {.name = "decline",
     .arguments = {{{"PEER|ID", "peer", CtlArgumentKind::Optional}}},
     .summary = "decline a ringing call, or the file drop ID offered to you"},
    {.name = "hangup", .arguments = {{kOptionalPeer}}, .summary = "end or cancel a call"},
    {.name = "mute", .arguments = {{kOptionalPeer}}, .summary = "stop sending your microphone"},
    {.name = "unmute", .arguments = {{kOptionalPeer}}, .summary = "send your microphone again"},
    {.name = "room-call",
     .arguments = {{kRoom}},
     .summary = "call every member of ROOM online, or join the call running there"},
    {.name = "silence", .arguments = {{kPeer}}, .summary = "stop hearing PEER in a room call (here only)"},
    {.name = "unsilence", .arguments = {{kPeer}}, .summary = "hear PEER in a room call again"},
    {.name = "calls", .summary = "ongoing and recent calls, with live statistics"},
    {.name = "send-file",
     .arguments = {{kPeer, {"PATH...", "paths", CtlArgumentKind::Paths}}},
     .options = {{&kAlsoTo}},
     .summary = "offer files and folders to PEER (it accepts or declines)"},
    {.name = "transfers", .summary = "file drops sent and received, with progress"},
    {.name = "accept",
     .arguments = {{kTransfer}},
     .options = {{&kTo}},
     .summary = "accept the file drop ID offered to you"},
    {.name = "pause", .arguments = {{kTransfer}}, .summary = "pause the file drop ID (either side)"},
    {.name = "resume", .arguments = {{kTransfer}}, .summary = "go on with a paused file drop ID"},
    {.name = "cancel", .arguments = {{kTransfer}}, .summary = "stop the file drop ID for good"},
    {.name = "room-create",
     .arguments = {{{"NAME", "name", CtlArgumentKind::Required},
                    {"PEER...", "peers", CtlArgumentKind::Words}}},
     .summary = "make a room called NAME with these peers (you are its admin)"},
    {.name = "rooms", .summary = "the rooms you are in, with their members"},
    {.name = "room", .arguments = {{kRoom}}, .summary = "one room: its members, who is admin, unread"},
    {.name = "room-send",
     .arguments = {{kRoom, {"TEXT", "text", CtlArgumentKind::Text}}},
     .summary = "send a message to every member of ROOM"},
    {.name = "room-history",
     .arguments = {{kRoom}},
     .options = {{&kLimit}},
     .summary = "the messages of ROOM, oldest first, with who has read them"},
    {.name = "room-read", .arguments = {{kRoom}}, .summary = "mark ROOM read and tell its members"},
    {.name = "room-invite", .arguments = {{kRoom, kPeer}}, .summary = "add PEER to ROOM (admins)"},
    {.name = "room-remove", .arguments = {{kRoom, kPeer}}, .summary = "remove PEER from ROOM (admins)"},
    {.name = "room-promote", .arguments = {{kRoom, kPeer}}, .summary = "make PEER an admin of ROOM (admins)"},
    {.name = "room-rename",
     .arguments = {{kRoom, {"NAME", "name", CtlArgumentKind::Text}}},
     .summary = "give ROOM a new name (admins)"},
    {.name = "room-leave", .arguments = {{kRoom}}, .summary = "leave ROOM; its history stays here"},
    {.name = "wait-transfer",
     .arguments = {{kTransfer}},
     .options = {{&kTimeout}},
     .summary = "wait until the file drop ID ends; exit code 1 unless it completed",
     .replyTimeoutMs = -1},
};

} // namespace

std::span<const CtlCommandSpec> ctlCommands()
{
    return kCommands;
}

const CtlCommandSpec* findCtlCommand(const QString& name)
{
    for (const CtlCommandSpec& spec : kCommands) {
        if (name == QLatin1String(spec.name)) {
            return &spec;
        }
    }
    return nullptr;
}

} // namespace confab::app
