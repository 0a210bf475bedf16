#include "portaudio_session.h"

#include <portaudio.h>

namespace confab::audio {

PortAudioSession::PortAudioSession() : m_error(Pa_Initialize())
{
}

PortAudioSession::~PortAudioSession()
{
    if (m_error == paNoError) {
        Pa_Terminate();
    }
}

std::string PortAudioSession::error() const
{
    return ok() ? std::string() : std::string(Pa_GetErrorText(m_error));
}

} // namespace confab::audio
