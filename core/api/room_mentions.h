#pragma once

#include <QString>

namespace confab::api {

// Whether a room message names someone called `name`: "@name" (any case)
// not followed by a letter or digit, so "@Ann" does not mention Anna; or
// "@all" / "@room", which mention every member. An empty name is never
// mentioned by name.
bool mentionsName(const QString& text, const QString& name);

} // namespace confab::api
