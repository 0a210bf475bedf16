#include "portaudio_device.h"

#include "monotonic_clock.h"
#include "portaudio_session.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <pa_linux_alsa.h>
#include <portaudio.h>
#include <utility>

namespace confab::audio {
namespace {

enum class Direction { Input, Output };

const char* directionName(Direction d)
{
    return d == Direction::Input ? "input" : "output";
}

int channelsOf(const PaDeviceInfo& info, Direction d)
{
    return d == Direction::Input ? info.maxInputChannels : info.maxOutputChannels;
}

std::string deviceName(PaDeviceIndex index)
{
    const PaDeviceInfo* info = Pa_GetDeviceInfo(index);
    return info != nullptr && info->name != nullptr ? std::string(info->name) : std::string();
}

std::string namesWith(Direction d)
{
    std::string names;
    const PaDeviceIndex count = Pa_GetDeviceCount();
    for (PaDeviceIndex i = 0; i < count; ++i) {
        const PaDeviceInfo* info = Pa_GetDeviceInfo(i);
        if (info != nullptr && channelsOf(*info, d) > 0) {
            names += (names.empty() ? "'" : ", '") + std::string(info->name) + "'";
        }
    }
    return names.empty() ? std::string("none") : names;
}

// The device for one direction: an index, or why there is none. A name that
// does not exist is a mistake in the settings and fails start() as a whole;
// a missing default only leaves this direction closed.
struct Choice {
    PaDeviceIndex index = paNoDevice;
    std::string unavailable;
};

Result<Choice, std::string> choose(const std::string& name, Direction d)
{
    if (name.empty()) {
        const PaDeviceIndex index =
            d == Direction::Input ? Pa_GetDefaultInputDevice() : Pa_GetDefaultOutputDevice();
        if (index == paNoDevice) {
            return Choice{paNoDevice, std::string("there is no default ") + directionName(d) + " device"};
        }
        return Choice{index, {}};
    }
    const PaDeviceIndex count = Pa_GetDeviceCount();
    for (PaDeviceIndex i = 0; i < count; ++i) {
        const PaDeviceInfo* info = Pa_GetDeviceInfo(i);
        if (info != nullptr && name == info->name && channelsOf(*info, d) > 0) {
            return Choice{i, {}};
        }
    }
    return std::string("There is no audio ") + directionName(d) + " device named '" + name +
           "'. Devices with " + (d == Direction::Input ? "inputs" : "outputs") + ": " + namesWith(d) + ".";
}

// Stream parameters for one direction: mono when the device takes it,
// otherwise stereo; nullopt (and `why`) when it takes neither at 48 kHz.
std::optional<PaStreamParameters> parametersFor(PaDeviceIndex index, Direction d, std::string& why)
{
    const PaDeviceInfo* info = Pa_GetDeviceInfo(index);
    if (info == nullptr) {
        why = "the device vanished";
        return std::nullopt;
    }
    PaError last = paNoError;
    for (int channels : {1, 2}) {
        if (channels > channelsOf(*info, d)) {
            break;
        }
        PaStreamParameters p{};
        p.device = index;
        p.channelCount = channels;
        p.sampleFormat = paInt16;
        p.suggestedLatency =
            d == Direction::Input ? info->defaultLowInputLatency : info->defaultLowOutputLatency;
        p.hostApiSpecificStreamInfo = nullptr;
        last = d == Direction::Input ? Pa_IsFormatSupported(&p, nullptr, kSampleRate)
                                     : Pa_IsFormatSupported(nullptr, &p, kSampleRate);
        if (last == paFormatIsSupported) {
            return p;
        }
    }
    why = std::string("'") + info->name + "' cannot " + (d == Direction::Input ? "record" : "play") +
          " 48 kHz 16-bit audio: " + Pa_GetErrorText(last);
    return std::nullopt;
}

std::uint64_t bump(std::atomic<std::uint64_t>& counter)
{
    return counter.fetch_add(1, std::memory_order_relaxed);
}

} // namespace

struct PortAudioDevice::Stream {
    // Everything the real-time callback touches is an atomic or is written
    // only before Pa_StartStream and after the stream stopped.
    AudioCallback* callback = nullptr;
    int inputChannels = 0; // 0: direction not open
    int outputChannels = 0;
    std::array<Sample, kBlockFrames> inMono{};
    std::array<Sample, kBlockFrames> outMono{};
    const std::array<Sample, kBlockFrames> silence{};

