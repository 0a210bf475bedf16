#include "base/software_version.h"
#include "confabctl/ctl_command.h"
#include "confabctl/ctl_command_table.h"
#include "default_profile.h"

#include <QJsonObject>
#include <QStringList>

#include <gtest/gtest.h>
#include <initializer_list>

namespace confab::app {
namespace {

using Parsed = Result<CtlCommand, UsageError>;

Parsed parse(std::initializer_list<const char*> words)
{
    QStringList arguments{QStringLiteral("confabctl")};
    for (const char* word : words) {
        arguments.append(QString::fromUtf8(word));
    }
    return parseCtlCommand(arguments);
}

// The parsed command, or a test failure that shows the usage error.
CtlCommand parsedOk(std::initializer_list<const char*> words)
{
    auto parsed = parse(words);
    EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message.toStdString());
    return parsed.ok() ? parsed.value() : CtlCommand{};
}

// The usage error's message; fails the test when the words parse or ask for help.
std::string usageError(std::initializer_list<const char*> words)
{
    auto parsed = parse(words);
    EXPECT_FALSE(parsed.ok());
    if (parsed.ok()) {
        return {};
    }
    EXPECT_FALSE(parsed.error().helpRequested) << parsed.error().message.toStdString();
    std::string message = parsed.error().message.toStdString();
    EXPECT_EQ(message.find('\n'), std::string::npos) << "an error is one line: " << message;
    return message;
}

std::string helpText(std::initializer_list<const char*> words)
{
    auto parsed = parse(words);
    EXPECT_FALSE(parsed.ok());
    if (parsed.ok()) {
        return {};
    }
    EXPECT_TRUE(parsed.error().helpRequested) << parsed.error().message.toStdString();
    return parsed.error().message.toStdString();
}

QJsonObject object(std::initializer_list<std::pair<const char*, QJsonValue>> fields)
{
    QJsonObject result;
    for (const auto& [key, value] : fields) {
        result.insert(QString::fromUtf8(key), value);
    }
    return result;
}

// EXPECT_PRED2 prints both strings when this fails.
bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

TEST(CtlCommandTest, CommandWithoutArguments)
{
    const CtlCommand cmd = parsedOk({"status"});
    EXPECT_EQ(cmd.command, QStringLiteral("status"));
    EXPECT_TRUE(cmd.args.isEmpty());
    EXPECT_FALSE(cmd.json);
    EXPECT_FALSE(cmd.follow);
    EXPECT_EQ(cmd.profileDir, defaultProfileDir());
    EXPECT_EQ(cmd.replyTimeoutMs, kDefaultReplyTimeoutMs);
}

TEST(CtlCommandTest, GlobalOptionsBeforeOrAfterTheCommand)
{
    for (const auto& words : {std::initializer_list<const char*>{"--profile", "/p", "--json", "peers"},
                              {"peers", "--json", "--profile", "/p"},
                              {"--profile=/p", "peers", "--json"},
                              {"--json", "peers", "--profile=/p"}}) {
        const CtlCommand cmd = parsedOk(words);
        EXPECT_EQ(cmd.command, QStringLiteral("peers"));
        EXPECT_EQ(cmd.profileDir, QStringLiteral("/p"));
        EXPECT_TRUE(cmd.json);
    }
}

TEST(CtlCommandTest, OptionValueSeparateOrAfterEquals)
{
    for (const auto& words : {std::initializer_list<const char*>{"history", "bob", "--limit", "5"},
                              {"history", "bob", "--limit=5"},
                              {"history", "--limit", "5", "bob"},
                              {"--limit=5", "history", "bob"},
                              {"--limit", "5", "history", "bob"}}) {
        const CtlCommand cmd = parsedOk(words);
        EXPECT_EQ(cmd.command, QStringLiteral("history"));
        EXPECT_EQ(cmd.args, object({{"peer", QStringLiteral("bob")}, {"limit", 5}}));
    }
}

TEST(CtlCommandTest, ArgumentsFillTheControlRequest)
{
    EXPECT_EQ(parsedOk({"add-peer", "10.0.0.2:42042"}).args,
              object({{"address", QStringLiteral("10.0.0.2:42042")}}));
    EXPECT_EQ(parsedOk({"fingerprint", "bob"}).args, object({{"peer", QStringLiteral("bob")}}));
    EXPECT_EQ(parsedOk({"call", "bob"}).args, object({{"peer", QStringLiteral("bob")}}));
    EXPECT_EQ(parsedOk({"answer"}).args, QJsonObject());
    EXPECT_EQ(parsedOk({"hangup", "bob"}).args, object({{"peer", QStringLiteral("bob")}}));
    EXPECT_EQ(parsedOk({"events", "--limit", "7"}).args, object({{"limit", 7}}));
}

TEST(CtlCommandTest, SendJoinsTheTextWords)
{
    EXPECT_EQ(parsedOk({"send", "bob", "hello"}).args,
              object({{"peer", QStringLiteral("bob")}, {"text", QStringLiteral("hello")}}));
    EXPECT_EQ(parsedOk({"send", "bob", "see", "you", "soon"}).args,
              object({{"peer", QStringLiteral("bob")}, {"text", QStringLiteral("see you soon")}}));
    EXPECT_EQ(parsedOk({"send", "bob", ""}).args,
              object({{"peer", QStringLiteral("bob")}, {"text", QString()}}));
}

TEST(CtlCommandTest, PeerManagementCommandsFillTheControlRequest)
{
    for (const char* command : {"block", "unblock", "remove-peer"}) {
        EXPECT_EQ(parsedOk({command, "bob"}).args, object({{"peer", QStringLiteral("bob")}})) << command;
        EXPECT_PRED2(contains, usageError({command}), std::string(command) + " needs PEER.");
    }
    EXPECT_EQ(parsedOk({"rename", "bob", "Uncle", "Bob"}).args,
              object({{"peer", QStringLiteral("bob")}, {"nickname", QStringLiteral("Uncle Bob")}}));
    // "" clears the nickname: it is sent, as an empty name.
    EXPECT_EQ(parsedOk({"rename", "bob", ""}).args,
              object({{"peer", QStringLiteral("bob")}, {"nickname", QString()}}));
    EXPECT_PRED2(contains, usageError({"rename", "bob"}),
                 "rename needs NAME. Usage: confabctl rename PEER NAME.");
}

TEST(CtlCommandTest, EditAndDeleteNameAMessage)
{
    const char* id = "00112233445566778899aabbccddeeff";
    EXPECT_EQ(parsedOk({"edit", id, "see", "you", "at", "6"}).args,
              object({{"id", QLatin1String(id)}, {"text", QStringLiteral("see you at 6")}}));
    EXPECT_EQ(parsedOk({"edit", id, "-5", "degrees", "--json"}).args.value(QStringLiteral("text")),
              QStringLiteral("-5 degrees"));
    EXPECT_EQ(parsedOk({"delete", id}).args, object({{"id", QLatin1String(id)}}));
    EXPECT_TRUE(parsedOk({"--json", "delete", id}).json);
    EXPECT_PRED2(contains, usageError({"edit", id}), "edit needs TEXT. Usage: confabctl edit MSGID TEXT.");
    EXPECT_PRED2(contains, usageError({"delete"}), "delete needs MSGID.");
    EXPECT_PRED2(contains, usageError({"delete", id, "now"}), "Unexpected argument 'now' for delete.");
    EXPECT_PRED2(contains, helpText({"help", "edit"}), "MSGID is a message's id (32 hex digits)");
}

TEST(CtlCommandTest, ReactNamesAMessageAndOneEmoji)
{
    const char* id = "00112233445566778899aabbccddeeff";
    EXPECT_EQ(parsedOk({"react", id, "👍"}).args,
              object({{"id", QLatin1String(id)}, {"emoji", QStringLiteral("👍")}}));
    // '' takes the reaction back: an empty word is still the argument.
    EXPECT_EQ(parsedOk({"react", id, ""}).args, object({{"id", QLatin1String(id)}, {"emoji", QString()}}));
    EXPECT_TRUE(parsedOk({"react", id, "😂", "--json"}).json);
    EXPECT_PRED2(contains, usageError({"react", id}),
                 "react needs EMOJI. Usage: confabctl react MSGID EMOJI.");
    EXPECT_PRED2(contains, usageError({"react", id, "👍", "😂"}), "Unexpected argument '😂' for react.");
    const std::string help = helpText({"help", "react"});
    EXPECT_PRED2(contains, help, "MSGID is a message's id (32 hex digits)");
    EXPECT_PRED2(contains, help, "('' takes it back)");
}

TEST(CtlCommandTest, SendRepliesWithReplyTo)
{
    const char* id = "00112233445566778899aabbccddeeff";
    const QJsonObject reply = object({{"peer", QStringLiteral("bob")},
                                      {"text", QStringLiteral("at 1 then")},
                                      {"reply_to", QLatin1String(id)}});
    // Before the text, after it, or with '=': the option is send's own.
    EXPECT_EQ(parsedOk({"send", "bob", "at", "1", "then", "--reply-to", id}).args, reply);
    EXPECT_EQ(parsedOk({"send", "--reply-to", id, "bob", "at", "1", "then"}).args, reply);
    EXPECT_EQ(
        parsedOk({"send", "bob", "--reply-to=00112233445566778899aabbccddeeff", "at", "1", "then"}).args,
        reply);
    // After `--` it is text, as any option is.
    EXPECT_EQ(parsedOk({"send", "bob", "--", "--reply-to", id}).args,
              object({{"peer", QStringLiteral("bob")},
                      {"text", QStringLiteral("--reply-to ") + QLatin1String(id)}}));
    EXPECT_FALSE(parsedOk({"send", "bob", "hi"}).args.contains(QStringLiteral("reply_to")));
    EXPECT_PRED2(contains, usageError({"send", "bob", "hi", "--reply-to", ""}),
                 "--reply-to needs a message id (32 hex digits).");
    // Not the `--` that ends send's options taken for the value.
    EXPECT_PRED2(contains, usageError({"send", "bob", "hi", "--reply-to"}),
                 "Missing value after '--reply-to'");
    EXPECT_PRED2(contains, usageError({"history", "bob", "--reply-to", id}),
                 "history does not take --reply-to");
    const std::string help = helpText({"help", "send"});
    EXPECT_PRED2(contains, help, "send PEER TEXT [--reply-to MSGID]");
    EXPECT_PRED2(contains, help, "MSGID is a message's id (32 hex digits)");
}

TEST(CtlCommandTest, ExportTakesAPeerAndAFormat)
{
    EXPECT_EQ(parsedOk({"export", "bob"}).args, object({{"peer", QStringLiteral("bob")}}));
    EXPECT_EQ(parsedOk({"export", "bob", "--format", "HTML"}).args,
              object({{"peer", QStringLiteral("bob")}, {"format", QStringLiteral("html")}}));
    EXPECT_EQ(parsedOk({"export", "--format=text", "bob"}).args,
              object({{"peer", QStringLiteral("bob")}, {"format", QStringLiteral("text")}}));
    EXPECT_PRED2(contains, usageError({"export", "bob", "--format", "pdf"}), "--format needs text or html.");
    EXPECT_PRED2(contains, usageError({"export"}), "export needs PEER.");
}

TEST(CtlCommandTest, SendTextMayLookLikeAnOption)
{
    EXPECT_EQ(parsedOk({"send", "bob", "-5", "degrees"}).args.value(QStringLiteral("text")),
              QStringLiteral("-5 degrees"));
    EXPECT_EQ(parsedOk({"send", "bob", "use", "--verbose"}).args.value(QStringLiteral("text")),
              QStringLiteral("use --verbose"));
    EXPECT_EQ(parsedOk({"send", "bob", "--", "--json"}).args.value(QStringLiteral("text")),
              QStringLiteral("--json"));
    // The command's own options still count after the text.
    const CtlCommand cmd = parsedOk({"send", "bob", "hi", "--json", "--profile=/p"});
    EXPECT_EQ(cmd.args.value(QStringLiteral("text")), QStringLiteral("hi"));
    EXPECT_TRUE(cmd.json);
    EXPECT_EQ(cmd.profileDir, QStringLiteral("/p"));
    // Before PEER an unknown option is still an error.
    EXPECT_PRED2(contains, usageError({"send", "--verbose", "bob", "hi"}), "--verbose");
}

TEST(CtlCommandTest, WaitMessageWaitsForeverUnlessTimedOut)
{
    const CtlCommand untimed = parsedOk({"wait-message"});
    EXPECT_EQ(untimed.replyTimeoutMs, -1);
    EXPECT_TRUE(untimed.args.isEmpty());

    const CtlCommand timed = parsedOk({"wait-message", "--from=bob", "--timeout", "1.5"});
    EXPECT_EQ(timed.args, object({{"from", QStringLiteral("bob")}, {"timeout_ms", 1500}}));
    EXPECT_GT(timed.replyTimeoutMs, 1500);

    EXPECT_TRUE(parsedOk({"wait-message", "--from", ""}).args.isEmpty());
}

TEST(CtlCommandTest, EventsFollow)
{
    const CtlCommand cmd = parsedOk({"events", "--follow"});
    EXPECT_TRUE(cmd.follow);
    EXPECT_EQ(cmd.replyTimeoutMs, -1);
    EXPECT_EQ(cmd.args, object({{"follow", true}}));
    EXPECT_FALSE(parsedOk({"events"}).follow);
}

TEST(CtlCommandTest, NoOrUnknownCommand)
{
    EXPECT_PRED2(contains, usageError({}), "No command given.");
    EXPECT_PRED2(contains, usageError({"--json"}), "No command given.");
    EXPECT_PRED2(contains, usageError({"frobnicate"}), "Unknown command 'frobnicate'.");
    EXPECT_PRED2(contains, usageError({"--bogus"}), "Unknown option '--bogus'.");
    EXPECT_PRED2(contains, usageError({"--profile"}), "--profile");
}

TEST(CtlCommandTest, UnknownOptionNamesTheCommandAndItsOptions)
{
    const std::string status = usageError({"status", "--bogus-option"});
    EXPECT_PRED2(contains, status, "'--bogus-option'");
    EXPECT_PRED2(contains, status, "status");
    EXPECT_PRED2(contains, status, "--profile DIR, --json");

    const std::string history = usageError({"--bogus", "history", "bob"});
    EXPECT_PRED2(contains, history, "'--bogus' for history");
    EXPECT_PRED2(contains, history, "--limit N, --profile DIR, --json");
    EXPECT_PRED2(contains, usageError({"status", "-x"}), "'-x'");
}

TEST(CtlCommandTest, OptionOfAnotherCommandIsRefused)
{
    const std::string history = usageError({"history", "bob", "--follow"});
    EXPECT_PRED2(contains, history, "history does not take --follow");
    EXPECT_PRED2(contains, history, "it takes --limit N, --profile DIR, --json");

    EXPECT_PRED2(contains, usageError({"status", "--limit", "5"}), "status does not take --limit");
    EXPECT_PRED2(contains, usageError({"send", "--timeout=3", "bob", "hi"}), "send does not take --timeout");
    EXPECT_PRED2(contains, usageError({"events", "--from", "bob"}),
                 "it takes --limit N, --follow, --profile DIR");
}

TEST(CtlCommandTest, MissingArgumentsSayWhatIsExpected)
{
    EXPECT_PRED2(contains, usageError({"history"}),
                 "history needs PEER. Usage: confabctl history PEER [--limit N].");
    EXPECT_PRED2(contains, usageError({"send", "bob"}),
                 "send needs TEXT. Usage: confabctl send PEER TEXT [--reply-to MSGID].");
    EXPECT_PRED2(contains, usageError({"send"}), "send needs PEER.");
    EXPECT_PRED2(contains, usageError({"add-peer"}), "add-peer needs ADDR:PORT.");
}

TEST(CtlCommandTest, ExtraArgumentsSayWhatIsExpected)
{
    EXPECT_PRED2(contains, usageError({"status", "now"}),
                 "Unexpected argument 'now' for status. Usage: confabctl status.");
    EXPECT_PRED2(contains, usageError({"answer", "bob", "carol"}),
                 "Unexpected argument 'carol' for answer. Usage: confabctl answer [PEER].");
}

TEST(CtlCommandTest, BadOptionValues)
{
    EXPECT_PRED2(contains, usageError({"history", "bob", "--limit", "many"}),
                 "--limit needs a positive number.");
    EXPECT_PRED2(contains, usageError({"history", "bob", "--limit=0"}), "--limit needs a positive number.");
    EXPECT_PRED2(contains, usageError({"wait-message", "--timeout", "-1"}),
                 "--timeout needs a number of seconds greater than 0.");
    EXPECT_PRED2(contains, usageError({"history", "bob", "--limit"}), "--limit");
    EXPECT_PRED2(contains, usageError({"status", "--json=yes"}), "--json");
}

TEST(CtlCommandTest, HelpListsEveryCommand)
{
    for (const auto& words :
         {std::initializer_list<const char*>{"--help"}, {"-h"}, {"help"}, {"--json", "help"}}) {
        const std::string text = helpText(words);
        EXPECT_PRED2(contains, text, "Usage: confabctl [--profile DIR] [--json] COMMAND [ARGS]");
        for (const CtlCommandSpec& spec : ctlCommands()) {
            EXPECT_PRED2(contains, text, "\n  " + std::string(spec.name) + ' ');
        }
        EXPECT_PRED2(contains, text,
                     "  history PEER [--limit N]    the conversation with PEER, oldest first\n");
        EXPECT_PRED2(contains, text, "  events [--limit N] [--follow]  security and link events\n");
        EXPECT_PRED2(contains, text,
                     "  wait-message [--from PEER] [--timeout S]\n"
                     "                            print the oldest unread message");
    }
}

TEST(CtlCommandTest, HelpForOneCommand)
{
    for (const auto& words : {std::initializer_list<const char*>{"help", "history"},
                              {"history", "--help"},
                              {"history", "-h"},
                              {"--help", "history", "bob", "--limit=3"}}) {
        const std::string text = helpText(words);
        EXPECT_PRED2(contains, text, "Usage: confabctl [--profile DIR] [--json] history PEER [--limit N]\n");
        EXPECT_PRED2(contains, text, "The conversation with PEER, oldest first.");
        EXPECT_PRED2(contains, text, "  --limit N ");
        EXPECT_PRED2(contains, text, "  --profile DIR ");
        EXPECT_PRED2(contains, text, "  --json ");
    }
    EXPECT_PRED2(contains, helpText({"send", "bob", "--help"}), "send PEER TEXT");
    EXPECT_PRED2(contains, usageError({"help", "frobnicate"}), "Unknown command 'frobnicate'.");
    EXPECT_PRED2(contains, usageError({"help", "status", "peers"}), "help takes one command");
}

TEST(CtlCommandTest, VersionIsPrintedWithoutACommand)
{
    EXPECT_EQ(helpText({"--version"}), std::string("confabctl ") + softwareVersion() + "\n");
    EXPECT_PRED2(contains, helpText({"--help"}), "  --version ");
    EXPECT_PRED2(contains, usageError({"status", "--version"}), "Unknown option '--version'");
}

TEST(CtlCommandTest, EveryCommandHasHelpAndParses)
{
    for (const CtlCommandSpec& spec : ctlCommands()) {
        const QString name = QLatin1String(spec.name);
        auto help = parseCtlCommand({QStringLiteral("confabctl"), QStringLiteral("help"), name});
        ASSERT_FALSE(help.ok());
        EXPECT_TRUE(help.error().helpRequested);
        EXPECT_TRUE(help.error().message.contains(name));

        QStringList arguments{QStringLiteral("confabctl"), name};
        for (const CtlArgument& argument : spec.arguments) {
            if (argument.name != nullptr) {
                arguments.append(QStringLiteral("x"));
            }
        }
        auto parsed = parseCtlCommand(arguments);
        ASSERT_TRUE(parsed.ok()) << name.toStdString() << ": " << parsed.error().message.toStdString();
        EXPECT_EQ(parsed.value().command, name);
    }
}

} // namespace
} // namespace confab::app
