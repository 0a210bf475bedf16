#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace confab::ui::search_highlight {

struct Range {
    qsizetype start = 0;
    qsizetype length = 0;
    bool operator==(const Range&) const = default;
};

// Where `text` has a word that starts with one of `terms`, compared as the
// search compares them: in any case and with accents ignored ("cafe" marks
// "Café"). Sorted by start, not overlapping.
QList<Range> matches(const QString& text, const QStringList& terms);

// A piece of `text` that starts shortly before `from`, at a word, with "…"
// in front when something was cut; so that a match far into a long message
// shows in a line or two.
QString excerpt(const QString& text, qsizetype from, qsizetype lead = 24);

} // namespace confab::ui::search_highlight
