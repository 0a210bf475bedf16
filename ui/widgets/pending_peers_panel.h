#pragma once

#include "api/node_types.h"

#include <QFrame>

#include <map>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace confab::ui {

// Under the peer list: the addresses added by hand that no peer has
// answered from yet — "Trying 192.168.1.20:42042…", then why it failed, in
// words — each with a Cancel button. Rows are updated in place, so the
// keyboard stays on a Cancel button while the node keeps trying.
class PendingPeersPanel : public QFrame {
    Q_OBJECT
public:
    explicit PendingPeersPanel(QWidget* parent = nullptr);

    void setPending(const api::PendingPeers& pending);
    // Cancel buttons follow `widget` in the Tab order.
    void setTabPredecessor(QWidget* widget) { m_predecessor = widget; }

    [[nodiscard]] QStringList addresses() const;
    // What the row of `address` says; empty when there is no such row.
    [[nodiscard]] QString text(const QString& address) const;
    [[nodiscard]] QPushButton* cancelButton(const QString& address) const;
    // The sentence a row shows.
    static QString describe(const api::PendingPeer& peer);

signals:
    void cancelRequested(const QString& address);

private:
    struct Row {
        QWidget* widget = nullptr;
        QLabel* label = nullptr;
        QPushButton* cancel = nullptr;
    };
    Row makeRow(const QString& address);
    void orderTabs();

    QVBoxLayout* m_rows;
    std::map<QString, Row> m_byAddress;
    QStringList m_order; // as the node lists them
    QWidget* m_predecessor = nullptr;
};

} // namespace confab::ui
