#pragma once

#include "base/bytes.h"
#include "base/peer_id.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace confab::storage {

class Database;

// One file drop as this node keeps it across restarts. The offer and the
// manifest stay in their wire encoding (core/proto/file_drop.h); what the
// numbers in `state` and `reason` mean is the file-drop service's business.
struct StoredTransfer {
    Bytes id; // the drop's 16-byte transfer id
    PeerId peer;
    bool outgoing = false;
    int state = 0;
    int reason = 0;
    bool pausedHere = false;  // this side paused it
    bool pausedThere = false; // the peer paused it
    Bytes offer;              // encoded FileOffer
    Bytes manifest;           // encoded Manifest; empty until a receiver fetched it
    QStringList sources;      // sender: each manifest entry's source path, in entry order
    QString folder;           // receiver: the download folder chosen on accepting
    QStringList topNames;     // receiver: "sent name/name on disk" for each claimed top-level folder
    QString problem;          // the last problem, in words for the user; empty: none
    QString fileHash;         // a drop of one file: its BLAKE2b-256 in hex, once known
    QStringList savedAs;      // receiver: the top-level paths in the folder, once complete
    Bytes swarm; // sender: the encoded Swarm record naming the drop's other receivers; empty: none
    std::int64_t bytesDone = 0;
    std::int64_t bytesFromOthers = 0; // receiver: of bytesDone, what other receivers passed on
    std::int64_t createdMs = 0;
    std::int64_t updatedMs = 0;
};

// A received file's progress: which chunks are verified on disk, and the
// name it was given once it was renamed into place.
struct ReceivedFileState {
    Bytes verified; // bit i (LSB first in byte i / 8) = chunk i verified
    std::optional<QString> finalName;
};

class TransferStore {
public:
    explicit TransferStore(Database& db);

    bool insert(const StoredTransfer& transfer);
    // Writes every field but the id, peer, direction and creation time.
    bool update(const StoredTransfer& transfer);
    [[nodiscard]] std::optional<StoredTransfer> find(ByteView id);
    // Every drop, oldest first.
    std::vector<StoredTransfer> all();
    // The same without each drop's manifest and sources (left empty), which
    // can be megabytes each: for listing and looking drops up, never to be
    // saved back with update().
    std::vector<StoredTransfer> overview();

    // Several received-file states in one transaction (the chunks verified in
    // one pass of the event loop).
    bool saveFiles(ByteView transferId, const std::map<std::uint32_t, ReceivedFileState>& files);
    std::map<std::uint32_t, ReceivedFileState> files(ByteView transferId);
    // Forgets the received-file states of a drop (it was cancelled or restarted).
    bool clearFiles(ByteView transferId);

private:
    // Every drop, oldest first, read through `columns` (kColumns' order).
    std::vector<StoredTransfer> select(const QString& columns);

    Database& m_db;
};

} // namespace confab::storage
