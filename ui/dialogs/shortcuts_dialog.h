#pragma once

#include <QDialog>

class QAction;
class QTableWidget;

namespace confab::ui {

// Help → Keyboard Shortcuts: every menu command that has keys, taken from
// the menus themselves (so the list cannot fall behind them), then the keys
// that work without a menu (Enter sends, Shift+F10 opens a peer's menu ...).
// A read-only table the keyboard can walk and a screen reader reads.
class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    // `menus`: the menu bar's actions (each with its menu).
    ShortcutsDialog(const QList<QAction*>& menus, QWidget* parent = nullptr);

    [[nodiscard]] QTableWidget* table() const { return m_table; }
    // "Peer menu: Rename…" style text of each row, with its keys: for tests.
    [[nodiscard]] QStringList rows() const;

    // "&Rename…" as a person reads it: "Rename…".
    static QString withoutMnemonic(QString text);

private:
    void addSection(const QString& title);
    void addRow(const QString& what, const QString& keys);

    QTableWidget* m_table;
};

} // namespace confab::ui
