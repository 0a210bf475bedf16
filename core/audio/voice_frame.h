#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace confab::audio {

// Largest Opus packet we send or accept (one frame, mono, at most 20 ms).
constexpr std::size_t kMaxOpusPacketBytes = 1275;

// How an incoming frame arrived. Copies - sent again because the receiver
// asked, or carried along in a later frame's datagram - are played like any
// frame, but their arrival says nothing about the network's timing.
enum class FrameOrigin : std::uint8_t {
    Original,
    Retransmitted, // sent again for our Nack
    Redundant,     // an earlier frame carried in a later one's datagram
};

// One encoded Opus frame between the voice worker and the network thread.
// Fixed size so the lock-free queues never allocate.
struct VoiceFrame {
    // Media clock of the frame's first sample, in 48 kHz samples; starts at a
    // random value and wraps.
    std::uint32_t timestamp = 0;
    // First frame after a silence (DTX) gap: the receiver resets its timing.
    bool marker = false;
    // Incoming frames only: how it came (see FrameOrigin).
    FrameOrigin origin = FrameOrigin::Original;
    // Incoming frames only: CLOCK_MONOTONIC arrival time in nanoseconds.
    std::int64_t arrivalNs = 0;
    std::uint16_t size = 0;
    std::array<std::uint8_t, kMaxOpusPacketBytes> data{};
};

} // namespace confab::audio
