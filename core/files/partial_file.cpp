#include "partial_file.h"

#include <QByteArray>
#include <QCoreApplication>

#include <cerrno>
#include <unistd.h>

namespace confab::files {

QString partialFileName(const proto::TransferId& transferId, std::uint32_t entry)
{
    const QByteArray id(reinterpret_cast<const char*>(transferId.data()),
                        static_cast<qsizetype>(transferId.size()));
    return QStringLiteral(".confab-%1-%2.part").arg(QString::fromLatin1(id.toHex())).arg(entry);
}

bool isPartialFileName(const QString& name)
{
    const QLatin1String prefix(".confab-");
    const QLatin1String suffix(".part");
    constexpr qsizetype kIdDigits = 2 * static_cast<qsizetype>(proto::kTransferIdSize);
    if (!name.startsWith(prefix) || !name.endsWith(suffix)) {
        return false;
    }
    const QString middle = name.mid(prefix.size(), name.size() - prefix.size() - suffix.size());
    if (middle.size() < kIdDigits + 2 || middle.at(kIdDigits) != QLatin1Char('-')) {
        return false;
    }
    const auto isIn = [](QChar c, char from, char to) {
        return c >= QLatin1Char(from) && c <= QLatin1Char(to);
    };
    for (qsizetype i = 0; i < middle.size(); ++i) {
        const QChar c = middle.at(i);
        const bool fits = i < kIdDigits    ? isIn(c, '0', '9') || isIn(c, 'a', 'f')
                          : i == kIdDigits ? c == QLatin1Char('-')
                                           : isIn(c, '0', '9');
        if (!fits) {
            return false;
        }
    }
    return true;
}

PartialFile::PartialFile(UniqueFd folder, UniqueFd file, QString name, QString shown, std::uint64_t size,
                         bool resumed)
    : m_folder(std::move(folder)), m_file(std::move(file)), m_name(std::move(name)),
      m_shown(std::move(shown)), m_size(size), m_resumed(resumed)
{
}

bool PartialFile::fits(std::uint64_t offset, std::size_t length) const
{
    return offset <= m_size && length <= m_size - offset;
}

DiskProblem PartialFile::pastTheEnd() const
{
    return {DiskProblem::Kind::Other,
            QCoreApplication::translate(
                "Transfers", "A write or read past the end of a partial file in \u201c%1\u201d was refused")
                .arg(m_shown)};
}

std::optional<DiskProblem> PartialFile::writeAt(std::uint64_t offset, ByteView bytes)
{
    if (!fits(offset, bytes.size())) {
        return pastTheEnd();
    }
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t wrote = ::pwrite(m_file.get(), bytes.data() + done, bytes.size() - done,
                                       static_cast<off_t>(offset + done));
        if (wrote < 0 && errno == EINTR) {
            continue;
        }
        if (wrote < 0) {
            return diskProblem(errno, m_shown);
        }
        done += static_cast<std::size_t>(wrote);
    }
    return std::nullopt;
}

Result<Bytes, DiskProblem> PartialFile::readAt(std::uint64_t offset, std::size_t length)
{
    if (!fits(offset, length)) {
        return pastTheEnd();
    }
    Bytes bytes(length);
    std::size_t done = 0;
    while (done < length) {
        const ssize_t got =
            ::pread(m_file.get(), bytes.data() + done, length - done, static_cast<off_t>(offset + done));
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            return diskProblem(errno, m_shown);
        }
        if (got == 0) {
            // Preallocated to its size: only something else can have cut it.
            return DiskProblem{
                DiskProblem::Kind::Other,
                QCoreApplication::translate(
                    "Transfers", "A partial file in \u201c%1\u201d was cut short by another program")
                    .arg(m_shown)};
        }
        done += static_cast<std::size_t>(got);
    }
    return bytes;
}

std::optional<DiskProblem> PartialFile::sync()
{
    if (::fdatasync(m_file.get()) != 0) {
        return diskProblem(errno, m_shown);
    }
    return std::nullopt;
}

} // namespace confab::files
