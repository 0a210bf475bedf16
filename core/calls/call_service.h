#pragma once

#include "audio/audio_device.h"
#include "audio/audio_hub.h"
#include "base/clock.h"
#include "call_media.h"
#include "call_view.h"
#include "media_socket.h"
#include "proto/call_signal.h"
#include "proto/call_state_machine.h"
#include "proto/room_change.h"
#include "ringer.h"
#include "room_mix.h"
#include "session/message_port.h"

#include <QObject>

#include <array>
#include <deque>
#include <functional>
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
    // Opus frame length of the calls this node starts: 10 or 20, or 5: the
    // low-delay mode, offered beside 10 ms for peers that do not take it.
    // Below 20, this side of the call runs without noise suppression
    // (voiceForCall, docs/CONTROL.md).
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

// The frame length the "Low latency" setting stands for: the low-delay mode
// or the default.
[[nodiscard]] int frameMsForLowLatency(bool lowLatency);

// The voice settings one call runs with: the frame length and bit rate the
// two sides agreed, and no noise suppression when this node started the
// call with frames shorter than the default (5 or 10 ms: it asked for a
// short delay, and the suppressor holds the microphone back 6 ms). The
// answering side of such a call keeps it: the short frames were not its choice.
[[nodiscard]] audio::VoiceSettings voiceForCall(audio::VoiceSettings voice, const proto::CallCodec& codec,
                                                bool startedHere);

// Voice calls with connected peers: signalling over their links, media over
// the node's UDP socket, audio through the node's device. One call at a time,
// except a room's call: a full mesh of pairwise calls, one with each other
// member in it, that share the device through an AudioHub (each call plays
// into the mix and hears the microphone). Above kMeshMembers (4) members one of
// them mixes: its calls pass on everyone else's audio, and the others send
// their microphone to it alone (see arrangeRoomMedia). An invite while another call is
// ringing or active is answered Busy. Every change of a call is announced,
// and while one is ongoing its figures are announced five times a second
// (for level meters and durations). Lives on the network thread.
class CallService : public QObject {
    Q_OBJECT
public:
    // How many ended calls `calls()` keeps listing.
    static constexpr std::size_t kRecentEndedCalls = 8;
    // How often an ongoing call's figures are announced.
    static constexpr int kProgressIntervalMs = 200;
    // The most calls one room call has here: a mesh of 8 members.
    static constexpr std::size_t kMaxRoomCallPeers = 7;
    // How many declined or left room calls stay declined.
    static constexpr std::size_t kRememberedLeftRoomCalls = 16;

    // The other members of a room this node is in, or nothing when it is not
    // in that room. Room calls ask it whom to invite and whose invites to take.
    using RoomMembers = std::function<std::optional<std::vector<PeerId>>(const proto::RoomId&)>;

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

