#include "profile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>

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
        return QStringLiteral(
                   "Cannot create the profile folder %1. Check that its parent exists and is writable.")
            .arg(dir);
    }
    QFile::setPermissions(dir, kOwnerOnlyDir);

    auto lock = ProfileLock::acquire(dir + QStringLiteral("/confab.lock"));
    if (!lock) {
        if (!lock.error().error.isEmpty()) {
            return QStringLiteral("Cannot lock the profile %1 (%2). Check that the folder is writable.")
                .arg(dir, lock.error().error);
        }
        const qint64 pid = lock.error().holderPid;
        return QStringLiteral("The profile %1 is already in use%2. Stop that Confab first, or use another "
                              "--profile.")
            .arg(dir, pid > 0 ? QStringLiteral(" (process %1)").arg(pid) : QString());
    }

    std::unique_ptr<Profile> profile(new Profile(dir, std::move(lock).value()));
    const QString keyPath = identityPath(dir);
    if (QFileInfo::exists(keyPath)) {
        profile->m_identity = readIdentity(keyPath);
        if (!profile->m_identity) {
            return QStringLiteral(
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
            return QStringLiteral("Cannot write the identity key to %1.").arg(keyPath);
        }
        profile->m_identity = std::move(identity);
        profile->m_isNew = true;
    }
    return profile;
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

QString Profile::displayName() const
{
    QSettings settings(settingsPath(m_dir), QSettings::IniFormat);
    return settings.value(QStringLiteral("profile/displayName")).toString();
}

void Profile::setDisplayName(const QString& name)
{
    QSettings settings(settingsPath(m_dir), QSettings::IniFormat);
    settings.setValue(QStringLiteral("profile/displayName"), name);
    settings.sync();
    QFile::setPermissions(settingsPath(m_dir), kOwnerOnlyFile);
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
    stored.sync();
    QFile::setPermissions(settingsPath(m_dir), kOwnerOnlyFile);
    return stored.status() == QSettings::NoError;
}

} // namespace confab::storage
