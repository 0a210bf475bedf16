#pragma once

#include "base/result.h"
#include "crypto/identity.h"
#include "profile_lock.h"
#include "profile_settings.h"

#include <QString>

#include <memory>
#include <optional>

namespace confab::storage {

// The profile folder (mode 0700) and what lives in it: the identity key
// (identity.key, 0600), the database, settings and the control socket.
// Holding a Profile holds its lock: one running node per profile.
class Profile {
public:
    // Creates the folder and a new identity on first use. Errors are sentences
    // for the user (folder not writable, profile in use, damaged key file).
    static Result<std::unique_ptr<Profile>, QString> open(const QString& dir);

    [[nodiscard]] const QString& dir() const { return m_dir; }
    [[nodiscard]] const crypto::IdentityKeyPair& identity() const { return *m_identity; }
    [[nodiscard]] bool isNew() const { return m_isNew; }
    [[nodiscard]] QString databasePath() const;
    [[nodiscard]] QString controlSocketPath() const;

    [[nodiscard]] QString displayName() const;
    void setDisplayName(const QString& name);
    // The presence the user chose last ("available", "away", "busy"); empty: never chose.
    [[nodiscard]] QString presence() const;
    void setPresence(const QString& presence);

    // Settings: the display name above plus what the settings dialog shows.
    [[nodiscard]] ProfileSettings settings() const;
    bool saveSettings(const ProfileSettings& settings);

    static QString controlSocketPathFor(const QString& dir);

    // Where a replaced identity key is kept.
    struct ReplacedKey {
        QString keptFile;
    };
    // Makes `identity` the key of the profile in `dir` from its next start
    // (a running node keeps the key it opened with). The key it replaces is
    // kept beside it, 0600, as identity-replaced-<time>.key, and at every
    // moment one of the two keys is identity.key, even on a crash. Returns
    // the kept file's path, or a sentence for the user. Touches files only,
    // so it may run on any thread.
    static Result<ReplacedKey, QString> replaceIdentityKey(const QString& dir,
                                                           const crypto::IdentityKeyPair& identity);

private:
    Profile(QString dir, std::unique_ptr<ProfileLock> lock);

    QString m_dir;
    std::unique_ptr<ProfileLock> m_lock;
    std::optional<crypto::IdentityKeyPair> m_identity;
    bool m_isNew = false;
};

} // namespace confab::storage
