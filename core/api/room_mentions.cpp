#include "room_mentions.h"

#include <array>

namespace confab::api {
namespace {

// "@word" at `at` (the '@'), ending where a name may end.
bool mentionAt(const QString& text, qsizetype at, const QString& word)
{
    const qsizetype start = at + 1;
    if (word.isEmpty() || text.size() - start < word.size()) {
        return false;
    }
    if (QStringView(text).mid(start, word.size()).compare(word, Qt::CaseInsensitive) != 0) {
        return false;
    }
    const qsizetype end = start + word.size();
    return end == text.size() || !text.at(end).isLetterOrNumber();
}

} // namespace

bool mentionsName(const QString& text, const QString& name)
{
    static constexpr std::array kEveryone = {u"all", u"room"};
    const QString trimmed = name.trimmed();
    for (qsizetype at = text.indexOf(u'@'); at >= 0; at = text.indexOf(u'@', at + 1)) {
        // An address like bob@example.org names no one.
        if (at > 0 && text.at(at - 1).isLetterOrNumber()) {
            continue;
        }
        if (mentionAt(text, at, trimmed)) {
            return true;
        }
        for (const char16_t* word : kEveryone) {
            if (mentionAt(text, at, QString::fromUtf16(word))) {
                return true;
            }
        }
    }
    return false;
}

} // namespace confab::api
