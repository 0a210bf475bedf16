#include "level_meter_widget.h"

#include "theme.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace confab::ui {

namespace {
// Above this (-1 dBFS) the voice is about to clip.
constexpr double kHotFill = 59.0 / 60.0;
} // namespace

LevelMeterWidget::LevelMeterWidget(QWidget* parent) : QWidget(parent)
{
    setAccessibleName(tr("Microphone level"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void LevelMeterWidget::setLevel(double peak)
{
    peak = std::clamp(peak, 0.0, 1.0);
    if (peak == m_peak) {
        return;
    }
    m_peak = peak;
    const int db = m_peak > 0 ? static_cast<int>(std::lround(20.0 * std::log10(m_peak))) : -99;
    setAccessibleDescription(db <= kFloorDb ? tr("silent") : tr("%1 dB").arg(db));
    update();
}

double LevelMeterWidget::fill() const
{
    if (m_peak <= 0) {
        return 0;
    }
    const double db = 20.0 * std::log10(m_peak);
    return std::clamp((db - kFloorDb) / -kFloorDb, 0.0, 1.0);
}

QSize LevelMeterWidget::sizeHint() const
{
    const int em = fontMetrics().height();
    return {em * 8, std::max(6, em / 2)};
}

QSize LevelMeterWidget::minimumSizeHint() const
{
    const int em = fontMetrics().height();
    return {em * 3, std::max(6, em / 2)};
}

void LevelMeterWidget::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = palette();
    const QRectF outline = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    const double radius = outline.height() / 2;
    painter.setPen(theme::bubbleBorder(pal));
    painter.setBrush(pal.color(QPalette::Base));
    painter.drawRoundedRect(outline, radius, radius);
    const double filled = fill();
    if (filled <= 0) {
        return;
    }
    QRectF bar = outline.adjusted(1, 1, -1, -1);
    bar.setWidth(std::max(bar.height(), bar.width() * filled));
    painter.setPen(Qt::NoPen);
    painter.setBrush(filled >= kHotFill ? theme::danger(pal)
                                        : (isEnabled() ? pal.color(QPalette::Highlight)
                                                       : pal.color(QPalette::Disabled, QPalette::Highlight)));
    painter.drawRoundedRect(bar, bar.height() / 2, bar.height() / 2);
}

} // namespace confab::ui
