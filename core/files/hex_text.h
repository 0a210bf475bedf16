#pragma once

#include "base/bytes.h"

#include <QByteArray>
#include <QString>

namespace confab::files {

// Lower-case hex of `bytes`: drop ids in logs and commands, file hashes as
// `b2sum -l 256` prints them.
inline QString hexOf(ByteView bytes)
{
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(bytes.data()), static_cast<qsizetype>(bytes.size()))
            .toHex());
}

} // namespace confab::files