    std::atomic<bool> running{false};
    std::atomic<bool> stopping{false};
    std::atomic<bool> broken{false}; // stream error or unexpected end
    std::atomic<std::int64_t> lastCallbackNs{0};
    std::atomic<std::int64_t> startNs{0};
    std::atomic<std::int64_t> firstCallbackNs{0}; // 0: none yet
    std::atomic<std::uint64_t> callbacks{0};
    std::atomic<std::uint64_t> inputUnderflows{0};
    std::atomic<std::uint64_t> inputOverflows{0};
    std::atomic<std::uint64_t> outputUnderflows{0};
    std::atomic<std::uint64_t> outputOverflows{0};
    std::atomic<std::uint64_t> primingBlocks{0};
    std::atomic<std::uint64_t> irregularBlocks{0};

    // Control thread only.
    std::optional<PortAudioSession> session;
    PaStream* pa = nullptr;
    std::string inputName;
    std::string outputName;
    std::string warning;
    double inputLatency = 0;
    double outputLatency = 0;

    void resetCounters()
    {
        for (auto* c : {&callbacks, &inputUnderflows, &inputOverflows, &outputUnderflows, &outputOverflows,
                        &primingBlocks, &irregularBlocks}) {
            c->store(0);
        }
        broken.store(false);
        stopping.store(false);
        firstCallbackNs.store(0);
    }

