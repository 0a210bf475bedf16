#include "search_query.h"

#include <QStringList>

#include <algorithm>

namespace confab::storage {

std::optional<QString> ftsQueryFor(const QString& typed)
{
    QStringList terms;
    for (const QString& word : typed.simplified().split(QChar(u' '), Qt::SkipEmptyParts)) {
        // A word of punctuation alone holds no token; as a term it would match
        // nothing and so hide every result of the other words.
        if (std::none_of(word.begin(), word.end(), [](QChar c) { return c.isLetterOrNumber(); })) {
            continue;
        }
        QString quoted = word;
        quoted.replace(QChar(u'"'), QStringLiteral("\"\""));
        terms.append(QStringLiteral("\"%1\"*").arg(quoted));
    }
    if (terms.isEmpty()) {
        return std::nullopt;
    }
    return terms.join(QChar(u' '));
}

} // namespace confab::storage