    void setRoomMembers(RoomMembers members);
    // Starts ROOM's call, or joins (or rejoins) the one running there:
    // invites every other member online. Returns how many were invited, or a
    // sentence for the user. A room call is answered, declined and hung up
    // like any call: acting on one of its calls acts on all of them, and
    // mute acts on the microphone of all of them.
    Result<int, QString> callRoom(const proto::RoomId& room);
    // This machine's user stops or starts hearing PEER in a room call (the
    // others still hear them).
    Outcome setPeerSilenced(const PeerId& peer, bool silenced);
    // Ongoing calls, then recently ended ones (newest first).
    [[nodiscard]] std::vector<CallView> calls() const;
    [[nodiscard]] const CallSettings& settings() const { return m_settings; }
    // For the calls started from now on (CallSettings::frameMs).
    void setFrameMs(int frameMs) { m_settings.frameMs = frameMs; }
    void setEchoCancellation(bool on) { m_settings.voice.echoCancellation = on; }
    // Do not disturb: incoming calls still ring (they show and can be
    // answered) but play no ring tone. Takes effect at once.
    void setQuiet(bool quiet);

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
    void onPeerConnected(const PeerId& peer);
    // An invite with a Group field; the sender has no other call with us.
    void onRoomInvite(const PeerId& from, const proto::CallSignal& signal);
    Call& startCall(const PeerId& peer, proto::CallStateMachine machine);
    Call& startOutgoing(const PeerId& peer, const std::optional<proto::CallGroup>& group);
    Call& startIncoming(const PeerId& from, const proto::CallSignal& signal);
    // A new link of a room call starts with its microphone muted or
    // transmitting as the call's other links are.
    void takeMicrophoneOfRoomCall(Call& call) const;
    // Why PEER cannot be called now, if it cannot.
    [[nodiscard]] std::optional<QString> unreachable(const PeerId& peer) const;
    // Joins the room's call: answers every ringing call of it, then invites
    // (with INVITATION's id) the members not in it yet. Returns how many
    // calls the room call has here afterwards.
    int joinRoomCall(const proto::CallGroup& invitation);
    // Declines or hangs up every call of ROOM's call; the invitations they
    // came with are declined from now on.
    void leaveRoomCall(const proto::RoomId& room);
    // Invites the joined room's members online who are not in its call here.
    void inviteRoomMembers();
    void rememberLeft(const proto::CallId& groupCall);
    // The calls of ROOM's call.
    [[nodiscard]] std::vector<Call*> callsOf(const proto::RoomId& room) const;
    // CALL and, when it is part of a room call, the other calls of it.
    [[nodiscard]] std::vector<Call*> linksOf(Call& call) const;
    // An ongoing call that is not part of ROOM's call.
    [[nodiscard]] bool busyOutside(const proto::RoomId& room) const;
    // Sends the call's first signal and announces it.
    void begin(Call& call);
    void apply(Call& call, const proto::CallStep& step);
    void arm(Call& call, proto::CallTimer timer);
    void onTimer(const PeerId& peer);
    void startMedia(Call& call);
    // Chooses who mixes ROOM's call (when it has more than kMeshMembers
    // members with media here) and routes this node's audio accordingly:
    // what it sends where, what the hub forwards, whom the mixer is asked to
    // leave out, and whom it leaves out for each member when it mixes.
    void arrangeRoomMedia(const proto::RoomId& room);
    // The member who mixes ROOM's call, when one does.
    [[nodiscard]] std::optional<PeerId> mixerOf(const proto::RoomId& room) const;
    // The mixer tells each member how loud everyone else sounds.
    void sendLevels(const proto::RoomId& room);
    // How loud the peer of CALL sounds: as played here, or as its room
    // call's mixer reports when that carries the peer.
    [[nodiscard]] double playbackLevelOf(const Call& call) const;
    // What the call's microphone does: the user's mute and push-to-talk,
    // and whether a mixer carries it.
    static void applyMicrophone(Call& call);
    void sendSignal(const Call& call, proto::CallSignalKind kind);
    void sendBare(const PeerId& to, proto::CallSignalKind kind, const proto::CallId& id);
    // The call PEER names, or the only call that `fits` when PEER is omitted
    // (the calls of one room call count as one).
    Result<Call*, QString> find(const std::optional<PeerId>& peer, bool (*fits)(const Call&),
                                const QString& what);
    [[nodiscard]] CallView view(const Call& call) const;
    // The other side's half of the media setup from its Invite or Accept
    // (the codec is negotiated by the caller of this).
    static void adoptRemoteSetup(Call& call, const proto::CallSignal& signal);
    // Whether an Accept's frame length is one our Invite offered.
    [[nodiscard]] static bool offered(const Call& call, int frameMs);
    [[nodiscard]] bool usesRetransmission(const Call& call) const;
    [[nodiscard]] bool usesRedundancy(const Call& call) const;
    [[nodiscard]] bool busy() const;
    // Ringing for the user: incoming, and not part of the room call we are in
    // (those are answered at once).
    [[nodiscard]] bool ringsForUser(const Call& call) const;
    static bool isRingingHere(const Call& call);
    static bool isOngoing(const Call& call);
    // Rings while a call rings here; releases the device before media starts.
    void updateRinger();
    void startRinging();
    [[nodiscard]] bool ringingHere() const;

    session::MessagePort& m_links;
    MediaSocket& m_socket;
    audio::AudioDevice& m_device;
    audio::AudioHub m_hub; // every call's audio goes through a port of it
    Clock& m_clock;
    CallSettings m_settings;
    std::map<PeerId, std::unique_ptr<Call>> m_calls;
    std::deque<CallView> m_ended;
    std::vector<std::unique_ptr<Call>> m_finished; // ended, destroyed on the next event-loop turn
    std::unique_ptr<Timer> m_disposeTimer;         // destroys m_finished
    std::unique_ptr<Ringer> m_ringer;              // only with CallSettings::ringOnIncoming
    std::unique_ptr<Timer> m_ringStartTimer;       // starts the ring after the current event
    bool m_ringRequested = false;                  // a start is scheduled or was tried for this ringing
    bool m_quiet = false;                          // setQuiet(): no ring tone
    std::unique_ptr<Timer> m_progressTimer;
    RoomMembers m_roomMembers;
    // The room whose call we are in, and the invitation we joined with
    // (whose id our own invites carry).
    std::optional<proto::CallGroup> m_joined;
    std::deque<proto::CallId> m_leftRoomCalls; // invitations declined or left: declined again
};

} // namespace confab::calls
