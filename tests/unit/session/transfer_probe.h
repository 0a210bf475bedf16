#pragma once

#include "session/link_manager.h"
#include "session/transfer_channel.h"
#include "support/virtual_clock.h"

#include <QString>

#include <memory>
#include <vector>

namespace confab::session::test {

// One channel and everything it reported, with the virtual times.
struct Probe {
    Probe(TransferChannel* taken, confab::test::VirtualClock& clock, bool start) : channel(taken)
    {
        QObject::connect(channel.get(), &TransferChannel::recordsReceived, channel.get(),
                         [this](const std::vector<Bytes>& batch) {
                             records.insert(records.end(), batch.begin(), batch.end());
                             batches.push_back(batch.size());
                         });
        QObject::connect(channel.get(), &TransferChannel::writable, channel.get(), [this] {
            ++writableCount;
            pendingAtWritable.push_back(channel->pendingWriteBytes());
        });
        QObject::connect(channel.get(), &TransferChannel::closed, channel.get(),
                         [this, &clock](const QString& reason) {
                             ++closedCount;
                             closeReason = reason;
                             closedAt = clock.monotonicMs();
                         });
        if (start) {
            channel->start();
        }
    }

    [[nodiscard]] bool closed() const { return closedCount > 0; }

    std::unique_ptr<TransferChannel> channel;
    std::vector<Bytes> records;
    std::vector<std::size_t> batches;
    int writableCount = 0;
    std::vector<std::int64_t> pendingAtWritable;
    int closedCount = 0;
    QString closeReason;
    std::int64_t closedAt = -1;
};

// What one LinkManager reported about transfer connections.
struct Transfers {
    struct Incoming {
        PeerId peer;
        TransferId transferId{};
        std::unique_ptr<Probe> probe;
    };
    struct Ready {
        TransferId transferId{};
        std::unique_ptr<Probe> probe;
    };
    struct Failed {
        TransferId transferId{};
        QString reason;
    };

    // `start`: whether each channel is started as soon as it is handed over.
    Transfers(LinkManager& manager, confab::test::VirtualClock& clock, bool start = true)
    {
        QObject::connect(
            &manager, &LinkManager::transferConnection, &manager,
            [this, &clock, start](TransferChannel* channel, const PeerId& peer, const TransferId& id) {
                incoming.push_back({peer, id, std::make_unique<Probe>(channel, clock, start)});
            });
        QObject::connect(&manager, &LinkManager::transferChannelReady, &manager,
                         [this, &clock, start](TransferChannel* channel, const TransferId& id) {
                             ready.push_back({id, std::make_unique<Probe>(channel, clock, start)});
                         });
        QObject::connect(&manager, &LinkManager::transferChannelFailed, &manager,
                         [this](const TransferId& id, const QString& reason) {
                             failed.push_back({id, reason});
                         });
    }

    std::vector<Incoming> incoming;
    std::vector<Ready> ready;
    std::vector<Failed> failed;
};

} // namespace confab::session::test
