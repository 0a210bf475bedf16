#include "audio/portaudio_device.h"
#include "node_parts.h"

#include <QCoreApplication>

// Node: voice calls and the sound cards.
namespace confab::api {
namespace {

// A function, not a constant: the text is translated when it is needed.
QString noCalls()
{
    return QCoreApplication::translate("Node", "Calls are unavailable on this node.");
}

} // namespace

Node::CallOutcome Node::call(const PeerId& peer)
{
    if (m_parts->open->links.isBlocked(peer)) {
        return m_parts->blockedError(peer, QCoreApplication::translate("Node", "they cannot be called"));
    }
    calls::CallService* service = m_parts->open->calls.get();
    return service != nullptr ? service->call(peer) : CallOutcome(noCalls());
}

Node::CallOutcome Node::answerCall(const std::optional<PeerId>& peer)
{
    calls::CallService* service = m_parts->open->calls.get();
    return service != nullptr ? service->answer(peer) : CallOutcome(noCalls());
}

Node::CallOutcome Node::declineCall(const std::optional<PeerId>& peer)
{
    calls::CallService* service = m_parts->open->calls.get();
    return service != nullptr ? service->decline(peer) : CallOutcome(noCalls());
}

Node::CallOutcome Node::hangUpCall(const std::optional<PeerId>& peer)
{
    calls::CallService* service = m_parts->open->calls.get();
    return service != nullptr ? service->hangUp(peer) : CallOutcome(noCalls());
}

Node::CallOutcome Node::setCallMuted(const std::optional<PeerId>& peer, bool muted)
{
    calls::CallService* service = m_parts->open->calls.get();
    return service != nullptr ? service->setMuted(peer, muted) : CallOutcome(noCalls());
}

Node::CallOutcome Node::setCallTransmitting(const std::optional<PeerId>& peer, bool transmitting)
{
    calls::CallService* service = m_parts->open->calls.get();
    return service != nullptr ? service->setTransmitting(peer, transmitting) : CallOutcome(noCalls());
}

Result<int, QString> Node::callRoom(const QString& room)
{
    calls::CallService* service = m_parts->open->calls.get();
    if (service == nullptr) {
        return noCalls();
    }
    const auto id = m_parts->resolveRoom(room);
    if (!id) {
        return id.error();
    }
    return service->callRoom(id.value());
}

Node::CallOutcome Node::setCallPeerSilenced(const PeerId& peer, bool silenced)
{
    calls::CallService* service = m_parts->open->calls.get();
    return service != nullptr ? service->setPeerSilenced(peer, silenced) : CallOutcome(noCalls());
}

std::vector<CallView> Node::calls() const
{
    const calls::CallService* service = m_parts->open ? m_parts->open->calls.get() : nullptr;
    std::vector<CallView> views;
    if (service != nullptr) {
        for (const calls::CallView& call : service->calls()) {
            views.push_back(toApi(call));
        }
    }
    return views;
}

AudioDeviceList Node::audioDevices()
{
    AudioDeviceList list;
    auto devices = audio::listAudioDevices();
    if (devices) {
        for (const audio::AudioDeviceInfo& device : devices.value()) {
            list.devices.push_back(toApi(device));
        }
    } else {
        list.error = QString::fromStdString(devices.error());
    }
    return list;
}

void Node::startMicrophoneTest(const QString& inputDevice, int durationMs)
{
    NodeParts& p = *m_parts;
    if (!p.microphoneTest) {
        p.microphoneTest = std::make_unique<calls::MicrophoneTest>(
            [](const QString& device) {
                // Input only matters; the output plays silence.
                return std::make_unique<audio::PortAudioDevice>(device.toStdString(), std::string());
            },
            p.environment.clock);
        QObject::connect(p.microphoneTest.get(), &calls::MicrophoneTest::level, &p.events,
                         &NodeEvents::microphoneLevel);
        QObject::connect(p.microphoneTest.get(), &calls::MicrophoneTest::finished, &p.events,
                         &NodeEvents::microphoneTestFinished);
    }
    if (p.inCall()) {
        emit p.events.microphoneTestFinished(
            false, QCoreApplication::translate(
                       "Node", "A call is using the sound card: its level meter shows your microphone."));
        return;
    }
    p.microphoneTest->start(inputDevice, durationMs);
}

void Node::stopMicrophoneTest()
{
    if (m_parts->microphoneTest) {
        m_parts->microphoneTest->finishNow();
    }
}

} // namespace confab::api
