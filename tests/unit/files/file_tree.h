#pragma once

#include "base/bytes.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>

#include <cstdint>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

namespace confab::files::test {

// Bytes that look random enough for a hash and are the same on every run.
inline Bytes patterned(std::size_t size, std::uint32_t seed = 1)
{
    Bytes out(size);
    std::uint32_t state = seed;
    for (std::uint8_t& byte : out) {
        state = state * 1664525U + 1013904223U;
        byte = static_cast<std::uint8_t>(state >> 24U);
    }
    return out;
}

inline bool writeFile(const QString& path, ByteView contents)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) &&
           file.write(reinterpret_cast<const char*>(contents.data()), static_cast<qint64>(contents.size())) ==
               static_cast<qint64>(contents.size());
}

inline bool writeFile(const QString& path, const char* text)
{
    return writeFile(path, asBytes(text));
}

inline std::int64_t mtimeNsOf(const QString& path)
{
    struct stat status {};
    EXPECT_EQ(::lstat(QFile::encodeName(path).constData(), &status), 0) << path.toStdString();
    return static_cast<std::int64_t>(status.st_mtim.tv_sec) * 1'000'000'000 + status.st_mtim.tv_nsec;
}

// Moves the modification time of `path` by `ns`, as an edit would.
inline bool touch(const QString& path, std::int64_t ns)
{
    const std::int64_t when = mtimeNsOf(path) + ns;
    const timespec times[2] = {{0, UTIME_OMIT}, {when / 1'000'000'000, when % 1'000'000'000}};
    return ::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, AT_SYMLINK_NOFOLLOW) == 0;
}

} // namespace confab::files::test
