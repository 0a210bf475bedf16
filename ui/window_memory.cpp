#include "window_memory.h"

namespace confab::ui {
namespace {

constexpr auto kGeometry = QLatin1String("window/geometry");
constexpr auto kSplitter = QLatin1String("window/splitter");
constexpr auto kLastPeer = QLatin1String("conversation/peer");

} // namespace

WindowMemory::WindowMemory(const QString& path) : m_settings(path, QSettings::IniFormat)
{
}

QByteArray WindowMemory::geometry() const
{
    return m_settings.value(kGeometry).toByteArray();
}

QByteArray WindowMemory::splitter() const
{
    return m_settings.value(kSplitter).toByteArray();
}

std::optional<PeerId> WindowMemory::lastPeer() const
{
    return PeerId::fromText(m_settings.value(kLastPeer).toString().toStdString());
}

void WindowMemory::setLayout(const QByteArray& geometry, const QByteArray& splitter)
{
    m_settings.setValue(kGeometry, geometry);
    m_settings.setValue(kSplitter, splitter);
    m_settings.sync();
}

void WindowMemory::setLastPeer(const PeerId& peer)
{
    m_settings.setValue(kLastPeer, QString::fromStdString(peer.toText()));
    m_settings.sync();
}

} // namespace confab::ui
