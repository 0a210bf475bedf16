#include "drop_sender.h"

#include "crypto/content_hash.h"
#include "crypto/identity.h"
#include "crypto/random.h"
#include "crypto/record_cipher.h"
#include "proto/file_drop.h"
#include "proto/frame.h"
#include "proto/limits.h"
#include "proto/link_message.h"
#include "support/hostile_names.h"

#include <QString>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <memory>
#include <poll.h>
#include <string_view>
#include <utility>
#include <vector>

namespace confab::tools {
namespace {

// Any fixed time: the tests look at names and bytes, not times.
constexpr std::int64_t kMtimeNs = 1'700'000'000'000'000'000;
constexpr int kHandshakeTimeoutMs = 5000;
constexpr int kPollMs = 100;
constexpr int kDeliveryTimeoutMs = 10000;
// A record's length field covers its plaintext and the AEAD tag.
constexpr std::size_t kMaxSealedRecord = proto::kMaxRecordSize + crypto::kRecordTagSize;
// docs/PROTOCOL.md: the third mismatch of one chunk fails the drop.
constexpr int kMismatchesThatFail = 3;

std::string hexOf(ByteView bytes)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string text;
    for (const std::uint8_t byte : bytes) {
        text += kDigits[byte >> 4];
        text += kDigits[byte & 0x0f];
    }
    return text;
}

std::string hexOf(std::string_view text)
{
    return hexOf(asBytes(text));
}

std::string utf8Of(const QString& text)
{
    return text.toUtf8().toStdString();
}

Bytes bytesOf(std::string_view text)
{
    const ByteView view = asBytes(text);
    return {view.begin(), view.end()};
}

const char* answerName(proto::FileAnswerKind kind)
{
    switch (kind) {
    case proto::FileAnswerKind::Accept:
        return "accept";
    case proto::FileAnswerKind::Decline:
        return "decline";
    case proto::FileAnswerKind::Cancel:
        return "cancel";
    case proto::FileAnswerKind::Pause:
        return "pause";
    case proto::FileAnswerKind::Resume:
        return "resume";
    case proto::FileAnswerKind::Complete:
        return "complete";
    case proto::FileAnswerKind::Failed:
        return "failed";
    }
    return "unknown";
}

const char* reasonName(proto::DropReason reason)
{
    switch (reason) {
    case proto::DropReason::None:
        return "none";
    case proto::DropReason::DiskFull:
        return "disk-full";
    case proto::DropReason::FolderNotWritable:
        return "folder-not-writable";
    case proto::DropReason::SourceChanged:
        return "source-changed";
    case proto::DropReason::SourceMissing:
        return "source-missing";
    case proto::DropReason::Damaged:
        return "damaged";
    case proto::DropReason::Refused:
        return "refused";
    case proto::DropReason::Paused:
        return "paused";
    case proto::DropReason::Cancelled:
        return "cancelled";
    }
    return "unknown";
}

bool isFinal(proto::FileAnswerKind kind)
{
    return kind == proto::FileAnswerKind::Decline || kind == proto::FileAnswerKind::Cancel ||
           kind == proto::FileAnswerKind::Complete || kind == proto::FileAnswerKind::Failed;
}

// One drop offered to the node, and what became of it.
struct Drop {
    std::string expect; // what docs/PROTOCOL.md says the node does with it
    std::string label;
    std::string details; // more JSON members for the "offered" line, each with a leading comma
    proto::FileOffer offer;
    proto::Manifest manifest;
    Bytes manifestBytes;
    std::vector<Bytes> contents; // of each entry; empty for folders
    std::optional<proto::FileAnswer> last;
    int connections = 0;
    std::optional<proto::DropReason> stop;
    std::map<std::pair<std::uint32_t, std::uint32_t>, int> asked;

