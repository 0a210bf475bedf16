#include "conversation_export.h"

#include <QTimeZone>

#include <cstdlib>

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
    return count == 1 ? QStringLiteral("1 message") : QStringLiteral("%1 messages").arg(count);
}

// What the heading and each message need, worked out once for both formats.
struct Line {
    QDateTime at;
    QString who;
    bool outgoing = false;
    bool notSent = false;
    QString text;
};

// What a message says in the export; an edit or delete says so, as the
// conversation view does.
QString textOf(const StoredMessage& message)
{
    if (message.deletedMs) {
        return QStringLiteral("(message deleted)");
    }
    return message.editedMs ? printable(message.body) + QStringLiteral(" (edited)") : printable(message.body);
}

class Writer {
public:
    Writer(const ExportHeading& heading, const StoredMessages& messages)
        : m_heading(heading), m_own(printableName(heading.ownName)), m_peer(printableName(heading.peerName)),
          m_peerId(QString::fromStdString(heading.peer.toText()))
    {
        if (m_own.isEmpty()) {
            m_own = QStringLiteral("Me");
        }
        if (m_peer.isEmpty()) {
            m_peer = m_peerId.left(8);
        }
        m_lines.reserve(messages.size());
        for (const StoredMessage& message : messages) {
            m_lines.push_back(Line{
                .at = QDateTime::fromMSecsSinceEpoch(message.storedMs, heading.exportedAt.timeZone()),
                .who = message.outgoing ? m_own : m_peer,
                .outgoing = message.outgoing,
                .notSent = message.outgoing && message.state == MessageState::Queued,
                .text = textOf(message),
            });
        }
    }

    [[nodiscard]] QString title() const
    {
        return QStringLiteral("Conversation between %1 and %2").arg(m_own, m_peer);
    }

    [[nodiscard]] QString summary() const
    {
        return QStringLiteral("%1, exported %2 (times in %3)")
            .arg(messageCount(m_lines.size()), stamp(m_heading.exportedAt), utcOffset(m_heading.exportedAt));
    }

    [[nodiscard]] QString text() const
    {
        QString out =
            title() + u'\n' + QStringLiteral("%1's ID: %2\n").arg(m_peer, m_peerId) + summary() + u'\n';
        for (const Line& line : m_lines) {
            out += u'\n' + stamp(line.at) + QStringLiteral("  ") + who(line) + QStringLiteral(": ");
            // Continuation lines are indented, so every message starts a line
            // that begins with its date.
            out += QString(line.text).replace(u'\n', QStringLiteral("\n    "));
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
                     QStringLiteral("%1's ID: <code>%2</code>").arg(m_peer.toHtmlEscaped(), m_peerId),
                     summary().toHtmlEscaped());
        for (const Line& line : m_lines) {
            out += QStringLiteral(
                       "<div class=\"message %1\"><div class=\"meta\"><span class=\"who\">%2</span> "
                       "<time datetime=\"%3\">%4</time></div><div class=\"text\" dir=\"auto\">%5</div>"
                       "</div>\n")
                       .arg(line.outgoing ? QStringLiteral("mine") : QStringLiteral("theirs"),
                            who(line).toHtmlEscaped(), line.at.toString(Qt::ISODate), stamp(line.at),
                            line.text.toHtmlEscaped());
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
                                                 "@media (prefers-color-scheme: dark) {\n"
                                                 "  body { background: #1f1f1f; color: #e3e3e3; }\n"
                                                 "  .about, .meta { color: #a8abb0; }\n"
                                                 "  .mine .who { color: #7fd19b; }\n"
                                                 "  .theirs .who { color: #8ab4f8; }\n"
                                                 "}\n");

    static QString stamp(const QDateTime& at) { return at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")); }

    static QString who(const Line& line)
    {
        return line.notSent ? QStringLiteral("%1 (not sent yet)").arg(line.who) : line.who;
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
