#pragma once

#include "api/node_types.h"

#include <QDialog>

#include <optional>
#include <vector>

class QLabel;
class QLineEdit;
class QPushButton;

namespace confab::ui {

class PeerChecklist;

// Asks for a new room's name and its first members. Create Room is offered
// only once the room can be created: a name that fits and at least one
// member chosen; a line says what is still missing. Whoever opened it reads
// name() and members() once it is accepted.
class CreateRoomDialog : public QDialog {
    Q_OBJECT
public:
    // The most a room's name may take, in UTF-8, as the node checks it.
    static constexpr int kMaxNameBytes = 64;

    explicit CreateRoomDialog(const api::PeerSummaries& peers, QWidget* parent = nullptr);

    // Trimmed.
    [[nodiscard]] QString name() const;
    [[nodiscard]] std::vector<PeerId> members() const;
    // Why the name cannot be used (too long, say); empty when it can, or is empty.
    [[nodiscard]] QString nameProblemText() const;
    // What is missing before the room can be created; empty when nothing is.
    [[nodiscard]] QString hintText() const;

    QLineEdit* nameEdit() const { return m_name; }
    PeerChecklist* checklist() const { return m_members; }
    QPushButton* createButton() const { return m_create; }

    void accept() override;
    // Someone was found or went while the dialog is open.
    void setPeers(const api::PeerSummaries& peers);

private:
    [[nodiscard]] std::optional<QString> nameProblem() const;
    // Offers the default button once nothing is missing, and says what is.
    void checkReady();

    QLineEdit* m_name;
    QLabel* m_nameProblem;
    PeerChecklist* m_members;
    QLabel* m_hint;
    QPushButton* m_create = nullptr;
};

} // namespace confab::ui
