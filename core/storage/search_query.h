#pragma once

#include <QString>

#include <optional>

namespace confab::storage {

// What a person typed in a search field, as an SQLite FTS5 query: every word
// must occur, each as the start of a word ("hel wor" finds "Hello, world"),
// in any case and with or without accents. The words are quoted, so FTS5
// syntax in the text ("AND", quotes, "*", "-") is searched for, never obeyed.
// nullopt when the text has no letters or digits to search for.
std::optional<QString> ftsQueryFor(const QString& typed);

} // namespace confab::storage
