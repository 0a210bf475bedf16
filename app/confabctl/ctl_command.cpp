#include "ctl_command.h"

#include "base/software_version.h"
#include "ctl_command_table.h"
#include "default_profile.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QDir>
#include <QJsonArray>

namespace confab::app {
namespace {

constexpr qsizetype kUsageColumn = 28; // where the command list's descriptions start
constexpr qsizetype kLineWidth = 80;

constexpr QLatin1String kProfileOption("profile");
constexpr QLatin1String kJsonOption("json");
constexpr QLatin1String kHelpOption("help");
constexpr QLatin1String kVersionOption("version");
constexpr QLatin1String kHelpCommand("help");

// The options every command takes, in the order the help lists them.
QList<QCommandLineOption> globalOptions()
{
    return {
        QCommandLineOption(kProfileOption,
                           QStringLiteral("profile folder (default: %1)").arg(defaultProfileDir()),
                           QStringLiteral("DIR")),
        QCommandLineOption(kJsonOption, QStringLiteral("print the reply as JSON")),
        QCommandLineOption({QStringLiteral("h"), kHelpOption}, QStringLiteral("show this help")),
    };
}

std::span<const CtlOption* const> optionsOf(const CtlCommandSpec& spec)
{
    std::size_t count = 0;
    while (count < spec.options.size() && spec.options[count] != nullptr) {
        ++count;
    }
    return std::span(spec.options).first(count);
}

std::span<const CtlArgument> argumentsOf(const CtlCommandSpec& spec)
{
    std::size_t count = 0;
    while (count < spec.arguments.size() && spec.arguments[count].name != nullptr) {
        ++count;
    }
    return std::span(spec.arguments).first(count);
}

// "--limit" from "--limit", "--limit=5" or "-limit"; "h" from "-h".
QString optionName(const QString& word)
{
    QString name = word.mid(word.startsWith(QLatin1String("--")) ? 2 : 1);
    return name.section(u'=', 0, 0);
}

bool isOptionWord(const QString& word)
{
    return word.size() > 1 && word.startsWith(u'-');
}

// Whether `name` takes a value in `spec`, or in any command when spec is null:
// the command word is looked for before the command is known.
bool takesValue(const QString& name, const CtlCommandSpec* spec)
{
    if (name == kProfileOption) {
        return true;
    }
    const auto specs = spec ? std::span<const CtlCommandSpec>(spec, 1) : ctlCommands();
    for (const CtlCommandSpec& candidate : specs) {
        for (const CtlOption* option : optionsOf(candidate)) {
            if (name == QLatin1String(option->name)) {
                return option->valueName != nullptr;
            }
        }
    }
    return false;
}

bool commandTakes(const CtlCommandSpec& spec, const QString& name)
{
    if (name == kProfileOption || name == kJsonOption || name == kHelpOption || name == QLatin1String("h")) {
        return true;
    }
    for (const CtlOption* option : optionsOf(spec)) {
        if (name == QLatin1String(option->name)) {
            return true;
        }
    }
    return false;
}

bool anyCommandTakes(const QString& name)
{
    for (const CtlCommandSpec& spec : ctlCommands()) {
        if (commandTakes(spec, name)) {
            return true;
        }
    }
    return false;
}

// The index of the command word: the first word that is neither an option
// nor an option's value. -1 when there is none.
qsizetype findCommandWord(const QStringList& arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& word = arguments[i];
        if (word == QLatin1String("--")) {
            return i + 1 < arguments.size() ? i + 1 : -1;
        }
        if (!isOptionWord(word)) {
            return i;
        }
        if (!word.contains(u'=') && takesValue(optionName(word), nullptr)) {
            ++i;
        }
    }
    return -1;
}

QString optionUsage(const CtlOption& option)
{
    QString text = QStringLiteral("--") + QLatin1String(option.name);
    if (option.valueName) {
        text += u' ' + QLatin1String(option.valueName);
    }
    return text;
}

// "history PEER [--limit N]"
QString commandUsage(const CtlCommandSpec& spec)
{
    QString text = QLatin1String(spec.name);
    for (const CtlArgument& argument : argumentsOf(spec)) {
        const QString name = QLatin1String(argument.name);
        text += argument.kind == CtlArgumentKind::Optional ? QStringLiteral(" [%1]").arg(name) : u' ' + name;
    }
    for (const CtlOption* option : optionsOf(spec)) {
        text += QStringLiteral(" [%1]").arg(optionUsage(*option));
    }
    return text;
}

// "--limit N, --profile DIR, --json": what the command accepts, for errors.
QString acceptedOptions(const CtlCommandSpec& spec)
{
    QStringList names;
    for (const CtlOption* option : optionsOf(spec)) {
        names.append(optionUsage(*option));
    }
    names.append(QStringLiteral("--profile DIR"));
    names.append(QStringLiteral("--json"));
    return names.join(QStringLiteral(", "));
}

bool takesArgument(const CtlCommandSpec& spec, const char* name)
{
    for (const CtlArgument& argument : argumentsOf(spec)) {
        if (QLatin1String(argument.name) == QLatin1String(name)) {
            return true;
        }
    }
    return false;
}

// Whether an argument or an option's value of `spec` is called `name`.
bool mentions(const CtlCommandSpec& spec, const char* name)
{
    if (takesArgument(spec, name)) {
        return true;
    }
    for (const CtlOption* option : optionsOf(spec)) {
        if (option->valueName && QLatin1String(option->valueName) == QLatin1String(name)) {
            return true;
        }
    }
    return false;
}

QString helpLine(const QString& left, const QString& description)
{
    return QStringLiteral("  ") + left.leftJustified(18) + u' ' + description + u'\n';
}

QString commandHelp(const CtlCommandSpec& spec)
{
    QString summary = QLatin1String(spec.summary);
    summary[0] = summary[0].toUpper();
    QString text = QStringLiteral("Usage: confabctl [--profile DIR] [--json] %1\n\n%2.\n")
                       .arg(commandUsage(spec), summary);
    if (mentions(spec, "PEER")) {
        text += QStringLiteral("PEER is a peer ID, a unique ID prefix or a unique display name.\n");
    }
    if (mentions(spec, "MSGID")) {
        text +=
            QStringLiteral("MSGID is a message's id (32 hex digits), as send prints it and history --json "
                           "lists it.\n");
    }
    text += QStringLiteral("\nOptions:\n");
    for (const CtlOption* option : optionsOf(spec)) {
        text += helpLine(optionUsage(*option), QLatin1String(option->description));
    }
    for (const QCommandLineOption& option : globalOptions()) {
        const QString name = option.names().constLast();
        const QString left = option.valueName().isEmpty()
                                 ? QStringLiteral("--") + name
                                 : QStringLiteral("--%1 %2").arg(name, option.valueName());
        text += helpLine(left, option.description());
    }
    return text;
}

UsageError usage(const QString& message)
{
    return UsageError{message + QStringLiteral(" Run 'confabctl --help' for the commands."), false};
}

UsageError commandUsageError(const CtlCommandSpec& spec, const QString& message)
{
    return UsageError{QStringLiteral("%1 Usage: confabctl %2. Run 'confabctl help %3' for details.")
                          .arg(message, commandUsage(spec), QLatin1String(spec.name)),
                      false};
}

UsageError unknownOptionError(const CtlCommandSpec& spec, const QString& name)
{
    const QString dashed = (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
    const QString message = anyCommandTakes(name)
                                ? QStringLiteral("%1 does not take %2; it takes %3.")
                                : QStringLiteral("Unknown option '%2' for %1; it takes %3.");
    return UsageError{
        message.arg(QLatin1String(spec.name), dashed, acceptedOptions(spec)) +
            QStringLiteral(" Run 'confabctl help %1' for details.").arg(QLatin1String(spec.name)),
        false};
}

// For a command whose last argument is free text (send PEER TEXT): once the
// words before the text are there, a word that looks like an option but is
// none of the command's is text, so `send bob -- or --verbose` sends what it
// says; `--` ends the options as usual. The result puts every option first
// and every positional word after a `--`, in their original order.
QStringList arrangeFreeText(const QStringList& words, const CtlCommandSpec& spec)
{
    qsizetype wordsBeforeText = 0;
    for (const CtlArgument& argument : argumentsOf(spec)) {
        if (argument.kind == CtlArgumentKind::Text) {
            break;
        }
        ++wordsBeforeText;
    }
    QStringList options;
    QStringList positionals;
    bool onlyPositionals = false;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString& word = words[i];
        if (onlyPositionals) {
            positionals.append(word);
            continue;
        }
        if (word == QLatin1String("--")) {
            onlyPositionals = true;
            continue;
        }
        const bool inText = positionals.size() >= wordsBeforeText;
        if (isOptionWord(word) && (!inText || commandTakes(spec, optionName(word)))) {
            options.append(word);
            if (!word.contains(u'=') && takesValue(optionName(word), &spec)) {
                if (i + 1 == words.size()) {
                    // Its value is missing. Left last, the parser says so
                    // rather than taking the `--` below for the value.
                    return options;
                }
                options.append(words[++i]);
            }
            continue;
        }
        positionals.append(word);
    }
    return options + QStringList{QStringLiteral("--")} + positionals;
}

bool hasTextArgument(const CtlCommandSpec& spec)
{
    for (const CtlArgument& argument : argumentsOf(spec)) {
        if (argument.kind == CtlArgumentKind::Text) {
            return true;
        }
    }
    return false;
}

// Fills the request's arguments from the positional words.
std::optional<UsageError> takeArguments(const CtlCommandSpec& spec, const QStringList& words, CtlCommand& cmd)
{
    qsizetype next = 0;
    for (const CtlArgument& argument : argumentsOf(spec)) {
        const QString key = QLatin1String(argument.key);
        if (next >= words.size()) {
            if (argument.kind == CtlArgumentKind::Optional) {
                break;
            }
            return commandUsageError(
                spec,
                QStringLiteral("%1 needs %2.").arg(QLatin1String(spec.name), QLatin1String(argument.name)));
        }
        if (argument.kind == CtlArgumentKind::Text) {
            cmd.args.insert(key, words.mid(next).join(u' '));
            next = words.size();
        } else if (argument.kind == CtlArgumentKind::Paths) {
            // The node runs elsewhere: relative paths mean this shell's folder.
            QJsonArray paths;
            for (; next < words.size(); ++next) {
                paths.append(QDir::cleanPath(QDir::current().absoluteFilePath(words[next])));
            }
            cmd.args.insert(key, paths);
        } else if (argument.kind == CtlArgumentKind::Path) {
            cmd.args.insert(key, QDir::cleanPath(QDir::current().absoluteFilePath(words[next++])));
        } else if (argument.kind == CtlArgumentKind::Words) {
            cmd.args.insert(key, QJsonArray::fromStringList(words.mid(next)));
            next = words.size();
        } else {
            cmd.args.insert(key, words[next++]);
        }
    }
    if (next < words.size()) {
        return commandUsageError(
            spec,
            QStringLiteral("Unexpected argument '%1' for %2.").arg(words[next], QLatin1String(spec.name)));
    }
    return std::nullopt;
}

Result<CtlCommand, UsageError> parseCommand(const CtlCommandSpec& spec, const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addOptions(globalOptions());
    for (const CtlOption* option : optionsOf(spec)) {
        const QString name = QLatin1String(option->name);
        parser.addOption(option->valueName ? QCommandLineOption(name, QLatin1String(option->description),
                                                                QLatin1String(option->valueName))
                                           : QCommandLineOption(name, QLatin1String(option->description)));
    }
    const QStringList words = arguments.mid(1);
    QStringList parsed{arguments.value(0)};
    parsed += hasTextArgument(spec) ? arrangeFreeText(words, spec) : words;
    if (!parser.parse(parsed)) {
        const QStringList unknown = parser.unknownOptionNames();
        if (!unknown.isEmpty()) {
            return unknownOptionError(spec, unknown.constFirst());
        }
        return commandUsageError(spec, parser.errorText());
    }
    if (parser.isSet(kHelpOption)) {
        return UsageError{commandHelp(spec), true};
    }

    CtlCommand cmd;
    cmd.profileDir = parser.isSet(kProfileOption) ? parser.value(kProfileOption) : defaultProfileDir();
    cmd.json = parser.isSet(kJsonOption);
    cmd.command = QLatin1String(spec.name);
    cmd.replyTimeoutMs = spec.replyTimeoutMs;
    if (auto error = takeArguments(spec, parser.positionalArguments(), cmd)) {
        return *error;
    }
    for (const CtlOption* option : optionsOf(spec)) {
        const QString name = QLatin1String(option->name);
        if (!parser.isSet(name)) {
            continue;
        }
        // Each time it is given, in order (send-file's --to adds a peer each time).
        for (const QString& value : option->valueName ? parser.values(name) : QStringList{QString()}) {
            if (auto error = option->apply(value, cmd)) {
                return commandUsageError(spec, *error);
            }
        }
    }
    return cmd;
}

// `confabctl help [COMMAND]`, and the arguments without a command.
UsageError parseWithoutCommand(const QStringList& arguments, bool helpCommand)
{
    QCommandLineParser parser;
    parser.addOptions(globalOptions());
    parser.addOption(QCommandLineOption(kVersionOption)); // only without a command
    if (!parser.parse(arguments)) {
        const QStringList unknown = parser.unknownOptionNames();
        if (!unknown.isEmpty()) {
            const QString& name = unknown.constFirst();
            return usage(QStringLiteral("Unknown option '%1%2'.")
                             .arg(name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--"), name));
        }
        return usage(parser.errorText());
    }
    const QStringList words = parser.positionalArguments();
    if (!helpCommand) {
        if (parser.isSet(kHelpOption)) {
            return UsageError{ctlUsage(), true};
        }
        if (parser.isSet(kVersionOption)) {
            return UsageError{QStringLiteral("confabctl %1\n").arg(QLatin1String(softwareVersion())), true};
        }
        return usage(QStringLiteral("No command given."));
    }
    if (words.isEmpty()) {
        return UsageError{ctlUsage(), true};
    }
    if (words.size() > 1) {
        return usage(QStringLiteral("help takes one command, not '%1'.").arg(words.join(u' ')));
    }
    const CtlCommandSpec* spec = findCtlCommand(words.constFirst());
    if (!spec) {
        return usage(QStringLiteral("Unknown command '%1'.").arg(words.constFirst()));
    }
    return UsageError{commandHelp(*spec), true};
}

} // namespace

QString ctlUsage()
{
    QString text = QStringLiteral("Usage: confabctl [--profile DIR] [--json] COMMAND [ARGS]\n\n"
                                  "Talks to the Confab node (confabd or the app) running on the profile.\n"
                                  "PEER is a peer ID, a unique ID prefix or a unique display name.\n\n"
                                  "Commands:\n");
    for (const CtlCommandSpec& spec : ctlCommands()) {
        const QString usageText = commandUsage(spec);
        const QString summary = QLatin1String(spec.summary);
        text += QStringLiteral("  ") + usageText;
        if (usageText.size() + 2 <= kUsageColumn) {
            text += QString(kUsageColumn - usageText.size(), u' ');
        } else if (2 + usageText.size() + 2 + summary.size() <= kLineWidth) {
            text += QStringLiteral("  ");
        } else {
            text += u'\n' + QString(kUsageColumn, u' ');
        }
        text += summary + u'\n';
    }
    text += QStringLiteral(
                "\nOptions:\n"
                "  --profile DIR   profile folder (default: %1)\n"
                "  --json          print the reply as JSON\n"
                "  --version       print the version of confabctl\n"
                "\nExit codes: 0 ok, 1 command failed, 2 usage error, 3 no node running, 4 timeout.\n"
                "Run 'confabctl help COMMAND' (or 'confabctl COMMAND --help') for a command's options.\n")
                .arg(defaultProfileDir());
    return text;
}

Result<CtlCommand, UsageError> parseCtlCommand(const QStringList& arguments)
{
    const qsizetype index = findCommandWord(arguments);
    if (index < 0) {
        return parseWithoutCommand(arguments, false);
    }
    QStringList rest = arguments;
    const QString word = rest.takeAt(index);
    if (word == kHelpCommand) {
        return parseWithoutCommand(rest, true);
    }
    const CtlCommandSpec* spec = findCtlCommand(word);
    if (!spec) {
        return usage(QStringLiteral("Unknown command '%1'.").arg(word));
    }
    return parseCommand(*spec, rest);
}

} // namespace confab::app
