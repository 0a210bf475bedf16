#include "voice_engine.h"

#include "echo_processor.h"
#include "jitter_buffer.h"
#include "level_meter.h"
#include "monotonic_clock.h"
#include "null_audio_device.h"
#include "opus_decoder.h"
#include "opus_encoder.h"
#include "playout_grid.h"
#include "spsc_ring.h"
#include "wake_signal.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <mutex>
#include <optional>
#include <pthread.h>
#include <random>
#include <sched.h>
#include <thread>
#include <vector>

// Data flow, one call:
//
//   device thread (real time)        voice worker                      network thread
//   process(): mic -> m_capture  ->  echo canceller, mute, meter,
//                                    + forwarded (room call mixing),
//                                    Opus encoder -> m_outgoing    ->  popOutgoing()
//              speaker <- m_playback <- Opus decoder <- jitter buffer
//                                    <- m_incoming                 <-  pushIncoming()
//
// The callback only copies PCM between the rings and bumps m_wake. The
// worker wakes on it, and also at the last moment before the next callback
// would run dry: that is when it asks the jitter buffer for the next frame
// and decodes it, so a frame that arrives just before that moment still
// makes it (just-in-time decoding keeps the playback ring at about one block).
//
// "The next callback" is not simply the last one plus 10 ms: sound servers
// call back in bursts of their own quantum. PlayoutGrid (see there) keeps
// the earliest time each callback may come; the callback publishes it after
// every block, and the worker decodes that long before it.

namespace confab::audio {
namespace {

constexpr std::int64_t kNsPerMs = 1'000'000;

constexpr std::int64_t framesToNs(std::uint64_t frames)
{
    return static_cast<std::int64_t>(frames) * kNsPerMs * 1000 / kSampleRate;
}
// The worker wakes at least this often: to notice a dead device, and to
// publish stats when nothing else happens.
constexpr std::int64_t kIdleWakeNs = 20 * kNsPerMs;
// No callback for this long means the device is gone, whatever it says.
constexpr std::int64_t kDeviceSilentNs = 1000 * kNsPerMs;
// Ring sizes, in blocks and frames: far more than the steady state needs
// (about one block of playback, one frame of the rest), so a busy moment
// on the worker loses nothing.
constexpr std::size_t kCaptureBlocks = 16;
constexpr std::size_t kPlaybackBlocks = 8;
constexpr std::size_t kQueueFrames = 64;
// A different frame length from the other side must be seen this many times
// in a row before the jitter buffer is rebuilt for it.
constexpr int kFrameLengthVotes = 3;
// The echo canceller's estimate of the echo path: the playback queued ahead
// plus one output and one input block of device buffering.
constexpr int kDeviceBlocksOfEcho = 2;
// Real-time priority for the worker, below the device callback's.
constexpr int kWorkerFifoPriority = 5;

int validFrameMs(int ms)
{
    return ms == 5 || ms == 10 ? ms : 20;
}

} // namespace

struct VoiceEngine::Impl final : AudioCallback {
    Impl(AudioDevice& device, VoiceSettings settings);

    // Device thread.
    void process(const Sample* input, Sample* output, std::size_t frames) noexcept override;

    // Worker thread.
    void run();
    void processCapture();
    void processBlock(std::span<Sample> block);
    void addForwarded(std::span<Sample> block);
    void encodeAndQueue();
    std::int64_t servePlayback(std::int64_t nowNs);
    void noteSlip();
    void moveIncoming();
    void acceptIncoming(const VoiceFrame& frame);
    void produceFrame(std::int64_t nowNs);
    void writePlayback(std::span<const Sample> pcm);
    void checkDevice(std::int64_t nowNs);
    void publishStats();
    void notifyOutgoing();

    AudioDevice& m_device;
    NullAudioDevice m_fallback;
    AudioDevice* m_active = nullptr;
    bool m_onFallback = false;
    const VoiceSettings m_settings;
    const std::size_t m_frameSamples;

