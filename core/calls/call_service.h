#pragma once

#include "audio/audio_device.h"
#include "base/clock.h"
#include "call_media.h"
#include "call_view.h"
#include "media_socket.h"
#include "proto/call_signal.h"
#include "proto/call_state_machine.h"
#include "ringer.h"
#include "session/message_port.h"

#include <QObject>

#include <array>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace confab::calls {

struct CallTimeouts {
    int inviteMs = 5000;        // the peer's device must confirm an invite
    int ringMs = 45000;         // how long an outgoing call rings
    int incomingRingMs = 50000; // an incoming call gives the caller's timeout some slack
    int mediaMs = 15000;        // an active call without media ends
};

struct CallSettings {
    int frameMs = 20;
    int maxBitrate = 32000;
    // Ask for lost audio again and answer such requests, when the other side
    // takes them too (docs/PROTOCOL.md, "Lost audio asked for again").
    bool retransmission = true;
    // Carry the frame before in each datagram while the other side loses
    // audio that retransmission cannot bring back in time (a long round
    // trip), when the other side takes such audio too.
    bool redundancy = true;
    audio::VoiceSettings voice;
    CallTimeouts timeouts;
    // Play a ring tone through the call's audio device while an incoming
    // call rings. Off for headless nodes, whose file device would record the
    // ring into OUT.wav; the desktop app turns it on.
    bool ringOnIncoming = false;
};

// Voice calls with connected peers: signalling over their links, media over
// the node's UDP socket, audio through the node's device. One call at a time
// for now: an invite while another call is ringing or active is answered
// Busy. Every change of a call is announced, and while one is ongoing its
// figures are announced five times a second (for level meters and
// durations). Lives on the network thread.
class CallService : public QObject {
    Q_OBJECT
public:
    // How many ended calls `calls()` keeps listing.
    static constexpr std::size_t kRecentEndedCalls = 8;
    // How often an ongoing call's figures are announced.
    static constexpr int kProgressIntervalMs = 200;

    CallService(session::MessagePort& port, MediaSocket& socket, audio::AudioDevice& device, Clock& clock,
                CallSettings settings, QObject* parent = nullptr);
    ~CallService() override;

    // Each returns the peer of the call acted on, or a sentence for the user.
    // PEER may be left out when exactly one call fits.
    using Outcome = Result<PeerId, QString>;
    Outcome call(const PeerId& peer);
    Outcome answer(const std::optional<PeerId>& peer);
    Outcome decline(const std::optional<PeerId>& peer);
    Outcome hangUp(const std::optional<PeerId>& peer);
    Outcome setMuted(const std::optional<PeerId>& peer, bool muted);
    // Push-to-talk: false sends silence until set again.
    Outcome setTransmitting(const std::optional<PeerId>& peer, bool transmitting);

    // Ongoing calls, then recently ended ones (newest first).
    [[nodiscard]] std::vector<CallView> calls() const;
    [[nodiscard]] const CallSettings& settings() const { return m_settings; }

    // Ends every call (the node is shutting down).
    void shutdown();

signals:
    // A call started, changed phase, or ended.
    void callChanged(const confab::calls::CallView& call);

private:
    struct Call;

    void onSignals(const PeerId& from, const std::vector<Bytes>& bodies);
    void announceProgress();
    void onSignal(const PeerId& from, const proto::CallSignal& signal);
    void onInvite(const PeerId& from, const proto::CallSignal& signal);
    void onPeerDisconnected(const PeerId& peer);
    Call& startCall(const PeerId& peer, proto::CallStateMachine machine);
    // Sends the call's first signal and announces it.
    void begin(Call& call);
    void apply(Call& call, const proto::CallStep& step);
    void arm(Call& call, proto::CallTimer timer);
    void onTimer(const PeerId& peer);
    void startMedia(Call& call);
    void sendSignal(const Call& call, proto::CallSignalKind kind);
    void sendBare(const PeerId& to, proto::CallSignalKind kind, const proto::CallId& id);
    // The call PEER names, or the only call that `fits` when PEER is omitted.
    Result<Call*, QString> find(const std::optional<PeerId>& peer, bool (*fits)(const Call&),
                                const QString& what);
    [[nodiscard]] CallView view(const Call& call) const;
    // The other side's half of the media setup from its Invite or Accept
    // (the codec is negotiated by the caller of this).
    static void adoptRemoteSetup(Call& call, const proto::CallSignal& signal);
    [[nodiscard]] bool usesRetransmission(const Call& call) const;
    [[nodiscard]] bool usesRedundancy(const Call& call) const;
    [[nodiscard]] bool busy() const;
    static bool isRingingHere(const Call& call);
    static bool isOngoing(const Call& call);
    // Rings while a call rings here; releases the device before media starts.
    void updateRinger();
    void startRinging();
    [[nodiscard]] bool ringingHere() const;

    session::MessagePort& m_links;
    MediaSocket& m_socket;
    audio::AudioDevice& m_device;
    Clock& m_clock;
    CallSettings m_settings;
    std::map<PeerId, std::unique_ptr<Call>> m_calls;
    std::deque<CallView> m_ended;
    std::vector<std::unique_ptr<Call>> m_finished; // ended, destroyed on the next event-loop turn
    std::unique_ptr<Timer> m_disposeTimer;         // destroys m_finished
    std::unique_ptr<Ringer> m_ringer;              // only with CallSettings::ringOnIncoming
    std::unique_ptr<Timer> m_ringStartTimer;       // starts the ring after the current event
    bool m_ringRequested = false;                  // a start is scheduled or was tried for this ringing
    std::unique_ptr<Timer> m_progressTimer;
};

} // namespace confab::calls
