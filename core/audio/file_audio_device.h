#pragma once

#include "audio_device.h"
#include "realtime_pacer.h"
#include "wav_file.h"

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace confab::audio {

// A device that "speaks" a WAV file and records what it "hears" to another,
// in real time: tests and benchmarks run calls without a sound card and
// measure mouth-to-ear delay across processes.
//
// Timing model. start() loads IN (converted to 48 kHz mono) and takes the
// stream origin, streamOriginNs(), from CLOCK_MONOTONIC. Block k (k = 0, 1,
// ...) holds IN samples [k * 480, (k + 1) * 480) (silence after the end of
// IN); its callback runs at origin + (k + 1) * 10 ms on absolute deadlines,
// when the block has been fully "captured", and the 480 samples it returns
// are appended to OUT and start "playing" then. So, like a sound card with
// one block of output buffering:
//   - sample n of IN is "spoken" at origin + n / 48000 s;
//   - sample m of this stream's part of OUT is "heard" at
//     origin + 10 ms + m / 48000 s.
// A callback that copies input to output therefore records OUT equal to IN,
// heard 10 ms after it was spoken. Late ticks are caught up back to back, never
// skipped, so the model holds for every sample.
//
// Each start() plays IN from its beginning. OUT is created by the first
// start() and each later stream is appended to it, so it holds what was heard
// in every call, in order; outputStreamOffsetFrames() says where the current
// stream begins. OUT's header is brought up to date at least once a second
// and on stop(), so it is readable even if the process is killed. Either
// path may be empty: no input means a silent microphone, no output means
// nothing is recorded.
class FileAudioDevice final : public AudioDevice {
public:
    // `pacer` runs the callbacks: in real time unless a test ticks them itself.
    FileAudioDevice(std::string inputWav, std::string outputWav,
                    std::unique_ptr<Pacer> pacer = std::make_unique<RealtimePacer>());
    ~FileAudioDevice() override;
    FileAudioDevice(const FileAudioDevice&) = delete;
    FileAudioDevice& operator=(const FileAudioDevice&) = delete;

    // Errors: IN missing or not a usable WAV file, OUT cannot be created.
    std::optional<std::string> start(AudioCallback& callback) override;
    void stop() override;
    // True once writing OUT failed (disk full, file gone) in the current stream.
    [[nodiscard]] bool failed() const override;
    [[nodiscard]] std::string description() const override;
    // Origin of the current stream, or of the last one after stop(); nullopt
    // before the first start().
    [[nodiscard]] std::optional<std::int64_t> streamOriginNs() const override;
    // Frame (sample) offset in OUT at which the current (or last) stream's
    // output begins: OUT's length when that stream started. nullopt before
    // the first start() and when nothing is recorded (no OUT path).
    [[nodiscard]] std::optional<std::int64_t> outputStreamOffsetFrames() const override;

    // Length of IN after conversion to 48 kHz mono, as loaded by the last start().
    [[nodiscard]] std::uint64_t inputFrames() const;
    // Callbacks run in the current (or last) stream.
    [[nodiscard]] std::uint64_t blocksProcessed() const;
    // Blocks of the current (or last) stream whose callback started more than
    // one block late (the machine was too busy).
    [[nodiscard]] std::uint64_t lateBlocks() const;

private:
    void tick(std::uint64_t block) noexcept;

    std::string m_inputPath;
    std::string m_outputPath;
    std::vector<Sample> m_input;
    WavWriter m_output;
    std::unique_ptr<Pacer> m_pacer;
    AudioCallback* m_callback = nullptr;
    std::array<Sample, kBlockFrames> m_inBlock{};
    std::array<Sample, kBlockFrames> m_outBlock{};
    std::atomic<bool> m_running{false};
    std::atomic<bool> m_started{false};
    std::atomic<bool> m_failed{false};
    std::atomic<std::int64_t> m_originNs{0};
    std::atomic<std::uint64_t> m_streamOffset{0};
    std::atomic<std::uint64_t> m_inputFrames{0};
    std::atomic<std::uint64_t> m_blocks{0};
};

} // namespace confab::audio
