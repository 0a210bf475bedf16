#include "clock.h"

#include <QDateTime>

namespace confab::session {

std::int64_t SystemClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace confab::session