    SpscRing<Sample> m_capture{kCaptureBlocks * kBlockFrames};
    SpscRing<Sample> m_playback{kPlaybackBlocks * kBlockFrames};
    SpscRing<VoiceFrame> m_incoming{kQueueFrames};
    SpscRing<VoiceFrame> m_outgoing{kQueueFrames};

    // Device thread only (and the worker while no device runs).
    PlayoutGrid m_grid;
    void resetGrid();

    // Shared with the callback.
    WakeSignal m_wake;
    std::atomic<std::int64_t> m_lastCallbackNs{0};
    // For the worker: the earliest time the next callback may come; 0 before the first.
    std::atomic<std::int64_t> m_nextCallbackNs{0};
    std::atomic<std::uint64_t> m_underruns{0};
    std::atomic<std::uint64_t> m_slipFrames{0}; // output frames played as silence for want of audio
    std::atomic<std::uint64_t> m_captureOverruns{0};
    std::atomic<bool> m_primed{false}; // underruns count once the worker has fed playback

    // Shared with the network thread.
    std::atomic<std::uint64_t> m_framesReceived{0};
    std::atomic<std::uint64_t> m_incomingDropped{0};
    std::atomic<bool> m_muted{false};
    std::atomic<bool> m_transmitting{true};
    std::atomic<bool> m_carriedElsewhere{false};
    std::atomic<int> m_remoteLoss{0};
    std::atomic<bool> m_stop{false};
    std::mutex m_notifierMutex;
    std::function<void()> m_notifier;
    mutable std::mutex m_statsMutex;
    VoiceStats m_stats;

    // Network thread only.
    std::thread m_worker;
    bool m_running = false;

