#pragma once

#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace confab::storage {

// Runs SQLite WAL checkpoints on a thread of its own, with its own connection.
// A checkpoint is where synchronous=NORMAL fsyncs; doing it here keeps those
// stalls (tens of ms on slow disks) off the network thread's commits.
class WalCheckpointer {
public:
    static constexpr int kIntervalMs = 1000;

    explicit WalCheckpointer(QString databasePath);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

private:
    void run();

    QString m_path;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace confab::storage
