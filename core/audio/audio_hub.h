#pragma once

#include "audio_device.h"
#include "audio_format.h"
#include "spsc_ring.h"

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>

namespace confab::audio {

// Shares one full-duplex sound card among several voice engines at once. In
// a group call this machine runs one VoiceEngine per other member, but a
// sound card can be opened only once: each engine gets an AudioHubPort and
// uses it exactly as it would use the card. Every port hears the same
// microphone (capture is fanned out), and what the ports play is summed into
// the one speaker (playback is mixed, each port with its own gain).
//
// An echo canceller needs what actually came out of the speaker, which is
// the whole mix, not just its own engine's stream: each port therefore also
// gets a copy of every mixed block through readPlayed().
//
// When this machine mixes a room call for the others (setForwarding(true)),
// each port also hears, besides the microphone, what every other port
// played: it passes that on so its member hears everyone through one stream
// ("mix-minus": never its own voice back). It comes through readForwarded()
// in step with the microphone. A port out of the mix (setInMix(false): a
// member who talks with everyone directly) neither gets nor adds to it, and
// each port can leave chosen others out (setLeftOut: members its member
// silenced for themselves).
//
// Threading contract:
//  - The card's real-time thread runs the hub's callback, which runs every
//    started port's callback in turn and mixes their output. It never locks,
//    allocates, logs or blocks.
//  - openPort() and the ports' start() and stop() may be called from any
//    non-real-time thread: a voice engine starts its device on the network
//    thread and may stop it on its worker when the device fails, and several
//    engines may do that at once. A mutex the real-time thread never takes
//    puts them in order. stop() returns only once the port's callback can no
//    longer run.
//  - setGain() and playbackLevel() are safe from any thread.
//  - readPlayed() belongs to one consumer thread per port (that port's engine
//    worker) and must not run while the same port's start() does.
//
// Lifetimes: the card must outlive the hub, and the hub every port it opened.

class AudioHub;

// AudioHub::kMaxPorts, which a port needs before the hub is declared.
inline constexpr std::size_t kAudioHubMaxPorts = 16;

// One voice engine's share of the hub's sound card. Opened with
// AudioHub::openPort(); destroying a started port stops it.
class AudioHubPort final : public AudioDevice {
public:
    ~AudioHubPort() override;
    AudioHubPort(const AudioHubPort&) = delete;
    AudioHubPort& operator=(const AudioHubPort&) = delete;

    // Attaches `callback` to the card, starting the card for the first port.
    // Returns the card's error when it cannot be opened, or an error when
    // the hub already has AudioHub::kMaxPorts ports started or this port is
    // already started. On error nothing stays attached.
    std::optional<std::string> start(AudioCallback& callback) override;
    // Detaches; returns only once the callback can no longer run. The card
    // stops with the last port. A no-op when the port is not started.
    void stop() override;

    // The card's, since all ports play through it.
    [[nodiscard]] bool failed() const override;
    [[nodiscard]] std::string description() const override;
    [[nodiscard]] bool capturing() const override;
    [[nodiscard]] bool playing() const override;
    [[nodiscard]] std::string warning() const override;
    [[nodiscard]] std::optional<std::int64_t> streamOriginNs() const override;
    [[nodiscard]] std::optional<std::int64_t> outputStreamOffsetFrames() const override;
    [[nodiscard]] std::uint64_t glitches() const override;

    // Scales this port's playback before it is mixed: 1 plays it as it is, 0
    // silences it (the user muted this member for themselves only). Clamped
    // to 0..kMaxGain.
    static constexpr float kMaxGain = 8.0F;
    void setGain(float gain);
    [[nodiscard]] float gain() const;
    // Peak |sample| / 32768 of this port's playback after the gain over the
    // last kLevelBlocks blocks (about 100 ms), 0..1: an active-speaker
    // indicator. 0 while the port is not started.
    static constexpr std::size_t kLevelBlocks = 10;
    [[nodiscard]] float playbackLevel() const;
    // The same before the gain: how loud the member is for everyone else.
    [[nodiscard]] float sourceLevel() const;

    // While the hub forwards (see AudioHub): whether this port takes part
    // in the mix (true at first), and the ports, by serial(), whose playback
    // it leaves out of what it forwards (at most kMaxPorts; any thread).
    void setInMix(bool inMix);
    void setLeftOut(std::span<const std::uint64_t> serials);
    // Unique among the ports of one hub, never 0.
    [[nodiscard]] std::uint64_t serial() const { return m_serial; }

