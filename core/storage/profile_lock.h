#pragma once

#include "base/result.h"

#include <QString>

#include <memory>

namespace confab::storage {

// One running node per profile: an exclusive flock(2) on the profile's lock
// file, held for as long as this object lives. The kernel drops it when the
// process ends however it ends (kill -9 included), so there is never a
// stale lock to guess about. The file holds the owner's process ID, for
// the message a second node prints.
class ProfileLock {
public:
    // Who holds it when it cannot be taken (0 when that is not known), or
    // the error text when the file cannot be opened at all.
    struct Refusal {
        qint64 holderPid = 0;
        QString error;
    };

    static Result<std::unique_ptr<ProfileLock>, Refusal> acquire(const QString& path);
    ~ProfileLock();

    ProfileLock(const ProfileLock&) = delete;
    ProfileLock& operator=(const ProfileLock&) = delete;

private:
    explicit ProfileLock(int fd) : m_fd(fd) {}

    int m_fd = -1;
};

} // namespace confab::storage
