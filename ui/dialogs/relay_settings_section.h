#pragma once

#include "api/node_types.h"

#include <QGroupBox>

class QCheckBox;
class QLabel;
class QSpinBox;

namespace confab::ui {

// The settings dialog's part about relaying: whether this computer carries
// sealed messages between peers that cannot reach each other, how much
// disk space it keeps for them, and how fast it passes their file drops on. The node's relay keeps what it
// was started with, so a change applies from the next start, and the section says so. As with discovery, an
// option given at start (--relay, --relay-store-mb,
// --relay-rate-kib)
// overrides the setting: the boxes then show what is in force, a note says
// why, and the saved choice stays unless the user changes the box.
class RelaySettingsSection : public QGroupBox {
    Q_OBJECT
public:
    explicit RelaySettingsSection(QWidget* parent = nullptr);

    void load(const api::ProfileSettings& settings, const api::NodeStatus& status);
    // Writes the choice to save into `settings`.
    void fillIn(api::ProfileSettings& settings) const;
    // What the section says about this run; empty when nothing needs saying.
    [[nodiscard]] QString note() const;
    [[nodiscard]] QCheckBox* carryBox() const { return m_carry; }
    [[nodiscard]] QSpinBox* storeBox() const { return m_store; }
    [[nodiscard]] QSpinBox* rateBox() const { return m_rate; }

private:
    void updateNote();

    QCheckBox* m_carry;
    QSpinBox* m_store;
    QSpinBox* m_rate;
    QLabel* m_note;
    bool m_loaded = false;
    // As saved, as in force in this run, whether an option given at start
    // chose it, and what the boxes showed when loaded.
    bool m_savedCarry = true;
    int m_savedStoreMb = 0;
    int m_savedRateKib = 0;
    bool m_carryInForce = true;
    int m_storeInForce = 0;
    int m_rateInForce = 0;
    bool m_carryOverridden = false;
    bool m_storeOverridden = false;
    bool m_rateOverridden = false;
    bool m_loadedCarry = true;
    int m_loadedStoreMb = 0;
    int m_loadedRateKib = 0;
};

} // namespace confab::ui
