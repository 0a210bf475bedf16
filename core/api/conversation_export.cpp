#include "conversation_export.h"

#include <QCoreApplication>
#include <QTimeZone>

#include <cstdlib>
#include <map>

namespace confab::api {
namespace {

// Line breaks of any kind become '\n'; other control characters (which
// could move a terminal's cursor or hide text) become U+FFFD.
QString printable(QString text)
{
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    text.replace(u'\r', u'\n');
    for (QChar& c : text) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != u'\n' && u != u'\t') || (u >= 0x7f && u <= 0x9f)) {
            c = QChar::ReplacementCharacter;
        }
    }
    return text;
}

// A name on one line.
QString printableName(const QString& name)
{
    return printable(name).replace(u'\n', u' ');
}

// "UTC" or "UTC+01:00".
QString utcOffset(const QDateTime& at)
{
    const int seconds = at.offsetFromUtc();
    if (seconds == 0) {
        return QStringLiteral("UTC");
    }
    const int minutes = std::abs(seconds) / 60;
    return QStringLiteral("UTC%1%2:%3")
        .arg(QChar(seconds < 0 ? u'-' : u'+'))
        .arg(minutes / 60, 2, 10, QLatin1Char('0'))
        .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

QString messageCount(std::size_t count)
{
    return count == 1 ? QCoreApplication::translate("Node", "1 message")
                      : QCoreApplication::translate("Node", "%1 messages").arg(count);
}

// What the heading and each message need, worked out once for both formats.
struct Line {
    QDateTime at;
    QString who;
    bool outgoing = false;
    bool notSent = false;
    QString text;
    QString quote;     // what a reply quotes, "Bob: its first line"; empty for no reply
    QString reactions; // "Alice 👍, Bob 😂"; empty for none
};

// A quote's line as the conversation view shows it: long ones are cut.
constexpr int kQuoteChars = 80;

// What a message says in the export; an edit or delete says so, as the
// conversation view does.
QString textOf(const StoredMessage& message)
{
    if (message.deletedMs) {
        return QCoreApplication::translate("Node", "(message deleted)");
    }
    return message.editedMs ? QCoreApplication::translate("Node", "%1 (edited)").arg(printable(message.body))
                            : printable(message.body);
}

class Writer {
public:
    Writer(const ExportHeading& heading, const StoredMessages& messages)
        : m_heading(heading), m_own(printableName(heading.ownName)), m_peer(printableName(heading.peerName)),
          m_peerId(QString::fromStdString(heading.peer.toText()))
    {
        if (m_own.isEmpty()) {
            m_own = QCoreApplication::translate("Node", "Me");
        }
        if (m_peer.isEmpty()) {
            m_peer = m_peerId.left(8);
        }
        std::map<MessageId, const StoredMessage*> byId;
        for (const StoredMessage& message : messages) {
            byId.emplace(message.id, &message);
        }
        m_lines.reserve(messages.size());
        for (const StoredMessage& message : messages) {
            const StoredMessage* quoted = nullptr;
            if (message.replyTo) {
                const auto it = byId.find(*message.replyTo);
                quoted = it == byId.end() ? nullptr : it->second;
            }
            m_lines.push_back(Line{
                .at = QDateTime::fromMSecsSinceEpoch(message.storedMs, heading.exportedAt.timeZone()),
                .who = message.outgoing ? m_own : m_peer,
                .outgoing = message.outgoing,
                .notSent = message.outgoing && message.state == MessageState::Queued,
                .text = textOf(message),
                .quote = message.replyTo ? quoteOf(quoted) : QString(),
                .reactions = reactionsOf(message),
            });
        }
    }

    [[nodiscard]] QString title() const
    {
        return QCoreApplication::translate("Node", "Conversation between %1 and %2").arg(m_own, m_peer);
    }

    [[nodiscard]] QString summary() const
    {
        return QCoreApplication::translate("Node", "%1, exported %2 (times in %3)")
            .arg(messageCount(m_lines.size()), stamp(m_heading.exportedAt), utcOffset(m_heading.exportedAt));
    }

    [[nodiscard]] QString text() const
    {
        QString out = title() + u'\n' +
                      QCoreApplication::translate("Node", "%1's ID: %2").arg(m_peer, m_peerId) + u'\n' +
                      summary() + u'\n';
        for (const Line& line : m_lines) {
            out += u'\n' + stamp(line.at) + QStringLiteral("  ") + who(line) + QStringLiteral(": ");
            // Continuation lines are indented, so every message starts a line
            // that begins with its date.
            out += QString(line.text).replace(u'\n', QStringLiteral("\n    "));
            if (!line.quote.isEmpty()) {
                out += QStringLiteral("\n    ") +
                       QCoreApplication::translate("Node", "(in reply to %1)").arg(line.quote);
            }
            if (!line.reactions.isEmpty()) {
                out += QStringLiteral("\n    ") +
                       QCoreApplication::translate("Node", "(reactions: %1)").arg(line.reactions);
            }
        }
        return out + u'\n';
    }

    [[nodiscard]] QString html() const
    {
        QString out =
            QStringLiteral(
                "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                // Nothing in the page may load or run anything, whatever a message holds.
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                "style-src 'unsafe-inline'\">\n"
                "<meta name=\"generator\" content=\"Confab\">\n<title>%1</title>\n<style>\n%2</style>\n"
                "</head>\n<body>\n<h1>%1</h1>\n<p class=\"about\">%3<br>%4</p>\n")
                .arg(title().toHtmlEscaped(), kStyle,
                     QCoreApplication::translate("Node", "%1's ID: <code>%2</code>")
                         .arg(m_peer.toHtmlEscaped(), m_peerId),
                     summary().toHtmlEscaped());
        for (const Line& line : m_lines) {
            const QString quote = line.quote.isEmpty()
                                      ? QString()
                                      : QStringLiteral("<blockquote dir=\"auto\">%1</blockquote>")
                                            .arg(line.quote.toHtmlEscaped());
            const QString reactions =
                line.reactions.isEmpty()
                    ? QString()
                    : QStringLiteral("<div class=\"reactions\">%1</div>").arg(line.reactions.toHtmlEscaped());
            out += QStringLiteral(
                       "<div class=\"message %1\"><div class=\"meta\"><span class=\"who\">%2</span> "
                       "<time datetime=\"%3\">%4</time></div>%5<div class=\"text\" dir=\"auto\">%6</div>"
                       "%7</div>\n")
                       .arg(line.outgoing ? QStringLiteral("mine") : QStringLiteral("theirs"),
                            who(line).toHtmlEscaped(), line.at.toString(Qt::ISODate), stamp(line.at), quote,
                            line.text.toHtmlEscaped(), reactions);
        }
        return out + QStringLiteral("</body>\n</html>\n");
    }

private:
    static constexpr auto kStyle = QLatin1String("body { font-family: sans-serif; line-height: 1.4; "
                                                 "max-width: 48em; margin: 2em auto; padding: 0 1em; }\n"
                                                 ".about, .meta { color: #5f6368; }\n"
                                                 ".message { margin: 0.8em 0; }\n"
                                                 ".meta { font-size: 0.85em; }\n"
                                                 ".who { font-weight: bold; }\n"
                                                 ".mine .who { color: #1b6e3c; }\n"
                                                 ".theirs .who { color: #1d4f91; }\n"
                                                 ".text { white-space: pre-wrap; overflow-wrap: anywhere; }\n"
                                                 "blockquote { margin: 0.2em 0; padding-left: 0.6em; "
                                                 "border-left: 3px solid #9aa0a6; color: #5f6368; }\n"
                                                 ".reactions { font-size: 0.9em; }\n"
                                                 "@media (prefers-color-scheme: dark) {\n"
                                                 "  body { background: #1f1f1f; color: #e3e3e3; }\n"
                                                 "  .about, .meta { color: #a8abb0; }\n"
                                                 "  .mine .who { color: #7fd19b; }\n"
                                                 "  .theirs .who { color: #8ab4f8; }\n"
                                                 "}\n");

    static QString stamp(const QDateTime& at) { return at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")); }

    // "Bob: the first line", or why there is nothing to quote.
    [[nodiscard]] QString quoteOf(const StoredMessage* quoted) const
    {
        if (quoted == nullptr) {
            return QCoreApplication::translate("Node", "a message not in this conversation");
        }
        if (quoted->deletedMs) {
            return QCoreApplication::translate("Node", "a deleted message");
        }
        QString first = printable(quoted->body).section(u'\n', 0, 0);
        if (first.size() > kQuoteChars) {
            first = first.left(kQuoteChars - 1) + QChar(0x2026);
        }
        return QStringLiteral("%1: %2").arg(quoted->outgoing ? m_own : m_peer, first);
    }

    [[nodiscard]] QString reactionsOf(const StoredMessage& message) const
    {
        QStringList who;
        if (!message.ownReaction.isEmpty()) {
            who << QStringLiteral("%1 %2").arg(m_own, printableName(message.ownReaction));
        }
        if (!message.peerReaction.isEmpty()) {
            who << QStringLiteral("%1 %2").arg(m_peer, printableName(message.peerReaction));
        }
        return who.join(QStringLiteral(", "));
    }

    static QString who(const Line& line)
    {
        return line.notSent ? QCoreApplication::translate("Node", "%1 (not sent yet)").arg(line.who)
                            : line.who;
    }

    const ExportHeading& m_heading;
    QString m_own;
    QString m_peer;
    QString m_peerId;
    std::vector<Line> m_lines;
};

} // namespace

const char* toString(ExportFormat format)
{
    return format == ExportFormat::Html ? "html" : "text";
}

std::optional<ExportFormat> exportFormatNamed(const QString& name)
{
    const QString wanted = name.trimmed().toLower();
    if (wanted == QLatin1String("text") || wanted == QLatin1String("txt")) {
        return ExportFormat::Text;
    }
    if (wanted == QLatin1String("html") || wanted == QLatin1String("htm")) {
        return ExportFormat::Html;
    }
    return std::nullopt;
}

QString writeConversation(const ExportHeading& heading, const StoredMessages& messages, ExportFormat format)
{
    const Writer writer(heading, messages);
    return format == ExportFormat::Html ? writer.html() : writer.text();
}

} // namespace confab::api
