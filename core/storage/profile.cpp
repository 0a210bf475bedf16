#include "profile.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace confab::storage {
namespace {

constexpr auto kOwnerOnlyDir = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
constexpr auto kOwnerOnlyFile = QFile::ReadOwner | QFile::WriteOwner;

QString identityPath(const QString& dir)
{
    return dir + QStringLiteral("/identity.key");
}

QString settingsPath(const QString& dir)
{
    return dir + QStringLiteral("/settings.ini");
}

bool writeNewIdentity(const QString& path, const crypto::IdentityKeyPair& identity)
{
    QFile file(path);
    // Created with 0600 from the start: the seed never exists in a wider file.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerOnlyFile)) {
        return false;
    }
    const auto seed = identity.seed().view();
    const auto written =
        file.write(reinterpret_cast<const char*>(seed.data()), static_cast<qint64>(seed.size()));
    return written == static_cast<qint64>(seed.size()) && file.flush() && file.error() == QFile::NoError;
}

// Makes a rename in `dir` survive a power cut.
bool syncFolder(const QString& dir)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    return synced;
}

bool writeSyncedIdentity(const QString& path, const crypto::IdentityKeyPair& identity)
{
    if (!writeNewIdentity(path, identity)) {
        return false;
    }
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && ::fsync(file.handle()) == 0;
}

std::optional<crypto::IdentityKeyPair> readIdentity(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    crypto::Secret<32> seed;
    const auto read = file.read(reinterpret_cast<char*>(seed.data()), static_cast<qint64>(seed.size()));
    if (read != static_cast<qint64>(seed.size()) || !file.atEnd()) {
        return std::nullopt;
    }
    return crypto::IdentityKeyPair::fromSeed(seed);
}

} // namespace

Profile::Profile(QString dir, std::unique_ptr<ProfileLock> lock)
    : m_dir(std::move(dir)), m_lock(std::move(lock))
{
}

Result<std::unique_ptr<Profile>, QString> Profile::open(const QString& requestedDir)
{
    const QString dir = QFileInfo(requestedDir).absoluteFilePath();
    if (!QDir().mkpath(dir)) {
        return QCoreApplication::translate(
                   "Storage",
                   "Cannot create the profile folder %1. Check that its parent exists and is writable.")
            .arg(dir);
    }
    QFile::setPermissions(dir, kOwnerOnlyDir);

    auto lock = ProfileLock::acquire(dir + QStringLiteral("/confab.lock"));
    if (!lock) {
        if (!lock.error().error.isEmpty()) {
            return QCoreApplication::translate(
                       "Storage", "Cannot lock the profile %1 (%2). Check that the folder is writable.")
                .arg(dir, lock.error().error);
        }
        const qint64 pid = lock.error().holderPid;
        return QCoreApplication::translate(
                   "Storage", "The profile %1 is already in use%2. Stop that Confab first, or use another "
                              "--profile.")
            .arg(dir, pid > 0 ? QCoreApplication::translate("Storage", " (process %1)").arg(pid) : QString());
    }

    std::unique_ptr<Profile> profile(new Profile(dir, std::move(lock).value()));
    const QString keyPath = identityPath(dir);
    if (QFileInfo::exists(keyPath)) {
        profile->m_identity = readIdentity(keyPath);
        if (!profile->m_identity) {
            return QCoreApplication::translate(
                       "Storage",
                       "The identity key %1 is damaged or unreadable. Restore it from a backup, or "
                       "move the profile away to start a new identity.")
                .arg(keyPath);
        }
        // A key file widened by a copy or a restore is narrowed again.
        QFile::setPermissions(keyPath, kOwnerOnlyFile);
    } else {
        auto identity = crypto::IdentityKeyPair::generate();
        if (!writeNewIdentity(keyPath, identity)) {
            QFile::remove(keyPath);
            return QCoreApplication::translate("Storage", "Cannot write the identity key to %1.")
                .arg(keyPath);
        }
        profile->m_identity = std::move(identity);
        profile->m_isNew = true;
    }
    return profile;
}

Result<Profile::ReplacedKey, QString> Profile::replaceIdentityKey(const QString& dir,
                                                                  const crypto::IdentityKeyPair& identity)
{
    const QString keyPath = identityPath(dir);
    const QString incoming = dir + QStringLiteral("/identity.key.incoming");
    QFile::remove(incoming); // left by a restore that was cut short
    if (!writeSyncedIdentity(incoming, identity)) {
        QFile::remove(incoming);
        return QCoreApplication::translate(
                   "Storage", "Cannot write the restored key in %1. Check that the folder is writable and "
                              "the disk is not full.")
            .arg(dir);
    }
    // The old key gets its second name before the new one takes its place,
    // so no crash leaves the profile without a key (a new one would be made).
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString kept = dir + QStringLiteral("/identity-replaced-%1.key").arg(stamp);
    for (int n = 2; QFileInfo::exists(kept); ++n) {
        kept = dir + QStringLiteral("/identity-replaced-%1-%2.key").arg(stamp).arg(n);
    }
    if (::link(QFile::encodeName(keyPath).constData(), QFile::encodeName(kept).constData()) != 0 ||
        ::rename(QFile::encodeName(incoming).constData(), QFile::encodeName(keyPath).constData()) != 0) {
        QFile::remove(incoming);
        return QCoreApplication::translate(
                   "Storage", "Cannot put the restored key in place in %1 (%2). The profile keeps its key.")
            .arg(dir, qt_error_string(errno));
    }
    syncFolder(dir);
    return ReplacedKey{kept};
}

