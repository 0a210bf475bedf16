#include "theme.h"

namespace confab::ui::theme {

QColor mix(const QColor& a, const QColor& b, double t)
{
    const auto channel = [t](float x, float y) { return static_cast<float>(x + (y - x) * t); };
    const QColor ra = a.toRgb();
    const QColor rb = b.toRgb();
    return QColor::fromRgbF(channel(ra.redF(), rb.redF()), channel(ra.greenF(), rb.greenF()),
                            channel(ra.blueF(), rb.blueF()));
}

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5f;
}

QColor outgoingBubble(const QPalette& palette)
{
    return mix(palette.color(QPalette::Base), palette.color(QPalette::Highlight),
               isDark(palette) ? 0.4 : 0.2);
}

QColor incomingBubble(const QPalette& palette)
{
    return mix(palette.color(QPalette::Base), palette.color(QPalette::Text), isDark(palette) ? 0.1 : 0.05);
}

QColor bubbleBorder(const QPalette& palette)
{
    return mix(palette.color(QPalette::Base), palette.color(QPalette::Text), 0.2);
}

QColor mutedText(const QPalette& palette)
{
    return mix(palette.color(QPalette::Text), palette.color(QPalette::Base), 0.4);
}

QColor linkColor(const QPalette& palette)
{
    const QColor link = palette.color(QPalette::Link);
    // Some dark palettes keep the light theme's dark-blue link colour.
    if (isDark(palette) && link.lightnessF() < 0.5f) {
        return mix(link, QColor(Qt::white), 0.5);
    }
    return link;
}

QColor positive(const QPalette& palette)
{
    return isDark(palette) ? QColor(0x56, 0xd3, 0x64) : QColor(0x1a, 0x7f, 0x37);
}

QColor away(const QPalette& palette)
{
    return isDark(palette) ? QColor(0xf2, 0xc1, 0x4e) : QColor(0xb2, 0x6b, 0x00);
}

QColor danger(const QPalette& palette)
{
    return isDark(palette) ? QColor(0xff, 0x7b, 0x72) : QColor(0xc6, 0x28, 0x28);
}

QColor dangerBackground(const QPalette& palette)
{
    return mix(palette.color(QPalette::Base), QColor(0xd9, 0x30, 0x25), isDark(palette) ? 0.3 : 0.12);
}

QColor callBackground(const QPalette& palette)
{
    return mix(palette.color(QPalette::Base), palette.color(QPalette::Highlight),
               isDark(palette) ? 0.25 : 0.12);
}

QPalette darkPalette()
{
    QPalette palette;
    const QColor window(0x2b, 0x2d, 0x31);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xe8, 0xe8, 0xea);
    const QColor disabledText(0x80, 0x82, 0x88);
    const QColor highlight(0x3d, 0x7e, 0xd6);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::ToolTipBase, base);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, disabledText);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    palette.setColor(QPalette::Light, window.lighter(150));
    palette.setColor(QPalette::Midlight, window.lighter(125));
    palette.setColor(QPalette::Mid, window.darker(120));
    palette.setColor(QPalette::Dark, window.darker(160));
    palette.setColor(QPalette::Shadow, QColor(Qt::black));
    palette.setColor(QPalette::Highlight, highlight);
    palette.setColor(QPalette::HighlightedText, QColor(Qt::white));
    palette.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    palette.setColor(QPalette::LinkVisited, QColor(0xc5, 0x8a, 0xf9));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        palette.setColor(QPalette::Disabled, role, disabledText);
    }
    palette.setColor(QPalette::Disabled, QPalette::Base, window);
    palette.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x50, 0x52, 0x58));
    return palette;
}

} // namespace confab::ui::theme