    [[nodiscard]] bool over() const { return last && isFinal(last->answer); }
};

proto::ManifestEntry fileEntry(std::string path, ByteView data, std::uint32_t chunkSize)
{
    proto::ManifestEntry entry;
    entry.kind = proto::ManifestEntryKind::File;
    entry.path = std::move(path);
    entry.mtimeNs = kMtimeNs;
    entry.size = data.size();
    entry.fileHash = crypto::contentHash(data);
    if (data.size() > chunkSize) {
        for (std::size_t at = 0; at < data.size(); at += chunkSize) {
            entry.chunkHashes.push_back(
                crypto::contentHash(data.subspan(at, std::min<std::size_t>(chunkSize, data.size() - at))));
        }
    }
    return entry;
}

// The top-level name of a path inside a drop: what an offer shows.
std::string topName(const std::string& path)
{
    return path.substr(0, path.find('/'));
}

Drop makeDrop(std::string expect, std::string label, proto::Manifest manifest, std::vector<Bytes> contents)
{
    Drop drop;
    drop.expect = std::move(expect);
    drop.label = std::move(label);
    crypto::randomBytes(drop.offer.transferId);
    for (const proto::ManifestEntry& entry : manifest.entries) {
        if (entry.kind == proto::ManifestEntryKind::File) {
            ++drop.offer.fileCount;
            drop.offer.totalBytes += entry.size;
        } else {
            ++drop.offer.folderCount;
        }
        const std::string top = topName(entry.path);
        auto& names = drop.offer.names;
        if (!top.empty() && names.size() < proto::kMaxOfferNames &&
            std::find(names.begin(), names.end(), top) == names.end()) {
            names.push_back(top);
        }
    }
    if (drop.offer.names.empty()) {
        drop.offer.names.push_back(drop.label);
    }
    drop.manifestBytes = proto::encodeManifest(manifest);
    drop.offer.manifestHash = crypto::contentHash(drop.manifestBytes);
    drop.offer.manifestLength = static_cast<std::uint32_t>(drop.manifestBytes.size());
    drop.manifest = std::move(manifest);
    contents.resize(drop.manifest.entries.size());
    drop.contents = std::move(contents);
    return drop;
}

// Refused whole by the rule of docs/PROTOCOL.md ("Received names"), judged
// here on its own rather than by the code under test: empty, absolute (also
// a drive, "C:"), or with an empty, "." or ".." part.
bool climbsOrIsAbsolute(const std::string& path)
{
    if (path.empty() || path.front() == '/') {
        return true;
    }
    const auto isAsciiLetter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (path.size() >= 2 && path[1] == ':' && isAsciiLetter(path[0])) {
        return true;
    }
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = path.find('/', start);
        const std::string part =
            path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (part.empty() || part == "." || part == "..") {
            return true;
        }
        if (slash == std::string::npos) {
            return false;
        }
        start = slash + 1;
    }
}

// Every corpus name as a top-level file, as a file in the folder "sent" and
// as a folder holding "inside.txt": the paths the node must save go into one
// drop (each file holds "entry N" so the test can tell which name it got),
// and each path it must refuse into a drop of its own, after a harmless file.
std::vector<Drop> hostileNameDrops()
{
    proto::Manifest saved;
    std::vector<Bytes> savedContents;
    std::string placements;
    std::vector<Drop> refused;
    for (const files::HostileName& name : files::hostileNames()) {
        const std::string sent = utf8Of(name.received);
        const std::string cleaned = utf8Of(name.expected);
        const struct {
            std::string path;
            std::string leaf;   // the name the file must get (or that plus " (N)")
            std::string parent; // the folder it must be in, "" for the download folder itself
        } forms[] = {{sent, cleaned, ""},
                     {"sent/" + sent, cleaned, "sent"},
                     {sent + "/inside.txt", "inside.txt", cleaned}};
        for (const auto& form : forms) {
            if (climbsOrIsAbsolute(form.path)) {
                proto::Manifest manifest;
                manifest.entries.push_back(
                    fileEntry("canary.txt", asBytes(std::string_view("canary")), manifest.chunkSize));
                manifest.entries.push_back(
                    fileEntry(form.path, asBytes(std::string_view("climbed")), manifest.chunkSize));
                Drop drop = makeDrop("refused", name.why, std::move(manifest),
                                     {bytesOf("canary"), bytesOf("climbed")});
                drop.details = R"(,"path":")" + hexOf(form.path) + '"';
                refused.push_back(std::move(drop));
                continue;
            }
            const std::string content = "entry " + std::to_string(saved.entries.size());
            saved.entries.push_back(fileEntry(form.path, asBytes(content), saved.chunkSize));
            savedContents.push_back(bytesOf(content));
            // The corpus says what one name becomes; a name with a "/" in it is
            // a path here, and only where it lands (inside) can be checked.
            const bool nested = sent.find('/') != std::string::npos;
            placements +=
                std::string(placements.empty() ? "" : ",") + R"({"content":")" + content + '"' +
                (nested ? R"(,"nested":true)"
                        : R"(,"leaf":")" + hexOf(form.leaf) + R"(","parent":")" + hexOf(form.parent) + '"') +
                "}";
        }
    }
    std::vector<Drop> drops;
    drops.push_back(makeDrop("saved", "hostile names", std::move(saved), std::move(savedContents)));
    drops.back().details = R"(,"files":[)" + placements + "]";
    std::move(refused.begin(), refused.end(), std::back_inserter(drops));
    return drops;
}

