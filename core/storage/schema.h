#pragma once

#include <QStringList>

#include <vector>

namespace confab::storage {

// Migration N (1-based) brings the schema from version N-1 to N. Append only:
// a released migration is never edited.
const std::vector<QStringList>& schemaMigrations();

} // namespace confab::storage
