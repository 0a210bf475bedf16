#pragma once

#include <QListView>

namespace confab::ui {

class ConversationModel;

// Shows a ConversationModel newest at the bottom: loads older pages when
// scrolled to the top (keeping what is on screen in place) and follows new
// messages while the user is at the bottom.
class ConversationView : public QListView {
    Q_OBJECT
public:
    explicit ConversationView(QWidget* parent = nullptr);
    void setConversation(ConversationModel* model);

private:
    void copySelection();
    bool atBottom() const;

    ConversationModel* m_model = nullptr;
    int m_distanceFromBottom = 0;
    bool m_followBottom = true;
};

} // namespace confab::ui