// Manifests that break a rule of docs/PROTOCOL.md ("Manifest"), each after a
// harmless file, and an offer larger than any disk.
std::vector<Drop> badManifestDrops()
{
    const Bytes harmless = bytesOf("harmless");
    const auto withHarmless = [&harmless](proto::ManifestEntry entry) {
        proto::Manifest manifest;
        manifest.entries.push_back(fileEntry("harmless.txt", harmless, manifest.chunkSize));
        manifest.entries.push_back(std::move(entry));
        return manifest;
    };
    std::vector<Drop> drops;

    // The wire has no kind for links: a sender that wants one sends a kind
    // the format does not know.
    proto::ManifestEntry link;
    link.kind = static_cast<proto::ManifestEntryKind>(3);
    link.path = "link-to-etc-passwd";
    drops.push_back(makeDrop("refused", "link entry", withHarmless(link), {harmless}));

    // Two names for one file: the same path twice.
    drops.push_back(makeDrop(
        "refused", "same path twice",
        withHarmless(fileEntry("harmless.txt", asBytes(std::string_view("twin")), proto::kMaxChunkSize)),
        {harmless, bytesOf("twin")}));

    // A size no disk holds, without the chunk hashes it would need; the
    // offer keeps to a small size so the node fetches the manifest.
    proto::ManifestEntry huge = fileEntry("huge.bin", harmless, proto::kMaxChunkSize);
    huge.size = std::numeric_limits<std::uint64_t>::max();
    Drop absurd = makeDrop("refused", "absurd size in the manifest", withHarmless(huge), {harmless});
    absurd.offer.totalBytes = 2 * harmless.size();
    drops.push_back(std::move(absurd));

    // The manifest is bound to the offer by its hash, but the sizes disagree.
    Drop lying =
        makeDrop("refused", "offer and manifest disagree",
                 withHarmless(fileEntry("small.txt", harmless, proto::kMaxChunkSize)), {harmless, harmless});
    lying.offer.totalBytes += 1;
    drops.push_back(std::move(lying));

    proto::Manifest oddChunks = withHarmless(fileEntry("odd.txt", harmless, proto::kMaxChunkSize));
    oddChunks.chunkSize = 3000;
    drops.push_back(
        makeDrop("refused", "chunk size not a power of two", std::move(oddChunks), {harmless, harmless}));

    // Honest about a size larger than any disk: judged before anything is fetched.
    Drop enormous =
        makeDrop("paused-at-accept", "larger than any disk",
                 withHarmless(fileEntry("small.txt", harmless, proto::kMaxChunkSize)), {harmless, harmless});
    enormous.offer.totalBytes = std::uint64_t{1} << 62;
    drops.push_back(std::move(enormous));
    return drops;
}

Bytes readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Unexpected("cannot read " + path);
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<Drop> oneFileDrop(const DropSenderOptions& options)
{
    const Bytes data = readFile(options.file);
    const std::string name = options.file.substr(options.file.rfind('/') + 1);
    proto::Manifest manifest;
    manifest.entries.push_back(fileEntry(name, data, manifest.chunkSize));
    if (options.chunk >= manifest.chunkCount(0)) {
        throw Unexpected("--chunk " + std::to_string(options.chunk) + " is past the end of " + options.file);
    }
    const bool fails = options.mode == "drop-corrupt-chunk" && options.times >= kMismatchesThatFail;
    std::vector<Drop> drops;
    drops.push_back(makeDrop(fails ? "damaged" : "complete", options.mode, std::move(manifest), {data}));
    return drops;
}

// A transfer connection the node dialled for one of the drops.
struct Transfer {
    std::unique_ptr<Connection> connection;
    Drop* drop = nullptr;
    crypto::RecordCipher send;
    crypto::RecordCipher receive;
};

