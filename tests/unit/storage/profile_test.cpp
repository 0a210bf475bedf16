#include "crypto/identity.h"
#include "storage/profile.h"
#include "support/qt_environment.h"
#include "support/temp_profile.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <csignal>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace confab::storage {
namespace {

// Permission bits as the kernel sees them (QFile::permissions also reports
// "user" bits for the current user, which would hide a group/other bit).
unsigned modeOf(const QString& path)
{
    struct stat info {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0) {
        return 0xFFFFu;
    }
    return static_cast<unsigned>(info.st_mode) & 0777u;
}

QString keyPath(const QString& dir)
{
    return dir + QStringLiteral("/identity.key");
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    ASSERT_EQ(file.write(bytes), bytes.size());
}

TEST(Profile, FirstOpenCreatesPrivateFolderAndKey)
{
    test::TempDir temp;
    const QString dir = temp.path(QStringLiteral("profile"));
    auto profile = Profile::open(dir);
    ASSERT_TRUE(profile) << profile.error().toStdString();
    EXPECT_TRUE(profile.value()->isNew());
    EXPECT_EQ(modeOf(dir), 0700u);
    EXPECT_EQ(modeOf(keyPath(dir)), 0600u);
    const QByteArray seed = readFile(keyPath(dir));
    ASSERT_EQ(seed.size(), 32);
    // The file holds the seed of exactly the identity the profile uses.
    crypto::Secret<32> secret;
    std::copy(seed.begin(), seed.end(), secret.data());
    EXPECT_EQ(crypto::IdentityKeyPair::fromSeed(secret).peerId(), profile.value()->identity().peerId());
    EXPECT_TRUE(profile.value()->databasePath().startsWith(profile.value()->dir() + u'/'));
    EXPECT_TRUE(profile.value()->controlSocketPath().startsWith(profile.value()->dir() + u'/'));
}

TEST(Profile, ExistingFolderIsMadePrivate)
{
    test::TempDir temp;
    const QString dir = temp.path(QStringLiteral("profile"));
    ASSERT_EQ(::mkdir(QFile::encodeName(dir).constData(), 0755), 0);
    ASSERT_EQ(::chmod(QFile::encodeName(dir).constData(), 0755), 0);
    auto profile = Profile::open(dir);
    ASSERT_TRUE(profile) << profile.error().toStdString();
    EXPECT_EQ(modeOf(dir), 0700u);
}

TEST(Profile, ReopenKeepsTheSameIdentity)
{
    test::TempDir temp;
    const QString dir = temp.path(QStringLiteral("profile"));
    PeerId first;
    crypto::PublicKey firstKey{};
    {
        auto profile = Profile::open(dir);
        ASSERT_TRUE(profile) << profile.error().toStdString();
        first = profile.value()->identity().peerId();
        firstKey = profile.value()->identity().publicKey();
    }
    auto profile = Profile::open(dir);
    ASSERT_TRUE(profile) << profile.error().toStdString();
    EXPECT_FALSE(profile.value()->isNew());
    EXPECT_EQ(profile.value()->identity().peerId(), first);
    EXPECT_EQ(profile.value()->identity().publicKey(), firstKey);
}

PeerId identityIn(const QString& keyFile)
{
    const QByteArray seed = readFile(keyFile);
    crypto::Secret<32> secret;
    if (seed.size() != 32) {
        return {};
    }
    std::copy(seed.begin(), seed.end(), secret.data());
    return crypto::IdentityKeyPair::fromSeed(secret).peerId();
}

TEST(Profile, ReplacedKeyTakesOverAtTheNextOpenAndTheOldOneIsKept)
{
    test::TempDir temp;
    const QString dir = temp.path(QStringLiteral("profile"));
    const auto restored = crypto::IdentityKeyPair::generate();
    PeerId original;
    QString kept;
    {
        auto profile = Profile::open(dir);
        ASSERT_TRUE(profile) << profile.error().toStdString();
        original = profile.value()->identity().peerId();
        auto replaced = Profile::replaceIdentityKey(dir, restored);
        ASSERT_TRUE(replaced) << replaced.error().toStdString();
        kept = replaced.value().keptFile;
        // The open profile goes on with the key it opened with.
        EXPECT_EQ(profile.value()->identity().peerId(), original);
    }
    EXPECT_TRUE(QFileInfo(kept).fileName().startsWith(QStringLiteral("identity-replaced-")))
        << kept.toStdString();
    EXPECT_EQ(QFileInfo(kept).absolutePath(), QFileInfo(dir).absoluteFilePath());
    EXPECT_EQ(identityIn(kept), original);
    EXPECT_EQ(modeOf(kept), 0600u);
    EXPECT_EQ(modeOf(keyPath(dir)), 0600u);
    EXPECT_FALSE(QFileInfo::exists(dir + QStringLiteral("/identity.key.incoming")));
    auto reopened = Profile::open(dir);
    ASSERT_TRUE(reopened) << reopened.error().toStdString();
    EXPECT_FALSE(reopened.value()->isNew());
    EXPECT_EQ(reopened.value()->identity().peerId(), restored.peerId());
}

TEST(Profile, ReplacingTwiceInOneSecondKeepsBothOldKeys)
{
    test::TempDir temp;
    const QString dir = temp.path(QStringLiteral("profile"));
    ASSERT_TRUE(Profile::open(dir));
    const auto second = crypto::IdentityKeyPair::generate();
    auto first = Profile::replaceIdentityKey(dir, second);
    auto again = Profile::replaceIdentityKey(dir, crypto::IdentityKeyPair::generate());
    ASSERT_TRUE(first && again);
    EXPECT_NE(first.value().keptFile, again.value().keptFile);
    EXPECT_EQ(identityIn(again.value().keptFile), second.peerId());
}

TEST(Profile, TwoProfilesHaveDifferentIdentities)
{
    test::TempDir temp;
    auto a = Profile::open(temp.path(QStringLiteral("a")));
    auto b = Profile::open(temp.path(QStringLiteral("b")));
    ASSERT_TRUE(a && b);
    EXPECT_NE(a.value()->identity().peerId(), b.value()->identity().peerId());
}

TEST(Profile, SecondOpenWhileInUseFailsAndSucceedsAfterRelease)
{
    test::TempDir temp;
    const QString dir = temp.path(QStringLiteral("profile"));
    auto first = Profile::open(dir);
    ASSERT_TRUE(first) << first.error().toStdString();

    auto second = Profile::open(dir);
    ASSERT_FALSE(second);
    EXPECT_TRUE(second.error().contains(QStringLiteral("in use"))) << second.error().toStdString();

    EXPECT_TRUE(second.error().contains(QString::number(QCoreApplication::applicationPid())))
        << "the message names the process that holds it: " << second.error().toStdString();

    first.value().reset(); // releases the lock
    auto third = Profile::open(dir);
    ASSERT_TRUE(third) << third.error().toStdString();
}

TEST(Profile, WhatADeadOwnerLeftNeverLocksItOut)
{
    test::TempDir temp;
    const QString dir = temp.path(QStringLiteral("profile"));
    ASSERT_TRUE(Profile::open(dir));
    // A lock file naming a running process (this one), and the helper files
    // an older lock left when killed in the middle of taking it over: only
    // a live holder of the lock itself counts.
    for (const char* name : {"/confab.lock", "/confab.lock.rmlock", "/confab.lock.rmlock.rmlock"}) {
        QFile file(dir + QLatin1String(name));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::number(QCoreApplication::applicationPid()) + "\nconfabd\nhost\n");
    }
    auto opened = Profile::open(dir);
    EXPECT_TRUE(opened) << opened.error().toStdString();
}