    // Worker only (and start() before the worker runs).
    std::optional<OpusEncoder> m_encoder;
    std::optional<OpusDecoder> m_decoder;
    std::optional<JitterBuffer> m_jitter;
    JitterBufferStats m_jitterTotals; // counters of jitter buffers replaced
    int m_frameLengthVotes = 0;
    std::size_t m_votedFrameSamples = 0;
    EchoProcessor m_echo;
    LevelMeter m_level;
    std::vector<Sample> m_sendPcm;
    std::size_t m_sendFill = 0;
    std::uint32_t m_timestamp = 0;
    bool m_afterSilence = true; // next sent frame carries the marker
    VoiceFrame m_outFrame;
    bool m_sentSome = false;
    std::uint64_t m_framesSent = 0;
    std::uint64_t m_decodeErrors = 0;
    std::uint64_t m_slipSeen = 0; // m_slipFrames the jitter buffer was told of
    bool m_decodedAny = false;    // the decoder has state to conceal from
    int m_appliedLoss = -1;
    std::array<Sample, kBlockFrames> m_captureBlock{};
    std::array<Sample, OpusDecoder::kMaxFrameSamples> m_decoded{};
    std::array<Sample, kBlockFrames> m_farBlock{};
    std::array<Sample, kBlockFrames> m_sharedFarBlock{}; // from a shared device: the whole mix
    std::array<Sample, kBlockFrames> m_forwardBlock{};   // other calls' audio to pass on
    std::size_t m_farFill = 0;
    std::int64_t m_startNs = 0;
    std::string m_deviceError;
    bool m_inputLost = false;
    bool m_outputLost = false;
};

VoiceEngine::Impl::Impl(AudioDevice& device, VoiceSettings settings)
    : m_device(device), m_settings([&settings] {
          settings.frameMs = validFrameMs(settings.frameMs);
          return settings;
      }()),
      m_frameSamples(framesForMs(m_settings.frameMs)),
      m_echo(EchoProcessor::Options{m_settings.echoCancellation, m_settings.noiseSuppression,
                                    m_settings.autoGain, true}),
      m_sendPcm(m_frameSamples)
{
    OpusEncoderConfig config;
    config.frameMs = m_settings.frameMs;
    config.bitrate = m_settings.maxBitrate;
    if (auto encoder = OpusEncoder::create(config)) {
        m_encoder.emplace(std::move(encoder).value());
    }
    if (auto decoder = OpusDecoder::create()) {
        m_decoder.emplace(std::move(decoder).value());
    }
    m_stats.bitrate = m_encoder ? m_encoder->bitrate() : 0;
    m_stats.complexity = m_encoder ? m_encoder->complexity() : 0;
}

void VoiceEngine::Impl::process(const Sample* input, Sample* output, std::size_t frames) noexcept
{
    const std::int64_t now = monotonicNowNs();
    if (input != nullptr && m_capture.write(input, frames) < frames) {
        m_captureOverruns.fetch_add(1, std::memory_order_relaxed);
    }
    if (output != nullptr) {
        const std::size_t got = m_playback.read(output, frames);
        if (got < frames) {
            std::fill(output + got, output + frames, Sample{0});
            m_slipFrames.fetch_add(frames - got, std::memory_order_relaxed);
            if (m_primed.load(std::memory_order_relaxed)) {
                m_underruns.fetch_add(1, std::memory_order_relaxed);
            }
        }
    }
    // Published after the ring was drained: a worker that sees this time
    // also sees the consumption, so it never decodes too late.
    m_nextCallbackNs.store(m_grid.onCallback(now, frames), std::memory_order_release);
    m_lastCallbackNs.store(now, std::memory_order_release);
    m_wake.notify();
}

void VoiceEngine::Impl::resetGrid()
{
    m_grid.reset();
    m_nextCallbackNs.store(0);
}

void VoiceEngine::Impl::run()
{
    sched_param param{};
    param.sched_priority = kWorkerFifoPriority;
    // Refused without privileges; normal priority works, with more wake-up jitter.
    (void)pthread_setschedparam(pthread_self(), SCHED_FIFO, &param);

    std::uint32_t seen = m_wake.count();
    while (!m_stop.load(std::memory_order_acquire)) {
        processCapture();
        const std::int64_t now = monotonicNowNs(); // after encoding: decisions use the time they are made
        const std::int64_t playbackDue = servePlayback(now);
        checkDevice(now);
        publishStats();
        m_wake.waitUntil(seen, std::min(playbackDue, now + kIdleWakeNs));
        seen = m_wake.count();
    }
}

void VoiceEngine::Impl::processCapture()
{
    const bool elsewhere = m_carriedElsewhere.load(std::memory_order_relaxed);
    if (m_active->sharesPlayback()) {
        // The speaker plays other calls too: the echo is of all of them.
        while (m_active->readPlayed(m_sharedFarBlock.data(), kBlockFrames) == kBlockFrames) {
            if (!elsewhere) {
                m_echo.analyzeFarEnd(m_sharedFarBlock);
            }
        }
    }
    const int loss = m_remoteLoss.load(std::memory_order_relaxed);
    if (m_encoder && loss != m_appliedLoss) {
        m_encoder->setPacketLossPercent(loss);
        m_appliedLoss = loss;
    }
    m_sentSome = false;
    while (m_capture.read(m_captureBlock.data(), kBlockFrames) == kBlockFrames) {
        processBlock(m_captureBlock);
    }
    if (m_sentSome) {
        notifyOutgoing();
    }
}

void VoiceEngine::Impl::processBlock(std::span<Sample> block)
{
    // The echo path: what is queued for playback now, plus the devices'
    // buffering; a shared device reports playback as it is played.
    const std::size_t queued =
        m_active->sharesPlayback() ? 0 : m_playback.capacity() - m_playback.writeAvailable();
    const int delayMs = static_cast<int>(queued * 1000 / kSampleRate) + kDeviceBlocksOfEcho * 10;
    // A microphone another call carries needs no echo canceller here.
    const bool elsewhere = m_carriedElsewhere.load(std::memory_order_relaxed);
    if (!elsewhere) {
        m_echo.processNearEnd(block, delayMs);
    }
    if (elsewhere || m_muted.load(std::memory_order_relaxed) ||
        !m_transmitting.load(std::memory_order_relaxed)) {
        std::fill(block.begin(), block.end(), Sample{0});
    }
    m_level.add(block);
    addForwarded(block);

    std::size_t used = 0;
    while (used < block.size()) {
        const std::size_t take = std::min(block.size() - used, m_sendPcm.size() - m_sendFill);
        std::copy_n(block.begin() + static_cast<std::ptrdiff_t>(used), take,
                    m_sendPcm.begin() + static_cast<std::ptrdiff_t>(m_sendFill));
        used += take;
        m_sendFill += take;
        if (m_sendFill == m_sendPcm.size()) {
            encodeAndQueue();
            m_sendFill = 0;
        }
    }
}

void VoiceEngine::Impl::addForwarded(std::span<Sample> block)
{
    // After the echo canceller (other members' voices are not echo) and the
    // meter (which shows the user's own microphone).
    const std::size_t got = m_active->readForwarded(m_forwardBlock.data(), block.size());
    for (std::size_t i = 0; i < got; ++i) {
        const int sum = int{block[i]} + int{m_forwardBlock[i]};
        block[i] = static_cast<Sample>(std::clamp(sum, -32768, 32767));
    }
}

void VoiceEngine::Impl::encodeAndQueue()
{
    const std::uint32_t timestamp = m_timestamp;
    // The media clock runs on through silence: the receiver sees the gap.
    m_timestamp += static_cast<std::uint32_t>(m_frameSamples);
    if (!m_encoder) {
        return;
    }
    if (m_carriedElsewhere.load(std::memory_order_relaxed)) {
        m_afterSilence = true; // nothing at all, not even DTX's
        return;
    }
    auto encoded = m_encoder->encode(m_sendPcm, m_outFrame.data);
    if (!encoded || encoded.value().silent) {
        // DTX: Opus says nothing changed. Send nothing; the next real frame
        // tells the receiver a new talk spurt begins.
        m_afterSilence = true;
        return;
    }
    m_outFrame.timestamp = timestamp;
    m_outFrame.marker = m_afterSilence;
    m_outFrame.arrivalNs = 0;
    m_outFrame.size = static_cast<std::uint16_t>(encoded.value().size);
    if (m_outgoing.push(m_outFrame)) {
        m_afterSilence = false;
        ++m_framesSent;
        m_sentSome = true;
    } else {
        // The network thread is not keeping up: this frame is lost, so the
        // next one starts a new spurt for the receiver.
        m_afterSilence = true;
    }
}

void VoiceEngine::Impl::notifyOutgoing()
{
    std::lock_guard lock(m_notifierMutex);
    if (m_notifier) {
        m_notifier();
    }
}

std::int64_t VoiceEngine::Impl::servePlayback(std::int64_t nowNs)
{
    moveIncoming();
    // Read when the next callback may come before the ring level: the
    // callback drains first and publishes after, so this order can only make
    // the worker decode early, never late.
    const std::int64_t nextCallback = m_nextCallbackNs.load(std::memory_order_acquire);
    if (nextCallback == 0) {
        return nowNs + kBlockPeriodNs / 2; // the device has not started yet
    }
    for (;;) {
        const std::size_t queued = m_playback.capacity() - m_playback.writeAvailable();
        const std::int64_t due = PlayoutGrid::decodeDueNs(nextCallback, queued, kBlockFrames);
        const std::size_t frame = m_jitter ? m_jitter->frameSamples() : m_frameSamples;
        if (nowNs < due) {
            return due;
        }
        if (m_playback.writeAvailable() < frame) {
            // The device stopped taking audio: wait for it (or for the watchdog).
            return nowNs + kBlockPeriodNs;
        }
        noteSlip();
        // A frame shorter than a block is decoded with the rest of its block
        // but plays later by its place in it: the jitter buffer is told when
        // its audio is needed, or 5 ms frames would look late every other pull.
        produceFrame(nowNs + framesToNs(queued % kBlockFrames));
        m_primed.store(true, std::memory_order_relaxed);
    }
}

void VoiceEngine::Impl::noteSlip()
{
    // The device played silence for want of audio: everything from here on
    // plays that much later. The jitter buffer counts it as delay (and sheds
    // it) rather than mistake its late decisions for a sender's fast clock.
    const std::uint64_t slipped = m_slipFrames.load(std::memory_order_relaxed);
    if (slipped == m_slipSeen) {
        return;
    }
    if (m_jitter) {
        m_jitter->playoutSlipped(framesToNs(slipped - m_slipSeen));
    }
    m_slipSeen = slipped;
}

void VoiceEngine::Impl::moveIncoming()
{
    VoiceFrame frame;
    while (m_incoming.pop(frame)) {
        acceptIncoming(frame);
    }
}

void VoiceEngine::Impl::acceptIncoming(const VoiceFrame& frame)
{
    const std::span<const std::uint8_t> payload(frame.data.data(),
                                                std::min<std::size_t>(frame.size, frame.data.size()));
    const auto samples = OpusDecoder::packetSamples(payload);
    if (!samples || samples.value() > OpusDecoder::kMaxFrameSamples || samples.value() % 120 != 0) {
        return; // not a frame we can play
    }
    const std::size_t length = samples.value();
    if (m_jitter && m_jitter->frameSamples() == length) {
        m_frameLengthVotes = 0;
    } else {
        // The other side's frame length decides the jitter buffer's. Follow
        // a change only when it persists, so a stray packet cannot reset it.
        m_frameLengthVotes = length == m_votedFrameSamples ? m_frameLengthVotes + 1 : 1;
        m_votedFrameSamples = length;
        if (m_jitter && m_frameLengthVotes < kFrameLengthVotes) {
            return;
        }
        if (m_jitter) {
            const JitterBufferStats old = m_jitter->stats();
            m_jitterTotals.framesPlayed += old.framesPlayed;
            m_jitterTotals.framesConcealed += old.framesConcealed;
            m_jitterTotals.framesRecoveredFec += old.framesRecoveredFec;
            m_jitterTotals.framesRecoveredRetransmit += old.framesRecoveredRetransmit;
            m_jitterTotals.framesRecoveredRedundancy += old.framesRecoveredRedundancy;
            m_jitterTotals.framesLate += old.framesLate;
            m_jitterTotals.framesDuplicate += old.framesDuplicate;
        }
        JitterBufferConfig config;
        config.frameSamples = static_cast<std::uint32_t>(length);
        m_jitter.emplace(config);
        m_frameLengthVotes = 0;
    }
    m_jitter->insert(frame.timestamp, frame.marker, payload, frame.arrivalNs, frame.origin);
}

void VoiceEngine::Impl::produceFrame(std::int64_t nowNs)
{
    const std::size_t length = m_jitter ? m_jitter->frameSamples() : m_frameSamples;
    const std::span<Sample> pcm(m_decoded.data(), length);
    const PlayoutDecision decision =
        m_jitter ? m_jitter->next(nowNs) : PlayoutDecision{PlayoutDecision::Action::Silence, 0, {}};
    bool ok = false;
    if (m_decoder) {
        switch (decision.action) {
        case PlayoutDecision::Action::Decode: {
            const auto decoded = m_decoder->decode(decision.payload, pcm);
            ok = decoded && decoded.value() == length;
            break;
        }
        case PlayoutDecision::Action::DecodeFec: {
            const auto decoded = m_decoder->decodeFec(decision.payload, pcm);
            ok = decoded && decoded.value() == length;
            break;
        }
        case PlayoutDecision::Action::Conceal:
            break; // below
        case PlayoutDecision::Action::Silence:
            if (!m_decodedAny) {
                std::fill(pcm.begin(), pcm.end(), Sample{0});
                ok = true;
            }
            // Otherwise a DTX gap: Opus's concealment carries on the comfort
            // noise of the last update (or fades to silence), as Opus expects.
            break;
        }
        const bool decoding = decision.action == PlayoutDecision::Action::Decode ||
                              decision.action == PlayoutDecision::Action::DecodeFec;
        m_decodedAny = m_decodedAny || (ok && decoding);
        if (!ok && decoding) {
            ++m_decodeErrors; // a packet that passed the checks but did not decode
        }
        if (!ok) {
            const auto concealed = m_decoder->conceal(pcm);
            ok = concealed && concealed.value() == length;
        }
    }
    if (!ok) {
        std::fill(pcm.begin(), pcm.end(), Sample{0});
    }
    writePlayback(pcm);
}

void VoiceEngine::Impl::writePlayback(std::span<const Sample> pcm)
{
    m_playback.write(pcm.data(), pcm.size());
    if (m_active->sharesPlayback()) {
        return; // processCapture() gives the echo canceller the whole mix
    }
    // The far end goes to the echo canceller in 10 ms blocks, as it is queued.
    std::size_t used = 0;
    while (used < pcm.size()) {
        const std::size_t take = std::min(pcm.size() - used, kBlockFrames - m_farFill);
        std::copy_n(pcm.begin() + static_cast<std::ptrdiff_t>(used), take,
                    m_farBlock.begin() + static_cast<std::ptrdiff_t>(m_farFill));
        used += take;
        m_farFill += take;
        if (m_farFill == kBlockFrames) {
            m_echo.analyzeFarEnd(m_farBlock);
            m_farFill = 0;
        }
    }
}

void VoiceEngine::Impl::checkDevice(std::int64_t nowNs)
{
    if (m_onFallback) {
        return;
    }
    const std::int64_t lastCallback = m_lastCallbackNs.load(std::memory_order_acquire);
    const std::int64_t since = lastCallback != 0 ? lastCallback : m_startNs;
    if (!m_active->failed() && nowNs - since < kDeviceSilentNs) {
        return;
    }
    // Carry on with silence: the other side still hears that we are there,
    // we still play nothing, and the call does not hang.
    m_active->stop();
    m_onFallback = true;
    m_inputLost = m_outputLost = true;
    m_active = &m_fallback;
    resetGrid(); // no callback runs now; the stand-in keeps time of its own
    const std::string lost = "The audio device (" + m_device.description() +
                             ") stopped working; the call continues without sound.";
    if (m_fallback.start(*this)) {
        m_deviceError = lost + " No silent stand-in could be started either.";
    } else {
        m_deviceError = lost;
    }
}

void VoiceEngine::Impl::publishStats()
{
    JitterBufferStats jitter = m_jitter ? m_jitter->stats() : JitterBufferStats{};
    std::lock_guard lock(m_statsMutex);
    m_stats.framesPlayed = m_jitterTotals.framesPlayed + jitter.framesPlayed;
    m_stats.framesConcealed = m_jitterTotals.framesConcealed + jitter.framesConcealed + m_decodeErrors;
    m_stats.framesRecoveredFec = m_jitterTotals.framesRecoveredFec + jitter.framesRecoveredFec;
    m_stats.framesRecoveredRetransmit =
        m_jitterTotals.framesRecoveredRetransmit + jitter.framesRecoveredRetransmit;
    m_stats.framesRecoveredRedundancy =
        m_jitterTotals.framesRecoveredRedundancy + jitter.framesRecoveredRedundancy;
    m_stats.framesLate = m_jitterTotals.framesLate + jitter.framesLate;
    m_stats.framesDuplicate = m_jitterTotals.framesDuplicate + jitter.framesDuplicate;
    m_stats.jitterMs = jitter.jitterMs;
    m_stats.jitterBufferDelayMs = jitter.delayMs;
    m_stats.receiveLossPercent = jitter.lossPercent;
    m_stats.framesSent = m_framesSent;
    m_stats.bitrate = m_encoder ? m_encoder->bitrate() : 0;
    m_stats.complexity = m_encoder ? m_encoder->complexity() : 0;
    m_stats.remoteLossPercent = m_appliedLoss < 0 ? 0 : m_appliedLoss;
    m_stats.inputLevel = m_level.level();
    m_stats.deviceError = m_deviceError;
    m_stats.inputLost = m_inputLost;
    m_stats.outputLost = m_outputLost;
}

VoiceEngine::VoiceEngine(AudioDevice& device, VoiceSettings settings)
    : m_impl(std::make_unique<Impl>(device, settings))
{
}

VoiceEngine::~VoiceEngine()
{
    stop();
}

std::optional<std::string> VoiceEngine::start()
{
    Impl& d = *m_impl;
    if (d.m_running) {
        return std::nullopt;
    }
    // Each call starts its media clock at a random point.
    d.m_timestamp = std::random_device{}();
    d.m_afterSilence = true;
    d.m_stop.store(false);
    d.m_lastCallbackNs.store(0);
    d.resetGrid();
    d.m_startNs = monotonicNowNs();
    // One block of silence, so the first callback has something to play
    // before the worker's first decode.
    const std::array<Sample, kBlockFrames> silence{};
    d.m_playback.write(silence.data(), silence.size());

    std::optional<std::string> error = d.m_device.start(d);
    if (error) {
        d.m_onFallback = true;
        d.m_inputLost = d.m_outputLost = true;
        d.m_active = &d.m_fallback;
        d.m_deviceError = "Could not open the audio device (" + d.m_device.description() + "): " + *error +
                          ". The call continues without sound.";
        if (d.m_fallback.start(d)) {
            d.m_deviceError += " No silent stand-in could be started either.";
        }
    } else {
        d.m_onFallback = false;
        d.m_active = &d.m_device;
        // Opened with one direction only: the call goes on, and says which.
        d.m_inputLost = !d.m_device.capturing();
        d.m_outputLost = !d.m_device.playing();
        d.m_deviceError = d.m_device.warning();
    }
    {
        std::lock_guard lock(d.m_statsMutex);
        d.m_stats.deviceError = d.m_deviceError;
        d.m_stats.inputLost = d.m_inputLost;
        d.m_stats.outputLost = d.m_outputLost;
    }
    d.m_worker = std::thread([&d] { d.run(); });
    d.m_running = true;
    return error;
}

void VoiceEngine::stop()
{
    Impl& d = *m_impl;
    if (!d.m_running) {
        return;
    }
    d.m_stop.store(true, std::memory_order_release);
    d.m_wake.notify();
    d.m_worker.join();
    d.m_active->stop();
    d.m_running = false;
}

void VoiceEngine::pushIncoming(const VoiceFrame& frame)
{
    Impl& d = *m_impl;
    d.m_framesReceived.fetch_add(1, std::memory_order_relaxed);
    if (frame.arrivalNs == 0) {
        VoiceFrame stamped = frame;
        stamped.arrivalNs = monotonicNowNs();
        if (!d.m_incoming.push(stamped)) {
            d.m_incomingDropped.fetch_add(1, std::memory_order_relaxed);
        }
        return;
    }
    if (!d.m_incoming.push(frame)) {
        d.m_incomingDropped.fetch_add(1, std::memory_order_relaxed);
    }
}

bool VoiceEngine::popOutgoing(VoiceFrame& frame)
{
    return m_impl->m_outgoing.pop(frame);
}

void VoiceEngine::setOutgoingNotifier(std::function<void()> notify)
{
    std::lock_guard lock(m_impl->m_notifierMutex);
    m_impl->m_notifier = std::move(notify);
}

void VoiceEngine::setRemoteLossPercent(int percent)
{
    m_impl->m_remoteLoss.store(std::clamp(percent, 0, 100), std::memory_order_relaxed);
}

void VoiceEngine::setMuted(bool muted)
{
    m_impl->m_muted.store(muted, std::memory_order_relaxed);
}

void VoiceEngine::setCarriedElsewhere(bool elsewhere)
{
    m_impl->m_carriedElsewhere.store(elsewhere, std::memory_order_relaxed);
}

void VoiceEngine::setTransmitting(bool transmitting)
{
    m_impl->m_transmitting.store(transmitting, std::memory_order_relaxed);
}

VoiceStats VoiceEngine::stats() const
{
    const Impl& d = *m_impl;
    VoiceStats stats;
    {
        std::lock_guard lock(d.m_statsMutex);
        stats = d.m_stats;
    }
    stats.framesReceived = d.m_framesReceived.load(std::memory_order_relaxed);
    stats.playbackUnderruns = d.m_underruns.load(std::memory_order_relaxed);
    stats.muted = d.m_muted.load(std::memory_order_relaxed);
    return stats;
}

} // namespace confab::audio
