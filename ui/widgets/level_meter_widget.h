#pragma once

#include <QWidget>

namespace confab::ui {

// A microphone level: a bar filled from the left, on a decibel scale (-60 to
// 0 dBFS) so that speech moves it visibly, in the palette's highlight colour
// (the danger colour near clipping).
class LevelMeterWidget : public QWidget {
    Q_OBJECT
public:
    static constexpr double kFloorDb = -60.0;

    explicit LevelMeterWidget(QWidget* parent = nullptr);

    // Peak amplitude, 0..1 of full scale.
    void setLevel(double peak);
    [[nodiscard]] double level() const { return m_peak; }
    // How full the bar is, 0..1.
    [[nodiscard]] double fill() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    double m_peak = 0;
};

} // namespace confab::ui