    // Other calls play through the same speaker: readPlayed() takes up to
    // `frames` of the oldest samples that went to it (the whole mix, or
    // silence when the card plays nothing), one block per card callback since
    // start(); returns how many. Never blocks. Blocks the reader falls more
    // than kPlayedFrames behind on are dropped whole.
    static constexpr std::size_t kPlayedFrames = 32 * kBlockFrames;
    [[nodiscard]] bool sharesPlayback() const override { return true; }
    std::size_t readPlayed(Sample* out, std::size_t frames) override;
    // While the hub forwards: what the other ports played, one block per
    // card callback, as readPlayed() (same thread, same rules).
    std::size_t readForwarded(Sample* out, std::size_t frames) override;

private:
    friend class AudioHub;
    AudioHubPort(AudioHub& hub, std::uint64_t serial);

    // Real-time thread: runs the engine's callback for one block of at most
    // kBlockFrames frames and adds its playback, after the gain, to `mix`.
    void render(const Sample* input, std::size_t frames, float* mix) noexcept;
    // Real-time thread: queues the block that went to the speaker for readPlayed().
    void played(const Sample* block, std::size_t frames) noexcept;
    // Real-time thread: queues for readForwarded() what the `live` ports in
    // the mix played in this block, but for this one and those left out.
    void forward(std::span<AudioHubPort* const> live, std::size_t frames) noexcept;
    [[nodiscard]] bool leavesOut(std::uint64_t serial) const noexcept;

    AudioHub& m_hub;
    const std::uint64_t m_serial;
    // Guarded by the hub's control mutex.
    std::optional<std::size_t> m_slot;
    // Written before the port is published to the real-time thread, read there.
    AudioCallback* m_callback = nullptr;
    std::atomic<float> m_gain{1.0F};
    std::atomic<float> m_level{0.0F}; // before the gain
    std::atomic<bool> m_inMix{true};
    std::array<std::atomic<std::uint64_t>, kAudioHubMaxPorts> m_leftOut{}; // serials, 0 for none
    // Real-time thread only while the port is attached; reset by start().
    std::array<Sample, kBlockFrames> m_scratch{};
    std::array<float, kLevelBlocks> m_blockPeaks{};
    std::size_t m_nextPeak = 0;
    // Producer: the real-time thread. Consumer: readPlayed(), and start() to clear it.
    SpscRing<Sample> m_played{kPlayedFrames};
    // The same for readForwarded().
    SpscRing<Sample> m_forwarded{kPlayedFrames};
    std::array<float, kBlockFrames> m_forwardSum{}; // real-time thread only
    std::array<Sample, kBlockFrames> m_forwardBlock{};
};

class AudioHub {
public:
    // Ports that can be started at once: one group call's other members.
    static constexpr std::size_t kMaxPorts = kAudioHubMaxPorts;

    // `card` must outlive the hub; the hub starts and stops it.
    explicit AudioHub(AudioDevice& card);
    // Every port must have been destroyed by now.
    ~AudioHub();
    AudioHub(const AudioHub&) = delete;
    AudioHub& operator=(const AudioHub&) = delete;

    // A new, stopped port. Any number may be open; kMaxPorts may be started.
    [[nodiscard]] std::unique_ptr<AudioHubPort> openPort();

    // Whether every port passes on what the others play (this machine mixes
    // its room call). Off at first; takes effect with the next block. Any thread.
    void setForwarding(bool forwarding);
    [[nodiscard]] bool forwarding() const;

private:
    friend class AudioHubPort;

    // What the card calls back; forwards to AudioHub::process.
    class CardCallback final : public AudioCallback {
    public:
        explicit CardCallback(AudioHub& hub) : m_hub(hub) {}
        void process(const Sample* input, Sample* output, std::size_t frames) noexcept override;

    private:
        AudioHub& m_hub;
    };

    std::optional<std::string> attach(AudioHubPort& port, AudioCallback& callback);
    void detach(AudioHubPort& port);
    // Takes the port out of the real-time thread's view and waits until the
    // callback that may still hold it has returned. Control mutex held.
    void unpublish(std::size_t slot);

    // Real-time thread.
    void process(const Sample* input, Sample* output, std::size_t frames) noexcept;
    void mixBlock(const Sample* input, Sample* output, std::size_t frames) noexcept;

    AudioDevice& m_card;
    CardCallback m_cardCallback{*this};
    std::mutex m_control;
    std::size_t m_attached = 0; // guarded by m_control
    // Started ports, read by the real-time thread on every block. Only the
    // control path (under m_control) stores into them.
    std::array<std::atomic<AudioHubPort*>, kMaxPorts> m_slots{};
    // Bumped on entering and on leaving process(), so it is odd while the
    // real-time thread is inside: a stopping port, its slot emptied, waits
    // for the callback it may have caught inside to leave. A flag would not
    // do: a card that calls back without pause could keep it set for ever.
    std::atomic<std::uint64_t> m_callbackSeq{0};
    std::atomic<bool> m_forwarding{false};
    std::uint64_t m_lastSerial = 0; // guarded by m_control
    // Real-time thread only.
    std::array<float, kBlockFrames> m_mix{};
    const std::array<Sample, kBlockFrames> m_silence{};
};

} // namespace confab::audio
