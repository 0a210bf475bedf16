#include "avatar_store.h"

#include "database.h"

#include <QVariant>

namespace confab::storage {
namespace {

QString idText(const PeerId& id)
{
    return QString::fromStdString(id.toText());
}

} // namespace

bool AvatarStore::set(const PeerId& peer, const QByteArray& image, std::int64_t nowMs)
{
    if (image.isEmpty()) {
        QSqlQuery query = m_db.prepare(QStringLiteral("DELETE FROM avatars WHERE peer_id = ?"));
        query.addBindValue(idText(peer));
        return m_db.exec(query);
    }
    QSqlQuery query = m_db.prepare(QStringLiteral(
        "INSERT INTO avatars (peer_id, image, changed_ms) VALUES (?, ?, ?) "
        "ON CONFLICT(peer_id) DO UPDATE SET image = excluded.image, changed_ms = excluded.changed_ms"));
    query.addBindValue(idText(peer));
    query.addBindValue(image);
    query.addBindValue(static_cast<qlonglong>(nowMs));
    return m_db.exec(query);
}

std::optional<std::map<PeerId, QByteArray>> AvatarStore::all()
{
    QSqlQuery query = m_db.prepare(QStringLiteral("SELECT peer_id, image FROM avatars"));
    if (!m_db.exec(query)) {
        return std::nullopt;
    }
    std::map<PeerId, QByteArray> pictures;
    while (query.next()) {
        if (const auto peer = PeerId::fromText(query.value(0).toString().toStdString())) {
            pictures[*peer] = query.value(1).toByteArray();
        }
    }
    return pictures;
}

} // namespace confab::storage
