#pragma once

#include "proto/file_drop.h"
#include "source_reader.h"

#include <QString>

#include <cstdint>
#include <deque>
#include <optional>

namespace confab::files {

// The sender's half of one transfer connection: answers the receiver's
// Hello and Wants with manifest parts and chunks, in the order asked, as
// fast as the connection takes them. Knows nothing of sockets: records in,
// records out.
class OutgoingDrop {
public:
    // Wanted ranges held at once; a receiver asking for more is broken.
    static constexpr std::size_t kMaxQueuedRanges = 65536;

    OutgoingDrop(const proto::Manifest& manifest, ByteView encodedManifest, SourceReader& reader);

    enum class Step { Continue, Done, Stop };
    struct Reaction {
        Step step = Step::Continue;
        proto::DropReason reason = proto::DropReason::None; // for Stop: the receiver's reason
    };
    // A record from the receiver; an error (in words, for the log) when it
    // breaks the protocol and the connection must close.
    Result<Reaction, QString> onRecord(const proto::TransferRecord& record);

    // The next record to send, encoded; nullopt when nothing is asked for now.
    // A source problem stops the drop (SourceChanged, SourceMissing).
    std::optional<Result<Bytes, SourceProblem>> nextRecord();

    // Bytes of chunks handed out so far on this connection.
    [[nodiscard]] std::uint64_t bytesSent() const { return m_bytesSent; }
    // Bytes of the chunks the receiver says it holds (its Have records, sent
    // when it fetches from other receivers too).
    [[nodiscard]] std::uint64_t bytesHeldThere() const { return m_bytesHeldThere; }

private:
    Result<Reaction, QString> onWant(const proto::TransferRecord& record);
    Result<Reaction, QString> onHave(const proto::TransferRecord& record);
    // Whether `range` names chunks of a file of the drop.
    [[nodiscard]] std::optional<QString> checkRange(const proto::ChunkRange& range) const;

    const proto::Manifest& m_manifest;
    ByteView m_encodedManifest;
    SourceReader& m_reader;
    bool m_greeted = false;
    std::optional<std::size_t> m_manifestOffset; // next manifest byte to send, while sending it
    std::deque<proto::ChunkRange> m_wanted;
    std::uint64_t m_bytesSent = 0;
    std::uint64_t m_bytesHeldThere = 0;
};

} // namespace confab::files
