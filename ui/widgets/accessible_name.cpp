#include "accessible_name.h"

#include <QAbstractSpinBox>
#include <QLineEdit>

namespace confab::ui {

void setSpinBoxAccessibleName(QAbstractSpinBox* box, const QString& name)
{
    box->setAccessibleName(name);
    for (QLineEdit* editor : box->findChildren<QLineEdit*>()) {
        editor->setAccessibleName(name);
    }
}

} // namespace confab::ui
