#include "background_job.h"

#include <QMetaObject>

namespace confab::api {

BackgroundJob::~BackgroundJob()
{
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

bool BackgroundJob::start(Work work)
{
    if (m_busy) {
        return false;
    }
    if (m_thread.joinable()) {
        m_thread.join(); // finished already: its result has been delivered
    }
    m_busy = true;
    m_thread = std::thread([this, work = std::move(work)] {
        Finish finish = work();
        // Queued to this object: dropped by Qt if it is destroyed first.
        QMetaObject::invokeMethod(
            this,
            [this, finish = std::move(finish)] {
                m_busy = false;
                finish();
            },
            Qt::QueuedConnection);
    });
    return true;
}

} // namespace confab::api
