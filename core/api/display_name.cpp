#include "display_name.h"

#include "proto/limits.h"

#include <QCoreApplication>

namespace confab::api {

std::optional<QString> displayNameError(const QString& name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        return QCoreApplication::translate("Node",
                                           "The display name is empty: peers would see only your ID.");
    }
    if (static_cast<std::size_t>(trimmed.toUtf8().size()) > proto::kMaxDisplayNameBytes) {
        return QCoreApplication::translate(
                   "Node", "The display name is too long: at most %1 bytes of UTF-8 (accented letters "
                           "take two, emoji four).")
            .arg(proto::kMaxDisplayNameBytes);
    }
    return std::nullopt;
}

} // namespace confab::api
