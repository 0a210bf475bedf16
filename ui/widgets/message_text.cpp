#include "message_text.h"

#include <QRegularExpression>

namespace confab::ui::message_text {
namespace {

// Punctuation that ends a sentence rather than an address: "see https://x.org."
bool isTrailingPunctuation(QChar c)
{
    return QStringLiteral(".,;:!?'\"").contains(c);
}

qsizetype trimmedLength(const QString& text, qsizetype start, qsizetype length)
{
    while (length > 0) {
        const QChar last = text.at(start + length - 1);
        if (isTrailingPunctuation(last)) {
            --length;
            continue;
        }
        // "(see https://x.org/a)": keep a closing bracket only if the address opened one.
        if (last == QLatin1Char(')')) {
            const QStringView candidate = QStringView(text).mid(start, length);
            if (candidate.count(QLatin1Char(')')) > candidate.count(QLatin1Char('('))) {
                --length;
                continue;
            }
        }
        break;
    }
    return length;
}

} // namespace

QList<Link> findLinks(const QString& text)
{
    static const QRegularExpression pattern(
        QStringLiteral(R"((?:https?://|mailto:)[^\s<>"\x{2018}-\x{201F}]+)"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    QList<Link> links;
    for (auto it = pattern.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        const qsizetype start = match.capturedStart();
        const qsizetype length = trimmedLength(text, start, match.capturedLength());
        const QUrl url(text.mid(start, length), QUrl::StrictMode);
        const bool web = url.scheme().compare(QLatin1String("mailto"), Qt::CaseInsensitive) != 0;
        // "https://" alone, or a mailto: without an address, is not a link.
        if (!url.isValid() || (web && url.host().isEmpty()) || (!web && url.path().isEmpty())) {
            continue;
        }
        links.append({start, length, url});
    }
    return links;
}

QString toHtml(const QString& text)
{
    QString html = QStringLiteral("<p style=\"white-space: pre-wrap; margin: 0\">");
    qsizetype at = 0;
    for (const Link& link : findLinks(text)) {
        html += text.mid(at, link.start - at).toHtmlEscaped();
        html += QStringLiteral("<a href=\"%1\">%2</a>")
                    .arg(QString::fromUtf8(link.url.toEncoded()).toHtmlEscaped(),
                         text.mid(link.start, link.length).toHtmlEscaped());
        at = link.start + link.length;
    }
    html += text.mid(at).toHtmlEscaped();
    html += QStringLiteral("</p>");
    return html;
}

} // namespace confab::ui::message_text
