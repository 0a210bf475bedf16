#pragma once

#include <QList>
#include <QString>
#include <QUrl>

namespace confab::ui::message_text {

// Messages are plain text. These turn one into what the conversation shows:
// escaped HTML where web and mail addresses are links. Nothing the sender
// writes can become markup.

struct Link {
    qsizetype start = 0;
    qsizetype length = 0;
    QUrl url;
};

// http://, https:// and mailto: addresses, without trailing punctuation.
QList<Link> findLinks(const QString& text);
// Rich text for QTextDocument: escaped, line breaks and spaces kept, links as <a>.
QString toHtml(const QString& text);

} // namespace confab::ui::message_text