class DropSender {
public:
    DropSender(Connection& link, const std::string& host, const DropSenderOptions& options)
        : m_link(link), m_listener(host), m_options(options), m_identity(crypto::IdentityKeyPair::generate())
    {
        m_handshake.capabilities = static_cast<std::uint32_t>(proto::Capability::FileDrops);
        m_handshake.listenPort = m_listener.port();
    }

    int run()
    {
        const auto deadline = Clock::now() + std::chrono::milliseconds(m_options.timeoutMs);
        m_session.emplace(handshake(m_link, m_identity, m_handshake, deadline));
        m_drops = plan();
        for (const Drop& drop : m_drops) {
            m_link.sendOrThrow(envelopeFrame(*m_session, proto::EnvelopeKind::FileOffer,
                                             crypto::randomMessageId(), proto::encodeFileOffer(drop.offer)));
            std::printf(R"({"offered":"%s","expect":"%s","label":"%s"%s})"
                        "\n",
                        proto::transferIdToHex(drop.offer.transferId).c_str(), drop.expect.c_str(),
                        hexOf(drop.label).c_str(), drop.details.c_str());
        }
        std::printf(R"({"offers":%zu})"
                    "\n",
                    m_drops.size());
        std::fflush(stdout);
        while (!m_linkClosed && !allOver() && Clock::now() < deadline) {
            step();
        }
        const bool linkAlive = !m_linkClosed && stillDelivers();
        printSummary(linkAlive);
        return allOver() && linkAlive ? 0 : 1;
    }

private:
    std::vector<Drop> plan() const
    {
        if (m_options.mode == "drop-hostile-names") {
            return hostileNameDrops();
        }
        if (m_options.mode == "drop-bad-manifest") {
            return badManifestDrops();
        }
        return oneFileDrop(m_options);
    }

    // Every drop answered for good, and every transfer connection closed by
    // the node: a Stop record comes before the close, but it may come after
    // the answer on the link.
    [[nodiscard]] bool allOver() const
    {
        return m_transfers.empty() &&
               std::all_of(m_drops.begin(), m_drops.end(), [](const Drop& drop) { return drop.over(); });
    }

    // One wait for the link, the listener and the transfer connections.
    void step()
    {
        std::vector<pollfd> fds{{m_link.fd(), POLLIN, 0}, {m_listener.fd(), POLLIN, 0}};
        for (const Transfer& transfer : m_transfers) {
            fds.push_back({transfer.connection->fd(), POLLIN, 0});
        }
        if (::poll(fds.data(), fds.size(), kPollMs) <= 0) {
            return;
        }
        if (fds[0].revents != 0) {
            readLink();
        }
        if (fds[1].revents != 0) {
            acceptTransfers();
        }
        for (std::size_t i = 2; i < fds.size(); ++i) {
            if (fds[i].revents != 0) {
                readTransfer(m_transfers[i - 2]);
            }
        }
        std::erase_if(m_transfers, [](const Transfer& transfer) { return transfer.connection->closed(); });
    }

    void readLink()
    {
        if (!m_link.receiveSome(Clock::now())) {
            m_linkClosed = true;
            return;
        }
        while (auto frame = m_link.tryReadFrame(proto::kMaxFrameSize, Clock::now())) {
            onLinkMessage(openLinkMessage(*m_session, *frame));
        }
    }

    void onLinkMessage(const proto::LinkMessage& message)
    {
        if (message.type == proto::LinkMessageType::Ping) {
            sendLinkMessage(m_link, *m_session,
                            proto::encodeLinkMessage(proto::LinkMessageType::Pong, message.body));
            return;
        }
        if (message.type == proto::LinkMessageType::Goodbye) {
            m_linkClosed = true;
            return;
        }
        if (message.type != proto::LinkMessageType::Envelope) {
            return;
        }
        auto envelope = proto::decodeEnvelope(message.body);
        if (!envelope || envelope.value().kind != proto::EnvelopeKind::FileAnswer) {
            return;
        }
        auto answer = proto::decodeFileAnswer(envelope.value().body);
        if (!answer) {
            throw Unexpected("the node sent a malformed file answer");
        }
        if (Drop* drop = dropOf(answer.value().transferId)) {
            std::fprintf(stderr, "confab_hostile_peer: drop %s: %s (%s)\n", drop->label.c_str(),
                         answerName(answer.value().answer), reasonName(answer.value().reason));
            drop->last = answer.value();
        }
    }