QString Profile::databasePath() const
{
    return m_dir + QStringLiteral("/confab.db");
}

QString Profile::controlSocketPathFor(const QString& dir)
{
    return QFileInfo(dir).absoluteFilePath() + QStringLiteral("/control.sock");
}

QString Profile::controlSocketPath() const
{
    return controlSocketPathFor(m_dir);
}

namespace {

// One text value of settings.ini, outside the settings dialog's set.
QString readSetting(const QString& dir, const QString& key)
{
    return QSettings(settingsPath(dir), QSettings::IniFormat).value(key).toString();
}

void writeSetting(const QString& dir, const QString& key, const QString& value)
{
    QSettings settings(settingsPath(dir), QSettings::IniFormat);
    settings.setValue(key, value);
    settings.sync();
    QFile::setPermissions(settingsPath(dir), kOwnerOnlyFile);
}

} // namespace

QString Profile::displayName() const
{
    return readSetting(m_dir, QStringLiteral("profile/displayName"));
}

void Profile::setDisplayName(const QString& name)
{
    writeSetting(m_dir, QStringLiteral("profile/displayName"), name);
}

QString Profile::presence() const
{
    return readSetting(m_dir, QStringLiteral("profile/presence"));
}

void Profile::setPresence(const QString& presence)
{
    writeSetting(m_dir, QStringLiteral("profile/presence"), presence);
}

// Settings
ProfileSettings Profile::settings() const
{
    QSettings stored(settingsPath(m_dir), QSettings::IniFormat);
    ProfileSettings result;
    result.displayName = stored.value(QStringLiteral("profile/displayName")).toString();
    result.downloadFolder = stored.value(QStringLiteral("files/downloadFolder")).toString();
    result.startMinimised = stored.value(QStringLiteral("desktop/startMinimised"), false).toBool();
    result.discoveryMode = stored.value(QStringLiteral("network/discovery")).toString();
    result.audioInputDevice = stored.value(QStringLiteral("audio/inputDevice")).toString();
    result.audioOutputDevice = stored.value(QStringLiteral("audio/outputDevice")).toString();
    result.relayCarry = stored.value(QStringLiteral("relay/carry"), true).toBool();
    result.relayStoreMb = stored.value(QStringLiteral("relay/storeMb"), 0).toInt();
    result.autoAcceptVerified = stored.value(QStringLiteral("files/autoAcceptVerified"), false).toBool();
    result.lowLatencyCalls = stored.value(QStringLiteral("audio/lowLatency"), false).toBool();
    result.relayRateKib = stored.value(QStringLiteral("relay/rateKib"), -1).toInt();
    result.awayAfterMinutes = stored.value(QStringLiteral("desktop/awayAfterMinutes"), -1).toInt();
    result.notifications = stored.value(QStringLiteral("desktop/notifications"), true).toBool();
    result.notificationSound = stored.value(QStringLiteral("desktop/notificationSound"), true).toBool();
    result.echoCancellation = stored.value(QStringLiteral("audio/echoCancellation"), true).toBool();
    return result;
}

bool Profile::saveSettings(const ProfileSettings& settings)
{
    QSettings stored(settingsPath(m_dir), QSettings::IniFormat);
    stored.setValue(QStringLiteral("profile/displayName"), settings.displayName);
    stored.setValue(QStringLiteral("files/downloadFolder"), settings.downloadFolder);
    stored.setValue(QStringLiteral("desktop/startMinimised"), settings.startMinimised);
    stored.setValue(QStringLiteral("network/discovery"), settings.discoveryMode);
    stored.setValue(QStringLiteral("audio/inputDevice"), settings.audioInputDevice);
    stored.setValue(QStringLiteral("audio/outputDevice"), settings.audioOutputDevice);
    stored.setValue(QStringLiteral("relay/carry"), settings.relayCarry);
    stored.setValue(QStringLiteral("relay/storeMb"), settings.relayStoreMb);
    stored.setValue(QStringLiteral("files/autoAcceptVerified"), settings.autoAcceptVerified);
    stored.setValue(QStringLiteral("audio/lowLatency"), settings.lowLatencyCalls);
    stored.setValue(QStringLiteral("relay/rateKib"), settings.relayRateKib);
    stored.setValue(QStringLiteral("desktop/awayAfterMinutes"), settings.awayAfterMinutes);
    stored.setValue(QStringLiteral("desktop/notifications"), settings.notifications);
    stored.setValue(QStringLiteral("desktop/notificationSound"), settings.notificationSound);
    stored.setValue(QStringLiteral("audio/echoCancellation"), settings.echoCancellation);
    stored.sync();
    QFile::setPermissions(settingsPath(m_dir), kOwnerOnlyFile);
    return stored.status() == QSettings::NoError;
}

} // namespace confab::storage
