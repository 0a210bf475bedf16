#pragma once

#include "api/node_client.h"

#include <QDialog>
#include <QPointer>

class QFormLayout;
class QLabel;
class QMessageBox;
class QPushButton;

namespace confab::ui {

class AvatarView;

// A peer's picture (or initials), name (with the one it announces beside a nickname given here),
// ID, address, whether it is blocked, how it is reached (in words: directly, or through
// which peer and how many hops away) and the pair's safety number, with "Mark as verified"
// once the user has compared the number with the peer in person. Loads what
// it shows from the node and updates when it changes. Enter closes it (Close
// is the default button); marking verified, or taking it back, asks first.
class PeerDetailsDialog : public QDialog {
    Q_OBJECT
public:
    PeerDetailsDialog(api::NodeClient& client, const PeerId& peer, QWidget* parent = nullptr);

    [[nodiscard]] const PeerId& peer() const { return m_peer; }
    [[nodiscard]] bool isLoaded() const { return m_loaded; }
    [[nodiscard]] QString safetyNumber() const;
    [[nodiscard]] bool isVerified() const { return m_verified; }
    [[nodiscard]] QPushButton* verifyButton() const { return m_verify; }
    [[nodiscard]] AvatarView* avatar() const { return m_avatar; }
    // What the dialog shows as presence ("online", "via Bob") and why the
    // peer is reached the way it is.
    [[nodiscard]] QString presenceText() const;
    [[nodiscard]] QString routeText() const;
    [[nodiscard]] QString statusText() const;
    // The name the peer announces, shown while a nickname names it; empty otherwise.
    [[nodiscard]] QString announcedNameText() const;
    // The sentence explaining the route to a peer called `name`.
    static QString routeExplanation(const api::PeerDetails& details, const QString& name);
    // The safety number with a line break after every third group, as shown.
    static QString groupedForReading(const QString& number);

private:
    // Asks whether the user compared the number (or, when verified, whether
    // to take it back); stores the change only on a deliberate yes.
    void askToChangeVerification();
    void load();
    void onDetails(const api::PeerDetails& details);

    api::NodeClient& m_node;
    PeerId m_peer;
    QFormLayout* m_form = nullptr;
    AvatarView* m_avatar;
    QLabel* m_name;
    QLabel* m_announced;
    QLabel* m_id;
    QLabel* m_address;
    QLabel* m_presence;
    QLabel* m_route;
    QLabel* m_status;
    QLabel* m_number;
    QLabel* m_numberHint;
    QPushButton* m_verify;
    QPushButton* m_close = nullptr;
    QPointer<QMessageBox> m_confirmation;
    bool m_loaded = false;
    bool m_verified = false;
    QString m_rawNumber;
};

} // namespace confab::ui
