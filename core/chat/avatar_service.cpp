#include "avatar_service.h"

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcChat)

namespace confab::chat {

AvatarService::AvatarService(session::MessagePort& port, storage::AvatarStore& store, Clock& clock,
                             QObject* parent)
    : QObject(parent), m_port(port), m_store(store), m_clock(clock)
{
    if (auto stored = m_store.all()) {
        m_pictures = std::move(*stored);
    }
    connect(&m_port, &session::MessagePort::peerConnected, this, &AvatarService::onPeerConnected);
    connect(&m_port, &session::MessagePort::peerDisconnected, this,
            [this](const PeerId& peer, const QString&) { m_windows.erase(peer); });
    m_port.setHandler(
        proto::LinkMessageType::Avatar,
        [this](const PeerId& from, const std::vector<Bytes>& bodies) { onPicture(from, bodies); });
}

bool AvatarService::takesPictures(const PeerId& peer) const
{
    const auto info = m_port.linkInfo(peer);
    return info && proto::hasCapability(info->hello.capabilities, proto::Capability::Avatars);
}

bool AvatarService::setOwn(const QByteArray& image)
{
    const PeerId& self = m_port.self();
    if (image == of(self)) {
        return true;
    }
    if (!m_store.set(self, image, m_clock.wallMs())) {
        return false;
    }
    m_pictures[self] = image;
    for (const PeerId& peer : m_port.connectedPeers()) {
        onPeerConnected(peer);
    }
    return true;
}

QByteArray AvatarService::of(const PeerId& peer) const
{
    const auto it = m_pictures.find(peer);
    return it == m_pictures.end() ? QByteArray() : it->second;
}

void AvatarService::forget(const PeerId& peer)
{
    if (m_pictures.erase(peer) > 0) {
        emit changed(peer);
    }
}

void AvatarService::onPeerConnected(const PeerId& peer)
{
    if (takesPictures(peer)) {
        const QByteArray mine = own();
        m_port.send(peer, proto::LinkMessageType::Avatar,
                    ByteView(reinterpret_cast<const std::uint8_t*>(mine.constData()),
                             static_cast<std::size_t>(mine.size())));
    }
}

bool AvatarService::admit(const PeerId& peer)
{
    FloodWindow& window = m_windows[peer];
    const std::int64_t now = m_clock.monotonicMs();
    if (window.pictures == 0 || now - window.startMs >= kFloodWindowMs) {
        window = {now, 0};
    }
    if (++window.pictures <= kMaxPicturesPerWindow) {
        return true;
    }
    m_port.dropPeer(peer, QStringLiteral("more than %1 pictures in %2 s")
                              .arg(kMaxPicturesPerWindow)
                              .arg(kFloodWindowMs / 1000));
    return false;
}

void AvatarService::onPicture(const PeerId& from, const std::vector<Bytes>& bodies)
{
    if (!takesPictures(from)) {
        m_port.dropPeer(from, QStringLiteral("a picture from a peer that did not announce pictures"));
        return;
    }
    for (std::size_t i = 0; i < bodies.size(); ++i) {
        if (!admit(from)) {
            return;
        }
    }
    // Only the last of one read's pictures counts; the link checked its kind and size.
    const Bytes& newest = bodies.back();
    const QByteArray image(reinterpret_cast<const char*>(newest.data()),
                           static_cast<qsizetype>(newest.size()));
    if (image == of(from)) {
        return;
    }
    if (!m_store.set(from, image, m_clock.wallMs())) {
        qCWarning(lcChat) << "could not store a peer's picture";
        return;
    }
    if (image.isEmpty()) {
        m_pictures.erase(from);
    } else {
        m_pictures[from] = image;
    }
    emit changed(from);
}

} // namespace confab::chat
