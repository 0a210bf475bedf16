#pragma once

// The drop-* modes of confab_hostile_peer: the tool links to a node as a
// peer that takes file drops, offers it drops a real sender never would,
// and serves them on the transfer connections the node dials back (a
// listener on the tool's side, with its own Noise XX handshake), the way
// docs/PROTOCOL.md ("File drops") says or deliberately not.
//
//   drop-hostile-names  one drop holding every name of the hostile-name corpus
//                       that is not a climbing or absolute path (as a file, in
//                       a folder and as a folder), and one drop per path that
//                       is, each also holding a harmless file
//   drop-bad-manifest   manifests that break a rule: an entry of an unknown
//                       kind (a link), a path twice, sizes no disk holds, an
//                       offer whose size disagrees with its manifest
//   drop-corrupt-chunk  --file FILE: chunk --chunk N arrives with one byte
//                       flipped (correctly encrypted) the first --times times
//   drop-tamper-record  --file FILE: the record of chunk --chunk N has one
//                       ciphertext byte flipped the first time
//
// stdout gets one JSON line per drop offered ({"offered": ...}), then
// {"offers": COUNT}, and one summary line ({"summary": ...}) once every drop is
// over on the node's side (or the time is up), saying how each ended, how
// many transfer connections it took and how often each chunk was asked for.

#include "link_client.h"

#include <cstdint>
#include <string>

namespace confab::tools {

struct DropSenderOptions {
    std::string mode;
    std::string file;        // drop-corrupt-chunk, drop-tamper-record
    std::uint32_t chunk = 1; // the chunk that arrives damaged
    int times = 1;           // how many times it does (drop-corrupt-chunk)
    int timeoutMs = 60000;   // for the whole run
};

[[nodiscard]] bool isDropMode(const std::string& mode);

// Exit code: 0 every drop ended and the link still carries messages, 1 the
// time ran out first (or the link closed), 2 something unexpected (thrown).
int runDropSender(Connection& link, const std::string& host, const DropSenderOptions& options);

} // namespace confab::tools
