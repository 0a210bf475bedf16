// Decodes arbitrary bytes as a media datagram header, an audio plaintext, a
// report plaintext, a Nack plaintext, a Levels plaintext and a LeaveOut
// plaintext; whatever decodes must re-encode to the same bytes (all six
// layouts are fixed, so there is exactly one encoding).
#include "proto/media_packet.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

using namespace confab;
using namespace confab::proto;

namespace {

void checkHeader(ByteView input)
{
    const auto header = decodeMediaHeader(input);
    if (!header) {
        if (toString(header.error()) == nullptr) {
            std::abort();
        }
        return;
    }
    if (input.size() > kMaxMediaDatagramBytes || input.size() < kMediaHeaderBytes + kMediaTagBytes) {
        std::abort();
    }
    if (!mediaPlaintextFits(header.value().kind, input.size() - kMediaHeaderBytes - kMediaTagBytes)) {
        std::abort();
    }
    const MediaHeaderBytes encoded = encodeMediaHeader(header.value());
    if (!std::equal(encoded.begin(), encoded.end(), input.begin())) {
        std::abort();
    }
}

void checkAudio(ByteView input)
{
    const auto audio = decodeAudioPayload(input);
    if (!audio) {
        return;
    }
    const AudioPayload& payload = audio.value();
    if (payload.opus.empty() || payload.opus.size() > kMaxOpusPacketBytes) {
        std::abort();
    }
    if (!mediaPlaintextFits(MediaKind::Audio, input.size())) {
        std::abort();
    }
    if (payload.redundant && (payload.redundant->offset == 0 || payload.redundant->opus.empty() ||
                              payload.redundant->opus.size() > kMaxOpusPacketBytes)) {
        std::abort();
    }
    const Bytes encoded = encodeAudioPayload(payload);
    if (!std::equal(encoded.begin(), encoded.end(), input.begin(), input.end())) {
        std::abort();
    }
}

void checkReport(ByteView input)
{
    const auto report = decodeReport(input);
    if (!report) {
        return;
    }
    if (report.value().lossPercent > 100) {
        std::abort();
    }
    const Bytes encoded = encodeReport(report.value());
    if (!std::equal(encoded.begin(), encoded.end(), input.begin(), input.end())) {
        std::abort();
    }
}

void checkNack(ByteView input)
{
    const auto nack = decodeNack(input);
    if (!nack) {
        return;
    }
    if (nack.value().empty() || nack.value().size() > kMaxNackTimestamps ||
        !mediaPlaintextFits(MediaKind::Nack, input.size())) {
        std::abort();
    }
    const Bytes encoded = encodeNack(nack.value());
    if (!std::equal(encoded.begin(), encoded.end(), input.begin(), input.end())) {
        std::abort();
    }
}

void checkLevels(ByteView input)
{
    const auto levels = decodeLevels(input);
    if (!levels) {
        return;
    }
    if (levels.value().empty() || levels.value().size() > kMaxMixedMembers ||
        !mediaPlaintextFits(MediaKind::Levels, input.size())) {
        std::abort();
    }
    const Bytes encoded = encodeLevels(levels.value());
    if (!std::equal(encoded.begin(), encoded.end(), input.begin(), input.end())) {
        std::abort();
    }
}

void checkLeaveOut(ByteView input)
{
    const auto members = decodeLeaveOut(input);
    if (!members) {
        return;
    }
    if (members.value().size() > kMaxLeftOutMembers ||
        !mediaPlaintextFits(MediaKind::LeaveOut, input.size())) {
        std::abort();
    }
    const Bytes encoded = encodeLeaveOut(members.value());
    if (!std::equal(encoded.begin(), encoded.end(), input.begin(), input.end())) {
        std::abort();
    }
}

} // namespace

// libFuzzer fixes this name.
// NOLINTNEXTLINE(readability-identifier-naming)
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const ByteView input(data, size);
    checkHeader(input);
    checkAudio(input);
    checkReport(input);
    checkNack(input);
    checkLevels(input);
    checkLeaveOut(input);
    return 0;
}