    void process(const void* input, void* output, unsigned long frames, PaStreamCallbackFlags flags) noexcept
    {
        const std::int64_t now = monotonicNowNs();
        lastCallbackNs.store(now, std::memory_order_relaxed);
        if (firstCallbackNs.load(std::memory_order_relaxed) == 0) {
            firstCallbackNs.store(now, std::memory_order_relaxed);
        }
        bump(callbacks);
        if ((flags & paInputUnderflow) != 0) {
            bump(inputUnderflows);
        }
        if ((flags & paInputOverflow) != 0) {
            bump(inputOverflows);
        }
        if ((flags & paOutputUnderflow) != 0) {
            bump(outputUnderflows);
        }
        if ((flags & paOutputOverflow) != 0) {
            bump(outputOverflows);
        }
        if ((flags & paPrimingOutput) != 0) {
            bump(primingBlocks);
        }
        auto* out = static_cast<Sample*>(output);
        if (frames != kBlockFrames) {
            // PortAudio honours a fixed framesPerBuffer; should a host API
            // break that, play silence rather than break the callback's contract.
            bump(irregularBlocks);
            if (out != nullptr) {
                std::fill_n(out, frames * static_cast<unsigned long>(outputChannels), Sample{0});
            }
            return;
        }
        const auto* in = static_cast<const Sample*>(input);
        const Sample* mono = silence.data();
        if (in != nullptr && inputChannels == 1) {
            mono = in;
        } else if (in != nullptr && inputChannels == 2) {
            for (std::size_t i = 0; i < kBlockFrames; ++i) {
                inMono[i] = static_cast<Sample>((in[2 * i] + in[2 * i + 1]) / 2);
            }
            mono = inMono.data();
        }
        Sample* target = out != nullptr && outputChannels == 1 ? out : outMono.data();
        callback->process(mono, target, kBlockFrames);
        if (out != nullptr && outputChannels == 2) {
            for (std::size_t i = 0; i < kBlockFrames; ++i) {
                out[2 * i] = outMono[i];
                out[2 * i + 1] = outMono[i];
            }
        }
    }
};

Result<std::vector<AudioDeviceInfo>, std::string> listAudioDevices()
{
    PortAudioSession session;
    if (!session.ok()) {
        return "PortAudio cannot start: " + session.error();
    }
    const PaDeviceIndex defaultInput = Pa_GetDefaultInputDevice();
    const PaDeviceIndex defaultOutput = Pa_GetDefaultOutputDevice();
    std::vector<AudioDeviceInfo> devices;
    const PaDeviceIndex count = Pa_GetDeviceCount();
    for (PaDeviceIndex i = 0; i < count; ++i) {
        const PaDeviceInfo* info = Pa_GetDeviceInfo(i);
        if (info == nullptr || info->name == nullptr) {
            continue;
        }
        devices.push_back(AudioDeviceInfo{info->name, info->maxInputChannels > 0, info->maxOutputChannels > 0,
                                          i == defaultInput, i == defaultOutput});
    }
    return devices;
}

PortAudioDevice::PortAudioDevice(std::string inputName, std::string outputName)
    : m_inputName(std::move(inputName)), m_outputName(std::move(outputName)),
      m_stream(std::make_unique<Stream>())
{
}

PortAudioDevice::~PortAudioDevice()
{
    stop();
}

std::optional<std::string> PortAudioDevice::start(AudioCallback& callback)
{
    Stream& s = *m_stream;
    if (s.pa != nullptr) {
        return std::string("the audio device is already running");
    }
    s.session.emplace();
    if (!s.session->ok()) {
        auto error = "PortAudio cannot start: " + s.session->error();
        s.session.reset();
        return error;
    }
    auto input = choose(m_inputName, Direction::Input);
    auto output = choose(m_outputName, Direction::Output);
    if (!input || !output) {
        std::string error = !input ? input.error() : output.error();
        if (!input && !output) {
            error += " " + output.error();
        }
        s.session.reset();
        return error;
    }
    std::string inputWhy = input.value().unavailable;
    std::string outputWhy = output.value().unavailable;
    std::optional<PaStreamParameters> in;
    std::optional<PaStreamParameters> out;
    if (input.value().index != paNoDevice) {
        in = parametersFor(input.value().index, Direction::Input, inputWhy);
    }
    if (output.value().index != paNoDevice) {
        out = parametersFor(output.value().index, Direction::Output, outputWhy);
    }

    // A captureless lambda in a member function may name the private Stream.
    auto* onAudio = +[](const void* inBuf, void* outBuf, unsigned long frames,
                        const PaStreamCallbackTimeInfo*, PaStreamCallbackFlags flags, void* user) -> int {
        static_cast<Stream*>(user)->process(inBuf, outBuf, frames, flags);
        return paContinue;
    };
    auto open = [&](const PaStreamParameters* inP, const PaStreamParameters* outP) {
        return Pa_OpenStream(&s.pa, inP, outP, kSampleRate, kBlockFrames, paClipOff | paDitherOff, onAudio,
                             &s);
    };
    // Full duplex first: one callback sees input and output of the same
    // instant. Otherwise whichever direction opens on its own; the output
    // first, since hearing the other side matters more than being heard.
    PaError err = paNoError;
    bool haveIn = false;
    bool haveOut = false;
    if (in && out) {
        err = open(&*in, &*out);
        haveIn = haveOut = err == paNoError;
        if (err != paNoError) {
            inputWhy = std::string("it cannot run together with the output: ") + Pa_GetErrorText(err);
        }
    }
    if (!haveIn && !haveOut && out) {
        err = open(nullptr, &*out);
        haveOut = err == paNoError;
        if (!haveOut) {
            outputWhy = std::string("cannot open '") + deviceName(out->device) + "': " + Pa_GetErrorText(err);
        }
    }
    if (!haveIn && !haveOut && in) {
        err = open(&*in, nullptr);
        haveIn = err == paNoError;
        if (!haveIn) {
            inputWhy = std::string("cannot open '") + deviceName(in->device) + "': " + Pa_GetErrorText(err);
        }
    }
    if (!haveIn && !haveOut) {
        s.pa = nullptr;
        s.session.reset();
        return "Cannot open the audio device. Input: " + inputWhy + ". Output: " + outputWhy + ".";
    }

    s.callback = &callback;
    s.inputChannels = haveIn ? in->channelCount : 0;
    s.outputChannels = haveOut ? out->channelCount : 0;
    s.inputName = haveIn ? deviceName(in->device) : std::string();
    s.outputName = haveOut ? deviceName(out->device) : std::string();
    s.warning.clear();
    if (!haveIn) {
        s.warning = "No audio input (the microphone is silent): " + inputWhy + ".";
    } else if (!haveOut) {
        s.warning = "No audio output (nothing is played): " + outputWhy + ".";
    }
    if (const PaStreamInfo* info = Pa_GetStreamInfo(s.pa)) {
        s.inputLatency = info->inputLatency;
        s.outputLatency = info->outputLatency;
    }
    const PaDeviceInfo* device = Pa_GetDeviceInfo(haveOut ? out->device : in->device);
    const PaHostApiInfo* host = device != nullptr ? Pa_GetHostApiInfo(device->hostApi) : nullptr;
    if (host != nullptr && host->type == paALSA) {
        // PortAudio's ALSA thread runs SCHED_FIFO only when asked to.
        PaAlsa_EnableRealtimeScheduling(s.pa, 1);
    }
    Pa_SetStreamFinishedCallback(
        s.pa, +[](void* user) {
            auto* stream = static_cast<Stream*>(user);
            if (!stream->stopping.load()) {
                stream->broken.store(true);
            }
        });

    s.resetCounters();
    const std::int64_t now = monotonicNowNs();
    s.startNs.store(now);
    s.lastCallbackNs.store(now);
    s.running.store(true);
    err = Pa_StartStream(s.pa);
    if (err != paNoError) {
        s.running.store(false);
        s.stopping.store(true);
        Pa_CloseStream(s.pa);
        s.pa = nullptr;
        s.session.reset();
        return std::string("Cannot start the audio stream: ") + Pa_GetErrorText(err);
    }
    return std::nullopt;
}

void PortAudioDevice::stop()
{
    Stream& s = *m_stream;
    if (s.pa == nullptr) {
        return;
    }
    const bool wasFailing = failed();
    s.stopping.store(true);
    // Pa_StopStream lets the last buffers play, which waits on the device;
    // a device that is gone would keep it waiting, so abort instead.
    if (wasFailing || Pa_StopStream(s.pa) != paNoError) {
        Pa_AbortStream(s.pa);
    }
    Pa_CloseStream(s.pa);
    s.pa = nullptr;
    s.running.store(false);
    s.session.reset();
}

bool PortAudioDevice::failed() const
{
    const Stream& s = *m_stream;
    if (!s.running.load()) {
        return false;
    }
    return s.broken.load() || monotonicNowNs() - s.lastCallbackNs.load() > kWatchdogNs;
}

std::string PortAudioDevice::description() const
{
    const Stream& s = *m_stream;
    if (s.pa == nullptr) {
        auto name = [](const std::string& n) { return n.empty() ? std::string("default") : "'" + n + "'"; };
        return "sound card (input " + name(m_inputName) + ", output " + name(m_outputName) + ")";
    }
    std::string text = "sound card (";
    text += s.inputName.empty() ? std::string("no input") : "input '" + s.inputName + "'";
    text += s.outputName.empty() ? std::string(", no output") : ", output '" + s.outputName + "'";
    return text + ")";
}

bool PortAudioDevice::capturing() const
{
    return m_stream->pa == nullptr || m_stream->inputChannels > 0;
}

bool PortAudioDevice::playing() const
{
    return m_stream->pa == nullptr || m_stream->outputChannels > 0;
}

std::string PortAudioDevice::warning() const
{
    return m_stream->pa != nullptr ? m_stream->warning : std::string();
}

std::string PortAudioDevice::openedInputName() const
{
    return m_stream->inputName;
}

std::string PortAudioDevice::openedOutputName() const
{
    return m_stream->outputName;
}

std::uint64_t PortAudioDevice::glitches() const
{
    const PortAudioStats s = stats();
    return s.outputUnderflows + s.inputOverflows;
}

PortAudioStats PortAudioDevice::stats() const
{
    const Stream& s = *m_stream;
    PortAudioStats stats;
    stats.callbacks = s.callbacks.load();
    stats.inputUnderflows = s.inputUnderflows.load();
    stats.inputOverflows = s.inputOverflows.load();
    stats.outputUnderflows = s.outputUnderflows.load();
    stats.outputOverflows = s.outputOverflows.load();
    stats.primingBlocks = s.primingBlocks.load();
    stats.irregularBlocks = s.irregularBlocks.load();
    if (const std::int64_t first = s.firstCallbackNs.load(); first != 0) {
        stats.firstCallbackLatencyNs = first - s.startNs.load();
    }
    stats.inputLatency = s.inputLatency;
    stats.outputLatency = s.outputLatency;
    return stats;
}

} // namespace confab::audio
