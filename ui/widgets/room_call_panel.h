#pragma once

#include "api/node_types.h"

#include <QFrame>

#include <vector>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace confab::ui {

// A room's call at the top of the room: one row per other member in it —
// their name, their part in it in words (calling you, ringing, connecting,
// in the call), whether they are speaking, and Silence (or Hear) to stop or
// start hearing them here while the others still do — with Mute and Leave
// Call for this side, or Join and Decline while it rings here. Every control
// is a button on the Tab chain with a name a screen reader reads, and each
// row reads as one sentence ("Ann, in the call, speaking").
class RoomCallPanel : public QFrame {
    Q_OBJECT
public:
    // A member speaks while their sound, as played here, peaks above this (0..1 of full scale).
    static constexpr double kSpeakingLevel = 0.03;

    // One link of the call and the name of the member at its other end.
    struct Member {
        api::CallView link;
        QString name;
    };

    explicit RoomCallPanel(QWidget* parent = nullptr);

    // The call as a whole (CallController::currentCall()), how many are in
    // it here, and each member in it. Rows stay where they are from one
    // report to the next, so the keyboard stays on the button it was on.
    void showCall(const api::CallView& call, int peopleInCall, const std::vector<Member>& members);

    [[nodiscard]] static bool isSpeaking(const api::CallView& link);
    // What a screen reader reads for a member's row.
    [[nodiscard]] static QString rowText(const Member& member, bool joined);

    [[nodiscard]] QString titleText() const;
    [[nodiscard]] QString stateText() const;
    [[nodiscard]] QString noticeText() const;
    [[nodiscard]] int rowCount() const { return static_cast<int>(m_rows.size()); }
    // A member's row and its parts; null when the member is not listed.
    [[nodiscard]] QWidget* row(const PeerId& peer) const;
    [[nodiscard]] QLabel* stateLabel(const PeerId& peer) const;
    [[nodiscard]] QLabel* speakingLabel(const PeerId& peer) const;
    [[nodiscard]] QPushButton* silenceButton(const PeerId& peer) const;
    [[nodiscard]] QPushButton* joinButton() const { return m_join; }
    [[nodiscard]] QPushButton* declineButton() const { return m_decline; }
    [[nodiscard]] QPushButton* muteButton() const { return m_mute; }
    [[nodiscard]] QPushButton* leaveButton() const { return m_leave; }

signals:
    void silenceToggled(const confab::PeerId& peer, bool silenced);
    void muteToggled(bool muted);
    void joinRequested();
    void declineRequested();
    void leaveRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Row {
        PeerId peer;
        QWidget* widget = nullptr;
        QLabel* name = nullptr;
        QLabel* state = nullptr;
        QLabel* speaking = nullptr;
        QPushButton* silence = nullptr;
        bool speaks = false;
        bool silenced = false;
    };

    [[nodiscard]] const Row* find(const PeerId& peer) const;
    [[nodiscard]] Row* find(const PeerId& peer);
    Row& addRow(const PeerId& peer);
    void updateRow(Row& row, const Member& member, bool joined);
    // Removes the rows of members no longer in `members`; true if any went.
    bool removeRowsNotIn(const std::vector<Member>& members);
    // Names line up in one column, however long (up to a limit).
    void alignNames(const std::vector<Member>& members);
    // Tab goes from this side's buttons down the rows, in the order shown.
    void chainTabs();
    void updateColours();
    void colourRow(const Row& row) const;

    QLabel* m_title;
    QLabel* m_state;
    QPushButton* m_join;
    QPushButton* m_decline;
    QPushButton* m_mute;
    QPushButton* m_leave;
    QLabel* m_notice;
    QVBoxLayout* m_rowsLayout;
    std::vector<Row> m_rows;
};

} // namespace confab::ui
