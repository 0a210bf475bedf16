#pragma once

#include <QObject>
#include <QPoint>
#include <QStringList>

#include <functional>

class QMimeData;
class QWidget;

namespace confab::ui {

// The absolute paths of the files and folders a drag from a file manager
// carries; empty unless every item is a local file.
QStringList localPaths(const QMimeData* mime);

// Lets files and folders be dropped on a widget (a view's viewport):
// accepts drags of local files where `acceptsAt` (widget coordinates) says
// so, everywhere by default, and reports the drop.
class FileDropTarget : public QObject {
    Q_OBJECT
public:
    FileDropTarget(QWidget& target, std::function<bool(const QPoint&)> acceptsAt = {});

signals:
    void dropped(const QStringList& paths, const QPoint& position);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    std::function<bool(const QPoint&)> m_acceptsAt;
};

} // namespace confab::ui
