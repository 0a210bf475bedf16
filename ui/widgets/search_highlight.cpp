#include "search_highlight.h"

#include <algorithm>

namespace confab::ui::search_highlight {
namespace {

// One character per character of the original, so positions carry over:
// case folded, and a letter with an accent as its base letter.
QString folded(const QString& text)
{
    QString result = text;
    for (QChar& c : result) {
        const QString decomposed = c.decomposition();
        if (!decomposed.isEmpty() && c.decompositionTag() == QChar::Canonical) {
            c = decomposed.front();
        }
        c = c.toCaseFolded();
    }
    return result;
}

bool startsWord(const QString& text, qsizetype at)
{
    return at == 0 || !text.at(at - 1).isLetterOrNumber();
}

} // namespace

QList<Range> matches(const QString& text, const QStringList& terms)
{
    const QString haystack = folded(text);
    QList<Range> found;
    for (const QString& term : terms) {
        const QString needle = folded(term);
        if (needle.isEmpty()) {
            continue;
        }
        for (qsizetype at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
            if (startsWord(haystack, at)) {
                found.append({at, needle.size()});
            }
        }
    }
    std::sort(found.begin(), found.end(), [](const Range& a, const Range& b) { return a.start < b.start; });
    QList<Range> merged;
    for (const Range& range : found) {
        if (!merged.isEmpty() && range.start <= merged.back().start + merged.back().length) {
            Range& last = merged.back();
            last.length = std::max(last.length, range.start + range.length - last.start);
        } else {
            merged.append(range);
        }
    }
    return merged;
}

QString excerpt(const QString& text, qsizetype from, qsizetype lead)
{
    if (from <= lead) {
        return text;
    }
    qsizetype start = from - lead;
    while (start < from && !startsWord(text, start)) {
        ++start;
    }
    return QStringLiteral("…") + text.mid(start);
}

} // namespace confab::ui::search_highlight
