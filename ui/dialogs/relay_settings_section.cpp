#include "relay_settings_section.h"

#include "widgets/accessible_name.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace confab::ui {

RelaySettingsSection::RelaySettingsSection(QWidget* parent)
    : QGroupBox(tr("Relaying"), parent),
      m_carry(new QCheckBox(tr("Ca&rry messages and files for others"), this)), m_store(new QSpinBox(this)),
      m_rate(new QSpinBox(this)), m_note(new QLabel(this))
{
    auto* about =
        new QLabel(tr("Peers that cannot reach each other directly can send their messages and files "
                      "through this computer. They are sealed: it cannot read them."),
                   this);
    about->setWordWrap(true);
    about->setAccessibleName(tr("About relaying"));

    m_carry->setAccessibleName(tr("Carry messages and files for others"));
    m_carry->setToolTip(
        tr("Hold and pass on messages, and pass file drops on, between peers that cannot reach "
           "each other directly. Both are sealed: this computer cannot read them. File drops "
           "for others take at most the speed set below of this computer's network."));
    m_carry->setChecked(true);
    m_store->setRange(api::kMinRelayStoreMb, api::kMaxRelayStoreMb);
    m_store->setSuffix(tr(" MiB"));
    setSpinBoxAccessibleName(m_store, tr("Storage limit for messages carried for others, in MiB"));
    m_store->setToolTip(tr("The most disk space that messages held for peers who are away may take. Each "
                           "peer that hands messages over may fill only a small share of it."));
    m_rate->setRange(0, api::kMaxRelayRateKib);
    m_rate->setSingleStep(256);
    m_rate->setSuffix(tr(" KiB/s"));
    m_rate->setSpecialValueText(tr("None passed on"));
    setSpinBoxAccessibleName(m_rate, tr("Speed for file drops passed on for others, in KiB per second"));
    m_rate->setToolTip(tr("The most of this computer's network that file drops between other peers may "
                          "take, all of them together; 0 passes none on. 2560 KiB/s is about 20 Mbit/s."));
    m_note->setWordWrap(true);
    m_note->setAccessibleName(tr("Carrying messages in this run"));
    m_note->hide();
    // Nothing is stored for others while not carrying: the limit has nothing to limit.
    connect(m_carry, &QCheckBox::toggled, m_store, &QSpinBox::setEnabled);
    connect(m_carry, &QCheckBox::toggled, m_rate, &QSpinBox::setEnabled);
    connect(m_rate, &QSpinBox::valueChanged, this, &RelaySettingsSection::updateNote);
    connect(m_carry, &QCheckBox::toggled, this, &RelaySettingsSection::updateNote);
    connect(m_store, &QSpinBox::valueChanged, this, &RelaySettingsSection::updateNote);

    auto* storeLabel = new QLabel(tr("Storage &limit:"), this);
    storeLabel->setBuddy(m_store);
    // A number of a few digits: the box keeps its own width, not the row's.
    auto* storeRow = new QHBoxLayout;
    storeRow->addWidget(m_store);
    storeRow->addStretch(1);
    auto* rateLabel = new QLabel(tr("Fil&es, at most:"), this);
    rateLabel->setBuddy(m_rate);
    auto* rateRow = new QHBoxLayout;
    rateRow->addWidget(m_rate);
    rateRow->addStretch(1);
    auto* form = new QFormLayout;
    form->addRow(m_carry);
    form->addRow(storeLabel, storeRow);
    form->addRow(rateLabel, rateRow);
    // Wrapped texts outside the form: a form row does not grow with them.
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(about);
    layout->addLayout(form);
    layout->addWidget(m_note);
}

void RelaySettingsSection::load(const api::ProfileSettings& settings, const api::NodeStatus& status)
{
    m_savedCarry = settings.relayCarry;
    m_savedStoreMb = settings.relayStoreMb;
    m_carryInForce = status.relayCarry;
    m_storeInForce = status.relayStoreMb > 0 ? status.relayStoreMb : settings.relayStoreMb;
    m_savedRateKib = settings.relayRateKib;
    m_rateInForce = status.relayRateKib;
    m_rateOverridden = status.relayRateSetAtStart;
    m_carryOverridden = status.relayCarrySetAtStart;
    m_storeOverridden = status.relayStoreSetAtStart;
    // Overridden, a box shows what is in force, not a saved choice that does not apply.
    m_loadedCarry = m_carryOverridden ? m_carryInForce : m_savedCarry;
    m_loadedStoreMb = m_storeOverridden ? m_storeInForce : m_savedStoreMb;
    m_loadedRateKib = m_rateOverridden ? m_rateInForce : m_savedRateKib;
    m_carry->setChecked(m_loadedCarry);
    m_store->setEnabled(m_loadedCarry);
    m_store->setValue(m_loadedStoreMb);
    m_rate->setEnabled(m_loadedCarry);
    m_rate->setValue(m_loadedRateKib);
    m_loaded = true;
    updateNote();
}

void RelaySettingsSection::fillIn(api::ProfileSettings& settings) const
{
    // Left as shown while an option overrides it: the saved choice stays.
    const bool keepCarry = m_carryOverridden && m_carry->isChecked() == m_loadedCarry;
    settings.relayCarry = keepCarry ? m_savedCarry : m_carry->isChecked();
    const bool keepStore = m_storeOverridden && m_store->value() == m_loadedStoreMb;
    settings.relayStoreMb = keepStore ? m_savedStoreMb : m_store->value();
    const bool keepRate = m_rateOverridden && m_rate->value() == m_loadedRateKib;
    settings.relayRateKib = keepRate ? m_savedRateKib : m_rate->value();
}

QString RelaySettingsSection::note() const
{
    return m_note->isHidden() ? QString() : m_note->text();
}

void RelaySettingsSection::updateNote()
{
    if (!m_loaded) {
        return;
    }
    QStringList options; // given at start, overriding the settings
    if (m_carryOverridden) {
        options << (m_carryInForce ? QStringLiteral("--relay on") : QStringLiteral("--relay off"));
    }
    if (m_storeOverridden) {
        options << QStringLiteral("--relay-store-mb %1").arg(m_storeInForce);
    }
    if (m_rateOverridden) {
        options << QStringLiteral("--relay-rate-kib %1").arg(m_rateInForce);
    }
    const QString inForce =
        m_carryInForce ? tr("Confab carries messages for others in this run, keeping up to %1 MiB for them, "
                            "and passes their files on at up to %2 KiB/s")
                             .arg(m_storeInForce)
                             .arg(m_rateInForce)
                       : tr("Confab carries no messages for others in this run");
    const bool changed =
        m_carry->isChecked() != m_carryInForce ||
        (m_carry->isChecked() && (m_store->value() != m_storeInForce || m_rate->value() != m_rateInForce));
    QString text;
    if (!options.isEmpty()) {
        text = tr("%1: it was started with %2, which overrides these settings. What you choose here applies "
                  "when Confab starts without that option.")
                   .arg(inForce, options.join(QLatin1Char(' ')));
    } else if (changed) {
        text = tr("%1; your choice applies from the next start.").arg(inForce);
    }
    m_note->setText(text);
    m_note->setVisible(!text.isEmpty());
}

} // namespace confab::ui
