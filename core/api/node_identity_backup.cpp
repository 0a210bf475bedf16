// Node: sealing the identity key with a passphrase, and restoring it.
#include "crypto/identity_backup.h"
#include "node.h"
#include "node_parts.h"

#include <QCoreApplication>
#include <QPromise>

#include <memory>
#include <sodium.h>
#include <string>

namespace confab::api {
namespace {

// The passphrase as bytes, the same whatever keyboard or input method typed
// it: "é" as one code point or as e + accent opens the same backup.
struct PassphraseBytes {
    explicit PassphraseBytes(const QString& passphrase)
        : bytes(passphrase.normalized(QString::NormalizationForm_KC).toStdString())
    {
    }
    ~PassphraseBytes() { sodium_memzero(bytes.data(), bytes.size()); }
    PassphraseBytes(const PassphraseBytes&) = delete;
    PassphraseBytes& operator=(const PassphraseBytes&) = delete;

    std::string bytes;
};

QString backupErrorText(crypto::BackupError error)
{
    switch (error) {
    case crypto::BackupError::Malformed:
        return QCoreApplication::translate(
            "Node", "This is not a Confab identity backup, or it is damaged. Choose the file that "
                    "\"Back up\" saved.");
    case crypto::BackupError::UnsupportedCost:
        return QCoreApplication::translate(
            "Node", "This backup asks for more work than Confab allows, so it was not opened. It was "
                    "altered, or made by a newer Confab: restore it there.");
    case crypto::BackupError::WrongPassphrase:
        return QCoreApplication::translate(
            "Node", "The passphrase does not open this backup. Check it and try again; capitals, "
                    "spaces and punctuation count.");
    case crypto::BackupError::OutOfMemory:
        return QCoreApplication::translate(
            "Node", "There is not enough free memory for the passphrase's work (a few hundred "
                    "MiB). Close other programs and try again.");
    }
    return {};
}

// What fulfils `promise` with `value`, to run on the node's thread.
template <typename T> BackgroundJob::Finish deliverTo(std::shared_ptr<QPromise<T>> promise, T value)
{
    return [promise = std::move(promise), value = std::move(value)] {
        promise->addResult(value);
        promise->finish();
    };
}

template <typename T> QFuture<T> finished(std::shared_ptr<QPromise<T>> promise, T value)
{
    QFuture<T> future = promise->future();
    deliverTo(std::move(promise), std::move(value))();
    return future;
}

QString busyText()
{
    return QCoreApplication::translate(
        "Node", "A backup or restore is still running. Try again when it has finished.");
}

} // namespace

QFuture<BackupResult> Node::backupIdentity(const QString& passphrase)
{
    auto promise = std::make_shared<QPromise<BackupResult>>();
    QFuture<BackupResult> future = promise->future();
    promise->start();
    if (passphrase.size() < kMinPassphraseLength) {
        return finished(promise,
                        BackupResult(QCoreApplication::translate(
                                         "Node", "Choose a passphrase of at least %1 characters. A few "
                                                 "unrelated words are easy to remember and hard to guess.")
                                         .arg(kMinPassphraseLength)));
    }
    const crypto::IdentityKeyPair identity = m_parts->open->profile->identity();
    const crypto::PassphraseCost cost = m_parts->config.backupCost;
    auto secret = std::make_shared<PassphraseBytes>(passphrase);
    const bool started =
        m_parts->identityJob.start([identity, cost, secret, promise]() -> BackgroundJob::Finish {
            auto text = crypto::sealIdentityBackup(identity, secret->bytes, cost);
            return deliverTo(promise, text ? BackupResult(IdentityBackup{
                                                 identity.peerId(), QString::fromStdString(text.value())})
                                           : BackupResult(backupErrorText(text.error())));
        });
    if (!started) {
        return finished(promise, BackupResult(busyText()));
    }
    return future;
}

QFuture<RestoreResult> Node::restoreIdentity(const QString& backupText, const QString& passphrase)
{
    auto promise = std::make_shared<QPromise<RestoreResult>>();
    QFuture<RestoreResult> future = promise->future();
    promise->start();
    const std::string text = backupText.toStdString();
    // Said before any work, so a wrong file costs no second of stretching.
    if (auto id = crypto::identityBackupId(text); !id) {
        return finished(promise, RestoreResult(backupErrorText(id.error())));
    }
    const PeerId current = id();
    const QString dir = profileDir();
    auto secret = std::make_shared<PassphraseBytes>(passphrase);
    const bool started =
        m_parts->identityJob.start([text, secret, current, dir, promise]() -> BackgroundJob::Finish {
            return deliverTo(promise, [&]() -> RestoreResult {
                auto opened = crypto::openIdentityBackup(text, secret->bytes);
                if (!opened) {
                    return backupErrorText(opened.error());
                }
                const PeerId restored = opened.value().peerId();
                if (restored == current) {
                    return IdentityRestore{restored, false, {}};
                }
                auto kept = storage::Profile::replaceIdentityKey(dir, opened.value());
                if (!kept) {
                    return kept.error();
                }
                return IdentityRestore{restored, true, kept.value().keptFile};
            }());
        });
    if (!started) {
        return finished(promise, RestoreResult(busyText()));
    }
    return future;
}

} // namespace confab::api