    Drop* dropOf(const proto::TransferId& id)
    {
        const auto it = std::find_if(m_drops.begin(), m_drops.end(),
                                     [&id](const Drop& drop) { return drop.offer.transferId == id; });
        return it == m_drops.end() ? nullptr : &*it;
    }

    void acceptTransfers()
    {
        while (auto connection = m_listener.acceptPending()) {
            acceptTransfer(std::move(connection));
        }
    }

    // A listen port is announced, so nodes also dial it for links (the
    // receiver's dialer, peers it told about us): those are closed, only
    // transfer connections for our drops are served.
    void acceptTransfer(std::unique_ptr<Connection> connection)
    {
        const auto deadline = Clock::now() + std::chrono::milliseconds(kHandshakeTimeoutMs);
        std::optional<Session> session;
        try {
            session.emplace(acceptHandshake(*connection, m_identity, m_handshake, deadline));
        } catch (const std::runtime_error& error) {
            std::fprintf(stderr, "confab_hostile_peer: an incoming handshake failed: %s\n", error.what());
            return;
        }
        Drop* drop = session->remote.transferId ? dropOf(*session->remote.transferId) : nullptr;
        if (drop == nullptr) {
            std::fprintf(stderr, "confab_hostile_peer: closed an incoming link from %s\n",
                         session->remote.peerId.toText().c_str());
            return;
        }
        ++drop->connections;
        auto ciphers = crypto::recordCiphers(session->transport);
        m_transfers.push_back(
            Transfer{std::move(connection), drop, std::move(ciphers.first), std::move(ciphers.second)});
        // Records may have come with handshake message 3.
        readRecords(m_transfers.back());
    }

    void readTransfer(Transfer& transfer)
    {
        if (!transfer.connection->receiveSome(Clock::now())) {
            return; // closed: dropped after this step
        }
        readRecords(transfer);
    }

    void readRecords(Transfer& transfer)
    {
        while (!transfer.connection->closed()) {
            auto sealed = transfer.connection->tryReadFrame(kMaxSealedRecord, Clock::now());
            if (!sealed) {
                return;
            }
            auto plaintext = transfer.receive.open(*sealed);
            if (!plaintext) {
                throw Unexpected("a transfer record from the node failed authentication");
            }
            auto record = proto::decodeTransferRecord(plaintext.value());
            if (!record) {
                throw Unexpected("the node sent a malformed transfer record");
            }
            onRecord(transfer, record.value());
        }
    }

    void onRecord(Transfer& transfer, const proto::TransferRecord& record)
    {
        switch (record.type) {
        case proto::TransferRecordType::Hello:
            if (record.wantManifest) {
                sendManifest(transfer);
            }
            return;
        case proto::TransferRecordType::Want:
            for (const proto::ChunkRange& range : record.ranges) {
                for (std::uint32_t i = 0; i < range.chunkCount && !transfer.connection->closed(); ++i) {
                    sendChunk(transfer, range.entry, range.firstChunk + i);
                }
            }
            return;
        case proto::TransferRecordType::Stop:
            transfer.drop->stop = record.reason;
            transfer.connection->markClosed();
            return;
        case proto::TransferRecordType::Done:
        case proto::TransferRecordType::ManifestPart:
        case proto::TransferRecordType::Chunk:
        case proto::TransferRecordType::Swarm:
        case proto::TransferRecordType::Have:
            return;
        }
    }

    void sendManifest(Transfer& transfer)
    {
        const Bytes& manifest = transfer.drop->manifestBytes;
        for (std::size_t at = 0; at < manifest.size(); at += proto::kMaxManifestPartSize) {
            proto::TransferRecord part;
            part.type = proto::TransferRecordType::ManifestPart;
            part.offset = static_cast<std::uint32_t>(at);
            const auto end =
                manifest.begin() +
                static_cast<std::ptrdiff_t>(std::min(manifest.size(), at + proto::kMaxManifestPartSize));
            part.data.assign(manifest.begin() + static_cast<std::ptrdiff_t>(at), end);
            sendRecord(transfer, proto::encodeTransferRecord(part), false);
        }
    }

