#pragma once

#include "proto/call_signal.h"
#include "secret.h"

namespace confab::crypto {

// Datagrams per key epoch: the media key is ratcheted every 2^20 datagrams
// (about 5.8 hours of 20 ms audio), so an old key never decrypts new traffic.
inline constexpr int kMediaEpochBits = 20;

enum class CallRole { Caller, Callee };

// The two direction keys of one call (docs/PROTOCOL.md, "Media keys"):
//
//   master         = BLAKE2b-256(key = callerSecret || calleeSecret,
//                                msg = "confab media v1" || callId)
//   callerToCallee = BLAKE2b-256(key = master, msg = "confab media caller to callee")
//   calleeToCaller = BLAKE2b-256(key = master, msg = "confab media callee to caller")
//
// Both secrets travel inside the Noise-encrypted link (the Invite carries the
// caller's, the Accept the callee's), so only the two linked peers can derive
// them. Each key is the key of epoch 0 of its direction.
struct MediaKeys {
    Secret<32> callerToCallee;
    Secret<32> calleeToCaller;

    [[nodiscard]] const Secret<32>& sendKey(CallRole role) const
    {
        return role == CallRole::Caller ? callerToCallee : calleeToCaller;
    }
    [[nodiscard]] const Secret<32>& receiveKey(CallRole role) const
    {
        return role == CallRole::Caller ? calleeToCaller : callerToCallee;
    }
};

MediaKeys deriveMediaKeys(const Secret<32>& callerSecret, const Secret<32>& calleeSecret,
                          const proto::CallId& callId);

// The key of epoch e+1 from the key of epoch e:
// BLAKE2b-256(key = epochKey, msg = "confab media rekey").
Secret<32> nextEpochKey(const Secret<32>& epochKey);

// A fresh random secret for an Invite or an Accept.
Secret<32> randomCallSecret();

} // namespace confab::crypto
