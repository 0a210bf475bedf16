#include "window_fit.h"

#include <QEvent>
#include <QLayout>
#include <QPointer>
#include <QTimer>
#include <QWidget>

namespace confab::ui {

namespace {

// Lives as the window's child: watches for layout requests and fits after
// the layouts (the window's and those nested in it) have handled them.
class TextFitter : public QObject {
public:
    explicit TextFitter(QWidget* window) : QObject(window), m_window(window)
    {
        window->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (watched == m_window &&
            (event->type() == QEvent::LayoutRequest || event->type() == QEvent::Show) && !m_queued) {
            m_queued = true;
            // After the event: the layout applies the change first.
            QTimer::singleShot(0, this, [this] { fit(); });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    void fit()
    {
        m_queued = false;
        if (!m_window || !m_window->isVisible()) {
            return;
        }
        if (QLayout* layout = m_window->layout()) {
            layout->activate();
        }
        const int needed = m_window->heightForWidth(m_window->width());
        if (needed > m_window->height()) {
            m_window->resize(m_window->width(), needed);
        }
    }

    QPointer<QWidget> m_window;
    bool m_queued = false;
};

} // namespace

void keepTallEnoughForText(QWidget* window)
{
    new TextFitter(window);
}

} // namespace confab::ui