TEST(Profile, AProcessKilledWhileHoldingItReleasesIt)
{
    test::TempDir temp;
    const QString dir = temp.path(QStringLiteral("profile"));
    ASSERT_TRUE(Profile::open(dir));
    const QString lockPath = dir + QStringLiteral("/confab.lock");
    int ready[2];
    ASSERT_EQ(::pipe(ready), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        // The child takes the lock, says so, and waits to be killed.
        auto lock = ProfileLock::acquire(lockPath);
        const char ok = lock ? '1' : '0';
        [[maybe_unused]] const auto written = ::write(ready[1], &ok, 1);
        ::pause();
        ::_exit(0);
    }
    ::close(ready[1]);
    char ok = 0;
    ASSERT_EQ(::read(ready[0], &ok, 1), 1);
    ::close(ready[0]);
    ASSERT_EQ(ok, '1');
    auto whileHeld = Profile::open(dir);
    ASSERT_FALSE(whileHeld);
    EXPECT_TRUE(whileHeld.error().contains(QString::number(child))) << whileHeld.error().toStdString();

    ::kill(child, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    auto afterKill = Profile::open(dir);
    EXPECT_TRUE(afterKill) << afterKill.error().toStdString();
}

TEST(Profile, TruncatedKeyIsRefused)
{
    test::TempDir temp;
    const QString dir = temp.path(QStringLiteral("profile"));
    ASSERT_TRUE(Profile::open(dir));
    const QByteArray seed = readFile(keyPath(dir));
    writeFile(keyPath(dir), seed.left(16));

    auto profile = Profile::open(dir);
    ASSERT_FALSE(profile);
    EXPECT_TRUE(profile.error().contains(QStringLiteral("damaged"))) << profile.error().toStdString();
    EXPECT_TRUE(profile.error().contains(QStringLiteral("identity.key"))) << profile.error().toStdString();
    // The damaged key is left for the user to restore, never replaced.
    EXPECT_EQ(readFile(keyPath(dir)), seed.left(16));
}

TEST(Profile, OverlongAndEmptyKeysAreRefused)
{
    test::TempDir temp;
    const QString dir = temp.path(QStringLiteral("profile"));
    ASSERT_TRUE(Profile::open(dir));
    const QByteArray seed = readFile(keyPath(dir));

    writeFile(keyPath(dir), seed + QByteArray(1, 'x'));
    EXPECT_FALSE(Profile::open(dir));
    writeFile(keyPath(dir), QByteArray());
    EXPECT_FALSE(Profile::open(dir));
}

TEST(Profile, WideKeyPermissionsAreTightened)
{
    test::TempDir temp;
    const QString dir = temp.path(QStringLiteral("profile"));
    ASSERT_TRUE(Profile::open(dir));
    ASSERT_EQ(::chmod(QFile::encodeName(keyPath(dir)).constData(), 0644), 0);
    auto profile = Profile::open(dir);
    ASSERT_TRUE(profile) << profile.error().toStdString();
    EXPECT_EQ(modeOf(keyPath(dir)), 0600u);
}

TEST(Profile, UncreatableFolderIsReported)
{
    test::TempDir temp;
    const QString file = temp.path(QStringLiteral("plain-file"));
    writeFile(file, QByteArray("x"));
    auto profile = Profile::open(file + QStringLiteral("/profile"));
    ASSERT_FALSE(profile);
    EXPECT_TRUE(profile.error().contains(QStringLiteral("Cannot create"))) << profile.error().toStdString();
}

TEST(Profile, DisplayNameSurvivesReopen)
{
    test::TempDir temp;
    const QString dir = temp.path(QStringLiteral("profile"));
    {
        auto profile = Profile::open(dir);
        ASSERT_TRUE(profile);
        EXPECT_TRUE(profile.value()->displayName().isEmpty());
        profile.value()->setDisplayName(QStringLiteral("Zoë"));
    }
    auto profile = Profile::open(dir);
    ASSERT_TRUE(profile);
    EXPECT_EQ(profile.value()->displayName(), QStringLiteral("Zoë"));
}

TEST(Profile, SettingsSurviveReopenAndShareTheDisplayName)
{
    test::TempDir temp;
    const QString dir = temp.path(QStringLiteral("profile"));
    {
        auto profile = Profile::open(dir);
        ASSERT_TRUE(profile);
        const ProfileSettings fresh = profile.value()->settings();
        EXPECT_TRUE(fresh.downloadFolder.isEmpty()); // defaults are the caller's to fill in
        EXPECT_FALSE(fresh.startMinimised);
        EXPECT_TRUE(fresh.discoveryMode.isEmpty());
        EXPECT_FALSE(fresh.autoAcceptVerified);
        EXPECT_FALSE(fresh.lowLatencyCalls);
        EXPECT_EQ(fresh.awayAfterMinutes, -1);
        EXPECT_TRUE(fresh.notifications);
        EXPECT_TRUE(fresh.notificationSound);
        EXPECT_TRUE(fresh.echoCancellation);
        EXPECT_TRUE(profile.value()->presence().isEmpty());

        ProfileSettings chosen;
        chosen.displayName = QStringLiteral("Zoë");
        chosen.downloadFolder = QStringLiteral("/srv/drop");
        chosen.startMinimised = true;
        chosen.discoveryMode = QStringLiteral("embedded");
        chosen.autoAcceptVerified = true;
        chosen.lowLatencyCalls = true;
        chosen.awayAfterMinutes = 0;
        chosen.notifications = false;
        chosen.notificationSound = false;
        chosen.echoCancellation = false;
        ASSERT_TRUE(profile.value()->saveSettings(chosen));
        profile.value()->setPresence(QStringLiteral("busy"));
    }
    auto profile = Profile::open(dir);
    ASSERT_TRUE(profile);
    const ProfileSettings read = profile.value()->settings();
    EXPECT_EQ(read.displayName, QStringLiteral("Zoë"));
    EXPECT_EQ(profile.value()->displayName(), QStringLiteral("Zoë"));
    EXPECT_EQ(read.downloadFolder, QStringLiteral("/srv/drop"));
    EXPECT_TRUE(read.startMinimised);
    EXPECT_EQ(read.discoveryMode, QStringLiteral("embedded"));
    EXPECT_TRUE(read.autoAcceptVerified);
    EXPECT_TRUE(read.lowLatencyCalls);
    EXPECT_EQ(read.awayAfterMinutes, 0);
    EXPECT_FALSE(read.notifications);
    EXPECT_FALSE(read.notificationSound);
    EXPECT_FALSE(read.echoCancellation);
    EXPECT_EQ(profile.value()->presence(), QStringLiteral("busy"));
    EXPECT_EQ(modeOf(dir + QStringLiteral("/settings.ini")), 0600u);
}

} // namespace
} // namespace confab::storage