    void sendChunk(Transfer& transfer, std::uint32_t entry, std::uint32_t chunk)
    {
        Drop& drop = *transfer.drop;
        if (entry >= drop.manifest.entries.size() ||
            drop.manifest.entries[entry].kind != proto::ManifestEntryKind::File ||
            chunk >= drop.manifest.chunkCount(entry)) {
            throw Unexpected("the node asked for a chunk its manifest does not have");
        }
        const int asked = ++drop.asked[{entry, chunk}];
        const bool faulty = entry == 0 && chunk == m_options.chunk;
        proto::TransferRecord record;
        record.type = proto::TransferRecordType::Chunk;
        record.entry = entry;
        record.chunk = chunk;
        const std::size_t offset = std::size_t{chunk} * drop.manifest.chunkSize;
        const auto begin = drop.contents[entry].begin() + static_cast<std::ptrdiff_t>(offset);
        record.data.assign(begin, begin + drop.manifest.chunkLength(entry, chunk));
        if (faulty && m_options.mode == "drop-corrupt-chunk" && asked <= m_options.times) {
            record.data[record.data.size() / 2] ^= 0x01; // sealed as it is: only the chunk hash can tell
        }
        const bool tamper = faulty && m_options.mode == "drop-tamper-record" && asked == 1;
        sendRecord(transfer, proto::encodeTransferRecord(record), tamper);
    }

    // Seals and sends one record; `tamper` flips a ciphertext bit after sealing.
    static void sendRecord(Transfer& transfer, const Bytes& plaintext, bool tamper)
    {
        auto sealed = transfer.send.seal(plaintext);
        if (!sealed) {
            throw Unexpected("cannot seal a record");
        }
        if (tamper) {
            sealed.value()[sealed.value().size() / 2] ^= 0x01;
        }
        if (!transfer.connection->sendAll(proto::encodeFrame(sealed.value()))) {
            transfer.connection->markClosed(); // the node closed it: it dials again if it still wants
        }
    }

    // Whether the link still carries a message to the node once the drops are over.
    bool stillDelivers()
    {
        const MessageId id = crypto::randomMessageId();
        try {
            m_link.sendOrThrow(textFrame(*m_session, id, "still linked after the drops"));
            return awaitDelivered(m_link, *m_session, id,
                                  Clock::now() + std::chrono::milliseconds(kDeliveryTimeoutMs));
        } catch (const ClosedEarly&) {
            return false;
        }
    }

    void printSummary(bool linkAlive) const
    {
        std::string drops;
        for (const Drop& drop : m_drops) {
            std::string asked;
            for (const auto& [chunk, times] : drop.asked) {
                asked += std::string(asked.empty() ? "" : ",") + '"' + std::to_string(chunk.first) + ':' +
                         std::to_string(chunk.second) + R"(":)" + std::to_string(times);
            }
            drops += std::string(drops.empty() ? "" : ",") + R"({"id":")" +
                     proto::transferIdToHex(drop.offer.transferId) + R"(","answer":")" +
                     (drop.last ? answerName(drop.last->answer) : "none") + R"(","reason":")" +
                     (drop.last ? reasonName(drop.last->reason) : "none") + R"(","stop":")" +
                     (drop.stop ? reasonName(*drop.stop) : "none") + R"(","connections":)" +
                     std::to_string(drop.connections) + R"(,"asked":{)" + asked + "}}";
        }
        std::printf(R"({"summary":[%s],"link":"%s"})"
                    "\n",
                    drops.c_str(), linkAlive ? "alive" : "closed");
        std::fflush(stdout);
    }

    Connection& m_link;
    Listener m_listener;
    DropSenderOptions m_options;
    crypto::IdentityKeyPair m_identity;
    HandshakeOptions m_handshake;
    std::optional<Session> m_session;
    std::vector<Drop> m_drops;
    std::vector<Transfer> m_transfers;
    bool m_linkClosed = false;
};

} // namespace

bool isDropMode(const std::string& mode)
{
    return mode == "drop-hostile-names" || mode == "drop-bad-manifest" || mode == "drop-corrupt-chunk" ||
           mode == "drop-tamper-record";
}

int runDropSender(Connection& link, const std::string& host, const DropSenderOptions& options)
{
    return DropSender(link, host, options).run();
}

} // namespace confab::tools
