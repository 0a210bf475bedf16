#include "audio_hub.h"

#include <algorithm>
#include <cmath>
#include <thread>

namespace confab::audio {

// The real-time thread only touches these: a lock hidden inside one would
// make the callback wait on the control path.
static_assert(std::atomic<float>::is_always_lock_free);
static_assert(std::atomic<std::uint64_t>::is_always_lock_free);
static_assert(std::atomic<AudioHubPort*>::is_always_lock_free);

namespace {

constexpr float kFullScale = 32768.0F;

Sample toSample(float mixed)
{
    return static_cast<Sample>(std::lrint(std::clamp(mixed, -32768.0F, 32767.0F)));
}

} // namespace

AudioHubPort::AudioHubPort(AudioHub& hub, std::uint64_t serial) : m_hub(hub), m_serial(serial)
{
}

AudioHubPort::~AudioHubPort()
{
    stop();
}

std::optional<std::string> AudioHubPort::start(AudioCallback& callback)
{
    return m_hub.attach(*this, callback);
}

void AudioHubPort::stop()
{
    m_hub.detach(*this);
}

bool AudioHubPort::failed() const
{
    return m_hub.m_card.failed();
}

std::string AudioHubPort::description() const
{
    return m_hub.m_card.description();
}

bool AudioHubPort::capturing() const
{
    return m_hub.m_card.capturing();
}

bool AudioHubPort::playing() const
{
    return m_hub.m_card.playing();
}

std::string AudioHubPort::warning() const
{
    return m_hub.m_card.warning();
}

std::optional<std::int64_t> AudioHubPort::streamOriginNs() const
{
    return m_hub.m_card.streamOriginNs();
}

std::optional<std::int64_t> AudioHubPort::outputStreamOffsetFrames() const
{
    return m_hub.m_card.outputStreamOffsetFrames();
}

std::uint64_t AudioHubPort::glitches() const
{
    return m_hub.m_card.glitches();
}

void AudioHubPort::setGain(float gain)
{
    // NaN fails the comparison and becomes 0: a broken setting mutes rather
    // than filling the mix with noise.
    m_gain.store(gain > 0.0F ? std::min(gain, kMaxGain) : 0.0F, std::memory_order_relaxed);
}

float AudioHubPort::gain() const
{
    return m_gain.load(std::memory_order_relaxed);
}

float AudioHubPort::playbackLevel() const
{
    return std::min(1.0F, sourceLevel() * gain());
}

float AudioHubPort::sourceLevel() const
{
    return m_level.load(std::memory_order_relaxed);
}

void AudioHubPort::setInMix(bool inMix)
{
    m_inMix.store(inMix, std::memory_order_relaxed);
}

void AudioHubPort::setLeftOut(std::span<const std::uint64_t> serials)
{
    for (std::size_t i = 0; i < m_leftOut.size(); ++i) {
        m_leftOut[i].store(i < serials.size() ? serials[i] : 0, std::memory_order_relaxed);
    }
}

bool AudioHubPort::leavesOut(std::uint64_t serial) const noexcept
{
    return std::any_of(m_leftOut.begin(), m_leftOut.end(), [serial](const std::atomic<std::uint64_t>& entry) {
        return entry.load(std::memory_order_relaxed) == serial;
    });
}

std::size_t AudioHubPort::readPlayed(Sample* out, std::size_t frames)
{
    return m_played.read(out, frames);
}

void AudioHubPort::render(const Sample* input, std::size_t frames, float* mix) noexcept
{
    m_callback->process(input, m_scratch.data(), frames);
    const float gain = m_gain.load(std::memory_order_relaxed);
    float peak = 0.0F;
    for (std::size_t i = 0; i < frames; ++i) {
        const auto sample = static_cast<float>(m_scratch[i]);
        mix[i] += sample * gain;
        peak = std::max(peak, std::abs(sample));
    }
    m_blockPeaks[m_nextPeak] = peak;
    m_nextPeak = (m_nextPeak + 1) % kLevelBlocks;
    const float windowPeak = *std::max_element(m_blockPeaks.begin(), m_blockPeaks.end());
    m_level.store(std::min(1.0F, windowPeak / kFullScale), std::memory_order_relaxed);
}

void AudioHubPort::played(const Sample* block, std::size_t frames) noexcept
{
    // A whole block or nothing: a partial one would shift everything after
    // it against the capture it is meant to line up with.
    if (m_played.writeAvailable() >= frames) {
        m_played.write(block, frames);
    }
}

void AudioHubPort::forward(std::span<AudioHubPort* const> live, std::size_t frames) noexcept
{
    // Everyone but this port's own member, before the gains: this machine's
    // user silencing a member does not silence them for the others.
    std::fill_n(m_forwardSum.begin(), frames, 0.0F);
    for (const AudioHubPort* other : live) {
        if (other == this || !other->m_inMix.load(std::memory_order_relaxed) || leavesOut(other->m_serial)) {
            continue;
        }
        for (std::size_t i = 0; i < frames; ++i) {
            m_forwardSum[i] += static_cast<float>(other->m_scratch[i]);
        }
    }
    std::transform(m_forwardSum.begin(), m_forwardSum.begin() + static_cast<std::ptrdiff_t>(frames),
                   m_forwardBlock.begin(), toSample);
    if (m_forwarded.writeAvailable() >= frames) {
        m_forwarded.write(m_forwardBlock.data(), frames);
    }
}

std::size_t AudioHubPort::readForwarded(Sample* out, std::size_t frames)
{
    return m_forwarded.read(out, frames);
}

void AudioHub::CardCallback::process(const Sample* input, Sample* output, std::size_t frames) noexcept
{
    m_hub.process(input, output, frames);
}

AudioHub::AudioHub(AudioDevice& card) : m_card(card)
{
}

AudioHub::~AudioHub()
{
    // Only reached with ports still started when their owner broke the
    // lifetime rule; at least the card must not call into a destroyed hub.
    if (m_attached > 0) {
        m_card.stop();
    }
}

std::unique_ptr<AudioHubPort> AudioHub::openPort()
{
    // The constructor is private (a port only makes sense with its hub), so
    // std::make_unique cannot reach it.
    const std::lock_guard lock(m_control);
    return std::unique_ptr<AudioHubPort>(new AudioHubPort(*this, ++m_lastSerial));
}

void AudioHub::setForwarding(bool forwarding)
{
    m_forwarding.store(forwarding, std::memory_order_relaxed);
}

bool AudioHub::forwarding() const
{
    return m_forwarding.load(std::memory_order_relaxed);
}

std::optional<std::string> AudioHub::attach(AudioHubPort& port, AudioCallback& callback)
{
    const std::lock_guard lock(m_control);
    if (port.m_slot) {
        return std::string("This audio port is already started.");
    }
    const auto free =
        std::find_if(m_slots.begin(), m_slots.end(), [](const std::atomic<AudioHubPort*>& slot) {
            return slot.load(std::memory_order_relaxed) == nullptr;
        });
    if (free == m_slots.end()) {
        return "The sound card already plays " + std::to_string(kMaxPorts) +
               " voices, as many as it can mix at once.";
    }
    const auto slot = static_cast<std::size_t>(free - m_slots.begin());

    // Fresh state for the real-time thread. No callback sees this port yet,
    // and nothing produces into its ring; the store below publishes it all.
    port.m_callback = &callback;
    port.m_blockPeaks.fill(0.0F);
    port.m_nextPeak = 0;
    port.m_level.store(0.0F, std::memory_order_relaxed);
    port.m_played.discard(port.m_played.readAvailable());
    port.m_forwarded.discard(port.m_forwarded.readAvailable());
    port.m_slot = slot;
    m_slots[slot].store(&port);

    if (++m_attached == 1) {
        if (auto error = m_card.start(m_cardCallback)) {
            unpublish(slot);
            port.m_slot.reset();
            port.m_callback = nullptr;
            --m_attached;
            return error;
        }
    }
    return std::nullopt;
}

void AudioHub::detach(AudioHubPort& port)
{
    const std::lock_guard lock(m_control);
    if (!port.m_slot) {
        return;
    }
    unpublish(*port.m_slot);
    port.m_slot.reset();
    port.m_callback = nullptr;
    port.m_level.store(0.0F, std::memory_order_relaxed);
    if (--m_attached == 0) {
        m_card.stop();
    }
}

void AudioHub::unpublish(std::size_t slot)
{
    // This pair (empty the slot, then read the sequence) and the callback's
    // (bump the sequence, then load the slots) are sequentially consistent,
    // so they cannot both miss each other: either the callback finds the
    // slot empty, or it entered before this read and the wait below lasts
    // until it leaves. Any change of an odd value is that exit (or later),
    // and a callback that enters afterwards finds the slot empty. The wait
    // is one callback's run at most: microseconds.
    m_slots[slot].store(nullptr);
    const std::uint64_t seen = m_callbackSeq.load();
    if (seen % 2 == 1) {
        while (m_callbackSeq.load() == seen) {
            std::this_thread::yield();
        }
    }
}

void AudioHub::process(const Sample* input, Sample* output, std::size_t frames) noexcept
{
    m_callbackSeq.fetch_add(1);
    // Every device here calls back with kBlockFrames; should one hand over
    // more, it is served in blocks rather than overrunning the scratch buffers.
    for (std::size_t done = 0; done < frames;) {
        const std::size_t n = std::min(frames - done, kBlockFrames);
        mixBlock(input != nullptr ? input + done : nullptr, output != nullptr ? output + done : nullptr, n);
        done += n;
    }
    m_callbackSeq.fetch_add(1);
}

void AudioHub::mixBlock(const Sample* input, Sample* output, std::size_t frames) noexcept
{
    // Exactly the ports mixed into this block are told what it played, even
    // if a slot changes meanwhile (a port stopping now waits for this call).
    std::array<AudioHubPort*, kMaxPorts> live{};
    std::size_t liveCount = 0;
    std::fill_n(m_mix.begin(), frames, 0.0F);
    for (std::atomic<AudioHubPort*>& slot : m_slots) {
        AudioHubPort* port = slot.load();
        if (port != nullptr) {
            port->render(input, frames, m_mix.data());
            live[liveCount++] = port;
        }
    }
    if (m_forwarding.load(std::memory_order_relaxed)) {
        const std::span<AudioHubPort* const> mixed(live.data(), liveCount);
        for (AudioHubPort* port : mixed) {
            if (port->m_inMix.load(std::memory_order_relaxed)) {
                port->forward(mixed, frames);
            }
        }
    }
    // Without an output the card plays nothing, and silence is what the
    // echo cancellers must be told went out.
    const Sample* played = m_silence.data();
    if (output != nullptr) {
        std::transform(m_mix.begin(), m_mix.begin() + static_cast<std::ptrdiff_t>(frames), output, toSample);
        played = output;
    }
    for (std::size_t i = 0; i < liveCount; ++i) {
        live[i]->played(played, frames);
    }
}

} // namespace confab::audio
