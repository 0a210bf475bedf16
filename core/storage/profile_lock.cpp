#include "profile_lock.h"

#include <QByteArray>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace confab::storage {
namespace {

qint64 readHolder(int fd)
{
    char text[32] = {};
    const ssize_t got = ::pread(fd, text, sizeof text - 1, 0);
    return got > 0 ? QByteArray(text, static_cast<int>(got)).trimmed().toLongLong() : 0;
}

} // namespace

Result<std::unique_ptr<ProfileLock>, ProfileLock::Refusal> ProfileLock::acquire(const QString& path)
{
    const QByteArray name = path.toLocal8Bit();
    const int fd = ::open(name.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        return Refusal{0, QString::fromLocal8Bit(std::strerror(errno))};
    }
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        Refusal refusal{readHolder(fd), {}};
        if (error != EWOULDBLOCK) {
            refusal.error = QString::fromLocal8Bit(std::strerror(error));
        }
        ::close(fd);
        return refusal;
    }
    // Ours now: whatever an earlier owner wrote is replaced by our ID. Without
    // it the lock still holds; only a second node's message is poorer.
    const QByteArray pid = QByteArray::number(static_cast<qint64>(::getpid())) + '\n';
    [[maybe_unused]] const bool noted =
        ::ftruncate(fd, 0) == 0 &&
        ::pwrite(fd, pid.constData(), static_cast<size_t>(pid.size()), 0) == pid.size();
    return std::unique_ptr<ProfileLock>(new ProfileLock(fd));
}

ProfileLock::~ProfileLock()
{
    ::close(m_fd); // releases the flock
}

} // namespace confab::storage
